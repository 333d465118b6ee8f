"""How much a batched sweep saves: 8 α trained at once vs the same 8 models one after another.

Digits, a 64-128-10 MLP, batch 64, 20 epochs, SGD with L2, metrics after every epoch in both
(the app needs them). Both use decayviz's thread setting (options.TORCH_THREADS) in this same
process. Prints medians of a few repeats and the ratio; never passes or fails on time.

    python bench/training.py [--repeats 5] [--epochs 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch

from decayviz.training import train_sweep
from decayviz.training.data import load
from decayviz.training.options import TORCH_THREADS
from decayviz.training.reference import train_reference

ALPHAS = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1)
SETTINGS = {"penalty": "l2", "optimizer": "sgd", "lr": 0.1, "hidden": 128, "batch_size": 64, "seed": 0}


def batched(epochs: int) -> float:
    start = time.perf_counter()
    train_sweep("digits", ALPHAS, epochs=epochs, **SETTINGS)
    return time.perf_counter() - start


def sequential(epochs: int) -> float:
    data = load("digits")
    start = time.perf_counter()
    for alpha in ALPHAS:
        train_reference(data.X_train, data.X_val, data.y_train, data.y_val, alpha, epochs=epochs, **SETTINGS)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    args = parser.parse_args()
    batched(1)  # warm up: data set, kernels
    sequential(1)
    torch.set_num_threads(TORCH_THREADS)
    batched_times, sequential_times = [], []
    for _ in range(args.repeats):  # interleaved, so machine noise hits both alike
        batched_times.append(batched(args.epochs))
        sequential_times.append(sequential(args.epochs))
    b, s = statistics.median(batched_times), statistics.median(sequential_times)
    print(
        f"{len(ALPHAS)} models, digits, hidden 128, batch 64, {args.epochs} epochs, "
        f"torch threads {TORCH_THREADS}"
    )
    print(f"batched sweep:          median {b:.3f} s  (runs: {', '.join(f'{x:.2f}' for x in batched_times)})")
    print(
        f"one after another:      median {s:.3f} s  (runs: {', '.join(f'{x:.2f}' for x in sequential_times)})"
    )
    print(f"ratio sequential/batched: {s / b:.2f}×  (budget: ≥ 4×)")
    if args.json:
        figures = {"batched_s": round(b, 3), "sequential_s": round(s, 3), "ratio": round(s / b, 2)}
        print(json.dumps({"models": len(ALPHAS), "epochs": args.epochs, **figures}))


if __name__ == "__main__":
    main()

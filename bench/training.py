"""How much batching saves: models trained at once by decayviz's engine vs the same models one
after another with torch.optim, in this same process, with decayviz's thread setting
(options.TORCH_THREADS) for both. Prints medians of a few interleaved repeats and their ratios
(and the machine's load, which moves every figure); never passes or fails on time. The ratio is
of wall times; beside it, the ratio of the process's CPU times, which a busy machine moves less
(time spent waiting for a core does not count).

Three runs, all on digits with metrics after every epoch (the app needs them):
- sweep: the 8-α sweep, a 64-128-10 MLP, batch 64, SGD with L2, 20 epochs (budget: ≥ 8×);
- default scene: the network page's default run (what Train trains when the page opens);
- grid: the page's lr × α grid (its grid scene), Adam with L2 and AdamW, 2 × 36 networks
  (budget: ≤ 10 s).

    python bench/training.py [--repeats 5] [--skip-grid] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch

from decayviz.scenes import PRESETS
from decayviz.state import defaults, sweep_request
from decayviz.training import SweepConfig, train_sweep
from decayviz.training.data import load
from decayviz.training.grids import grid_config, start_grids
from decayviz.training.options import GRID_ALPHAS, GRID_LRS, GRID_OPTIMIZERS, TORCH_THREADS
from decayviz.training.reference import train_reference

SWEEP_ALPHAS = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1)
SWEEP = SweepConfig(penalty="l2", optimizer="sgd", lr=0.1, hidden=128, batch_size=64, seed=0)
SWEEP_EPOCHS = 20
# the grid the network page trains in its grid scene, with the scene's run settings and epochs
_grid_scene, _, GRID_EPOCHS = sweep_request(defaults("network") | PRESETS["network"]["n_grid"])
GRID = grid_config(_grid_scene)


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - start, time.process_time() - cpu


def one_by_one(config: SweepConfig, alphas, epochs: int, lrs=None) -> None:
    """The same models with torch.optim, one after another."""
    data = load(config.dataset)
    keywords = config.keywords()
    del keywords["dataset"], keywords["lr"]
    for lr in lrs or (config.lr,):
        for alpha in alphas:
            train_reference(
                data.X_train, data.X_val, data.y_train, data.y_val, alpha, epochs=epochs, lr=lr, **keywords
            )


def batched_sweep(config: SweepConfig, alphas, epochs: int) -> None:
    keywords = config.keywords()
    train_sweep(keywords.pop("dataset"), alphas, epochs=epochs, **keywords)


def batched_grid(epochs: int) -> None:
    """Both optimizers' grids, trained as the page's worker trains them."""
    grids = start_grids(GRID, GRID_LRS, GRID_ALPHAS)
    for _ in range(epochs):
        grids.train_epoch()


def grid_one_by_one(epochs: int) -> None:
    for optimizer in GRID_OPTIMIZERS:
        one_by_one(replace(GRID, optimizer=optimizer), GRID_ALPHAS, epochs, lrs=GRID_LRS)


def compare(
    label: str, models: int, batched: Callable[[], object], sequential: Callable[[], object], repeats: int
):
    batched(), sequential()  # warm up: data set, kernels
    batched_times, sequential_times = [], []
    for _ in range(repeats):  # interleaved, so machine noise hits both alike
        batched_times.append(timed(batched))
        sequential_times.append(timed(sequential))
    b, s = (statistics.median(wall for wall, _ in times) for times in (batched_times, sequential_times))
    b_cpu, s_cpu = (statistics.median(cpu for _, cpu in times) for times in (batched_times, sequential_times))
    runs = ", ".join(f"{wall:.3f}" for wall, _ in batched_times)
    print(
        f"{label:16s} {models:3d} models  batched {b:7.3f} s  one by one {s:7.3f} s  "
        f"ratio {s / b:5.2f}×  (CPU {s_cpu / b_cpu:5.2f}×)  batched runs: {runs}"
    )
    return {
        "models": models, "batched_s": round(b, 3), "sequential_s": round(s, 3), "ratio": round(s / b, 2),
        "cpu_ratio": round(s_cpu / b_cpu, 2),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--skip-grid", action="store_true", help="leave out the 72-network grid (slow one by one)"
    )
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    args = parser.parse_args()
    torch.set_num_threads(TORCH_THREADS)
    load_before = os.getloadavg()[0]
    scene, scene_alphas, scene_epochs = sweep_request(defaults("network"))
    figures = {
        "sweep": compare(
            "8-α sweep", len(SWEEP_ALPHAS),
            lambda: batched_sweep(SWEEP, SWEEP_ALPHAS, SWEEP_EPOCHS),
            lambda: one_by_one(SWEEP, SWEEP_ALPHAS, SWEEP_EPOCHS), args.repeats,
        ),
        "default_scene": compare(
            "default scene", len(scene_alphas),
            lambda: batched_sweep(scene, scene_alphas, scene_epochs),
            lambda: one_by_one(scene, scene_alphas, scene_epochs), args.repeats,
        ),
    }  # fmt: skip
    if not args.skip_grid:
        models = len(GRID_OPTIMIZERS) * len(GRID_LRS) * len(GRID_ALPHAS)
        figures["grid"] = compare(
            "lr × α grid", models, lambda: batched_grid(GRID_EPOCHS), lambda: grid_one_by_one(GRID_EPOCHS),
            max(1, args.repeats // 2),
        )  # fmt: skip
    load_after = os.getloadavg()[0]
    print(
        f"digits, torch threads {TORCH_THREADS}, medians of {args.repeats} interleaved repeats; "
        f"budgets: sweep ≥ 8×, grid ≤ 10 s; load average {load_before:.1f} → {load_after:.1f} "
        f"on {os.cpu_count()} cores"
    )
    if args.json:
        # the sweep's figures at the top level (bench/run_all.py reads them), the others beside
        sweep = {**figures.pop("sweep"), "epochs": SWEEP_EPOCHS}
        print(json.dumps({**sweep, **figures, "load": [round(load_before, 1), round(load_after, 1)]}))


if __name__ == "__main__":
    main()

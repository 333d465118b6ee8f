"""The standalone reproduction script: the reference functions' own source plus a few lines that
call them with one configuration. Built from the source files' text, so writing it needs no torch."""

from __future__ import annotations

import ast
import functools
import threading
from pathlib import Path

from decayviz.training.options import DATA_SEED, DEFAULT_EPOCHS
from decayviz.training.result import SweepConfig, check_alphas

_HERE = Path(__file__).parent
_REFERENCE_FUNCTIONS = (
    "SeededDropout",
    "build_mlp",
    "param_groups",
    "make_optimizer",
    "data_loss",
    "evaluate",
    "train_one",
)
# CPython 3.11's AST constructor is not safe in two threads at once (python/cpython#106905): a
# class of sessions building this script together once raised "AST constructor recursion depth
# mismatch". So the sources are parsed once per process, one thread at a time.
_PARSING = threading.Lock()


@functools.cache
def _function_sources(path: Path, names: tuple[str, ...]) -> tuple[str, ...]:
    """The exact source text (decorators included) of the named top-level functions and classes,
    in order."""
    text = path.read_text(encoding="utf-8")
    found = {}
    with _PARSING:
        tree = ast.parse(text)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name in names:
            start = min([d.lineno for d in node.decorator_list] + [node.lineno])
            found[node.name] = "\n".join(text.splitlines()[start - 1 : node.end_lineno])
    return tuple(found[name] for name in names)


# Which epoch the script reports: the last, or with early stopping the one of lowest validation loss.
_LAST_EPOCH = '    epoch = len(history["train_loss"])  # the last epoch\n'
_BEST_EPOCH = '    epoch = history["best_epoch"][-1]  # early stopping: the epoch of lowest validation loss\n'
_EPOCH_KEY = '        "epoch": epoch,\n'


def _call_arguments(keywords: dict) -> str:
    return ", ".join(["lr", "weight_decay", *(f"{name}={value!r}" for name, value in keywords.items())])


def reproduction_script(dataset: str, alpha: float, *, epochs: int = DEFAULT_EPOCHS, **keywords) -> str:
    """A standalone Python script that trains `dataset` with this α and these keywords (those of
    train_sweep) using torch.optim, and prints one JSON line {"val_accuracy": …, "train_loss": …}:
    the last epoch's numbers, or with early_stopping those of the epoch of lowest validation loss
    (and that "epoch")."""
    (alpha,) = check_alphas([alpha])
    if int(epochs) < 1:
        raise ValueError(f"epochs must be at least 1, not {epochs!r}")
    config = SweepConfig(dataset=dataset, **keywords)
    (split,) = _function_sources(_HERE / "data.py", (f"{dataset}_split",))
    functions = _function_sources(_HERE / "reference.py", _REFERENCE_FUNCTIONS)
    optimizer, optimizer_keywords = config.torch_optimizer()
    settings = {"alpha": alpha, **config.keywords(), "epochs": int(epochs)}
    settings |= {"optimizer": optimizer, "optimizer_keywords": optimizer_keywords}
    for name in ("dataset", "early_stopping", "momentum"):
        del settings[name]
    arguments = "".join(f"        {name}={value!r},\n" for name, value in settings.items())
    weight_decay = f"weight_decay = 2 * alpha = {2 * alpha!r}" if config.penalty == "l2" else "L1 in the loss"
    torch_call = f"torch.optim.{optimizer}({_call_arguments(optimizer_keywords)})"
    extras = f", dropout {config.dropout!r}" if config.dropout else ""
    extras += ", early stopping" if config.early_stopping else ""
    header = f'''"""Weight decay in PyTorch: one run of decayviz's network page, reproduced with torch.optim.

Data set {dataset!r}, penalty {config.penalty} with alpha = {alpha!r} ({weight_decay}),
optimizer {config.optimizer}: {torch_call}{extras}.
Needs numpy, scikit-learn and torch. Prints one JSON line.

The chapter's penalty is alpha * ||W||^2, whose gradient is 2 * alpha * W. torch.optim's
weight_decay=λ adds λ * W to the gradient (the gradient of (λ/2) * ||W||^2), hence λ = 2 * alpha.
"""

import json

import torch
from torch import nn
'''
    main = f"""if __name__ == "__main__":
    torch.set_num_threads(1)  # a network this small trains several times faster on one core
    X_train, X_val, y_train, y_val = {dataset}_split({DATA_SEED})
    history = train_one(
        X_train,
        X_val,
        y_train,
        y_val,
{arguments}    )
{_BEST_EPOCH if config.early_stopping else _LAST_EPOCH}    final = {{
        "val_accuracy": history["val_accuracy"][epoch - 1],
        "train_loss": history["train_loss"][epoch - 1],
{_EPOCH_KEY if config.early_stopping else ""}    }}
    print(json.dumps(final))
"""
    return "\n\n\n".join([header.rstrip("\n"), split, *functions, main])

"""What a sweep is asked to do and what it gives back, as plain Python and numpy (no torch), so
results can sit in a session and figures can be built without importing torch."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np

from decayviz.rules import NESTEROV_MOMENTUM, Hyper, network_rule
from decayviz.training.options import DATASETS, OPTIMIZERS, PENALTIES


@dataclass(frozen=True)
class SweepConfig:
    """Everything about a run except the α values (and how many epochs). Beside the penalty, two
    other regularizers: `dropout`, the rate at which hidden units are zeroed during training (the
    same masks for every α), and `early_stopping`, which keeps each network as it was after its
    epoch of lowest validation loss."""

    dataset: str = "digits"
    penalty: str = "l2"
    optimizer: str = "sgd"
    lr: float = 0.1
    hidden: int = 64
    depth: int = 1
    batch_size: int = 64
    decay_bias: bool = False
    momentum: float = 0.0
    seed: int = 0
    dropout: float = 0.0
    early_stopping: bool = False

    def __post_init__(self) -> None:
        for name, value, allowed in (
            ("dataset", self.dataset, DATASETS),
            ("penalty", self.penalty, PENALTIES),
            ("optimizer", self.optimizer, OPTIMIZERS),
        ):
            if value not in allowed:
                raise ValueError(f"unknown {name} {value!r}; choose one of {', '.join(allowed)}")
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise ValueError(f"the learning rate must be a positive number, not {self.lr!r}")
        if not 0 <= self.momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), not {self.momentum!r}")
        if self.optimizer == "nesterov" and self.momentum == 0:  # Nesterov needs one: 0.9 unless given
            object.__setattr__(self, "momentum", NESTEROV_MOMENTUM)
        if not 0 <= self.dropout < 1:
            raise ValueError(f"the dropout rate must be in [0, 1), not {self.dropout!r}")
        for name in ("hidden", "batch_size"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)!r}")
        if int(self.depth) < 0:
            raise ValueError(f"depth must be 0 or more, not {self.depth!r}")

    def torch_optimizer(self) -> tuple[str, dict]:
        """The torch.optim class name and keyword arguments (besides lr and weight_decay) of
        this run's rule, from the registry: what the reference and the script train with."""
        name, keywords = network_rule(self.optimizer).torch_optimizer(Hyper(momentum=self.momentum))
        return name, keywords

    def keywords(self) -> dict:
        """The keyword arguments of train_sweep / reproduction_script that this config sets."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def check_alphas(alphas) -> tuple[float, ...]:
    """The α values as floats; refuses an empty list, negatives, NaN and infinities."""
    values = tuple(float(a) for a in alphas)
    if not values:
        raise ValueError("choose at least one α")
    bad = [a for a in values if not (math.isfinite(a) and a >= 0)]
    if bad:
        raise ValueError(f"α must be a finite number ≥ 0, not {bad[0]!r}")
    return values


def check_lrs(lrs) -> tuple[float, ...]:
    """The learning rates as floats; refuses an empty list and anything not finite and positive."""
    values = tuple(float(lr) for lr in lrs)
    if not values:
        raise ValueError("choose at least one learning rate")
    bad = [lr for lr in values if not (math.isfinite(lr) and lr > 0)]
    if bad:
        raise ValueError(f"the learning rate must be a positive number, not {bad[0]!r}")
    return values


@dataclass(frozen=True)
class BoundaryGrid:
    """P(class 1) of each model on a regular grid over the 2-D inputs: probability[m, row, col]
    at (xs[col], ys[row])."""

    xs: np.ndarray
    ys: np.ndarray
    probability: np.ndarray


@dataclass(frozen=True)
class SweepResult:
    """A sweep's outcome so far. history[i][metric] has one value per epoch for alphas[i]; the
    lists of a model that diverged stop before the epoch it diverged (diverged_at[i], 1-based),
    so no NaN ever reaches a chart. branched_from[i] is (α, epoch) when model i was continued
    from another α's weights at that epoch, else None. best_epoch[i] is the epoch (1-based) of
    model i's lowest validation loss so far (None before its first epoch); with early stopping
    that epoch's network is the one kept: `weights`, `boundary` and `final` are of that epoch."""

    config: SweepConfig
    alphas: tuple[float, ...]
    history: list[dict[str, list[float]]]
    diverged_at: list[int | None]
    branched_from: list[tuple[float, int] | None]
    epochs_done: int
    weights: tuple[np.ndarray, ...]  # per layer, shape (models, out, in); zeros for diverged models
    best_epoch: list[int | None]
    boundary: BoundaryGrid | None = None

    @property
    def kept_epoch(self) -> list[int | None]:
        """Per α, the epoch whose network the run keeps and reports: the best one with early
        stopping, else the last one trained (None for a model without any epoch)."""
        if self.config.early_stopping:
            return list(self.best_epoch)
        return [len(h["train_loss"]) or None for h in self.history]

    def final(self, metric: str) -> list[float | None]:
        """The value of `metric` per α at the kept epoch: the last epoch's, or with early stopping
        the best epoch's (None for a model that diverged before any epoch)."""
        return [
            h[metric][epoch - 1] if epoch else None
            for h, epoch in zip(self.history, self.kept_epoch, strict=True)
        ]


@dataclass(frozen=True)
class GridResult:
    """A learning rate × α grid trained as one batch: history[i][j][metric] has one value per
    epoch for lrs[i] and alphas[j] (as SweepResult.history, stopping before the epoch the cell
    diverged, diverged_at[i][j]); every cell saw the same initial weights and minibatches."""

    config: SweepConfig  # its lr is not used: each row has its own
    lrs: tuple[float, ...]
    alphas: tuple[float, ...]
    history: list[list[dict[str, list[float]]]]
    diverged_at: list[list[int | None]]
    epochs_done: int

    def final(self, metric: str) -> np.ndarray:
        """The value of `metric` after the last epoch, shape (len(lrs), len(alphas)); NaN for a
        cell that diverged (its last finite value would flatter it) or has no epoch yet."""
        values = np.full((len(self.lrs), len(self.alphas)), np.nan)
        for i, row in enumerate(self.history):
            for j, cell in enumerate(row):
                if self.diverged_at[i][j] is None and cell[metric]:
                    values[i, j] = cell[metric][-1]
        return values

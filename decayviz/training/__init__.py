"""Training real PyTorch networks with weight decay: the only code that imports torch.

torch takes 1.5 s to import, so this package imports it only when a function that needs it is
called: opening the app, or the network page before its first training, never pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from decayviz.training.options import (
    DATASETS,
    DEFAULT_EPOCHS,
    METRICS,
    OPTIMIZERS,
    PENALTIES,
    SPARSITY_THRESHOLD,
)
from decayviz.training.result import GridResult, SweepConfig, SweepResult, check_lrs
from decayviz.training.script import reproduction_script

if TYPE_CHECKING:
    from torch import nn

    from decayviz.training.engine import SweepTrainer

__all__ = [
    "DATASETS",
    "METRICS",
    "OPTIMIZERS",
    "PENALTIES",
    "SPARSITY_THRESHOLD",
    "GridResult",
    "SweepConfig",
    "SweepResult",
    "param_groups",
    "reproduction_script",
    "start_sweep",
    "train_grid",
    "train_sweep",
]


def param_groups(model: nn.Module, weight_decay: float, decay_bias: bool = False) -> list[dict]:
    """torch.optim parameter groups: weights decayed with `weight_decay`, biases only if asked."""
    from decayviz.training.reference import param_groups as groups

    return groups(model, weight_decay, decay_bias)


_RUN = SweepConfig()  # the defaults, defined once there


def train_sweep(
    dataset: str,
    alphas: Sequence[float],
    penalty: str = _RUN.penalty,
    optimizer: str = _RUN.optimizer,
    epochs: int = DEFAULT_EPOCHS,
    lr: float = _RUN.lr,
    hidden: int = _RUN.hidden,
    batch_size: int = _RUN.batch_size,
    decay_bias: bool = _RUN.decay_bias,
    seed: int = _RUN.seed,
    *,
    depth: int = _RUN.depth,
    momentum: float = _RUN.momentum,
    dropout: float = _RUN.dropout,
    early_stopping: bool = _RUN.early_stopping,
) -> SweepResult:
    """Train one MLP per α, all from the same initial weights, minibatch order and dropout masks,
    as one batched computation; L2 goes to the optimizer as weight_decay = 2α, L1 is added to the
    loss. `dropout` zeroes hidden units at that rate while training; `early_stopping` keeps (and
    reports) each network at its epoch of lowest validation loss (result.best_epoch)."""
    from decayviz.training.engine import train_sweep as sweep

    config = SweepConfig(
        dataset=dataset, penalty=penalty, optimizer=optimizer, lr=lr, hidden=hidden, depth=depth,
        batch_size=batch_size, decay_bias=decay_bias, momentum=momentum, seed=seed, dropout=dropout,
        early_stopping=early_stopping,
    )  # fmt: skip
    return sweep(alphas, config, epochs)


def start_sweep(config: SweepConfig, alphas: Sequence[float]) -> SweepTrainer:
    """A sweep to train epoch by epoch (for live curves and a Stop button)."""
    from decayviz.training.engine import SweepTrainer

    return SweepTrainer(config, alphas)


def train_grid(
    dataset: str,
    lrs: Sequence[float],
    alphas: Sequence[float],
    optimizer: str = "adamw",
    epochs: int = DEFAULT_EPOCHS,
    seed: int = _RUN.seed,
    *,
    penalty: str = _RUN.penalty,
    hidden: int = _RUN.hidden,
    depth: int = _RUN.depth,
    batch_size: int = _RUN.batch_size,
    decay_bias: bool = _RUN.decay_bias,
    momentum: float = _RUN.momentum,
) -> GridResult:
    """Train one MLP per (lr, α) pair, every pair with its own learning rate and α, all from the
    same initial weights and minibatches, as one batched computation: Loshchilov & Hutter's grid
    (Adam with L2 in the gradient against AdamW). result.final(metric) is (len(lrs), len(alphas))."""
    from decayviz.training.engine import train_grid as grid

    lrs = check_lrs(lrs)
    config = SweepConfig(
        dataset=dataset, penalty=penalty, optimizer=optimizer, lr=min(lrs), hidden=hidden,
        depth=depth, batch_size=batch_size, decay_bias=decay_bias, momentum=momentum, seed=seed,
    )  # fmt: skip
    return grid(lrs, alphas, config, epochs)

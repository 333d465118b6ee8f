"""Training real PyTorch networks with weight decay: the only code that imports torch.

torch takes 1.5 s to import, so this package imports it only when a function that needs it is
called: opening the app, or the network page before its first training, never pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from decayviz.training.options import DATASETS, METRICS, NEAR_ZERO, OPTIMIZERS, PENALTIES
from decayviz.training.result import SweepConfig, SweepResult
from decayviz.training.script import reproduction_script

if TYPE_CHECKING:
    from torch import nn

    from decayviz.training.engine import SweepTrainer

__all__ = [
    "DATASETS",
    "METRICS",
    "NEAR_ZERO",
    "OPTIMIZERS",
    "PENALTIES",
    "SweepConfig",
    "SweepResult",
    "param_groups",
    "reproduction_script",
    "start_sweep",
    "train_sweep",
]


def param_groups(model: nn.Module, weight_decay: float, decay_bias: bool = False) -> list[dict]:
    """torch.optim parameter groups: weights decayed with `weight_decay`, biases only if asked."""
    from decayviz.training.reference import param_groups as groups

    return groups(model, weight_decay, decay_bias)


def train_sweep(
    dataset: str,
    alphas: Sequence[float],
    penalty: str = "l2",
    optimizer: str = "sgd",
    epochs: int = 20,
    lr: float = 0.1,
    hidden: int = 64,
    batch_size: int = 64,
    decay_bias: bool = False,
    seed: int = 0,
    *,
    depth: int = 1,
    momentum: float = 0.0,
    dropout: float = 0.0,
    early_stopping: bool = False,
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

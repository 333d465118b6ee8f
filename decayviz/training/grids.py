"""The network page's lr × weight-decay grid (Loshchilov & Hutter 2019, Fig. 2): one grid per
optimizer, Adam with L2 in the gradient and AdamW, trained side by side epoch by epoch so the
server's worker can run, stop and show it like a sweep. No torch here until a grid is built."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from decayviz.training.options import GRID_LRS, GRID_OPTIMIZERS
from decayviz.training.result import GridResult, SweepConfig


class OptimizerGrids:
    """One GridTrainer per optimizer (each one batched computation, every cell its own lr and α),
    trained one epoch each per train_epoch(); result() is a GridResult per optimizer."""

    def __init__(self, config: SweepConfig, lrs: Sequence[float], alphas: Sequence[float]) -> None:
        from decayviz.training.engine import GridTrainer

        self.trainers = [GridTrainer(replace(config, optimizer=o), lrs, alphas) for o in GRID_OPTIMIZERS]
        self.alphas = self.trainers[0].grid_alphas

    @property
    def epochs_done(self) -> int:
        return self.trainers[0].epochs_done

    def train_epoch(self) -> None:
        for trainer in self.trainers:
            trainer.train_epoch()

    def continue_with(self, alphas: Sequence[float]) -> None:
        self.trainers[0].continue_with(alphas)  # refuses: a grid keeps its cells

    def result(self) -> tuple[GridResult, ...]:
        return tuple(trainer.result() for trainer in self.trainers)


def start_grids(config: SweepConfig, lrs: Sequence[float], alphas: Sequence[float]) -> Any:
    """Both optimizers' grids, to train epoch by epoch (the worker's factory for a grid job)."""
    return OptimizerGrids(config, lrs, alphas)


def grid_config(config: SweepConfig) -> SweepConfig:
    """The page's run settings as a grid's: each optimizer and every lr are the grid's own, and
    L2 alone regularizes (no momentum, dropout or early stopping to blur the picture)."""
    return replace(
        config, optimizer=GRID_OPTIMIZERS[-1], lr=GRID_LRS[0], penalty="l2", momentum=0.0, dropout=0.0,
        early_stopping=False,
    )  # fmt: skip

"""Descent on the 2-D landscape, with the loss split into the chapter's two terms."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decayviz.landscape import EllipticLoss
from decayviz.optim import DEFAULTS, Hyper, iterate_runs
from decayviz.penalties import ElasticNet
from decayviz.rules import rule


@dataclass(frozen=True)
class Trajectory:
    """Weights after each step and the two terms of the loss there.

    data_loss is term (1), L(W); penalty_value is term (2); total is their sum. From
    diverged_at on every array holds NaN; `finite_steps` is how many rows can be drawn.
    """

    weights: np.ndarray
    data_loss: np.ndarray
    penalty_value: np.ndarray
    total: np.ndarray
    diverged_at: int | None

    @property
    def finite_steps(self) -> int:
        return len(self.weights) if self.diverged_at is None else self.diverged_at

    @property
    def final(self) -> np.ndarray:
        """The last finite weights."""
        return self.weights[self.finite_steps - 1]

    def first_exact_zero(self) -> int | None:
        """The first step at which some coordinate is exactly 0.0 (never, for subgradient L1)."""
        hits = np.flatnonzero(np.any(self.weights[: self.finite_steps] == 0.0, axis=-1))
        return int(hits[0]) if hits.size else None


def descend(
    loss: EllipticLoss,
    penalty: ElasticNet,
    w0: tuple[float, float] = (-2.5, 2.5),
    optimizer: str = "gd",
    lr: float = 0.1,
    steps: int = 200,
    hyper: Hyper = DEFAULTS,
) -> Trajectory:
    """Minimize L(W) + penalty(W) from w0 with one of optim.OPTIMIZERS."""
    return descend_runs(loss, [penalty], w0, [optimizer], lr, steps, hyper)[0]


def descend_runs(
    loss: EllipticLoss,
    penalties: list[ElasticNet],
    w0: tuple[float, float],
    optimizers: list[str],
    lr: float,
    steps: int,
    hyper: Hyper = DEFAULTS,
) -> list[Trajectory]:
    """Several descents from the same w0 at once (run r: penalties[r], optimizers[r])."""
    weights, diverged = iterate_runs(
        loss.grad, penalties, np.asarray(w0, float), optimizers, lr, steps, hyper
    )
    trajectories = []
    for run, penalty in enumerate(penalties):
        path = weights[:, run]
        data_loss, penalty_value = loss.value(path), penalty.value(path)
        trajectories.append(
            Trajectory(path, data_loss, penalty_value, data_loss + penalty_value, diverged[run])
        )
    return trajectories


def max_stable_lr(loss: EllipticLoss, penalty: ElasticNet, optimizer: str, hyper: Hyper = DEFAULTS) -> float:
    """The largest learning rate for which the rule does not blow up on this quadratic; inf
    where no learning rate makes it blow up. Each rule's formula, and why, is in its registry
    entry (decayviz.rules.RULES): κ = λmax(H) is the data loss's largest curvature and λ = 2α₂ the
    curvature of the penalty's L2 part (α₂ = α(1 − l1_ratio); torch's weight_decay). An L1 part
    only adds a bounded push (α₁·sign W, or a shift by lr·α₁): it moves no limit, though above
    one the proximal step's soft-thresholding can still damp small oscillations, so there only
    far starts blow up.
    """
    curvature = float(np.max(loss.curvatures))
    return rule(optimizer).limit(curvature, 2.0 * float(penalty.l2_weight), hyper)

"""Descent on the 2-D landscape, with the loss split into the chapter's two terms."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decayviz.landscape import EllipticLoss
from decayviz.optim import DEFAULTS, Hyper, iterate_runs
from decayviz.penalties import ElasticNet


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
    where no learning rate makes it blow up.

    λ = λmax(H) is the data loss's largest curvature and ν = 2α₂ the curvature of the penalty's
    L2 part (α₂ = α(1 − l1_ratio); torch's weight_decay). An L1 part only adds a bounded push
    (α₁·sign W, or a shift by lr·α₁): it moves no limit, though above one the proximal step's
    soft-thresholding can still damp small oscillations, so there only far starts blow up.

    - gd: W ← W − lr(H + νI)W + …, stable iff |1 − lr(λ + ν)| < 1: lr < 2/(λ + ν).
    - momentum (heavy ball, torch's SGD buffer): stable iff lr(λ + ν) < 2(1 + μ).
    - nesterov (torch's SGD, nesterov=True): the Jury conditions give lr(λ + ν) < 2(1 + μ)/(1 + 2μ).
    - proximal: a step on L alone, then the prox of the L2 part divides by 1 + ν·lr; each
      direction is multiplied by (1 − lr·λ)/(1 + ν·lr), so |1 − lr·λ| < 1 + ν·lr:
      lr < 2/(λ − ν), and no limit at all when ν ≥ λ.
    - adamw: W is multiplied by the decay factor 1 − ν·lr outside an adaptive step bounded by a
      few lr, which cannot hold W once the factor drops below −1: lr < 2/ν (inf without L2).
    - adam: the penalty is inside the adaptive step, so every step is bounded by a few lr: inf.
    """
    curvature = float(np.max(loss.curvatures))
    decay = 2.0 * float(penalty.l2_weight)
    mu = hyper.momentum
    if optimizer == "gd":
        return 2.0 / (curvature + decay)
    if optimizer == "momentum":
        return 2.0 * (1.0 + mu) / (curvature + decay)
    if optimizer == "nesterov":
        return 2.0 * (1.0 + mu) / ((1.0 + 2.0 * mu) * (curvature + decay))
    if optimizer == "proximal":
        return 2.0 / (curvature - decay) if curvature > decay else float("inf")
    if optimizer == "adamw":
        return 2.0 / decay if decay > 0.0 else float("inf")
    if optimizer == "adam":
        return float("inf")
    raise ValueError(f"unknown optimizer {optimizer!r}")

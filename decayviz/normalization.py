"""Weight decay under a normalization layer: the loss sees only W's direction, so decay cannot
constrain the model; it sets the learning rate (van Laarhoven 2017; Kosson et al. 2024).

The gradient is orthogonal to W, so without decay every step lengthens W and the effective
learning rate lr/‖W‖² falls. With decay (λ = weight_decay = 2α) the length settles where decay's
shrinking balances the gradient's lengthening, and there the angle W turns per step is fixed by
ηλ alone: tan θ = √(2ηλ − (ηλ)²)/(1 − ηλ).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decayviz.descent import Trajectory, descend
from decayviz.landscape import ScaleInvariantLoss
from decayviz.penalties import ElasticNet


def equilibrium_angle(lr: float, weight_decay: float) -> float | None:
    """The angle (radians) turned per step once ‖W‖ has settled, for plain gradient descent with
    decay λ: tan θ = √(2ηλ − (ηλ)²)/(1 − ηλ). None without decay or when 1 − ηλ ≤ −1 (no
    equilibrium: the length then grows without bound)."""
    x = lr * weight_decay
    if not 0.0 < x < 2.0:
        return None
    return float(np.arctan2(np.sqrt(2.0 * x - x * x), 1.0 - x))


def equilibrium_norm(loss: ScaleInvariantLoss, lr: float, weight_decay: float) -> float | None:
    """‖W‖ at the equilibrium: ‖W‖⁴ (1 − (1 − ηλ)²) = η² pull², where ‖∇L‖‖W‖ = pull."""
    x = lr * weight_decay
    if not 0.0 < x < 2.0:
        return None
    return float(np.sqrt(lr * loss.pull / np.sqrt(2.0 * x - x * x)))


@dataclass(frozen=True)
class NormalizedRun:
    """A descent on a direction-only loss, and what a normalization layer makes of it: the
    length of W, the effective learning rate lr/‖W‖² and the angle turned by each step
    (radians; entry k is the turn from step k to k + 1), over the finite steps."""

    trajectory: Trajectory
    norms: np.ndarray
    effective_lr: np.ndarray
    angles: np.ndarray
    predicted_angle: float | None
    predicted_norm: float | None
    lr: float

    @property
    def predicted_effective_lr(self) -> float | None:
        """lr/‖W‖² at the equilibrium."""
        return None if self.predicted_norm is None else self.lr / self.predicted_norm**2

    def settled_at(self, tolerance: float = 0.01) -> int | None:
        """The first step from which every later angle is within `tolerance` (relative) of the
        predicted one; None when there is no prediction or it is not reached."""
        if self.predicted_angle is None or not self.angles.size:
            return None
        off = np.abs(self.angles - self.predicted_angle) > tolerance * self.predicted_angle
        if off[-1]:
            return None
        later = np.flatnonzero(off)
        return int(later[-1] + 1) if later.size else 0


def normalized_run(
    loss: ScaleInvariantLoss,
    penalty: ElasticNet,
    w0: tuple[float, float],
    optimizer: str,
    lr: float,
    steps: int,
) -> NormalizedRun:
    """descend, unchanged, on the direction-only loss; the prediction is for plain gradient
    descent with an L2 penalty (decay λ = 2α), the case the formula covers."""
    trajectory = descend(loss, penalty, w0=w0, optimizer=optimizer, lr=lr, steps=steps)
    weights = trajectory.weights[: trajectory.finite_steps]
    norms = np.linalg.norm(weights, axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        effective = np.where(norms > 0, lr / np.where(norms > 0, norms, 1.0) ** 2, np.inf)
        cosines = np.sum(weights[1:] * weights[:-1], axis=-1) / (norms[1:] * norms[:-1])
    angles = np.arccos(np.clip(np.nan_to_num(cosines, nan=1.0), -1.0, 1.0))
    plain_l2 = optimizer == "gd" and penalty.l1_weight == 0.0
    decay = 2.0 * float(penalty.l2_weight)
    angle = equilibrium_angle(lr, decay) if plain_l2 else None
    norm = equilibrium_norm(loss, lr, decay) if plain_l2 else None
    return NormalizedRun(trajectory, norms, effective, angles, angle, norm, lr)

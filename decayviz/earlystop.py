"""Early stopping as a penalty (Goodfellow et al., Deep Learning, §7.8): gradient descent from
W₀ = 0 on a quadratic, stopped at step k, lies near the ridge path Ŵ(α).

Along the Hessian's eigenvector i (curvature λᵢ), the stopped descent keeps 1 − (1 − ηλᵢ)ᵏ of W*'s
coordinate and Ŵ(α) keeps λᵢ/(λᵢ + 2α). When the curvatures are equal, one α makes the two agree
in every direction at once; otherwise no α does, and the nearest one leaves a gap, which is
measured here rather than assumed away.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decayviz.descent import descend
from decayviz.landscape import EllipticLoss
from decayviz.penalties import NoPenalty

# The α searched for each step: a log grid wide enough for any curvature the page offers, then a
# golden-section refinement around the best grid point; α = 0 (W*) and α = ∞ (0) are candidates too.
_GRID = np.logspace(-14, 8, 1101)
_REFINE = 80  # golden-section steps: the bracket shrinks by 0.618⁸⁰ ≈ 2e-17 in log α


@dataclass(frozen=True)
class EarlyStopMatch:
    """For each step k of descent from 0: its weights, the nearest point Ŵ(α) of the ridge path, that
    α (inf at k = 0, where the descent is still at 0 = Ŵ(∞)) and the distance between the two."""

    weights: np.ndarray  # (steps + 1, 2)
    alphas: np.ndarray  # (finite steps,)
    ridge: np.ndarray  # (finite steps, 2)
    gaps: np.ndarray  # (finite steps,)
    diverged_at: int | None
    lr: float

    @property
    def finite_steps(self) -> int:
        return len(self.alphas)

    def nearest_step(self, alpha: float, loss: EllipticLoss) -> tuple[int, float]:
        """The step whose stopped descent is nearest Ŵ(alpha), and how near."""
        target = ridge_point(loss, alpha)
        distances = np.linalg.norm(self.weights[: self.finite_steps] - target, axis=-1)
        step = int(np.argmin(distances))
        return step, float(distances[step])


def ridge_point(loss: EllipticLoss, alpha: float | np.ndarray) -> np.ndarray:
    """Ŵ(α) = (H + 2αI)⁻¹ H W* for one α or an array of them (shape (..., 2)); Ŵ(∞) = 0."""
    alpha = np.asarray(alpha, dtype=float)
    coords = loss.rotation.T @ loss.w_star  # W* along the Hessian's eigenvectors
    with np.errstate(invalid="ignore"):
        kept = np.where(
            np.isinf(alpha[..., None]), 0.0, loss.curvatures / (loss.curvatures + 2.0 * alpha[..., None])
        )
    return (kept * coords) @ loss.rotation.T


def _distance(loss: EllipticLoss, W: np.ndarray, log_alpha: np.ndarray) -> np.ndarray:
    """‖Ŵ(α) − W‖ for each row of W (k, 2) at each of its log α (k, m)."""
    points = ridge_point(loss, np.exp(log_alpha))
    return np.linalg.norm(points - W[:, None, :], axis=-1)


def nearest_alphas(loss: EllipticLoss, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row of W (k, 2): the α whose Ŵ(α) is nearest, and the distance."""
    W = np.atleast_2d(np.asarray(W, dtype=float))
    logs = np.broadcast_to(np.log(_GRID), (len(W), len(_GRID)))
    distances = _distance(loss, W, logs)
    best = np.argmin(distances, axis=1)
    lo = np.log(_GRID[np.maximum(best - 1, 0)])
    hi = np.log(_GRID[np.minimum(best + 1, len(_GRID) - 1)])
    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    for _ in range(_REFINE):  # golden section on each row's bracket, all rows at once
        a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        pair = _distance(loss, W, np.stack([a, b], axis=1))
        left = pair[:, 0] < pair[:, 1]
        hi, lo = np.where(left, b, hi), np.where(left, lo, a)
    log_alpha = 0.5 * (lo + hi)
    alphas = np.exp(log_alpha)
    gaps = _distance(loss, W, log_alpha[:, None])[:, 0]
    # the path's two ends, 0 (α = ∞) and W* (α = 0), which no finite grid reaches
    for end, value in ((np.inf, np.zeros(2)), (0.0, loss.w_star)):
        distance = np.linalg.norm(W - value, axis=-1)
        closer = distance <= gaps
        alphas, gaps = np.where(closer, end, alphas), np.where(closer, distance, gaps)
    return alphas, gaps


def early_stopping_match(loss: EllipticLoss, lr: float, steps: int) -> EarlyStopMatch:
    """Plain gradient descent from W₀ = 0 (no penalty) and, at every step, the nearest Ŵ(α)."""
    trajectory = descend(loss, NoPenalty(), w0=(0.0, 0.0), optimizer="gd", lr=lr, steps=steps)
    finite = trajectory.weights[: trajectory.finite_steps]
    alphas, gaps = nearest_alphas(loss, finite)
    return EarlyStopMatch(
        trajectory.weights, alphas, ridge_point(loss, alphas), gaps, trajectory.diverged_at, lr
    )


def equal_curvature_alpha(curvature: float, lr: float, step: int) -> float:
    """With both curvatures λ, descent stopped at step k is exactly Ŵ(α) for
    2α/(λ + 2α) = (1 − ηλ)ᵏ, i.e. α = λρᵏ / (2(1 − ρᵏ)), ρ = 1 − ηλ (for 0 < ηλ < 1)."""
    rho_k = (1.0 - lr * curvature) ** step
    return np.inf if step == 0 else curvature * rho_k / (2.0 * (1.0 - rho_k))

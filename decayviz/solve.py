"""Exact regularized optima of the 2-D quadratic loss: closed form for L2, KKT enumeration for L1.

Nothing here iterates, so the app can show the true Ŵ(α) and judge every descent path against it.
"""

from __future__ import annotations

import numpy as np

from decayviz.landscape import EllipticLoss
from decayviz.penalties import L1, L2, ElasticNet, NoPenalty

# Sign patterns of a candidate's support: both coordinates free, one free, none.
_BOTH = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])


def _objective(A: np.ndarray, b: np.ndarray, lam: np.ndarray, W: np.ndarray) -> np.ndarray:
    """½WᵀAW − bᵀW + λ‖W‖₁ for candidates W (..., k, 2)."""
    quad = 0.5 * np.einsum("...ki,...ij,...kj->...k", W, A, W)
    return quad - np.einsum("...ki,...i->...k", W, b) + lam[..., None] * np.abs(W).sum(-1)


def lasso_2d(A: np.ndarray, b: np.ndarray, lam: np.ndarray | float) -> np.ndarray:
    """argmin_W ½WᵀAW − bᵀW + λ‖W‖₁ for positive definite 2×2 A, batched over leading axes.

    The minimizer is the stationary point of the smooth problem restricted to its own support
    and sign pattern, so it is one of seven candidates; among the sign-consistent ones it has
    the least objective. Coordinates off the support are exactly 0.0.
    """
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    lam = np.broadcast_to(np.asarray(lam, dtype=float), b.shape[:-1])
    batch = b.shape[:-1]

    # Both coordinates non-zero with signs s: A W = b − λ s.
    rhs = b[..., None, :] - lam[..., None, None] * _BOTH
    both = np.linalg.solve(A[..., None, :, :], rhs[..., None])[..., 0]
    both_ok = np.all(np.sign(both) == _BOTH, axis=-1)

    # One coordinate non-zero: soft-threshold along that axis, the other exactly 0.
    single = np.zeros((*batch, 2, 2))
    for i in range(2):
        bi = b[..., i]
        single[..., i, i] = np.sign(bi) * np.maximum(np.abs(bi) - lam, 0.0) / A[..., i, i]
    single_ok = np.ones((*batch, 2), dtype=bool)

    zero = np.zeros((*batch, 1, 2))
    candidates = np.concatenate([both, single, zero], axis=-2)
    valid = np.concatenate([both_ok, single_ok, np.ones((*batch, 1), dtype=bool)], axis=-1)
    objective = np.where(valid, _objective(A, b, lam, candidates), np.inf)
    best = np.argmin(objective, axis=-1)
    return np.take_along_axis(candidates, best[..., None, None], axis=-2)[..., 0, :]


def regularized_optimum(loss: EllipticLoss, penalty: ElasticNet) -> np.ndarray:
    """Ŵ(α) = argmin L(W) + penalty(W), exactly (|error| < 1e-8)."""
    if isinstance(penalty, NoPenalty) or penalty.alpha == 0.0:
        return loss.w_star.copy()
    H = loss.hessian
    A = H + 2.0 * penalty.l2_weight * np.eye(2)
    b = H @ loss.w_star
    if penalty.l1_weight == 0.0:
        return np.linalg.solve(A, b)  # L2: (H + 2αI)⁻¹ H W*
    return lasso_2d(A, b, penalty.l1_weight)


def regularization_path(
    loss: EllipticLoss, kind: str, alphas: np.ndarray, l1_ratio: float = 0.5
) -> np.ndarray:
    """Exact optima Ŵ(α) for each α, shape (len(alphas), 2); kind is "l1", "l2" or "elasticnet"."""
    alphas = np.asarray(alphas, dtype=float)
    ratio = {"l1": 1.0, "l2": 0.0, "elasticnet": l1_ratio}[kind]
    H = loss.hessian
    A = H + 2.0 * (alphas * (1.0 - ratio))[:, None, None] * np.eye(2)
    b = np.broadcast_to(H @ loss.w_star, (len(alphas), 2))
    return lasso_2d(A, b, alphas * ratio)


def constraint_radius(penalty: ElasticNet, W: np.ndarray) -> float:
    """t such that W lies on the boundary of the penalty's ball of radius t.

    L2: ‖W‖₂ (a circle), L1: ‖W‖₁ (a diamond), elastic net: l1_ratio‖W‖₁ + (1−l1_ratio)‖W‖₂²
    (the budget of its rounded diamond). Penalized and constrained problems share the optimum
    when the budget is t: that is the constraint behind the penalty.
    """
    W = np.asarray(W, dtype=float)
    if isinstance(penalty, L2) or penalty.kind == "none":
        return float(np.linalg.norm(W))
    if isinstance(penalty, L1):
        return float(np.abs(W).sum())
    r = penalty.l1_ratio
    return float(r * np.abs(W).sum() + (1.0 - r) * (W**2).sum())


def ball_boundary(penalty: ElasticNet, radius: float, n_points: int = 241) -> np.ndarray:
    """Points (n_points, 2) of {W : constraint_radius(penalty, W) = radius}: circle, diamond, or
    the elastic net's rounded diamond, traced exactly along each direction from the origin."""
    phi = np.linspace(0.0, 2.0 * np.pi, n_points)
    direction = np.stack([np.cos(phi), np.sin(phi)], axis=-1)
    l1_of_direction = np.abs(direction).sum(-1)
    if isinstance(penalty, L2) or penalty.kind == "none":
        scale = np.full(n_points, radius)
    elif isinstance(penalty, L1):
        scale = radius / l1_of_direction
    else:  # r·s·|u|₁ + (1−r)·s² = radius, solved for s ≥ 0
        r = penalty.l1_ratio
        if r == 1.0:
            scale = radius / l1_of_direction
        else:
            b = r * l1_of_direction
            scale = (-b + np.sqrt(b**2 + 4.0 * (1.0 - r) * radius)) / (2.0 * (1.0 - r))
    return direction * scale[:, None]


def adamw_box_halfwidth(alpha: float) -> float:
    """1/weight_decay = 1/(2α): AdamW with full-batch steps ends inside ‖W‖∞ ≤ this (Xie & Li)."""
    return np.inf if alpha <= 0 else 1.0 / (2.0 * alpha)


def box_constrained_optimum(loss: EllipticLoss, halfwidth: float) -> np.ndarray:
    """argmin L(W) subject to ‖W‖∞ ≤ halfwidth, exactly, by enumerating the active sets."""
    if np.all(np.abs(loss.w_star) <= halfwidth):
        return loss.w_star.copy()
    H, b = loss.hessian, loss.hessian @ loss.w_star
    candidates = []
    for i in range(2):
        j = 1 - i
        for side in (-1.0, 1.0):
            W = np.zeros(2)
            W[i] = side * halfwidth
            W[j] = np.clip((b[j] - H[j, i] * W[i]) / H[j, j], -halfwidth, halfwidth)
            candidates.append(W)
    candidates = np.array(candidates)
    return candidates[np.argmin(loss.value(candidates))]

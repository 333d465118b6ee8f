"""Low rank from decayed factors: a layer written as W = ABᵀ with the chapter's L2 penalty on both
factors, α(‖A‖² + ‖B‖²), is the nuclear-norm penalty 2α‖W‖_* on W (the sum of its singular
values). Fitting a target D, the optimum soft-thresholds D's singular values: L1 on the spectrum,
exact zeros in it, the matrix version of the diamond's corners.

Beside it, the two penalties the chapter puts on W itself: L2 shrinks every singular value by one
factor, L1 on the entries zeroes entries but keeps the rank.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decayviz.penalties import soft_threshold

# A singular value counts toward the rank above this fraction of the largest possible one (‖D‖₂):
# floating point leaves ~1e-15 where an exact zero is meant.
RANK_TOLERANCE = 1e-9


def factored_optimum(d: np.ndarray, alpha: float) -> np.ndarray:
    """Singular values of the optimum W = ABᵀ of ½‖ABᵀ − D‖² + α(‖A‖² + ‖B‖²), for D with
    singular values d: max(d − 2α, 0), in d's order (since min over A, B with ABᵀ = W of
    ‖A‖² + ‖B‖² is 2‖W‖_*)."""
    d = np.asarray(d, dtype=float)
    if np.any(d < 0) or not np.all(np.isfinite(d)):
        raise ValueError("singular values must be finite and non-negative")
    if not (np.isfinite(alpha) and alpha >= 0):
        raise ValueError("alpha must be finite and non-negative")
    return np.maximum(d - 2.0 * alpha, 0.0)


def l2_optimum(D: np.ndarray, alpha: float) -> np.ndarray:
    """argmin_W ½‖W − D‖² + α‖W‖²: D/(1 + 2α), every singular value shrunk by one factor."""
    return np.asarray(D, dtype=float) / (1.0 + 2.0 * alpha)


def l1_entries_optimum(D: np.ndarray, alpha: float) -> np.ndarray:
    """argmin_W ½‖W − D‖² + α‖W‖₁ (on the entries): each entry soft-thresholded by α."""
    return soft_threshold(D, alpha)


def factored_matrix(D: np.ndarray, alpha: float) -> np.ndarray:
    """The optimum W = ABᵀ itself: D's singular vectors with soft-thresholded singular values."""
    U, d, Vt = np.linalg.svd(np.asarray(D, dtype=float), full_matrices=False)
    return (U * factored_optimum(d, alpha)) @ Vt


def singular_values(W: np.ndarray) -> np.ndarray:
    """W's singular values, largest first."""
    return np.linalg.svd(np.asarray(W, dtype=float), compute_uv=False)


def rank(W: np.ndarray, scale: float | None = None) -> int:
    """How many singular values are not zero (relative to `scale`, by default the largest)."""
    sigma = singular_values(W)
    top = scale if scale is not None else (sigma[0] if sigma.size else 0.0)
    return int(np.sum(sigma > RANK_TOLERANCE * max(top, 1e-300)))


@dataclass(frozen=True)
class FactoredDescent:
    """Gradient descent on A and B: the singular values of ABᵀ (steps + 1, min(D.shape)) at every
    step, largest first; the factors at the end; the objective at every step."""

    singular_values: np.ndarray
    objective: np.ndarray
    A: np.ndarray
    B: np.ndarray
    lr: float


def factored_objective(A: np.ndarray, B: np.ndarray, D: np.ndarray, alpha: float) -> float:
    """½‖ABᵀ − D‖² + α(‖A‖² + ‖B‖²)."""
    return 0.5 * float(np.sum((A @ B.T - D) ** 2)) + alpha * float(np.sum(A**2) + np.sum(B**2))


def factored_descent(
    D: np.ndarray, alpha: float, lr: float = 0.05, steps: int = 500, seed: int = 0, init_scale: float = 0.1
) -> FactoredDescent:
    """Plain gradient descent on ½‖ABᵀ − D‖² + α(‖A‖² + ‖B‖²) from small random factors of full
    width (min(D.shape) columns each), as a network initializes its layers. Nothing in the rule
    asks for low rank: the decay on the factors alone switches singular values off."""
    D = np.asarray(D, dtype=float)
    if D.ndim != 2 or not np.all(np.isfinite(D)):
        raise ValueError("D must be a finite matrix")
    if not (np.isfinite(alpha) and alpha >= 0):
        raise ValueError("alpha must be finite and non-negative")
    if not (np.isfinite(lr) and lr > 0) or steps < 0:
        raise ValueError("lr must be positive and steps non-negative")
    m, n = D.shape
    width = min(m, n)
    rng = np.random.default_rng(seed)
    A = init_scale * rng.standard_normal((m, width))
    B = init_scale * rng.standard_normal((n, width))
    sigmas = np.empty((steps + 1, width))
    objective = np.empty(steps + 1)
    for step in range(steps + 1):
        residual = A @ B.T - D
        sigmas[step] = singular_values(A @ B.T)
        objective[step] = 0.5 * np.sum(residual**2) + alpha * (np.sum(A**2) + np.sum(B**2))
        if step == steps:
            break
        grad_A = residual @ B + 2.0 * alpha * A
        grad_B = residual.T @ A + 2.0 * alpha * B
        A, B = A - lr * grad_A, B - lr * grad_B
    return FactoredDescent(sigmas, objective, A, B, lr)


def stable_factored_lr(D: np.ndarray, alpha: float) -> float:
    """A learning rate with a margin below plain descent's limit near the optimum: there the
    objective's largest curvature is about 2‖D‖₂ + 2α, and descent is stable below its inverse
    times 2; 1/(1.5‖D‖₂ + 2α) keeps a third of that room."""
    top = float(singular_values(D)[0]) if np.asarray(D).size else 0.0
    return 1.0 / (1.5 * top + 2.0 * alpha + 1e-12)


def rank_path(d: np.ndarray, alphas: np.ndarray) -> np.ndarray:
    """The optimum's rank at each α: how many of D's singular values exceed 2α."""
    d = np.asarray(d, dtype=float)
    return np.array([int(np.sum(factored_optimum(d, a) > 0)) for a in np.asarray(alphas, dtype=float)])


@dataclass(frozen=True)
class LowRankPicture:
    """A small picture that is low rank by construction (a sum of `true_rank` outer products),
    with noise that makes it full rank: what decayed factors give back."""

    clean: np.ndarray
    noisy: np.ndarray
    true_rank: int


def low_rank_picture(size: int = 24, noise: float = 0.08, seed: int = 0) -> LowRankPicture:
    """A 'house': a wall, a door and a window, each a rectangle (rank 1 each: rows × columns),
    drawn on a shaded sky (rank 1), so the clean picture has rank 4; then Gaussian noise."""
    if size < 8:
        raise ValueError("the picture needs at least 8 pixels a side")
    grid = np.arange(size)

    def band(lo: float, hi: float) -> np.ndarray:
        return ((grid >= round(lo * size)) & (grid < round(hi * size))).astype(float)

    rows_wall, cols_wall = band(0.4, 0.95), band(0.15, 0.85)
    rows_door, cols_door = band(0.65, 0.95), band(0.55, 0.72)
    rows_window, cols_window = band(0.5, 0.7), band(0.25, 0.45)
    sky = np.linspace(1.0, 0.3, size)  # brighter at the top, even across
    clean = (
        0.6 * np.outer(sky, np.ones(size))
        + 1.4 * np.outer(rows_wall, cols_wall)
        - 1.2 * np.outer(rows_door, cols_door)
        + 0.8 * np.outer(rows_window, cols_window)
    )
    rng = np.random.default_rng(seed)
    noisy = clean + noise * rng.standard_normal(clean.shape)
    return LowRankPicture(clean, noisy, true_rank=rank(clean))


# The three penalties the low-rank section sets side by side, in its order.
PENALTY_KINDS = ("factors", "l2", "l1_entries")


@dataclass(frozen=True)
class LowRankSection:
    """What the low-rank section shows at one α: the picture, the optimum under each penalty
    (PENALTY_KINDS) with its singular values, rank and share of exactly-zero entries, the rank of
    each over `alphas`, and gradient descent on the factors."""

    picture: LowRankPicture
    alpha: float
    d: np.ndarray
    matrices: dict[str, np.ndarray]
    spectra: dict[str, np.ndarray]
    ranks: dict[str, int]
    zero_entries: dict[str, float]
    alphas: np.ndarray
    rank_paths: dict[str, np.ndarray]
    descent: FactoredDescent

    @property
    def descent_gap(self) -> float:
        """The largest distance, at the last step, between the descent's singular values and
        the closed form's."""
        return float(np.max(np.abs(self.descent.singular_values[-1] - self.spectra["factors"])))


def lowrank_section(alpha: float, alphas: np.ndarray, steps: int, seed: int = 0) -> LowRankSection:
    """The low-rank section's numbers: a noisy low-rank picture D (its noise drawn from `seed`)
    fitted under each penalty at `alpha`, the ranks over `alphas`, and `steps` of descent on the
    factors (from a start drawn from the same seed)."""
    picture = low_rank_picture(seed=seed)
    D = picture.noisy
    d = singular_values(D)
    matrices = {
        "factors": factored_matrix(D, alpha),
        "l2": l2_optimum(D, alpha),
        "l1_entries": l1_entries_optimum(D, alpha),
    }
    spectra = {"factors": factored_optimum(d, alpha)} | {
        kind: singular_values(matrices[kind]) for kind in ("l2", "l1_entries")
    }
    alphas = np.asarray(alphas, dtype=float)
    rank_paths = {
        "factors": rank_path(d, alphas),
        "l2": np.full(len(alphas), rank(D)),  # D/(1 + 2α) keeps every singular value
        "l1_entries": np.array([rank(l1_entries_optimum(D, a), scale=d[0]) for a in alphas]),
    }
    return LowRankSection(
        picture=picture,
        alpha=float(alpha),
        d=d,
        matrices=matrices,
        spectra=spectra,
        ranks={
            kind: rank(W, scale=d[0]) if kind != "factors" else int(np.sum(spectra[kind] > 0))
            for kind, W in matrices.items()
        },
        zero_entries={kind: float(np.mean(W == 0.0)) for kind, W in matrices.items()},
        alphas=alphas,
        rank_paths=rank_paths,
        descent=factored_descent(D, alpha, lr=stable_factored_lr(D, alpha), steps=steps, seed=seed),
    )

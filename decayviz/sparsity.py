"""Many weights at once: regression problems, exact regularization paths, sparsity statistics.

Everything here is exact where the page claims exactness: `coefficient_path` solves each
penalized least-squares problem to its KKT conditions (closed form for L2), and the Monte Carlo
finds each 2-D constrained optimum in closed form, so a coordinate counted as zero is 0.0.
Penalties follow the seed's convention: L2 is α‖w‖² (no ½), L1 is α‖w‖₁.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np

from decayviz.optim import iterate_runs
from decayviz.penalties import make_penalty

PATH_KINDS = ("l1", "l2", "elasticnet")

# The three descents of the "over iterations" view: (name, penalty, optimizer).
DESCENT_RUNS = (("l1_proximal", "l1", "proximal"), ("l1_subgradient", "l1", "gd"), ("l2", "l2", "gd"))
# Weights this close to 0 count as "near zero": where a subgradient run chatters without landing.
CHATTER_BAND = 1e-2

# KKT conditions hold to this relative tolerance: |∂L/∂w_j| ≤ α₁(1 + tol) off the support (α₁ the L1 weight).
_KKT_TOL = 1e-11
# A Cholesky pivot this small relative to the largest marks a (numerically) singular system.
_SINGULAR = 1e-12


@dataclass(frozen=True)
class Problem:
    """Least squares without intercept: X (n, d) with standardized columns, y (n,).

    w_true is the generating weight vector when the problem is synthetic, else None.
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    w_true: np.ndarray | None = None

    @property
    def gram(self) -> np.ndarray:
        """XᵀX/n: the data loss is ½wᵀ(XᵀX/n)w − (Xᵀy/n)ᵀw + const."""
        return self.X.T @ self.X / len(self.y)

    def loss_grad(self, w: np.ndarray) -> np.ndarray:
        """Gradient of the data loss (1/(2n))‖y − Xw‖², for w of shape (..., d)."""
        return (w @ self.X.T - self.y) @ self.X / len(self.y)


def standardize(X: np.ndarray) -> np.ndarray:
    """Columns with mean 0 and variance 1, so one α treats every feature alike; constant columns become 0."""
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    scale = centred.std(axis=0)
    return np.divide(centred, scale, out=np.zeros_like(centred), where=scale > 0)


def diabetes_problem() -> Problem:
    """scikit-learn's shipped diabetes data (442 patients, 10 features), X and y standardized.

    y is standardized too, so α has the same scale here as on the synthetic problem.
    """
    from sklearn.datasets import load_diabetes

    data = load_diabetes(scaled=False)
    y = standardize(data.target[:, None])[:, 0]
    return Problem(standardize(data.data), y, tuple(data.feature_names))


def synthetic_problem(
    n_samples: int = 20, n_features: int = 200, n_nonzero: int = 5, noise: float = 0.5, seed: int = 0
) -> Problem:
    """Few samples, many features, few true non-zeros (d2l's 20 × 200, made sparse).

    The true weights are ±(1..2) on n_nonzero random features and exactly 0 elsewhere.
    """
    rng = np.random.default_rng(seed)
    X = standardize(rng.standard_normal((n_samples, n_features)))
    n_nonzero = min(n_nonzero, n_features)
    w_true = np.zeros(n_features)
    support = rng.choice(n_features, size=n_nonzero, replace=False)
    w_true[support] = rng.choice((-1.0, 1.0), n_nonzero) * rng.uniform(1.0, 2.0, n_nonzero)
    y = X @ w_true + noise * rng.standard_normal(n_samples)
    names = tuple(f"x{j + 1}" for j in range(n_features))
    return Problem(X, y, names, w_true)


PROBLEMS = ("synthetic", "diabetes")


def make_problem(
    name: str, n_samples: int = 20, n_features: int = 200, n_nonzero: int = 5, seed: int = 0
) -> Problem:
    """The page's problem by name (one of PROBLEMS); sizes and seed apply to the synthetic one."""
    if name == "diabetes":
        return diabetes_problem()
    if name == "synthetic":
        return synthetic_problem(n_samples, n_features, n_nonzero, seed=seed)
    raise ValueError(f"unknown problem {name!r}; expected one of {PROBLEMS}")


# The α axis of the paths figure: 10 points a decade, from barely penalized to all but zero.
DISPLAY_ALPHAS = np.logspace(-3.0, 2.0, 51)


def regularization_paths(
    problem: Problem, l1_ratio: float = 0.5, alphas: np.ndarray = DISPLAY_ALPHAS
) -> dict[str, np.ndarray]:
    """coefficient_path for each of PATH_KINDS: kind -> (len(alphas), d)."""
    return {kind: coefficient_path(problem.X, problem.y, kind, alphas, l1_ratio) for kind in PATH_KINDS}


def paths_with_optima(
    problem: Problem, l1_ratio: float, chosen: Sequence[float], alphas: np.ndarray = DISPLAY_ALPHAS
) -> tuple[dict[str, np.ndarray], dict[float, dict[str, np.ndarray]]]:
    """The paths at `alphas` and the exact optimum at each α in `chosen` (chosen α -> kind ->
    (d,)), from one sweep through both: the active-set method follows the path through every
    α, so a page can mark any chosen α later without solving again."""
    both = np.union1d(alphas, np.asarray(chosen, dtype=float))
    paths = regularization_paths(problem, l1_ratio, both)
    shown = np.searchsorted(both, alphas)
    at = {float(a): {kind: paths[kind][np.searchsorted(both, a)] for kind in PATH_KINDS} for a in chosen}
    return {kind: path[shown] for kind, path in paths.items()}, at


def highlighted_features(problem: Problem) -> np.ndarray:
    """The features worth a name and a colour: the true non-zeros if known, else all of them."""
    if problem.w_true is None:
        return np.arange(problem.X.shape[1])
    return np.flatnonzero(problem.w_true)


class PathFacts(NamedTuple):
    """What the paths section says at the chosen α: the data's n samples and d features, how many
    features truly matter (None for measured data), and each penalty's count of exact zeros."""

    n: int
    d: int
    truly_nonzero: int | None
    l1: int
    l2: int
    elasticnet: int


def path_facts(problem: Problem, optima: dict[str, np.ndarray]) -> PathFacts:
    """The facts of the optima at one α (kind -> (d,), as paths_with_optima gives them)."""
    n, d = problem.X.shape
    truly_nonzero = None if problem.w_true is None else int(np.sum(problem.w_true != 0.0))
    zeros = {kind: int(np.sum(optima[kind] == 0.0)) for kind in PATH_KINDS}
    return PathFacts(n, d, truly_nonzero, **zeros)


def optima_at(problem: Problem, alpha: float, l1_ratio: float = 0.5) -> dict[str, np.ndarray]:
    """The exact optimum at one α for each of PATH_KINDS: kind -> (d,)."""
    return {kind: coefficient_path(problem.X, problem.y, kind, [alpha], l1_ratio)[0] for kind in PATH_KINDS}


def _ratio(kind: str, l1_ratio: float) -> float:
    if kind not in PATH_KINDS:
        raise ValueError(f"unknown penalty {kind!r}; expected one of {PATH_KINDS}")
    if not 0.0 <= l1_ratio <= 1.0:
        raise ValueError("l1_ratio must lie in [0, 1]")
    return {"l1": 1.0, "l2": 0.0, "elasticnet": l1_ratio}[kind]


def coefficient_path(
    X: np.ndarray, y: np.ndarray, kind: str, alphas: np.ndarray, l1_ratio: float = 0.5
) -> np.ndarray:
    """Exact minimizers of (1/(2n))‖y − Xw‖² + penalty(w) for each α; shape (len(alphas), d).

    penalty: l2 α‖w‖², l1 α‖w‖₁, elasticnet α(l1_ratio‖w‖₁ + (1 − l1_ratio)‖w‖²); no intercept.
    L2 is closed form (SVD). L1 and elastic net are solved by an active-set method warm-started
    from large α down, each solution a linear solve on its support checked against the KKT
    conditions, so coordinates off the support are exactly 0.0. At α = 0 the result is the
    minimum-norm least-squares fit (one of many minimizers when n < d).
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    alphas = np.asarray(alphas, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or alphas.ndim != 1:
        raise ValueError("expected X of shape (n, d), y of shape (n,) and a 1-D array of alphas")
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y)) and np.all(np.isfinite(alphas))):
        raise ValueError("X, y and alphas must be finite")
    if np.any(alphas < 0):
        raise ValueError("alphas must be non-negative")
    ratio = _ratio(kind, l1_ratio)
    with _one_blas_thread():
        return _path(X, y, ratio, alphas)


def _path(X: np.ndarray, y: np.ndarray, ratio: float, alphas: np.ndarray) -> np.ndarray:
    if ratio == 0.0:
        return _ridge_path(X, y, alphas)
    path = np.zeros((len(alphas), X.shape[1]))
    path[alphas == 0.0] = _ridge_path(X, y, np.zeros(1))  # α = 0: the least-squares fit
    gram = X.T @ X / len(y)
    corr = X.T @ y / len(y)
    # From alpha_zero up every coefficient is 0 (the KKT conditions at w = 0: |Xᵀy/n| ≤ α·l1_ratio).
    alpha_zero = float(np.max(np.abs(corr))) / ratio
    w, alpha_from = np.zeros(X.shape[1]), alpha_zero
    for i in np.argsort(-alphas, kind="stable"):
        if 0.0 < alphas[i] < alpha_zero:
            w = _follow(gram, corr, ratio, w, alpha_from, alphas[i])
            alpha_from = alphas[i]
            path[i] = w
    return path


@cache
def _blas_threads():
    from threadpoolctl import ThreadpoolController  # installed with scikit-learn

    return ThreadpoolController()


def _one_blas_thread():
    """A context with one BLAS thread: on busy cores OpenBLAS runs the many small factorizations
    of the active-set method up to 100× slower when it spreads each over several threads."""
    return _blas_threads().limit(limits=1, user_api="blas")


def _ridge_path(X: np.ndarray, y: np.ndarray, alphas: np.ndarray) -> np.ndarray:
    """(XᵀX/n + 2αI)⁻¹Xᵀy/n for every α at once, through one SVD: V diag(s/(s² + 2nα)) Uᵀy."""
    n = len(y)
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    keep = s > s.max(initial=0.0) * max(X.shape) * np.finfo(float).eps
    U, s, Vt = U[:, keep], s[keep], Vt[keep]
    shrink = s / (s**2 + 2.0 * n * alphas[:, None])
    return (shrink * (U.T @ y)) @ Vt


def _follow(
    gram: np.ndarray, corr: np.ndarray, ratio: float, w: np.ndarray, alpha_from: float, alpha: float
) -> np.ndarray:
    """The solution at alpha, from the one at alpha_from; halves the step in log α if the jump
    is too large for the active-set method (a singular system, which following the path avoids)."""
    solution = _active_set(gram, corr, alpha * ratio, 2.0 * alpha * (1.0 - ratio), w)
    if solution is not None:
        return solution
    if alpha_from / alpha < 1.0 + 1e-6:
        raise RuntimeError("active-set method failed to converge")
    middle = float(np.sqrt(alpha_from * alpha))
    return _follow(gram, corr, ratio, _follow(gram, corr, ratio, w, alpha_from, middle), middle, alpha)


def _active_set(
    gram: np.ndarray, corr: np.ndarray, l1: float, ridge: float, w: np.ndarray
) -> np.ndarray | None:
    """argmin ½wᵀ(G + ridge·I)w − cᵀw + l1‖w‖₁ from a warm start w; None if it needs a singular solve.

    On a fixed support with fixed signs the problem is a linear system. Each pass solves it, and
    if a sign flips on the way, stops where the first weight crosses 0 and drops it (so the
    objective never rises); once signs agree, adds the weight that most violates the KKT bound
    |∂/∂w_j| ≤ l1. It ends when nothing violates it: then w is the exact minimizer.
    """
    d = len(corr)
    w = w.copy()
    active = np.flatnonzero(w)
    signs = np.sign(w[active])
    scale = l1 + float(np.max(np.abs(corr)))
    for _ in range(4 * d + 50):
        if active.size:
            system = gram[np.ix_(active, active)] + ridge * np.eye(active.size)
            target = _solve_pd(system, corr[active] - l1 * signs)
            if target is None:
                return None
            current = w[active]
            flipped = np.sign(target) != signs
            if np.any(flipped):
                fraction = current[flipped] / (current[flipped] - target[flipped])
                step = float(fraction.min())
                w[active] = current + step * (target - current)
                crossed = np.flatnonzero(flipped)[np.argmin(fraction)]
                w[active[crossed]] = 0.0
                keep = w[active] != 0.0
                active, signs = active[keep], signs[keep]
                continue
            w[:] = 0.0
            w[active] = target
        violation = np.abs(corr - gram @ w - ridge * w) - l1
        violation[active] = -np.inf
        j = int(np.argmax(violation))
        if violation[j] <= _KKT_TOL * scale:
            return w
        active = np.append(active, j)
        signs = np.append(signs, np.sign(corr[j] - gram[j] @ w))
    return None


def _solve_pd(system: np.ndarray, rhs: np.ndarray) -> np.ndarray | None:
    """system⁻¹ rhs for a symmetric positive definite system; None when it is (numerically) singular."""
    try:
        factor = np.linalg.cholesky(system)
    except np.linalg.LinAlgError:
        return None
    pivots = np.diag(factor) ** 2
    if pivots.min() < _SINGULAR * pivots.max():
        return None
    return np.linalg.solve(system, rhs)


# --- sparsity over iterations ---


@dataclass(frozen=True)
class DescentFrames:
    """The weights of each run in DESCENT_RUNS at a few recorded steps, for an animation, and
    the random start they share."""

    steps: np.ndarray
    weights: dict[str, np.ndarray]
    lr: float
    start: np.ndarray

    def grew(self, name: str) -> int:
        """How many weights of run `name` end larger in size than they started: the L2 decay
        shrinks every weight by one factor, but the data gradient moves each its own way."""
        return int(np.sum(np.abs(self.weights[name][-1]) > np.abs(self.start)))


def descent_frames(
    problem: Problem, alpha: float, steps: int, frames: int = 50, seed: int = 0
) -> DescentFrames:
    """Descend on the problem's loss + penalty from one random start, three ways (DESCENT_RUNS).

    All runs share lr = 1/(κ + 2α), κ = λmax(XᵀX/n), inside every method's stability limit, so they
    differ only in how they treat the penalty. Steps are recorded on a log scale, where the
    action is: early on everything moves, later only the zeros keep settling. Step 0, the random
    start, is left out: after one step the proximal run may already hold exact zeros.
    """
    with _one_blas_thread():
        curvature = float(np.linalg.eigvalsh(problem.gram)[-1])
    lr = 1.0 / (curvature + 2.0 * alpha)
    w0 = 0.5 * np.random.default_rng(seed).standard_normal(problem.X.shape[1])
    recorded = np.unique(np.round(np.geomspace(1, steps, frames)).astype(int))
    penalties = [make_penalty(kind, alpha) for _, kind, _ in DESCENT_RUNS]
    optimizers = [optimizer for _, _, optimizer in DESCENT_RUNS]
    paths, diverged_at = iterate_runs(problem.loss_grad, penalties, w0, optimizers, lr, steps)
    weights = {}
    for run, (name, _, _) in enumerate(DESCENT_RUNS):
        if diverged_at[run] is not None:  # cannot happen below the stability limit; never draw NaN
            raise RuntimeError(f"{name} diverged at step {diverged_at[run]}")
        weights[name] = paths[recorded, run]
    return DescentFrames(recorded, weights, lr, w0)


class IterationFacts(NamedTuple):
    """What the iterations section says: the d weights, the step size all runs share, each run's
    exact zeros at its last step (DESCENT_RUNS), the exact L1 optimum's zeros, and how many
    weights the L2 run ends larger in size than its start."""

    d: int
    lr: float
    l1_proximal: int
    l1_subgradient: int
    l2: int
    optimum_zeros: int
    l2_grew: int


def iteration_facts(frames: DescentFrames, l1_optimum: np.ndarray) -> IterationFacts:
    """The facts of three descents, against the exact L1 optimum the proximal run heads for."""
    zeros = {name: int(np.sum(w[-1] == 0.0)) for name, w in frames.weights.items()}
    return IterationFacts(
        d=len(l1_optimum),
        lr=frames.lr,
        optimum_zeros=int(np.sum(l1_optimum == 0.0)),
        l2_grew=frames.grew("l2"),
        **zeros,
    )


def weight_histogram(weights: np.ndarray, half_width: float, bins_per_side: int = 20) -> tuple:
    """Counts of the non-zero weights in bins centred on 0, and the count of exact zeros.

    weights: (frames, d). Returns (bin centres (B,), non-zero counts (frames, B), zero counts
    (frames,)), B = 2·bins_per_side + 1; weights beyond ±half_width fall in the end bins. Exact
    zeros are counted apart, so a spike of weights near 0 and a spike at exactly 0 look different.
    """
    width = half_width / (bins_per_side + 0.5)
    n_bins = 2 * bins_per_side + 1
    centres = (np.arange(n_bins) - bins_per_side) * width
    index = np.clip(np.round(weights / width).astype(int) + bins_per_side, 0, n_bins - 1)
    frame = np.broadcast_to(np.arange(len(weights))[:, None], weights.shape)
    nonzero = weights != 0.0
    counts = np.bincount((frame * n_bins + index)[nonzero], minlength=len(weights) * n_bins)
    return centres, counts.reshape(len(weights), n_bins), (~nonzero).sum(axis=1)


# --- how often does L1 give a zero? ---

LOSS_SHAPES = ("elliptic", "circular")
# An optimum within this fraction of the budget from an axis counts as "almost zero".
ALMOST_ZERO = 0.05


class MonteCarloShares(NamedTuple):
    """What the Monte Carlo section says: the share of losses whose L1 optimum, and whose L2
    optimum, has a weight exactly 0, and the share whose L2 optimum has one within ALMOST_ZERO."""

    l1: float
    l2: float
    l2_almost: float


@dataclass(frozen=True)
class MonteCarlo:
    """Random 2-D quadratic losses and their optima inside an L1 and an L2 ball of one budget."""

    w_star: np.ndarray
    l1: np.ndarray
    l2: np.ndarray
    budget: float

    @property
    def l1_zero(self) -> np.ndarray:
        """Whether the L1 optimum has a coordinate exactly 0.0 (it sits on a corner)."""
        return np.any(self.l1 == 0.0, axis=-1)

    @property
    def l2_zero(self) -> np.ndarray:
        return np.any(self.l2 == 0.0, axis=-1)

    def near_zero_share(self, kind: str, tolerance: float = ALMOST_ZERO) -> float:
        """Share of optima with a coordinate within tolerance·budget of 0: counting "almost zero"
        is how a discretized boundary gives L2 zeros at all."""
        optima = self.l1 if kind == "l1" else self.l2
        return float(np.mean(np.any(np.abs(optima) <= tolerance * self.budget, axis=-1)))

    def shares(self) -> MonteCarloShares:
        return MonteCarloShares(
            float(np.mean(self.l1_zero)), float(np.mean(self.l2_zero)), self.near_zero_share("l2")
        )


def random_losses(
    count: int, seed: int, shape: str = "elliptic", budget: float = 1.0, spread: float = 5.0
) -> tuple[np.ndarray, np.ndarray]:
    """(w_star (count, 2), hessians (count, 2, 2)) of random losses ½(W − W*)ᵀH(W − W*).

    Centres are uniform in the square of half-side spread·budget, kept only outside the L2 ball
    of radius budget (which holds the L1 ball), so both constraints bind. "elliptic": each
    curvature log-uniform in [0.1, 10] and a uniform rotation; "circular": equal curvatures.
    """
    if shape not in LOSS_SHAPES:
        raise ValueError(f"unknown loss shape {shape!r}; expected one of {LOSS_SHAPES}")
    if not spread > 1.0:
        raise ValueError("spread must exceed 1: the centres are drawn outside the ball of radius budget")
    rng = np.random.default_rng(seed)
    centres = np.empty((0, 2))
    while len(centres) < count:
        draw = rng.uniform(-spread * budget, spread * budget, size=(count, 2))
        centres = np.concatenate([centres, draw[np.hypot(*draw.T) > budget]])
    centres = centres[:count]
    curvatures = 10.0 ** rng.uniform(-1.0, 1.0, size=(count, 2))
    if shape == "circular":
        curvatures[:, 1] = curvatures[:, 0]
    theta = rng.uniform(0.0, np.pi, size=count)
    cos, sin = np.cos(theta), np.sin(theta)
    rotation = np.stack([np.stack([cos, -sin], -1), np.stack([sin, cos], -1)], -2)
    hessians = np.einsum("nij,nj,nkj->nik", rotation, curvatures, rotation)
    return centres, hessians


def _loss(w: np.ndarray, w_star: np.ndarray, hessians: np.ndarray) -> np.ndarray:
    """½(W − W*)ᵀH(W − W*) for W of shape (N, k, 2) against N losses."""
    diff = w - w_star[:, None, :]
    return 0.5 * np.einsum("nki,nij,nkj->nk", diff, hessians, diff)


def l1_constrained(w_star: np.ndarray, hessians: np.ndarray, budget: float) -> np.ndarray:
    """argmin L(W) subject to ‖W‖₁ ≤ budget, exactly, for a batch of 2-D quadratic losses.

    Outside the diamond the optimum lies on its boundary: the best of the four edges' own
    optima, each a clipped 1-D quadratic. A clipped one is a corner, built exactly, so its
    other coordinate is exactly 0.0.
    """
    corners = budget * np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    start, edge = corners, np.roll(corners, -1, axis=0) - corners
    h_edge = np.einsum("nij,kj->nki", hessians, edge)  # H e for each loss and edge
    along = np.einsum("nki,nki->nk", h_edge, w_star[:, None, :] - start)
    s = np.clip(along / np.einsum("nki,ki->nk", h_edge, edge), 0.0, 1.0)[..., None]
    candidates = np.where(s == 0.0, start, np.where(s == 1.0, start + edge, start + s * edge))
    best = np.argmin(_loss(candidates, w_star, hessians), axis=1)
    on_boundary = candidates[np.arange(len(w_star)), best]
    inside = np.abs(w_star).sum(axis=1) <= budget
    return np.where(inside[:, None], w_star, on_boundary)


def l2_constrained(w_star: np.ndarray, hessians: np.ndarray, budget: float) -> np.ndarray:
    """argmin L(W) subject to ‖W‖₂ ≤ budget for a batch of 2-D quadratic losses.

    The optimum is the penalized one, (H + λI)⁻¹HW* (λ = 2α), with λ ≥ 0 set so its norm is the
    budget; in H's eigenbasis the norm falls monotonically in λ, so bisection finds λ.
    """
    curvatures, basis = np.linalg.eigh(hessians)
    pulled = curvatures * np.einsum("nji,nj->ni", basis, w_star)  # H W* in the eigenbasis
    low = np.zeros(len(w_star))
    high = np.linalg.norm(pulled, axis=1) / budget  # there the norm is at most the budget
    for _ in range(100):
        nu = 0.5 * (low + high)
        too_long = np.linalg.norm(pulled / (curvatures + nu[:, None]), axis=1) > budget
        low, high = np.where(too_long, nu, low), np.where(too_long, high, nu)
    on_sphere = np.einsum("nij,nj->ni", basis, pulled / (curvatures + high[:, None]))
    inside = np.linalg.norm(w_star, axis=1) <= budget
    return np.where(inside[:, None], w_star, on_sphere)


def sparsity_monte_carlo(
    count: int = 5000, seed: int = 0, shape: str = "elliptic", spread: float = 5.0, budget: float = 1.0
) -> MonteCarlo:
    """The L1 and L2 optima of `count` random losses at the same budget: ‖W‖₁ ≤ t and ‖W‖₂ ≤ t.

    Same t means the diamond's corners touch the circle: both regions reach t along every axis.
    """
    w_star, hessians = random_losses(count, seed, shape, budget, spread)
    return MonteCarlo(
        w_star, l1_constrained(w_star, hessians, budget), l2_constrained(w_star, hessians, budget), budget
    )


# --- the "why" view: one linear layer ---


def layer_problem(
    n_inputs: int = 8, n_outputs: int = 4, n_samples: int = 40, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(X (n, inputs), Y (n, outputs), W_true (outputs, inputs)) for a linear layer Y ≈ X Wᵀ.

    About half of the true connections are absent and the rest vary in strength, so a penalty
    has weak links to cut and strong ones to keep.
    """
    rng = np.random.default_rng(seed)
    X = standardize(rng.standard_normal((n_samples, n_inputs)))
    strength = rng.choice((-1.0, 1.0), (n_outputs, n_inputs)) * rng.uniform(0.2, 1.5, (n_outputs, n_inputs))
    W_true = np.where(rng.random((n_outputs, n_inputs)) < 0.5, 0.0, strength)
    Y = X @ W_true.T + 0.5 * rng.standard_normal((n_samples, n_outputs))
    return X, Y, W_true


class LayerSummary(NamedTuple):
    """What the penalty did to a layer's links, against the plain fit: of all `total` links, how
    many got thinner or thicker in size and how many are exactly 0; the fewest and most of the
    `inputs` an output keeps."""

    total: int
    thinner: int
    thicker: int
    zeros: int
    kept_min: int
    kept_max: int
    inputs: int


# What each section of the sparsity page quotes, computed with its figure.
SectionFacts = PathFacts | IterationFacts | MonteCarloShares | LayerSummary


def layer_summary(plain: np.ndarray, penalized: np.ndarray) -> LayerSummary:
    kept = np.sum(penalized != 0.0, axis=1)
    return LayerSummary(
        total=int(penalized.size),
        thinner=int(np.sum(np.abs(penalized) < np.abs(plain))),
        thicker=int(np.sum(np.abs(penalized) > np.abs(plain))),
        zeros=int(np.sum(penalized == 0.0)),
        kept_min=int(kept.min()),
        kept_max=int(kept.max()),
        inputs=int(penalized.shape[1]),
    )


def fit_layer(X: np.ndarray, Y: np.ndarray, kind: str, alpha: float, l1_ratio: float = 0.5) -> np.ndarray:
    """Exact penalized fit of a linear layer, shape (outputs, inputs).

    The penalty is a sum over all weights, so each output's row is its own regression.
    """
    return np.stack([coefficient_path(X, Y[:, i], kind, [alpha], l1_ratio)[0] for i in range(Y.shape[1])])

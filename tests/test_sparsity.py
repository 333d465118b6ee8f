"""decayviz.sparsity: exact coefficient paths (checked against scikit-learn), the descents, the
histogram, the Monte Carlo of random 2-D losses (checked against a known answer) and the layer."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from decayviz.landscape import EllipticLoss
from decayviz.penalties import L2
from decayviz.solve import lasso_2d, regularized_optimum
from decayviz.sparsity import (
    DISPLAY_ALPHAS,
    PATH_KINDS,
    coefficient_path,
    descent_frames,
    diabetes_problem,
    fit_layer,
    l1_constrained,
    l2_constrained,
    layer_problem,
    make_problem,
    optima_at,
    paths_with_optima,
    random_losses,
    regularization_paths,
    sparsity_monte_carlo,
    standardize,
    synthetic_problem,
    weight_histogram,
)
from decayviz.state import FIELD

PROBLEMS = {"diabetes": diabetes_problem(), "synthetic 20x200": synthetic_problem(20, 200, 5)}
# Off the display grid on purpose, so no α sits on a knot of the lasso path by construction.
TEST_ALPHAS = np.geomspace(1.3e-3, 70.0, 17)


def sklearn_model(kind: str, alpha: float, n: int, l1_ratio: float = 0.5):
    """scikit-learn's model for the seed's convention, (1/(2n))‖y − Xw‖² + penalty(w).

    Lasso minimizes (1/(2n))‖y − Xw‖² + a‖w‖₁: a = α.
    Ridge minimizes ‖y − Xw‖² + a‖w‖²; times 1/(2n) that is (1/(2n))‖y − Xw‖² + a/(2n)‖w‖²: a = 2nα.
    ElasticNet minimizes (1/(2n))‖y − Xw‖² + a·r‖w‖₁ + ½a(1 − r)‖w‖². Matching
    α·l1_ratio‖w‖₁ + α(1 − l1_ratio)‖w‖² needs a·r = α·l1_ratio and ½a(1 − r) = α(1 − l1_ratio),
    so a = α(2 − l1_ratio) and r = l1_ratio/(2 − l1_ratio).
    """
    if kind == "l1":
        return Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=10**6)
    if kind == "l2":
        return Ridge(alpha=2 * n * alpha, fit_intercept=False, solver="svd")
    return ElasticNet(
        alpha=alpha * (2 - l1_ratio),
        l1_ratio=l1_ratio / (2 - l1_ratio),
        fit_intercept=False,
        tol=1e-14,
        max_iter=10**6,
    )


@pytest.mark.parametrize("kind", PATH_KINDS)
@pytest.mark.parametrize("name", list(PROBLEMS))
def test_coefficient_path_agrees_with_sklearn(name, kind):
    """To 1e-4 relative at every α, with the same exact zeros: the same count and the same places."""
    problem = PROBLEMS[name]
    path = coefficient_path(problem.X, problem.y, kind, TEST_ALPHAS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for alpha, ours in zip(TEST_ALPHAS, path, strict=True):
            theirs = sklearn_model(kind, alpha, len(problem.y)).fit(problem.X, problem.y).coef_
            scale = max(np.linalg.norm(theirs), 1e-12)
            assert np.linalg.norm(ours - theirs) <= 1e-4 * scale, alpha
            assert np.sum(ours == 0.0) == np.sum(theirs == 0.0), alpha
            assert np.array_equal(ours == 0.0, theirs == 0.0), alpha


@pytest.mark.parametrize("l1_ratio", [0.1, 0.9])
def test_elastic_net_mapping_holds_for_other_ratios(l1_ratio):
    problem = PROBLEMS["synthetic 20x200"]
    for alpha in (0.01, 0.3):
        ours = coefficient_path(problem.X, problem.y, "elasticnet", [alpha], l1_ratio)[0]
        theirs = sklearn_model("elasticnet", alpha, len(problem.y), l1_ratio).fit(problem.X, problem.y).coef_
        assert np.linalg.norm(ours - theirs) <= 1e-4 * np.linalg.norm(theirs)
        assert np.array_equal(ours == 0.0, theirs == 0.0)


def kkt_violation(X, y, alpha, l1_ratio, w) -> float:
    """How far w is from satisfying the optimality conditions, relative to the problem's scale."""
    n = len(y)
    residual_grad = X.T @ (y - X @ w) / n - 2 * alpha * (1 - l1_ratio) * w  # −∂(smooth part)/∂w
    l1 = alpha * l1_ratio
    on = w != 0.0
    stationary = np.abs(residual_grad[on] - l1 * np.sign(w[on]))
    outside = np.abs(residual_grad[~on]) - l1
    return max(stationary.max(initial=0.0), outside.max(initial=0.0)) / (l1 + np.abs(X.T @ y / n).max())


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(3, 40),
    d=st.integers(1, 60),
    seed=st.integers(0, 10**6),
    l1_ratio=st.sampled_from([1.0, 0.95, 0.5, 0.05]),
    correlated=st.booleans(),
)
def test_every_solution_satisfies_the_kkt_conditions(n, d, seed, l1_ratio, correlated):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    if correlated:
        X = 0.3 * X + 0.95 * X[:, :1]
    y = rng.standard_normal(n) * rng.uniform(0.1, 10.0)
    alphas = np.geomspace(1e-4, 10.0, 12)
    path = coefficient_path(X, y, "elasticnet", alphas, l1_ratio)
    for alpha, w in zip(alphas, path, strict=True):
        assert kkt_violation(X, y, alpha, l1_ratio, w) < 1e-9


def test_ridge_is_the_closed_form_and_alpha_zero_is_least_squares():
    problem = PROBLEMS["diabetes"]
    X, y, n = problem.X, problem.y, len(problem.y)
    for alpha in (0.0, 0.01, 3.0):
        expected = np.linalg.solve(X.T @ X / n + 2 * alpha * np.eye(X.shape[1]), X.T @ y / n)
        assert np.allclose(coefficient_path(X, y, "l2", [alpha])[0], expected, rtol=1e-10, atol=1e-12)
    ols = np.linalg.lstsq(X, y, rcond=None)[0]
    for kind in PATH_KINDS:
        assert np.allclose(coefficient_path(X, y, kind, [0.0])[0], ols, atol=1e-10)
    wide = PROBLEMS["synthetic 20x200"]
    min_norm = np.linalg.pinv(wide.X) @ wide.y
    assert np.allclose(coefficient_path(wide.X, wide.y, "l1", [0.0])[0], min_norm, atol=1e-10)


def test_elastic_net_ends_are_lasso_and_ridge():
    problem = PROBLEMS["synthetic 20x200"]
    X, y = problem.X, problem.y
    assert np.array_equal(
        coefficient_path(X, y, "elasticnet", TEST_ALPHAS, 1.0), coefficient_path(X, y, "l1", TEST_ALPHAS)
    )
    assert np.allclose(
        coefficient_path(X, y, "elasticnet", TEST_ALPHAS, 0.0), coefficient_path(X, y, "l2", TEST_ALPHAS)
    )


def test_lasso_is_zero_exactly_from_max_correlation_on():
    problem = PROBLEMS["diabetes"]
    X, y = problem.X, problem.y
    alpha_zero = np.max(np.abs(X.T @ y / len(y)))
    above, below = coefficient_path(X, y, "l1", [alpha_zero * (1 + 1e-9), alpha_zero * (1 - 1e-3)])
    assert np.all(above == 0.0)
    assert np.sum(below != 0.0) == 1 and below[np.argmax(np.abs(X.T @ y))] != 0.0


def test_lasso_keeps_at_most_n_weights_when_n_is_below_d():
    problem = PROBLEMS["synthetic 20x200"]
    path = coefficient_path(problem.X, problem.y, "l1", DISPLAY_ALPHAS)
    assert np.all(np.sum(path != 0.0, axis=1) <= 20)
    assert np.all(coefficient_path(problem.X, problem.y, "l2", DISPLAY_ALPHAS) != 0.0)


def test_order_and_repeats_of_alphas_do_not_matter():
    problem = PROBLEMS["synthetic 20x200"]
    alphas = np.array([0.5, 0.001, 0.5, 3.0, 0.02])
    path = coefficient_path(problem.X, problem.y, "l1", alphas)
    for alpha, w in zip(alphas, path, strict=True):
        assert np.allclose(w, coefficient_path(problem.X, problem.y, "l1", [alpha])[0], atol=1e-12)


@pytest.mark.parametrize(
    "args",
    [
        ("l1", [-0.1]),
        ("l1", [np.nan]),
        ("l1", [np.inf]),
        ("l3", [0.1]),
        ("l1", [[0.1]]),
    ],
)
def test_bad_arguments_are_refused(args):
    problem = PROBLEMS["diabetes"]
    with pytest.raises(ValueError):
        coefficient_path(problem.X, problem.y, *args)


def test_bad_data_is_refused():
    X, y = np.ones((5, 3)), np.ones(5)
    with pytest.raises(ValueError):
        coefficient_path(X, y[:4], "l1", [0.1])
    with pytest.raises(ValueError):
        coefficient_path(np.where(X > 0, np.nan, X), y, "l1", [0.1])
    with pytest.raises(ValueError):
        coefficient_path(X, y, "elasticnet", [0.1], l1_ratio=1.5)


def test_problems_are_standardized_and_reproducible():
    for problem in PROBLEMS.values():
        assert np.allclose(problem.X.mean(axis=0), 0.0) and np.allclose(problem.X.std(axis=0), 1.0)
    assert np.isclose(PROBLEMS["diabetes"].y.std(), 1.0)
    a, b = make_problem("synthetic", 30, 50, 4, seed=7), make_problem("synthetic", 30, 50, 4, seed=7)
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y) and np.sum(a.w_true != 0) == 4
    assert make_problem("synthetic", 10, 10, 20).w_true.size == 10  # more non-zeros than features: capped
    assert np.all(standardize(np.ones((4, 2))) == 0.0)
    with pytest.raises(ValueError):
        make_problem("mnist")


# --- sparsity over iterations ---


def test_proximal_lands_on_exact_zeros_subgradient_and_l2_do_not():
    problem = PROBLEMS["synthetic 20x200"]
    frames = descent_frames(problem, alpha=0.1, steps=3000, frames=40, seed=0)
    exact = coefficient_path(problem.X, problem.y, "l1", [0.1])[0]
    proximal, subgradient, l2 = (frames.weights[k] for k in ("l1_proximal", "l1_subgradient", "l2"))
    assert np.array_equal(proximal[-1] == 0.0, exact == 0.0)  # converged to the exact support
    assert np.max(np.abs(proximal[-1] - exact)) < 1e-3
    assert np.all(subgradient != 0.0)  # chatters, never lands
    assert np.sum(np.abs(subgradient[-1]) < 1e-2) > 150  # ... though most weights end up near 0
    assert np.all(l2 != 0.0)
    ridge = coefficient_path(problem.X, problem.y, "l2", [0.1])[0]
    assert np.max(np.abs(l2[-1] - ridge)) < 1e-3  # L2 shrinks everything towards its own optimum
    assert np.all(np.diff(frames.steps) > 0) and frames.steps[0] == 1 and frames.steps[-1] == 3000
    assert all(np.all(np.isfinite(w)) for w in frames.weights.values())


def test_histogram_counts_every_weight_once():
    weights = np.array([[0.0, 0.0, 0.004, -0.3, 5.0], [0.0, 0.1, -0.1, 0.0, -9.0]])
    centres, counts, zeros = weight_histogram(weights, half_width=1.0, bins_per_side=4)
    assert len(centres) == 9 and centres[4] == 0.0
    assert list(zeros) == [2, 2]
    assert list(counts.sum(axis=1)) == [3, 3]
    assert counts[0, 4] == 1  # 0.004 is near zero but not zero: the middle bin, not the zero count
    assert counts[0, -1] == 1 and counts[1, 0] == 1  # beyond the range: the end bins


# --- how often does L1 give a zero? ---


def test_circular_losses_have_a_known_answer():
    """Circular losses: the L1 optimum is the projection onto the diamond, which lands on a corner
    exactly when W* lies in the quarter-plane wedge behind it, e.g. w₁ − t ≥ |w₂|. With centres
    uniform in a square of half-side R outside the circle, that has probability
    4(R − t)²/(4R² − πt²) (the wedges lie outside the circle)."""
    budget, spread = 1.0, 3.0
    mc = sparsity_monte_carlo(40_000, seed=3, shape="circular", spread=spread, budget=budget)
    w = mc.w_star
    in_wedge = np.abs(w).max(axis=1) - budget >= np.abs(w).min(axis=1)
    assert np.array_equal(mc.l1_zero, in_wedge)
    p = 4 * (spread - budget) ** 2 / (4 * spread**2 - np.pi * budget**2)
    assert abs(mc.l1_zero.mean() - p) < 4 * np.sqrt(p * (1 - p) / len(w))
    assert np.allclose(mc.l2, budget * w / np.linalg.norm(w, axis=1, keepdims=True), atol=1e-12)


def test_monte_carlo_is_reproducible_from_its_seed():
    a, b = sparsity_monte_carlo(5000, seed=11), sparsity_monte_carlo(5000, seed=11)
    assert np.array_equal(a.w_star, b.w_star) and np.array_equal(a.l1, b.l1) and np.array_equal(a.l2, b.l2)
    assert not np.array_equal(a.w_star, sparsity_monte_carlo(5000, seed=12).w_star)


def test_centres_lie_outside_the_ball_and_inside_the_square():
    w_star, hessians = random_losses(5000, seed=0, spread=2.0)
    assert np.all(np.linalg.norm(w_star, axis=1) > 1.0) and np.all(np.abs(w_star) <= 2.0)
    assert np.allclose(hessians, np.swapaxes(hessians, 1, 2))
    assert np.all(np.linalg.eigvalsh(hessians) > 0.099)


def test_l1_optimum_is_the_penalized_one_at_its_multiplier():
    """Constrained and penalized optima agree: at the Lagrange multiplier λ = ‖H(W* − Ŵ)‖∞,
    lasso_2d (the landscape's exact 2-D L1 solver) returns the same point and the same zeros."""
    w_star, hessians = random_losses(3000, seed=5)
    constrained = l1_constrained(w_star, hessians, 1.0)
    multiplier = np.abs(np.einsum("nij,nj->ni", hessians, w_star - constrained)).max(axis=1)
    penalized = lasso_2d(hessians, np.einsum("nij,nj->ni", hessians, w_star), multiplier)
    assert np.allclose(constrained, penalized, atol=1e-9)
    assert np.mean((constrained == 0.0) == (penalized == 0.0)) > 0.999  # ties at a corner's edge aside
    assert np.allclose(np.abs(constrained).sum(axis=1), 1.0)


def quadratic(w: np.ndarray, w_star: np.ndarray, hessian: np.ndarray) -> np.ndarray:
    """½(W − W*)ᵀH(W − W*) for points W (..., 2)."""
    diff = w - w_star
    return 0.5 * np.einsum("...i,ij,...j->...", diff, hessian, diff)


def test_l1_optimum_beats_every_point_of_the_diamond():
    w_star, hessians = random_losses(300, seed=9)
    best = l1_constrained(w_star, hessians, 1.0)
    phi = np.linspace(0, 2 * np.pi, 4001)
    boundary = np.stack([np.cos(phi), np.sin(phi)], 1) / (np.abs(np.cos(phi)) + np.abs(np.sin(phi)))[:, None]
    for w, h, b in zip(w_star, hessians, best, strict=True):
        assert quadratic(b, w, h) <= quadratic(boundary, w, h).min() + 1e-12


def test_l2_optimum_is_the_penalized_one_with_norm_t():
    w_star, hessians = random_losses(2000, seed=4, shape="elliptic")
    optimum = l2_constrained(w_star, hessians, 1.0)
    assert np.allclose(np.linalg.norm(optimum, axis=1), 1.0, atol=1e-12)
    # H(W* − Ŵ) = νŴ with one ν ≥ 0 per loss: Ŵ is the penalized optimum for α = ν/2.
    nu = np.einsum("nij,nj->ni", hessians, w_star - optimum) / optimum
    assert np.allclose(nu[:, 0], nu[:, 1], rtol=1e-6) and np.all(nu > 0)
    loss = EllipticLoss((1.5, -2.0), (0.5, 4.0), 25.0)
    optimum = l2_constrained(loss.w_star[None], loss.hessian[None], 1.0)[0]
    nu = (loss.hessian @ (loss.w_star - optimum))[0] / optimum[0]
    assert np.allclose(optimum, regularized_optimum(loss, L2(nu / 2)), atol=1e-9)


def test_elliptic_shares_are_near_parr_and_l2_never_zero():
    mc = sparsity_monte_carlo(20_000, seed=0, shape="elliptic", spread=5.0)
    assert 0.65 < mc.l1_zero.mean() < 0.8
    assert mc.l2_zero.mean() == 0.0
    assert 0.02 < mc.near_zero_share("l2") < 0.1
    assert mc.near_zero_share("l1") >= mc.l1_zero.mean()


def test_unknown_shape_and_a_square_inside_the_ball_are_refused():
    with pytest.raises(ValueError):
        random_losses(10, 0, shape="square")
    with pytest.raises(ValueError):
        random_losses(10, 0, spread=0.7)  # no centre could lie outside the ball


# --- the layer ---


def test_layer_fit_is_row_by_row_and_l1_cuts_links():
    X, Y, W_true = layer_problem(seed=0)
    assert X.shape == (40, 8) and Y.shape == (40, 4) and W_true.shape == (4, 8)
    plain = fit_layer(X, Y, "l2", 0.0)
    assert np.allclose(plain, np.linalg.lstsq(X, Y, rcond=None)[0].T)
    lasso = fit_layer(X, Y, "l1", 0.1)
    assert np.sum(lasso == 0.0) > np.sum(plain == 0.0)
    assert np.all(fit_layer(X, Y, "l1", 100.0) == 0.0)
    assert np.all(fit_layer(X, Y, "l2", 0.1) != 0.0)


@pytest.mark.parametrize("name", PROBLEMS)
def test_the_page_s_one_sweep_gives_the_paths_and_every_optimum(name):
    """paths_with_optima follows the path through the display grid and the α control's values
    together: the same paths, and at each chosen α the optimum solved alone, zeros included."""
    problem, chosen = PROBLEMS[name], FIELD["s_alpha"].options
    paths, optima = paths_with_optima(problem, 0.5, chosen)
    alone = regularization_paths(problem, 0.5)
    for kind in PATH_KINDS:
        np.testing.assert_allclose(paths[kind], alone[kind], rtol=1e-9, atol=1e-12)
        assert np.array_equal(paths[kind] == 0.0, alone[kind] == 0.0)
    for alpha in chosen:
        for kind, w in optima_at(problem, alpha).items():
            np.testing.assert_allclose(optima[alpha][kind], w, rtol=1e-9, atol=1e-12)
            assert np.array_equal(optima[alpha][kind] == 0.0, w == 0.0)

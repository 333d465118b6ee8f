"""The 2-D core against independent references: closed forms, KKT conditions, scikit-learn."""

import numpy as np
import pytest
from sklearn.linear_model import Lasso

from decayviz.descent import descend, max_stable_lr
from decayviz.landscape import EllipticLoss
from decayviz.penalties import L1, L2, ElasticNet, NoPenalty, make_penalty, soft_threshold
from decayviz.solve import (
    adamw_box_halfwidth,
    ball_boundary,
    box_constrained_optimum,
    constraint_radius,
    lasso_2d,
    regularization_path,
    regularized_optimum,
)

LOSSES = [
    EllipticLoss((2.0, 1.0), (1.0, 6.0), 30.0),
    EllipticLoss((3.0, 2.0), (1.0, 4.0), 20.0),
    EllipticLoss((-1.5, 0.3), (0.5, 9.0), -70.0),
    EllipticLoss((0.2, -3.0), (2.0, 2.0), 0.0),
]
ALPHAS = [0.0, 0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 50.0]


def test_loss_matches_its_definition():
    loss = EllipticLoss((2.0, 1.0), (1.0, 6.0), 30.0)
    theta = np.deg2rad(30.0)
    R = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    assert np.allclose(loss.hessian, R @ np.diag([1.0, 6.0]) @ R.T)
    assert np.allclose(np.linalg.eigvalsh(loss.hessian), [1.0, 6.0])
    W = np.array([[0.3, -1.2], [2.0, 1.0]])
    d = W - loss.w_star
    assert np.allclose(loss.value(W), 0.5 * np.einsum("ni,ij,nj->n", d, loss.hessian, d))
    assert loss.value(loss.w_star) == 0.0
    # gradient against central finite differences
    eps = 1e-6
    w = np.array([0.3, -1.2])
    numeric = [(loss.value(w + eps * e) - loss.value(w - eps * e)) / (2 * eps) for e in np.eye(2)]
    assert np.allclose(loss.grad(w), numeric, atol=1e-6)


def test_level_curve_lies_on_its_level():
    loss = LOSSES[2]
    assert np.allclose(loss.value(loss.level_curve(0.7)), 0.7)


def test_penalties_follow_the_seed_convention():
    W = np.array([1.5, -2.0])
    assert L2(0.3).value(W) == pytest.approx(0.3 * (1.5**2 + 2.0**2))  # α‖W‖², no ½
    assert np.allclose(L2(0.3).grad(W), 2 * 0.3 * W)
    assert L1(0.3).value(W) == pytest.approx(0.3 * 3.5)
    assert np.allclose(L1(0.3).grad(np.array([1.5, 0.0, -2.0])), [0.3, 0.0, -0.3])
    en = ElasticNet(0.4, 0.25)
    assert en.value(W) == pytest.approx(0.4 * (0.25 * 3.5 + 0.75 * 6.25))
    assert NoPenalty().value(W) == 0.0
    assert make_penalty("l1", 0.2) == L1(0.2)


@pytest.mark.parametrize("penalty", [L2(0.3), L1(0.3), ElasticNet(0.3, 0.6), NoPenalty()])
def test_prox_minimizes_its_objective(penalty):
    """prox(v, s) = argmin_x ½‖x − v‖² + s·penalty(x), checked against a fine grid search."""
    rng = np.random.default_rng(0)
    for _ in range(5):
        v, step = rng.normal(size=2) * 2, 0.7
        x = penalty.prox(v, step)
        axis = np.linspace(-4, 4, 1601)
        grid = np.stack(np.meshgrid(axis, axis), -1)
        objective = 0.5 * ((grid - v) ** 2).sum(-1) + step * penalty.value(grid)
        best = grid.reshape(-1, 2)[np.argmin(objective)]
        assert np.allclose(x, best, atol=6e-3)


def test_soft_threshold_gives_exact_zeros():
    assert np.array_equal(soft_threshold(np.array([0.5, -0.2, 2.0]), 0.5), [0.0, -0.0, 1.5])


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("alpha", ALPHAS)
def test_l2_optimum_is_the_closed_form(loss, alpha):
    expected = np.linalg.inv(loss.hessian + 2 * alpha * np.eye(2)) @ loss.hessian @ loss.w_star
    assert np.allclose(regularized_optimum(loss, L2(alpha)), expected, atol=1e-12)


def kkt_violation(loss, alpha, W):
    """How far W is from satisfying 0 ∈ H(W − W*) + α ∂‖W‖₁."""
    g = loss.grad(W)
    free = W != 0
    on_support = np.abs(g[free] + alpha * np.sign(W[free]))
    off_support = np.maximum(np.abs(g[~free]) - alpha, 0.0)
    return max(on_support.max(initial=0.0), off_support.max(initial=0.0))


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("alpha", ALPHAS)
def test_l1_optimum_satisfies_kkt(loss, alpha):
    W = regularized_optimum(loss, L1(alpha))
    assert kkt_violation(loss, alpha, W) < 1e-10


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("alpha", [0.01, 0.1, 0.5, 1.0, 2.0, 5.0])
def test_l1_optimum_matches_sklearn_lasso(loss, alpha):
    """½(W−W*)ᵀH(W−W*) = (1/2n)‖y − XW‖² + const with X = √n·Hᴴ (H = XᵀX/n), y = X W*;
    sklearn's Lasso minimizes (1/2n)‖y − Xw‖² + a‖w‖₁, so a = α."""
    n = 2
    X = np.sqrt(n) * np.linalg.cholesky(loss.hessian).T
    y = X @ loss.w_star
    reference = Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_
    ours = regularized_optimum(loss, L1(alpha))
    assert np.allclose(ours, reference, atol=1e-8)
    assert np.array_equal(ours == 0.0, reference == 0.0)


def test_l1_zero_is_exact_where_expected():
    loss = EllipticLoss((2.0, 1.0), (1.0, 6.0), 30.0)
    W = regularized_optimum(loss, L1(2.0))
    assert W[1] == 0.0 and W[0] > 0
    assert np.array_equal(regularized_optimum(loss, L1(100.0)), [0.0, 0.0])


@pytest.mark.parametrize("loss", LOSSES)
def test_elastic_net_optimum_satisfies_kkt(loss):
    pen = ElasticNet(0.8, 0.4)
    W = regularized_optimum(loss, pen)
    g = loss.grad(W) + 2 * pen.l2_weight * W
    free = W != 0
    assert np.all(np.abs(g[free] + pen.l1_weight * np.sign(W[free])) < 1e-10)
    assert np.all(np.abs(g[~free]) <= pen.l1_weight + 1e-10)


def test_lasso_2d_is_batched():
    rng = np.random.default_rng(1)
    A = np.array([LOSSES[i % 4].hessian for i in range(8)])
    b = rng.normal(size=(8, 2)) * 3
    lam = rng.uniform(0, 3, size=8)
    batched = lasso_2d(A, b, lam)
    one_by_one = [lasso_2d(A[i], b[i], lam[i]) for i in range(8)]
    assert np.allclose(batched, one_by_one)


@pytest.mark.parametrize("kind", ["l1", "l2"])
def test_regularization_path_runs_from_w_star_to_zero(kind):
    loss = LOSSES[0]
    alphas = np.array([0.0, 0.1, 1.0, 1e4])
    path = regularization_path(loss, kind, alphas)
    assert path.shape == (4, 2)
    assert np.allclose(path[0], loss.w_star)
    penalty = L1 if kind == "l1" else L2
    for alpha, W in zip(alphas, path, strict=True):
        assert np.allclose(W, regularized_optimum(loss, penalty(alpha)), atol=1e-12)
    assert np.linalg.norm(path[-1]) < 1e-3


@pytest.mark.parametrize("penalty", [L2(1.0), L1(1.0), ElasticNet(1.0, 0.3)])
def test_ball_boundary_has_the_radius(penalty):
    points = ball_boundary(penalty, 1.7)
    assert np.allclose([constraint_radius(penalty, p) for p in points], 1.7)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("penalty", [L2(0.5), L1(0.5)])
def test_penalty_equals_constraint(loss, penalty):
    """Ŵ(α) minimizes L over the penalty's ball of radius t = ‖Ŵ(α)‖: sample the ball."""
    W = regularized_optimum(loss, penalty)
    t = constraint_radius(penalty, W)
    boundary = ball_boundary(penalty, t, 20001)
    assert loss.value(W) <= loss.value(boundary).min() + 1e-6


def test_box_optimum_is_the_adamw_corner():
    loss = EllipticLoss((3.0, 2.0), (1.0, 4.0), 20.0)
    c = adamw_box_halfwidth(0.4)
    assert c == 1.25
    assert np.allclose(box_constrained_optimum(loss, c), [1.25, 1.25])
    axis = np.linspace(-c, c, 501)
    grid = np.stack(np.meshgrid(axis, axis), -1).reshape(-1, 2)
    assert loss.value(box_constrained_optimum(loss, c)) <= loss.value(grid).min() + 1e-12


# --- descent ---------------------------------------------------------------------------


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "proximal"])
@pytest.mark.parametrize("penalty", [L2(0.5), NoPenalty()])
def test_descend_converges_to_the_optimum(optimizer, penalty):
    loss = LOSSES[0]
    traj = descend(loss, penalty, (-2.5, 2.5), optimizer, lr=0.05, steps=3000)
    assert traj.diverged_at is None
    assert np.allclose(traj.final, regularized_optimum(loss, penalty), atol=1e-6)
    assert traj.weights.shape == (3001, 2)
    assert np.array_equal(traj.weights[0], [-2.5, 2.5])
    assert np.allclose(traj.total, traj.data_loss + traj.penalty_value)
    assert np.allclose(traj.data_loss, loss.value(traj.weights))


def test_adam_settles_at_the_l2_optimum():
    loss = EllipticLoss((3.0, 2.0), (1.0, 4.0), 20.0)
    traj = descend(loss, L2(0.4), (0.0, 0.0), "adam", lr=0.02, steps=2000)
    assert np.allclose(traj.final, [1.586, 1.334], atol=1e-3)


def test_adam_and_adamw_end_at_different_points():
    """Adam+L2 ends on the circle (the L2 optimum); AdamW near the corner of ‖W‖∞ ≤ 1/(2α)."""
    loss = EllipticLoss((3.0, 2.0), (1.0, 4.0), 20.0)
    adam = descend(loss, L2(0.4), (-2.5, 2.5), "adam", lr=0.05, steps=5000).final
    adamw = descend(loss, L2(0.4), (-2.5, 2.5), "adamw", lr=0.05, steps=5000).final
    assert np.allclose(adam, regularized_optimum(loss, L2(0.4)), atol=1e-3)
    assert np.linalg.norm(adamw - adam) > 0.3
    assert np.abs(adamw).max() == pytest.approx(1.25, abs=0.02)
    assert np.allclose(adamw, box_constrained_optimum(loss, 1.25), atol=0.05)


def test_adamw_step_matches_torch_formula():
    """One AdamW step by hand: w ← w(1 − lr·λ) − lr·m̂/(√v̂ + ε), λ = 2α."""
    loss = LOSSES[0]
    w0, lr, alpha = np.array([-2.5, 2.5]), 0.1, 0.3
    g = loss.grad(w0)
    m_hat, v_hat = g, g * g  # after bias correction at step 1
    expected = w0 * (1 - lr * 2 * alpha) - lr * m_hat / (np.sqrt(v_hat) + 1e-8)
    assert np.allclose(descend(loss, L2(alpha), w0, "adamw", lr, 1).weights[1], expected)
    g_coupled = g + 2 * alpha * w0
    expected_adam = w0 - lr * g_coupled / (np.abs(g_coupled) + 1e-8)
    assert np.allclose(descend(loss, L2(alpha), w0, "adam", lr, 1).weights[1], expected_adam)


def test_proximal_reaches_exact_zeros_and_gd_does_not():
    loss = EllipticLoss((2.0, 1.0), (1.0, 6.0), 30.0)
    optimum = regularized_optimum(loss, L1(2.0))
    assert optimum[1] == 0.0
    prox = descend(loss, L1(2.0), (-2.5, 2.5), "proximal", lr=0.05, steps=500)
    assert prox.final[1] == 0.0
    assert prox.first_exact_zero() is not None
    assert np.allclose(prox.final, optimum, atol=1e-9)
    gd = descend(loss, L1(2.0), (-2.5, 2.5), "gd", lr=0.05, steps=500)
    assert gd.first_exact_zero() is None  # the subgradient step hops across 0, never onto it
    assert np.all(gd.weights[-50:, 1] != 0.0)
    assert np.abs(gd.weights[-50:, 1]).max() < 0.2  # ...while chattering close to it


def test_divergence_is_flagged_and_nothing_after_it_is_finite():
    loss = LOSSES[0]
    limit = max_stable_lr(loss, L2(0.5), "gd")
    assert limit == pytest.approx(2 / (6 + 1))
    ok = descend(loss, L2(0.5), (-2.5, 2.5), "gd", lr=0.95 * limit, steps=400)
    assert ok.diverged_at is None
    bad = descend(loss, L2(0.5), (-2.5, 2.5), "gd", lr=1.05 * limit * 2, steps=400)
    k = bad.diverged_at
    assert k is not None and 0 < k <= 400
    assert np.all(np.isfinite(bad.weights[:k])) and np.all(np.isnan(bad.weights[k:]))
    assert np.all(np.isfinite(bad.total[:k]))
    assert bad.finite_steps == k


# --- stability limits: max_stable_lr against the rules themselves, on random scenes -------

SCENES = 24  # random scenes per rule
BELOW, ABOVE = 0.97, 1.03


def random_scene(rng, l2_share=(0.0, 1.0)):
    """A random landscape (the page's ranges) and a penalty with an L2 part; l2_share bounds
    ν = 2α₂ as a share of λmax(H), so that the proximal step's limit exists."""
    curvatures = 10.0 ** rng.uniform(np.log10(0.2), 1.0, 2)
    loss = EllipticLoss(tuple(rng.uniform(-4, 4, 2)), tuple(curvatures), float(rng.uniform(-90, 90)))
    nu = rng.uniform(*l2_share) * curvatures.max()
    l1_ratio = float(rng.choice([0.0, rng.uniform(0.1, 0.9)]))
    alpha = nu / (2.0 * (1.0 - l1_ratio))
    w0 = tuple(rng.uniform(-4, 4, 2))
    return loss, ElasticNet(alpha, l1_ratio), w0


def assert_limit_is_sharp(loss, penalty, w0, optimizer, steps=3000):
    limit = max_stable_lr(loss, penalty, optimizer)
    assert np.isfinite(limit), (optimizer, penalty)
    below = descend(loss, penalty, w0, optimizer, BELOW * limit, steps)
    above = descend(loss, penalty, w0, optimizer, ABOVE * limit, steps)
    context = f"{optimizer} {penalty} curvatures={loss.curvatures} limit={limit:.4g}"
    assert below.diverged_at is None, "diverged below the limit: " + context
    assert above.diverged_at is not None, "stable above the limit: " + context


@pytest.mark.parametrize("optimizer", ["gd", "momentum"])
def test_sgd_limits_are_sharp(optimizer):
    """gd: lr < 2/λmax(H + 2α₂I); heavy-ball momentum μ: 2(1 + μ)/λmax(H + 2α₂I); an L1 part
    does not move the limit."""
    rng = np.random.default_rng(1)
    for _ in range(SCENES):
        loss, penalty, w0 = random_scene(rng, (0.0, 2.0))
        total = loss.curvatures.max() + 2 * penalty.l2_weight
        factor = {"gd": 2.0, "momentum": 2.0 * 1.9}[optimizer]
        assert max_stable_lr(loss, penalty, optimizer) == pytest.approx(factor / total)
        assert_limit_is_sharp(loss, penalty, w0, optimizer)
    loss, _, w0 = random_scene(rng)
    assert_limit_is_sharp(loss, L1(0.7), w0, optimizer)  # L1 alone: the data loss's limit
    assert max_stable_lr(loss, L1(0.7), optimizer) == max_stable_lr(loss, NoPenalty(), optimizer)


def test_proximal_limit_with_an_l2_part_is_2_over_lambda_minus_2alpha2():
    """After the step on L, the prox of the L2 part divides by 1 + 2α₂·lr, so the step is stable
    while |1 − lr·λmax| < 1 + 2α₂·lr: lr < 2/(λmax − 2α₂), looser than gd's 2/(λmax + 2α₂)."""
    rng = np.random.default_rng(2)
    for _ in range(SCENES):
        loss, penalty, w0 = random_scene(rng, (0.05, 0.6))
        limit = max_stable_lr(loss, penalty, "proximal")
        assert limit == pytest.approx(2 / (loss.curvatures.max() - 2 * penalty.l2_weight))
        assert limit > max_stable_lr(loss, penalty, "gd")
        if penalty.l1_weight > 0:  # soft-thresholding damps small oscillations: start far out
            w0 = tuple(1e4 * np.asarray(w0) / np.linalg.norm(w0))
        assert_limit_is_sharp(loss, penalty, w0, "proximal", steps=4000)


def test_proximal_limit_without_l2_part_is_2_over_lambda():
    rng = np.random.default_rng(3)
    for _ in range(SCENES):
        loss, _, w0 = random_scene(rng)
        penalty = [NoPenalty(), L1(float(rng.uniform(0.01, 3.0)))][rng.integers(2)]
        assert max_stable_lr(loss, penalty, "proximal") == pytest.approx(2 / loss.curvatures.max())
        if penalty.l1_weight > 0:  # soft-thresholding damps small oscillations: start far out
            w0 = tuple(1e4 * np.asarray(w0) / np.linalg.norm(w0))
        assert_limit_is_sharp(loss, penalty, w0, "proximal")


def test_proximal_cannot_diverge_when_the_l2_part_outweighs_the_curvature():
    rng = np.random.default_rng(4)
    for _ in range(SCENES):
        loss, penalty, w0 = random_scene(rng, (1.0, 3.0))
        assert max_stable_lr(loss, penalty, "proximal") == np.inf
        assert descend(loss, penalty, w0, "proximal", 1000.0, 2000).diverged_at is None


def test_adamw_limit_is_where_the_decay_factor_passes_minus_one():
    """AdamW multiplies W by 1 − lr·2α₂ outside an adaptive step bounded by a few lr: stable iff
    that factor stays above −1, lr < 1/α₂, whatever the curvature."""
    rng = np.random.default_rng(5)
    for _ in range(SCENES):
        loss, _, w0 = random_scene(rng)
        l1_ratio = float(rng.choice([0.0, rng.uniform(0.1, 0.9)]))
        alpha2 = float(rng.uniform(0.1, 2.0))  # limits from 0.5 to 10
        penalty = ElasticNet(alpha2 / (1 - l1_ratio), l1_ratio)
        limit = max_stable_lr(loss, penalty, "adamw")
        assert limit == pytest.approx(1 / alpha2)
        assert 1 - BELOW * limit * 2 * alpha2 > -1 > 1 - ABOVE * limit * 2 * alpha2
        assert_limit_is_sharp(loss, penalty, w0, "adamw")
    # an example: α = 2, lr = 1 diverges (decay factor 1 − 4 = −3)
    assert descend(LOSSES[0], L2(2.0), (-2.5, 2.5), "adamw", 1.0, 200).diverged_at is not None


@pytest.mark.parametrize("optimizer", ["adam", "adamw"])
def test_adaptive_steps_without_decoupled_decay_cannot_blow_up(optimizer):
    """Adam (penalty in the gradient), and AdamW without an L2 part: each step moves a weight by
    at most (1 − β₁)/√(1 − β₂)/√(1 − β₁²/β₂) ≈ 7.3·lr, about lr in practice, so max_stable_lr is inf."""
    rng = np.random.default_rng(6)
    bound = 0.1 / np.sqrt(0.001) / np.sqrt(1 - 0.81 / 0.999)
    for _ in range(SCENES):
        loss, penalty, w0 = random_scene(rng, (0.0, 3.0))
        if optimizer == "adamw":
            penalty = L1(penalty.alpha)
        assert max_stable_lr(loss, penalty, optimizer) == np.inf
        lr = 2.0  # the page's largest
        traj = descend(loss, penalty, w0, optimizer, lr, 2000)
        assert traj.diverged_at is None
        assert np.abs(np.diff(traj.weights, axis=0)).max() <= bound * lr


def test_nesterov_limit_matches_torch_sgd():
    """Nesterov's limit 2(1 + μ)/((1 + 2μ)·λmax(H + 2α₂I)), checked with torch.optim.SGD(nesterov=True)
    on many random scenes at once: each scene is scaled so that its limit is 1."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    hessians, centres, starts = [], [], []
    for _ in range(64):
        loss, penalty, w0 = random_scene(rng, (0.0, 2.0))
        scale = max_stable_lr(loss, penalty, "nesterov")  # H and ν scaled by it: limit 1
        assert scale == pytest.approx(2 * 1.9 / (2.8 * (loss.curvatures.max() + 2 * penalty.l2_weight)))
        total = loss.hessian + 2 * penalty.l2_weight * np.eye(2)
        hessians.append(scale * total)
        centres.append(np.linalg.solve(total, loss.hessian @ loss.w_star))
        starts.append(w0)
    H, c = torch.tensor(np.array(hessians)), torch.tensor(np.array(centres))
    for lr, should_diverge in ((BELOW, False), (ABOVE, True)):
        w = torch.tensor(np.array(starts), requires_grad=True)
        opt = torch.optim.SGD([w], lr=lr, momentum=0.9, nesterov=True)
        for _ in range(3000):
            opt.zero_grad()
            d = w - c
            (0.5 * torch.einsum("ni,nij,nj->", d, H, d)).backward()
            opt.step()
        exploded = ~(w.detach().abs() <= 1e6).all(dim=1)
        assert bool(exploded.all()) if should_diverge else not bool(exploded.any())
    for _ in range(SCENES):  # and the app's own Nesterov rule
        loss, penalty, w0 = random_scene(rng, (0.0, 2.0))
        assert_limit_is_sharp(loss, penalty, w0, "nesterov")


def test_unknown_rule_has_no_limit():
    with pytest.raises(ValueError):
        max_stable_lr(LOSSES[0], L2(0.1), "sgdr")


def test_unknown_optimizer_is_refused():
    with pytest.raises(ValueError):
        descend(LOSSES[0], L2(0.1), (0, 0), "sgdr", 0.1, 10)


# --- every rule against torch.optim, step for step, float64 ------------------------------

# Written out here, independently of decayviz.rules: the torch.optim twin of each 2-D rule.
TORCH_TWINS = {
    "gd": ("SGD", {}),
    "momentum": ("SGD", {"momentum": 0.9}),
    "nesterov": ("SGD", {"momentum": 0.9, "nesterov": True}),
    "adam": ("Adam", {}),
    "adamw": ("AdamW", {}),
}


@pytest.mark.parametrize("optimizer", list(TORCH_TWINS))
@pytest.mark.parametrize("penalty", [L2(0.3), L1(0.4), ElasticNet(0.5, 0.3), NoPenalty()], ids=repr)
def test_each_rule_takes_torch_optims_steps(optimizer, penalty):
    """The L2 part as torch's weight_decay = 2α₂, the L1 part added to the loss: the descent's
    weights equal torch.optim's after every step, to 1e-9 (float64)."""
    torch = pytest.importorskip("torch")
    from decayviz.rules import RULES

    name, keywords = TORCH_TWINS[optimizer]
    assert RULES[optimizer].torch_optimizer() == (name, keywords)  # the registry says the same
    loss, w0, lr, steps = LOSSES[1], (-2.5, 2.5), 0.05, 120
    traj = descend(loss, penalty, w0, optimizer, lr, steps)
    hessian, w_star = torch.tensor(loss.hessian), torch.tensor(loss.w_star)
    w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    weight_decay = 2 * float(penalty.l2_weight)
    opt = getattr(torch.optim, name)([w], lr=lr, weight_decay=weight_decay, **keywords)
    for k in range(1, steps + 1):
        opt.zero_grad()
        d = w - w_star
        (0.5 * d @ hessian @ d + float(penalty.l1_weight) * w.abs().sum()).backward()
        opt.step()
        mine, torchs = traj.weights[k], w.detach().numpy()
        np.testing.assert_allclose(mine, torchs, rtol=0, atol=1e-9, err_msg=f"step {k}")


def test_adam_l2_and_adamw_are_the_same_pieces_in_another_order():
    """The registry's lesson in code: AdamW is Adam + L2 with the decay moved past the scaling."""
    from decayviz.rules import RULES, add_decayed_weights, scale_by_adam

    adam, adamw = RULES["adam"].chain, RULES["adamw"].chain
    assert sorted(map(repr, adam)) == sorted(map(repr, adamw)) and adam != adamw
    assert adam.index(add_decayed_weights) < adam.index(scale_by_adam)
    assert adamw.index(add_decayed_weights) > adamw.index(scale_by_adam)

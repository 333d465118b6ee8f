"""Every quantitative sentence of the landscape and sparsity pages, recomputed with an independent
reference: torch.optim for the update rules, scikit-learn for the exact fits, closed forms and
KKT conditions for the optima. A change to a scene or a rule that makes a sentence false fails here.

Each test names the catalog key whose sentence it checks.
"""

import numpy as np
import pytest
from helpers import decode, one_decay_step_from_rest, open_page
from sklearn.linear_model import ElasticNet as SkElasticNet
from sklearn.linear_model import Lasso, Ridge

from decayviz import sparsity
from decayviz.descent import descend
from decayviz.figures.landscape import loss_terms_figure
from decayviz.i18n import t
from decayviz.penalties import NoPenalty
from decayviz.scene import build_scene
from decayviz.scenes import PRESETS
from decayviz.state import FIELD, defaults

torch = pytest.importorskip("torch")  # float64 throughout: every tensor here comes from a float64 array


def scene(**changes):
    return build_scene(defaults("landscape") | changes)


def preset(name, **changes):
    return scene(**PRESETS["landscape"][name], **changes)


def torch_path(loss, w0, rule, lr, steps, weight_decay=0.0, l1=0.0, momentum=0.0):
    """The weights after each step of torch.optim on ½(W − W*)ᵀH(W − W*) + l1·‖W‖₁, with the
    optimizer's own weight_decay (an L1 part can only go into the loss)."""
    hessian, w_star = torch.tensor(loss.hessian), torch.tensor(loss.w_star)
    w = torch.tensor(np.asarray(w0, dtype=float), requires_grad=True)
    make = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[rule]
    extra = {"momentum": momentum} if rule == "sgd" else {}
    optimizer = make([w], lr=lr, weight_decay=weight_decay, **extra)
    path = [w.detach().numpy().copy()]
    for _ in range(steps):
        optimizer.zero_grad()
        d = w - w_star
        (0.5 * d @ hessian @ d + l1 * w.abs().sum()).backward()
        optimizer.step()
        path.append(w.detach().numpy().copy())
    return np.array(path)


def l2_optimum(loss, alpha):
    """The closed form (H + 2αI)⁻¹HW*."""
    return np.linalg.solve(loss.hessian + 2 * alpha * np.eye(2), loss.hessian @ loss.w_star)


def grid_minimum(loss, inside, half=4.0, points=801):
    """The best grid point of the loss among those where inside(W) holds: a brute-force optimum."""
    axis = np.linspace(-half, half, points)
    grid = np.stack(np.meshgrid(axis, axis), -1).reshape(-1, 2)
    grid = grid[inside(grid)]
    return grid[np.argmin(loss.value(grid))]


# --- landscape: the PyTorch mapping (landscape.readout.weight_decay.*, landscape.readout.l1_note) ---


@pytest.mark.parametrize(("kind", "l1_ratio"), [("l2", 0.0), ("elasticnet", 0.3), ("l1", 1.0)])
def test_weight_decay_readout_is_what_torch_needs(kind, l1_ratio):
    """The readout's weight_decay, given to torch.optim.SGD with any L1 part added to the loss,
    takes the page's gradient steps on L + penalty: 2α, 2α(1 − l1_ratio), and none (0) for L1."""
    s = scene(penalty=kind, alpha=0.7, l1_ratio=l1_ratio, opt="gd", lr=0.05, steps=60)
    expected = {"l2": 1.4, "elasticnet": 2 * 0.7 * 0.7, "l1": 0.0}[kind]
    assert s.weight_decay == pytest.approx(expected)
    reference = torch_path(s.loss, s.w0, "sgd", 0.05, 60, s.weight_decay, l1=s.penalty.l1_weight)
    assert np.allclose(s.trajectory.weights, reference, atol=1e-10)
    if kind == "l1":
        assert "goes into the loss" in t("landscape.readout.weight_decay_none", "en")


def test_pytorch_weight_decay_defaults_quoted_in_the_note():
    """landscape.readout.weight_decay_note and l1_note: weight_decay is 0 unless set, AdamW's 0.01."""
    w = torch.zeros(2, requires_grad=True)
    assert torch.optim.SGD([w], lr=0.1).defaults["weight_decay"] == 0
    assert torch.optim.Adam([w]).defaults["weight_decay"] == 0
    assert torch.optim.AdamW([w]).defaults["weight_decay"] == 0.01
    for key in ("landscape.readout.weight_decay_note", "landscape.readout.l1_note"):
        assert "0.01" in t(key, "en") and "0" in t(key, "en")
    assert "AdamW's default is 0.01" in t("landscape.readout.weight_decay_note_adamw", "en")


ADAMW_NOTE, NOTE = "weight_decay_note_adamw", "weight_decay_note"


@pytest.mark.parametrize(
    ("opt", "key"), [("adamw", ADAMW_NOTE), ("adam", ADAMW_NOTE), ("gd", NOTE), ("momentum", NOTE)]
)
def test_adamws_weight_decay_is_explained_as_a_shrink_not_a_gradient(opt, key):
    """landscape.readout.weight_decay_note_adamw: where AdamW runs (the rule, or Adam's companion)
    the note says AdamW multiplies the weights by 1 − lr·weight_decay outside the adaptive step,
    while Adam adds weight_decay·W to the gradient: from W = (1, −2), zero gradient, lr 0.1,
    weight_decay 0.4, torch gives (0.96, −1.92) and (0.9, −1.9)."""
    s = scene(penalty="l2", alpha=0.5, opt=opt)
    assert s.weight_decay_note == f"landscape.readout.{key}"
    note = t("landscape.readout.weight_decay_note_adamw", "en")
    assert "AdamW instead multiplies every weight by 1 − lr·weight_decay each step, outside the" in note
    assert "Adam adds weight_decay·W to the gradient" in note
    steps = one_decay_step_from_rest()
    np.testing.assert_allclose(steps["AdamW"], (1 - 0.1 * 0.4) * np.array([1.0, -2.0]))  # the shrink
    np.testing.assert_allclose(steps["Adam"], [0.9, -1.9])  # λW in the gradient, then ±lr per weight
    ours = descend(s.loss, s.penalty, (1.0, -2.0), "adamw", 0.1, 1)  # the app's rule: the same shrink,
    plain = descend(s.loss, NoPenalty(), (1.0, -2.0), "adam", 0.1, 1)  # next to its data step
    np.testing.assert_allclose(ours.weights[1], plain.weights[1] - 0.1 * 2 * 0.5 * np.array([1.0, -2.0]))
    assert scene(penalty="l1", alpha=0.5, opt="adamw").weight_decay_note == "landscape.readout.l1_note"
    assert scene(penalty="none", opt="adamw").weight_decay_note is None


# --- landscape: AdamW with L1 is Adam (landscape.adamw_l1, choice.opt.adamw) ---


def test_adamw_with_l1_takes_exactly_adams_steps_as_in_torch():
    s = scene(penalty="l1", alpha=2.0, opt="adamw", lr=0.05, steps=150)
    assert s.adamw_is_adam and s.companion is None
    adam = descend(s.loss, s.penalty, s.w0, "adam", 0.05, 150)
    assert np.array_equal(s.trajectory.weights, adam.weights)
    torch_adamw = torch_path(s.loss, s.w0, "adamw", 0.05, 150, weight_decay=0.0, l1=2.0)
    torch_adam = torch_path(s.loss, s.w0, "adam", 0.05, 150, weight_decay=0.0, l1=2.0)
    assert np.array_equal(torch_adamw, torch_adam)
    assert np.allclose(s.trajectory.weights, torch_adamw, atol=1e-8)


def test_adamw_decouples_only_the_l2_part_like_torch():
    """Elastic net: torch.optim.AdamW(weight_decay = 2α(1 − l1_ratio)) with the L1 part in the loss."""
    s = scene(penalty="elasticnet", alpha=0.8, l1_ratio=0.4, opt="adamw", lr=0.05, steps=150)
    reference = torch_path(s.loss, s.w0, "adamw", 0.05, 150, s.weight_decay, l1=s.penalty.l1_weight)
    assert np.allclose(s.trajectory.weights, reference, atol=1e-8)


# --- landscape: AdamW's box (landscape.adamw_box, landscape.adamw_box_inside) ---


def test_adam_vs_adamw_scene_ends_within_001_of_the_box_optimum():
    s = preset("adam_vs_adamw")
    assert s.optimizer == "adamw" and s.companion_optimizer == "adam" and not s.box_holds_w_star
    c = 1 / (2 * s.penalty.alpha)
    assert s.box_halfwidth == pytest.approx(c)
    box = grid_minimum(s.loss, lambda W: np.abs(W).max(axis=1) <= c + 1e-12, half=c, points=401)
    assert np.allclose(s.box_optimum, box, atol=1e-9)  # a corner of the box: on the grid
    reference = torch_path(s.loss, s.w0, "adamw", s.lr, len(s.trajectory.weights) - 1, s.weight_decay)
    assert np.allclose(s.trajectory.final, reference[-1], atol=1e-6)
    assert np.linalg.norm(reference[-1] - box) < 0.01
    assert s.box_distance == pytest.approx(np.linalg.norm(reference[-1] - box), abs=1e-6)
    # "Adam with L2 in the gradient heads for the L2 optimum on the circle instead"
    adam = torch_path(s.loss, s.w0, "adam", s.lr, len(s.trajectory.weights) - 1, s.weight_decay)
    assert np.linalg.norm(adam[-1] - l2_optimum(s.loss, s.penalty.alpha)) < 0.01
    assert np.linalg.norm(adam[-1] - reference[-1]) > 1.0


def test_adamw_tends_to_w_star_when_it_lies_inside_the_box():
    s = scene(penalty="l2", alpha=0.2, opt="adamw", lr=0.1, steps=200)
    assert s.box_holds_w_star and np.array_equal(s.box_optimum, s.loss.w_star)
    reference = torch_path(s.loss, s.w0, "adamw", 0.1, 2000, s.weight_decay)
    path = descend(s.loss, s.penalty, s.w0, "adamw", 0.1, 20000).weights  # torch's rule, faster:
    assert np.allclose(path[:2001], reference, atol=1e-6)
    distance = np.linalg.norm(path[[200, 2000, 20000]] - s.loss.w_star, axis=1)
    assert distance[0] > distance[1] > distance[2] and distance[2] < 0.02  # toward W*, slowly
    assert np.linalg.norm(path[-1] - l2_optimum(s.loss, 0.2)) > 0.5  # not to the L2 optimum


# --- landscape: where Ŵ touches the ball (landscape.readout.contact_*, landscape.intro) ---


def l1_kkt_holds(loss, alpha, W, tol=1e-8):
    grad = loss.grad(W)
    on = W != 0.0
    on_support = np.allclose(grad[on], -alpha * np.sign(W[on]), atol=tol)
    return on_support and np.all(np.abs(grad[~on]) <= alpha + tol)


def test_default_l1_optimum_lies_on_an_edge():
    s = scene(penalty="l1", alpha=0.5)
    assert s.contact[0] == "landscape.readout.contact_edge"
    assert np.all(s.optimum != 0.0) and l1_kkt_holds(s.loss, 0.5, s.optimum)
    # the edge's own closed form: H(W − W*) + α·sign(W) = 0 with the signs it has
    edge = s.loss.w_star - 0.5 * np.linalg.solve(s.loss.hessian, np.sign(s.optimum))
    assert np.allclose(s.optimum, edge, atol=1e-9)


def test_l1_zero_scene_lies_on_a_corner():
    s = preset("l1_zero")
    assert s.contact == ("landscape.readout.contact_corner", 2)
    assert s.optimum[1] == 0.0 and l1_kkt_holds(s.loss, 2.0, s.optimum)


# --- landscape: the two terms (landscape.terms.caption, landscape.terms.together) ---


def test_default_run_penalty_falls_then_rises():
    s = scene()
    low = s.penalty_low_step
    assert low is not None and 0 < low < len(s.trajectory.weights) - 1
    path = torch_path(s.loss, s.w0, "sgd", s.lr, len(s.trajectory.weights) - 1, s.weight_decay)
    penalty = s.penalty.alpha * (path**2).sum(axis=1)
    assert int(np.argmin(penalty)) == low
    assert penalty[low] < penalty[0] and penalty[-1] > penalty[low] + 0.01 * penalty[0]


def test_the_terms_chart_shows_the_lowest_step_its_caption_names():
    """landscape.terms.together names the step where the penalty is lowest: the chart's log axis
    reaches under it (it stopped at 0.025, over the default run's 0.017 at step 18)."""
    for preset in (None, *PRESETS["landscape"]):
        values = {**defaults("landscape"), **PRESETS["landscape"].get(preset, {})}
        s = build_scene(values)
        if s.penalty_low_step is None:
            continue
        lowest = s.trajectory.penalty_value[s.penalty_low_step]
        bottom = loss_terms_figure(s, "en")["layout"]["yaxis"]["range"][0]
        assert lowest == 0 or 10**bottom < lowest, preset  # an L1 penalty at 0 is off any log axis


@pytest.mark.parametrize("query", [{"penalty": "none"}, {"alpha": "0"}])
def test_with_no_penalty_the_terms_section_does_not_speak_of_two_terms(query):
    """landscape.terms.caption_none: α = 0 or no penalty leaves one term; nothing fights."""
    for lang in ("en", "ko"):
        at = open_page("landscape", query, lang=lang)
        said = " ".join([*(h.value for h in at.header), *(c.value for c in at.caption)])
        for key in ("landscape.terms.title", "landscape.terms.caption"):
            assert t(f"{key}_none", lang) in said and t(key, lang) not in said
        assert "**" not in said and "(the penalty's pieces in bold" not in said  # nothing of it in the rule
    no_penalty = {"penalty": "none"} if "penalty" in query else {"alpha": 0.0}
    s = build_scene({**defaults("landscape"), **no_penalty})
    bottom = loss_terms_figure(s, "en")["layout"]["yaxis"]["range"][0]
    assert 10**bottom < s.trajectory.total[-1] < 1e-2  # the data loss's whole fall shows


@pytest.mark.parametrize("kind", ["l2", "l1", "elasticnet"])
def test_near_the_optimum_lowering_the_data_loss_raises_the_penalty_as_much(kind):
    s = scene(penalty=kind, alpha=0.5)
    angles = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    for eps in (1e-3, 1e-2):
        W = s.optimum + eps * np.stack([np.cos(angles), np.sin(angles)], -1)
        data_drop = s.loss.value(s.optimum) - s.loss.value(W)
        penalty_rise = s.penalty.value(W) - s.penalty.value(s.optimum)
        lowers = data_drop > 0
        assert lowers.any() and np.all(penalty_rise[lowers] >= data_drop[lowers] - 1e-12)


# --- landscape: weights kept near the origin (landscape.readout.norm, the chapter's point 3) ---


def test_norm_readout_and_the_path_shrinks_toward_the_origin():
    s = scene()
    optimum_norm, w_star_norm = s.norms
    assert optimum_norm == pytest.approx(np.linalg.norm(l2_optimum(s.loss, s.penalty.alpha)))
    assert w_star_norm == pytest.approx(np.hypot(2.0, 1.0))
    assert s.norm_share == pytest.approx(optimum_norm / w_star_norm) and s.norm_share < 1
    alphas = np.geomspace(1e-3, 1e3, 60)
    norms = [np.linalg.norm(l2_optimum(s.loss, a)) for a in alphas]
    assert np.all(np.diff(norms) < 0)
    l1_norms = [np.abs(scene(penalty="l1", alpha=a).optimum).sum() for a in FIELD["alpha"].options]
    assert np.all(np.diff(l1_norms) <= 1e-12)


# --- landscape: subgradient chatter vs proximal (landscape.chatter) ---


def test_chatter_box_only_where_a_weight_reaches_zero():
    for alpha in (0.5, 1.0):  # Ŵ on an edge: no weight is 0, so no box
        for opt in ("gd", "proximal"):
            assert scene(penalty="l1", alpha=alpha, opt=opt).chatter is None
    s = preset("chatter")
    chatter = s.chatter
    assert chatter is not None and chatter.weight == 2
    steps = len(s.trajectory.weights) - 1
    subgradient = torch_path(s.loss, s.w0, "sgd", s.lr, steps, l1=s.penalty.alpha)
    assert subgradient[-1, 1] != 0.0 and chatter.gd_end == pytest.approx(subgradient[-1, 1], abs=1e-10)
    assert np.sum(np.diff(np.sign(subgradient[-50:, 1])) != 0) > 5  # hops across 0
    w, first_zero = np.array(s.w0), None  # the proximal step by hand: gradient step, soft-threshold
    for k in range(1, steps + 1):
        v = w - s.lr * s.loss.grad(w)
        w = np.sign(v) * np.maximum(np.abs(v) - s.lr * s.penalty.alpha, 0.0)
        if first_zero is None and w[1] == 0.0:
            first_zero = k
    assert w[1] == 0.0 and chatter.zero_step == first_zero


# --- landscape: the divergence messages (landscape.diverged.*) ---


def independent_limit(loss, penalty, rule, mu=0.9):
    curvature = np.linalg.eigvalsh(loss.hessian).max()
    nu = 2 * penalty.alpha * (1 - penalty.l1_ratio)
    return {
        "gd": 2 / (curvature + nu),
        "momentum": 2 * (1 + mu) / (curvature + nu),
        "proximal": 2 / (curvature - nu) if curvature > nu else np.inf,
        "adamw": 1 / (nu / 2) if nu > 0 else np.inf,
        "adam": np.inf,
    }[rule]


@pytest.mark.parametrize(
    ("rule", "kind", "alpha", "key"),
    [
        ("gd", "l2", 0.5, "landscape.diverged.gd"),
        ("momentum", "elasticnet", 0.5, "landscape.diverged.momentum"),
        ("proximal", "l1", 0.5, "landscape.diverged.proximal"),
        ("proximal", "l2", 1.0, "landscape.diverged.proximal_l2"),
        ("adamw", "l2", 2.0, "landscape.diverged.adamw"),
        ("adamw", "elasticnet", 3.0, "landscape.diverged.adamw"),
    ],
)
def test_divergence_message_says_the_rule_and_its_limit(rule, kind, alpha, key):
    s = scene(penalty=kind, alpha=alpha, opt=rule)
    limit = independent_limit(s.loss, s.penalty, rule)
    assert s.max_stable_lr == pytest.approx(limit)
    w0 = (1e3, -1e3) if kind == "l1" else (-2.5, 2.5)  # soft-thresholding damps small oscillations
    above = scene(penalty=kind, alpha=alpha, opt=rule, lr=1.05 * limit, steps=2000, w0x=w0[0], w0y=w0[1])
    below = scene(penalty=kind, alpha=alpha, opt=rule, lr=0.95 * limit, steps=2000)
    assert above.trajectory.diverged_at is not None and below.trajectory.diverged_at is None
    message_key, numbers = above.divergence()
    assert message_key == key and numbers["limit"] == pytest.approx(limit)
    nu = 2 * alpha * (1 - above.penalty.l1_ratio)  # torch's weight_decay, in the controls' terms:
    formula = {"l2": "2α", "elasticnet": "2α(1 − l1_ratio)", "l1": None}[kind]
    for lang in ("en", "ko"):
        text = above.divergence_text(lang)
        assert f"{limit:.3g}" in text and f"{above.trajectory.diverged_at}" in text
        assert "α₂" not in text  # a symbol a student never met
        if formula:
            assert f"{formula} = {nu:.3g}" in text
    if rule == "adamw":  # the cause: the decay factor is below −1
        assert numbers["factor"] < -1 < 1 - numbers["decay"] * 0.95 * limit
        torch_above = torch_path(s.loss, (-2.5, 2.5), "adamw", 1.05 * limit, 600, numbers["decay"])
        torch_below = torch_path(s.loss, (-2.5, 2.5), "adamw", 0.95 * limit, 600, numbers["decay"])
        assert not np.all(np.abs(torch_above[-1]) < 1e6) and np.all(np.abs(torch_below) < 1e3)


def test_diverging_scene_and_an_adamw_that_flips_sign():
    s = preset("diverges")
    assert s.trajectory.diverged_at is not None and s.lr > s.max_stable_lr
    assert s.divergence()[0] == "landscape.diverged.gd"
    s = scene(penalty="l2", alpha=2.0, opt="adamw", lr=1.0)  # factor 1 − 4 = −3
    assert s.trajectory.diverged_at is not None and s.divergence()[1]["factor"] == pytest.approx(-3.0)


@pytest.mark.parametrize(
    ("kind", "alpha", "says"),
    [("l1", 0.5, "an L1 penalty adds no curvature"), ("l2", 0.0, "there is no penalty")],
)
def test_divergence_message_without_an_l2_part(kind, alpha, says):
    """landscape.diverged.parts_l1, parts_none: the whole loss's largest curvature is κ, the data
    loss's own."""
    s = scene(penalty=kind, alpha=alpha, opt="gd", lr=0.5)
    curvature = np.linalg.eigvalsh(s.loss.hessian).max()
    assert s.trajectory.diverged_at is not None and s.weight_decay == 0
    text = s.divergence_text("en")
    assert f"κ = {curvature:.3g} is" in text and f"(κ, the data loss's largest curvature; {says})" in text
    assert f"lr < 2/κ = {2 / curvature:.3g}" in text
    assert f"가장 큰 곡률 그대로 κ = {curvature:.3g}입니다" in s.divergence_text("ko")


@pytest.mark.parametrize(("rule", "limit"), [("gd", "2/(κ + 2α)"), ("momentum", "2(1 + μ)/(κ + 2α)"),
                                             ("nesterov", "2(1 + μ)/((1 + 2μ)·(κ + 2α))")])  # fmt: skip
def test_divergence_message_writes_the_curvature_as_kappa_plus_weight_decay(rule, limit):
    """landscape.diverged.gd, momentum, nesterov with landscape.diverged.parts: κ is the data
    loss's largest curvature (the Hessian's largest eigenvalue), κ + 2α the whole loss's; λ, the
    weight_decay, never stands for a curvature (it did: "λmax")."""
    s = scene(penalty="l2", alpha=0.5, opt=rule, lr=1.2)
    kappa = np.linalg.eigvalsh(s.loss.hessian).max()
    whole = np.linalg.eigvalsh(s.loss.hessian + 2 * 0.5 * np.eye(2)).max()  # Hessian of L + α‖W‖²
    assert s.trajectory.diverged_at is not None
    text = s.divergence_text("en")
    assert f"κ = {kappa:.3g}, the data loss's largest curvature, plus the penalty's 2α = 1" in text
    assert f"κ + 2α = {whole:.3g} is the largest curvature of the whole loss" in text
    assert f"lr < {limit} = {s.max_stable_lr:.3g}" in text
    assert "λ" not in text and "λ" not in s.divergence_text("ko")
    assert f"κ + 2α = {whole:.3g}입니다" in s.divergence_text("ko")


def test_adam_cannot_blow_up():
    """landscape.diverged.adam: every step moves a weight by about lr, at most a few lr."""
    for kind in ("l2", "l1", "elasticnet"):
        s = scene(penalty=kind, alpha=10.0, opt="adam", lr=2.0, steps=5000)
        assert s.max_stable_lr == np.inf and s.trajectory.diverged_at is None
        path = torch_path(s.loss, s.w0, "adam", 2.0, 300, s.weight_decay, l1=s.penalty.l1_weight)
        assert np.abs(np.diff(path, axis=0)).max() <= 2.0 * 7.3


# --- sparsity: paths (sparsity.paths.readout, sparsity.paths.at_most_n, sparsity.intro) ---


def sklearn_fit(problem, kind, alpha, l1_ratio=0.5):
    """The same objective in scikit-learn's terms: Lasso is ours for L1; Ridge's penalty is
    a‖w‖² on the summed squares, so a = 2nα; ElasticNet's is a·r‖w‖₁ + ½a(1 − r)‖w‖²."""
    X, y = problem.X, problem.y
    if kind == "l1":
        model = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=200_000)
    elif kind == "l2":
        model = Ridge(alpha=2 * len(y) * alpha, fit_intercept=False)
    else:
        l1, l2 = alpha * l1_ratio, alpha * (1 - l1_ratio)
        a = l1 + 2 * l2
        model = SkElasticNet(alpha=a, l1_ratio=l1 / a, fit_intercept=False, tol=1e-12, max_iter=200_000)
    return model.fit(X, y).coef_


@pytest.mark.parametrize("name", ["synthetic", "diabetes"])
@pytest.mark.parametrize("alpha", [0.01, 0.1, 0.5])
def test_zero_counts_of_the_paths_readout_match_scikit_learn(name, alpha):
    problem = sparsity.make_problem(name)
    optima = sparsity.optima_at(problem, alpha)
    for kind in ("l1", "l2", "elasticnet"):
        reference = sklearn_fit(problem, kind, alpha)
        assert np.allclose(optima[kind], reference, atol=1e-5)
        assert np.sum(optima[kind] == 0.0) == np.sum(reference == 0.0), kind
    assert np.sum(optima["l2"] == 0.0) == 0  # "L2 ... sets none of them to 0"


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")  # tiny α: slow, not wrong
def test_l1_keeps_at_most_n_weights():
    problem = sparsity.make_problem("synthetic")
    n, d = problem.X.shape
    assert n < d
    for alpha in FIELD["s_alpha"].options:
        assert np.sum(sklearn_fit(problem, "l1", alpha) != 0.0) <= n
        assert np.sum(sparsity.optima_at(problem, alpha)["l1"] != 0.0) <= n


def test_diabetes_target_is_standardized_and_the_synthetic_one_is_not():
    """sparsity.paths.diabetes: at w = 0 the data loss is ½; the synthetic target's spread differs."""
    diabetes = sparsity.make_problem("diabetes")
    assert 0.5 * np.mean(diabetes.y**2) == pytest.approx(0.5)
    assert abs(sparsity.make_problem("synthetic").y.std() - 1.0) > 1.0


# --- sparsity: over the iterations (sparsity.iterations.readout, .l2_grew, .caption) ---


@pytest.mark.parametrize(("alpha", "steps"), [(0.1, 300), (0.5, 1000)])
def test_iteration_counts_match_torch_and_scikit_learn(alpha, steps):
    problem = sparsity.make_problem("synthetic")
    frames = sparsity.descent_frames(problem, alpha, steps, seed=0)
    X, y = torch.tensor(problem.X), torch.tensor(problem.y)
    w = torch.tensor(frames.start, requires_grad=True)
    sgd = torch.optim.SGD([w], lr=frames.lr, weight_decay=2 * alpha)
    for _ in range(steps):
        sgd.zero_grad()
        (0.5 * ((X @ w - y) ** 2).mean()).backward()
        sgd.step()
    l2 = w.detach().numpy()
    assert np.allclose(frames.weights["l2"][-1], l2, atol=1e-9)
    grew = int(np.sum(np.abs(l2) > np.abs(frames.start)))
    assert frames.grew("l2") == grew and grew > 0  # not "all shrink"
    assert np.sum(l2 == 0.0) == 0 and np.sum(frames.weights["l1_subgradient"][-1] == 0.0) == 0
    exact = sklearn_fit(problem, "l1", alpha)
    proximal = frames.weights["l1_proximal"][-1]
    assert np.sum(proximal == 0.0) >= 0.9 * np.sum(exact == 0.0)


# --- sparsity: how often L1 gives a zero (sparsity.montecarlo.*) ---


def corner_by_kkt(w_star, hessians, budget):
    """Whether argmin L over ‖W‖₁ ≤ t sits on a corner, by the normal cone there: at the corner
    t·s·e_i the optimum holds iff −∂L/∂w_i·s ≥ |∂L/∂w_j|."""
    hits = np.zeros(len(w_star), bool)
    for i in range(2):
        for s in (-1.0, 1.0):
            corner = np.zeros(2)
            corner[i] = s * budget
            grad = np.einsum("nij,nj->ni", hessians, corner - w_star)
            hits |= -grad[:, i] * s >= np.abs(grad[:, 1 - i])
    return hits


def l2_constrained_by_brentq(w_star, hessian, budget):
    from scipy.optimize import brentq

    if np.linalg.norm(w_star) <= budget:
        return w_star
    point = lambda nu: np.linalg.solve(hessian + nu * np.eye(2), hessian @ w_star)  # noqa: E731
    nu = brentq(lambda nu: np.linalg.norm(point(nu)) - budget, 0.0, 1e6, xtol=1e-14)
    return point(nu)


@pytest.mark.parametrize(("shape", "spread"), [("elliptic", 5.0), ("circular", 5.0), ("elliptic", 2.0)])
def test_monte_carlo_shares_by_independent_criteria(shape, spread):
    mc = sparsity.sparsity_monte_carlo(5000, 0, shape, spread)
    w_star, hessians = sparsity.random_losses(5000, 0, shape, 1.0, spread)
    assert np.mean(mc.l1_zero) == pytest.approx(np.mean(corner_by_kkt(w_star, hessians, 1.0)), abs=1e-3)
    assert np.mean(mc.l2_zero) == 0.0
    sample = slice(0, 600)  # the L2 optima, by a root finder on the secular equation
    pairs = zip(w_star[sample], hessians[sample], strict=True)
    l2 = np.array([l2_constrained_by_brentq(centre, hessian, 1.0) for centre, hessian in pairs])
    assert np.allclose(mc.l2[sample], l2, atol=1e-8)
    almost = np.any(np.abs(mc.l2) <= 0.05, axis=1)  # "within 5% of t", t = 1
    assert mc.near_zero_share("l2") == pytest.approx(np.mean(almost))
    assert np.array_equal(almost[sample], np.any(np.abs(l2) <= 0.05, axis=1))


def test_l1_share_grows_with_the_spread_of_the_centres():
    """sparsity.montecarlo.parr: the share depends on how the losses are drawn."""
    draws = [sparsity.random_losses(5000, 0, "elliptic", 1.0, spread) for spread in (2, 5, 10)]
    shares = [np.mean(corner_by_kkt(w_star, hessians, 1.0)) for w_star, hessians in draws]
    assert shares[0] < shares[1] < shares[2]


# --- sparsity: the layer (sparsity.layer.counts, sparsity.layer.why) ---


@pytest.mark.parametrize(("kind", "alpha"), [("l2", 1.0), ("l1", 0.1), ("l1", 1.0)])
def test_layer_counts_match_scikit_learn(kind, alpha):
    X, Y, _ = sparsity.layer_problem(seed=0)
    plain = np.stack([np.linalg.lstsq(X, Y[:, i], rcond=None)[0] for i in range(Y.shape[1])])
    penalized = sparsity.fit_layer(X, Y, kind, alpha)
    problem = lambda i: sparsity.Problem(X, Y[:, i], ())  # noqa: E731
    reference = np.stack([sklearn_fit(problem(i), kind, alpha) for i in range(Y.shape[1])])
    assert np.allclose(penalized, reference, atol=1e-6)
    summary = sparsity.layer_summary(sparsity.fit_layer(X, Y, "l2", 0.0), penalized)
    assert summary.thinner == np.sum(np.abs(reference) < np.abs(plain))
    assert summary.zeros == np.sum(reference == 0.0)
    assert summary.kept_min == (reference != 0).sum(1).min()
    assert np.linalg.norm(reference) < np.linalg.norm(plain)  # the layer shrinks as a whole
    if kind == "l2":
        assert summary.zeros == 0 and summary.thicker > 0  # "cuts none", "not every link"


# --- the scenes' names are claims too (preset.*) ---


def test_scene_names_hold():
    # landscape "α too large: stuck near 0": Ŵ within 5% of ‖W*‖ of the origin
    s = preset("alpha_too_large")
    assert np.linalg.norm(l2_optimum(s.loss, s.penalty.alpha)) < 0.05 * np.linalg.norm(s.loss.w_star)
    # landscape "L1 makes a weight exactly zero": the proximal run lands on the exact 0
    s = preset("l1_zero")
    assert s.trajectory.final[1] == 0.0 and s.trajectory.first_exact_zero() is not None
    # sparsity "L1 picks the true features": the L1 support at the scene's α is the true one
    values = defaults("sparsity") | PRESETS["sparsity"]["lasso_selects"]
    sizes = (values["s_samples"], values["s_features"], values["s_nonzero"])
    problem = sparsity.make_problem("synthetic", *sizes)
    support = np.flatnonzero(sklearn_fit(problem, "l1", values["s_alpha"]))
    assert np.array_equal(support, np.flatnonzero(problem.w_true))

    # sparsity "Circular bowls (Parr's 66%)" and "Centres near the ball: fewer zeros"
    def corner_share(shape, spread):
        return np.mean(corner_by_kkt(*sparsity.random_losses(5000, 0, shape, 1.0, spread), 1.0))

    assert corner_share("circular", 5.0) == pytest.approx(0.66, abs=0.02)
    near = PRESETS["sparsity"]["centres_near_the_ball"]["s_spread"]
    assert corner_share("elliptic", near) < corner_share("elliptic", FIELD["s_spread"].default) - 0.1


def test_monte_carlo_scatter_draws_the_first_losses_the_shares_count_all():
    """sparsity.montecarlo.shown: the scatter draws the first SCATTER_POINTS loss centres (those
    of the losses the shares count first), the shares count every loss."""
    from decayviz.figures.sparsity import SCATTER_POINTS, monte_carlo_figure

    mc = sparsity.sparsity_monte_carlo(5000, 0, "elliptic", 5.0)
    names = {t(f"sparsity.montecarlo.{key}", "en") for key in ("corner", "edge")}
    centres = [trace for trace in monte_carlo_figure(mc, 5.0, "en")["data"] if trace.get("name") in names]
    drawn = np.concatenate([np.column_stack([decode(trace["x"]), decode(trace["y"])]) for trace in centres])
    assert len(drawn) == SCATTER_POINTS < len(mc.w_star) == 5000
    first = mc.w_star[:SCATTER_POINTS].astype(np.float32)  # as the chart's float32 arrays hold them
    assert sorted(map(tuple, drawn)) == sorted(map(tuple, first))


def test_monte_carlo_caption_and_synthetic_sizes():
    """sparsity.montecarlo.caption: centres uniform in the square of half-side spread·t, outside
    the circle; sparsity.paths.synthetic: only k weights truly matter."""
    w_star, hessians = sparsity.random_losses(5000, 0, "elliptic", 1.0, 5.0)
    assert np.all(np.hypot(*w_star.T) > 1.0) and np.all(np.abs(w_star) <= 5.0)
    curvatures = np.linalg.eigvalsh(hessians)
    assert curvatures.min() >= 0.1 - 1e-9 and curvatures.max() <= 10 + 1e-9
    problem = sparsity.make_problem("synthetic")
    assert problem.X.shape == (20, 200) and np.sum(problem.w_true != 0.0) == 5


def test_monte_carlo_caption_says_what_each_shape_draws_at_random():
    """sparsity.montecarlo.randomness.*: elliptic losses have two different curvatures at random
    rotations; a circular loss is c·I, one random curvature that no rotation changes."""
    _, elliptic = sparsity.random_losses(2000, 0, "elliptic", 1.0, 5.0)
    curvatures, axes = np.linalg.eigh(elliptic)
    assert np.all(curvatures[:, 1] > curvatures[:, 0] * (1 + 1e-6))  # two curvatures, each loss
    angles = np.arctan2(axes[:, 1, 0], axes[:, 0, 0]) % np.pi  # the first axis' direction
    assert np.histogram(angles, bins=6, range=(0, np.pi))[0].min() > 200  # every direction
    _, circular = sparsity.random_losses(2000, 0, "circular", 1.0, 5.0)
    scale = circular[:, 0, 0]
    assert np.allclose(circular, scale[:, None, None] * np.eye(2), rtol=0, atol=1e-12 * scale.max())
    assert scale.max() / scale.min() > 50  # the curvature itself is drawn at random
    for lang in ("en", "ko"):
        assert t("sparsity.montecarlo.randomness.elliptic", lang) in t(
            "sparsity.montecarlo.caption", lang, count=1, shape="", spread="5",
            randomness=t("sparsity.montecarlo.randomness.elliptic", lang),
        )  # fmt: skip

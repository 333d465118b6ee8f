"""Beyond the chapter on the landscape: decay under a normalization layer (ScaleInvariantLoss,
decayviz.normalization) and early stopping beside the ridge path (decayviz.earlystop), each
against a closed form; and the sentences their views show, computed."""

import re

import numpy as np
import pytest
from helpers import assert_finite, open_page
from korean import english_runs, page_texts

from decayviz.descent import descend
from decayviz.earlystop import early_stopping_match, equal_curvature_alpha, nearest_alphas, ridge_point
from decayviz.landscape import EllipticLoss, ScaleInvariantLoss
from decayviz.normalization import equilibrium_angle, equilibrium_norm, normalized_run
from decayviz.penalties import L1, L2, NoPenalty
from decayviz.solve import regularization_path


def test_the_loss_sees_only_the_direction():
    loss = ScaleInvariantLoss(pull=1.5, direction_deg=20.0)
    rng = np.random.default_rng(0)
    W = rng.standard_normal((100, 2))
    for c in (1e-3, 0.5, 2.0, 1e3):
        assert np.allclose(loss.value(c * W), loss.value(W), atol=1e-12)
    # the gradient against finite differences, orthogonal to W, and ‖∇L‖·‖W‖ = pull
    grad = loss.grad(W)
    h = 1e-6
    for axis in range(2):
        step = np.zeros(2)
        step[axis] = h
        numeric = (loss.value(W + step) - loss.value(W - step)) / (2 * h)
        away_from_cut = np.abs(np.abs(loss.angle(W)) - np.pi) > 1e-3
        assert np.allclose(numeric[away_from_cut], grad[away_from_cut, axis], atol=1e-5)
    assert np.allclose(np.sum(grad * W, axis=-1), 0.0, atol=1e-12)
    assert np.allclose(np.linalg.norm(grad, axis=-1) * np.linalg.norm(W, axis=-1), 1.5)
    assert np.array_equal(loss.grad(np.zeros(2)), np.zeros(2)) and loss.value(np.zeros(2)) == 0.0
    with pytest.raises(ValueError):
        ScaleInvariantLoss(pull=0.0)


def test_without_decay_the_norm_grows_every_step():
    run = normalized_run(ScaleInvariantLoss(), NoPenalty(), (-2.5, 2.5), "gd", 0.1, 300)
    assert np.all(np.diff(run.norms) > 0)  # the gradient ⟂ W: Pythagoras lengthens W each step
    # exactly: ‖W_{k+1}‖² = ‖W_k‖² + η²·pull²/‖W_k‖²
    assert np.allclose(run.norms[1:] ** 2, run.norms[:-1] ** 2 + 0.01 / run.norms[:-1] ** 2)
    assert np.all(np.diff(run.effective_lr) < 0)  # so the effective learning rate only falls
    assert run.predicted_angle is None and run.settled_at() is None


@pytest.mark.parametrize("lr, alpha", [(0.1, 0.5), (0.02, 0.5), (0.05, 2.0), (0.5, 1.5)])
def test_with_decay_the_angle_per_step_settles_where_lr_times_decay_says(lr, alpha):
    weight_decay = 2 * alpha  # λ = 2α
    x = lr * weight_decay
    run = normalized_run(ScaleInvariantLoss(), L2(alpha), (-2.5, 2.5), "gd", lr, 3000)
    # the formula, written out independently: tan θ = √(2ηλ − (ηλ)²)/(1 − ηλ)
    expected = np.arctan2(np.sqrt(2 * x - x * x), 1 - x)
    assert run.predicted_angle == pytest.approx(expected, rel=1e-12)
    assert run.angles[-1] == pytest.approx(expected, rel=1e-9)
    assert run.norms[-1] == pytest.approx(equilibrium_norm(ScaleInvariantLoss(), lr, weight_decay), rel=1e-9)
    # the same equilibrium from another start and another pull: ηλ alone sets the angle
    other = normalized_run(ScaleInvariantLoss(pull=4.0), L2(alpha), (0.1, -3.0), "gd", lr, 3000)
    assert other.angles[-1] == pytest.approx(expected, rel=1e-9)
    assert run.settled_at() is not None


def test_descend_runs_unchanged_on_it_with_torchs_weight_decay():
    """descend's gd with L2(α) is torch.optim.SGD(weight_decay=2α) on the same gradient."""
    torch = pytest.importorskip("torch")
    loss = ScaleInvariantLoss(pull=1.0)
    trajectory = descend(loss, L2(0.5), w0=(-2.5, 2.5), optimizer="gd", lr=0.1, steps=50)
    w = torch.tensor([-2.5, 2.5], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.1, weight_decay=1.0)
    for _ in range(50):
        optimizer.zero_grad()
        w.grad = torch.tensor(loss.grad(w.detach().numpy()))
        optimizer.step()
    assert np.allclose(trajectory.weights[-1], w.detach().numpy(), atol=1e-12)


def test_no_equilibrium_without_decay_or_beyond_two():
    assert equilibrium_angle(0.1, 0.0) is None and equilibrium_angle(1.0, 2.5) is None
    assert equilibrium_angle(1.0, 1.0) == pytest.approx(np.pi / 2)  # ηλ = 1: a quarter turn a step
    assert equilibrium_norm(ScaleInvariantLoss(), 0.1, 0.0) is None


def test_other_rules_get_no_prediction():
    for penalty, optimizer in ((L2(0.5), "momentum"), (L1(0.5), "gd"), (L2(0.5), "adamw")):
        assert (
            normalized_run(ScaleInvariantLoss(), penalty, (1.0, 0.0), optimizer, 0.05, 20).predicted_angle
            is None
        )


# --- early stopping ---


def test_ridge_point_is_the_regularization_path():
    loss = EllipticLoss((2.0, 1.0), (1.0, 6.0), 30.0)
    alphas = np.array([0.0, 0.01, 0.5, 3.0, 100.0])
    assert np.allclose(ridge_point(loss, alphas), regularization_path(loss, "l2", alphas), atol=1e-12)
    assert np.array_equal(ridge_point(loss, np.inf), np.zeros(2))


def test_stopped_descent_is_exactly_on_the_ridge_path_when_curvatures_are_equal():
    loss = EllipticLoss((2.0, 1.0), (3.0, 3.0), 30.0)
    match = early_stopping_match(loss, 0.05, 200)
    for k in (1, 2, 5, 20, 60):
        assert match.alphas[k] == pytest.approx(equal_curvature_alpha(3.0, 0.05, k), rel=1e-9)
        assert match.gaps[k] < 1e-12
    assert match.alphas[0] == np.inf and match.gaps[0] == 0.0
    # the descent's closed form: W_k = (1 − (1 − ηλ)ᵏ) W*
    k = np.arange(201)[:, None]
    assert np.allclose(match.weights, (1 - (1 - 0.15) ** k) * loss.w_star, atol=1e-12)


def test_with_unequal_curvatures_it_is_only_near():
    loss = EllipticLoss((2.0, 1.0), (1.0, 6.0), 30.0)
    match = early_stopping_match(loss, 0.02, 400)
    assert match.gaps[1:60].min() > 1e-4  # no α matches exactly along the way
    # the nearest α is nearest: no α on a fine grid beats it
    grid = np.logspace(-4, 4, 20001)
    for k in (3, 30, 100):
        distances = np.linalg.norm(ridge_point(loss, grid) - match.weights[k], axis=-1)
        assert match.gaps[k] <= distances.min() + 1e-12
    # per direction the kept shares differ: (1 − ηλᵢ)ᵏ against 2α/(λᵢ + 2α)
    k, alpha = 30, match.alphas[30]
    stopped = (1 - 0.02 * loss.curvatures) ** k
    ridge = 2 * alpha / (loss.curvatures + 2 * alpha)
    assert not np.allclose(stopped, ridge, atol=1e-3)


def test_nearest_alphas_handles_the_ends_and_divergence():
    loss = EllipticLoss((2.0, 1.0), (1.0, 6.0), 30.0)
    alphas, gaps = nearest_alphas(loss, np.array([[0.0, 0.0], loss.w_star]))
    assert alphas.tolist() == [np.inf, 0.0] and np.allclose(gaps, 0.0)
    match = early_stopping_match(loss, 1.0, 200)  # lr beyond 2/6: the descent blows up
    assert match.diverged_at is not None and match.finite_steps == match.diverged_at
    assert np.all(np.isfinite(match.gaps))


@pytest.mark.parametrize("curvatures", [(1.0, 6.0), (3.0, 3.0)])
def test_the_early_stopping_frames_move_the_steps_point_its_nearest_optimum_and_the_cursor(curvatures):
    """Each frame puts the descent's point at its step k, the diamond at the Ŵ(α) nearest it, the
    segment between the two and the cursor at k, on the traces drawn for them; the still chart
    is the frame of the chosen step."""
    from decayviz.figures.beyond import earlystop_figure
    from decayviz.figures.palette import COLORS, INK

    loss = EllipticLoss((2.0, 1.0), curvatures, 30.0)
    match = early_stopping_match(loss, 0.02, 400)
    step, _ = match.nearest_step(0.5, loss)
    figure = earlystop_figure(match, loss, 0.5, step, "en")
    for frame in figure["frames"]:
        k = int(frame["name"])
        segment, here, there, cursor = (figure["data"][i] for i in frame["traces"])
        assert segment["line"] == {"color": INK, "width": 2} and segment["mode"] == "lines"
        assert here["marker"]["color"] == COLORS["path"] and there["marker"]["symbol"] == "diamond"
        assert "xaxis" not in segment | here | there  # on the plane
        assert cursor["yaxis"] == "y4"  # the hidden axis across both panels of steps
        (w1, w2), (r1, r2) = match.weights[k], match.ridge[k]
        assert frame["data"] == [
            {"x": [w1, r1], "y": [w2, r2]},
            {"x": [w1], "y": [w2]},
            {"x": [r1], "y": [r2]},
            {"x": [k, k]},
        ]
    [still] = [frame for frame in figure["frames"] if frame["name"] == str(step)]
    for index, update in zip(still["traces"], still["data"], strict=True):
        assert {key: figure["data"][index][key] for key in update} == update


# --- the landscape's views: every sentence they show, recomputed ---


def shown(preset: str, lang: str = "en"):
    at = open_page("landscape", {"preset": preset}, lang)
    assert not at.error and len(at.get("plotly_chart")) == 1
    for chart in at.get("plotly_chart"):
        assert_finite(chart.proto.spec)
    return at


def plain_descent(grad, w0, lr, decay, steps):
    """Gradient descent with weight decay written out (W ← W − lr(∇L + λW)), for the claims."""
    weights = [np.asarray(w0, float)]
    for _ in range(steps):
        w = weights[-1]
        weights.append(w - lr * (grad(w) + decay * w))
    return np.array(weights)


def turning_grad(w):
    return np.array([w[1], -w[0]]) / (w @ w)  # the direction-only loss's pull, written out


@pytest.mark.parametrize("preset", ["normalized", "normalized_no_decay", "early_stop", "early_stop_equal"])
def test_each_view_runs_in_korean_without_english_prose(preset):
    at = shown(preset, "ko")
    assert [run for text in page_texts(at) for run in english_runs(text)] == []


def test_normalized_settled_claims():
    """beyond.norm.settled at the scene 'normalization': lr = 0.1, α = 0.5 (λ = 1), W₀ = (1, 0)."""
    at = shown("normalized")
    [text] = [m.value for m in at.markdown if m.value.startswith("With weight_decay")]
    weights = plain_descent(turning_grad, (1.0, 0.0), 0.1, 1.0, 200)
    norms = np.linalg.norm(weights, axis=1)
    cos = np.sum(weights[1:] * weights[:-1], axis=1) / (norms[1:] * norms[:-1])
    angles = np.degrees(np.arccos(np.clip(cos, -1, 1)))
    x = 0.1
    predicted = np.degrees(np.arctan(np.sqrt(2 * x - x * x) / (1 - x)))
    norm_pred = np.sqrt(0.1 / np.sqrt(2 * x - x * x))  # ‖W‖⁴(2x − x²) = lr²
    off = np.flatnonzero(np.abs(angles - predicted) > 0.01 * predicted)
    settled = off[-1] + 1
    expected = (
        f"With weight_decay λ = 2α = 1 and lr = 0.1 (lr·λ = 0.1): ‖W‖ settles at {norms[-1]:.3g} (predicted "
        f"{norm_pred:.3g}), the effective learning rate lr/‖W‖² at {0.1 / norms[-1] ** 2:.3g} (predicted "
        f"{0.1 / norm_pred**2:.3g}), and W turns {angles[-1]:.3g}° per step (predicted {predicted:.3g}° by "
        "tan θ = √(2·lr·λ − (lr·λ)²)/(1 − lr·λ), the angle θ per step), from step "
        f"{settled} on."
    )
    assert text == expected
    assert "does not constrain the model at all" in " ".join(c.value for c in at.caption)
    assert "What it sets is the learning rate" in " ".join(c.value for c in at.caption)


def test_normalized_no_decay_claims():
    at = shown("normalized_no_decay")
    [text] = [m.value for m in at.markdown if m.value.startswith("Without weight decay")]
    weights = plain_descent(turning_grad, (1.0, 0.0), 0.1, 0.0, 200)
    norms = np.linalg.norm(weights, axis=1)
    assert np.all(np.diff(norms) > 0)  # "grows at every step"
    expected = (
        f"Without weight decay, ‖W‖ grows at every step: from 1 to {norms[-1]:.3g} after 200 steps. So the "
        f"effective learning rate lr/‖W‖² falls from 0.1 to {0.1 / norms[-1] ** 2:.3g}, and W turns less "
        "each step: the steps shrink by themselves though lr never changed."
    )
    assert text == expected
    angles = np.arccos(np.sum(weights[1:] * weights[:-1], 1) / (norms[1:] * norms[:-1]))
    assert np.all(np.diff(angles) < 0)  # "turns less each step"


def test_early_stop_claims():
    """beyond.es.* at the scene 'early stopping ≈ L2': the default loss (W* = (2, 1), curvatures 1
    and 6, 30°), lr = 0.02, 400 steps, α = 0.5; the ridge path solved with numpy, the nearest α
    by scipy's bounded search."""
    from scipy.optimize import minimize_scalar

    at = shown("early_stop")
    [text] = [m.value for m in at.markdown if m.value.startswith("Your α")]
    loss = EllipticLoss((2.0, 1.0), (1.0, 6.0), 30.0)
    H, w_star = loss.hessian, loss.w_star

    def ridge(alpha):
        return np.linalg.solve(H + 2 * alpha * np.eye(2), H @ w_star)

    weights = plain_descent(lambda w: H @ (w - w_star), (0.0, 0.0), 0.02, 0.0, 400)
    step = int(np.argmin(np.linalg.norm(weights - ridge(0.5), axis=1)))
    distance = np.linalg.norm(weights[step] - ridge(0.5))

    def nearest(w):
        found = minimize_scalar(
            lambda s: np.linalg.norm(ridge(np.exp(s)) - w), bounds=(-12, 8), method="bounded",
            options={"xatol": 1e-12},
        )  # fmt: skip
        return np.exp(found.x), found.fun

    alpha, gap = nearest(weights[step])
    gaps = [nearest(w)[1] if np.any(w) else 0.0 for w in weights]
    worst = int(np.argmax(gaps))
    scale = np.linalg.norm(w_star)
    expected = (
        f"Your α = 0.5: the stopped descent nearest its Ŵ(α) is at step {step}, {distance:.2g} away. "
        f"Stopped at step {step}, the descent is at ({weights[step][0]:.3g}, {weights[step][1]:.3g}) ≈ Ŵ(α) "
        f"for α ≈ {alpha:.3g}: {gap:.2g} apart, {100 * gap / scale:.3g}% of ‖W*‖. The curvatures differ "
        f"(1 and 6), so no α matches every step: over the 400 steps the gap is largest at step {worst}, "
        f"{gaps[worst]:.2g} ({100 * gaps[worst] / scale:.3g}% of ‖W*‖)."
    )
    assert text == expected
    assert " = Ŵ" not in text  # near, never equal
    [link] = at.get("page_link")
    assert "n_early_stop" in str(link.proto)


def test_early_stop_equal_claims():
    """With both curvatures 3 the match is exact at every step: α = λρᵏ/(2(1 − ρᵏ)), ρ = 1 − lr·λ."""
    at = shown("early_stop_equal")
    [text] = [m.value for m in at.markdown if m.value.startswith("Your α")]
    rho = 1 - 0.05 * 3
    # the step nearest Ŵ(0.5): Ŵ(0.5) = 3/(3 + 1) W* and the descent is (1 − ρᵏ) W*
    step = int(np.argmin(np.abs((1 - rho ** np.arange(201)) - 0.75)))
    alpha = 3 * rho**step / (2 * (1 - rho**step))
    assert f"is at step {step}, " in text
    assert f"≈ Ŵ(α) for α ≈ {alpha:.3g}: " in text
    assert "The two curvatures are equal (3), so at every step one α matches" in text
    worst = float(re.search(r"largest gap is ([0-9.e+-]+), rounding error", text).group(1))
    assert worst < 1e-12


@pytest.mark.parametrize("preset", ["normalized", "early_stop"])
def test_the_text_alternatives_say_the_readouts_numbers(preset):
    """alt.normalized and alt.earlystop quote the numbers the page states under the chart."""
    at = shown(preset)
    [chart] = at.get("plotly_chart")
    text = " ".join(m.value for m in at.markdown)
    if preset == "normalized":
        norm = re.search(r"settles at ([0-9.]+)", text).group(1)
        assert f"to {norm}, the effective learning rate" in chart.proto.alt
        assert "from W₀ = (1, 0)" in chart.proto.alt and "200 steps" in chart.proto.alt
    else:
        alpha, gap = re.search(r"for α ≈ ([0-9.]+): ([0-9.e-]+) apart", text).groups()
        assert f"≈ Ŵ(α) for α ≈ {alpha}, {gap} apart" in chart.proto.alt


def test_a_start_or_optimum_at_the_origin_is_said_as_such():
    """W₀ = 0 has no direction (no gradient, the descent stays); W* = 0 keeps both paths at 0: the
    views say so instead of quoting growth from 0 to 0 or a gap of a share of ‖W*‖ = 0."""
    from decayviz.beyond import earlystop_scene, earlystop_text, normalized_scene, normalized_text
    from decayviz.state import defaults

    values = defaults("landscape") | {"w0x": 0.0, "w0y": 0.0, "wx": 0.0, "wy": 0.0}
    _, run = normalized_scene(values)
    assert np.all(run.norms == 0.0)
    assert normalized_text(run, values, "en").startswith("W₀ = 0 has no direction")
    scene = earlystop_scene(values)
    assert np.all(scene.match.weights == 0.0)
    assert earlystop_text(scene, "en") == [
        "Here W* = 0: the descent from 0 and every Ŵ(α) stay at 0. Move W* (Data loss, in the sidebar) to "
        "see them part."
    ]

"""Low rank from decayed factors (decayviz.lowrank): the closed form, gradient descent on the
factors reaching it, and the two penalties on W itself, each against an independent reference."""

import json
import re

import numpy as np
import pytest
from helpers import assert_finite, open_page
from korean import english_runs, page_texts
from sklearn.linear_model import Lasso

from decayviz.figures import decode
from decayviz.figures.lowrank import SYMBOLS
from decayviz.figures.palette import INK
from decayviz.i18n import t
from decayviz.lowrank import (
    factored_descent,
    factored_matrix,
    factored_objective,
    factored_optimum,
    l1_entries_optimum,
    l2_optimum,
    low_rank_picture,
    rank,
    rank_path,
    singular_values,
    stable_factored_lr,
)


def matrix_with_spectrum(d, shape=(6, 5), seed=0):
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((shape[0], len(d))))
    V, _ = np.linalg.qr(rng.standard_normal((shape[1], len(d))))
    return (U * np.asarray(d)) @ V.T


def test_factored_optimum_is_soft_thresholding_in_ds_order():
    d = np.array([0.5, 3.0, 1.0, 2.2])  # not sorted: the answer keeps d's order
    assert np.allclose(factored_optimum(d, 0.5), [0.0, 2.0, 0.0, 1.2], rtol=0, atol=1e-15)
    assert np.array_equal(factored_optimum(d, 0.0), d)
    assert np.array_equal(factored_optimum(d, 10.0), np.zeros(4))
    with pytest.raises(ValueError):
        factored_optimum([-1.0], 0.1)
    with pytest.raises(ValueError):
        factored_optimum([1.0], -0.1)


def test_the_closed_form_beats_every_factorization_nearby():
    """The soft-thresholded matrix, split into balanced factors, has a lower objective than random
    factorizations and than small moves of its own factors (an independent check of optimality)."""
    D = matrix_with_spectrum([5.0, 3.0, 2.0, 0.8, 0.3])
    alpha = 0.6
    U, d, Vt = np.linalg.svd(D, full_matrices=False)
    root = np.sqrt(factored_optimum(d, alpha))
    A, B = U * root, Vt.T * root
    best = factored_objective(A, B, D, alpha)
    # the value of the nuclear-norm problem: ½‖W − D‖² + 2α‖W‖_*
    W = factored_matrix(D, alpha)
    assert best == pytest.approx(0.5 * np.sum((W - D) ** 2) + 2 * alpha * np.sum(singular_values(W)))
    rng = np.random.default_rng(1)
    for _ in range(200):
        dA, dB = 1e-3 * rng.standard_normal(A.shape), 1e-3 * rng.standard_normal(B.shape)
        assert factored_objective(A + dA, B + dB, D, alpha) >= best - 1e-12


@pytest.mark.parametrize("shape", [(6, 5), (5, 8)])
def test_gradient_descent_on_the_factors_reaches_the_closed_form(shape):
    d = np.array([5.0, 3.0, 2.0, 0.6, 0.3])
    D = matrix_with_spectrum(d, shape)
    alpha = 0.5  # 2α = 1: the last two switch off
    history = factored_descent(D, alpha, lr=stable_factored_lr(D, alpha), steps=3000, seed=0)
    width = min(shape)
    assert history.singular_values.shape == (3001, width)
    expected = np.zeros(width)
    expected[: len(d)] = factored_optimum(d, alpha)
    assert np.allclose(history.singular_values[-1], expected, atol=1e-6)
    assert rank(history.A @ history.B.T, scale=d[0]) == 3  # within tolerance: the two are below 1e-9·d₁
    assert np.all(np.diff(history.objective) <= 1e-12)  # a stable step: the objective never rises
    assert np.allclose(history.A @ history.B.T, factored_matrix(D, alpha), atol=1e-6)


def test_descent_starts_small_and_full_width():
    D = matrix_with_spectrum([2.0, 1.0])
    history = factored_descent(D, 0.1, lr=0.05, steps=0, seed=3)
    assert history.singular_values.shape == (1, 5)
    assert history.singular_values[0, -1] > 0  # full rank at the start: nothing asks for low rank
    with pytest.raises(ValueError):
        factored_descent(np.full((2, 2), np.nan), 0.1)
    with pytest.raises(ValueError):
        factored_descent(D, 0.1, lr=0.0)


def test_l2_on_w_shrinks_every_singular_value_by_one_factor():
    d = np.array([5.0, 3.0, 2.0, 0.6, 0.3])
    D = matrix_with_spectrum(d)
    alpha = 0.7
    W = l2_optimum(D, alpha)
    assert np.allclose(singular_values(W), d / (1 + 2 * alpha))
    # independent: the normal equations of ½‖W − D‖² + α‖W‖² say (1 + 2α)W = D
    assert np.allclose((1 + 2 * alpha) * W, D)
    assert rank(W) == 5


def test_l1_on_the_entries_gives_zeros_in_entries_and_full_rank():
    D = np.random.default_rng(4).standard_normal((10, 8))
    alpha = 0.5
    W = l1_entries_optimum(D, alpha)
    # scikit-learn's Lasso with the identity as design: (1/2n)‖y − w‖² + (α/n)‖w‖₁
    n = D.size
    reference = Lasso(alpha=alpha / n, fit_intercept=False, tol=1e-12, max_iter=100000)
    reference.fit(np.eye(n), D.ravel())
    assert np.allclose(W.ravel(), reference.coef_, atol=1e-6)
    assert np.mean(W == 0.0) > 0.2  # many exact zeros in the entries
    assert rank(W) == min(D.shape)  # yet full rank
    picture = low_rank_picture()  # on the page's picture: many zeros, and still far above rank 4
    W = l1_entries_optimum(picture.noisy, 0.5)
    assert np.mean(W == 0.0) > 0.4 and rank(W) > 5 * picture.true_rank


def test_the_rank_falls_as_alpha_grows():
    d = np.array([4.0, 2.0, 1.0])
    assert rank_path(d, [0.0, 0.4, 0.6, 1.5, 2.5]).tolist() == [3, 3, 2, 1, 0]


def test_the_picture_is_low_rank_and_noise_makes_it_full_rank():
    picture = low_rank_picture()
    assert picture.true_rank == 4 and rank(picture.noisy) == 24
    sigma = singular_values(picture.noisy)
    # at α = 0.5 (2α = 1) the decayed factors keep exactly the picture's four
    assert int(np.sum(factored_optimum(sigma, 0.5) > 0)) == 4
    with pytest.raises(ValueError):
        low_rank_picture(size=4)


# --- the section on the sparsity page: every sentence it shows, recomputed ---


def floats(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", text)]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_section_runs_in_both_languages_without_english_prose(lang):
    at = open_page("sparsity", {"s_view": "lowrank"}, lang)
    assert len(at.get("plotly_chart")) == 1 and not at.error and len(at.get("image")[0].proto.imgs) == 4
    for chart in at.get("plotly_chart"):
        assert_finite(chart.proto.spec)
    if lang == "ko":
        assert [run for text in page_texts(at) for run in english_runs(text)] == []


def test_lowrank_readout_claims():
    """lowrank.readout at the scene 'the picture's four' (α = 0.5), each number recomputed with
    numpy alone: D's singular values, soft-thresholding, D/(1 + 2α), entrywise soft-thresholding."""
    at = open_page("sparsity", {"preset": "lowrank_picture"})
    [readout] = [m.value for m in at.markdown if m.value.startswith("At α = 0.5")]
    alpha = 0.5
    D = low_rank_picture(seed=0).noisy
    d = np.linalg.svd(D, compute_uv=False)
    kept = int(np.sum(d > 2 * alpha))
    l1 = np.sign(D) * np.maximum(np.abs(D) - alpha, 0)
    zeros = 100 * np.mean(l1 == 0)
    shrink = np.linalg.svd(D / (1 + 2 * alpha), compute_uv=False) / d
    expected = (
        f"At α = 0.5: L2 on the factors keeps {kept} of D's 24 singular values (rank {kept}; the picture was "
        f"drawn with rank 4). L2 on W keeps all 24, each shrunk by the same ratio 1/(1 + 2α) = "
        f"{shrink[0]:.3g}. L1 on W's entries sets {zeros:.3g}% of the entries to exactly 0, yet W keeps rank "
        f"{np.linalg.matrix_rank(l1)}."
    )
    assert readout == expected
    assert kept == 4 and np.allclose(shrink, 0.5)
    assert np.linalg.matrix_rank(low_rank_picture(seed=0).clean) == 4


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_readout_where_l1_zeroes_everything_says_no_contrast(lang):
    """At α = 20 every entry of L1's W is 0 and its rank is 0, no higher than L2 on the factors'
    (0): the readout says so plainly, not "yet W keeps rank 0"."""
    at = open_page("sparsity", {"preset": "lowrank_all_off"}, lang=lang)
    D = low_rank_picture(seed=0).noisy
    l1 = np.sign(D) * np.maximum(np.abs(D) - 20.0, 0)
    assert np.all(l1 == 0) and np.sum(np.linalg.svd(D, compute_uv=False) > 40.0) == 0
    plain = t("lowrank.readout.l1_rank", lang, zeros="100%", rank_l1=0)
    contrast = t("lowrank.readout.l1_keeps_rank", lang, zeros="100%", rank_l1=0)
    shown = " ".join(m.value for m in at.markdown)
    assert plain in shown and contrast not in shown


def test_lowrank_descent_caption_claims():
    """lowrank.descent.caption: the gap it states is the descent's distance to the closed form
    max(d − 2α, 0) (recomputed from D's singular values), and small."""
    at = open_page("sparsity", {"preset": "lowrank_picture"})
    [caption] = [c.value for c in at.caption if c.value.startswith("Gradient descent on A and B")]
    D = low_rank_picture(seed=0).noisy
    d = np.linalg.svd(D, compute_uv=False)
    lr = 1 / (1.5 * d[0] + 1.0)
    assert f"({len(d)} columns each), with lr = {lr:.3g}" in caption
    steps, gap = floats(caption.split("After ")[1])[:2]
    history = factored_descent(D, 0.5, lr=lr, steps=int(steps), seed=0).singular_values
    measured = np.max(np.abs(history[-1] - np.maximum(d - 1.0, 0)))
    assert steps == 300 and gap == float(f"{measured:.2g}") and measured < 0.01


def test_the_pictures_say_their_ranks_and_zeros():
    at = open_page("sparsity", {"preset": "lowrank_picture"})
    captions = [img.caption for img in at.get("image")[0].proto.imgs]
    assert captions[0] == "the noisy picture D: rank 24 (drawn: 4)"
    assert captions[1] == "L2 on the factors A, B: rank 4, zeros 0%"  # low rank, but no zero pixel
    assert captions[2] == "L2 on W: rank 24, zeros 0%"
    assert re.fullmatch(
        r"L1 on W's entries: rank 2\d, zeros 4\d(\.\d+)?%", captions[3]
    )  # zeros, full-ish rank
    caption = next(c.value for c in at.caption if c.value.startswith("What “low rank” means"))
    assert "(rank 4)" in caption


def spectra_traces(spec: dict) -> dict[str, dict]:
    """The chart's traces by what they draw, found by panel and marker: the closed form's rings
    and the descent on the first panel (L2 on the factors), L2 on W's optimum on the second."""
    first = [trace for trace in spec["data"] if trace.get("xaxis") == "x"]
    return {
        "closed_form": next(trace for trace in first if trace["marker"].get("line", {}).get("color") == INK),
        "descent": next(trace for trace in first if trace["marker"].get("symbol") == SYMBOLS["factors"]),
        "l2": next(
            trace
            for trace in spec["data"]
            if trace.get("xaxis") == "x2" and trace["marker"].get("symbol") == SYMBOLS["l2"]
        ),
    }


def test_the_chart_animates_the_descent_it_states():
    """The first panel's Play runs the descent the caption states: its last frame is within the
    stated gap of the closed form at the scene's α, which keeps 4."""
    at = open_page("sparsity", {"preset": "lowrank_picture"})
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    traces = spectra_traces(spec)
    target = decode(traces["closed_form"]["customdata"])
    last = decode(spec["frames"][-1]["data"][0]["customdata"])
    assert spec["frames"][-1]["name"] == "300"
    assert all(frame["traces"] == [spec["data"].index(traces["descent"])] for frame in spec["frames"])
    assert np.max(np.abs(last - target)) < 0.01 and np.sum(target > 0) == 4
    assert np.allclose(decode(traces["descent"]["customdata"]), last)  # the still chart shows the end


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_charts_text_alternative_has_the_charts_numbers(lang):
    """alt.lowrank says what the chart draws: the 4 singular values the closed form keeps (the
    ringed ones), all 24 under L2 on W, and the descent's gap the caption states."""
    at = open_page("sparsity", {"preset": "lowrank_picture"}, lang)
    [chart] = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    traces = {name: decode(trace["customdata"]) for name, trace in spectra_traces(spec).items()}
    kept, l2 = int(np.sum(traces["closed_form"] > 0)), int(np.sum(traces["l2"] > 0))
    gap = np.max(np.abs(traces["descent"] - traces["closed_form"]))
    expected = {
        "en": f"L2 on the factors keeps {kept} (rank {kept}), L2 on W keeps all {l2},",
        "ko": f"{kept}개가 남고(랭크 {kept}), W에 L2를 걸면 {l2}개가 모두 남으며",
    }[lang]
    assert expected in chart.proto.alt and f"{gap:.2g}" in chart.proto.alt


def test_the_class_question_counts_what_the_section_shows():
    """question sparsity_lowrank_kept: its truth is the count of D's singular values (numpy's SVD)
    above 2α at its scene, and it is the number the section's readout states."""
    from decayviz.classroom.questions import QUESTIONS

    question = QUESTIONS["sparsity_lowrank_kept"]
    d = np.linalg.svd(low_rank_picture(seed=0).noisy, compute_uv=False)
    assert question.truth() == np.sum(d > 2 * 0.5) == 4
    assert question.bounds == (0.0, 24.0)
    assert "How many of its 24 singular values stay above 0?" in question.text("en")
    at = open_page("sparsity", question.scene)
    assert any("keeps 4 of D's 24 singular values" in m.value for m in at.markdown)

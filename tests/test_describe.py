"""Each chart's text alternative (decayviz.describe): the chart's own numbers, in the chosen
language."""

from __future__ import annotations

import numpy as np
import pytest

from decayviz.describe import landscape_alt, network_alt, point, sparsity_alt, terms_alt
from decayviz.figures.landscape import loss_terms_figure
from decayviz.scene import build_scene
from decayviz.scenes import PRESETS
from decayviz.sparsity import IterationFacts, LayerSummary, MonteCarloShares, PathFacts
from decayviz.state import defaults


def scene_of(preset: str | None = None):
    return build_scene({**defaults("landscape"), **(PRESETS["landscape"][preset] if preset else {})})


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_landscape_alt_has_the_descents_numbers(lang):
    scene = scene_of("l1_zero")  # proximal L1: the descent ends with a weight exactly at 0
    text = landscape_alt(scene, lang)
    traj = scene.trajectory
    end = traj.weights[traj.finite_steps - 1]
    assert int(np.sum(end == 0.0)) == 1
    for number in (point(scene.loss.w_star), point(scene.w0), point(end), point(scene.optimum)):
        assert number in text
    assert str(traj.finite_steps - 1) in text
    assert ("차트" in text) == (lang == "ko")


ZERO_CASES = [  # (landscape controls, where the descent's exact zeros are, how the alt text says it)
    ({}, (), {"en": "; neither weight ends exactly at 0.", "ko": "끝나며, 정확히 0이 된 가중치는 없습니다."}),
    (
        PRESETS["landscape"]["l1_zero"],
        (1,),
        {
            "en": "; one of its two weights, w₂, ends exactly at 0.",
            "ko": "두 가중치 가운데 w₂가 정확히 0이 됩니다.",
        },
    ),
    (
        {"penalty": "l1", "alpha": 2.0, "opt": "proximal", "wx": 1.0, "wy": 2.0},
        (0,),
        {
            "en": "; one of its two weights, w₁, ends exactly at 0.",
            "ko": "두 가중치 가운데 w₁이 정확히 0이 됩니다.",
        },
    ),
    (
        {"penalty": "l1", "alpha": 10.0, "opt": "proximal"},
        (0, 1),
        {"en": "; both weights end exactly at 0.", "ko": "두 가중치 모두 정확히 0이 됩니다."},
    ),
]


@pytest.mark.parametrize(("controls", "zeros", "says"), ZERO_CASES)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_landscape_alt_says_which_weights_end_at_zero(controls, zeros, says, lang):
    """No weight, one (named, with its Korean particle) or both: never \"0 of its 2 weights\"."""
    scene = build_scene({**defaults("landscape"), **controls})
    traj = scene.trajectory
    assert tuple(np.flatnonzero(traj.weights[traj.finite_steps - 1] == 0.0)) == zeros
    text = landscape_alt(scene, lang)
    assert says[lang] in text
    assert " of its 2 " not in text and "가중치 2개 가운데" not in text


def test_landscape_alt_says_when_the_descent_diverged():
    scene = scene_of("diverges")
    assert scene.trajectory.diverged_at is not None
    assert f"diverged at step {scene.trajectory.diverged_at}" in landscape_alt(scene, "en")
    assert f"{scene.trajectory.diverged_at}번째 스텝에서 발산" in landscape_alt(scene, "ko")


def test_terms_alt_ends_where_the_chart_ends():
    scene = scene_of()
    traj = scene.trajectory
    text = terms_alt(scene, "en")
    assert f"data loss {traj.data_loss[traj.finite_steps - 1]:.3g}" in text
    assert f"sum {traj.total[traj.finite_steps - 1]:.3g}" in text


def test_sparsity_and_network_alts():
    paths = PathFacts(n=20, d=200, truly_nonzero=5, l1=190, l2=0, elasticnet=150)
    assert "190 are exactly 0 with L1" in sparsity_alt(paths, 0.5, "en")
    assert "L1 190개" in sparsity_alt(paths, 0.5, "ko")
    runs = IterationFacts(
        d=200, lr=0.1, l1_proximal=176, l1_subgradient=0, l2=0, optimum_zeros=180, l2_grew=3
    )
    assert "176 are exactly 0 with the proximal step" in sparsity_alt(runs, 0.1, "en")
    montecarlo = sparsity_alt(MonteCarloShares(l1=0.734, l2=0.0, l2_almost=0.05), None, "en")
    assert "73.4%" in montecarlo and "0.0%" in montecarlo
    layer = LayerSummary(total=40, thinner=30, thicker=2, zeros=12, kept_min=3, kept_max=8, inputs=10)
    assert "12 of its 40 weights are exactly 0" in sparsity_alt(layer, 1.0, "en")
    with pytest.raises(TypeError):
        sparsity_alt((1, 2), 1.0, "en")
    text = network_alt(network_result(), "curves", "en")
    assert "2 networks" in text and "α = 0: 0.75" in text and "α = 0.1: –" in text
    assert "|w| < 0.001" in network_alt(network_result(), "histograms", "ko")


# --- the network page: each chart says what it draws ---


def network_result(early_stopping: bool = False):
    """A small hand-made sweep: α = 0 trained 3 epochs, α = 0.1 diverged in its first."""
    from decayviz.training.result import SweepConfig, SweepResult

    history = [
        {"train_loss": [0.5, 0.3, 0.2], "val_loss": [0.6, 0.4, 0.45], "val_accuracy": [0.7, 0.8, 0.75],
         "weight_norm": [3.0, 3.1, 3.2], "sparsity": [0.0, 0.0, 0.01]},
        {name: [] for name in ("train_loss", "val_loss", "val_accuracy", "weight_norm", "sparsity")},
    ]  # fmt: skip
    first = np.zeros((2, 4, 64))
    first[0] = 0.5
    first[0, 0, :16] = 0.0  # a quarter of the first layer of α = 0 is exactly 0
    second = np.full((2, 2, 4), 0.2)
    return SweepResult(
        config=SweepConfig(dataset="digits", early_stopping=early_stopping),
        alphas=(0.0, 0.1),
        history=history,
        diverged_at=[None, 1],
        branched_from=[None, None],
        epochs_done=3,
        weights=(first, second),
        best_epoch=[2, None],
    )


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_network_chart_has_its_own_text_alternative(lang):
    """network.tab.sweep's chart ("Accuracy vs α") no longer shares the live curves' text."""
    result = network_result()
    charts = ("curves", "sweep", "histograms", "filters", "boundary")
    texts = {chart: network_alt(result, chart, lang) for chart in charts}
    assert len(set(texts.values())) == len(charts), texts
    assert all(("차트" in text) == (lang == "ko") for text in texts.values())
    assert "α = 0: 0.75" in texts["curves"] and "α = 0.1: –" in texts["curves"]  # where lines end
    assert "3" in texts["curves"]  # over 3 epochs
    with pytest.raises(ValueError):
        network_alt(result, "pie", lang)


def test_the_sweep_alt_says_the_final_score_and_both_losses():
    text = network_alt(network_result(), "sweep", "en")
    assert "α = 0: score 0.75, training loss 0.2, validation loss 0.45" in text
    assert "after the last epoch" in text and "α = 0.1: score –" in text
    kept = network_alt(network_result(early_stopping=True), "sweep", "en")  # the kept epoch, 2
    assert "α = 0: score 0.8, training loss 0.3, validation loss 0.4" in kept and "kept epoch" in kept
    assert "점수 0.75, 학습 손실 0.2, 검증 손실 0.45" in network_alt(network_result(), "sweep", "ko")


def test_the_weight_alts_count_their_own_weights():
    result = network_result()
    everything = np.concatenate([layer[0].ravel() for layer in result.weights])
    share = np.mean(np.abs(everything) < 0.001)
    assert f"α = 0: {share:.3g}" in network_alt(result, "histograms", "en")
    assert "α = 0: 0.0625" in network_alt(result, "filters", "en")  # 16 of the first layer's 256
    assert "α = 0.1: –" in network_alt(result, "filters", "en")  # diverged: nothing to count
    assert "Validation accuracy: α = 0: 0.75" in network_alt(result, "boundary", "en")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_terms_alt_describes_the_tradeoff_panel_under_the_terms(lang):
    """With a penalty the terms chart has a second panel, L(Ŵ(α)) and t against α: its text
    alternative says so, with the numbers at the chosen α; without a penalty there is no panel."""

    def panels(scene) -> int:
        return sum(axis.startswith("yaxis") for axis in loss_terms_figure(scene, lang)["layout"])

    scene = scene_of()
    text = terms_alt(scene, lang)
    assert panels(scene) > 1
    assert f"L(Ŵ(α)) = {scene.data_cost:.3g}" in text and f"t = {scene.radius:.3g}" in text
    bare = build_scene({**defaults("landscape"), "penalty": "none"})
    assert panels(bare) == 1 and "L(Ŵ(α))" not in terms_alt(bare, lang)


def test_landscape_alt_calls_t_a_size_and_a_radius_only_for_l1_and_l2():
    """alt.landscape.penalty: the elastic net's t is a budget l1_ratio‖W‖₁ + (1 − l1_ratio)‖W‖²,
    no radius (it said "ball of radius t" for every penalty); for L1 and L2 t is the radius."""
    net = build_scene({**defaults("landscape"), "penalty": "elasticnet", "alpha": 1.0, "l1_ratio": 0.5})
    w = net.optimum
    assert net.radius == pytest.approx(0.5 * np.abs(w).sum() + 0.5 * (w**2).sum())
    text = landscape_alt(net, "en")
    assert f"ball of size t = {net.radius:.3g} (for L1 and L2, its radius)" in text
    assert "크기 t" in landscape_alt(net, "ko") and "반지름 t" not in landscape_alt(net, "ko")
    l2 = scene_of()
    assert l2.radius == pytest.approx(np.linalg.norm(l2.optimum))

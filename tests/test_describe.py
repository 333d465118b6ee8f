"""Each chart's text alternative (decayviz.describe): the chart's own numbers, in the chosen
language."""

from __future__ import annotations

import numpy as np
import pytest

from decayviz.describe import landscape_alt, network_alt, point, sparsity_alt, terms_alt
from decayviz.scene import build_scene
from decayviz.state import PRESETS, defaults


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
    paths = {"d": 200, "l1": 190, "l2": 0, "elasticnet": 150}
    assert "190 are exactly 0 with L1" in sparsity_alt("paths", paths, 0.5, "en")
    assert "L1 190개" in sparsity_alt("paths", paths, 0.5, "ko")
    runs = {"d": 200, "l1_proximal": 176, "l1_subgradient": 0, "l2": 0}
    assert "176 are exactly 0 with the proximal step" in sparsity_alt("iterations", runs, 0.1, "en")
    assert "73.4%" in sparsity_alt("montecarlo", {"l1": "73.4%", "l2": "0.0%"}, None, "en")
    layer = {"total": 40, "zeros": 12}
    assert "12 of its 40 weights are exactly 0" in sparsity_alt("layer", layer, 1.0, "en")
    text = network_alt((0.0, 0.01), (0.95, None), ("0", "0.01"), "val_accuracy", "en")
    assert "2 networks" in text and "α = 0: 0.95" in text and "α = 0.01: –" in text
    assert "|w| < 0.001" in network_alt((0.1,), (0.5,), ("0.1",), "sparsity", "ko")

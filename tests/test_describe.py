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
    assert ("1 of its 2 weights" in text) if lang == "en" else ("가중치 2개 가운데 1개" in text)
    assert ("차트" in text) == (lang == "ko")


def test_landscape_alt_says_when_the_descent_diverged():
    scene = scene_of("diverges")
    assert scene.trajectory.diverged_at is not None
    assert f"diverged at step {scene.trajectory.diverged_at}" in landscape_alt(scene, "en")
    assert f"{scene.trajectory.diverged_at} 스텝에서 발산" in landscape_alt(scene, "ko")


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

"""Animations update the traces they mean: frames name their traces by role, not by a count.

A frame lists trace indices; if a figure gained or reordered a trace, a counted index would
silently animate the wrong one. These check that every index a frame updates lands on a trace
of the role it is meant for.
"""

import pytest

from decayviz import sparsity
from decayviz.figures.landscape import landscape_figure
from decayviz.figures.sparsity import descent_figure
from decayviz.i18n import t
from decayviz.scene import build_scene
from decayviz.scenes import PRESETS
from decayviz.state import defaults


@pytest.mark.parametrize("name", ["l2_shrinks", "l1_zero", "adam_vs_adamw"])
def test_the_step_frames_move_the_descents_head_and_tail(name):
    scene = build_scene({**defaults("landscape"), **PRESETS["landscape"][name]})
    figure = landscape_figure(scene, "en")
    now = t("landscape.trace.now", "en")
    steps = [frame for frame in figure["frames"] if not frame["name"].startswith("α=")]
    assert steps
    for frame in steps:
        assert [figure["data"][i]["name"] for i in frame["traces"]] == [now] * len(frame["traces"])
        on_inset = [figure["data"][i].get("xaxis") == "x2" for i in frame["traces"]]
        assert on_inset == [False, False, *[True] * (len(on_inset) - 2)]  # tail, head, the inset's head


def test_the_sparsity_frames_update_bars_counts_and_markers_of_their_own_run():
    data = sparsity.make_problem("synthetic", 20, 50, 5, 0)
    figure = descent_figure(sparsity.descent_frames(data, 0.1, 100, seed=0), "en")
    for frame in figure["frames"]:
        for index, update in zip(frame["traces"], frame["data"], strict=True):
            trace = figure["data"][index]
            if "text" in update:
                assert trace.get("mode") == "text"
            elif "x" in update:  # a run's marker on the zeros-per-step chart
                assert (trace.get("mode"), trace.get("xaxis")) == ("markers", "x4")
            else:
                assert trace["type"] == "bar"

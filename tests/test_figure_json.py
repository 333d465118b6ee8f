"""Panelled figures hold together: every trace and shape sits on axes the layout defines, every
axis is anchored to one that exists, panels stay on the paper (domains within 0..1) and no two
panels overlap; frames update the same traces in every frame."""

from __future__ import annotations

import itertools
import re

import numpy as np
import plotly.graph_objects as go
import pytest

# --- shared checks ---


def layout_axes(layout: dict) -> dict[str, dict]:
    """The layout's axes by the name traces use: "x", "x2", …, "y", "y2", …"""
    names = [key for key in layout if re.fullmatch(r"[xy]axis\d*", key)]
    return {key.replace("axis", ""): layout[key] for key in names}


def panel_boxes(spec: dict) -> dict[tuple[str, str], tuple[list, list]]:
    """Each axis pair some trace is drawn on, with its x and y domains (plotly's default: 0..1)."""
    axes = layout_axes(spec["layout"])
    pairs = {(trace.get("xaxis", "x"), trace.get("yaxis", "y")) for trace in spec["data"]}
    return {(x, y): (axes[x].get("domain", [0, 1]), axes[y].get("domain", [0, 1])) for x, y in pairs}


def assert_panels_hold_together(spec: dict) -> None:
    axes = layout_axes(spec["layout"])
    for trace in spec["data"]:
        for letter in "xy":
            assert trace.get(f"{letter}axis", letter) in axes | {"x": {}, "y": {}}, trace.get("name")
    for shape in spec["layout"].get("shapes", []):
        for ref in (shape.get("xref"), shape.get("yref")):
            if ref and ref != "paper":
                assert ref.removesuffix(" domain") in axes, ref
    for name, axis in axes.items():
        for key in ("anchor", "matches", "scaleanchor"):
            assert axis.get(key, name) in axes | {"x": {}, "y": {}}, (name, key)
        low, high = axis.get("domain", [0, 1])
        assert 0 <= low < high <= 1, (name, low, high)
    boxes = panel_boxes(spec)
    for (a, (ax, ay)), (b, (bx, by)) in itertools.combinations(boxes.items(), 2):
        apart_x = ax[1] <= bx[0] or bx[1] <= ax[0]
        apart_y = ay[1] <= by[0] or by[1] <= ay[0]
        assert apart_x or apart_y, (a, b)


def assert_frames_move_the_same_traces(spec: dict) -> None:
    """Every frame updates the same traces, each once, all of them in the figure."""
    moved = [tuple(frame["traces"]) for frame in spec.get("frames", [])]
    for traces in moved:
        assert traces == moved[0] and len(set(traces)) == len(traces)
        assert all(0 <= index < len(spec["data"]) for index in traces)


# --- figures/sparsity.py, figures/network.py, figures/classroom.py ---


def _sparsity_specs() -> dict[str, dict]:
    from decayviz import sparsity
    from decayviz.figures import sparsity as figures

    problem = sparsity.synthetic_problem(20, 30, 3)
    optima = sparsity.optima_at(problem, 0.1)
    bound = max(float(np.max(np.abs(w))) for w in optima.values())
    base = figures.path_base(
        sparsity.DISPLAY_ALPHAS, sparsity.regularization_paths(problem), problem.feature_names,
        sparsity.highlighted_features(problem), "en", bound=bound,
    )  # fmt: skip
    X, Y, _ = sparsity.layer_problem()
    plain, penalized = sparsity.fit_layer(X, Y, "l2", 0.0), sparsity.fit_layer(X, Y, "l1", 0.1)
    return {
        "paths": figures.with_chosen_alpha(base, 0.1, optima),
        "descent": figures.descent_figure(sparsity.descent_frames(problem, 0.1, 100), "ko"),
        "montecarlo": figures.monte_carlo_figure(sparsity.sparsity_monte_carlo(1000, 0), 5.0, "en"),
        "layer": figures.layer_figure(plain, penalized, "ko", "L1"),
    }


def network_result(count: int, early_stopping: bool = False, diverged: bool = False):
    """A hand-made sweep of `count` α over 3 epochs, with a decision-boundary grid; with
    `diverged`, the last α diverged in its first epoch."""
    from decayviz.training.result import BoundaryGrid, SweepConfig, SweepResult

    metrics = ("train_loss", "val_loss", "val_accuracy", "weight_norm", "sparsity")
    history = [{name: [0.5 + 0.1 * i, 0.3, 0.2] for name in metrics} for i in range(count)]
    if diverged:
        history[-1] = {name: [] for name in metrics}
    grid = BoundaryGrid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 4), np.full((count, 4, 5), 0.5))
    weights = (np.full((count, 4, 2), 0.1), np.full((count, 2, 4), 0.2))
    return SweepResult(
        config=SweepConfig(dataset="moons", early_stopping=early_stopping),
        alphas=tuple(0.01 * i for i in range(count)), history=history,
        diverged_at=[None] * (count - 1) + [1 if diverged else None], branched_from=[None] * count,
        epochs_done=3, weights=weights, best_epoch=[2] * count, boundary=grid,
    )  # fmt: skip


def _network_specs() -> dict[str, dict]:
    from decayviz.figures import network as figures

    points, labels = np.array([[0.0, 0.0], [0.5, 0.5]]), np.array([0, 1])
    return {
        "curves": figures.curves_figure(network_result(4), "en"),
        "curves_presented": figures.curves_figure(network_result(6), "en", present=True),
        "curves_kept": figures.curves_figure(network_result(3, early_stopping=True, diverged=True), "ko"),
        "sweep": figures.sweep_figure(network_result(4, early_stopping=True), "en"),
        "histograms": figures.histogram_figure(network_result(5), "en"),
        "boundary": figures.boundary_figure(network_result(6), points, labels),
    }


def _classroom_specs() -> dict[str, dict]:
    from decayviz.classroom import QUESTIONS
    from decayviz.figures import classroom as figures
    from decayviz.scene import build_scene

    scene = build_scene(QUESTIONS["landscape_end"].values)
    return {
        "tap": figures.tap_figure(scene, "en", [0.5, 0.5]),
        "histogram": figures.histogram_figure([1.0, 2.0, 150.0], 120.0, (0.0, 200.0), "ko"),
        "bars": figures.bars_figure({"a": 2, "b": 1}, {"a": "A", "b": "B"}, "b", "en"),
    }


@pytest.fixture(scope="module")
def role_specs() -> dict[str, dict]:
    return {
        **{f"sparsity.{k}": v for k, v in _sparsity_specs().items()},
        **{f"network.{k}": v for k, v in _network_specs().items()},
        **{f"classroom.{k}": v for k, v in _classroom_specs().items()},
    }


def test_the_sparsity_network_and_classroom_figures_hold_together(role_specs):
    for spec in role_specs.values():
        go.Figure(spec)  # valid plotly: a domain below 0 or above 1 is refused
        assert_panels_hold_together(spec)
        assert_frames_move_the_same_traces(spec)


def test_the_curves_legend_sits_in_the_empty_sixth_cell(role_specs):
    """Bare α entries: the legend's corner is in no panel; otherwise it goes under the panels."""
    spec = role_specs["network.curves"]
    legend = spec["layout"]["legend"]
    for xs, ys in panel_boxes(spec).values():
        assert not (xs[0] <= legend["x"] < xs[1] and ys[0] < legend["y"] <= ys[1])
    assert role_specs["network.curves_kept"]["layout"]["legend"]["yref"] == "container"


@pytest.mark.parametrize("count", range(1, 13))
def test_boundary_and_histogram_panels_stay_on_the_paper_for_every_number_of_alphas(count):
    """The grid of boundaries (four columns) and the histograms' rows for 1 to 12 α (the control
    offers 12): the lowest row's foot is at 0 up to rounding, and never a rounding error below
    it, which plotly refuses (panel_grid clamps it)."""
    from decayviz.figures.network import boundary_figure, histogram_figure
    from decayviz.state import FIELD

    assert len(FIELD["n_alphas"].options) == 12
    result = network_result(count)
    boundary = boundary_figure(result, np.zeros((2, 2)), np.array([0, 1]))
    for spec in (boundary, histogram_figure(result, "en")):
        go.Figure(spec)
        assert_panels_hold_together(spec)
        feet = [ys[0] for _, ys in panel_boxes(spec).values()]
        assert 0.0 <= min(feet) < 1e-12


# --- figures/landscape.py, figures/beyond.py, figures/lowrank.py ---


def _landscape_specs() -> dict[str, dict]:
    """The landscape's two charts (with and without a penalty, AdamW's box and companion, an
    inset), its two views beyond the chapter, and the low-rank section's chart."""
    from decayviz.beyond import earlystop_scene, normalized_scene
    from decayviz.figures.beyond import earlystop_figure, normalized_figure
    from decayviz.figures.landscape import landscape_figure, loss_terms_figure
    from decayviz.figures.lowrank import spectra_figure
    from decayviz.lowrank import lowrank_section
    from decayviz.scene import build_scene
    from decayviz.scenes import PRESETS
    from decayviz.state import FIELD, defaults

    base, presets = defaults("landscape"), PRESETS["landscape"]
    scenes = {
        "default": {},
        "none": {"penalty": "none"},
        "adamw": presets["adam_vs_adamw"],
        "inset": {"alpha": 10.0, "wx": -3.0, "wy": -3.0, "w0x": -3.0, "w0y": -3.0},  # a ball too small to see
    }
    specs = {}
    for name, values in scenes.items():
        scene = build_scene(base | values)
        specs[f"landscape.{name}"] = landscape_figure(scene, "en")
        specs[f"terms.{name}"] = loss_terms_figure(scene, "ko")
    for name in ("normalized", "normalized_no_decay"):
        loss, run = normalized_scene(base | presets[name])
        specs[f"beyond.{name}"] = normalized_figure(run, loss, "en")
    for name in ("early_stop", "early_stop_equal"):
        scene = earlystop_scene(base | presets[name])
        specs[f"beyond.{name}"] = earlystop_figure(scene.match, scene.loss, scene.alpha, scene.step, "ko")
    specs["lowrank"] = spectra_figure(lowrank_section(0.5, FIELD["s_alpha"].options, 300, 0), "en")
    return specs


def _side_by_side(spec: dict, inset: str | None = None) -> dict:
    """The spec without the traces drawn over another panel on purpose: on an overlaying y axis
    (a second scale, or the early-stopping cursor across two panels) or on the x axis `inset`."""
    axes = layout_axes(spec["layout"])

    def over(trace: dict) -> bool:
        return "overlaying" in axes.get(trace.get("yaxis", "y"), {}) or trace.get("xaxis", "x") == inset

    return {**spec, "data": [trace for trace in spec["data"] if not over(trace)]}


def _frame_groups(spec: dict) -> list[dict]:
    """The spec once per group of frames (the landscape's step and α frames move different traces)."""
    groups: dict = {}
    for frame in spec.get("frames", []):
        groups.setdefault(frame.get("group"), []).append(frame)
    return [{**spec, "frames": frames} for frames in groups.values()]


@pytest.fixture(scope="module")
def landscape_specs() -> dict[str, dict]:
    return _landscape_specs()


def test_the_landscape_beyond_and_lowrank_figures_hold_together(landscape_specs):
    assert "xaxis2" in landscape_specs["landscape.inset"]["layout"]  # the inset is checked too
    for name, spec in landscape_specs.items():
        go.Figure(spec)  # valid plotly: a domain below 0 or above 1 is refused
        axes = layout_axes(spec["layout"]) | {"x": {}, "y": {}}
        for trace in spec["data"]:  # the traces _side_by_side leaves out too
            assert trace.get("xaxis", "x") in axes and trace.get("yaxis", "y") in axes, name
        assert_panels_hold_together(_side_by_side(spec, "x2" if name.startswith("landscape.") else None))
        for group in _frame_groups(spec):
            assert_frames_move_the_same_traces(group)


def test_with_roles_indexes_the_traces_that_have_one_and_refuses_a_role_twice():
    from decayviz.figures import with_roles

    data, roles = with_roles([(None, {"a": 1}), ("head", {"b": 2}), (None, {"c": 3}), ("tail", {"d": 4})])
    assert data == [{"a": 1}, {"b": 2}, {"c": 3}, {"d": 4}] and roles == {"head": 1, "tail": 3}
    with pytest.raises(ValueError, match="head"):
        with_roles([("head", {}), ("head", {})])

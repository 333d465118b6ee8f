"""The sparsity page's figure specs: valid plotly, finite, faithful to the arrays, small."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest
from helpers import assert_finite

from decayviz.figures import decode
from decayviz.figures.sparsity import (
    descent_figure,
    layer_figure,
    monte_carlo_figure,
    path_base,
    with_chosen_alpha,
)
from decayviz.sparsity import (
    DISPLAY_ALPHAS,
    PATH_KINDS,
    descent_frames,
    fit_layer,
    highlighted_features,
    layer_problem,
    optima_at,
    regularization_paths,
    sparsity_monte_carlo,
    synthetic_problem,
)

PROBLEM = synthetic_problem(20, 200, 5)
ALPHA = 0.1


@pytest.fixture(scope="module")
def specs() -> dict[str, dict]:
    paths = regularization_paths(PROBLEM)
    optima = optima_at(PROBLEM, ALPHA)
    X, Y, _ = layer_problem()
    return {
        "paths": with_chosen_alpha(  # as the page builds it: the α-free base, then the chosen α
            path_base(
                DISPLAY_ALPHAS,
                paths,
                PROBLEM.feature_names,
                highlighted_features(PROBLEM),
                "en",
                bound=max(float(np.max(np.abs(w))) for w in optima.values()),
            ),
            ALPHA,
            optima,
        ),
        "descent": descent_figure(descent_frames(PROBLEM, ALPHA, 300), "en"),
        "montecarlo": monte_carlo_figure(sparsity_monte_carlo(5000, 0), 5.0, "en"),
        "layer": layer_figure(fit_layer(X, Y, "l2", 0.0), fit_layer(X, Y, "l1", ALPHA), "en", "L1"),
    }


def test_every_spec_is_valid_plotly(specs):
    for spec in specs.values():
        go.Figure(spec)  # raises on any unknown property or bad value, frames included


def test_default_figures_fit_the_budget(specs):
    sizes = {name: len(json.dumps(spec)) for name, spec in specs.items()}
    assert sum(sizes.values()) <= 600_000, sizes


def test_no_number_in_a_chart_is_nan_or_infinite(specs):
    for spec in specs.values():
        assert_finite(json.dumps(spec))


def drawn_line(x: np.ndarray, y: np.ndarray, log_alphas: np.ndarray) -> np.ndarray:
    """What plotly draws for one path, read at every α of the grid: straight lines between its
    points; outside them, the zero line."""
    return np.interp(log_alphas, x, y, left=0.0, right=0.0)


def path_lines(trace: dict, template: dict) -> list[tuple[np.ndarray, np.ndarray]]:
    """The paths a trace draws, as (x, y) points: a highlighted path's points sit at x0 + i·dx
    (the trace's own or the template's); a bundle of grey paths lists x and y, NaN between
    one path and the next."""
    y = decode(trace["y"]).astype(float)
    if "x" not in trace:
        x0, dx = trace.get("x0", template["x0"]), trace.get("dx", template["dx"])
        return [(x0 + dx * np.arange(len(y)), y)]
    x = decode(trace["x"]).astype(float)
    assert np.array_equal(np.isnan(x), np.isnan(y))
    cuts = np.flatnonzero(np.isnan(y))  # each piece after the first starts with its gap
    pieces = zip(np.split(x, cuts), np.split(y, cuts), strict=True)
    return [(xs[~np.isnan(xs)], ys[~np.isnan(ys)]) for xs, ys in pieces]


def test_paths_figure_draws_every_coefficient_and_the_optimum(specs):
    """Every coefficient that is non-zero somewhere is drawn to within half a pixel of its exact
    path at every α, and exactly at the α it keeps; one that is 0 at every α lies on the zero
    line, which draws it. The grey paths of a panel are one trace; the highlighted features each
    have one and keep every α. Then, per panel: the optimum's dots and the zeros' count."""
    spec = specs["paths"]
    data, template = spec["data"], spec["layout"]["template"]["data"]["scatter"][0]
    log_alphas = np.log10(DISPLAY_ALPHAS)
    paths, optima = regularization_paths(PROBLEM), optima_at(PROBLEM, ALPHA)
    highlight = sorted(highlighted_features(PROBLEM).tolist())
    lines_drawn, strides = {}, {}
    marks = data[-2 * len(PATH_KINDS) :]  # the chosen α's, after the paths: per panel, dots and count
    per_panel = 1 + len(highlight) + 1  # the grey bundle, the highlighted paths, the zeros' count
    assert len(data) == len(PATH_KINDS) * per_panel + len(marks)
    for col, kind in enumerate(PATH_KINDS):
        block = data[col * per_panel : (col + 1) * per_panel]
        axis = "x" if col == 0 else f"x{col + 1}"
        assert all(trace.get("xaxis", "x") == axis for trace in block[:-1])
        grey = [j for j in range(paths[kind].shape[1]) if j not in highlight and np.any(paths[kind][:, j])]
        lines = path_lines(block[0], template) + [path_lines(trace, template)[0] for trace in block[1:-1]]
        drawn = grey + highlight
        assert len(lines) == len(drawn)
        lines_drawn[kind] = len(drawn)
        half_pixel = 0.5 * np.diff(spec["layout"][f"yaxis{'' if col == 0 else col + 1}"]["range"])[0] / 340
        for j, (x, y) in zip(drawn, lines, strict=True):
            exact = paths[kind][:, j]
            assert np.max(np.abs(drawn_line(x, y, log_alphas) - exact)) <= half_pixel, (kind, j)
            kept = np.rint((x - log_alphas[0]) / template["dx"]).astype(int)  # grid indices drawn
            assert np.allclose(x, log_alphas[kept], atol=1e-5)
            assert np.allclose(y, exact[kept], atol=1e-6)
            assert np.array_equal(y == 0.0, exact[kept] == 0.0)  # exact zeros survive float32
            if j in highlight:
                assert len(y) == len(DISPLAY_ALPHAS)
            elif len(kept) > 1:
                strides[kind] = int(np.min(np.diff(kept)))
        assert np.array_equal(decode(block[-1]["y"]), (paths[kind] == 0.0).sum(axis=1))  # zeros per α
        dots, count = marks[2 * col], marks[2 * col + 1]
        assert dots["xaxis"] == axis
        assert np.array_equal(decode(dots["y"]) == 0.0, optima[kind] == 0.0)
        assert np.allclose(decode(dots["x"]), np.log10(ALPHA))  # every dot on the chosen α's line
        assert count["y"] == [int(np.sum(optima[kind] == 0.0))]
    assert lines_drawn["l2"] == PROBLEM.X.shape[1]  # L2 keeps every weight in play
    assert lines_drawn["l1"] < 50  # L1: most weights are 0 at every α
    assert strides["l2"] > 1  # smooth ridge paths are drawn from fewer points
    named = [trace for trace in data if trace.get("showlegend")]
    assert len(named) == 5  # the true non-zero features, once each


def test_descent_frames_carry_only_what_moves(specs):
    spec = specs["descent"]
    frames = spec["frames"]
    moving = frames[0]["traces"]
    assert len(moving) == 12 and len(frames) <= 50
    assert all(len(frame["data"]) == len(moving) for frame in frames)
    assert [int(f["name"]) for f in frames] == sorted(int(f["name"]) for f in frames)
    # The still chart shows the last frame.
    for index, trace in zip(moving, frames[-1]["data"], strict=True):
        for key in ("y", "text"):
            if key in trace:
                assert np.array_equal(decode(spec["data"][index][key]), decode(trace[key]))
    static = set(range(len(spec["data"]))) - set(moving)
    assert all(spec["data"][i]["mode"] == "lines" for i in static)  # the three zero-count lines


def test_descent_bars_count_every_weight(specs):
    d = PROBLEM.X.shape[1]
    for frame in specs["descent"]["frames"]:
        for run in range(3):
            bars, zeros = frame["data"][3 * run], frame["data"][3 * run + 1]
            assert decode(bars["y"]).sum() + zeros["y"][0] == d


def test_monte_carlo_figure_shows_the_centres(specs):
    data = specs["montecarlo"]["data"]
    shown = sum(len(decode(trace["x"])) for trace in data[:2])
    assert shown == 4000
    assert data[-2]["y"][1] == 0.0  # L2: no exact zeros


def test_layer_figure_draws_every_link(specs):
    shapes = specs["layer"]["layout"]["shapes"]
    assert len(shapes) == 2 * 32
    dotted = [s for s in shapes if s["line"].get("dash") == "dot"]
    X, Y, _ = layer_problem()
    assert len(dotted) == np.sum(fit_layer(X, Y, "l1", ALPHA) == 0.0) + np.sum(
        fit_layer(X, Y, "l2", 0.0) == 0.0
    )


def test_log_axes_are_labelled_with_the_numbers_they_mean():
    """Plotly labels 0.3 on a log axis as a bare "3"; the app's log axes say 0.2, 0.5, 1, 2."""
    from decayviz.figures import log_axis

    axis = log_axis([0.3, 2.3, None, float("nan")])
    assert axis["ticktext"] == ["0.2", "0.5", "1", "2"]
    assert [float(text) for text in axis["ticktext"]] == axis["tickvals"]
    wide = log_axis([1e-4, 0.5])
    assert wide["ticktext"] == ["0.0001", "0.001", "0.01", "0.1"]  # decades alone over 4 of them
    # a training loss that falls to 1e-15 (a network that memorizes its few samples): a label
    # every fourth decade, not 17 of them piled up in a small panel
    deep = log_axis([2.3e-15, 0.2])
    assert deep["ticktext"] == ["1e-13", "1e-10", "1e-07", "0.0001", "0.1"]

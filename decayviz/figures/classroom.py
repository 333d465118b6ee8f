"""The class's answers drawn beside the truth: a tap chart before the reveal, then a cloud of taps
on the landscape, a histogram for a number, bars for a choice."""

from __future__ import annotations

import math
from collections.abc import Collection

import numpy as np

from decayviz.figures import typed
from decayviz.figures.landscape import _contour_bands, _marker, view_halfwidth
from decayviz.figures.palette import COLORS, OKABE_ITO
from decayviz.i18n import t
from decayviz.scene import LandscapeScene

HISTOGRAM_BINS = 20
TAP_GRID_STEP = 0.1  # the tap chart's answer grid: finer than a finger on a phone's chart
CLASS_COLOR = OKABE_ITO["black"]  # the strongest mark on the blue bands, the path and white alike
CLASS_TAP_SIZE = 14  # read from the back of a room on a projected chart
YOU_COLOR = OKABE_ITO["orange"]
TRUTH_COLOR = COLORS["path"]  # the descent's own colour: its end is the true answer


def tap_grid(half: float) -> np.ndarray:
    """The points a tap can select: a square grid over the view, TAP_GRID_STEP apart."""
    ticks = np.round(np.arange(-half, half + TAP_GRID_STEP / 2, TAP_GRID_STEP), 10)
    xs, ys = np.meshgrid(ticks, ticks)
    return np.column_stack([xs.ravel(), ys.ravel()])


def tap_figure(
    scene: LandscapeScene, lang: str, answer: list[float] | None = None, grid: bool = True
) -> dict:
    """The loss's contours with W₀ and W* only (the penalty's ball would give the end away), and
    over them, with `grid`, an invisible grid of points: a tap selects the nearest one, which is the
    answer (st.plotly_chart's point selection). The student's answer, when given, is marked."""
    half = view_halfwidth(scene)
    data = _contour_bands(scene, half)
    for trace in data:
        trace["hoverinfo"] = "skip"  # a tap goes through the bands to the grid
    keep = {"unselected": {"marker": {"opacity": 1}}}  # a selection must not dim the markers
    start = _marker(scene.w0, "W0", "circle", "#ffffff", size=12, text="W₀", position="top left")
    data.append({**start, **keep})
    data.append({**_marker(scene.loss.w_star, "W*", "star", "#1a1a1a", size=17, text="W*"), **keep})
    if answer is not None:
        data.append({**you_trace(answer, lang), **keep})
    if grid:  # unseen, selected or not: the answer's own mark shows a tap
        marker = {"size": 9, "color": YOU_COLOR, "opacity": 0}
        unseen = {"selected": {"marker": {"opacity": 0}}, "unselected": {"marker": {"opacity": 0}}}
        grid_trace = _points_trace(tap_grid(half), t("predict.trace.tap", lang), marker)
        data.append({**grid_trace, **unseen, "showlegend": False})
    axis = {"range": [-half, half], "zeroline": True, "zerolinecolor": "#444", "showgrid": False,
            "constrain": "domain", "fixedrange": True}  # fmt: skip
    layout = {
        "xaxis": {**axis, "title": {"text": "w₁", "standoff": 2}},
        "yaxis": {**axis, "title": {"text": "w₂", "standoff": 2}, "scaleanchor": "x", "scaleratio": 1},
        "height": 440,  # a phone's plot as wide as its screen; a projector's under the question
        "margin": {"l": 44, "r": 8, "t": 30 if answer is not None else 8, "b": 40},
        "plot_bgcolor": "#ffffff",
        "showlegend": answer is not None,
        "legend": {"orientation": "h", "x": 0.0, "y": 1.0, "yanchor": "bottom"},
        "hovermode": "closest",
        "dragmode": False,  # a drag on a phone scrolls the page; a tap answers
        "clickmode": "event+select",
        "uirevision": "tap",
    }
    return {"data": data, "layout": layout}


def _points_trace(points: np.ndarray | list, name: str, marker: dict) -> dict:
    """Points (n × 2) as markers that hover their coordinates to a tenth, the tap grid's step:
    the tap chart's grid and the class's taps."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    return {
        "type": "scatter",
        "mode": "markers",
        "name": name,
        "x": typed(points[:, 0]),
        "y": typed(points[:, 1]),
        "marker": marker,
        "hovertemplate": "(%{x:.1f}, %{y:.1f})<extra></extra>",
    }


def you_trace(answer, lang: str) -> dict:
    return {
        **_marker(answer, t("predict.trace.you", lang), "x", YOU_COLOR, size=15),
        "showlegend": True,
    }


def taps_overlay(taps: list, truth, lang: str, you=None) -> list[dict]:
    """Traces to lay over the landscape chart after the reveal, over all of its own: the class's
    taps as a cloud of large dark dots (the back of the room must see them), the true end as an
    open ring over them, so the taps under it still show, and last the student's own tap (near
    the truth, the ring's thick stroke hid most of it)."""
    traces = []
    if taps:
        outlined = {"color": "#ffffff", "width": 2}
        marker = {"size": CLASS_TAP_SIZE, "color": CLASS_COLOR, "opacity": 0.85, "line": outlined}
        traces.append(_points_trace(taps, t("predict.trace.class", lang), marker))
    truth_marker = _marker(truth, t("predict.trace.truth", lang), "circle-open", TRUTH_COLOR, size=26)
    truth_marker["marker"]["line"] = {"color": TRUTH_COLOR, "width": 5}
    traces.append({**truth_marker, "showlegend": True})
    if you is not None:
        traces.append(you_trace(you, lang))
    return traces


def with_overlay(spec: dict, traces: list[dict]) -> dict:
    """A copy of a (cached, shared) figure spec with `traces` added on top; its frames still
    address the traces they move by index, which adding at the end keeps."""
    return {**spec, "data": [*spec["data"], *traces]}


def histogram_figure(answers: list[float], truth: float, bounds: tuple[float, float], lang: str) -> dict:
    """The class's numbers as a histogram of HISTOGRAM_BINS bins over the allowed range, the true
    answer as a vertical line labelled with its value."""
    lo, hi = bounds
    counts, edges = np.histogram(np.asarray(answers, dtype=float), bins=HISTOGRAM_BINS, range=(lo, hi))
    data = [
        {
            "type": "bar",
            "x": typed((edges[:-1] + edges[1:]) / 2),
            "y": typed(counts, "i4"),
            "width": float(edges[1] - edges[0]),
            "marker": {"color": CLASS_COLOR, "line": {"color": "#ffffff", "width": 1}},
            "name": t("predict.trace.class", lang),
            "customdata": np.column_stack([edges[:-1], edges[1:]]).round(6).tolist(),
            "hovertemplate": "%{customdata[0]:g}–%{customdata[1]:g}: %{y}<extra></extra>",
        }
    ]
    layout = _bar_layout(lang)
    layout["yaxis"] = {**layout["yaxis"], "dtick": max(1, int(np.ceil(counts.max(initial=0) / 5)))}
    layout["xaxis"] = {"title": {"text": t("predict.axis.answer", lang)}, "range": [lo, hi]}
    layout["shapes"] = [
        {"type": "line", "x0": truth, "x1": truth, "yref": "paper", "y0": 0, "y1": 1,
         "line": {"color": TRUTH_COLOR, "width": 4}},
    ]  # fmt: skip
    right_half = truth > (lo + hi) / 2  # the label reads towards the middle, never off the chart
    layout["annotations"] = [
        {"x": truth, "y": 1, "yref": "paper", "yanchor": "bottom", "showarrow": False,
         "xanchor": "right" if right_half else "left", "text": f"{t('predict.chart.truth', lang)}: {truth:g}",
         "font": {"color": TRUTH_COLOR, "size": 15}},
    ]  # fmt: skip
    return {"data": data, "layout": layout}


def bars_figure(counts: dict[str, int], labels: dict[str, str], right: Collection[str], lang: str) -> dict:
    """The class's choices as horizontal bars, one per option in order; the options that count
    as right (the truth, and any tied with it) in the descent's colour and marked in their label
    (not by colour alone)."""
    options = list(counts)
    names = [f"✓ {labels[o]}" if o in right else labels[o] for o in options]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": names[::-1],
            "x": [counts[o] for o in options][::-1],
            "marker": {"color": [TRUTH_COLOR if o in right else CLASS_COLOR for o in options][::-1]},
            "text": [str(counts[o]) for o in options][::-1],
            # beside the bar, at a projector's size: inside a short bar plotly shrank a "1" to a dot
            "textposition": "outside",
            "textfont": {"size": 16},
            "cliponaxis": False,
            "hovertemplate": "%{y}: %{x}<extra></extra>",
            "name": t("predict.trace.class", lang),
        }
    ]
    layout = _bar_layout(lang)
    most = max(counts.values(), default=0)
    layout["xaxis"] = {"title": {"text": t("predict.axis.answers", lang)}, "rangemode": "tozero",
                       "dtick": max(1, math.ceil(most / 5))}  # fmt: skip
    layout["yaxis"] = {"automargin": True, "tickfont": {"size": 14}}
    layout["margin"] = {**layout["margin"], "r": 32}  # room for the longest bar's count
    layout["height"] = 90 + 48 * len(options)
    return {"data": data, "layout": layout}


# Decimals of an evidence bar's number: a loss's gaps between α lie in its fourth decimal
EVIDENCE_DIGITS = {"val_accuracy": 3, "val_loss": 4}


def evidence_figure(
    scores: dict[str, float],
    best: str,
    lang: str,
    metric: str = "val_accuracy",
    right: frozenset = frozenset(),
) -> dict:
    """A network question's evidence: each trained run's final `metric` (validation accuracy, or
    loss) as a horizontal bar from 0 (label to score, in order), the best α and those counted as
    `right` with it in the descent's colour and marked in their labels (as the class's answers
    are), with a dotted line at the best's score so that the others read against it."""
    labels = list(scores)
    marked = {best, *right}
    names = [f"✓ {label}" if label in marked else label for label in labels]
    values = [scores[label] for label in labels]
    digits = EVIDENCE_DIGITS[metric]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": names[::-1],
            "x": values[::-1],
            "marker": {"color": [TRUTH_COLOR if label in marked else CLASS_COLOR for label in labels][::-1]},
            "text": [f"{value:.{digits}f}" for value in values][::-1],
            # accuracies fill most of their bars; losses near the best are short bars, their
            # numbers beside them (right of the dotted line at the best, which is the shortest)
            "textposition": "auto" if metric == "val_accuracy" else "outside",
            "textfont": {"size": 13},
            "hovertemplate": "%{y}: %{x:.4f}<extra></extra>",
            "name": t("predict.trace.evidence", lang),
        }
    ]
    layout = _bar_layout(lang)
    top = 1.0 if metric == "val_accuracy" else 1.25 * max(values)  # a loss has no top: room for its number
    layout["xaxis"] = {"title": {"text": t(f"predict.axis.{metric}", lang)}, "range": [0.0, top]}
    layout["yaxis"] = {"automargin": True, "tickfont": {"size": 14}}
    line = {"color": TRUTH_COLOR, "dash": "dot", "width": 2}
    at_best = {"x0": scores[best], "x1": scores[best], "y0": 0, "y1": 1, "yref": "paper"}
    # under the bars: it shows past the shorter ones and in the gaps, and crosses no number
    # inside a longer bar (it cut through dropout's 0.916)
    layout["shapes"] = [{"type": "line", **at_best, "line": line, "layer": "below"}]
    layout["height"] = 90 + 36 * len(labels)
    return {"data": data, "layout": layout}


def _bar_layout(lang: str) -> dict:
    return {
        "height": 300,
        "margin": {"l": 8, "r": 8, "t": 28, "b": 44},
        "plot_bgcolor": "#ffffff",
        "showlegend": False,
        "yaxis": {"title": {"text": t("predict.axis.answers", lang)}, "rangemode": "tozero"},
        "bargap": 0.15,
    }

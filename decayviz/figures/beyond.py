"""The landscape's views beyond the chapter: decay under a normalization layer (the loss sees only
W's direction) and early stopping beside the path of L2 optima. Arrays in, plotly spec out."""

from __future__ import annotations

import textwrap

import numpy as np

from decayviz.earlystop import EarlyStopMatch, ridge_point
from decayviz.figures import (
    Panel,
    animation_controls,
    axis_suffix,
    decimate,
    log_axis,
    panel_title,
    round_steps,
    typed,
    with_roles,
)
from decayviz.figures.palette import COLORS, GREY, INK, OKABE_ITO
from decayviz.i18n import t
from decayviz.landscape import EllipticLoss, ScaleInvariantLoss
from decayviz.normalization import NormalizedRun

RAYS = 24  # contours of the direction-only loss: rays 15° apart
FRAMES = 61
FRAME_MS = 60
CONTROLS_PX = 54
CURSOR_AXIS = axis_suffix(4)  # early stopping's hidden y axis over both step panels: the cursor spans them


def _xy(points: np.ndarray) -> dict:
    return {"x": typed(points[:, 0]), "y": typed(points[:, 1])}


def _title(text: str, x: float, y: float, width: float) -> dict:
    """A panel's title over a panel `width` (paper units) wide, wrapped to fit it on a phone
    (about 45 characters across the whole chart there)."""
    lines = textwrap.wrap(text, width=max(12, int(45 * width)), break_long_words=False)
    return panel_title(lines, x, y, size=14)


def _rays(loss: ScaleInvariantLoss, reach: float) -> dict:
    """The loss's contours: rays from the origin (one trace, broken by gaps)."""
    angles = np.deg2rad(loss.direction_deg) + np.linspace(0, 2 * np.pi, RAYS, endpoint=False)
    ends = reach * np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    points = np.full((3 * RAYS, 2), np.nan)
    points[0::3] = 0.0
    points[1::3] = ends
    return _contour_lines(points, opacity=0.45)


def _contour_lines(points: np.ndarray, opacity: float) -> dict:
    """Contour lines as one unnamed trace, broken where `points` holds a NaN row."""
    return {
        "type": "scatter",
        "mode": "lines",
        "x": typed(points[:, 0], gaps=True),
        "y": typed(points[:, 1], gaps=True),
        "line": {"color": COLORS["contour"], "width": 1},
        "opacity": opacity,
        "name": "",
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _point(point: np.ndarray, name: str, marker: dict) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [float(point[0])],
        "y": [float(point[1])],
        "name": name,
        "marker": marker,
        "hoverinfo": "skip",
    }


def _equilibrium_circle(radius: float, lang: str) -> dict:
    """The circle the descent settles on, of the predicted equilibrium norm."""
    phi = np.linspace(0, 2 * np.pi, 121)
    circle = radius * np.stack([np.cos(phi), np.sin(phi)], axis=-1)
    return {
        **_xy(circle),
        "type": "scatter",
        "mode": "lines",
        "name": t("beyond.norm.circle", lang),
        # the same prediction as the dashed lines beside it: one legend entry stands for both
        "legendgroup": "predicted",
        "showlegend": False,
        "line": {"color": COLORS["constraint"], "width": 2.5, "dash": "dash"},
        "hoverinfo": "skip",
    }


def _normalized_plane(run: NormalizedRun, loss: ScaleInvariantLoss, reach: float, lang: str) -> list[dict]:
    """The plane's traces: the loss's rays, the descent, W₀ and (with decay) the predicted circle."""
    weights = run.trajectory.weights[: run.trajectory.finite_steps]
    descent = {
        **_xy(weights[decimate(len(weights), 800)]),
        "type": "scatter",
        "mode": "lines+markers",
        "name": t("beyond.norm.path", lang),
        "line": {"color": COLORS["path"], "width": 1.5},
        "marker": {"color": COLORS["path"], "size": 4},
        "hovertemplate": "(%{x:.3g}, %{y:.3g})<extra></extra>",
    }
    start = _point(weights[0], "W₀", {"color": INK, "symbol": "square", "size": 10})
    data = [_rays(loss, reach * 1.5), descent, start]
    if run.predicted_norm is not None:
        data.append(_equilibrium_circle(run.predicted_norm, lang))
    return data


def _series_panels() -> list[Panel]:
    """The three panels over the steps, right of the plane; the last, taller, holds the step axis."""
    heights = ([0.70, 0.94], [0.36, 0.60], [0.0, 0.26])
    return [Panel(axis_suffix(n), [0.58, 1.0], y) for n, y in enumerate(heights, start=2)]


def _drawn(values: np.ndarray) -> np.ndarray:
    """The steps a quantity is drawn at: at most 800, the finite ones."""
    keep = decimate(len(values), 800)
    return keep[np.isfinite(values[keep])]


def _series_traces(panel: Panel, values, predicted, first: bool, lang: str) -> list[dict]:
    """A quantity over the steps, and its predicted equilibrium dashed (the first panel's dashed
    line stands for all three in the legend, and for the plane's circle)."""
    x = np.arange(len(values))
    finite = _drawn(values)
    data = [
        {
            **panel.on,
            "type": "scatter",
            "mode": "lines",
            "x": typed(x[finite]),
            "y": typed(values[finite]),
            "name": "",
            "showlegend": False,
            "line": {"color": COLORS["path"], "width": 2},
            "hovertemplate": t("ui.step", lang) + " %{x}: %{y:.3g}<extra></extra>",
        }
    ]
    if predicted is not None:
        data.append(
            {
                **panel.on,
                "type": "scatter",
                "mode": "lines",
                "x": [0, int(x[-1]) if len(x) else 0],
                "y": [predicted, predicted],
                "name": t("beyond.norm.predicted", lang) if first else "",
                "legendgroup": "predicted",
                "showlegend": first,
                "line": {"color": COLORS["constraint"], "width": 2, "dash": "dash"},
                "hoverinfo": "skip",
            }
        )
    return data


def _series_axes(panel: Panel, values, predicted, log: bool, last: bool, lang: str) -> dict:
    """The quantity's axis (with `log`, a log axis numbered at round values) and the step axis,
    numbered under the last panel alone."""
    drawn = values[_drawn(values)]
    positive = drawn[drawn > 0]
    axis = log_axis([*positive, *([predicted] if predicted else [])]) if log and positive.size else {}
    step_axis = {"title": {"text": t("ui.step", lang)}} if last else {"showticklabels": False}
    return panel.axes(x=step_axis, y=axis)


def _normalized_layout(reach: float, lang: str) -> dict:
    return {
        "height": 600,
        "margin": {"l": 55, "r": 10, "t": 40, "b": 50},
        "hovermode": "closest",
        "showlegend": True,
        "legend": {"x": 0.0, "y": -0.16, "xanchor": "left", "yanchor": "top", "orientation": "h"},
        "xaxis": {
            "domain": [0.0, 0.48],
            "range": [-reach, reach],
            "zeroline": False,
            "title": {"text": "w₁"},
        },
        "yaxis": {
            "domain": [0.0, 0.94],
            "range": [-reach, reach],
            "scaleanchor": "x",
            "zeroline": False,
            "title": {"text": "w₂"},
        },
        "annotations": [_title(t("beyond.norm.plane", lang), 0.24, 0.95, 0.48)],
    }


def normalized_figure(run: NormalizedRun, loss: ScaleInvariantLoss, lang: str) -> dict:
    """Left: the plane, its contours rays from the origin, the descent spiralling, the predicted
    equilibrium circle. Right, over the steps: ‖W‖, the effective learning rate lr/‖W‖² and the
    angle turned per step, each with its predicted equilibrium (dashed)."""
    weights = run.trajectory.weights[: run.trajectory.finite_steps]
    reach = max(float(np.max(np.abs(weights[decimate(len(weights), 800)]))) * 1.1, 0.5)
    series = [
        ("beyond.norm.panel.norm", run.norms, run.predicted_norm, False),
        ("beyond.norm.panel.effective_lr", run.effective_lr, run.predicted_effective_lr, True),
        ("beyond.norm.panel.angle", np.degrees(run.angles), _degrees(run.predicted_angle), False),
    ]
    data = _normalized_plane(run, loss, reach, lang)
    layout = _normalized_layout(reach, lang)
    panels = _series_panels()
    for panel, (key, values, predicted, log) in zip(panels, series, strict=True):
        data += _series_traces(panel, values, predicted, panel is panels[0], lang)
        layout |= _series_axes(panel, values, predicted, log, panel is panels[-1], lang)
        layout["annotations"].append(_title(t(key, lang), 0.79, panel.y[1] + 0.003, 0.42))
    return {"data": data, "layout": layout}


def _gap_range(gaps: np.ndarray, scale: float) -> list[float]:
    """The gap axis (log): from its smallest value up to at least a thousandth of ‖W*‖, so gaps
    of rounding size lie flat at the bottom instead of filling the panel as noise."""
    top = max(float(gaps.max(initial=0.0)), 1e-3 * max(scale, 1e-12)) * 3
    bottom = max(float(gaps.min(initial=top)), 1e-16) / 3
    return [float(np.log10(bottom)), float(np.log10(top))]


def _few_ticks(axis: dict, most: int = 6) -> dict:
    """At most `most` labelled ticks (a log axis over many decades labels every decade)."""
    values, labels = axis.get("tickvals", []), axis.get("ticktext", [])
    stride = -(-len(values) // most)
    return {**axis, "tickvals": values[::stride], "ticktext": labels[::stride]} if stride > 1 else axis


def _degrees(angle: float | None) -> float | None:
    return None if angle is None else float(np.degrees(angle))


def _earlystop_plane(match: EarlyStopMatch, loss: EllipticLoss) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The path of L2 optima Ŵ(α) from W* (α = 0) to 0, and the plane's lower-left and upper-right
    corners: the descent, the path and W* with a margin."""
    alphas_path = np.concatenate([[0.0], np.logspace(-4, 4, 300)])
    path = np.vstack([ridge_point(loss, alphas_path), np.zeros((1, 2))])
    extent = np.vstack([match.weights[: match.finite_steps], path, loss.w_star[None]])
    low, high = extent.min(axis=0), extent.max(axis=0)
    pad = 0.15 * max(float(np.max(high - low)), 1.0)
    return path, low - pad, high + pad


def _contours(loss: EllipticLoss) -> dict:
    """A few of the loss's contours, one trace broken by gaps, at fractions of L(0)."""
    levels = float(loss.value(np.zeros(2))) * np.array([0.02, 0.1, 0.25, 0.5, 1.0, 1.6])
    contours = np.vstack([np.vstack([loss.level_curve(v, 91), [[np.nan, np.nan]]]) for v in levels])
    return _contour_lines(contours, opacity=0.5)


def _earlystop_at(match: EarlyStopMatch, k: int) -> dict[str, dict]:
    """What moves with the step k, by role: the segment from the descent's point to its nearest
    Ŵ(α), the two points, and the cursor on the panels over the steps."""
    here, there = match.weights[k], match.ridge[k]
    return {
        "segment": {"x": [float(here[0]), float(there[0])], "y": [float(here[1]), float(there[1])]},
        "here": {"x": [float(here[0])], "y": [float(here[1])]},
        "there": {"x": [float(there[0])], "y": [float(there[1])]},
        "cursor": {"x": [k, k]},
    }


def _earlystop_plane_traces(match: EarlyStopMatch, loss: EllipticLoss, path, alpha: float, lang: str):
    """The plane's still traces: contours, the path of Ŵ(α), the descent, the chosen α's Ŵ(α)
    ringed, and W*."""
    weights = match.weights[: match.finite_steps]
    ring = {"symbol": "circle-open", "color": COLORS["optimum"], "size": 16, "line": {"width": 3}}
    return [
        _contours(loss),
        {
            **_xy(path),
            "type": "scatter",
            "mode": "lines",
            "name": t("beyond.es.ridge", lang),
            "line": {"color": COLORS["optimum"], "width": 3},
            "hoverinfo": "skip",
        },
        {
            **_xy(weights[decimate(len(weights), 400)]),
            "type": "scatter",
            "mode": "lines+markers",
            "name": t("beyond.es.descent", lang),
            "line": {"color": COLORS["path"], "width": 1.5},
            "marker": {"size": 4, "color": COLORS["path"]},
            "hoverinfo": "skip",
        },
        _point(ridge_point(loss, alpha), t("beyond.es.chosen_marker", lang, alpha=f"{alpha:g}"), ring),
        _point(loss.w_star, "W*", {"symbol": "x", "color": INK, "size": 11}),
    ]


def _earlystop_moving(now: dict[str, dict], steps: Panel) -> dict[str, dict]:
    """The traces the step frames move, by role, at the still chart's step (`now`); the cursor on
    the `steps` axis, across both panels."""
    steps_on = {"xaxis": steps.on["xaxis"], "yaxis": f"y{CURSOR_AXIS}"}
    still = {"showlegend": False, "hoverinfo": "skip"}
    dot = {"size": 13, "line": {"color": INK, "width": 1}}
    return {
        "segment": {**now["segment"], "type": "scatter", "mode": "lines", "line": {"color": INK, "width": 2},
                    **still},
        "here": {**now["here"], "type": "scatter", "mode": "markers", **still,
                 "marker": {"color": COLORS["path"], **dot}},
        "there": {**now["there"], "type": "scatter", "mode": "markers", **still,
                  "marker": {"color": COLORS["optimum"], "symbol": "diamond", **dot}},
        "cursor": {**now["cursor"], "type": "scatter", "mode": "lines", "y": [0, 1], **steps_on,
                   "line": {"color": GREY, "width": 1.5, "dash": "dot"}, **still},
    }  # fmt: skip


def _earlystop_steps_traces(match: EarlyStopMatch, alpha_panel: Panel, gap_panel: Panel, lang: str):
    """Over the steps: the nearest α (where one is finite and positive) and the gap to it."""
    steps = np.arange(match.finite_steps)
    finite_alpha = np.isfinite(match.alphas) & (match.alphas > 0)
    gaps = np.maximum(match.gaps, 1e-16)
    line = {"type": "scatter", "mode": "lines"}
    return [
        {
            **line,
            "x": typed(steps[finite_alpha]),
            "y": typed(match.alphas[finite_alpha]),
            **alpha_panel.on,
            "showlegend": False,
            "line": {"color": COLORS["optimum"], "width": 2.5},
            "name": "",
            "hovertemplate": t("ui.step", lang) + " %{x}: α ≈ %{y:.3g}<extra></extra>",
        },
        {
            **line,
            "x": typed(steps[1:]),  # at step 0 both are at 0: no gap to draw on a log axis
            "y": typed(gaps[1:]),
            **gap_panel.on,
            "showlegend": False,
            "line": {"color": OKABE_ITO["reddish_purple"], "width": 2.5},
            "name": "",
            "hovertemplate": t("ui.step", lang) + " %{x}: %{y:.2g}<extra></extra>",
        },
    ]


def _earlystop_axes(match, loss, low, high, alpha_panel: Panel, gap_panel: Panel, lang: str) -> dict:
    """The plane (square), the nearest α (log) over the gap (log), both on one step axis, and a
    hidden axis over both on which the step's cursor spans them."""
    alphas = match.alphas[np.isfinite(match.alphas) & (match.alphas > 0)]
    gaps = np.maximum(match.gaps, 1e-16)
    plane = {"domain": [0.0, 0.46], "range": [low[0], high[0]], "title": {"text": "w₁"}, "zeroline": False}
    square = {"domain": [0.0, 0.94], "range": [low[1], high[1]], "scaleanchor": "x", "title": {"text": "w₂"},
              "zeroline": False}  # fmt: skip
    alpha_axes = alpha_panel.axes(
        x={"showticklabels": False, "range": [0, max(match.finite_steps - 1, 1)]},
        y=_few_ticks(log_axis(alphas)) if alphas.size else {"type": "log"},
    )
    gap_axes = gap_panel.axes(
        x={"matches": alpha_panel.on["xaxis"], "title": {"text": t("ui.step", lang)}},
        y={"type": "log", "exponentformat": "power",
           "range": _gap_range(gaps[1:], float(np.linalg.norm(loss.w_star)))},
    )  # fmt: skip
    x, y = alpha_panel.on["xaxis"], alpha_panel.on["yaxis"]
    cursor = {"domain": [0.0, 0.94], "anchor": x, "overlaying": y, "range": [0, 1], "visible": False}
    return {"xaxis": plane, "yaxis": square, **alpha_axes, **gap_axes, f"yaxis{CURSOR_AXIS}": cursor}


def earlystop_figure(match: EarlyStopMatch, loss: EllipticLoss, alpha: float, step: int, lang: str) -> dict:
    """Left: the loss's contours, the path of L2 optima Ŵ(α) from W* to 0, the descent from 0, and
    at the step the slider picks its point, the nearest Ŵ(α) and the segment between (Play runs
    the steps). Right: that nearest α and the gap against the step. The chosen α's Ŵ(α) is ringed,
    and the still chart shows `step`, the stopped descent nearest it (a frame of its own)."""
    path, low, high = _earlystop_plane(match, loss)
    alpha_panel = Panel(axis_suffix(2), [0.66, 1.0], [0.55, 0.94])
    gap_panel = Panel(axis_suffix(3), [0.66, 1.0], [0.0, 0.39])
    moving = _earlystop_moving(_earlystop_at(match, step), alpha_panel)
    data, roles = with_roles(
        [
            *((None, trace) for trace in _earlystop_plane_traces(match, loss, path, alpha, lang)),
            *((role, moving[role]) for role in ("segment", "here", "there")),
            *((None, trace) for trace in _earlystop_steps_traces(match, alpha_panel, gap_panel, lang)),
            ("cursor", moving["cursor"]),
        ]
    )
    frames_at = sorted({*(int(k) for k in round_steps(match.finite_steps, FRAMES)), step})
    layout: dict = {
        "height": 620,
        "margin": {"l": 55, "r": 10, "t": 40, "b": 110},
        "hovermode": "closest",
        "legend": {  # the plane's upper left, away from the path from 0 to W*
            "x": 0.0, "y": 0.94, "xanchor": "left", "yanchor": "top", "bgcolor": "rgba(255,255,255,0.85)",
        },
        **_earlystop_axes(match, loss, low, high, alpha_panel, gap_panel, lang),
        "annotations": [
            _title(t("beyond.es.plane", lang), 0.23, 0.95, 0.46),
            _title(t("beyond.es.panel.alpha", lang), 0.83, 0.95, 0.34),
            _title(t("beyond.es.panel.gap", lang), 0.83, 0.40, 0.34),
        ],
        **animation_controls(frames_at, lang, FRAME_MS, from_current=False, y=0.0, below_px=CONTROLS_PX),
    }  # fmt: skip
    layout["sliders"][0]["active"] = frames_at.index(step)
    frames = []
    for k in frames_at:
        moved = _earlystop_at(match, k)
        frames.append({"name": str(k), "traces": [roles[r] for r in moved], "data": list(moved.values())})
    return {"data": data, "layout": layout, "frames": frames}

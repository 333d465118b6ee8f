"""The landscape's views beyond the chapter: decay under a normalization layer (the loss sees only
W's direction) and early stopping beside the path of L2 optima. Arrays in, plotly spec out."""

from __future__ import annotations

import textwrap

import numpy as np

from decayviz.earlystop import EarlyStopMatch, ridge_point
from decayviz.figures import animation_controls, decimate, log_axis, panel_title, round_steps, typed
from decayviz.figures.palette import COLORS, GREY, INK, OKABE_ITO
from decayviz.i18n import t
from decayviz.landscape import EllipticLoss, ScaleInvariantLoss
from decayviz.normalization import NormalizedRun

RAYS = 24  # contours of the direction-only loss: rays 15° apart
FRAMES = 61
FRAME_MS = 60
CONTROLS_PX = 54


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
    return {
        "type": "scatter",
        "mode": "lines",
        "x": typed(points[:, 0], gaps=True),
        "y": typed(points[:, 1], gaps=True),
        "line": {"color": COLORS["contour"], "width": 1},
        "opacity": 0.45,
        "name": "",
        "hoverinfo": "skip",
        "showlegend": False,
    }


def normalized_figure(run: NormalizedRun, loss: ScaleInvariantLoss, lang: str) -> dict:
    """Left: the plane, its contours rays from the origin, the descent spiralling, the predicted
    equilibrium circle. Right, over the steps: ‖W‖, the effective learning rate lr/‖W‖² and the
    angle turned per step, each with its predicted equilibrium (dashed)."""
    weights = run.trajectory.weights[: run.trajectory.finite_steps]
    shown = decimate(len(weights), 800)
    reach = max(float(np.max(np.abs(weights[shown]))) * 1.1, 0.5)
    steps = np.arange(len(weights))
    data: list[dict] = [
        _rays(loss, reach * 1.5),
        {
            **_xy(weights[shown]),
            "type": "scatter",
            "mode": "lines+markers",
            "name": t("beyond.norm.path", lang),
            "line": {"color": COLORS["path"], "width": 1.5},
            "marker": {"color": COLORS["path"], "size": 4},
            "hovertemplate": "(%{x:.3g}, %{y:.3g})<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": [float(weights[0, 0])],
            "y": [float(weights[0, 1])],
            "name": "W₀",
            "marker": {"color": INK, "symbol": "square", "size": 10},
            "hoverinfo": "skip",
        },
    ]
    if run.predicted_norm is not None:
        phi = np.linspace(0, 2 * np.pi, 121)
        circle = run.predicted_norm * np.stack([np.cos(phi), np.sin(phi)], axis=-1)
        data.append(
            {
                **_xy(circle),
                "type": "scatter",
                "mode": "lines",
                "name": t("beyond.norm.circle", lang),
                "line": {"color": COLORS["constraint"], "width": 2.5, "dash": "dash"},
                "hoverinfo": "skip",
            }
        )
    panels = [
        ("beyond.norm.panel.norm", run.norms, run.predicted_norm, False),
        ("beyond.norm.panel.effective_lr", run.effective_lr, run.predicted_effective_lr, True),
        ("beyond.norm.panel.angle", np.degrees(run.angles), _degrees(run.predicted_angle), False),
    ]
    layout: dict = {
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
    heights = [(0.70, 0.94), (0.36, 0.60), (0.0, 0.26)]
    for i, (key, values, predicted, log) in enumerate(panels, start=2):
        axes = {"xaxis": f"x{i}", "yaxis": f"y{i}"}
        x = steps[: len(values)]
        keep = decimate(len(values), 800)
        finite = keep[np.isfinite(values[keep])]
        data.append(
            {
                **axes,
                "type": "scatter",
                "mode": "lines",
                "x": typed(x[finite]),
                "y": typed(values[finite]),
                "name": "",
                "showlegend": False,
                "line": {"color": COLORS["path"], "width": 2},
                "hovertemplate": t("ui.step", lang) + " %{x}: %{y:.3g}<extra></extra>",
            }
        )
        if predicted is not None:
            data.append(
                {
                    **axes,
                    "type": "scatter",
                    "mode": "lines",
                    "x": [0, int(x[-1]) if len(x) else 0],
                    "y": [predicted, predicted],
                    "name": t("beyond.norm.predicted", lang) if i == 2 else "",
                    "showlegend": i == 2,
                    "line": {"color": COLORS["constraint"], "width": 2, "dash": "dash"},
                    "hoverinfo": "skip",
                }
            )
        low, high = heights[i - 2]
        layout[f"xaxis{i}"] = {
            "domain": [0.58, 1.0],
            "anchor": f"y{i}",
            **({"title": {"text": t("ui.step", lang)}} if i == 4 else {"showticklabels": False}),
        }
        positive = values[finite][values[finite] > 0]
        axis = log_axis([*positive, *([predicted] if predicted else [])]) if log and positive.size else {}
        layout[f"yaxis{i}"] = {"domain": [low, high], "anchor": f"x{i}", **axis}
        layout["annotations"].append(_title(t(key, lang), 0.79, high + 0.003, 0.42))
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


def earlystop_figure(match: EarlyStopMatch, loss: EllipticLoss, alpha: float, step: int, lang: str) -> dict:
    """Left: the loss's contours, the path of L2 optima Ŵ(α) from W* to 0, the descent from 0, and
    at the step the slider picks its point, the nearest Ŵ(α) and the segment between (Play runs
    the steps). Right: that nearest α and the gap against the step. The chosen α's Ŵ(α) is ringed,
    and the still chart shows `step`, the stopped descent nearest it (a frame of its own)."""
    weights = match.weights[: match.finite_steps]
    alphas_path = np.concatenate([[0.0], np.logspace(-4, 4, 300)])
    path = np.vstack([ridge_point(loss, alphas_path), np.zeros((1, 2))])
    chosen = ridge_point(loss, alpha)
    extent = np.vstack([weights, path, loss.w_star[None]])
    low, high = extent.min(axis=0), extent.max(axis=0)
    pad = 0.15 * max(float(np.max(high - low)), 1.0)
    low, high = low - pad, high + pad
    levels = float(loss.value(np.zeros(2))) * np.array([0.02, 0.1, 0.25, 0.5, 1.0, 1.6])
    contours = np.vstack([np.vstack([loss.level_curve(v, 91), [[np.nan, np.nan]]]) for v in levels])
    frames_at = sorted({*(int(k) for k in round_steps(len(weights), FRAMES)), step})
    steps = np.arange(len(weights))

    def moving(k: int) -> list[dict]:
        here, there = weights[k], match.ridge[k]
        return [
            {"x": [float(here[0]), float(there[0])], "y": [float(here[1]), float(there[1])]},
            {"x": [float(here[0])], "y": [float(here[1])]},
            {"x": [float(there[0])], "y": [float(there[1])]},
            {"x": [k, k]},
        ]

    now = moving(step)
    finite_alpha = np.isfinite(match.alphas) & (match.alphas > 0)
    gaps = np.maximum(match.gaps, 1e-16)
    data: list[dict] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": typed(contours[:, 0], gaps=True),
            "y": typed(contours[:, 1], gaps=True),
            "line": {"color": COLORS["contour"], "width": 1},
            "opacity": 0.5,
            "name": "",
            "showlegend": False,
            "hoverinfo": "skip",
        },
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
        {
            "type": "scatter",
            "mode": "markers",
            "x": [float(chosen[0])],
            "y": [float(chosen[1])],
            "name": t("beyond.es.chosen_marker", lang, alpha=f"{alpha:g}"),
            "marker": {"symbol": "circle-open", "color": COLORS["optimum"], "size": 16, "line": {"width": 3}},
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": [float(loss.w_star[0])],
            "y": [float(loss.w_star[1])],
            "name": "W*",
            "marker": {"symbol": "x", "color": INK, "size": 11},
            "hoverinfo": "skip",
        },
        {
            **now[0],
            "type": "scatter",
            "mode": "lines",
            "line": {"color": INK, "width": 2},
            "showlegend": False,
            "hoverinfo": "skip",
        },
        {
            **now[1],
            "type": "scatter",
            "mode": "markers",
            "showlegend": False,
            "hoverinfo": "skip",
            "marker": {"color": COLORS["path"], "size": 13, "line": {"color": INK, "width": 1}},
        },
        {
            **now[2],
            "type": "scatter",
            "mode": "markers",
            "showlegend": False,
            "hoverinfo": "skip",
            "marker": {
                "color": COLORS["optimum"],
                "symbol": "diamond",
                "size": 13,
                "line": {"color": INK, "width": 1},
            },
        },
        {
            "type": "scatter",
            "mode": "lines",
            "x": typed(steps[finite_alpha]),
            "y": typed(match.alphas[finite_alpha]),
            "xaxis": "x2",
            "yaxis": "y2",
            "showlegend": False,
            "line": {"color": COLORS["optimum"], "width": 2.5},
            "name": "",
            "hovertemplate": t("ui.step", lang) + " %{x}: α ≈ %{y:.3g}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "x": typed(steps[1:]),  # at step 0 both are at 0: no gap to draw on a log axis
            "y": typed(gaps[1:]),
            "xaxis": "x3",
            "yaxis": "y3",
            "showlegend": False,
            "line": {"color": OKABE_ITO["reddish_purple"], "width": 2.5},
            "name": "",
            "hovertemplate": t("ui.step", lang) + " %{x}: %{y:.2g}<extra></extra>",
        },
        {
            **now[3],
            "type": "scatter",
            "mode": "lines",
            "y": [0, 1],
            "xaxis": "x2",
            "yaxis": "y4",
            "line": {"color": GREY, "width": 1.5, "dash": "dot"},
            "showlegend": False,
            "hoverinfo": "skip",
        },
    ]
    alpha_values = match.alphas[finite_alpha]
    layout: dict = {
        "height": 620,
        "margin": {"l": 55, "r": 10, "t": 40, "b": 110},
        "hovermode": "closest",
        "legend": {  # the plane's upper left, away from the path from 0 to W*
            "x": 0.0,
            "y": 0.94,
            "xanchor": "left",
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.85)",
        },
        "xaxis": {
            "domain": [0.0, 0.46],
            "range": [low[0], high[0]],
            "title": {"text": "w₁"},
            "zeroline": False,
        },
        "yaxis": {
            "domain": [0.0, 0.94],
            "range": [low[1], high[1]],
            "scaleanchor": "x",
            "title": {"text": "w₂"},
            "zeroline": False,
        },
        "xaxis2": {
            "domain": [0.66, 1.0],
            "anchor": "y2",
            "showticklabels": False,
            "range": [0, max(len(weights) - 1, 1)],
        },
        "yaxis2": {
            "domain": [0.55, 0.94],
            "anchor": "x2",
            **(_few_ticks(log_axis(alpha_values)) if alpha_values.size else {"type": "log"}),
        },
        "xaxis3": {
            "domain": [0.66, 1.0],
            "anchor": "y3",
            "matches": "x2",
            "title": {"text": t("ui.step", lang)},
        },
        "yaxis3": {
            "domain": [0.0, 0.39],
            "anchor": "x3",
            "type": "log",
            "exponentformat": "power",
            "range": _gap_range(gaps[1:], float(np.linalg.norm(loss.w_star))),
        },
        "yaxis4": {
            "domain": [0.0, 0.94],
            "anchor": "x2",
            "overlaying": "y2",
            "range": [0, 1],
            "visible": False,
        },
        "annotations": [
            _title(t("beyond.es.plane", lang), 0.23, 0.95, 0.46),
            _title(t("beyond.es.panel.alpha", lang), 0.83, 0.95, 0.34),
            _title(t("beyond.es.panel.gap", lang), 0.83, 0.40, 0.34),
        ],
        **animation_controls(frames_at, lang, FRAME_MS, from_current=False, y=0.0, below_px=CONTROLS_PX),
    }
    layout["sliders"][0]["active"] = frames_at.index(step)
    moving_traces = [5, 6, 7, 10]
    frames = [{"name": str(k), "traces": moving_traces, "data": moving(k)} for k in frames_at]
    return {"data": data, "layout": layout, "frames": frames}

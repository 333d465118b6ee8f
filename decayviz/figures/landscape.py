"""The landscape page's two charts: the loss landscape with the animated descent, and the
chapter's two loss terms over the steps."""

from __future__ import annotations

import numpy as np

from decayviz.figures import COLORS, animation_controls, decimate, typed
from decayviz.i18n import t
from decayviz.scene import LandscapeScene
from decayviz.solve import ball_boundary

FRAMES = 60  # enough for a smooth 3 s animation; each frame carries only the moving head
TAIL_FRAMES = 4  # the comet tail spans the last few frames
PATH_POINTS = 300  # a drawn path never needs more points than this
CONTOUR_LEVELS = 14
FRAME_MS = 50


def view_halfwidth(scene: LandscapeScene) -> float:
    """Half the side of the square view: W*, W0 and the origin fit with a margin."""
    extent = max(1.0, *np.abs(scene.loss.w_star), *np.abs(scene.w0))
    return float(np.ceil(extent * 1.25 * 2) / 2)


def _xy(points: np.ndarray) -> dict:
    return {"x": typed(points[:, 0]), "y": typed(points[:, 1])}


def _line(points, name, color, width=2.0, dash="solid", opacity=1.0, **extra) -> dict:
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        **_xy(points),
        "opacity": opacity,
        "line": {"color": color, "width": width, "dash": dash},
        "hoverinfo": "skip",
        **extra,
    }


def _marker(point, name, symbol, color, size=13, text=None, position="top right") -> dict:
    point = np.asarray(point, dtype=float).reshape(1, 2)
    return {
        "type": "scatter",
        "mode": "markers+text" if text else "markers",
        "name": name,
        **_xy(point),
        "marker": {
            "symbol": symbol,
            "color": color,
            "size": size,
            "line": {"color": "#1a1a1a", "width": 1.2},
        },
        "showlegend": False,
        "text": [text] if text else None,
        "textposition": position,
        "textfont": {"size": 15},
        "hovertemplate": f"{name}<br>(%{{x:.4f}}, %{{y:.4f}})<extra></extra>",
    }


def _contour_bands(scene: LandscapeScene, half: float) -> list[dict]:
    """Filled contours of L as nested exact ellipses, darkest at W*, fading outwards.

    Drawn as filled scatter traces rather than a contour trace, because plotly.js drops
    contour and heatmap traces once a redraw-free animation starts (plotly.js #4491).
    """
    corners = np.array([[-half, -half], [-half, half], [half, -half], [half, half]])
    top = float(np.sqrt(2.0 * scene.loss.value(corners).max()))  # the outermost band covers the view
    bands = []
    for k in range(CONTOUR_LEVELS, 0, -1):
        distance = top * k / CONTOUR_LEVELS
        shade = (1.0 - k / CONTOUR_LEVELS) ** 1.6  # 0 at the outermost band, → 1 near W*
        color = tuple(round(255 + (c - 255) * (0.06 + 0.8 * shade)) for c in (33, 102, 172))
        bands.append(
            {
                **_line(
                    scene.loss.level_curve(0.5 * distance**2, 121), "L", "rgba(255,255,255,0.7)", width=0.6
                ),
                "fill": "toself",
                "fillcolor": "rgb({},{},{})".format(*color),
                "showlegend": False,
            }
        )
    return bands


def _tail(weights: np.ndarray, shown: np.ndarray, k: int) -> np.ndarray:
    """The comet tail behind frame k: the path over the last TAIL_FRAMES frames, ≤ 24 points."""
    start, step = shown[max(0, k - TAIL_FRAMES)], shown[k]
    return weights[start : step + 1][decimate(step + 1 - start, 24)]


def _frames(weights: np.ndarray, tail_index: int) -> tuple[list[dict], list[int]]:
    """Frames that move the head and its short tail (traces tail_index and tail_index + 1);
    never the whole path so far."""
    shown = decimate(len(weights), FRAMES)
    frames = [
        {
            "name": str(int(step)),
            "traces": [tail_index, tail_index + 1],
            "data": [
                {"type": "scatter", **_xy(_tail(weights, shown, k))},
                {"type": "scatter", **_xy(weights[step : step + 1])},
            ],
        }
        for k, step in enumerate(shown)
    ]
    return frames, [int(s) for s in shown]


def landscape_figure(scene: LandscapeScene, lang: str) -> dict:
    """The seed's key figure: contours of L around W*, the descent from W0, the penalty's ball
    through Ŵ(α) touching the loss contour there, the path Ŵ(α), and (for AdamW) its ℓ∞ box."""
    half = view_halfwidth(scene)
    traj = scene.trajectory
    weights = traj.weights[: traj.finite_steps]
    pen = scene.penalty.kind

    data = _contour_bands(scene, half)
    if scene.penalty.alpha > 0:
        data.append(
            _line(
                scene.ghost.weights[: scene.ghost.finite_steps][
                    decimate(scene.ghost.finite_steps, PATH_POINTS)
                ],
                t("landscape.trace.ghost", lang),
                COLORS["ghost"],
                width=2,
                dash="dot",
                opacity=0.8,
            )
        )
    if scene.companion is not None:
        comp = scene.companion.weights[: scene.companion.finite_steps]
        data.append(
            _line(
                comp[decimate(len(comp), PATH_POINTS)],
                t(
                    "landscape.trace.companion",
                    lang,
                    optimizer=t(f"choice.opt.{scene.companion_optimizer}", lang),
                ),
                COLORS["companion"],
                width=2,
                dash="dash",
                opacity=0.9,
            )
        )
    data.append(
        _line(
            weights[decimate(len(weights), PATH_POINTS)],
            t("landscape.trace.path", lang),
            COLORS["path"],
            width=2.5,
            opacity=0.55,
        )
    )
    if pen != "none":
        level = scene.loss.level_curve(scene.data_cost)
        data.append(_line(level, t("landscape.trace.level", lang), COLORS["contour"], width=2, dash="dash"))
        if scene.radius > 0:
            ball = ball_boundary(scene.penalty, scene.radius)
            data.append(
                _line(
                    ball,
                    t(f"landscape.trace.ball.{pen}", lang, t=f"{scene.radius:.3g}"),
                    COLORS["constraint"],
                    width=2.5,
                    fill="toself",
                    fillcolor="rgba(178,24,43,0.08)",
                )
            )
        data.append(
            _line(scene.path, t("landscape.trace.regpath", lang), COLORS["constraint"], width=1.5, dash="dot")
        )
    if scene.box_halfwidth is not None and np.isfinite(scene.box_halfwidth):
        c = scene.box_halfwidth
        box = np.array([[-c, -c], [c, -c], [c, c], [-c, c], [-c, -c]])
        data.append(
            _line(
                box, t("landscape.trace.box", lang, c=f"{c:.3g}"), COLORS["box"], width=2.5, dash="longdash"
            )
        )
    data.append(_marker(scene.w0, "W0", "circle", "#ffffff", size=12, text="W₀", position="top left"))
    data.append(_marker(scene.loss.w_star, "W*", "star", "#1a1a1a", size=17, text="W*"))
    if pen != "none":
        data.append(
            _marker(
                scene.optimum,
                t("landscape.trace.optimum", lang),
                "diamond",
                COLORS["optimum"],
                size=13,
                text="Ŵ(α)",
                position="bottom right",
            )
        )

    # Last, so they are drawn on top: the animated tail and head, starting at the end of the
    # descent so that a still page shows the result.
    frames, steps = _frames(weights, tail_index=len(data))
    shown = np.array(steps)
    data.append(
        _line(
            _tail(weights, shown, len(shown) - 1),
            t("landscape.trace.now", lang),
            COLORS["path"],
            width=4,
            showlegend=False,
        )
    )
    data.append(
        {
            **_marker(weights[-1], t("landscape.trace.now", lang), "circle", COLORS["path"], size=15),
            "showlegend": False,
        }
    )

    axis = {
        "range": [-half, half],
        "layer": "above traces",
        "zeroline": True,
        "zerolinecolor": "#444",
        "zerolinewidth": 1.5,
        "showgrid": False,
        "constrain": "domain",
    }
    layout = {
        "xaxis": {**axis, "title": {"text": "w₁"}},
        "yaxis": {**axis, "title": {"text": "w₂"}, "scaleanchor": "x", "scaleratio": 1},
        "height": 700,
        "margin": {"l": 50, "r": 10, "t": 30, "b": 130},
        "legend": {"orientation": "v", "x": 1.02, "y": 1.0, "xanchor": "left", "font": {"size": 14}},
        "uirevision": "landscape",
        "hovermode": "closest",
        **animation_controls(steps, lang, FRAME_MS, from_current=True, y=-0.06),
    }
    return {"data": data, "layout": layout, "frames": frames}


def loss_terms_figure(scene: LandscapeScene, lang: str) -> dict:
    """Term (1) L(W), term (2) the penalty, and their sum over the steps, with dotted lines at
    their values at Ŵ(α): lowering (1) raises (2), and the sum settles where the two balance."""
    traj = scene.trajectory
    n = traj.finite_steps
    keep = decimate(n, PATH_POINTS)
    steps = keep.astype(float)
    data = []
    at_optimum = {
        "data_loss": scene.data_cost,
        "penalty": float(scene.penalty.value(scene.optimum)),
        "total": scene.data_cost + float(scene.penalty.value(scene.optimum)),
    }
    series = (("data_loss", traj.data_loss), ("penalty", traj.penalty_value), ("total", traj.total))
    for key, values in series:
        if key != "data_loss" and scene.penalty.alpha == 0:
            continue
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": t(f"landscape.term.{key}", lang),
                "x": typed(steps),
                "y": typed(values[keep]),
                "line": {"color": COLORS[key], "width": 3 if key == "total" else 2.2},
                "hovertemplate": "%{y:.4g}<extra>" + t(f"landscape.term.{key}", lang) + "</extra>",
            }
        )
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "showlegend": False,
                "hoverinfo": "skip",
                "x": typed(np.array([0.0, max(n - 1, 1)])),
                "y": typed(np.full(2, at_optimum[key])),
                "line": {"color": COLORS[key], "width": 1, "dash": "dot"},
            }
        )
    diverged = traj.diverged_at is not None
    layout = {
        "height": 340,
        "margin": {"l": 50, "r": 10, "t": 30, "b": 40},
        "xaxis": {"title": {"text": t("landscape.step", lang)}},
        "yaxis": {
            "title": {"text": t("landscape.loss", lang)},
            "type": "log" if diverged else "linear",
            "rangemode": "tozero",
        },
        "legend": {"orientation": "h", "y": 1.12, "x": 0},
        "hovermode": "x unified",
    }
    return {"data": data, "layout": layout}

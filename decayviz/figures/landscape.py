"""The landscape page's two charts: the loss landscape with the animated descent and an α
slider, and the chapter's two loss terms over the steps with their trade-off over α."""

from __future__ import annotations

import numpy as np

from decayviz.figures import (
    COLORS,
    Panel,
    animation_controls,
    axis_suffix,
    decimate,
    round_steps,
    typed,
    with_roles,
    wrap,
)
from decayviz.figures.palette import CONSTRAINT_FILL, CONTOUR_RGB, DASH
from decayviz.i18n import t
from decayviz.penalties import make_penalty
from decayviz.scene import PATH_ALPHAS, LandscapeScene
from decayviz.solve import ball_boundary, constraint_radius, regularized_optimum
from decayviz.state import FIELD

FRAMES = 61  # at most: 60 strides of a round number of steps, a smooth 3 s; each carries only the head
TAIL_FRAMES = 4  # the comet tail spans the last few frames
PATH_POINTS = 300  # a drawn path never needs more points than this
CONTOUR_LEVELS = 14
FRAME_MS = 50
ALPHAS = tuple(a for a in FIELD["alpha"].options if a > 0)  # the α slider's stops: the page's grid
CONTROLS_PX = 44  # from the plot's bottom edge to the Play row: room for the w₁ ticks and title
# from the Play row to the α slider: room for the step slider's numbers, then the α slider's
# value (its longest says the descent is still the page's run) clear of them
ALPHA_ROW_PX = 82
INSET = 0.42  # the zoomed inset's side, as a fraction of the plot's height
INSET_GAP = 0.03  # between the inset and the plot's edges, as a fraction of the chart's plot area
INSET_BELOW = 0.3  # an inset appears when the ball's extent is under this fraction of the view
STEP_GROUP, ALPHA_GROUP = "steps", "alpha"  # the frames of Play and the step slider, of the α slider
LABEL_FONT = {"size": 17, "color": "#111111", "shadow": "auto"}  # a halo keeps it readable on blue


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
        "textfont": LABEL_FONT,
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
        color = tuple(round(255 + (c - 255) * (0.06 + 0.8 * shade)) for c in CONTOUR_RGB)
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


HEAD_ROLES = ("tail", "head", "inset_head")  # the traces the step frames move, in this order


def _frames(weights: np.ndarray, shown: np.ndarray, roles: dict[str, int]) -> list[dict]:
    """Frames that move the head's short tail, the head and, with an inset, the head there too
    (HEAD_ROLES); never the whole path so far.

    The inset's head is needed as well as wanted: plotly.js clears a subplot that none of a
    redraw-free frame's traces belong to, so without it Play would empty the inset."""
    traces = [roles[role] for role in HEAD_ROLES if role in roles]
    return [
        {
            "name": str(int(step)),
            "traces": traces,
            "data": [
                {"type": "scatter", **_xy(_tail(weights, shown, k))},
                *[{"type": "scatter", **_xy(weights[step : step + 1])}] * (len(traces) - 1),
            ],
            "group": STEP_GROUP,
        }
        for k, step in enumerate(shown)
    ]


def _ball_at(scene: LandscapeScene, alpha: float) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """For the scene's loss and penalty kind at another α: the exact optimum Ŵ(α), the ball's
    radius t through it, the ball's boundary and the loss contour through Ŵ(α)."""
    penalty = make_penalty(scene.penalty.kind, alpha, scene.penalty.l1_ratio)
    optimum = regularized_optimum(scene.loss, penalty)
    radius = constraint_radius(penalty, optimum)
    ball = ball_boundary(penalty, radius, 121)
    return optimum, radius, ball, scene.loss.level_curve(float(scene.loss.value(optimum)), 121)


def _inset_window(scene: LandscapeScene, half: float) -> tuple[float, tuple[int, int]] | None:
    """(half-width of the zoomed window around the origin, corner (sx, sy) of the plot it
    sits in), when the penalty's ball is too small to see at the scale of the view; else None."""
    if scene.penalty.kind == "none" or scene.radius <= 0:
        return None
    extent = float(np.abs(ball_boundary(scene.penalty, scene.radius, 121)).max())
    if extent >= INSET_BELOW * half:
        return None
    # the corner farthest from the points the eye follows: W0, W* and the origin's path
    marks = np.array([scene.w0, scene.loss.w_star, scene.optimum])
    corners = [(sx, sy) for sx in (1, -1) for sy in (-1, 1)]
    corner = max(corners, key=lambda c: np.linalg.norm(marks - 0.7 * half * np.array(c), axis=1).min())
    return 1.25 * extent, corner


def _paths(scene: LandscapeScene, path_points: np.ndarray, lang: str) -> list[dict]:
    """The descent without the penalty (its ghost, when there is a penalty), the companion rule's
    descent (where the comparison says something) and the descent's own path, faint under its
    moving head."""
    data = []
    if scene.penalty.alpha > 0:
        ghost = scene.ghost.weights[: scene.ghost.finite_steps]
        ghost = ghost[decimate(scene.ghost.finite_steps, PATH_POINTS)]
        name = t("landscape.trace.ghost", lang)
        data.append(_line(ghost, name, COLORS["ghost"], width=2, dash="dot", opacity=0.8))
    if scene.companion is not None:
        comp = scene.companion.weights[: scene.companion.finite_steps]
        # the rule's name without its explanation in brackets: the legend is one line
        rule = t(f"choice.opt.{scene.companion_optimizer}", lang).split(" (")[0]
        name = t("landscape.trace.companion", lang, optimizer=rule)
        comp = comp[decimate(len(comp), PATH_POINTS)]
        data.append(_line(comp, name, COLORS["companion"], width=2, dash="dash", opacity=0.9))
    data.append(_line(path_points, t("landscape.trace.path", lang), COLORS["path"], width=2.5, opacity=0.55))
    return data


def _constraint_traces(scene: LandscapeScene, lang: str) -> list:
    """As (role, trace): the loss contour through Ŵ(α) ("level") and the penalty's ball through
    it ("ball"), which the α frames move, the path Ŵ(α); and AdamW's ℓ∞ box."""
    pen = scene.penalty.kind
    pieces: list = []
    if pen != "none":
        level = scene.loss.level_curve(scene.data_cost)
        ball = ball_boundary(scene.penalty, scene.radius)
        fill = CONSTRAINT_FILL.format(opacity=0.08)
        level_name, path_name = t("landscape.trace.level", lang), t("landscape.trace.regpath", lang)
        ball_name = t(f"landscape.trace.ball.{pen}", lang)
        pieces += [
            ("level", _line(level, level_name, COLORS["contour"], width=2, dash="dash")),
            ("ball", _line(ball, ball_name, COLORS["constraint"], width=2.5, fill="toself", fillcolor=fill)),
            (None, _line(scene.path, path_name, COLORS["constraint"], width=1.5, dash="dot")),
        ]
    if scene.box_halfwidth is not None and np.isfinite(scene.box_halfwidth):
        c = scene.box_halfwidth
        box = np.array([[-c, -c], [c, -c], [c, c], [-c, c], [-c, -c]])
        name = t("landscape.trace.box", lang, c=f"{c:.3g}")
        pieces.append((None, _line(box, name, COLORS["box"], width=2.5, dash="longdash")))
    return pieces


def _landmarks(scene: LandscapeScene, lang: str) -> list:
    """As (role, trace): W₀, W* and, with a penalty, Ŵ(α) ("optimum", moved by the α frames)."""
    pieces: list = [
        (None, _marker(scene.w0, "W0", "circle", "#ffffff", size=12, text="W₀", position="top left")),
        (None, _marker(scene.loss.w_star, "W*", "star", "#1a1a1a", size=17, text="W*")),
    ]
    if scene.penalty.kind != "none":
        pieces.append(("optimum", _optimum_marker(scene.optimum, lang, text="Ŵ(α)")))
    return pieces


def _inset_traces(scene: LandscapeScene, path_points: np.ndarray, inset: Panel, lang: str) -> list:
    """As (role, trace), on the zoomed inset: the path, the path Ŵ(α), and the contour, ball and
    Ŵ(α) the α frames move there too (roles "inset_level", "inset_ball", "inset_optimum")."""
    on = {**inset.on, "showlegend": False}
    level = scene.loss.level_curve(scene.data_cost)
    ball = ball_boundary(scene.penalty, scene.radius)
    fill = {"fill": "toself", "fillcolor": CONSTRAINT_FILL.format(opacity=0.15)}
    return [
        (None, {**_line(path_points, "", COLORS["path"], width=2.5, opacity=0.8), **on}),
        (None, {**_line(scene.path, "", COLORS["constraint"], width=1.5, dash="dot"), **on}),
        ("inset_level", {**_line(level, "", COLORS["contour"], dash="dash"), **on}),
        ("inset_ball", {**_line(ball, "", COLORS["constraint"], width=3, **fill), **on}),
        ("inset_optimum", {**_optimum_marker(scene.optimum, lang), **on}),
    ]


def _head_traces(weights: np.ndarray, shown: np.ndarray, inset: Panel | None, lang: str) -> list:
    """As (role, trace): the descent's comet tail and head, and its head on the inset (HEAD_ROLES),
    at the end of the descent so that a still page shows the result."""
    now = t("landscape.trace.now", lang)
    tail = _line(_tail(weights, shown, len(shown) - 1), now, COLORS["path"], width=4, showlegend=False)
    head = _marker(weights[-1], now, "circle", COLORS["path"], size=12)
    pieces: list = [("tail", tail), ("head", {**head, "showlegend": False, "opacity": 0.85})]
    if inset is not None:  # an open ring: the corner it reaches stays visible
        ring = _marker(weights[-1], now, "circle-open", COLORS["path"], size=10)
        ring["marker"] = {**ring["marker"], "line": {"width": 2.5}}
        pieces.append(("inset_head", {**ring, **inset.on}))
    return pieces


def _landscape_layout(half: float, alpha_row: bool) -> dict:
    """The square plot of the view [-half, half]², its legend above it, and room under it for the
    step controls (and the α slider's row)."""
    axis = {
        "range": [-half, half],
        "layer": "above traces",
        "zeroline": True,
        "zerolinecolor": "#444",
        "zerolinewidth": 1.5,
        "showgrid": False,
        # the plot shrinks to a square; its range never changes (a "range" constraint would
        # widen it at every resize, and Streamlit resizes a stretched chart as it lays it out)
        "constrain": "domain",
    }
    return {
        "xaxis": {**axis, "title": {"text": "w₁", "standoff": 2}},
        "yaxis": {**axis, "title": {"text": "w₂", "standoff": 2}, "scaleanchor": "x", "scaleratio": 1},
        "height": 700,  # for the exported HTML; on the page the chart fills its box (decayviz.ui.style)
        "margin": {"l": 44, "r": 8, "t": 8, "b": CONTROLS_PX + (ALPHA_ROW_PX if alpha_row else 0) + 62},
        # above the plot and across it: beside it, a legend leaves a phone a thumbnail-sized plot.
        # Placed by the chart's top, not the plot's: after a window widens, plotly.js keeps a
        # plot-placed legend where the narrower chart had it, over the top tick's number
        # (plotly.js issue 6492); the plot starts under the legend all the same (automargin)
        "legend": {
            "orientation": "h",
            "x": 0.0,
            "yref": "container",
            "y": 1.0,
            "yanchor": "top",
            "font": {"size": 13},
        },
        "plot_bgcolor": "#ffffff",
        "modebar": {"orientation": "v"},  # beside the plot, off the legend above it
        "uirevision": "landscape",
        "hovermode": "closest",
    }


def landscape_figure(scene: LandscapeScene, lang: str) -> dict:
    """The seed's key figure: contours of L around W*, the descent from W0, the penalty's ball
    through Ŵ(α) touching the loss contour there, the path Ŵ(α), and (for AdamW) its ℓ∞ box.

    Under the plot: Play and the step slider (the descent's frames), and an α slider whose
    frames move the ball, the contour through Ŵ(α) and Ŵ(α) itself over the page's α grid, in
    the browser. A ball too small to see gets a zoomed inset. The chart's height comes from the
    page (CSS), so everything under the plot is placed in pixels from its bottom edge."""
    half = view_halfwidth(scene)
    weights = scene.trajectory.weights[: scene.trajectory.finite_steps]
    path_points = weights[decimate(len(weights), PATH_POINTS)]
    shown = round_steps(len(weights), FRAMES)  # the step slider's stops: 0, 5, 10, …
    window = _inset_window(scene, half)
    inset = _inset_panel(window[1]) if window is not None else None
    data, roles = with_roles(
        [
            *((None, band) for band in _contour_bands(scene, half)),
            *((None, path) for path in _paths(scene, path_points, lang)),
            *_constraint_traces(scene, lang),
            *_landmarks(scene, lang),
            *(_inset_traces(scene, path_points, inset, lang) if inset is not None else []),
            *_head_traces(weights, shown, inset, lang),  # last: drawn on top
        ]
    )
    steps = [int(s) for s in shown]
    controls = animation_controls(
        steps, lang, FRAME_MS, from_current=True, y=0.0, below_px=CONTROLS_PX, group=STEP_GROUP
    )
    frames = _frames(weights, shown, roles)
    alpha_row = scene.penalty.kind != "none"  # the α slider moves the ball, its contour and Ŵ(α)
    if alpha_row:
        alpha_frames, alpha_slider = _alpha_controls(scene, roles, inset is not None, lang)
        frames += alpha_frames
        controls["sliders"].append(alpha_slider)
    layout = _landscape_layout(half, alpha_row)
    if inset is not None:  # the square plot keeps to the inset's corner: the inset stays on it,
        zoom, (sx, sy) = window  # never over the y axis's numbers beside a centred plot
        layout |= _inset_axes(inset, zoom, half, (sx, sy), lang)
        layout["xaxis"]["constraintoward"] = "right" if sx > 0 else "left"
        layout["yaxis"]["constraintoward"] = "bottom" if sy < 0 else "top"
    return {"data": data, "layout": layout | controls, "frames": frames}


def without_alpha_slider(spec: dict) -> dict:
    """The figure without its α slider and the row it takes under the plot: a revealed tap
    question's chart, which is about the question's α, gives that row to the plot (on a
    projector the plot grows by a third). Its α frames stay, unused."""
    sliders = spec["layout"].get("sliders", [])
    kept = [slider for slider in sliders if slider.get("name") != ALPHA_GROUP]
    if len(kept) == len(sliders):
        return spec
    margin = spec["layout"]["margin"]
    layout = {**spec["layout"], "sliders": kept, "margin": {**margin, "b": margin["b"] - ALPHA_ROW_PX}}
    return {**spec, "layout": layout}


def _optimum_marker(point, lang: str, text: str | None = None) -> dict:
    """Ŵ(α) as an open ring: the corner or the point of the ball it marks stays visible."""
    ring = {"symbol": "circle-open", "color": COLORS["optimum"], "size": 16, "line": {"width": 3}}
    name = t("landscape.trace.optimum", lang)
    return {
        **_marker(point, name, "circle-open", COLORS["optimum"], text=text, position="bottom right"),
        "marker": ring,
    }


def _inset_panel(corner: tuple[int, int]) -> Panel:
    """The zoomed inset: a square in the plot's `corner` (sx, sy), INSET of its side, off its
    edges (plotly draws an axis line 8 px out, by the numbers)."""
    sx, sy = corner
    inner = INSET_GAP
    x_domain = [1.0 - INSET - inner, 1.0 - inner] if sx > 0 else [inner, INSET + inner]
    y_domain = [inner, INSET + inner] if sy < 0 else [1.0 - INSET - inner, 1.0 - inner]
    return Panel(axis_suffix(2), x_domain, y_domain)


def _inset_axes(inset: Panel, zoom: float, half: float, corner: tuple[int, int], lang: str) -> dict:
    """A square zoomed view of [-zoom, zoom]² around the origin, in a corner of the plot."""
    sx, sy = corner
    axis = {
        "range": [-zoom, zoom],
        "zeroline": True,
        "zerolinecolor": "#444",
        "zerolinewidth": 1.5,
        "showgrid": False,
        "showline": True,
        "mirror": True,
        "linecolor": "#444",
        "linewidth": 1.5,
        "showticklabels": False,  # they would fall on the main plot's
        "constrain": "domain",
        "fixedrange": True,
    }
    axes = inset.axes(
        x={**axis, "constraintoward": "right" if sx > 0 else "left"},
        y={**axis, "scaleanchor": inset.on["xaxis"], "constraintoward": "bottom" if sy < 0 else "top"},
    )
    note = {  # inside the inset's top-left corner, where nothing else is written
        "text": t("landscape.inset", lang, zoom=f"{half / zoom:.0f}"),
        "xref": f"{inset.on['xaxis']} domain",
        "yref": f"{inset.on['yaxis']} domain",
        "x": 0.02,
        "y": 0.98,
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
        "font": {"size": 12, "color": "#333"},
        "bgcolor": "rgba(255,255,255,0.85)",
    }
    return {**axes, "annotations": [note]}


def _alpha_controls(
    scene: LandscapeScene, roles: dict[str, int], inset: bool, lang: str
) -> tuple[list[dict], dict]:
    """Frames that move the ball, the contour through Ŵ(α) and Ŵ(α) over the α grid (all
    computed exactly here, so scrubbing needs no server), and the slider that picks them.
    The descent stays the one run at the page's α, and away from it the slider says so."""
    frames, stops = [], []
    descent_note = t("landscape.alpha_scrub_note", lang, alpha=f"{scene.penalty.alpha:g}")
    for alpha in ALPHAS:
        optimum, radius, ball, level = _ball_at(scene, alpha)
        moved = {"level": level, "ball": ball, "optimum": optimum.reshape(1, 2)}
        if inset:
            moved |= {"inset_level": level, "inset_ball": ball, "inset_optimum": optimum.reshape(1, 2)}
        name = f"α={alpha:g}"
        frames.append(
            {
                "name": name,
                "group": ALPHA_GROUP,
                "traces": [roles[role] for role in moved],
                "data": [{"type": "scatter", **_xy(points)} for points in moved.values()],
            }
        )
        stops.append(
            {
                "label": f"{alpha:g} · t = {radius:.3g}"
                + ("" if alpha == scene.penalty.alpha else f" · {descent_note}"),
                "method": "animate",
                "args": [[name], {"frame": {"duration": 0, "redraw": False}, "transition": {"duration": 0},
                                  "mode": "immediate"}],
            }
        )  # fmt: skip
    slider = {
        "name": ALPHA_GROUP,  # found by name (without_alpha_slider)
        "active": ALPHAS.index(scene.penalty.alpha),
        "x": 0.0,
        "len": 1.0,
        "y": 0.0,
        "yanchor": "top",
        "pad": {"t": CONTROLS_PX + ALPHA_ROW_PX, "l": 4, "r": 4},
        "font": {"color": "rgba(0,0,0,0)", "size": 8},  # 18 stops: tick labels would collide
        "currentvalue": {"prefix": "α = ", "font": {"size": 15, "color": COLORS["constraint_text"]}},
        "bordercolor": COLORS["constraint"],
        "transition": {"duration": 0},
        "steps": stops,
    }
    return frames, slider


def _at_optimum(scene: LandscapeScene) -> dict[str, float]:
    """Each term's value at the exact optimum Ŵ(α): where the descent's terms settle."""
    penalty = float(scene.penalty.value(scene.optimum))
    return {"data_loss": scene.data_cost, "penalty": penalty, "total": scene.data_cost + penalty}


def _term_traces(scene: LandscapeScene, lang: str) -> list[dict]:
    """Each term over the steps (the data loss alone without a penalty), and a dotted line at its
    value at Ŵ(α) where the log axis can show it."""
    traj = scene.trajectory
    n = traj.finite_steps
    keep = decimate(n, PATH_POINTS)
    at_optimum = _at_optimum(scene)
    series = (("data_loss", traj.data_loss), ("penalty", traj.penalty_value), ("total", traj.total))
    floor = LOG_FLOOR * max(float(np.max(traj.total[:n])), LOG_FLOOR)  # log axes cannot show 0
    data = []
    for key, values in series:
        if key != "data_loss" and scene.penalty.alpha == 0:
            continue
        name = t(f"landscape.term.{key}", lang)
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": name,
                "x": typed(keep.astype(float)),
                "y": typed(np.maximum(values[keep], floor)),
                "line": {"color": COLORS[key], "width": 3 if key == "total" else 2.2, "dash": DASH[key]},
                "hovertemplate": "%{y:.4g}<extra>" + name + "</extra>",
            }
        )
        if at_optimum[key] > floor:
            data.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "showlegend": False,
                    "hoverinfo": "skip",
                    "x": typed(np.array([0.0, max(n - 1, 1)])),
                    "y": typed(np.full(2, at_optimum[key])),
                    "line": {"color": COLORS[key], "width": 1.5, "dash": "dot"},
                }
            )
    return data


def _terms_layout(scene: LandscapeScene, tradeoff: bool, lang: str) -> dict:
    """The steps under a log axis of the terms; over the top part of the chart with a trade-off
    under it, else over all of it."""
    total = scene.trajectory.total[: scene.trajectory.finite_steps]
    low = scene.penalty_low_step  # the caption points at the penalty's lowest step: it shows
    lowest = None if low is None else float(scene.trajectory.penalty_value[low])
    log_range = _log_range(total, _at_optimum(scene).values(), lowest)
    return {
        "height": 640 if tradeoff else 340,
        # as wide as the axes' numbers and titles take (Streamlit's theme lets plotly widen the
        # margins to fit them): a margin plotly must widen after drawing the axes costs it a
        # second drawing of the whole chart on every page load
        "margin": {"l": 80, "r": 70, "t": 30, "b": 53},
        "xaxis": {"title": {"text": t("landscape.step", lang), "standoff": 2}, "anchor": "y"},
        "yaxis": {
            "title": {"text": t("landscape.loss", lang)},
            "type": "log",
            "dtick": _decades(log_range),
            "exponentformat": "power",  # 10⁻⁴, not "100μ" (μ is the momentum on this page)
            # the gap holds this chart's step axis and the trade-off's title under it, in the
            # presentation view's larger type too (on a phone, 0.56 let them touch)
            "domain": [0.6, 1.0] if tradeoff else [0.0, 1.0],
            "range": log_range,
        },
        "legend": {"orientation": "h", "y": 1.0, "x": 0, "yanchor": "bottom"},
        "modebar": {"orientation": "v"},  # in the right margin, off the legend's last entries
        "hovermode": "x unified",
    }


def loss_terms_figure(scene: LandscapeScene, lang: str) -> dict:
    """Term (1) L(W), term (2) the penalty, and their sum over the steps, with dotted lines at
    their values at Ŵ(α): lowering (1) raises (2), and the sum settles where the two balance.
    On a log axis, so the settled balance reads as well as the start (~45 times larger).

    Under it, with a penalty, the trade-off over α at the exact optimum (decayviz.solve):
    L(Ŵ(α)) rises and t = ‖Ŵ(α)‖ falls as α grows, the page's α marked."""
    data = _term_traces(scene, lang)
    tradeoff = scene.penalty.kind != "none" and len(scene.path) > 0
    layout = _terms_layout(scene, tradeoff, lang)
    if tradeoff:
        tradeoff_data, tradeoff_layout = _tradeoff(scene, lang)
        data += tradeoff_data
        layout |= tradeoff_layout
    return {"data": data, "layout": layout}


LOG_FLOOR = 1e-9  # relative to the largest value: where a log axis of the two terms stops


def _decades(log_range: list[float]) -> int:
    """Decades between ticks: every decade, or every few when a diverging run spans many (at
    most 6 numbers; a phone's half-chart is about 250 px tall)."""
    return max(1, int(np.ceil((log_range[1] - log_range[0]) / 6)))


def _log_range(total: np.ndarray, settled, lowest: float | None = None) -> list[float]:
    """The terms' log axis (in decades): from a little under the smallest value they settle at
    (a term passing near 0 on its way would otherwise stretch the axis over many decades), and
    under the `lowest` point a caption names (without a penalty, under the run's last value),
    to a little over the largest value of the sum."""
    positive = [v for v in settled if v > 0]
    top = max(float(np.max(total)), *positive, LOG_FLOOR)
    if positive:
        bottom = min(positive) / 30
    else:  # no penalty: the data loss falls toward 0 at W*; the whole run shows, to 12 decades
        bottom = max(float(np.min(total, initial=top, where=total > 0)) / 1.5, top * 1e-12)
    if lowest is not None and lowest > 0:
        bottom = min(bottom, lowest / 1.5)
    return [float(np.log10(bottom)), float(np.log10(top * 1.5))]


def _tradeoff(scene: LandscapeScene, lang: str) -> tuple[list[dict], dict]:
    """Over α at the exact optimum Ŵ(α) (the scene's regularization path, from
    decayviz.solve): the data loss L(Ŵ(α)) on the left axis, the ball's radius t on the right."""
    alphas = PATH_ALPHAS[1:]
    path = scene.path[1:]
    cost = scene.loss.value(path)
    radius = np.array([constraint_radius(scene.penalty, w) for w in path])
    alpha = scene.penalty.alpha
    radius_name = t(f"landscape.readout.radius.{scene.penalty.kind}", lang)
    cost_name = t("landscape.tradeoff.cost", lang)
    # on the lower chart's axis, out of the legend over the terms' chart: each line's axis is
    # titled in its colour
    shared = {"xaxis": "x2", "showlegend": False}
    data = [
        {
            "type": "scatter", "mode": "lines", "name": cost_name, **shared, "yaxis": "y2",
            "x": typed(alphas), "y": typed(cost), "line": {"color": COLORS["data_loss"], "width": 3},
            "hovertemplate": "α = %{x:.3g}: %{y:.4g}<extra></extra>",
        },
        {
            "type": "scatter", "mode": "lines", "name": radius_name, **shared, "yaxis": "y3",
            "x": typed(alphas), "y": typed(radius), "line": {"color": COLORS["penalty"], "width": 3},
            "hovertemplate": "α = %{x:.3g}: %{y:.4g}<extra></extra>",
        },
        {
            "type": "scatter", "mode": "markers", **shared, "yaxis": "y2",
            "x": [alpha], "y": [scene.data_cost], "hoverinfo": "skip",
            "marker": {"color": COLORS["data_loss"], "size": 11, "line": {"color": "#fff", "width": 1.5}},
        },
        {
            "type": "scatter", "mode": "markers", **shared, "yaxis": "y3",
            "x": [alpha], "y": [scene.radius], "hoverinfo": "skip",
            "marker": {"color": COLORS["penalty"], "size": 11, "line": {"color": "#fff", "width": 1.5}},
        },
    ]  # fmt: skip
    bottom = [0.0, 0.34]  # the gap holds the top chart's axis and this chart's two- or three-line title
    layout = {
        "xaxis2": {
            "type": "log", "anchor": "y2", "title": {"text": "α", "standoff": 2}, "exponentformat": "power",
        },
        "yaxis2": {
            "domain": bottom, "anchor": "x2", "rangemode": "tozero",
            "title": {"text": cost_name, "font": {"color": COLORS["data_loss"]}},
        },
        "yaxis3": {
            "domain": bottom, "anchor": "x2", "overlaying": "y2", "side": "right", "rangemode": "tozero",
            "showgrid": False, "title": {"text": radius_name, "font": {"color": COLORS["constraint_text"]}},
            "tickmode": "auto",  # its own round ticks; synced to the left axis's they read 0.439, 0.878
        },
        "shapes": [
            {"type": "line", "xref": "x2", "yref": "y2 domain", "x0": alpha, "x1": alpha, "y0": 0, "y1": 1,
             "line": {"color": "#555", "width": 1, "dash": "dot"}},
        ],
        "annotations": [
            {"text": "<br>".join(wrap(t("landscape.tradeoff.title", lang, alpha=f"{alpha:g}"), 40)),
             "xref": "paper",
             "yref": "y2 domain", "x": 0, "y": 1.04, "xanchor": "left", "yanchor": "bottom",
             "showarrow": False, "font": {"size": 14}, "align": "left"},
        ],
    }  # fmt: skip
    return data, layout

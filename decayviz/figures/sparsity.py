"""The sparsity page's four charts: regularization paths, sparsity emerging over the iterations
(animated in the browser), the Monte Carlo of random 2-D losses, and a linear layer as a graph.

Arrays in, plotly spec (a plain dict) out, like every builder in decayviz.figures.
"""

from __future__ import annotations

import numpy as np

from decayviz.figures import (
    MODEBAR_PX,
    Panel,
    animation_controls,
    panel_grid,
    panel_title,
    typed,
    with_roles,
    wrap,
)
from decayviz.figures.palette import (
    DASH,
    FEATURE_COLORS,
    INK,
    LIGHT_GREY,
    NEGATIVE,
    OKABE_ITO,
    PENALTY_COLORS,
    POSITIVE,
    RUN_COLORS,
    RUN_SYMBOLS,
)
from decayviz.i18n import t
from decayviz.sparsity import (
    ALMOST_ZERO,
    CHATTER_BAND,
    DESCENT_RUNS,
    PATH_KINDS,
    DescentFrames,
    MonteCarlo,
    weight_histogram,
)

ZERO_COLOR = INK  # exact zeros, wherever they are counted
BUNDLE_COLOR = "rgba(120,120,120,0.35)"  # the many features drawn without a name
FRAME_MS = 80
HISTOGRAM_BINS_PER_SIDE = 20


def _title(text: str, domain: list[float], y: float = 1.0) -> dict:
    """A panel title above a column, as a paper-anchored annotation, wrapped to the column's
    width on a phone (about 42 columns across the whole chart, a Hangul syllable two), so
    titles never overlap or run past the chart's edge."""
    lines = wrap(text, max(12, int(42 * (domain[1] - domain[0]))))
    return panel_title(lines, sum(domain) / 2, y, size=15)


# --- 1. regularization paths ---


def _log_ticks(log_alphas: np.ndarray) -> dict:
    """A tick at every decade, a label at every other one, and none at the axis's ends where
    that leaves two: on a phone a panel is about 90 px wide, and labels at every decade turn
    sideways while an end's label reaches into the next panel's."""
    decades = np.arange(np.ceil(log_alphas[0]), np.floor(log_alphas[-1]) + 1)
    inner = [k for k in decades if log_alphas[0] + 0.5 <= k <= log_alphas[-1] - 0.5]
    labelled = set((inner if len(inner) >= 3 else decades.tolist())[::2])
    labels = [f"{10.0**k:g}" if k in labelled else "" for k in decades]
    return {"tickvals": decades.tolist(), "ticktext": labels}


PATH_HEIGHT = 620  # px, the whole path figure
PATH_COEFFICIENTS_FROM = 0.36  # the coefficient panels' foot; the zeros' panels below it
PATH_ZEROS_TO = 0.27
PATH_PANEL_PX = (1.0 - PATH_COEFFICIENTS_FROM) * (PATH_HEIGHT - 40 - 50)  # its domain × plot area


def _display_step(grey: np.ndarray, tolerance: float) -> int:
    """The largest stride through the α grid at which straight lines between the kept values
    stay within `tolerance` of every grey path (columns of `grey`) at every α of the grid.

    Ridge paths are smooth in log α and need only a fifth of the grid to be drawn to within
    half a pixel, which cuts the figure by half; lasso paths have kinks and usually keep it all.
    """
    n = len(grey)
    for step in (10, 5, 2):
        if (n - 1) % step:
            continue
        kept = grey[::step]
        k, r = np.divmod(np.arange(n - 1), step)
        between = kept[k] + (kept[k + 1] - kept[k]) * (r / step)[:, None]
        if np.max(np.abs(between - grey[:-1]), initial=0.0) <= tolerance:
            return step
    return 1


def _grey_path(path: np.ndarray, x0: float, dx: float) -> tuple[np.ndarray, np.ndarray] | None:
    """A thin grey path's points (its values every `dx` from `x0`), without its runs of exact
    zeros at either end: they lie on the zero line, which draws them (with L1, most of a path is
    such a run). None if it is all zeros."""
    nonzero = np.flatnonzero(path)
    if not len(nonzero):
        return None
    first, stop = max(int(nonzero[0]) - 1, 0), min(int(nonzero[-1]) + 2, len(path))  # one 0 each side
    return x0 + dx * np.arange(first, stop), path[first:stop]


def _bundle(lines: list[tuple[np.ndarray, np.ndarray]]) -> dict:
    """Many grey paths as one trace, a gap (NaN) between one path and the next.

    Plotly draws each trace with its own SVG group, legend and hover bookkeeping: 200 paths as
    200 traces took ~3× as long to draw as the same paths in one (the page's first chart)."""
    gap = np.array([np.nan])
    x = np.concatenate([part for xs, _ in lines for part in (xs, gap)][:-1] or [gap[:0]])
    y = np.concatenate([part for _, ys in lines for part in (ys, gap)][:-1] or [gap[:0]])
    return {"x": typed(x, gaps=True), "y": typed(y, gaps=True)}


def _path_panels() -> list[tuple[Panel, Panel]]:
    """Per kind of PATH_KINDS, its coefficients' panel (axes 1–3, on top) and below it the panel
    of its count of exact zeros (axes 4–6)."""
    coefficients = panel_grid(1, len(PATH_KINDS), bottom=PATH_COEFFICIENTS_FROM)
    zeros = panel_grid(1, len(PATH_KINDS), top=PATH_ZEROS_TO, first=len(PATH_KINDS) + 1)
    return list(zip(coefficients, zeros, strict=True))


def _path_layout(x0: float, dx: float) -> dict:
    """The paths figure's layout before its axes and titles."""
    return {
        "height": PATH_HEIGHT,
        # t: a title wraps to three lines for a phone's panels, and stays under the modebar
        "margin": {"l": 60, "r": 10, "t": 72 + MODEBAR_PX, "b": 50},
        "hovermode": "closest",
        "legend": {  # at the chart's foot: plotly makes room for it under the α axes' titles
            "orientation": "h",
            "x": 0.0,
            "y": 0.0,
            "yref": "container",
            "yanchor": "bottom",
            "font": {"size": 12},
        },
        "annotations": [],
        "shapes": [],
        "showlegend": True,
        # Defaults for every scatter trace: a highlighted path carries only its values.
        "template": {
            "data": {
                "scatter": [
                    {
                        "mode": "lines",
                        "x0": x0,
                        "dx": dx,
                        "line": {"color": BUNDLE_COLOR, "width": 1},
                        "hoverinfo": "skip",
                        "showlegend": False,
                    }
                ]
            }
        },
    }


def _grey_bundle(path: np.ndarray, highlighted: dict[int, int], x0: float, dx: float, bound: float) -> dict:
    """The paths of the features not highlighted, as one trace (_bundle), every `step`-th α of the
    grid where that draws them within half a pixel of the coefficient axis reaching ±`bound`."""
    grey = np.delete(path, list(highlighted), axis=1)
    step = _display_step(grey, tolerance=0.5 * 2 * bound / PATH_PANEL_PX)  # half a pixel
    thinned = path[::step]
    lines = (_grey_path(thinned[:, j], x0, dx * step) for j in range(path.shape[1]) if j not in highlighted)
    return _bundle([line for line in lines if line is not None])


def _highlighted_path(values: np.ndarray, name: str, color: int, in_legend: bool) -> dict:
    """A highlighted feature's path: its values only (the template places them), coloured and named."""
    return {
        "y": typed(values),
        "name": name,
        "legendgroup": name,
        "showlegend": in_legend,
        "line": {"color": FEATURE_COLORS[color % len(FEATURE_COLORS)], "width": 2.2},
        "hoverinfo": "all",
        "hovertemplate": f"{name}: %{{y:.4g}}<extra></extra>",
    }


def _zeros_path(path: np.ndarray, kind: str, x0: float, dx: float, lang: str) -> dict:
    """The count of exact zeros at each α, a step line in the penalty's colour and dash."""
    zeros = (path == 0.0).sum(axis=1)
    return {
        "type": "scatter",
        "mode": "lines",
        "y": typed(zeros.astype(float)),
        "x0": x0,
        "dx": dx,
        "showlegend": False,
        "line": {"color": PENALTY_COLORS[kind], "width": 2.5, "shape": "hv", "dash": DASH[kind]},
        "hovertemplate": t("sparsity.paths.zeros_hover", lang) + "<extra></extra>",
    }


def _path_axes(
    coefficients: Panel, zeros: Panel, first: bool, log_alphas: np.ndarray, bound: float, d: int, lang: str
) -> dict:
    """One kind's two panels' axes. The panels share their y ranges: only the `first` names and
    numbers them; the α axis is labelled under the zeros alone."""
    ticks = _log_ticks(log_alphas)
    shown = {"showticklabels": first}

    def named(key: str) -> dict:
        return {"title": {"text": t(key, lang)}} if first else {}

    coefficient_axes = coefficients.axes(
        x={"showticklabels": False, "range": [log_alphas[0], log_alphas[-1]], **ticks},
        y={"range": [-bound, bound], "zeroline": True, "zerolinecolor": "#444", **shown,
           **named("sparsity.paths.coef_axis")},
    )  # fmt: skip
    zeros_axes = zeros.axes(
        x={"matches": f"x{coefficients.suffix}", "title": {"text": t("sparsity.paths.alpha_axis", lang)},
           **ticks},
        y={"range": [-0.02 * d, d * 1.12], **shown, **named("sparsity.paths.zeros_axis")},
    )  # fmt: skip
    return coefficient_axes | zeros_axes


def path_base(
    alphas: np.ndarray,
    paths: dict[str, np.ndarray],
    names: tuple[str, ...],
    highlight: np.ndarray,
    lang: str,
    l1_ratio: float = 0.5,
    bound: float = 0.0,
) -> dict:
    """Every coefficient against α for L1, L2 and elastic net, and below each the count of exact
    zeros, without the chosen α: the same for every α, so a page builds it once per problem and
    adds the α (with_chosen_alpha) on each rerun. paths: kind -> (len(alphas), d). The
    coefficient axes reach max(|paths|, bound); pass as `bound` the largest |optimum| to mark.

    alphas must be log-spaced: the α axis is linear in log10 α, so a highlighted path needs
    only its y values (x0 and dx place them). Features in `highlight` get a colour, a legend
    entry and a hover label; the rest are thin grey lines, one trace per panel (_bundle), left
    out where they are 0 at every α (the zero line shows them: with L1, most of them).
    """
    log_alphas = np.log10(alphas)
    x0, dx = float(log_alphas[0]), float(log_alphas[1] - log_alphas[0])
    highlighted = {int(j): k for k, j in enumerate(highlight)}
    bound = max(*(float(np.max(np.abs(paths[kind]))) for kind in PATH_KINDS), bound, 1e-9) * 1.05
    data: list[dict] = []
    layout = _path_layout(x0, dx)
    for col, (kind, (top, bottom)) in enumerate(zip(PATH_KINDS, _path_panels(), strict=True)):
        path = paths[kind]
        data.append(_grey_bundle(path, highlighted, x0, dx, bound) | top.on)
        for j, k in sorted(highlighted.items()):
            data.append({**_highlighted_path(path[:, j], names[j], k, in_legend=col == 0), **top.on})
        data.append({**_zeros_path(path, kind, x0, dx, lang), **bottom.on})
        layout |= _path_axes(top, bottom, col == 0, log_alphas, bound, len(names), lang)
        title = t(f"sparsity.paths.panel.{kind}", lang, r=f"{l1_ratio:g}")
        layout["annotations"].append(_title(title, top.x))
    return {"data": data, "layout": layout}


def _chosen_marks(
    x_chosen: float, optimum: np.ndarray, kind: str, side: str, top: Panel, bottom: Panel
) -> list[dict]:
    """The optimum's weights as dots on the coefficients' panel, and its count of zeros, labelled
    on `side` of its dot, on the zeros' panel."""
    d = len(optimum)
    zeros_at = int(np.sum(optimum == 0.0))
    weights = {
        "type": "scatter",
        "mode": "markers",
        "x": typed(np.full(d, x_chosen)),  # not x0 with dx = 0: plotly reads 0 as unset
        "y": typed(optimum),
        **top.on,
        "showlegend": False,
        "marker": {"color": ZERO_COLOR, "size": 5},
        "hoverinfo": "skip",
    }
    count = {
        "type": "scatter",
        "mode": "markers+text",
        "x": [x_chosen],
        "y": [zeros_at],
        "text": [f"{zeros_at}/{d}"],
        "textposition": side,
        "textfont": {"size": 14},
        "cliponaxis": False,
        **bottom.on,
        "showlegend": False,
        "hoverinfo": "skip",
        "marker": {"color": PENALTY_COLORS[kind], "size": 10, "line": {"color": ZERO_COLOR, "width": 1}},
    }
    return [weights, count]


def _chosen_line(x_chosen: float, panel: Panel) -> dict:
    """A dotted vertical line at the chosen α across `panel`."""
    return {
        "type": "line",
        "x0": x_chosen,
        "x1": x_chosen,
        "y0": 0,
        "y1": 1,
        "xref": f"x{panel.suffix}",
        "yref": f"y{panel.suffix} domain",
        "line": {"color": ZERO_COLOR, "width": 1, "dash": "dot"},
    }


def with_chosen_alpha(base: dict, alpha: float, optima: dict[str, np.ndarray]) -> dict:
    """The paths figure `base` (path_base) with the chosen α marked in each panel: a dotted
    line, the exact optimum's weights as dots, and its count of zeros. `base` is not changed:
    the new figure shares its traces, so this costs next to nothing on a rerun."""
    x_chosen = float(np.log10(alpha))
    low, high = base["layout"]["xaxis"]["range"]
    # the count beside its dot, on the side away from the y axis's numbers on the left
    side = "top right" if x_chosen < (low + high) / 2 else "top left"
    marks, lines = [], []
    for kind, (top, bottom) in zip(PATH_KINDS, _path_panels(), strict=True):
        marks += _chosen_marks(x_chosen, optima[kind], kind, side, top, bottom)
        lines += [_chosen_line(x_chosen, top), _chosen_line(x_chosen, bottom)]
    layout = base["layout"] | {"shapes": base["layout"]["shapes"] + lines}
    return {"data": base["data"] + marks, "layout": layout}


# --- 2. sparsity emerging over the iterations ---


def _count_text(weights: np.ndarray, lang: str) -> str:
    zeros, near = int(np.sum(weights == 0.0)), int(np.sum(np.abs(weights) < CHATTER_BAND))
    band = f"{CHATTER_BAND:g}"
    return t("sparsity.iterations.count", lang, zeros=zeros, d=len(weights), near=near, band=band)


def _descent_panels(runs: int) -> tuple[list[Panel], Panel]:
    """A histogram's panel per run side by side on top (axes 1–3), the zeros per step below (axis 4)."""
    return panel_grid(1, runs, bottom=0.5), panel_grid(1, 1, top=0.3, first=runs + 1)[0]


def _descent_layout() -> dict:
    """The iterations figure's layout before its axes, titles and controls."""
    return {
        "height": 660,
        "margin": {"l": 60, "r": 10, "t": 72, "b": 110},
        "barmode": "stack",
        "bargap": 0.0,
        "hovermode": "closest",
        "annotations": [],
        # In the zeros' chart's empty upper left (its counts start near 0 and rise to the right),
        # clear of the histograms' axis titles at any height the page gives the chart.
        "legend": {
            "x": 0.01,
            "y": 0.3,
            "xanchor": "left",
            "yanchor": "top",
            "traceorder": "normal",
            "bgcolor": "rgba(255,255,255,0.8)",
        },
    }


def _descent_updates(counted: dict, weights: dict, steps: np.ndarray, k: int, lang: str) -> dict[str, dict]:
    """What changes between frames, at frame k, by role: per run its histogram of non-zero
    weights, its bar of exact zeros (stacked on the middle bin) and its counts, then each run's
    marker on the zeros-per-step chart. Only values: the traces they update hold everything else."""
    updates = {}
    for name, (_, counts, zeros) in counted.items():
        updates[f"{name}.bars"] = {"y": typed(counts[k], "u2")}
        updates[f"{name}.zero_bar"] = {"y": [int(zeros[k])]}
        updates[f"{name}.count"] = {"text": [_count_text(weights[name][k], lang)]}
    for name, (_, _, zeros) in counted.items():
        updates[f"{name}.marker"] = {"x": [steps[k]], "y": [int(zeros[k])]}
    return updates


def _run_traces(
    name: str, panel: Panel, now: dict, centres: np.ndarray, half_width: float, d: int, lang: str
) -> list[tuple[str, dict]]:
    """A run's histogram, its bar of exact zeros and its counts, as (role, trace) pairs; `now`
    (_descent_updates) gives their values."""
    on = {**panel.on, "showlegend": False}
    bin_width = float(centres[1] - centres[0])
    bars = {
        **now[f"{name}.bars"],
        **on,
        "type": "bar",
        "x": typed(centres),
        "width": bin_width,
        "hovertemplate": "%{x:.3g}: %{y}<extra></extra>",
        "marker": {"color": RUN_COLORS[name], "opacity": 0.75, "line": {"width": 0}},
    }
    zero_bar = {
        **now[f"{name}.zero_bar"],
        **on,
        "type": "bar",
        "x": [0.0],
        "width": bin_width,
        "hovertemplate": t("sparsity.iterations.exact", lang) + ": %{y}<extra></extra>",
        "marker": {"color": ZERO_COLOR, "line": {"width": 0}},
    }
    count = {
        **now[f"{name}.count"],
        **on,
        "type": "scatter",
        "mode": "text",
        "x": [-half_width * 0.95],
        "y": [d * 1.04],
        "textposition": "bottom right",
        "textfont": {"size": 11},  # "exactly 0: 176/200" fits a phone's 90 px column
        "hoverinfo": "skip",
    }
    return [(f"{name}.bars", bars), (f"{name}.zero_bar", zero_bar), (f"{name}.count", count)]


def _run_axes(panel: Panel, first: bool, half_width: float, d: int, lang: str) -> dict:
    """A run's histogram axes; the histograms share their y range: only the `first` numbers it."""
    return panel.axes(
        x={"range": [-half_width, half_width], "title": {"text": t("sparsity.iterations.weight_axis", lang)}},
        y={"range": [0, d * 1.05], "showticklabels": first,
           **({"title": {"text": t("sparsity.iterations.count_axis", lang)}} if first else {})},
    )  # fmt: skip


def _zeros_line(name: str, steps: np.ndarray, zeros: np.ndarray, panel: Panel, lang: str) -> dict:
    """A run's exact zeros against the step, drawn whole: it never moves."""
    label = t(f"sparsity.iterations.run.{name}", lang)
    return {
        "type": "scatter",
        "mode": "lines",
        "x": typed(steps),
        "y": typed(zeros, "u2"),
        **panel.on,
        "name": label,
        # Subgradient and L2 both stay at 0 exact zeros: wide below, dashed on top, both seen.
        "line": {
            "color": RUN_COLORS[name],
            "width": 5 if name == "l1_subgradient" else 2.5,
            "dash": DASH[name],
        },
        "hovertemplate": "%{x}: %{y}<extra>" + label + "</extra>",
    }


def _zeros_marker(name: str, now: dict, panel: Panel) -> dict:
    """A run's marker on the zeros-per-step chart, at the step `now` (_descent_updates) gives."""
    return {
        **now[f"{name}.marker"],
        "type": "scatter",
        "mode": "markers",
        **panel.on,
        "showlegend": False,
        "hoverinfo": "skip",
        "cliponaxis": False,
        "marker": {
            "color": RUN_COLORS[name],
            "symbol": RUN_SYMBOLS[name],
            "size": 8 if name == "l2" else 13,
            "line": {"color": ZERO_COLOR, "width": 1},
        },
    }


def _zeros_axes(panel: Panel, steps: np.ndarray, d: int, lang: str) -> dict:
    """The zeros-per-step chart's axes: the step on a log axis, like the recorded steps."""
    return panel.axes(
        x={"type": "log", "dtick": 1, "range": [0.0, float(np.log10(max(steps[-1], 10.0)))],
           "title": {"text": t("sparsity.iterations.step_axis", lang)}},
        y={"range": [-0.02 * d, d * 1.05], "title": {"text": t("sparsity.iterations.zeros_axis", lang)}},
    )  # fmt: skip


def descent_figure(frames: DescentFrames, lang: str) -> dict:
    """For each run, a histogram of the weights with the exact zeros stacked in black on the
    middle bin, above one chart of exact zeros against the step (log axis, like the recorded
    steps); Play animates both. Frames carry only what moves, naming the traces they update by
    role; the still page shows the end.
    """
    names = [name for name, _, _ in DESCENT_RUNS]
    weights = frames.weights
    d = weights[names[0]].shape[1]
    half_width = max(float(np.max(np.abs(weights[name]))) for name in names) * 1.02
    counted = {name: weight_histogram(weights[name], half_width, HISTOGRAM_BINS_PER_SIDE) for name in names}
    centres = counted[names[0]][0]
    steps = frames.steps.astype(float)
    runs, zeros_panel = _descent_panels(len(names))
    now = _descent_updates(counted, weights, steps, len(steps) - 1, lang)
    layout = _descent_layout()
    traces: list[tuple[str | None, dict]] = []  # (role, trace): a role names a trace the frames move
    for col, (name, panel) in enumerate(zip(names, runs, strict=True)):
        traces += _run_traces(name, panel, now, centres, half_width, d, lang)
        layout |= _run_axes(panel, col == 0, half_width, d, lang)
        layout["annotations"].append(_title(t(f"sparsity.iterations.run.{name}", lang), panel.x))
    traces += [(None, _zeros_line(name, steps, counted[name][2], zeros_panel, lang)) for name in names]
    traces += [(f"{name}.marker", _zeros_marker(name, now, zeros_panel)) for name in names]
    layout |= _zeros_axes(zeros_panel, steps, d, lang)
    data, roles = with_roles(traces)
    frame_list = []
    for k, step in enumerate(frames.steps):
        updates = _descent_updates(counted, weights, steps, k, lang)
        moved = [roles[role] for role in updates]
        frame_list.append({"name": str(int(step)), "traces": moved, "data": list(updates.values())})
    stops = [int(s) for s in frames.steps]
    layout |= animation_controls(stops, lang, FRAME_MS, from_current=False, y=0.0, below_px=44)
    return {"data": data, "layout": layout, "frames": frame_list}


# --- 3. how often does L1 give a zero? ---


def _monte_carlo_panels() -> tuple[Panel, Panel]:
    """The centres' panel on the left (it shrinks to a square), the shares' bars on the right."""
    return panel_grid(1, 1, right=0.55)[0], panel_grid(1, 1, left=0.64, first=2)[0]


def _centre_traces(mc: MonteCarlo, shown: int, lang: str) -> list[dict]:
    """The first `shown` loss centres W*, split by whether the L1 optimum has an exact zero."""
    centres = mc.w_star[:shown]
    corner = mc.l1_zero[:shown]
    traces = []
    for hit, color, symbol, key in (
        (True, PENALTY_COLORS["l1"], "diamond", "corner"),
        (False, OKABE_ITO["sky_blue"], "circle", "edge"),
    ):
        points = centres[corner == hit]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": typed(points[:, 0]),
                "y": typed(points[:, 1]),
                "name": t(f"sparsity.montecarlo.{key}", lang),
                "marker": {"color": color, "symbol": symbol, "size": 5, "opacity": 0.7},
                "hoverinfo": "skip",
            }
        )
    return traces


def _ball_traces(budget: float, lang: str) -> list[dict]:
    """The L2 and L1 balls of radius `budget`, the common budget of every loss."""
    phi = np.linspace(0.0, 2.0 * np.pi, 121)
    circle = budget * np.stack([np.cos(phi), np.sin(phi)], axis=1)
    diamond = budget * np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0], [1.0, 0.0]])
    return [
        {
            "type": "scatter",
            "mode": "lines",
            "x": typed(shape[:, 0]),
            "y": typed(shape[:, 1]),
            "name": t(f"sparsity.montecarlo.ball.{kind}", lang),
            "hoverinfo": "skip",
            "line": {
                "color": ZERO_COLOR if kind == "l1" else PENALTY_COLORS["l2"],
                "width": 2.5,
                "dash": DASH[kind],
            },
        }
        for shape, kind in ((circle, "l2"), (diamond, "l1"))
    ]


def _share_traces(mc: MonteCarlo, panel: Panel, lang: str) -> list[dict]:
    """The shares of L1 and L2 optima with an exact zero, and with an almost-zero weight."""
    shares = {
        "exact": [100 * float(np.mean(mc.l1_zero)), 100 * float(np.mean(mc.l2_zero))],
        "almost": [100 * mc.near_zero_share("l1"), 100 * mc.near_zero_share("l2")],
    }
    labels = [t("choice.s_penalty.l1", lang), t("choice.s_penalty.l2", lang)]
    return [
        {
            "type": "bar",
            "x": labels,
            "y": shares[key],
            **panel.on,
            "name": t(f"sparsity.montecarlo.share.{key}", lang, tol=f"{ALMOST_ZERO:.0%}"),
            "marker": {"color": color},
            "text": [f"{v:.1f}%" for v in shares[key]],
            "textposition": "outside",
            "hovertemplate": "%{y:.1f}%<extra></extra>",
        }
        for key, color in (("exact", ZERO_COLOR), ("almost", LIGHT_GREY))
    ]


def _monte_carlo_layout(half: float, centres: Panel, shares: Panel, lang: str) -> dict:
    """The centres' square axes reaching ±`half`, the shares' axes, titles and legend."""
    return {
        "height": 560,
        "margin": {"l": 50, "r": 56, "t": 72, "b": 40},  # r: the bars' numbers and axis title
        "barmode": "group",
        "xaxis": {
            "domain": centres.x,
            "range": [-half, half],
            "zeroline": True,
            "zerolinecolor": "#444",
            "title": {"text": "w₁*"},
            "constrain": "domain",
        },
        "yaxis": {
            "range": [-half, half],
            "scaleanchor": "x",
            "scaleratio": 1,
            "zeroline": True,
            "zerolinecolor": "#444",
            "title": {"text": "w₂*"},
        },
        f"xaxis{shares.suffix}": {"domain": shares.x, "anchor": f"y{shares.suffix}"},
        # on the right: between the panels, a phone's 35 px left its title over the centres
        f"yaxis{shares.suffix}": {
            "anchor": f"x{shares.suffix}",
            "side": "right",
            "range": [0, 105],
            "title": {"text": t("sparsity.montecarlo.share_axis", lang)},
        },
        # at the chart's foot, where plotly makes room for it under w₁*'s title at any height
        "legend": {"orientation": "h", "x": 0.0, "y": 0.0, "yref": "container", "yanchor": "bottom"},
        "annotations": [
            _title(t("sparsity.montecarlo.panel.centres", lang), centres.x),
            _title(t("sparsity.montecarlo.panel.shares", lang), shares.x),
        ],
    }


# The loss centres the Monte Carlo's scatter draws, the first of them (its shares count all):
# more would add to the figure sent on every rerun and hide nothing new.
SCATTER_POINTS = 4000


def monte_carlo_figure(mc: MonteCarlo, spread: float, lang: str, shown: int = SCATTER_POINTS) -> dict:
    """Left: the loss centres W*, coloured by whether the L1 optimum has an exact zero, with the
    L1 and L2 balls of the common budget. Right: the shares of exact and almost-zero optima."""
    centres, shares = _monte_carlo_panels()
    data = [*_centre_traces(mc, shown, lang), *_ball_traces(mc.budget, lang)]
    data += _share_traces(mc, shares, lang)
    return {"data": data, "layout": _monte_carlo_layout(spread * mc.budget, centres, shares, lang)}


# --- 4. the "why" view: a linear layer as a graph ---


def _link_shapes(
    W: np.ndarray, y_in: np.ndarray, y_out: np.ndarray, strongest: float, panel: Panel
) -> list[dict]:
    """One line per weight W_ij from input j to output i, its width ∝ |W_ij| / `strongest`, blue if
    positive, vermillion if negative, dotted grey if exactly 0; under the nodes."""
    shapes = []
    for i, j in np.ndindex(W.shape):
        w = float(W[i, j])
        line = (
            {"color": LIGHT_GREY, "width": 1, "dash": "dot"}
            if w == 0.0
            else {"color": POSITIVE if w > 0 else NEGATIVE, "width": 0.6 + 9.0 * abs(w) / strongest}
        )
        shapes.append(
            {
                "type": "line",
                "x0": 0.0,
                "y0": y_in[j],
                "x1": 1.0,
                "y1": y_out[i],
                "xref": f"x{panel.suffix}",
                "yref": f"y{panel.suffix}",
                "line": line,
                "layer": "below",
            }
        )
    return shapes


def _layer_traces(W: np.ndarray, y_in: np.ndarray, y_out: np.ndarray, panel: Panel) -> list[dict]:
    """Invisible points at the links' middles that hover each weight's value, and the nodes."""
    n_out, n_in = W.shape
    hover = [f"W[{i + 1},{j + 1}] = {W[i, j]:.3g}" for i in range(n_out) for j in range(n_in)]
    middles = {
        "type": "scatter",
        "mode": "markers",
        "x": typed(np.full(n_out * n_in, 0.5)),
        "y": typed(((y_in[None, :] + y_out[:, None]) / 2).ravel()),
        **panel.on,
        "hovertext": hover,
        "hoverinfo": "text",
        "marker": {"size": 14, "opacity": 0.0},
        "showlegend": False,
    }
    nodes = {
        "type": "scatter",
        "mode": "markers+text",
        "x": typed(np.concatenate([np.zeros(n_in), np.ones(n_out)])),
        "y": typed(np.concatenate([y_in, y_out])),
        **panel.on,
        "text": [f"x{j + 1}" for j in range(n_in)] + [f"y{i + 1}" for i in range(n_out)],
        "textposition": ["middle left"] * n_in + ["middle right"] * n_out,
        "marker": {"size": 20, "color": "#ffffff", "line": {"color": ZERO_COLOR, "width": 2}},
        "hoverinfo": "skip",
        "showlegend": False,
        "textfont": {"size": 14},
    }
    return [middles, nodes]


def _layer_axes(panel: Panel) -> dict:
    """A graph's hidden axes: room for the nodes' labels left and right; the full height."""
    hidden = {"showgrid": False, "zeroline": False, "showticklabels": False}
    x, y = f"x{panel.suffix}", f"y{panel.suffix}"
    return {
        f"xaxis{panel.suffix}": {**hidden, "domain": panel.x, "range": [-0.25, 1.25], "anchor": y},
        f"yaxis{panel.suffix}": {**hidden, "range": [-0.08, 1.08], "anchor": x},
    }


def layer_figure(plain: np.ndarray, penalized: np.ndarray, lang: str, penalty_title: str) -> dict:
    """Two bipartite graphs of a layer W (outputs × inputs): inputs left, outputs right, one line
    per weight W_ij, its width ∝ |W_ij| (one scale for both), blue if positive, orange
    (vermillion) if negative, dotted grey if exactly 0. Left the unregularized fit, right the
    penalized one."""
    n_out, n_in = plain.shape
    y_in = np.linspace(1.0, 0.0, n_in)
    y_out = np.linspace(0.8, 0.2, n_out) if n_out > 1 else np.array([0.5])
    strongest = max(float(np.max(np.abs(plain))), float(np.max(np.abs(penalized))), 1e-12)
    data, shapes, annotations, axes = [], [], [], {}
    graphs = ((plain, t("sparsity.layer.plain", lang)), (penalized, penalty_title))
    for (W, title), panel in zip(graphs, panel_grid(1, 2, x_gap=0.1), strict=True):
        shapes += _link_shapes(W, y_in, y_out, strongest, panel)
        data += _layer_traces(W, y_in, y_out, panel)
        zeros = int(np.sum(W == 0.0))
        text = t("sparsity.layer.panel", lang, title=title, zeros=zeros, total=W.size)
        annotations.append(_title(text, panel.x))
        axes |= _layer_axes(panel)
    layout = {
        "height": 460,
        "margin": {"l": 10, "r": 10, "t": 72, "b": 10},
        "hovermode": "closest",
        "shapes": shapes,
        "annotations": annotations,
        "showlegend": False,
        **axes,
    }
    return {"data": data, "layout": layout}

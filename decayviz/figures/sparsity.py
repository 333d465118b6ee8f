"""The sparsity page's four charts: regularization paths, sparsity emerging over the iterations
(animated in the browser), the Monte Carlo of random 2-D losses, and a linear layer as a graph.

Arrays in, plotly spec (a plain dict) out, like every builder in decayviz.figures.
"""

from __future__ import annotations

import numpy as np

from decayviz.figures import animation_controls, panel_title, typed, wrap
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


def _columns(count: int, gap: float = 0.05) -> list[list[float]]:
    """x domains of `count` equal columns side by side."""
    width = (1.0 - gap * (count - 1)) / count
    return [[i * (width + gap), i * (width + gap) + width] for i in range(count)]


def _title(text: str, domain: list[float], y: float = 1.0) -> dict:
    """A panel title above a column, as a paper-anchored annotation, wrapped to the column's
    width on a phone (about 42 columns across the whole chart, a Hangul syllable two), so
    titles never overlap or run past the chart's edge."""
    lines = wrap(text, max(12, int(42 * (domain[1] - domain[0]))))
    return panel_title(lines, sum(domain) / 2, y, size=15)


def _suffix(i: int) -> str:
    """Plotly's axis suffix: "" for the first axis, "2", "3", ... after it."""
    return "" if i == 1 else str(i)


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
PATH_PANEL_PX = (1.0 - 0.36) * (PATH_HEIGHT - 40 - 50)  # the coefficient panels: domain × plot area


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
    d = len(names)
    highlighted = {int(j): k for k, j in enumerate(highlight)}
    domains = _columns(3)
    bound = max(max(float(np.max(np.abs(paths[kind]))) for kind in PATH_KINDS), bound, 1e-9) * 1.05

    data: list[dict] = []
    layout: dict = {
        "height": PATH_HEIGHT,
        "margin": {"l": 60, "r": 10, "t": 72, "b": 50},  # titles wrap on a phone, under the modebar
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
    for col, kind in enumerate(PATH_KINDS, start=1):
        top, bottom = _suffix(col), _suffix(col + 3)
        grey = np.delete(paths[kind], list(highlighted), axis=1)
        step = _display_step(grey, tolerance=0.5 * 2 * bound / PATH_PANEL_PX)  # half a pixel
        thinned = paths[kind][::step]
        axes = {"xaxis": f"x{top}", "yaxis": f"y{top}"}
        grey_paths = (_grey_path(thinned[:, j], x0, dx * step) for j in range(d) if j not in highlighted)
        data.append(_bundle([line for line in grey_paths if line is not None]) | axes)
        for j, k in sorted(highlighted.items()):
            data.append(
                {
                    "y": typed(paths[kind][:, j]),
                    **axes,
                    "name": names[j],
                    "legendgroup": names[j],
                    "showlegend": col == 1,
                    "line": {"color": FEATURE_COLORS[k % len(FEATURE_COLORS)], "width": 2.2},
                    "hoverinfo": "all",
                    "hovertemplate": f"{names[j]}: %{{y:.4g}}<extra></extra>",
                }
            )
        zeros = (paths[kind] == 0.0).sum(axis=1)  # below: the count of exact zeros at each α
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "y": typed(zeros.astype(float)),
                "x0": x0,
                "dx": dx,
                "xaxis": f"x{bottom}",
                "yaxis": f"y{bottom}",
                "showlegend": False,
                "line": {"color": PENALTY_COLORS[kind], "width": 2.5, "shape": "hv", "dash": DASH[kind]},
                "hovertemplate": t("sparsity.paths.zeros_hover", lang) + "<extra></extra>",
            }
        )
        ticks = _log_ticks(log_alphas)
        layout[f"xaxis{top}"] = {
            "domain": domains[col - 1],
            "anchor": f"y{top}",
            "showticklabels": False,
            "range": [log_alphas[0], log_alphas[-1]],
            **ticks,
        }
        layout[f"xaxis{bottom}"] = {
            "domain": domains[col - 1],
            "anchor": f"y{bottom}",
            "matches": f"x{top}",
            "title": {"text": t("sparsity.paths.alpha_axis", lang)},
            **ticks,
        }
        # The panels share their y ranges: only the first names and numbers them.
        first = {"showticklabels": col == 1}
        layout[f"yaxis{top}"] = {
            "domain": [0.36, 1.0],
            "anchor": f"x{top}",
            "range": [-bound, bound],
            "zeroline": True,
            "zerolinecolor": "#444",
            **first,
            **({"title": {"text": t("sparsity.paths.coef_axis", lang)}} if col == 1 else {}),
        }
        layout[f"yaxis{bottom}"] = {
            "domain": [0.0, 0.27],
            "anchor": f"x{bottom}",
            "range": [-0.02 * d, d * 1.12],
            **first,
            **({"title": {"text": t("sparsity.paths.zeros_axis", lang)}} if col == 1 else {}),
        }
        title = t(f"sparsity.paths.panel.{kind}", lang, r=f"{l1_ratio:g}")
        layout["annotations"].append(_title(title, domains[col - 1]))
    return {"data": data, "layout": layout}


def with_chosen_alpha(base: dict, alpha: float, optima: dict[str, np.ndarray]) -> dict:
    """The paths figure `base` (path_base) with the chosen α marked in each panel: a dotted
    line, the exact optimum's weights as dots, and its count of zeros. `base` is not changed:
    the new figure shares its traces, so this costs next to nothing on a rerun."""
    x_chosen = float(np.log10(alpha))
    low, high = base["layout"]["xaxis"]["range"]
    # the count beside its dot, on the side away from the y axis's numbers on the left
    side = "top right" if x_chosen < (low + high) / 2 else "top left"
    marks, lines = [], []
    for col, kind in enumerate(PATH_KINDS, start=1):
        top, bottom = _suffix(col), _suffix(col + 3)
        d = len(optima[kind])
        zeros_at = int(np.sum(optima[kind] == 0.0))
        marks.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": typed(np.full(d, x_chosen)),  # not x0 with dx = 0: plotly reads 0 as unset
                "y": typed(optima[kind]),
                "xaxis": f"x{top}",
                "yaxis": f"y{top}",
                "showlegend": False,
                "marker": {"color": ZERO_COLOR, "size": 5},
                "hoverinfo": "skip",
            }
        )
        marks.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": [x_chosen],
                "y": [zeros_at],
                "text": [f"{zeros_at}/{d}"],
                "textposition": side,
                "textfont": {"size": 14},
                "cliponaxis": False,
                "xaxis": f"x{bottom}",
                "yaxis": f"y{bottom}",
                "showlegend": False,
                "hoverinfo": "skip",
                "marker": {
                    "color": PENALTY_COLORS[kind],
                    "size": 10,
                    "line": {"color": ZERO_COLOR, "width": 1},
                },
            }
        )
        for ref in (top, bottom):
            lines.append(
                {
                    "type": "line",
                    "x0": x_chosen,
                    "x1": x_chosen,
                    "y0": 0,
                    "y1": 1,
                    "xref": f"x{ref}",
                    "yref": f"y{ref} domain",
                    "line": {"color": ZERO_COLOR, "width": 1, "dash": "dot"},
                }
            )
    layout = base["layout"] | {"shapes": base["layout"]["shapes"] + lines}
    return {"data": base["data"] + marks, "layout": layout}


# --- 2. sparsity emerging over the iterations ---


def _count_text(weights: np.ndarray, lang: str) -> str:
    zeros, near = int(np.sum(weights == 0.0)), int(np.sum(np.abs(weights) < CHATTER_BAND))
    band = f"{CHATTER_BAND:g}"
    return t("sparsity.iterations.count", lang, zeros=zeros, d=len(weights), near=near, band=band)


def descent_figure(frames: DescentFrames, lang: str) -> dict:
    """For each run, a histogram of the weights with the exact zeros stacked in black on the
    middle bin, above one chart of exact zeros against the step (log axis, like the recorded
    steps); Play animates both. Frames carry only what moves; the still page shows the end.
    """
    names = [name for name, _, _ in DESCENT_RUNS]
    weights = frames.weights
    d = weights[names[0]].shape[1]
    half_width = max(float(np.max(np.abs(weights[name]))) for name in names) * 1.02
    counted = {name: weight_histogram(weights[name], half_width, HISTOGRAM_BINS_PER_SIDE) for name in names}
    centres = counted[names[0]][0]
    steps = frames.steps.astype(float)
    domains = _columns(3)

    def moving(k: int) -> list[dict]:
        """What changes between frames, at frame k: per run its histogram of non-zero weights,
        its bar of exact zeros (stacked on the middle bin) and its counts, then the three markers
        on the zeros-per-step chart. Only values: the traces they update hold everything else."""
        traces = []
        for name in names:
            _, counts, zeros = counted[name]
            traces += [
                {"y": typed(counts[k], "u2")},
                {"y": [int(zeros[k])]},
                {"text": [_count_text(weights[name][k], lang)]},
            ]
        return traces + [{"x": [steps[k]], "y": [int(counted[name][2][k])]} for name in names]

    now = moving(len(steps) - 1)
    data: list[dict] = []
    layout: dict = {
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
    moving_traces: list[int] = []  # the traces the frames update, in the order moving(k) lists them
    for col, name in enumerate(names, start=1):
        axes = {"xaxis": f"x{_suffix(col)}", "yaxis": f"y{_suffix(col)}", "showlegend": False}
        bars, zero_bar, count = now[3 * (col - 1) : 3 * col]
        bin_width = float(centres[1] - centres[0])
        moving_traces += range(len(data), len(data) + 3)  # its histogram, zeros' bar and count
        data += [
            {
                **bars,
                **axes,
                "type": "bar",
                "x": typed(centres),
                "width": bin_width,
                "hovertemplate": "%{x:.3g}: %{y}<extra></extra>",
                "marker": {"color": RUN_COLORS[name], "opacity": 0.75, "line": {"width": 0}},
            },
            {
                **zero_bar,
                **axes,
                "type": "bar",
                "x": [0.0],
                "width": bin_width,
                "hovertemplate": t("sparsity.iterations.exact", lang) + ": %{y}<extra></extra>",
                "marker": {"color": ZERO_COLOR, "line": {"width": 0}},
            },
            {
                **count,
                **axes,
                "type": "scatter",
                "mode": "text",
                "x": [-half_width * 0.95],
                "y": [d * 1.04],
                "textposition": "bottom right",
                "textfont": {"size": 11},  # "exactly 0: 176/200" fits a phone's 90 px column
                "hoverinfo": "skip",
            },
        ]
        layout[f"xaxis{_suffix(col)}"] = {
            "domain": domains[col - 1],
            "anchor": f"y{_suffix(col)}",
            "range": [-half_width, half_width],
            "title": {"text": t("sparsity.iterations.weight_axis", lang)},
        }
        layout[f"yaxis{_suffix(col)}"] = {
            "domain": [0.5, 1.0],
            "anchor": f"x{_suffix(col)}",
            "range": [0, d * 1.05],
            "showticklabels": col == 1,  # the histograms share their y range
            **({"title": {"text": t("sparsity.iterations.count_axis", lang)}} if col == 1 else {}),
        }
        layout["annotations"].append(_title(t(f"sparsity.iterations.run.{name}", lang), domains[col - 1]))
    for name in names:  # zeros against the step, drawn whole: they never move
        label = t(f"sparsity.iterations.run.{name}", lang)
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": typed(steps),
                "y": typed(counted[name][2], "u2"),
                "xaxis": "x4",
                "yaxis": "y4",
                "name": label,
                # Subgradient and L2 both stay at 0 exact zeros: wide below, dashed on top, both seen.
                "line": {
                    "color": RUN_COLORS[name],
                    "width": 5 if name == "l1_subgradient" else 2.5,
                    "dash": DASH[name],
                },
                "hovertemplate": "%{x}: %{y}<extra>" + label + "</extra>",
            }
        )
    for name, marker in zip(names, now[3 * len(names) :], strict=True):
        moving_traces.append(len(data))  # its marker on the zeros-per-step chart
        data.append(
            {
                **marker,
                "type": "scatter",
                "mode": "markers",
                "xaxis": "x4",
                "yaxis": "y4",
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
        )
    layout["xaxis4"] = {
        "domain": [0.0, 1.0],
        "anchor": "y4",
        "type": "log",
        "dtick": 1,
        "range": [0.0, float(np.log10(max(steps[-1], 10.0)))],
        "title": {"text": t("sparsity.iterations.step_axis", lang)},
    }
    layout["yaxis4"] = {
        "domain": [0.0, 0.3],
        "anchor": "x4",
        "range": [-0.02 * d, d * 1.05],
        "title": {"text": t("sparsity.iterations.zeros_axis", lang)},
    }
    frame_list = [
        {"name": str(int(step)), "traces": moving_traces, "data": moving(k)}
        for k, step in enumerate(frames.steps)
    ]
    layout.update(
        animation_controls(
            [int(s) for s in frames.steps], lang, FRAME_MS, from_current=False, y=0.0, below_px=44
        )
    )
    return {"data": data, "layout": layout, "frames": frame_list}


# --- 3. how often does L1 give a zero? ---


def monte_carlo_figure(mc: MonteCarlo, spread: float, lang: str, shown: int = 4000) -> dict:
    """Left: the loss centres W*, coloured by whether the L1 optimum has an exact zero, with the
    L1 and L2 balls of the common budget. Right: the shares of exact and almost-zero optima."""
    centres = mc.w_star[:shown]
    corner = mc.l1_zero[:shown]
    t_ = mc.budget
    data = []
    for hit, color, symbol, key in (
        (True, PENALTY_COLORS["l1"], "diamond", "corner"),
        (False, OKABE_ITO["sky_blue"], "circle", "edge"),
    ):
        points = centres[corner == hit]
        data.append(
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
    phi = np.linspace(0.0, 2.0 * np.pi, 121)
    circle = t_ * np.stack([np.cos(phi), np.sin(phi)], axis=1)
    diamond = t_ * np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0], [1.0, 0.0]])
    for shape, kind in ((circle, "l2"), (diamond, "l1")):
        data.append(
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
        )
    shares = {
        "exact": [100 * float(np.mean(mc.l1_zero)), 100 * float(np.mean(mc.l2_zero))],
        "almost": [100 * mc.near_zero_share("l1"), 100 * mc.near_zero_share("l2")],
    }
    labels = [t("choice.s_penalty.l1", lang), t("choice.s_penalty.l2", lang)]
    for key, color in (("exact", ZERO_COLOR), ("almost", LIGHT_GREY)):
        data.append(
            {
                "type": "bar",
                "x": labels,
                "y": shares[key],
                "xaxis": "x2",
                "yaxis": "y2",
                "name": t(f"sparsity.montecarlo.share.{key}", lang, tol=f"{ALMOST_ZERO:.0%}"),
                "marker": {"color": color},
                "text": [f"{v:.1f}%" for v in shares[key]],
                "textposition": "outside",
                "hovertemplate": "%{y:.1f}%<extra></extra>",
            }
        )
    half = spread * t_
    layout = {
        "height": 560,
        "margin": {"l": 50, "r": 56, "t": 72, "b": 40},  # r: the bars' numbers and axis title
        "barmode": "group",
        "xaxis": {
            "domain": [0.0, 0.55],
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
        "xaxis2": {"domain": [0.64, 1.0], "anchor": "y2"},
        "yaxis2": {  # on the right: between the panels, a phone's 35 px left its title over the centres
            "anchor": "x2",
            "side": "right",
            "range": [0, 105],
            "title": {"text": t("sparsity.montecarlo.share_axis", lang)},
        },
        # at the chart's foot, where plotly makes room for it under w₁*'s title at any height
        "legend": {"orientation": "h", "x": 0.0, "y": 0.0, "yref": "container", "yanchor": "bottom"},
        "annotations": [
            _title(t("sparsity.montecarlo.panel.centres", lang), [0.0, 0.55]),
            _title(t("sparsity.montecarlo.panel.shares", lang), [0.64, 1.0]),
        ],
    }
    return {"data": data, "layout": layout}


# --- 4. the "why" view: a linear layer as a graph ---


def layer_figure(plain: np.ndarray, penalized: np.ndarray, lang: str, penalty_title: str) -> dict:
    """Two bipartite graphs of a layer W (outputs × inputs): inputs left, outputs right, one line
    per weight W_ij, its width ∝ |W_ij| (one scale for both), blue if positive, orange
    (vermillion) if negative, dotted grey if exactly 0. Left the unregularized fit, right the
    penalized one."""
    n_out, n_in = plain.shape
    y_in = np.linspace(1.0, 0.0, n_in)
    y_out = np.linspace(0.8, 0.2, n_out) if n_out > 1 else np.array([0.5])
    strongest = max(float(np.max(np.abs(plain))), float(np.max(np.abs(penalized))), 1e-12)
    domains = _columns(2, gap=0.1)
    data, shapes, annotations = [], [], []
    for col, (W, title) in enumerate(
        ((plain, t("sparsity.layer.plain", lang)), (penalized, penalty_title)), start=1
    ):
        xref, yref = f"x{_suffix(col)}", f"y{_suffix(col)}"
        for i in range(n_out):
            for j in range(n_in):
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
                        "xref": xref,
                        "yref": yref,
                        "line": line,
                        "layer": "below",
                    }
                )
        middle_x = np.full(n_out * n_in, 0.5)
        middle_y = ((y_in[None, :] + y_out[:, None]) / 2).ravel()
        hover = [f"W[{i + 1},{j + 1}] = {W[i, j]:.3g}" for i in range(n_out) for j in range(n_in)]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": typed(middle_x),
                "y": typed(middle_y),
                "xaxis": xref,
                "yaxis": yref,
                "hovertext": hover,
                "hoverinfo": "text",
                "marker": {"size": 14, "opacity": 0.0},
                "showlegend": False,
            }
        )
        nodes_x = np.concatenate([np.zeros(n_in), np.ones(n_out)])
        nodes_y = np.concatenate([y_in, y_out])
        labels = [f"x{j + 1}" for j in range(n_in)] + [f"y{i + 1}" for i in range(n_out)]
        data.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": typed(nodes_x),
                "y": typed(nodes_y),
                "xaxis": xref,
                "yaxis": yref,
                "text": labels,
                "textposition": ["middle left"] * n_in + ["middle right"] * n_out,
                "marker": {"size": 20, "color": "#ffffff", "line": {"color": ZERO_COLOR, "width": 2}},
                "hoverinfo": "skip",
                "showlegend": False,
                "textfont": {"size": 14},
            }
        )
        zeros = int(np.sum(W == 0.0))
        annotations.append(
            _title(t("sparsity.layer.panel", lang, title=title, zeros=zeros, total=W.size), domains[col - 1])
        )
    axis = {"showgrid": False, "zeroline": False, "showticklabels": False}
    layout = {
        "height": 460,
        "margin": {"l": 10, "r": 10, "t": 72, "b": 10},
        "hovermode": "closest",
        "shapes": shapes,
        "annotations": annotations,
        "showlegend": False,
    }
    for col in (1, 2):
        layout[f"xaxis{_suffix(col)}"] = {
            **axis,
            "domain": domains[col - 1],
            "range": [-0.25, 1.25],
            "anchor": f"y{_suffix(col)}",
        }
        layout[f"yaxis{_suffix(col)}"] = {**axis, "range": [-0.08, 1.08], "anchor": f"x{_suffix(col)}"}
    return {"data": data, "layout": layout}

"""The network page's charts: training curves per α, the α sweep, weight histograms, first-layer
weights as images, and decision boundaries.

A SweepResult in, a plotly spec (a plain dict) out, like every builder in decayviz.figures; no
torch here. Diverged models are left out of every chart (their lists stop before the epoch they
diverged, so nothing non-finite can reach a chart; `typed` refuses it anyway).
"""

from __future__ import annotations

import math

import numpy as np

from decayviz.figures import MODEBAR_PX, Panel, axis_suffix, log_axis, panel_grid, panel_title, typed, wrap
from decayviz.figures.palette import ALPHA_DASHES, ALPHA_SEQUENCE, DIVERGING, TRAIN_COLOR, VAL_COLOR
from decayviz.i18n import t
from decayviz.training.options import GENERALIZED, METRICS
from decayviz.training.result import SweepResult

ALPHA_PALETTE = ALPHA_SEQUENCE  # small α dark, large α light: the order of α reads off the colours
FILTER_UNITS = 10
HISTOGRAM_BINS = 61  # odd: one bin is centred on 0
BOUNDARY_COLUMNS = 4


def alpha_label(alpha: float) -> str:
    return f"{alpha:g}"


def alpha_colors(alphas: tuple[float, ...]) -> list[str]:
    """One colour per α, by rank: spread over the palette so neighbours stay distinguishable."""
    ranks = {a: i for i, a in enumerate(sorted(set(alphas)))}
    steps = max(len(ranks) - 1, 1)
    return [ALPHA_PALETTE[round(ranks[a] * (len(ALPHA_PALETTE) - 1) / steps)] for a in alphas]


def alpha_dashes(alphas: tuple[float, ...]) -> list[str]:
    """One line dash per α, by rank, so that neighbouring α differ in more than colour."""
    ranks = {a: i for i, a in enumerate(sorted(set(alphas)))}
    return [ALPHA_DASHES[ranks[a] % len(ALPHA_DASHES)] for a in alphas]


def metric_title(metric: str, result: SweepResult, lang: str) -> str:
    """The metric's name; for regression the validation score is R² (see reference.evaluate)."""
    if metric == "val_accuracy" and result.config.dataset == "highdim":
        return t("metric.val_r2", lang)
    return t(f"metric.{metric}", lang)


def _layout(title: str, **extra) -> dict:
    """A chart's layout; its title is wrapped to a phone's width (plotly never wraps a title),
    and the chart grows by the lines it adds."""
    lines = wrap(title, 44)
    grown = 18 * max(len(lines) - 1, 0)
    if "height" in extra:
        extra["height"] += grown
    return {
        "title": {"text": "<br>".join(lines), "font": {"size": 15}},
        "margin": {"l": 55, "r": 10, "t": 45 + grown, "b": 45},
        "legend": {"font": {"size": 11}},
        **extra,
    }


def _curves_panels(present: bool) -> list[Panel]:
    """The curves figure's 2×3 grid, the sixth cell the legend's. The gap between columns holds
    the next panel's y tick labels: five characters ("0.015", a grokking run's first accuracies)
    on a phone, where a column is about 300 px wide; the gap between rows, the upper row's x ticks
    and the lower row's titles (two lines, lifted), in the presentation view's larger type too,
    in the short box a projector leaves; the strip under the lower row, its "epoch"."""
    return panel_grid(2, 3, x_gap=0.125, y_gap=0.27 if present else 0.22, bottom=0.06)


def _curve_name(alpha: float, diverged: bool, best: int | None, lang: str) -> str:
    """An α's legend entry: it names a divergence or the epoch early stopping keeps."""
    if diverged:
        return t("legend.diverged", lang, alpha=alpha_label(alpha))
    if best:
        return t("legend.kept", lang, alpha=alpha_label(alpha), epoch=best)
    return t("legend.alpha", lang, alpha=alpha_label(alpha))


def _metric_traces(
    result: SweepResult, metric: str, panel: Panel, kept: list, in_legend: bool, lang: str
) -> list[dict]:
    """One metric's panel: a line per α over the epochs (a diverged α's ends with an ×) and a star
    at each α's `kept` epoch, if any."""
    colors, dashes = alpha_colors(result.alphas), alpha_dashes(result.alphas)
    traces = []
    for index, alpha in enumerate(result.alphas):
        values = np.asarray(result.history[index][metric], dtype=np.float32)
        diverged = result.diverged_at[index] is not None
        symbols = ["circle"] * len(values)
        if diverged and len(values):
            symbols[-1] = "x"
        best = kept[index] if kept[index] and kept[index] <= len(values) else None
        name = _curve_name(alpha, diverged, best, lang)
        traces.append({
            "type": "scatter", "mode": "lines+markers" if len(values) <= 1 or diverged else "lines",
            "x": typed(np.arange(1, len(values) + 1, dtype=np.float32)), "y": typed(values),
            "name": name, "legendgroup": str(index), "showlegend": in_legend,
            "line": {"color": colors[index], "width": 2, "dash": dashes[index]},
            "marker": {"color": colors[index], "size": 7, "symbol": symbols}, **panel.on,
        })  # fmt: skip
        if best:
            traces.append({
                "type": "scatter", "mode": "markers", "x": [best], "y": typed(values[best - 1 : best]),
                "name": name, "legendgroup": str(index), "showlegend": False, "hoverinfo": "x+y+name",
                "marker": {"color": colors[index], "size": 13, "symbol": "star",
                           "line": {"color": "#1a1a1a", "width": 1}}, **panel.on,
            })  # fmt: skip
    return traces


def _metric_axes(
    result: SweepResult, metric: str, panel: Panel, lowest: bool, lang: str, present: bool = False
) -> dict:
    """A metric's axes: the losses on a log axis where they are positive; "epoch" under the lowest
    panel of each column only (the gap between the rows holds the numbers and the next row's
    title, also in the short box a projector leaves the chart). In the presentation view's larger
    type a linear axis has at most 4 ticks: plotly's own choice put 5 labels in a 90 px panel,
    each over the next (the weight norm's 4, 6, 8, 10, 12)."""
    log_y = metric in ("train_loss", "val_loss") and _positive(result, metric)
    epoch = {"title": {"text": t("axis.epoch", lang), "standoff": 4}} if lowest else {}
    linear = {"nticks": 4} if present else None
    return panel.axes(
        x={"rangemode": "tozero", **epoch},
        y=log_axis([v for h in result.history for v in h[metric]]) if log_y else linear,
    )


def _curves_legend(result: SweepResult, kept: list, cell: Panel) -> dict:
    """The legend in the empty `cell` while each entry is a bare "α = 0.01" (a phone's cell is about
    90 px wide); entries that also name a kept epoch or a divergence go in rows under the panels,
    where plotly makes room for them, instead of squeezing the panels sideways."""
    bare = not any(result.diverged_at) and not any(kept)
    legend = (  # each α is a legend group of its own: no gap between them, six fit a projector's cell
        {"x": cell.x[0], "y": cell.y[1], "yanchor": "top", "itemwidth": 30, "tracegroupgap": 0}
        if bare
        else {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"}
    )
    return {**legend, "font": {"size": 13}}


def curves_figure(result: SweepResult, lang: str, height: int = 640, present: bool = False) -> dict:
    """The five metrics over the epochs in a 2×3 grid, one line per α with one shared legend in
    the sixth cell; a diverged α's line ends with an ×. With early stopping a star marks each α's
    best epoch (lowest validation loss), the network the run keeps. One chart, so a live update
    is one send. `present`: laid out for the presentation view's larger type."""
    kept = result.best_epoch if result.config.early_stopping else [None] * len(result.alphas)
    *panels, legend_cell = _curves_panels(present)
    traces, axes, annotations = [], {}, []
    for number, (metric, panel) in enumerate(zip(METRICS, panels, strict=True)):
        traces += _metric_traces(result, metric, panel, kept, in_legend=number == 0, lang=lang)
        axes |= _metric_axes(
            result, metric, panel, lowest=number + 3 >= len(METRICS), lang=lang, present=present
        )
        title = wrap(metric_title(metric, result, lang), 18)  # a phone's column is narrow
        # lifted clear of the panel's top y tick label, which a title wider than a phone's
        # panel ("Weight norm ‖W‖") reaches over
        annotations.append({**panel_title(title, sum(panel.x) / 2, panel.y[1]), "yshift": 5})
    layout = _layout(
        "", height=height, annotations=annotations, showlegend=True,
        legend=_curves_legend(result, kept, legend_cell), **axes,
    )  # fmt: skip
    # above the titles, room for plotly's modebar, which a student pointing at the chart brings
    # up over its top right corner: the third panel's two-line title sat 21 px under it. The
    # presentation view, whose short rows have no 24 px to spare, shows the chart without the bar.
    layout["margin"] = {"l": 50, "r": 10, "t": 48 + (0 if present else MODEBAR_PX), "b": 40}
    return {"data": traces, "layout": layout}


def _positive(result: SweepResult, metric: str) -> bool:
    return all(v > 0 for h in result.history for v in h[metric])


def _trained(result: SweepResult) -> list[int]:
    """Indices of the models that did not diverge and have at least one epoch."""
    return [i for i, h in enumerate(result.history) if result.diverged_at[i] is None and h["train_loss"]]


def sweep_figure(result: SweepResult, lang: str, height: int = 360) -> dict:
    """Left: the validation score per α (where the model overfits without decay, a U: too little
    and too much decay both hurt). Right: training and validation loss per α; the gap between
    them is overfitting. The numbers are of the kept epoch (result.final): the last one, or with
    early stopping the best one, and then the left panel adds the last epoch's score, dotted."""
    kept = _trained(result)
    labels = [alpha_label(result.alphas[i]) for i in kept]  # categories: α = 0 has a place too

    def final(metric: str) -> np.ndarray:
        values = result.final(metric)
        return np.array([values[i] for i in kept], dtype=np.float32)

    score, train, val = final("val_accuracy"), final("train_loss"), final("val_loss")
    axis_alpha = {"title": {"text": t("axis.alpha", lang)}, "type": "category"}
    early = result.config.early_stopping
    traces = [
        {"type": "scatter", "mode": "lines+markers", "x": labels, "y": typed(score), "xaxis": "x",
         "yaxis": "y", "showlegend": early, "legendgroup": "score",
         "name": t("legend.kept_score", lang) if early else metric_title("val_accuracy", result, lang),
         "line": {"color": VAL_COLOR, "width": 3}, "marker": {"size": 9}},
        {"type": "scatter", "mode": "lines+markers", "x": labels, "y": typed(train), "xaxis": "x2",
         "yaxis": "y2", "name": t("legend.train", lang), "line": {"color": TRAIN_COLOR, "width": 3},
         "marker": {"size": 9, "symbol": "square"}},
        {"type": "scatter", "mode": "lines+markers", "x": labels, "y": typed(val), "xaxis": "x2",
         "yaxis": "y2", "name": t("legend.val", lang),
         "line": {"color": VAL_COLOR, "width": 3, "dash": "dash"}, "marker": {"size": 9}},
    ]  # fmt: skip
    if early:
        last = np.array([result.history[i]["val_accuracy"][-1] for i in kept], dtype=np.float32)
        traces.append({
            "type": "scatter", "mode": "lines+markers", "x": labels, "y": typed(last), "xaxis": "x",
            "yaxis": "y", "name": t("legend.last_score", lang), "legendgroup": "score",
            "line": {"color": VAL_COLOR, "width": 2, "dash": "dot"},
            "marker": {"size": 7, "symbol": "circle-open"},
        })  # fmt: skip
    # a log scale where the losses allow it: a training loss of 0.0001 under a validation loss of
    # 0.1 is the gap of overfitting, and it is invisible on a linear scale
    loss_scale = log_axis([*train, *val]) if (train > 0).all() and (val > 0).all() else {}
    layout = _layout(
        "", height=height + (40 if early else 0),  # a phone stacks the legend's four entries
        xaxis={**axis_alpha, "domain": [0, 0.45]},
        yaxis={"title": {"text": metric_title("val_accuracy", result, lang)}},
        xaxis2={**axis_alpha, "domain": [0.55, 1], "anchor": "y2"},
        # the losses' numbers and title on the right: between the panels a phone has 30 px
        yaxis2={"anchor": "x2", "side": "right", "title": {"text": t("axis.loss", lang)}, **loss_scale},
        # under the charts, clear of every point (inside the loss panel it covered α = 0's on a
        # phone): under the loss panel, or from the left when the score's two lines have entries
        # too; in one row where it fits (grouped, each trace outside a group took a row of its own)
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom",
                "x": 0 if early else 0.55, "traceorder": "normal", "font": {"size": 11}},
        annotations=[
            _subtitle(t("figure.sweep_accuracy_kept" if early else "figure.sweep_accuracy", lang), 0.225),
            _subtitle(t("figure.sweep_loss_kept" if early else "figure.sweep_loss", lang), 0.775),
        ],
    )  # fmt: skip
    lines = max(note["text"].count("<br>") + 1 for note in layout["annotations"])
    # the subtitles' lines over the panels, under room for plotly's modebar, which a student
    # pointing at the chart brings up over its top right corner (it covered 16 px of the subtitle)
    layout["margin"] |= {"t": MODEBAR_PX + 14 + 17 * lines, "r": 60}
    return {"data": traces, "layout": layout}


def _subtitle(text: str, x: float) -> dict:
    return panel_title(wrap(text, 17), x)  # a phone's panel: 115 px


def histogram_figure(result: SweepResult, lang: str, row_height: int = 90) -> dict:
    """All weight-matrix entries of each network, one row per α, on shared bins centred on 0:
    growing α squeezes the histogram toward 0 (L2) or piles weights onto 0 (L1)."""
    kept = _trained(result)
    if not kept:
        return {"data": [], "layout": _layout(t("figure.histograms", lang), height=120)}
    weights = [np.concatenate([layer[i].ravel() for layer in result.weights]) for i in kept]
    reach = float(max(np.abs(w).max() for w in weights)) or 1.0
    edges = np.linspace(-reach, reach, HISTOGRAM_BINS + 1)
    centers = ((edges[:-1] + edges[1:]) / 2).astype(np.float32)
    colors = alpha_colors(result.alphas)
    rows = len(kept)
    gap = 0.25 / rows
    height = (1 - gap * (rows - 1)) / rows
    traces, layout_axes, annotations = [], {}, []
    for row, (index, values) in enumerate(zip(kept, weights, strict=True)):
        counts, _ = np.histogram(values, bins=edges)
        suffix = axis_suffix(row + 1)
        top = 1 - row * (height + gap)
        traces.append({
            "type": "bar", "x": typed(centers), "y": typed(counts.astype(np.float32)),
            "xaxis": f"x{suffix}", "yaxis": f"y{suffix}", "marker": {"color": colors[index]},
            "name": t("legend.alpha", lang, alpha=alpha_label(result.alphas[index])), "showlegend": False,
        })  # fmt: skip
        layout_axes[f"xaxis{suffix}"] = {
            "domain": [0, 1], "anchor": f"y{suffix}", "matches": "x" if row else None,
            "showticklabels": row == rows - 1,
            "title": {"text": t("axis.weight", lang)} if row == rows - 1 else None,
        }  # fmt: skip
        layout_axes[f"yaxis{suffix}"] = {
            "domain": [max(top - height, 0), top],
            "anchor": f"x{suffix}",
            "nticks": 3,
        }
        share = result.final("sparsity")[index]
        annotations.append({
            "text": f"α = {alpha_label(result.alphas[index])} · |w|<0.001: {share:.0%}", "x": 1, "y": top,
            "xref": "paper", "yref": "paper", "xanchor": "right", "yanchor": "top", "showarrow": False,
            "font": {"size": 12}, "bgcolor": "rgba(255,255,255,0.7)",
        })  # fmt: skip
    layout_axes = {
        name: {k: v for k, v in axis.items() if v is not None} for name, axis in layout_axes.items()
    }
    layout = _layout(
        t("figure.histograms", lang), height=90 + row_height * rows, bargap=0, annotations=annotations,
        **layout_axes,
    )  # fmt: skip
    return {"data": traces, "layout": layout}


def filters_figure(result: SweepResult, lang: str, units: int = FILTER_UNITS) -> dict:
    """The first layer's weights of the first `units` units as 8×8 images, one row per α, tiles
    separated by a white (zero) line. Each row is scaled to its own largest |w| so patterns stay
    visible as the weights shrink; what turns white is (close to) zero."""
    kept = _trained(result)
    if not kept:
        return {"data": [], "layout": _layout("", height=120)}
    first = result.weights[0]  # (models, units, 64)
    units = min(units, first.shape[1])
    side = math.isqrt(first.shape[2])
    tile = side + 1
    image = np.zeros((len(kept) * tile - 1, units * tile - 1), dtype=np.float32)
    for row, index in enumerate(kept):
        scale = float(np.abs(first[index, :units]).max()) or 1.0
        for unit in range(units):
            block = first[index, unit].reshape(side, side) / scale
            image[row * tile : row * tile + side, unit * tile : unit * tile + side] = block
    ticks = [row * tile + (side - 1) / 2 for row in range(len(kept))]
    trace = {
        "type": "heatmap", "z": typed(image), "colorscale": DIVERGING, "zmin": -1,
        "zmax": 1, "zmid": 0, "showscale": False, "hoverinfo": "skip", "xgap": 0, "ygap": 0,
    }  # fmt: skip
    layout = _layout(
        t("figure.filters", lang, units=units), height=80 + 62 * max(len(kept), 1),
        xaxis={"showticklabels": False, "showgrid": False, "zeroline": False, "constrain": "domain"},
        yaxis={"autorange": "reversed", "scaleanchor": "x", "showgrid": False, "zeroline": False,
               "tickvals": ticks, "ticktext": [f"α = {alpha_label(result.alphas[i])}" for i in kept]},
        plot_bgcolor="white",
    )  # fmt: skip
    return {"data": [trace], "layout": layout}


def boundary_figure(
    result: SweepResult, points: np.ndarray, labels: np.ndarray, panel_height: int = 260
) -> dict:
    """Small multiples, one per α: the probability of class 1 over the plane (0.5 is the
    decision boundary) and the training points on top."""
    grid = result.boundary
    kept = _trained(result)
    if grid is None or not kept:
        return {"data": [], "layout": _layout("", height=120)}
    columns = min(BOUNDARY_COLUMNS, len(kept))
    rows = math.ceil(len(kept) / columns)
    panels = panel_grid(rows, columns, x_gap=0.03, y_gap=0.12 / rows)
    width = panels[0].x[1] - panels[0].x[0]  # every panel's
    traces, axes, annotations = [], {}, []
    for panel, index in zip(panels, kept, strict=False):  # the last row may have empty cells
        probability = typed(grid.probability[index])
        traces.append({
            "type": "heatmap", "x": typed(grid.xs), "y": typed(grid.ys), "z": probability,
            "zmin": 0, "zmax": 1, "colorscale": [[0, TRAIN_COLOR], [0.5, "#f7f7f7"], [1, VAL_COLOR]],
            "showscale": False, **panel.on, "hoverinfo": "skip",
        })  # fmt: skip
        traces.append({
            "type": "contour", "x": typed(grid.xs), "y": typed(grid.ys), "z": probability,
            "contours": {"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"},
            "line": {"color": "#1a1a1a", "width": 2}, "showscale": False, "showlegend": False,
            "hoverinfo": "skip", **panel.on,
        })  # fmt: skip
        for label, color, symbol in ((0, TRAIN_COLOR, "circle"), (1, VAL_COLOR, "diamond")):
            chosen = points[labels == label]
            traces.append({
                "type": "scatter", "mode": "markers", "x": typed(chosen[:, 0]), "y": typed(chosen[:, 1]),
                "marker": {"color": color, "symbol": symbol, "size": 6,
                           "line": {"color": "white", "width": 0.8}},
                **panel.on, "showlegend": False, "hoverinfo": "skip",
            })  # fmt: skip
        axes |= panel.axes(x={"showticklabels": False}, y={"showticklabels": False})
        title = f"α = {alpha_label(result.alphas[index])}"
        annotations.append(_panel_title(title, panel.x[0] + width / 2, panel.y[1]))
    layout = _layout("", height=40 + MODEBAR_PX + panel_height * rows, annotations=annotations, **axes)
    layout["margin"] = {"l": 10, "r": 10, "t": 30 + MODEBAR_PX, "b": 10}  # the titles under the modebar
    return {"data": traces, "layout": layout}


def _panel_title(text: str, x: float, y: float) -> dict:
    return panel_title([text], x, y, bold=False)


def generalized_at(result: SweepResult) -> list[int | None]:
    """Per α, the first epoch whose validation accuracy passed GENERALIZED (None: not yet)."""
    return [
        next((epoch for epoch, v in enumerate(h["val_accuracy"], start=1) if v > GENERALIZED), None)
        for h in result.history
    ]


def grokking_figure(result: SweepResult, lang: str, steps_per_epoch: int, height: int = 380) -> dict:
    """Grokking, side by side over the training steps on a log axis: training accuracy (dotted)
    and validation accuracy (solid) per α, a star where each α first generalizes; and the weight
    norm, which falls as it does. Needs histories with "train_accuracy" (options.TRAIN_ACCURACY)."""
    colors = alpha_colors(result.alphas)
    marks = generalized_at(result)
    traces = []
    longest = max((len(h["val_accuracy"]) for h in result.history), default=0)
    for index, alpha in enumerate(result.alphas):
        history = result.history[index]
        steps = np.arange(1, len(history["val_accuracy"]) + 1, dtype=np.float32) * steps_per_epoch
        mark = marks[index]
        name = (
            t("legend.generalized", lang, alpha=alpha_label(alpha), step=int(mark * steps_per_epoch))
            if mark
            else t("legend.alpha", lang, alpha=alpha_label(alpha))
        )
        line = {"color": colors[index], "width": 2}
        group = {"legendgroup": str(index), "hoverinfo": "x+y+name"}
        traces += [
            {"type": "scatter", "mode": "lines", "x": typed(steps), "name": name, "showlegend": True,
             "y": typed(np.asarray(history["val_accuracy"], dtype=np.float32)), "line": line, **group},
            {"type": "scatter", "mode": "lines", "x": typed(steps), "name": name, "showlegend": False,
             "y": typed(np.asarray(history["train_accuracy"], dtype=np.float32)),
             "line": {**line, "dash": "dot"}, **group},
            {"type": "scatter", "mode": "lines", "x": typed(steps), "name": name, "showlegend": False,
             "y": typed(np.asarray(history["weight_norm"], dtype=np.float32)),
             "line": line, "xaxis": "x2", "yaxis": "y2", **group},
        ]  # fmt: skip
        if mark:
            traces.append({
                "type": "scatter", "mode": "markers", "x": [float(mark * steps_per_epoch)],
                "y": [history["val_accuracy"][mark - 1]], "name": name, "showlegend": False, **group,
                "marker": {"color": colors[index], "size": 14, "symbol": "star",
                           "line": {"color": "#1a1a1a", "width": 1}},
            })  # fmt: skip
    step_axis = {
        **log_axis([steps_per_epoch, max(longest, 1) * steps_per_epoch]),
        "title": {"text": t("axis.step", lang), "standoff": 4},
    }
    layout = _layout(
        "", height=height + MODEBAR_PX, showlegend=True,
        xaxis={**step_axis, "domain": [0, 0.45], "anchor": "y"},
        yaxis={"range": [-0.02, 1.02], "anchor": "x", "tickformat": ".0%"},
        xaxis2={**step_axis, "domain": [0.55, 1], "anchor": "y2"},
        yaxis2={"anchor": "x2", "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.25, "yanchor": "top", "font": {"size": 12}},
        annotations=[
            _panel_title(f"<b>{t('grokking.accuracy', lang)}</b>", 0.225, 1),
            _panel_title(f"<b>{t('metric.weight_norm', lang)}</b>", 0.775, 1),
        ],
    )  # fmt: skip
    layout["margin"]["t"] += MODEBAR_PX  # the panels' titles under the modebar
    return {"data": traces, "layout": layout}


def grokking_alt(result: SweepResult, lang: str, steps_per_epoch: int) -> str:
    """The grokking chart's text alternative: when each α generalized, or where it ended."""
    ends = []
    for alpha, history, mark in zip(result.alphas, result.history, generalized_at(result), strict=True):
        if not history["val_accuracy"]:
            continue
        norm = f"{history['weight_norm'][-1]:.1f}"
        if mark:
            step = mark * steps_per_epoch
            ends.append(t("grokking.alt_generalized", lang, alpha=alpha_label(alpha), step=step, norm=norm))
        else:
            accuracy = f"{history['val_accuracy'][-1]:.0%}"
            ends.append(t("grokking.alt_not", lang, alpha=alpha_label(alpha), accuracy=accuracy, norm=norm))
    return t("grokking.alt", lang, ends=" ".join(ends))

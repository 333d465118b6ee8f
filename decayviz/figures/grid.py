"""The lr × weight-decay grid (Loshchilov & Hutter 2019, Fig. 2): final validation accuracy of
every (lr, λ = 2α) cell, one heatmap per optimizer side by side, with the lines of equal lr·λ
(the timescale τ = 1/(lr·λ) of decoupled decay, Wang & Aitchison 2024), each grid's best cell
starred and a diverged cell crossed out. GridResults in, a plotly spec out; no torch here.

The axes are log10 of lr and λ drawn on linear axes labelled with the plain values: a cell is
then one square and a line of equal lr·λ is a straight diagonal (log lr + log λ = constant).
"""

from __future__ import annotations

import math

import numpy as np

from decayviz.figures import MODEBAR_PX, typed
from decayviz.figures.palette import INK, TEXT
from decayviz.i18n import t
from decayviz.training.result import GridResult

PANEL_TITLES = {"adam": "grid.panel.adam", "adamw": "grid.panel.adamw"}  # by config.optimizer
LINE_COLORS = ("#ffffff", INK)  # a white line under a dark dash: seen on dark and light cells
LABEL_CHIP = "rgba(255, 255, 255, 0.8)"


def best_cell(result: GridResult, metric: str = "val_accuracy") -> tuple[int, int] | None:
    """(lr index, α index) of the highest finite final `metric`, or None before any epoch."""
    values = result.final(metric)
    if not np.isfinite(values).any():
        return None
    i, j = np.unravel_index(np.nanargmax(values), values.shape)
    return int(i), int(j)


def tau_lines(lrs, lambdas) -> list[float]:
    """The values of lr·λ, one per decade, whose lines cross the grid's square."""
    low = math.floor(math.log10(min(lrs) * min(lambdas)))
    high = math.ceil(math.log10(max(lrs) * max(lambdas)))
    return [10.0**k for k in range(low + 1, high)]


def grid_figure(result: GridResult, lang: str, height: int = 400) -> dict:
    """One optimizer's heatmap (its config.optimizer names it), each cell labelled with its
    accuracy on one fixed scale from 0 to 1, so that two of them side by side (or stacked on a
    phone) compare at a glance."""
    lambdas = [2 * a for a in result.alphas]
    xs, ys = np.log10(lambdas), np.log10(result.lrs)
    values = result.final("val_accuracy")
    text = [[("—" if math.isnan(v) else f"{v:.0%}") for v in row] for row in values]
    z = [[None if math.isnan(v) else round(float(v), 4) for v in row] for row in values]
    traces = [{
        "type": "heatmap", "x": typed(xs), "y": typed(ys), "z": z, "zmin": 0.0, "zmax": 1.0,
        "colorscale": "Viridis", "showscale": False, "text": text, "xgap": 1, "ygap": 1,
        "hovertemplate": f"lr=%{{customdata[0]}}<br>λ=%{{customdata[1]}}<br>{t('grid.colorbar', lang)}:"
                         " %{text}<extra></extra>",
        "customdata": [[[f"{lr:g}", f"{lam:g}"] for lam in lambdas] for lr in result.lrs],
    }]  # fmt: skip
    lo_x, hi_x = xs[0] - 0.5 * (xs[1] - xs[0]), xs[-1] + 0.5 * (xs[-1] - xs[-2])
    lo_y, hi_y = ys[0] - 0.5 * (ys[1] - ys[0]), ys[-1] + 0.5 * (ys[-1] - ys[-2])
    for number, product in enumerate(tau_lines(result.lrs, lambdas)):  # log lr = log(lr·λ) − log λ
        c = math.log10(product)
        x0, x1 = max(lo_x, c - hi_y), min(hi_x, c - lo_y)
        if x1 <= x0:
            continue
        traces += [{
            "type": "scatter", "mode": "lines", "x": [x0, x1], "y": [c - x0, c - x1],
            "line": {"color": color, "width": 3 if color == LINE_COLORS[0] else 1.2,
                     "dash": "solid" if color == LINE_COLORS[0] else "dash"},
            "name": t("grid.tau_lines", lang), "legendgroup": "tau",
            "showlegend": number == 0 and color == LINE_COLORS[1],
            "hovertemplate": f"lr·λ = {product:g}, τ = {1 / product:g}<extra></extra>",
        } for color in LINE_COLORS]  # fmt: skip
    crossed = [(i, j) for i, row in enumerate(result.diverged_at) for j, e in enumerate(row) if e]
    if crossed:
        traces.append({
            "type": "scatter", "mode": "markers", "x": [float(xs[j]) for _, j in crossed],
            "y": [float(ys[i]) for i, _ in crossed], "name": t("grid.diverged", lang), "hoverinfo": "name",
            "marker": {"symbol": "x-thin", "size": 22, "line": {"color": "#d55e00", "width": 3}},
        })  # fmt: skip
    best = best_cell(result)
    if best is not None:
        i, j = best
        traces.append({
            "type": "scatter", "mode": "markers", "x": [float(xs[j])], "y": [float(ys[i])],
            "name": t("grid.best", lang), "hoverinfo": "name", "cliponaxis": False,  # whole in the top row
            "marker": {"symbol": "square-open", "size": 40, "line": {"color": INK, "width": 3}},
        })  # fmt: skip
    layout = {
        # the title just over the heatmap, under room for plotly's modebar (which covered it whole)
        "height": height, "margin": {"l": 60, "r": 10, "t": 36 + MODEBAR_PX, "b": 60},
        "title": {"text": f"<b>{t(PANEL_TITLES[result.config.optimizer], lang)}</b>", "font": {"size": 15,
                  "color": TEXT}, "x": 0.5, "xanchor": "center", "yref": "paper", "y": 1,
                  "yanchor": "bottom", "pad": {"b": 8}},
        "xaxis": {"range": [lo_x, hi_x], "tickvals": xs.tolist(), "ticktext": [f"{v:g}" for v in lambdas],
                  "title": {"text": t("grid.axis_wd", lang), "standoff": 4}, "showgrid": False},
        "yaxis": {"range": [lo_y, hi_y], "tickvals": ys.tolist(), "ticktext": [f"{v:g}" for v in result.lrs],
                  "title": {"text": t("grid.axis_lr", lang), "standoff": 2}, "showgrid": False},
        "legend": {"orientation": "h", "y": -0.22, "yanchor": "top", "font": {"size": 12, "color": INK}},
        "showlegend": True, "plot_bgcolor": "#ffffff", "annotations": cell_labels(xs, ys, text),
    }  # fmt: skip
    return {"data": traces, "layout": layout}


def cell_labels(xs, ys, text: list[list[str]]) -> list[dict]:
    """Each cell's accuracy on a light chip, drawn over the lines of equal lr·λ (which pass near
    the cells' middles, and crossed the heatmap's own labels): dark text reads on every cell."""
    return [
        {"x": float(x), "y": float(y), "text": label, "showarrow": False, "font": {"size": 12, "color": INK},
         "bgcolor": LABEL_CHIP, "borderpad": 1}
        for y, row in zip(ys, text, strict=True) for x, label in zip(xs, row, strict=True)
    ]  # fmt: skip

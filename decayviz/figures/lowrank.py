"""The low-rank section's chart: singular values under three penalties, gradient descent on the two
factors animated in the browser (in the first panel), and the rank as α grows; and the picture
under each penalty, as images."""

from __future__ import annotations

import numpy as np

from decayviz.figures import animation_controls, log_axis, panel_title, round_steps, typed
from decayviz.figures.palette import GREY, INK, OKABE_ITO
from decayviz.i18n import t
from decayviz.lowrank import PENALTY_KINDS, LowRankSection

COLORS = {
    "factors": OKABE_ITO["vermillion"],
    "l2": OKABE_ITO["blue"],
    "l1_entries": OKABE_ITO["bluish_green"],
}
SYMBOLS = {"factors": "circle", "l2": "square", "l1_entries": "diamond"}
DASHES = {"factors": "solid", "l2": "dash", "l1_entries": "dot"}
KIND_KEYS = {
    "factors": "lowrank.kind.factors",
    "l2": "lowrank.kind.l2",
    "l1_entries": "lowrank.kind.l1_entries",
}
FRAMES = 60
FRAME_MS = 80


def _floor(d: np.ndarray) -> float:
    """Where an exact zero is drawn on the log axis of singular values: a decade under D's
    smallest singular value, labelled "0"."""
    return float(10.0 ** np.floor(np.log10(max(float(np.min(d[d > 0])), 1e-12)) - 1))


def _sigma_axis(d: np.ndarray, title: str | None) -> dict:
    """A log axis of singular values with a "0" tick at the floor (exact zeros sit on it)."""
    floor = _floor(d)
    axis = log_axis([floor * 10, float(d.max())])
    axis["tickvals"] = [floor, *axis.get("tickvals", [])]
    axis["ticktext"] = ["0", *axis.get("ticktext", [])]
    axis["range"] = [np.log10(floor) - 0.3, np.log10(float(d.max())) + 0.3]
    return axis | ({"title": {"text": title}} if title else {})


def _shown(values: np.ndarray, floor: float) -> np.ndarray:
    """Values as drawn on the log axis: exact zeros, and anything below the floor, on the floor."""
    return np.maximum(values, floor)


def _panel_title(text: str, x: float, y: float) -> dict:
    return panel_title([text], x, y, size=14)


def spectra_figure(section: LowRankSection, lang: str) -> dict:
    """Top: one panel per penalty, D's singular values (grey rings) and the optimum's (filled). In
    the first, the closed form max(d − 2α, 0) is ringed in ink and the filled markers are gradient
    descent on A and B, which Play runs in the browser. Bottom: each optimum's rank against α,
    the chosen α marked."""
    d = section.d
    history = section.descent.singular_values
    floor = _floor(d)  # the descent's values below it (on their way to 0) are drawn on it
    index = typed(np.arange(1, len(d) + 1), "u2")
    width = (1.0 - 2 * 0.06) / 3
    steps = [int(s) for s in round_steps(len(history), FRAMES)]

    def descent_at(step: int) -> dict:
        values = history[step]
        return {"y": typed(_shown(values, floor)), "customdata": typed(values)}

    data: list[dict] = []
    layout: dict = {
        "height": 660,
        "margin": {"l": 60, "r": 10, "t": 56, "b": 110},
        "hovermode": "closest",
        "annotations": [],
    }
    for col, kind in enumerate(PENALTY_KINDS, start=1):
        suffix = "" if col == 1 else str(col)
        x0 = (col - 1) * (width + 0.06)
        axes = {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}", "showlegend": False}
        data.append(
            {
                **axes,
                "type": "scatter",
                "mode": "markers",
                "x": index,
                "y": typed(d),
                "marker": {"color": "rgba(0,0,0,0)", "size": 9, "line": {"color": GREY, "width": 1.5}},
                "hovertemplate": "σ%{x} = %{y:.3g}<extra>D</extra>",
            }
        )
        if kind == "factors":  # the closed form ringed, the descent (the animated trace) filled
            data.append(
                {
                    **axes,
                    "type": "scatter",
                    "mode": "markers",
                    "x": index,
                    "y": typed(_shown(section.spectra[kind], floor)),
                    "customdata": typed(section.spectra[kind]),
                    "marker": {"color": "rgba(0,0,0,0)", "size": 14, "line": {"color": INK, "width": 2}},
                    "hovertemplate": "σ%{x} = %{customdata:.3g}<extra></extra>",
                }
            )
            shown = descent_at(steps[-1])
        else:
            values = section.spectra[kind]
            shown = {"y": typed(_shown(values, floor)), "customdata": typed(values)}
        data.append(
            {
                **axes,
                **shown,
                "type": "scatter",
                "mode": "markers",
                "x": index,
                "marker": {"color": COLORS[kind], "symbol": SYMBOLS[kind], "size": 7},
                "hovertemplate": "σ%{x} = %{customdata:.3g}<extra></extra>",
            }
        )
        layout[f"xaxis{suffix}"] = {
            "domain": [x0, x0 + width],
            "anchor": f"y{suffix}",
            "title": {"text": t("lowrank.index_axis", lang)},
            "range": [0, len(d) + 1],
        }
        layout[f"yaxis{suffix}"] = {
            "domain": [0.5, 0.93],
            "anchor": f"x{suffix}",
            **_sigma_axis(d, t("lowrank.sigma_axis", lang) if col == 1 else None),
            "showticklabels": col == 1,
        }
        title = t(KIND_KEYS[kind], lang) + "<br>" + t("lowrank.rank_label", lang, rank=section.ranks[kind])
        layout["annotations"].append(_panel_title(title, x0 + width / 2, 0.94))
    for kind in PENALTY_KINDS:  # the rank against α
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": typed(section.alphas),
                "y": typed(section.rank_paths[kind], "u2"),
                "xaxis": "x4",
                "yaxis": "y4",
                "name": t(KIND_KEYS[kind], lang),
                "line": {"color": COLORS[kind], "dash": DASHES[kind], "width": 2.5, "shape": "hv"},
                "marker": {"color": COLORS[kind], "symbol": SYMBOLS[kind], "size": 6},
                "hovertemplate": "α = %{x:g}: %{y}<extra>" + t(KIND_KEYS[kind], lang) + "</extra>",
            }
        )
    data.append(
        {
            "type": "scatter",
            "mode": "lines",
            "x": [section.alpha, section.alpha],
            "y": [0, len(d)],
            "xaxis": "x4",
            "yaxis": "y4",
            "showlegend": False,
            "line": {"color": INK, "width": 1.5, "dash": "dash"},
            "hoverinfo": "skip",
        }
    )
    layout["xaxis4"] = {
        "domain": [0.0, 1.0],
        "anchor": "y4",
        **log_axis(section.alphas),
        "title": {"text": t("lowrank.alpha_axis", lang)},
    }
    layout["yaxis4"] = {
        "domain": [0.0, 0.3],
        "anchor": "x4",
        "range": [-0.5, len(d) + 1],
        "title": {"text": t("lowrank.rank_axis", lang)},
    }
    layout["legend"] = {
        "x": 0.01,
        "y": 0.02,
        "xanchor": "left",
        "yanchor": "bottom",
        "bgcolor": "rgba(255,255,255,0.85)",
    }
    layout.update(animation_controls(steps, lang, FRAME_MS, from_current=False, y=0.0, below_px=44))
    frames = [{"name": str(s), "traces": [DESCENT_TRACE], "data": [descent_at(s)]} for s in steps]
    return {"data": data, "layout": layout, "frames": frames}


DESCENT_TRACE = 2  # in spectra_figure: D's rings, the closed form's rings, then the descent


def picture_images(section: LowRankSection, scale: int = 8) -> list[np.ndarray]:
    """The noisy picture D and its optimum under each penalty (PENALTY_KINDS), as grey images on
    one scale, each pixel `scale`×`scale` (a browser would blur a 24-pixel image scaled up)."""
    panels = [section.picture.noisy] + [section.matrices[kind] for kind in PENALTY_KINDS]
    low = min(float(W.min()) for W in panels)
    high = max(float(W.max()) for W in panels)
    block = np.ones((scale, scale))
    return [np.kron((W - low) / (high - low), block).clip(0.0, 1.0) for W in panels]

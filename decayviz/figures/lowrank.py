"""The low-rank section's chart: singular values under three penalties, gradient descent on the two
factors animated in the browser (in the first panel), and the rank as α grows; and the picture
under each penalty, as images."""

from __future__ import annotations

import numpy as np

from decayviz.figures import (
    Panel,
    animation_controls,
    axis_suffix,
    log_axis,
    panel_grid,
    panel_title,
    round_steps,
    typed,
    with_roles,
)
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


def _spectrum(values: np.ndarray, floor: float) -> dict:
    """A trace's singular values as drawn (zeros on the floor) and as its hover says them."""
    return {"y": typed(_shown(values, floor)), "customdata": typed(values)}


def _descent_at(section: LowRankSection, step: int) -> dict:
    """The descent's singular values at `step`: the still chart's markers and each frame."""
    return _spectrum(section.descent.singular_values[step], _floor(section.d))


def _ring(color: str, size: int, width: float) -> dict:
    return {"color": "rgba(0,0,0,0)", "size": size, "line": {"color": color, "width": width}}


def _spectrum_traces(section: LowRankSection, kind: str, panel: Panel, step: int) -> list:
    """One penalty's panel, as (role, trace) pairs: D's singular values ringed in grey and the
    optimum's filled. Under L2 on the factors the closed form is ringed in ink and the filled
    markers are the descent at `step` (role "descent": the trace Play moves)."""
    d, floor = section.d, _floor(section.d)
    points = {**panel.on, "showlegend": False, "type": "scatter", "mode": "markers"}
    points["x"] = typed(np.arange(1, len(d) + 1), "u2")
    hover = "σ%{x} = %{customdata:.3g}<extra></extra>"
    rings = {**points, "y": typed(d), "marker": _ring(GREY, 9, 1.5)}
    pieces: list = [(None, rings | {"hovertemplate": "σ%{x} = %{y:.3g}<extra>D</extra>"})]
    if kind == "factors":
        closed_form = {**points, **_spectrum(section.spectra[kind], floor), "marker": _ring(INK, 14, 2)}
        pieces.append((None, closed_form | {"hovertemplate": hover}))
        role, shown = "descent", _descent_at(section, step)
    else:
        role, shown = None, _spectrum(section.spectra[kind], floor)
    marker = {"color": COLORS[kind], "symbol": SYMBOLS[kind], "size": 7}
    return [*pieces, (role, {**points, **shown, "marker": marker, "hovertemplate": hover})]


def _spectrum_axes(section: LowRankSection, panel: Panel, first: bool, lang: str) -> dict:
    """A spectrum panel's axes: the index of a singular value, and σ (titled and numbered on the
    first panel alone: the three share its scale)."""
    sigma = _sigma_axis(section.d, t("lowrank.sigma_axis", lang) if first else None)
    return panel.axes(
        x={"title": {"text": t("lowrank.index_axis", lang)}, "range": [0, len(section.d) + 1]},
        y={**sigma, "showticklabels": first},
    )


def _spectrum_title(section: LowRankSection, kind: str, panel: Panel, lang: str) -> dict:
    title = t(KIND_KEYS[kind], lang) + "<br>" + t("lowrank.rank_label", lang, rank=section.ranks[kind])
    return panel_title([title], sum(panel.x) / 2, 0.94, size=14)


def _rank_traces(section: LowRankSection, panel: Panel, lang: str) -> list[dict]:
    """Each optimum's rank against α, and the chosen α (a dashed line)."""
    traces = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": typed(section.alphas),
            "y": typed(section.rank_paths[kind], "u2"),
            **panel.on,
            "name": t(KIND_KEYS[kind], lang),
            "line": {"color": COLORS[kind], "dash": DASHES[kind], "width": 2.5, "shape": "hv"},
            "marker": {"color": COLORS[kind], "symbol": SYMBOLS[kind], "size": 6},
            "hovertemplate": "α = %{x:g}: %{y}<extra>" + t(KIND_KEYS[kind], lang) + "</extra>",
        }
        for kind in PENALTY_KINDS
    ]
    chosen = {
        "type": "scatter",
        "mode": "lines",
        "x": [section.alpha, section.alpha],
        "y": [0, len(section.d)],
        **panel.on,
        "showlegend": False,
        "line": {"color": INK, "width": 1.5, "dash": "dash"},
        "hoverinfo": "skip",
    }
    return [*traces, chosen]


def _rank_axes(section: LowRankSection, panel: Panel, lang: str) -> dict:
    return panel.axes(
        x={**log_axis(section.alphas), "title": {"text": t("lowrank.alpha_axis", lang)}},
        y={"range": [-0.5, len(section.d) + 1], "title": {"text": t("lowrank.rank_axis", lang)}},
    )


def spectra_figure(section: LowRankSection, lang: str) -> dict:
    """Top: one panel per penalty, D's singular values (grey rings) and the optimum's (filled). In
    the first, the closed form max(d − 2α, 0) is ringed in ink and the filled markers are gradient
    descent on A and B, which Play runs in the browser. Bottom: each optimum's rank against α,
    the chosen α marked."""
    steps = [int(s) for s in round_steps(len(section.descent.singular_values), FRAMES)]
    spectra = panel_grid(1, len(PENALTY_KINDS), x_gap=0.06, bottom=0.55, top=0.93)
    ranks = Panel(axis_suffix(len(spectra) + 1), [0.0, 1.0], [0.0, 0.28])
    pieces = [
        piece
        for panel, kind in zip(spectra, PENALTY_KINDS, strict=True)
        for piece in _spectrum_traces(section, kind, panel, steps[-1])
    ]
    data, roles = with_roles([*pieces, *((None, trace) for trace in _rank_traces(section, ranks, lang))])
    layout: dict = {
        "height": 700,
        "margin": {"l": 60, "r": 10, "t": 56, "b": 110},
        "hovermode": "closest",
        "annotations": [],
    }
    for panel, kind in zip(spectra, PENALTY_KINDS, strict=True):
        layout |= _spectrum_axes(section, panel, panel is spectra[0], lang)
        layout["annotations"].append(_spectrum_title(section, kind, panel, lang))
    layout |= _rank_axes(section, ranks, lang)
    # over the rank panel, in the room under the spectra's axis titles: inside it, the legend hid
    # the steps of the first rank to fall on a phone's narrow panel (one row where it fits)
    layout["legend"] = {"orientation": "h", "x": 0, "y": ranks.y[1] + 0.01, "yanchor": "bottom",
                        "traceorder": "normal"}  # fmt: skip
    layout.update(animation_controls(steps, lang, FRAME_MS, from_current=False, y=0.0, below_px=44))
    frames = [
        {"name": str(s), "traces": [roles["descent"]], "data": [_descent_at(section, s)]} for s in steps
    ]
    return {"data": data, "layout": layout, "frames": frames}


def picture_images(section: LowRankSection, scale: int = 8) -> list[np.ndarray]:
    """The noisy picture D and its optimum under each penalty (PENALTY_KINDS), as grey images on
    one scale, each pixel `scale`×`scale` (a browser would blur a 24-pixel image scaled up)."""
    panels = [section.picture.noisy] + [section.matrices[kind] for kind in PENALTY_KINDS]
    low = min(float(W.min()) for W in panels)
    high = max(float(W.max()) for W in panels)
    block = np.ones((scale, scale))
    return [np.kron((W - low) / (high - low), block).clip(0.0, 1.0) for W in panels]

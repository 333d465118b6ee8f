"""Plotly figure builders: arrays in, figure spec (a plain dict plotly.js reads) out.

Specs are plain dicts rather than plotly.graph_objects, because building and deep-copying
graph objects costs about 0.5 ms per animation frame, many times the rest of a rerun; tests
validate every spec with plotly.graph_objects.Figure so a typo cannot slip through.
"""

from __future__ import annotations

import base64

import numpy as np

from decayviz.i18n import t


def typed(values: np.ndarray, dtype: str = "f4") -> dict:
    """A plotly.js typed array ({"dtype", "bdata"}): compact base64 instead of a JSON list.

    Non-finite values must not reach a chart: callers slice them off; here they become gaps.
    """
    array = np.ascontiguousarray(values, dtype=np.dtype(dtype).newbyteorder("<"))
    if array.dtype.kind == "f" and not np.all(np.isfinite(array)):
        raise ValueError("non-finite values must not reach a chart")
    spec = {"dtype": dtype, "bdata": base64.b64encode(array.tobytes()).decode("ascii")}
    if array.ndim > 1:
        spec["shape"] = ", ".join(str(n) for n in array.shape)
    return spec


def decode(spec: dict | list) -> np.ndarray:
    """The array behind a typed-array spec (or a plain list): for tests and exports."""
    if isinstance(spec, dict) and "bdata" in spec:
        array = np.frombuffer(
            base64.b64decode(spec["bdata"]), dtype=np.dtype(spec["dtype"]).newbyteorder("<")
        )
        if "shape" in spec:
            array = array.reshape([int(n) for n in str(spec["shape"]).split(",")])
        return array
    return np.asarray(spec)


def decimate(n: int, most: int) -> np.ndarray:
    """At most `most` indices spread evenly over range(n), always keeping the first and last."""
    if n <= most:
        return np.arange(n)
    return np.unique(np.round(np.linspace(0, n - 1, most)).astype(int))


# One colour per idea, shared by every figure.
COLORS = {
    "path": "#e66101",
    "ghost": "#6b6b6b",
    "companion": "#5e3c99",
    "box": "#1b7837",
    "constraint": "#b2182b",
    "contour": "#2166ac",
    "optimum": "#b2182b",
    "data_loss": "#2166ac",
    "penalty": "#b2182b",
    "total": "#1a1a1a",
}


def animation_controls(steps: list[int], lang: str, frame_ms: int, from_current: bool, y: float) -> dict:
    """Play/Pause buttons and a step slider (at height y below the plot) that drive the frames
    in the browser, without a rerun. Frames are named by their step."""
    play = {
        "frame": {"duration": frame_ms, "redraw": False},
        "fromcurrent": from_current,
        "transition": {"duration": 0},
        "mode": "immediate",
    }
    jump = {"frame": {"duration": 0, "redraw": False}, "transition": {"duration": 0}, "mode": "immediate"}
    buttons = {
        "type": "buttons", "direction": "left", "x": 0.0, "y": y - 0.04, "xanchor": "left", "yanchor": "top",
        "pad": {"t": 0, "r": 8}, "showactive": False,
        "buttons": [
            {"label": "▶ " + t("ui.play", lang), "method": "animate", "args": [None, play]},
            {"label": "‖ " + t("ui.pause", lang), "method": "animate", "args": [[None], jump]},
        ],
    }  # fmt: skip
    slider = {
        "active": len(steps) - 1, "x": 0.22, "len": 0.78, "y": y, "yanchor": "top", "pad": {"t": 0},
        "currentvalue": {"prefix": t("ui.step", lang) + " ", "font": {"size": 14}},
        "transition": {"duration": 0},
        "steps": [{"label": str(s), "method": "animate", "args": [[str(s)], jump]} for s in steps],
    }  # fmt: skip
    return {"updatemenus": [buttons], "sliders": [slider]}

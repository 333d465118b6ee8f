"""Plotly figure builders: arrays in, figure spec (a plain dict plotly.js reads) out.

Specs are plain dicts rather than plotly.graph_objects, because building and deep-copying
graph objects costs about 0.5 ms per animation frame, many times the rest of a rerun; tests
validate every spec with plotly.graph_objects.Figure so a typo cannot slip through.
"""

from __future__ import annotations

import base64
import math
import re
from typing import NamedTuple

import numpy as np

from decayviz.figures.palette import COLORS, TEXT  # noqa: F401  COLORS: one colour per idea
from decayviz.i18n import t


def typed(values: np.ndarray, dtype: str = "f4", gaps: bool = False) -> dict:
    """A plotly.js typed array ({"dtype", "bdata"}): compact base64 instead of a JSON list.

    Non-finite values must not reach a chart: callers slice them off. With `gaps`, NaN is
    allowed and meant: plotly breaks a line there (many lines drawn as one trace).
    """
    array = np.ascontiguousarray(values, dtype=np.dtype(dtype).newbyteorder("<"))
    if array.dtype.kind == "f":
        bad = ~np.isfinite(array) & ~(np.isnan(array) if gaps else False)
        if np.any(bad):
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


def _round_strides():
    """1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, …: the strides a reader counts in."""
    yield from (1, 2, 5)
    scale = 10
    while True:
        yield from (scale, 2 * scale, 5 * scale // 2, 5 * scale)
        scale *= 10


def round_steps(n: int, most: int) -> np.ndarray:
    """At most `most` indices of range(n) at the finest round stride (0, 20, 40, …), and the last
    one: a slider labelled from these reads 0, 20, 40, …, not decimate's 0, 14, 27, …."""
    last = n - 1
    # a stride s makes ⌈last/s⌉ + 1 stops: 0, s, 2s, … and the last
    stride = next(s for s in _round_strides() if -(-last // s) + 1 <= most or s >= last)
    return np.append(np.arange(0, last, stride), last) if last > 0 else np.arange(n)


BUTTONS_PX = 105  # the room Play and Pause take left of the step slider (with below_px), words aside
BUTTON_FONT_PX = 26  # plotly.js sizes a button by its font: 26 px makes it about 42 px tall
BUTTON_WORD_PX = 15
# plotly.js's modebar (shown while the pointer is on a chart) over the chart's top right corner:
# the room a chart whose titles reach that corner leaves above them
MODEBAR_PX = 24
PLOTLY_FONT_PX = 12  # plotly.js's text size where a figure sets none (a slider's ticks, say)


# A small panel's log axis holds about this many labels one above another (a network page's
# panel is ~120 px tall on a projector): a training loss falling to 1e-15 spans 17 decades.
MAX_DECADE_LABELS = 5


def log_axis(values) -> dict:
    """A log axis labelled with plain numbers at 1, 2, 5 × 10^k (at 10^k alone over more than
    two decades, and at every second, third … decade down from the top one over more than
    MAX_DECADE_LABELS of them) over the positive `values`: plotly's own minor labels on a log
    axis are bare digits ("3" for 0.3), and its decades over a wide range pile up."""
    finite = np.asarray([v for v in values if v is not None and np.isfinite(v) and v > 0], dtype=float)
    if finite.size == 0:
        return {"type": "log"}
    smallest, largest = finite.min() / 1.5, finite.max() * 1.5  # a label this near counts
    low, high = int(np.floor(np.log10(finite.min()))), int(np.ceil(np.log10(finite.max())))
    if high - low <= 2:
        ticks = [m * 10.0**k for k in range(low, high + 1) for m in (1, 2, 5)]
    else:  # the decades alone
        top, bottom = int(np.floor(np.log10(largest))), int(np.ceil(np.log10(smallest)))
        stride = max(1, math.ceil((top - bottom + 1) / MAX_DECADE_LABELS))
        ticks = [10.0**k for k in range(top, bottom - 1, -stride)][::-1]
    ticks = [v for v in ticks if smallest <= v <= largest] or [10.0**low]
    return {"type": "log", "tickvals": ticks, "ticktext": [f"{v:g}" for v in ticks]}


def words_px(text: str) -> float:
    """About how wide `text` is at BUTTON_WORD_PX: a Hangul syllable is square, Latin letters
    about half as wide."""
    hangul, latin, space = BUTTON_WORD_PX, 0.57 * BUTTON_WORD_PX, 4
    return sum(hangul if "\uac00" <= c <= "\ud7a3" else space if c == " " else latin for c in text)


def panel_title(lines: list[str], x: float, y: float = 1.0, size: int = 13, bold: bool = True) -> dict:
    """A panel's title: an annotation in paper units, centred at x with its foot at y, one entry
    of `lines` a line (every panelled figure titles its panels with this)."""
    text = "<br>".join(f"<b>{line}</b>" if bold else line for line in lines)
    return {"text": text, "x": x, "y": y, "xref": "paper", "yref": "paper", "xanchor": "center",
            "yanchor": "bottom", "showarrow": False, "font": {"size": size}}  # fmt: skip


class Panel(NamedTuple):
    """One panel of a panelled figure: plotly's axis pair x{suffix}/y{suffix} and its place on the
    paper (domains in 0..1). Traces go on it with `**panel.on`, axes come from `panel.axes`."""

    suffix: str  # "" for the first axis pair, then "2", "3", …
    x: list[float]
    y: list[float]

    @property
    def on(self) -> dict:
        """The keys that put a trace on this panel."""
        return {"xaxis": f"x{self.suffix}", "yaxis": f"y{self.suffix}"}

    def axes(self, x: dict | None = None, y: dict | None = None) -> dict:
        """Layout entries for this panel's two axes, anchored to each other, `x`/`y` merged in."""
        return {
            f"xaxis{self.suffix}": {"domain": self.x, "anchor": f"y{self.suffix}", **(x or {})},
            f"yaxis{self.suffix}": {"domain": self.y, "anchor": f"x{self.suffix}", **(y or {})},
        }


def axis_suffix(number: int) -> str:
    """Plotly's suffix of the `number`-th axis pair (1-based): "" for the first, "2", "3", …"""
    return "" if number == 1 else str(number)


def panel_grid(
    rows: int,
    cols: int,
    *,
    x_gap: float = 0.05,
    y_gap: float = 0.1,
    left: float = 0.0,
    right: float = 1.0,
    bottom: float = 0.0,
    top: float = 1.0,
    first: int = 1,
) -> list[Panel]:
    """`rows` × `cols` equal panels in the box [left, right] × [bottom, top], `x_gap`/`y_gap`
    between them, listed row by row from the top left and numbered from axis pair `first`:
    every panelled figure lays out its panels with this."""
    width = (right - left - x_gap * (cols - 1)) / cols
    height = (top - bottom - y_gap * (rows - 1)) / rows
    panels = []
    for row in range(rows):
        y1 = top - row * (height + y_gap)
        for col in range(cols):
            x0 = left + col * (width + x_gap)
            number = first + row * cols + col
            panels.append(Panel(axis_suffix(number), [x0, x0 + width], [max(y1 - height, 0.0), y1]))
    return panels


def with_roles(pieces) -> tuple[list[dict], dict[str, int]]:
    """The traces of (role or None, trace) `pieces` in drawing order, and the index of each one
    with a role: animation frames address a trace by its role, never by a counted position."""
    data: list[dict] = []
    roles: dict[str, int] = {}
    for role, trace in pieces:
        if role is not None:
            if role in roles:
                raise ValueError(f"two traces with the role {role!r}")
            roles[role] = len(data)
        data.append(trace)
    return data, roles


def wrap(text: str, columns: int) -> list[str]:
    """`text` in lines of at most `columns` columns, broken between words, a Hangul syllable
    counting two (it is about twice as wide as a Latin letter): chart text wrapped by width,
    not by letters, fits the same room in Korean as in English. A longer word keeps a line; a
    group in parentheses that fits a line stays on one ("(데이터 텀)": a term, not two words)."""

    def width(line: str) -> int:
        return sum(2 if "\uac00" <= c <= "\ud7a3" else 1 for c in line)

    groups = re.findall(r"\([^()]*\)\S*|\S+", text)
    words = [part for group in groups for part in ([group] if width(group) <= columns else group.split())]
    lines: list[str] = []
    for word in words:
        line = f"{lines[-1]} {word}" if lines else word
        if lines and width(line) <= columns:
            lines[-1] = line
        else:
            lines.append(word)
    return lines


def animation_controls(
    steps: list[int],
    lang: str,
    frame_ms: int,
    from_current: bool,
    y: float,
    below_px: int | None = None,
    group: str | None = None,
) -> dict:
    """Play/Pause buttons and a step slider (at height y below the plot) that drive the frames
    in the browser, without a rerun. Frames are named by their step; with `group`, Play runs
    through that group of frames only (the landscape also has α frames).

    With `below_px`, the controls sit that many pixels under the plot (y is then the plot's
    bottom edge) and the slider starts right of the buttons, in pixels: nothing moves or
    overlaps when a page's CSS changes the chart's height."""
    play = {
        "frame": {"duration": frame_ms, "redraw": False},
        "fromcurrent": from_current,
        "transition": {"duration": 0},
        "mode": "immediate",
    }
    jump = {"frame": {"duration": 0, "redraw": False}, "transition": {"duration": 0}, "mode": "immediate"}
    pixels = below_px is not None

    def word(text: str) -> str:  # plotly sizes a button by its font: big (40 px tall), words smaller
        return f'<span style="font-size:{BUTTON_WORD_PX}px">{text}</span>' if pixels else text

    buttons = {
        "type": "buttons", "direction": "left", "x": 0.0, "y": y if pixels else y - 0.04,
        "xanchor": "left", "yanchor": "top",
        "pad": {"t": below_px + 6, "r": 8} if pixels else {"t": 0, "r": 8}, "showactive": False,
        "font": {"size": BUTTON_FONT_PX if pixels else 14}, "bgcolor": "#f4f4f6", "bordercolor": "#8a8a96",
        "buttons": [
            {"label": "▶ " + word(t("ui.play", lang)), "method": "animate", "args": [group, play]},
            {"label": "‖ " + word(t("ui.pause", lang)), "method": "animate", "args": [[None], jump]},
        ],
    }  # fmt: skip
    slider = {
        "active": len(steps) - 1, "yanchor": "top", "transition": {"duration": 0},
        "currentvalue": {"prefix": t("ui.step", lang) + " ", "font": {"size": 14}},
        "steps": [{"label": str(s), "method": "animate", "args": [[str(s)], jump]} for s in steps],
    }  # fmt: skip
    if pixels:  # the buttons' frames and symbols, and their words (Korean ones are wider)
        room = BUTTONS_PX + words_px(t("ui.play", lang) + t("ui.pause", lang))
        slider |= {"x": 0.0, "len": 1.0, "y": y, "pad": {"t": below_px, "l": room, "r": 4}}
    else:
        slider |= {"x": 0.22, "len": 0.78, "y": y, "pad": {"t": 0}}
    return {"updatemenus": [buttons], "sliders": [slider]}


def readable(spec: dict) -> dict:
    """The same figure with its text in palette.TEXT wherever the figure sets no colour: the
    page's theme (Streamlit's) draws tick labels and axis titles in a grey of 3.8:1 on white,
    under the 4.5:1 WCAG asks of text. A new spec; the cached one is shared by every session."""
    layout = dict(spec.get("layout", {}))
    layout["font"] = {"color": TEXT, **layout.get("font", {})}
    for name in {"xaxis", "yaxis", *layout}:
        axis = layout.get(name, {})
        if not (name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict)):
            continue
        title = axis.get("title", {})
        title = {"text": title} if isinstance(title, str) else title
        layout[name] = {
            **axis,
            "tickfont": {"color": TEXT, **axis.get("tickfont", {})},
            "title": {**title, "font": {"color": TEXT, **title.get("font", {})}},
        }
    return {**spec, "layout": layout}


def _bigger(font: dict | None, size: float) -> dict:
    """A font 1.35 times as large (`size` where it sets none), for the back of a room."""
    font = font or {}
    return {**font, "size": round(font.get("size", size) * 1.35)}


def _bigger_value(slider: dict, ticks: dict) -> dict:
    """A slider for the presentation view: its value in larger type, its ticks in `ticks`."""
    value = slider.get("currentvalue", {})
    value = {**value, "font": _bigger(value.get("font"), 14)}
    return {**slider, "font": slider.get("font", ticks), "currentvalue": value}


def presentation(spec: dict) -> dict:
    """The same figure for the back of a room: larger type, thicker lines, larger markers.
    A new spec (the cached one is shared by every session); frames, which carry only
    coordinates, are shared with it."""
    data = []
    for shared in spec["data"]:
        trace = dict(shared)
        if "line" in trace:
            trace["line"] = {**trace["line"], "width": trace["line"].get("width", 2) * 1.8}
        if "marker" in trace:
            marker = trace["marker"]
            trace["marker"] = {**marker, "size": marker.get("size", 6) * 1.4}
        if "textfont" in trace:
            trace["textfont"] = _bigger(trace["textfont"], 14)
        data.append(trace)
    layout = dict(spec["layout"])
    ticks = {"size": layout.get("font", {}).get("size", PLOTLY_FONT_PX)}  # what a slider's ticks had
    layout["font"] = _bigger(layout.get("font"), 14)
    if "legend" in layout:
        layout["legend"] = {**layout["legend"], "font": _bigger(layout["legend"].get("font"), 14)}
    if "sliders" in layout:  # the value a slider shows grows; its ticks keep their size and room
        layout["sliders"] = [_bigger_value(slider, ticks) for slider in layout["sliders"]]
    return {**spec, "data": data, "layout": layout}

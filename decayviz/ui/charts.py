"""Hand a prebuilt plotly spec to Streamlit without plotly's object model in between."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import streamlit as st

from decayviz.figures import presentation, readable
from decayviz.ui.controls import presenting
from decayviz.ui.style import MAIN_CHART


class SpecFigure(go.Figure):
    """A figure that serializes to a spec built as a plain dict (see decayviz.figures).

    st.plotly_chart turns a dict into a validated go.Figure and a go.Figure into a dict; both
    cost ~0.5 ms per animation frame. Handing it this figure skips straight to the JSON. It is
    a go.Figure only for st.plotly_chart's isinstance check, which then calls to_dict() and
    nothing else, so plotly's own (costly) initialization is skipped on purpose.
    """

    def __init__(self, spec: dict) -> None:  # no super().__init__(): see the class docstring
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def plotly_chart(spec: dict, key: str | None = None, alt: str | None = None, **kwargs: Any) -> None:
    """Show a figure spec; charts follow Streamlit's theme and hide plotly's logo. In the
    presentation view, type, lines and markers are larger. `alt`, the chart's text alternative
    (decayviz.describe), is the chart's accessible name (a figure's aria-label): no element of
    its own, which would cost each rerun and the page's first paint."""
    config = {"displaylogo": False, "responsive": True, **kwargs.pop("config", {})}
    spec = readable(spec)
    if presenting():
        spec = presentation(spec)
    st.plotly_chart(SpecFigure(spec), key=key, config=config, alt=alt, **kwargs)


def main_chart(spec: dict, key: str, alt: str | None = None, box: str = MAIN_CHART, **kwargs: Any) -> None:
    """A page's main chart, as tall as the screen allows under what is above it (`box`, one of
    decayviz.ui.style's chart boxes): on a projector, the whole chart with its Play button and
    sliders shows on opening. `kwargs` as plotly_chart's."""
    with st.container(key=box):
        plotly_chart(spec, key=key, alt=alt, height="stretch", **kwargs)

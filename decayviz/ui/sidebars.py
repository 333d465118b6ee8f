"""The landscape page's controls, drawn in the sidebar: the page and bench/controls_page.py
(its controls alone, the floor under its rerun time) draw the same widgets from here."""

import streamlit as st

from decayviz.i18n import t
from decayviz.state import defaults
from decayviz.ui import controls as ui

LANDSCAPE_GROUPS = (("loss", ("wx", "wy", "c1", "c2", "angle")), ("start", ("w0x", "w0y")))


def landscape_controls(lang: str) -> None:
    """Scenes, penalty, optimizer, then the loss and the start behind switches, and Reset."""
    with st.sidebar:
        ui.preset_picker("landscape", lang)
        penalty = ui.control("penalty", lang)
        ui.control("alpha", lang, disabled=penalty == "none")
        if penalty == "elasticnet":
            ui.control("l1_ratio", lang)
        for name in ("opt", "lr", "steps"):
            ui.control(name, lang)
        for group, names in LANDSCAPE_GROUPS:
            label = t(f"landscape.group.{group}", lang, **{name: f"{ui.value(name):g}" for name in names})
            ui.switched_group(f"landscape_{group}", label, names, lang)
        st.button(t("ui.reset", lang), on_click=ui.apply, args=(defaults("landscape"),), width="stretch")

"""Widgets built from decayviz.state's table, kept in the session and mirrored in the URL.

Values live in st.session_state[VALUES] (one dict for the whole app), so they survive switching
pages, when Streamlit forgets the widgets of a page that is not shown.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from decayviz.i18n import has, t
from decayviz.state import FIELD, PRESETS, Problem, defaults, encode, page_fields, parse

VALUES = "decayviz_values"
_WRITTEN = "decayviz_written_queries"  # per page: the queries the app last put in the URL


def widget_key(name: str) -> str:
    return f"ctl_{name}"


def _values() -> dict[str, Any]:
    if VALUES not in st.session_state:
        st.session_state[VALUES] = defaults()
    return st.session_state[VALUES]


def lang() -> str:
    """The language of this session: the sidebar's choice, first taken from the URL."""
    return _values()["lang"]


def language_selector() -> str:
    """The sidebar's language switch; on the first run it follows ?lang=ko|en."""
    values = _values()
    key = widget_key("lang")
    if key not in st.session_state:
        values["lang"] = parse(st.query_params.to_dict())[0]["lang"]
        st.session_state[key] = values["lang"]
    field = FIELD["lang"]
    values["lang"] = st.sidebar.radio(
        t("app.language", values["lang"]),
        field.options,
        key=key,
        format_func=lambda option: t(f"choice.lang.{option}", "en"),
        horizontal=True,
    )
    return values["lang"]


def value(name: str) -> Any:
    """The current value of a control, whether or not its widget is shown in this run."""
    return _values()[name]


def load_page(page: str) -> list[Problem]:
    """Take the page's values from the URL on its first run in this session, and whenever the
    URL no longer holds what the app last wrote there (it was edited); list corrections."""
    query = st.query_params.to_dict()
    recent = st.session_state.setdefault(_WRITTEN, {}).setdefault(page, [])
    if query in recent:
        return []
    _remember(page, query)
    parsed, problems = parse(query)
    values = _values()
    for field in page_fields(page):
        if field.name in query:
            values[field.name] = parsed[field.name]
            st.session_state.pop(widget_key(field.name), None)
    return [p for p in problems if FIELD[p.name].page == page]


def show_problems(problems: list[Problem], language: str) -> None:
    """A short notice naming what the URL asked for and what is used instead."""
    if problems:
        items = "; ".join(
            f"{t(f'field.{p.name}', language)}: “{p.given}” → {_format(FIELD[p.name], p.used, language)}"
            for p in problems
        )
        st.info(t("ui.url_fixed", language, items=items), icon="🔧")


def apply(values: dict[str, Any]) -> None:
    """Set several controls at once (a preset); call from a button's on_click."""
    stored = _values()
    for name, value in values.items():
        stored[name] = value
        st.session_state[widget_key(name)] = list(value) if FIELD[name].kind == "multi" else value


def preset_picker(page: str, language: str) -> None:
    """One click on a named scene sets all the page's controls (the others to their defaults)."""
    key = f"preset_{page}"

    def chosen() -> None:
        name = st.session_state[key]
        if name is not None:
            apply({**defaults(page), **PRESETS[page][name]})
        st.session_state[key] = None  # so the same scene can be picked again

    st.pills(
        t("ui.presets", language),
        list(PRESETS[page]),
        key=key,
        on_change=chosen,
        format_func=lambda name: t(f"preset.{name}", language),
    )


def _format(field, value: Any, language: str) -> str:
    if field.kind == "choice":
        return t(f"choice.{field.name}.{value}", language)
    if field.kind == "bool":
        return "✓" if value else "✗"
    if field.kind == "multi":
        return ", ".join(f"{v:g}" for v in value)
    return f"{value:g}"


def control(name: str, language: str, container: Any = None, **widget_args: Any) -> Any:
    """The widget for field `name`, labelled in `language`; returns its current value."""
    field = FIELD[name]
    container = container or st
    key = widget_key(name)
    stored = _values()
    if key not in st.session_state:
        st.session_state[key] = list(stored[name]) if field.kind == "multi" else stored[name]
    label = t(f"field.{name}", language)
    help_text = t(f"help.{name}", language) if has(f"help.{name}") else None
    common = {"key": key, "help": help_text, **widget_args}
    fmt = lambda value: _format(field, value, language)  # noqa: E731
    if field.kind in ("float", "int"):
        value = container.slider(label, min_value=field.lo, max_value=field.hi, step=field.step, **common)
    elif field.kind == "grid":
        value = container.select_slider(label, options=field.options, format_func=fmt, **common)
    elif field.kind == "choice":
        value = container.selectbox(label, field.options, format_func=fmt, **common)
    elif field.kind == "bool":
        value = container.toggle(label, **common)
    elif field.kind == "multi":  # format_func gets one option at a time here
        chosen = container.multiselect(
            label, field.options, format_func=lambda option: f"{option:g}", **common
        )
        value = tuple(sorted(chosen))
    else:
        raise ValueError(f"unknown field kind {field.kind!r}")
    stored[name] = value
    return value


def write_url(page: str) -> None:
    """Mirror the page's values (those not at their defaults) and the language in the address bar."""
    values = _values()
    names = [f.name for f in page_fields(page)] + ["lang"]
    changed = {n: values[n] for n in names if values[n] != FIELD[n].default}
    query = encode(changed)
    if query != st.query_params.to_dict():
        st.query_params.from_dict(query)
    _remember(page, query)


def _remember(page: str, query: dict[str, str]) -> None:
    """Keep the last few queries the app wrote: a rerun sent before the browser saw the
    newest one still carries an older one, which must not count as an edit."""
    recent = st.session_state.setdefault(_WRITTEN, {}).setdefault(page, [])
    if query not in recent:
        recent.append(query)
        del recent[:-8]

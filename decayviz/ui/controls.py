"""Widgets built from decayviz.state's table, kept in the session and mirrored in the URL.

Values live in st.session_state[VALUES] (one dict for the whole app), so they survive switching
pages, when Streamlit forgets the widgets of a page that is not shown. The URL holds the values
that differ from the defaults, the language and `hide=`; `preset=<name>` in a link applies a
named scene first.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st

from decayviz.i18n import has, t
from decayviz.scenes import PRESETS
from decayviz.state import (
    FIELD,
    Correction,
    Multi,
    defaults,
    encode,
    grid_floor_below,
    page_fields,
    parse,
    url_path,
)
from decayviz.ui.streamlit_private import history_navigation

VALUES = "decayviz_values"
PRESET_KEY = "preset"  # ?preset=<name>: a named scene, as a link
APP_FIELDS = ("lang", "present", "hide", "class")  # "class": decayviz.ui.classroom
_STARTED = "decayviz_started"
_WRITTEN = "decayviz_written_queries"  # per page: the queries the app last put in the URL


def widget_key(name: str) -> str:
    return f"ctl_{name}"


def _values() -> dict[str, Any]:
    """The session's values (one lookup: each in st.session_state costs ~10 µs)."""
    values = st.session_state.get(VALUES)
    if values is None:
        values = st.session_state[VALUES] = defaults()
    return values


def lang() -> str:
    """The language of this session: the sidebar's choice, first taken from the URL."""
    return _values()["lang"]


def value(name: str) -> Any:
    """The current value of a control, whether or not its widget is shown in this run, and
    before its widget is drawn (a student's move is in the widget's state from the run's start)."""
    state = st.session_state.get(widget_key(name))
    if state is None:
        return _values()[name]
    return FIELD[name].from_widget(state)


def hidden(name: str) -> bool:
    """Whether the link this session was opened with hides control `name`."""
    return name in _values()["hide"]


def language_selector() -> str:
    """The sidebar's language switch; the session's first run takes ?lang= and ?hide= first, and
    a run that Back or Forward started takes the language of the link it went back to (a switch
    of language is a step of the browser's history like a scene)."""
    values = _values()
    shown_in = values["lang"]  # the language the browser's widgets were last labelled in
    key = widget_key("lang")
    back = history_navigation()
    if _STARTED not in st.session_state or back:
        st.session_state[_STARTED] = True
        query = st.query_params.to_dict()
        parsed = parse(query)[0]
        if back:
            values["lang"] = parsed["lang"]
        else:
            values.update({name: parsed[name] for name in APP_FIELDS if name in query})
        st.session_state[key] = values["lang"]
    if hidden("lang"):
        return values["lang"]
    if key not in st.session_state:  # the widget was hidden earlier in this session
        st.session_state[key] = values["lang"]
    field = FIELD["lang"]
    values["lang"] = st.sidebar.radio(
        t("app.language", st.session_state[key]),  # the language just picked names it at once
        field.options,
        key=key,
        format_func=lambda option: t(f"choice.lang.{option}", "en"),
        horizontal=True,
    )
    if values["lang"] != shown_in:
        _relabel()
    return values["lang"]


# The widgets whose options are labelled in the page's language (a control's radio, a question's
# choices, the teacher's question picker, the share dialog's list), by key or key prefix.
RELABELLED = ("ctl_", "choice_", "class_pick", "share_hide_")


def _relabel() -> None:
    """After a switch of language, keep every labelled widget's choice. Streamlit holds a radio's
    (a pill's, a select box's) choice as the label the browser shows: under the new language's
    labels it matched no option, the widget showed none chosen, and the next click anywhere
    reset it to its first option (a grokking scene fell back to digits and SGD). Read with the
    labels it was made with, each choice is set again, and the widget redraws it in the new ones."""
    for key in list(st.session_state):
        if isinstance(key, str) and key.startswith(RELABELLED) and key != widget_key("lang"):
            st.session_state[key] = st.session_state[key]


def load_page(page: str) -> list[Correction]:
    """Take the page's values from the URL on its first run in this session, whenever the URL
    no longer holds what the app last wrote there (it was edited), and when the browser's Back
    or Forward brought an earlier one back (then every value it leaves out is at its default,
    as the link it was shows it); list corrections."""
    query = st.query_params.to_dict()
    recent = st.session_state.setdefault(_WRITTEN, {}).setdefault(page, [])
    back = history_navigation()
    if query in recent and not back:
        return []
    _remember(page, query)
    parsed, corrections = parse(query)
    preset = query.get(PRESET_KEY)
    if preset is not None:
        if preset in PRESETS.get(page, {}):
            apply({**defaults(page), **PRESETS[page][preset]}, fold=False)
        else:
            corrections.append(Correction(PRESET_KEY, preset, None))
    values = _values()
    base = defaults(page)
    for name in [f.name for f in page_fields(page)] + ["hide"]:
        if name in query or (back and preset is None and name in base):
            values[name] = parsed[name] if name in query else base[name]
            st.session_state.pop(widget_key(name), None)
    if "present" in query and parsed["present"] != values["present"]:
        # The switch was drawn earlier in this run (app.py): start the run again to redraw it.
        values["present"] = parsed["present"]
        st.session_state.pop(widget_key("present"), None)
        st.rerun()
    return [c for c in corrections if c.name == PRESET_KEY or FIELD[c.name].page in (page, "app")]


QUOTED_CHARACTERS = 40  # of a corrected URL value, quoted; a longer one is cut, with "…"


def _plain(text: str) -> str:
    """URL text made safe to quote in markdown: letters, digits and a few marks only."""
    safe = re.sub(r"[^\w.,+\- ]", "?", text)
    return safe if len(safe) <= QUOTED_CHARACTERS else safe[: QUOTED_CHARACTERS - 1] + "…"


def show_corrections(corrections: list[Correction], language: str) -> None:
    """A short notice naming what the URL asked for and what is used instead."""
    if not corrections:
        return
    items = []
    for c in corrections:
        field = FIELD.get(c.name)
        unused = field is None or c.used in ("", None, ())  # nothing taken in its place
        used = t("ui.url_fixed.ignored", language) if unused else field.label(c.used, language)
        item = f"{t(f'field.{c.name}', language)}: “{_plain(c.given)}” → {used}"
        if isinstance(field, Multi):  # why a listed value moved or went: only these are offered
            low, options = grid_floor_below(field.options), field.label(field.options, language)
            item += " " + t("ui.url_fixed.options", language, options=options, low=f"{low:g}",
                             floor=f"{min(field.options):g}")  # fmt: skip
        items.append(item)
    st.info(t("ui.url_fixed", language, items="; ".join(items)), icon=":material/build:")


FOLD_KEY = "decayviz_sidebar_fold"  # the latest scene choice's token (see scene_chosen)


def apply(values: dict[str, Any], fold: bool = True) -> None:
    """Set several controls at once (a scene, or Reset); call from a button's on_click. `fold`:
    the choice was made in the sidebar, which a phone then folds away (a link's scene, applied
    as the page opens, was not)."""
    stored = _values()
    for name, value in values.items():
        stored[name] = value
        st.session_state[widget_key(name)] = FIELD[name].widget_state(value)
    if fold:
        fold_sidebar()


def fold_sidebar() -> None:
    """Fold a phone's sidebar (which covers the page) once, on the next run: a scene chosen in it,
    or a page picked in it that a class sends back from."""
    st.session_state[FOLD_KEY] = secrets.token_hex(4)


def scene_chosen() -> str | None:
    """The token of the latest scene (or Reset) chosen in this session, None before any: on a
    phone the sidebar, which covers the page, then folds away to show the scene, once per token."""
    return st.session_state.get(FOLD_KEY)


# A polite live region out of the layout's flow: a screen reader hears which scene is shown.
SCENE_STATUS = (
    "<style>[data-testid='stElementContainer']:has(.dv-scene-status) {{position: absolute; width: 1px; "
    "height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap}}</style>"
    "<div class='dv-scene-status' role='status' aria-live='polite'>{text}</div>"
)


def shown_scene(page: str) -> str | None:
    """The named scene the page's controls show right now (all its values, the others at their
    defaults), or None once a control was moved away from it."""
    current = {field.name: value(field.name) for field in page_fields(page)}
    base = defaults(page)
    return next((name for name, scene in PRESETS[page].items() if current == {**base, **scene}), None)


def preset_picker(page: str, language: str) -> None:
    """One click on a named scene sets all the page's controls (the others to their defaults).
    The scene the controls show stays selected (marked, and pressed for a screen reader) until
    a control moves away from it, and a live region says its name."""
    if hidden("presets"):
        return
    key = f"preset_{page}"
    shown = shown_scene(page)
    st.session_state[key] = shown  # before the widget: marks the scene the controls show

    def chosen() -> None:
        name = st.session_state[key]
        if name is not None:  # None: the marked scene was clicked again, and it is still shown
            apply({**defaults(page), **PRESETS[page][name]})

    st.pills(
        t("ui.presets", language),
        list(PRESETS[page]),
        key=key,
        on_change=chosen,
        format_func=lambda name: t(f"preset.{name}", language),
    )
    text = "" if shown is None else t("ui.scene_shown", language, scene=t(f"preset.{shown}", language))
    st.html(SCENE_STATUS.format(text=html.escape(text)))


def control(name: str, language: str, container: Any = None, **widget_args: Any) -> Any:
    """The widget for field `name`, labelled in `language`; returns its current value.
    A control the link hides (hide=) draws nothing and keeps the link's value."""
    field = FIELD[name]
    stored = _values()
    if hidden(name):
        return stored[name]
    container = container or st
    key = widget_key(name)
    if key not in st.session_state:
        st.session_state[key] = field.widget_state(stored[name])
    label = t(f"field.{name}", language)
    help_text = t(f"help.{name}", language) if has(f"help.{name}") else None
    common = {"key": key, "help": help_text, **widget_args}
    widget = getattr(container, field.widget)
    value = field.from_widget(widget(label, **field.widget_args(language), **common))
    stored[name] = value
    return value


def switched_group(key: str, label: str, names: tuple[str, ...], language: str) -> None:
    """Controls few students move, behind a switch whose `label` says their values. They are
    drawn only while it is on: an expander would send its sliders on every rerun, and each
    element costs every rerun (see README, Performance). The switch starts on when a link set
    one of them; controls the link hides stay hidden."""
    if all(hidden(name) for name in names):
        return
    if key not in st.session_state:
        st.session_state[key] = any(value(name) != FIELD[name].default for name in names)
    if st.toggle(label, key=key):
        for name in names:
            control(name, language)


def scene_query(page: str, hide: tuple[str, ...] | None = None) -> dict[str, str]:
    """The URL query of what the page shows: values not at their defaults, language, hide=."""
    values = {**_values(), **({"hide": hide} if hide is not None else {})}
    names = [f.name for f in page_fields(page)] + list(APP_FIELDS)
    return encode({n: values[n] for n in names if values[n] != FIELD[n].default})


def write_url(page: str) -> None:
    """Mirror the page's scene in the address bar, so it always holds a link to the screen."""
    query = scene_query(page)
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


def _network_address() -> str | None:
    """The address Streamlit prints as its Network URL (streamlit.net_util.get_internal_ip: the
    local end of a UDP socket pointed at a public address; no packet leaves the machine), or the
    one address the server was told to listen on; None when students could not reach either."""
    from streamlit import config, net_util

    bound = config.get_option("server.address")
    address = bound if bound and bound not in ("0.0.0.0", "::") else net_util.get_internal_ip()
    if not address or address.startswith("127.") or address in ("localhost", "::1"):
        return None
    return address


def app_origin() -> tuple[str, str | None]:
    """(scheme://host:port for students, and why it deserves a note: "lan" when the teacher's
    localhost was replaced by the server's Network URL address, "localhost" when none is known)."""
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    host, port = parts.hostname or "localhost", f":{parts.port}" if parts.port else ""
    if host not in ("localhost", "127.0.0.1", "::1"):
        return f"{parts.scheme}://{parts.netloc}", None
    lan = _network_address()
    return (
        (f"{parts.scheme}://{lan}{port}", "lan") if lan else (f"{parts.scheme}://{parts.netloc}", "localhost")
    )


def scene_url(page: str) -> str:
    """The link to the scene shown, as the share dialog gives it (no controls hidden): where an
    exported file came from."""
    origin, _ = app_origin()
    query = urlencode(scene_query(page, ()))
    return f"{origin}/{url_path(page)}" + (f"?{query}" if query else "")


def presentation_toggle(language: str) -> bool:
    """The sidebar's switch for the presentation view (larger type, thicker lines, the sidebar
    folded away on opening); a link's present=1 turns it on."""
    values = _values()
    key = widget_key("present")
    if key not in st.session_state:
        st.session_state[key] = values["present"]
    values["present"] = st.sidebar.toggle(
        t("field.present", language), key=key, help=t("help.present", language)
    )
    return values["present"]


def presenting() -> bool:
    """Whether this session shows the presentation view."""
    return bool(_values()["present"])


@dataclass(frozen=True)
class Export:
    """A file a page offers to save; `make_data` runs only when its button is clicked."""

    label: str
    make_data: Callable[[], str | bytes]
    file_name: str
    mime: str


def share_box(page: str, language: str, exports: tuple[Export, ...] = ()) -> None:
    """A sidebar button that opens the share-and-save dialog. The dialog's contents are built
    only when it is open: on every other rerun this costs one element, not a box of them."""
    if st.sidebar.button(
        t("ui.share", language), icon=":material/share:", key=f"share_{page}", width="stretch"
    ):
        st.dialog(t("ui.share", language), width="large")(_share_dialog)(page, language, exports)


def _share_dialog(page: str, language: str, exports: tuple[Export, ...]) -> None:
    """A link to this scene, to copy (the code box has a copy button), with controls to hide
    from students, a link to each named scene of the page, and the page's files to save.
    Picking controls to hide reruns only the dialog (a dialog is a fragment)."""
    choices = [f.name for f in page_fields(page)] + ["presets", "questions", "lang"]
    hide = st.multiselect(
        t("ui.share.hide", language),
        choices,
        default=[name for name in _values()["hide"] if name in choices],
        key=f"share_hide_{page}",
        format_func=lambda name: t(f"field.{name}", language),
    )
    present = st.checkbox(t("ui.share.present", language), value=presenting(), key=f"share_present_{page}")
    origin, note = app_origin()
    base = f"{origin}/{url_path(page)}"
    shared = scene_query(page, tuple(n for n in FIELD["hide"].options if n in hide))
    shared.pop("present", None)
    query = urlencode(shared | ({"present": "1"} if present else {}))
    st.code(f"{base}?{query}" if query else base, language=None, wrap_lines=True)
    if note:
        st.caption(t(f"ui.share.{note}", language))
    lang_part = f"&lang={language}" if language != FIELD["lang"].default else ""
    st.markdown(
        t("ui.share.presets", language)
        + "\n"
        + "\n".join(
            f"- [{t(f'preset.{name}', language)}]({base}?{PRESET_KEY}={name}{lang_part})"
            for name in PRESETS[page]
        )
    )
    if exports:
        st.markdown(t("ui.export", language))
        for number, export in enumerate(exports):
            download(export.label, export.make_data, export.file_name, export.mime, f"export_{page}_{number}")


def download(label: str, make_data, file_name: str, mime: str, key: str, container: Any = None) -> None:
    """A download button whose file is made only when it is clicked (a 5 MB HTML export must
    not be built on every rerun), and whose click does not rerun the page."""
    (container or st).download_button(
        label,
        data=make_data,
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )

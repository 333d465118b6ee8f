"""Predict, then see: a page's questions for a student alone, and a class that answers them.

Alone, a student picks one of the page's questions, answers it (a tap on the landscape chart, a
number, a choice), and reveals the truth computed from its scene. In a class (?class=CODE) the
class's current question is the one shown, the teacher's session alone reveals and moves on, and
every screen follows the store (decayviz.classroom.ClassStore) by polling it once a second.

Until a question is revealed, the rest of its page is not drawn: its charts and readouts would
give the answer away. The teacher's key arrives once in the teacher's link (?teacher=KEY), is
checked against the store, kept in this session only and taken out of the address bar at once.
The browser that opened the class (or used the teacher's link) is remembered by the store as
the teacher's, by a hash of its per-browser cookie: a reload or a second tab of it is the
teacher again, and no other browser can claim to be it.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import json
import math
import secrets
import threading
import time
from typing import Any, NamedTuple

import numpy as np
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from decayviz.classroom.limits import ANSWERS, JOINS, RateLimited
from decayviz.classroom.membership import Membership
from decayviz.classroom.questions import QUESTIONS, Evidence, Question, evidence, page_questions, readable
from decayviz.figures.classroom import (
    EVIDENCE_DIGITS,
    bars_figure,
    evidence_figure,
    histogram_figure,
    tap_figure,
    taps_overlay,
    with_overlay,
)
from decayviz.figures.landscape import without_alpha_slider
from decayviz.i18n import t
from decayviz.state import FIELD, url_path
from decayviz.ui import controls as ui
from decayviz.ui.charts import plotly_chart
from decayviz.ui.streamlit_private import history_navigation
from decayviz.ui.style import MAIN_CHART, SECTION_CHART

NEXT_BOUNCE_S = 1.0  # a second Next within this of the first is a double click (see _bounced)
NEXT_PRESSED = "decayviz_class_next_pressed"  # when this session last pressed Next (clock(), s)
clock = time.monotonic
POLL_S = 1.0  # every screen of a class asks the store this often what the class shows
TEACHER_PARAM = "teacher"  # ?teacher=KEY: the teacher's link only
XSRF_COOKIE = "_streamlit_xsrf"  # Streamlit's per-browser cookie: the voter id is derived from it
CLASS = "decayviz_class"  # this session's class: a Membership
JOIN_FIELD = "class_join_code"  # the sidebar's field for a code typed off the projector
JOIN_REFUSED = "decayviz_join_refused"  # what was typed there could not be a code: said beside it
FOLLOWED = "decayviz_class_followed"  # (code, question) whose scene this session last opened
SHOWN = "decayviz_class_shown"  # (code, question) whose reveal this session last opened the scene of
SOLO = "decayviz_predict"  # the question a student opened alone, by page
SOLO_ANSWERS = "decayviz_predict_answers"  # question id -> the student's checked answer
SOLO_REVEALED = "decayviz_predict_revealed"  # question ids the student revealed
NOTICE = "decayviz_class_notice"  # (level, key, values): said once, on the next run
REVEALED = "decayviz_class_revealed"  # this run's RevealedTaps, for the page's chart
BROWSER_SECRET = "decayviz_browser_secret"  # without the cookie: one per session
PLAYED = "decayviz_class_played"  # the revealed questions this session has shown (and played)


class RevealedTaps(NamedTuple):
    """A revealed point question, for the page's chart to draw: the class's taps (none alone) and
    this student's own (None when they did not answer)."""

    question_id: str
    taps: list[list[float]]
    yours: list[float] | None


# On a reveal the page shows the answer with the picture it speaks of: once the reveal's run is
# over and the chart drawn, the page scrolls so that the whole chart shows, as far as the
# answer's first line (on the teacher's screen, the row of the teacher's buttons above it) stays
# clear of Streamlit's header (its buttons are drawn over the page), or
# back up to that line when the student had scrolled past it. Under a choice question's answer
# the landscape's chart ran off a projector's 768 px by 220 px; a phone's sparsity chart and a
# network question's evidence started below its 844 px. The landscape's descent then plays once:
# Play is pressed for the student (plotly.js has no autoplay; its Play restarts the descent from
# W₀). A browser that asks for reduced motion keeps the chart still on the descent's end (where
# the answer is), as every animated chart opens; its Play button is there all the same.
REVEAL_JS = """
/* %s */
(() => {
  const plays = %s;  // the landscape's descent, once in view
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const scroller = (element) => {  // the box the page scrolls in (Streamlit's main section)
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const scrolls = /(auto|scroll)/.test(getComputedStyle(box).overflowY);
      if (scrolls && box.scrollHeight > box.clientHeight) return box;
    }
    return null;
  };
  const topLine = () => {  // what stays clear of the header: the reveal's first line (the
    // element after this script's own), or on the teacher's screen the row of Reveal, Ask again
    // and Next above it, which stays in reach
    const buttons = document.querySelector('.st-key-class_next');
    if (buttons) return buttons.closest('[data-testid="stHorizontalBlock"]') || buttons;
    const marker = document.querySelector('.dv-play');
    return marker && marker.closest('[data-testid="stElementContainer"]')?.nextElementSibling;
  };
  const bringIntoView = (gd) => {
    const box = scroller(gd);
    const view = box ? box.getBoundingClientRect() : {top: 0, bottom: window.innerHeight};
    const header = document.querySelector('[data-testid="stHeader"]');  // drawn over the page's top
    const top = Math.max(view.top, header ? header.getBoundingClientRect().bottom : 0);
    const chart = gd.getBoundingClientRect();
    const below = chart.bottom - view.bottom + 8;
    const first = topLine();
    const room = first ? first.getBoundingClientRect().top - top - 8 : below;
    // the answer above the screen (the student scrolled down to answer): up to it; else down as
    // far as the chart needs, the answer allows and the chart's top stays on the screen
    const by = room < 0 ? room : Math.min(below, room, chart.top - top);
    if (by < 0 || by > 0) (box || window).scrollBy({top: by, behavior: reduced ? 'auto' : 'smooth'});
  };
  // Where the answer and the chart stand: the same for half a second once the run is over (a
  // reveal's run may be followed by another, and until a run ends the page may still show the
  // question's elements above the chart), and the chart drawn at its box's size.
  let tries = 0, last = '', same = 0;
  const show = () => {
    const gd = document.querySelector('.st-key-%s .js-plotly-plot');
    // drawn: with its Play button where the descent plays
    const drawn = gd && gd._fullLayout && (gd.querySelector('.updatemenu-button') || !plays);
    const svg = gd && gd.querySelector('.main-svg');
    const box = gd && gd.getBoundingClientRect();
    const sized = svg && Math.abs(svg.getBoundingClientRect().height - box.height) < 2;
    const done = document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState === 'notRunning';
    const line = topLine()?.getBoundingClientRect().top;
    const where = drawn && sized && done && JSON.stringify([box.top, box.bottom, line]);
    same = where && where === last ? same + 1 : 0;
    last = where;
    const settled = same >= 5;
    if (!settled && !(drawn && sized && tries > 100)) {  // after 10 s: play, unmoved
      if (++tries < 600) setTimeout(show, 100);  /* a busy phone may draw the chart late */
      return;
    }
    if (settled) bringIntoView(gd);
    // for the browser tests: the reveal has placed its answer and picture (or, unsettled, left them)
    document.body.dataset.dvRevealShown = settled ? 'placed' : 'unmoved';
    if (!plays) return;
    if (reduced) {
      gd.dataset.dvRevealPlayed = 'still';  // for the browser tests: the reveal left it still
    } else {
      gd.querySelector('.updatemenu-button').dispatchEvent(new MouseEvent('click', {bubbles: true}));
      gd.dataset.dvRevealPlayed = '1';  // for the browser tests: the reveal pressed Play
    }
  };
  delete document.body.dataset.dvRevealShown;
  setTimeout(show, 300);
})();
"""
# On a touch screen plotly.js selects the point it last hovered, and a tap hovers only after its
# click: each tap answered with the previous one. A mousemove at the touch point, sent before
# plotly's own handlers see the touch, hovers the tapped point first. Installed once per page.
TOUCH_HOVER_JS = """
(() => {
  if (window.dvTouchHover) return;
  window.dvTouchHover = true;
  document.addEventListener('pointerdown', (event) => {
    if (event.pointerType !== 'touch') return;
    const drag = event.target.closest && event.target.closest('[class*="st-key-tap_"] .nsewdrag');
    if (!drag) return;
    drag.dispatchEvent(new MouseEvent('mousemove', {
      bubbles: true, cancelable: true, clientX: event.clientX, clientY: event.clientY, view: window,
    }));
  }, true);
})();
"""
# The main chart's height on a wide screen under a revealed tap question: what decayviz.ui.style
# leaves it (the screen less its budget, larger in the presentation view), less the one-line
# answer and the teacher's row.
MAIN_BUDGET_PX = {False: 187, True: 218}
PANEL_PX = {False: 60, True: 75}
# The class code on the projector: legible from the back of a lecture room.
CODE_STYLE = "font-size: 4.5rem; font-weight: 700; letter-spacing: 0.12em; line-height: 1.1; margin: 0"


@st.cache_resource(show_spinner=False)
def _store(url: str):
    from decayviz.classroom.store import ClassStore

    return ClassStore(url)


def store():
    """The server's class store (DECAYVIZ_DATABASE_URL, else the SQLite file)."""
    from decayviz.classroom.store import default_url

    return _store(default_url())


def _store_errors() -> tuple[type[Exception], ...]:
    """What a store that cannot be reached raises: said as such, never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    return (SQLAlchemyError, OSError)


def session_id() -> str:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "no-session"


def _unmasked(cookie: str) -> str:
    """Tornado's XSRF cookie "2|mask|masked token|time" as its token, the same in every tab
    (the mask may change); any other form as it is."""
    parts = cookie.split("|")
    if len(parts) == 4 and parts[0] == "2":
        try:
            mask, masked = bytes.fromhex(parts[1]), bytes.fromhex(parts[2])
        except ValueError:
            return cookie
        return bytes(a ^ b for a, b in zip(mask, masked, strict=False)).hex()
    return cookie


def _cookie() -> str | None:
    """Streamlit's per-browser XSRF cookie, unmasked; None without one."""
    cookie = st.context.cookies.get(XSRF_COOKIE)
    return _unmasked(cookie) if isinstance(cookie, str) and cookie else None  # AppTest: a mock


def _browser_secret() -> str:
    """What this browser alone holds: its cookie (the same in a reload and in a second tab, and
    another browser cannot send it); without the cookie, one secret per session."""
    return _cookie() or st.session_state.setdefault(BROWSER_SECRET, secrets.token_hex(16))


def voter(code: str) -> str:
    """This browser's opaque id in class `code`: a hash of its secret (a reload or a second tab
    counts once) salted with the code, so nothing links one class's voters to another's; nothing
    personal."""
    return hashlib.sha256(f"decayviz voter\0{code}\0{_browser_secret()}".encode()).hexdigest()[:32]


def teacher_browser() -> str:
    """This browser's id for the store's teacher browsers: the teacher's own browser stays the
    teacher after a reload or in a second tab, without the key in the address bar."""
    return hashlib.sha256(f"decayviz teacher\0{_browser_secret()}".encode()).hexdigest()


def _notify(level: str, key: str, **values: Any) -> None:
    st.session_state[NOTICE] = (level, key, values)


def _show_notice(lang: str) -> None:
    notice = st.session_state.pop(NOTICE, None)
    if notice is not None:
        level, key, values = notice
        icons = {"error": ":material/block:", "warning": ":material/warning:"}
        icon = (
            ":material/hourglass_empty:" if key == "class.slow_down" else icons.get(level, ":material/info:")
        )
        getattr(st, level)(t(key, lang, **values), icon=icon)


def membership() -> Membership | None:
    """This session's class, or None."""
    return st.session_state.get(CLASS)


def _set_class(code: str, key: str | None) -> None:
    if code:
        st.session_state[CLASS] = Membership(code, key)
    else:
        st.session_state.pop(CLASS, None)
    ui.apply({"class": code})  # the address bar keeps ?class=CODE, never the key


# --- joining, opening, leaving (the sidebar, drawn by app.py) ---


def sidebar(lang: str) -> None:
    """The sidebar's class box: open a class; or, in one, its code and how to leave or close it.
    A link's ?class= (and the teacher's ?teacher=) is taken here, on the session's first run."""
    _join_from_link()
    joined = membership()
    if joined is not None and _ended(joined.code):
        _set_class("", None)
        _notify("info", "class.ended")
        joined = None
    with st.sidebar:
        if joined is None:
            st.button(
                t("class.open", lang), icon=":material/groups:", on_click=_open_class,
                help=t("class.open_help", lang), width="stretch", key="class_open",
            )  # fmt: skip
            with st.form("class_join", border=False, enter_to_submit=True):
                st.text_input(t("class.join_field", lang), max_chars=12, key=JOIN_FIELD,
                              help=t("class.join_field_help", lang))  # fmt: skip
                st.form_submit_button(t("class.join", lang), on_click=_join_typed, width="stretch")
            if st.session_state.pop(JOIN_REFUSED, False):  # here, not over the page: a phone's
                st.warning(t("class.bad_code", lang), icon=":material/warning:")  # sidebar covers it
        elif joined.teaches:
            st.markdown(t("class.teacher_of", lang, code=joined.code))
            with st.expander(t("class.teacher_link", lang)):
                st.caption(t("class.teacher_link_help", lang))
                origin, _ = ui.app_origin()
                st.code(f"{origin}/?class={joined.code}&{TEACHER_PARAM}={joined.teacher_key}", language=None)
            # one click away from ending it on every screen: asked once more
            with st.popover(t("class.close", lang), width="stretch", key="class_close_ask"):
                st.caption(t("class.close_warning", lang))
                st.button(t("class.close_confirm", lang), on_click=_close_class, type="primary",
                          width="stretch", key="class_close")  # fmt: skip
        else:
            st.markdown(t("class.student_of", lang, code=joined.code))
            st.button(
                t("class.leave", lang),
                on_click=_set_class,
                args=("", None),
                width="stretch",
                key="class_leave",
            )


def _ended(code: str) -> bool:
    """Whether the class was closed or expired (a store that cannot answer: not ended)."""
    try:
        store().state(code)
    except LookupError:
        return True
    except _store_errors():
        return False
    return False


def _join_from_link() -> None:
    """Join the class a link names (once per new code); a teacher key in the link is checked,
    kept in the session if it is the class's, and taken out of the address bar either way."""
    key = st.query_params.get(TEACHER_PARAM)
    if key is not None:
        del st.query_params[TEACHER_PARAM]
    code = ui.value("class")
    joined = membership()
    if code == (joined.code if joined else ""):
        return
    try:
        JOINS.hit(session_id())
        store().state(code)  # LookupError: no open class has it
        teacher = key is not None and store().is_teacher(code, key)
        if teacher:  # this browser is the teacher's from now on, reloads included
            store().remember_teacher(code, key, teacher_browser())
        elif key is None:  # the teacher's own browser, reloaded or in another tab
            key = store().teacher_key_for(code, teacher_browser())
            teacher = key is not None
    except RateLimited as limit:
        _notify("warning", "class.slow_down", seconds=math.ceil(limit.retry_after))
        _set_class("", None)
        return
    except LookupError:
        _notify("warning", "class.unknown", code=code)
        _set_class("", None)
        return
    except _store_errors():
        _notify("error", "class.unavailable")
        _set_class("", None)
        return
    if key is not None and not teacher:
        _notify("error", "class.not_teacher")
    if not teacher:  # the projector counts who came; a store that fails here only misses one
        _store_call(lambda: store().join(code, voter(code)))
    _set_class(code, key if teacher else None)


def _join_typed() -> None:
    """A code typed in the sidebar joins as the student link's would (the next run checks it
    with the store: an unknown code says so); one that cannot be a code is refused here."""
    typed = "".join(st.session_state.get(JOIN_FIELD, "").split())  # "rf sr2" as read off a wall
    code, valid = FIELD["class"].parse_text(typed)
    if not valid or not code:  # kept in the field, to be corrected
        st.session_state[JOIN_REFUSED] = True
        return
    st.session_state[JOIN_FIELD] = ""
    ui.apply({"class": code})


def _open_class() -> None:
    try:
        JOINS.hit(session_id())
        opened = store().open_class()
        store().remember_teacher(opened.code, opened.teacher_key, teacher_browser())
    except RateLimited as limit:
        _notify("warning", "class.slow_down", seconds=math.ceil(limit.retry_after))
        return
    except _store_errors():
        _notify("error", "class.unavailable")
        return
    st.session_state.pop(FOLLOWED, None)
    _set_class(opened.code, opened.teacher_key)


def _close_class() -> None:
    if membership() is not None:
        _teacher_action("close", None)
    _set_class("", None)


def _teacher_action(action: str, question_id: str | None) -> None:
    """Ask, reveal, ask again, go on to the next question or close, with this session's key: the
    store refuses any other (a student's session has none), and nothing changes."""
    if action == "next" and _bounced():
        return
    joined = membership() or Membership("")
    code, key = joined.code, joined.teacher_key
    if action == "move" and question_id is None:
        question_id = st.session_state.get("class_pick")
    try:
        if action == "move":
            store().move_to(code, question_id, key)
        elif action == "next":  # asked afresh if the class has seen its answer (Next wrapped round)
            if question_id in store().state(code).revealed:
                store().reset(code, question_id, key)
            store().move_to(code, question_id, key)
        elif action == "reveal":
            store().reveal(code, question_id, key)
        elif action == "reset":
            store().reset(code, question_id, key)
        elif action == "close":
            store().close(code, key)
    except PermissionError:
        _notify("error", "class.refused")
    except LookupError:
        _notify("warning", "class.ended")
    except _store_errors():
        _notify("error", "class.unavailable")


def _bounced() -> bool:
    """Whether this Next comes within NEXT_BOUNCE_S of this session's last one: a double click,
    or a clicker's bounce. Its second press can come after the page has drawn the next question's
    button (Next goes to the question after the one shown), and would skip a question for the
    whole class; no teacher means to move on again before the question is even read."""
    now = clock()
    last = st.session_state.get(NEXT_PRESSED, -math.inf)
    st.session_state[NEXT_PRESSED] = now
    return now - last < NEXT_BOUNCE_S


# --- the panel on each page ---


def panel(page: str, lang: str) -> None:
    """The page's question, right under its title: in a class, the class's; alone, the one the
    student opened. Until it is revealed the rest of the page is not drawn (st.stop)."""
    st.session_state.pop(REVEALED, None)
    _show_notice(lang)
    joined = membership()
    if joined is not None:
        _class_panel(page, lang, joined)
    else:
        _solo_panel(page, lang)


_preparing: dict[str, threading.Thread] = {}
_preparing_lock = threading.Lock()


def _prepare(question: Question) -> None:
    """Compute the question's truth in the background while the class answers (a network question
    trains its scenes for seconds): the reveal then shows it at once, for everyone."""
    with _preparing_lock:
        if question.id in _preparing:
            return
        thread = threading.Thread(target=question.truth, name=f"decayviz-truth-{question.id}", daemon=True)
        _preparing[question.id] = thread
        thread.start()
        atexit.register(thread.join, 60.0)  # torch in a thread at interpreter exit aborts: let it end


def _hide_rest(page: str, lang: str) -> None:
    st.caption(t("predict.hidden", lang))
    ui.write_url(page)
    st.stop()


# A page's views that draw another chart altogether (decayviz.ui.beyond): a question shows only in
# the view its scene opens.
VIEW_FIELDS = {"landscape": "l_view"}


def _solo_panel(page: str, lang: str) -> None:
    view = VIEW_FIELDS.get(page)
    questions = [q for q in page_questions(page) if view is None or q.values[view] == ui.value(view)]
    if not questions or ui.hidden("questions"):  # a teacher's link may keep students on its scene
        return
    key = f"predict_pick_{page}"

    def picked() -> None:
        question_id = st.session_state[key]
        if question_id is not None:
            st.session_state.setdefault(SOLO, {})[page] = question_id
            st.session_state.setdefault(SOLO_ANSWERS, {}).pop(question_id, None)
            st.session_state.setdefault(SOLO_REVEALED, set()).discard(question_id)
            st.session_state.setdefault(PLAYED, set()).discard(question_id)
            ui.apply(QUESTIONS[question_id].values)
        st.session_state[key] = None  # the same question can be opened again

    st.pills(
        t("predict.pick", lang), [q.id for q in questions], key=key, on_change=picked,
        format_func=lambda question_id: QUESTIONS[question_id].title(lang),
    )  # fmt: skip
    if history_navigation():  # Back or Forward left the question's scene: the question goes with it
        st.session_state.get(SOLO, {}).pop(page, None)
    question_id = st.session_state.get(SOLO, {}).get(page)
    if question_id is None:
        return
    question = QUESTIONS[question_id]
    revealed = question_id in st.session_state.get(SOLO_REVEALED, set())
    mine = st.session_state.get(SOLO_ANSWERS, {}).get(question_id)

    # Reveal and Close draw the page's controls again, which the question hid: Streamlit keeps
    # no state for a widget it does not draw, and a browser then showed (and the page used)
    # each control's first option or minimum. So both set the scene's values once more.
    def reveal() -> None:
        st.session_state.setdefault(SOLO_REVEALED, set()).add(question_id)
        ui.apply(question.values, fold=False)

    def close_page() -> None:
        if not revealed:
            ui.apply(question.values, fold=False)
        st.session_state[SOLO].pop(page, None)

    if revealed and _compact(question):
        text, close = st.columns([5, 1], vertical_alignment="center")
        with text:
            _reveal(question, mine, None, lang)
        close.button(t("predict.close", lang), width="stretch", key="predict_close", on_click=close_page)
        return
    with st.container(border=True, key="predict_panel"):
        st.markdown(f"**{_markdown_safe(question.text(lang))}**")
        if not revealed:
            _answer_widgets(question, mine, lang)
            reveal_column, close = st.columns(2)
            reveal_column.button(
                t("predict.reveal", lang), type="primary", width="stretch", key="predict_reveal",
                on_click=reveal,
            )  # fmt: skip
        else:
            _reveal(question, mine, None, lang)
            close = st
        close.button(t("predict.close", lang), width="stretch", key="predict_close", on_click=close_page)
    if not revealed:
        _hide_rest(page, lang)


def _class_panel(page: str, lang: str, joined: Membership) -> None:
    code, teacher = joined.code, joined.teaches
    try:
        state = store().state(code)
    except LookupError:
        _set_class("", None)
        st.info(t("class.ended", lang), icon=":material/info:")
        return
    except _store_errors():
        st.error(t("class.unavailable", lang), icon=":material/block:")
        return
    question = QUESTIONS.get(state.current) if state.current else None
    if question is not None and st.session_state.get(FOLLOWED) != (code, question.id):
        st.session_state[FOLLOWED] = (code, question.id)  # the class moved: open its scene
        st.session_state.setdefault(PLAYED, set()).discard(question.id)
        ui.apply(question.values)
        if question.page != page:
            st.switch_page(f"app_pages/{question.page}.py", query_params=ui.scene_query(question.page))
    if question is not None and question.page != page and not teacher:  # a student answers first
        # gone to another page: back, saying why and how to look around alone (a phone's sidebar,
        # where the other page was picked, folds away to show the question)
        _notify("info", "class.stays", page=t(f"page.{question.page}", lang))
        ui.fold_sidebar()
        st.switch_page(f"app_pages/{question.page}.py", query_params=ui.scene_query(question.page))
    revealed = question is not None and question.id in state.revealed
    if revealed and question.page == page and st.session_state.get(SHOWN) != (code, question.id):
        # The scene's controls were not drawn while the question hid the page, and Streamlit keeps
        # no state for a widget it does not draw (a poll sent during the ask may even carry the
        # widgets' values from before it): the reveal opens the question's scene again, so that
        # the page's chart is the one the truth and the class's taps were computed on.
        st.session_state[SHOWN] = (code, question.id)
        ui.apply(question.values)
    elif not revealed:
        st.session_state.pop(SHOWN, None)
        if question is not None:  # asked (again): its next reveal plays the descent again
            st.session_state.setdefault(PLAYED, set()).discard(question.id)
    if teacher:
        _teacher_bar(lang, code, question, revealed, page)
    here = question is not None and question.page == page
    drawn = (state.current, revealed)
    if not here:
        if not teacher:
            st.info(t("class.waiting", lang, code=code), icon=":material/hourglass_empty:")
        st.fragment(_follow, run_every=POLL_S)(code, drawn, None, lang, teacher)
        return
    mine = None if teacher else _store_call(lambda: store().my_answer(code, question.id, voter(code)))
    if revealed and _compact(question):
        st.fragment(_follow, run_every=POLL_S)(code, drawn, None, lang)
        _reveal(question, mine, _store_call(lambda: store().answers(code, question.id)) or [], lang, teacher)
        return
    with st.container(border=True, key="predict_panel"):
        counted = question.id if teacher else None  # the projector's count; a phone only polls
        if teacher:  # the count beside the question, not under it: the chart keeps the room
            text, count = st.columns([5, 1], vertical_alignment="center")
            text.markdown(f"**{_markdown_safe(question.text(lang))}**")
            with count:
                st.fragment(_follow, run_every=POLL_S)(code, drawn, counted, lang, teacher)
        else:
            st.markdown(f"**{_markdown_safe(question.text(lang))}**")
            answered = None if revealed else (question.id, mine)
            st.fragment(_follow, run_every=POLL_S)(code, drawn, counted, lang, answered=answered)
        if not revealed:
            _answer_widgets(question, mine, lang, teacher=teacher)
        else:
            answers = _store_call(lambda: store().answers(code, question.id)) or []
            _reveal(question, mine, answers, lang, teacher)
    if not revealed:
        _hide_rest(page, lang)


def _compact(question: Question) -> bool:
    """A revealed tap question shows its answer on the page's chart: the panel shrinks to one line
    (the question's title, the truth, how far off the student or the class was) and the chart
    takes the height left under it, so that on a projector the class's taps beside the true end
    show without scrolling."""
    if question.kind != "point":
        return False
    box = f".st-key-{MAIN_CHART}, div:has(> .st-key-{MAIN_CHART})"
    present = ui.presenting()
    height = f"clamp(400px, calc(100svh - {MAIN_BUDGET_PX[present] + PANEL_PX[present]}px), 980px)"
    st.html(f"<style>@media (min-width: 641px) {{ {box} {{ height: {height} !important; }} }}</style>")
    return True


def _markdown_safe(text: str) -> str:
    """A question's text as markdown shows it: W* keeps its star."""
    return text.replace("*", "\\*")


def _store_call(call):
    """A read a page can do without: None when the store cannot answer (said in the notice)."""
    try:
        return call()
    except (LookupError, PermissionError):
        return None
    except _store_errors():
        _notify("error", "class.unavailable")
        return None


def _follow(
    code: str, drawn: tuple, question_id: str | None, lang: str, teacher: bool = False,
    answered: tuple[str, Any] | None = None,
) -> None:  # fmt: skip
    """Polled every POLL_S: a rerun of the whole page as soon as the class shows another question
    or reveals this one (students follow without reloading), or, for a student, as soon as this
    browser's answer to the open question is no longer `answered` = (question id, answer shown):
    it answered in another of its tabs. For the `teacher`'s projector the count of the students
    who joined, and of their answers to `question_id`."""
    try:
        state = store().state(code)
        if answered is not None and store().my_answer(code, answered[0], voter(code)) != answered[1]:
            st.rerun()
    except LookupError:
        st.rerun()
    except _store_errors():
        return
    if (state.current, state.current in state.revealed) != drawn:
        st.rerun()
    if not teacher:
        return
    joined = _store_call(lambda: store().joined(code))
    if question_id is None:
        if joined is not None:
            st.caption(t("class.joined", lang, joined=joined))
        return
    count = _store_call(lambda: store().count(code, question_id))
    if count is not None and joined is not None:
        with st.container(key="class_count"):  # its column's width: decayviz.ui.style
            st.markdown("#### " + t("class.count", lang, count=count, joined=joined))


def _teacher_bar(lang: str, code: str, question: Question | None, revealed: bool, page: str) -> None:
    """The teacher's controls over the page. Before any question: how students join (a large
    code and a QR code) and the question to ask. Once one is asked, one row — Reveal, Ask again,
    Next, and a menu with another question and the join card — so that on a projector the
    question and its chart stay on screen."""
    ids = list(QUESTIONS)
    if question is not None:  # the one after the class's current question
        following, moved = ids[(ids.index(question.id) + 1) % len(ids)], question.id
    else:  # before any: this page's first, whichever page the teacher opens
        following, moved = next((i for i in ids if QUESTIONS[i].page == page), ids[0]), f"page:{page}"
    if st.session_state.get("class_pick_after", "") != moved:  # the class moved: offer the next one
        st.session_state["class_pick_after"] = moved
        st.session_state["class_pick"] = following
        st.session_state["class_join_show"] = question is None
    if question is None:
        if st.toggle(t("class.join_show", lang), key="class_join_show"):
            _join_card(code, lang, page)
        st.caption(t("class.no_question", lang))
        _question_picker(lang, ids)
        return
    if question.page != page:  # the teacher looked elsewhere: which question is open, and a way back
        where, back = st.columns([2, 1], vertical_alignment="center")  # "Back to the question" whole
        where.markdown(t("class.asked_elsewhere", lang, title=_markdown_safe(question.title(lang)),
                         page=t(f"page.{question.page}", lang)))  # fmt: skip
        if back.button(t("class.back", lang), icon=":material/undo:", width="stretch", key="class_back"):
            ui.apply(question.values)
            st.switch_page(f"app_pages/{question.page}.py", query_params=ui.scene_query(question.page))
    buttons = st.columns([1.2, 1, 1, 1], vertical_alignment="center")
    buttons[0].button(
        t("class.reveal", lang), type="primary", on_click=_teacher_action, args=("reveal", question.id),
        disabled=revealed, width="stretch", key="class_reveal",
    )  # fmt: skip
    buttons[1].button(
        t("class.reset", lang), on_click=_teacher_action, args=("reset", question.id),
        help=t("class.reset_help", lang), width="stretch", key="class_reset",
    )  # fmt: skip
    buttons[2].button(
        t("class.next", lang), on_click=_teacher_action, args=("next", following), width="stretch",
        key="class_next",
    )  # fmt: skip
    # a key of the question's: once Ask moved the class on, the panel is a new one, closed (it
    # stayed open over the new question and its count on the projector)
    with buttons[3].popover(
        t("class.more", lang), help=t("class.more_help", lang), width="stretch",
        key=f"class_more_{question.id}",
    ):  # fmt: skip
        _question_picker(lang, ids)
        if st.toggle(t("class.join_show", lang), key="class_join_show"):
            _join_card(code, lang, page)


def _question_picker(lang: str, ids: list[str]) -> None:
    """Any question of any page, and Ask."""
    pick, ask = st.columns([3, 1], vertical_alignment="bottom")
    pick.selectbox(
        t("class.ask", lang), ids, key="class_pick",
        format_func=lambda question_id: f"{t(f'page.{QUESTIONS[question_id].page}', lang)} · "
        + QUESTIONS[question_id].title(lang),
    )  # fmt: skip
    ask.button(
        t("class.ask_button", lang), on_click=_teacher_action, width="stretch", key="class_ask",
        args=("move", None),  # the question picked when Ask is pressed (_teacher_action reads it)
    )  # fmt: skip


def qr_svg(text: str) -> str:
    """A QR code of `text` as SVG markup (segno: pure Python)."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=10, border=2, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


def student_link(code: str, lang: str, page: str = "landscape") -> str:
    """The link students open: the class (the page and scene follow the class's question), no
    key; on the teacher's page, where they wait for the first question beside the projector."""
    origin, _ = ui.app_origin()
    return f"{origin}/{url_path(page)}?class={code}" + ("&lang=ko" if lang == "ko" else "")


def _join_card(code: str, lang: str, page: str) -> None:
    """The code large enough to read from the back of a room, its link and a QR code of it."""
    link = student_link(code, lang, page)
    with st.container(border=True, key="class_join"):
        qr, words = st.columns([1, 2], vertical_alignment="center")
        qr.image(qr_svg(link), width=220, caption=t("class.qr_alt", lang))
        words.markdown(f"**{t('class.join_title', lang)}** · {t('class.join_code', lang)}")
        # the code is 4-6 letters and digits (decayviz.state's `class` field): safe as markup
        words.markdown(f'<p class="decayviz-code" style="{CODE_STYLE}">{code}</p>', unsafe_allow_html=True)
        words.code(link, language=None)


# --- answering and revealing ---


def _answer_widgets(question: Question, mine: Any, lang: str, teacher: bool = False) -> None:
    """One tap on the chart, one number, or one choice; the answer so far under it. The teacher's
    projector shows the chart and the choices without taking answers."""
    _prepare(question)
    if question.kind == "point":
        key = f"tap_{question.id}"
        if teacher:
            _scene_chart(question, lang)
        else:
            scene = _landscape_scene(question, lang)
            st.caption(t("predict.tap", lang))
            hidden = '<style>[data-testid="stElementContainer"]:has(.dv-touch) { display: none; }</style>'
            st.html(f'{hidden}<span class="dv-touch"></span><script>{TOUCH_HOVER_JS}</script>',
                    unsafe_allow_javascript=True)  # fmt: skip
            plotly_chart(
                tap_figure(scene, lang, mine), key=key, alt=t("predict.alt.tap", lang),
                on_select=lambda: _on_tap(question, key), selection_mode="points",
            )  # fmt: skip
    elif question.kind == "number" and not teacher:
        lo, hi = question.bounds
        key = f"number_{question.id}"
        # No bounds and a float on the widget: Streamlit would say its own English messages and
        # cut 2.5 to 2 for a whole number; the answer is checked here, said in the page's language.
        st.html("<style>.st-key-predict_number [data-testid='InputInstructions'] { display: none; }</style>")
        with st.container(key="predict_number"), st.form(f"form_{question.id}", border=False):
            st.number_input(
                t("predict.number", lang, lo=f"{lo:g}", hi=f"{hi:g}"), key=key, value=None,
                step=float(question.step), format="%g",
            )  # fmt: skip
            st.form_submit_button(t("predict.send", lang), on_click=_submit_number, args=(question, key))
    elif question.kind == "choice":
        key = f"choice_{question.id}"
        st.pills(
            t("predict.axis.answer", lang), question.options, key=key, disabled=teacher,
            format_func=lambda option: question.option_label(option, lang), label_visibility="collapsed",
            on_change=lambda: _submit(question, st.session_state[key]),
        )  # fmt: skip
        if question.page == "landscape":  # W₀ and W* to reason from, under the choices
            _scene_chart(question, lang)
    if mine is not None and not teacher:
        st.success(t("predict.yours", lang, answer=_format(question, mine, lang)), icon=":material/check:")


def _submit_number(question: Question, key: str) -> None:
    """The number form's Answer: an empty box is said, and so is a fraction for a count."""
    value = st.session_state.get(key)
    if value is None:
        _notify_bad_answer(question)
    elif question.step == 1.0 and math.isfinite(value) and value != round(value):
        _notify("error", "predict.bad.fraction", value=f"{value:.12g}")  # as typed: 150.7, not 151
    else:
        _submit(question, value)


def _landscape_scene(question: Question, lang: str):
    from decayviz.ui.cached import landscape_scene

    return landscape_scene(tuple(sorted(question.values.items())), lang)[0]


def _scene_chart(question: Question, lang: str) -> None:
    """A landscape question's loss, start and minimum, without anything that gives the answer."""
    figure = tap_figure(_landscape_scene(question, lang), lang, grid=False)
    plotly_chart(figure, key=f"scene_{question.id}", alt=t("predict.alt.scene", lang))


def _on_tap(question: Question, key: str) -> None:
    """A tap selected a point of the chart's invisible grid: that point is the answer."""
    event = st.session_state.get(key) or {}
    points = (event.get("selection") or {}).get("points") or []
    if points:  # a second tap on the same point only unselects it: the answer stays
        point = points[-1]
        _submit(question, [point.get("x"), point.get("y")])


def _submit(question: Question, answer: Any) -> None:
    """Record an answer (a widget's callback): checked by the question, rate-limited and stored
    in a class, kept in the session alone. A bad one is said and changes nothing."""
    if answer is None:
        return
    joined = membership()
    try:
        if joined is None:
            st.session_state.setdefault(SOLO_ANSWERS, {})[question.id] = question.check(answer)
            return
        ANSWERS.hit(session_id())
        store().answer(joined.code, question.id, voter(joined.code), answer)
    except RateLimited as limit:
        _notify("warning", "class.slow_down", seconds=math.ceil(limit.retry_after))
    except (ValueError, TypeError):
        _notify_bad_answer(question)
    except LookupError:
        _notify("warning", "class.answers_closed")
    except _store_errors():
        _notify("error", "class.unavailable")


def _notify_bad_answer(question: Question) -> None:
    """Say what the question takes, after an answer it refused."""
    lo, hi = question.bounds
    if question.kind == "point":
        _notify("error", "predict.bad.point")
    elif question.kind == "choice":
        _notify("error", "predict.bad.choice")
    else:
        key = "predict.bad.count" if question.step == 1.0 else "predict.bad.number"
        _notify("error", key, lo=f"{lo:g}", hi=f"{hi:g}")


def _format(question: Question, answer: Any, lang: str) -> str:
    if question.kind == "point":
        return f"({answer[0]:.2f}, {answer[1]:.2f})"
    if question.kind == "number":
        return f"{readable(answer)}{question.unit}"
    return question.option_label(answer, lang)


def _distance(question: Question, answer: Any, lang: str) -> str:
    """How far an answer lies from the truth, as read aloud: a gap between two percentages is in
    percentage points (70% against 73.4%: 3.4 points, not 3.4%)."""
    distance = readable(question.distance(answer))
    if question.kind != "number" or not question.unit:
        return distance
    return t("predict.points", lang, value=distance) if question.unit == "%" else distance + question.unit


def _ties(question: Question, found: Evidence | None, lang: str) -> str:
    """The choices tied with the truth (`found`: the question's evidence), which count as right
    too: a sentence, or nothing."""
    if question.accepted_of is None or found is None or not found.tied:
        return ""
    samples = found.validation_samples
    if found.metric == "val_loss":  # α tied with the best by their losses
        gaps = ", ".join(
            t("predict.tied.gap", lang, alpha=alpha, gap=f"{gap:.4f}", error=f"{error:.4f}")
            for alpha, (gap, error) in found.gaps.items()
        )
        return " " + t("predict.tied", lang, gaps=gaps, samples=samples)
    sentences = [
        t("predict.tied_other", lang, name=t(f"predict.evidence.{name}", lang), gap=f"{gap:+.4f}",
          error=f"{error:.4f}", samples=samples)
        for name, (gap, error) in found.gaps.items()
    ]  # fmt: skip
    accepted = question.accepted()
    answers = ", ".join(f"“{question.option_label(o, lang)}”" for o in question.options if o in accepted)
    return " " + " ".join([*sentences, t("predict.accepted", lang, answers=answers)])


def _missed_by(question: Question, found: Evidence | None, mine: Any, lang: str) -> str:
    """For a wrong α where the question compares validation losses: by how much it trails the
    best, against that gap's standard error (so a student can check why it is not counted)."""
    if question.accepted_of is None or found is None or found.metric != "val_loss":
        return ""  # (the regularizers: their why)
    if mine not in found.missed:
        return ""
    gap, error = found.missed[mine]
    return " " + t("predict.missed", lang, gap=f"{gap:.4f}", error=f"{error:.4f}")


def _reveal(question: Question, mine: Any, answers: list | None, lang: str, teacher: bool = False) -> None:
    """The truth computed from the scene, how far off this student was, and (in a class) where
    the class stood: bars, a histogram, or taps laid over the page's chart."""
    with st.spinner(t("predict.computing", lang)):
        truth = question.truth()
    found = evidence(question)  # a network question's: what its truth was computed from
    shown = _format(question, list(truth) if question.kind == "point" else truth, lang)
    # after the reveal the student may have moved on to another scene: the answer names its own
    text = t("predict.truth" if _in_scene(question) else "predict.truth.left", lang, truth=shown)
    # the student's own result next, then why: the ties (which count as right), the reasons
    if mine is None:
        text += "" if teacher else " " + t("predict.no_answer", lang)
    elif question.kind == "choice":
        key = "predict.right" if mine in question.accepted() else "predict.wrong"
        text += " " + t(key, lang, answer=question.option_label(mine, lang))
        text += _missed_by(question, found, mine, lang)
    elif question.kind == "number" and question.distance(mine) == 0:
        text += " " + t("predict.right", lang, answer=_format(question, mine, lang))
    else:
        key = "predict.off.point" if question.kind == "point" else "predict.off.number"
        answer = _format(question, mine, lang)
        text += " " + t(key, lang, answer=answer, distance=_distance(question, mine, lang))
    text += _ties(question, found, lang)
    why = "".join(" " + t(key, lang, **values) for key, values in question.why())
    _show_once(question, in_class=answers is not None)
    if question.kind == "point":  # one line over the chart that draws the taps and the truth
        text += why
        st.session_state[REVEALED] = RevealedTaps(question.id, answers or [], mine)
        if answers is not None:
            median = readable(float(np.median([question.distance(a) for a in answers]))) if answers else "–"
            text += " " + t("class.summary.point", lang, count=len(answers), median=median)
        st.markdown(f"**{_markdown_safe(question.title(lang))}** " + text)
        _way_back(question, lang)
        return
    st.markdown(text)
    _way_back(question, lang)
    if answers is None:
        _evidence(question, found, lang)
        _why(why)
        return
    count = len(answers)
    alt = t("predict.alt.answers", lang, count=count, truth=shown)
    if question.kind == "number":
        median = _format(question, float(np.median(answers)), lang) if answers else "–"
        st.markdown(t("class.summary.number", lang, count=count, median=median))
        figure = histogram_figure(answers, truth, question.bounds, lang)
    else:
        counts = {option: sum(a == option for a in answers) for option in question.options}
        right = sum(counts.get(option, 0) for option in question.accepted())
        st.markdown(t("class.summary.choice", lang, count=count, right=right))
        labels = {option: question.option_label(option, lang) for option in question.options}
        figure = bars_figure(counts, labels, question.accepted(), lang)
    plotly_chart(figure, key=_answers_key(question), alt=alt, config={"displayModeBar": False})
    # in a class, under where the class stood: the projector shows that first
    _evidence(question, found, lang)
    _why(why)


def _why(why: str) -> None:
    """Why the answer is what it is, after the answer's pictures (the class's bars, a network
    question's evidence): a network question's reasons, up to ten lines in one paragraph with the
    answer, had pushed the bars and the evidence off a phone's screen and the evidence off a
    projector's."""
    if why:
        st.markdown(why.strip())


def _answers_key(question: Question) -> str:
    """The key of the class's answers chart (its box: .st-key-<key>)."""
    return f"class_answers_{question.id}"


def _evidence_key(question: Question) -> str:
    """The key of a network question's evidence chart (its box: .st-key-<key>)."""
    return f"class_evidence_{question.id}"


def _evidence(question: Question, found: Evidence | None, lang: str) -> None:
    """A network question's reveal shows what its truth was computed from (`found`): its scene's
    networks, trained (the same cached training), each one's final validation loss or accuracy
    (what decides the question), the best α marked."""
    if found is None:
        return
    scores = {f"α = {alpha}": score for alpha, score in found.by_alpha.items()}
    scores |= {t(f"predict.evidence.{name}", lang): score for name, score in found.accuracy_alone.items()}
    best = f"α = {found.best_alpha}"
    # the α counted as right with it (the accuracy question's ties are regularizers, not α)
    right = {f"α = {alpha}" for alpha in found.gaps} if found.metric == "val_loss" else set()
    st.caption(t(f"predict.evidence_of.{found.metric}", lang))
    digits = EVIDENCE_DIGITS[found.metric]
    alt = t(f"predict.alt.evidence.{found.metric}", lang, best=found.best_alpha,
            scores=", ".join(f"{label} {score:.{digits}f}" for label, score in scores.items()))  # fmt: skip
    figure = evidence_figure(scores, best, lang, found.metric, right)
    plotly_chart(figure, key=_evidence_key(question), alt=alt, config={"displayModeBar": False})


def revealed_to_session(page: str) -> list[Question]:
    """The questions of `page` whose answer this session has been shown, alone or in a class
    (asked or opened again, a question leaves the list until its next reveal)."""
    shown = st.session_state.get(PLAYED, set())
    return [question for question in page_questions(page) if question.id in shown]


def _show_once(question: Question, in_class: bool = False) -> None:
    """Bring the answer and its picture into view (REVEAL_JS), once per revealed question in this
    session; on the landscape, play the descent. The picture: the page's chart, or on the network
    page the evidence drawn under the answer (in a class, the class's answers drawn above it)."""
    played = st.session_state.setdefault(PLAYED, set())
    if question.id in played:
        return
    played.add(question.id)
    charts = {"landscape": MAIN_CHART, "sparsity": SECTION_CHART}
    chart = charts.get(question.page, _answers_key(question) if in_class else _evidence_key(question))
    script = REVEAL_JS % (question.id, json.dumps(question.page == "landscape"), chart)
    hidden = '<style>[data-testid="stElementContainer"]:has(.dv-play) { display: none; }</style>'
    st.html(f'{hidden}<span class="dv-play"></span><script>{script}</script>', unsafe_allow_javascript=True)


def _in_scene(question: Question) -> bool:
    """Whether the page still shows the question's scene (its answer speaks of that scene)."""
    return all(ui.value(name) == value for name, value in question.values.items())


def _way_back(question: Question, lang: str) -> None:
    """Under an answer whose scene the student has left (to try another after the reveal): say
    that the page shows another scene, with a button back to the question's."""
    if _in_scene(question):
        return
    st.caption(t("predict.other_scene", lang))
    st.button(
        t("predict.back", lang), key="predict_back", icon=":material/undo:",
        on_click=ui.apply, args=(question.values,), kwargs={"fold": False},
    )  # fmt: skip


def chart_overlay(page: str, spec: dict, lang: str) -> dict:
    """The page's main chart with a revealed point question's answers on it: the class's taps,
    the student's own and the true end, while the page still shows the question's scene."""
    revealed = st.session_state.get(REVEALED)
    if revealed is None:
        return spec
    question = QUESTIONS[revealed.question_id]
    if question.page != page or not _in_scene(question):
        return spec
    taps = taps_overlay(revealed.taps, question.truth(), lang, revealed.yours)
    return with_overlay(without_alpha_slider(spec), taps)

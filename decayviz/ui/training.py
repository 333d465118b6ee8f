"""Training from a Streamlit page: the page asks the server's workers and draws what they did.

The server's trainings live in one `worker.Trainings` (a resource shared by every session), one
job per session, keyed by the session's id. Buttons only queue, stop or extend a job; no script
run ever trains, so reruns, widget changes, page or language switches and Streamlit's own Stop
cannot pause a run, start a second trainer, or change its numbers. When a session's tab is gone,
the janitor releases its job (and its tensors) at once.
"""

from __future__ import annotations

import atexit
import threading
from typing import Any

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from decayviz.state import defaults, sweep_request
from decayviz.training import SweepConfig, SweepResult, start_sweep
from decayviz.training.options import RUN_SECONDS, SERVER_TRAININGS, SESSION_GRACE_S
from decayviz.training.worker import ACTIVE, GONE, INACTIVE, Job, Trainings

ERROR_KEY = "network_request_error"


def _session_state(owner: str) -> str:
    """Whether a session has its tab open (ACTIVE), lost it but may reconnect (INACTIVE), or
    was dropped by Streamlit (GONE)."""
    if not Runtime.exists():  # AppTest runs scripts without a server: every session stays
        return ACTIVE
    runtime = Runtime.instance()
    if runtime.is_active_session(owner):
        return ACTIVE
    sessions = getattr(runtime, "_session_mgr", None)  # no public way to ask for a dropped one
    if sessions is not None and sessions.get_session_info(owner) is None:
        return GONE
    return INACTIVE


@st.cache_resource
def service() -> Trainings:
    """The server's trainings: SERVER_TRAININGS workers and one queue, shared by every session."""
    return Trainings(
        SERVER_TRAININGS, RUN_SECONDS, start_sweep, session_state=_session_state, grace_s=SESSION_GRACE_S
    )


def owner() -> str:
    """This session's id: whose job is whose."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "no-session"


def current() -> Job | None:
    return service().job(owner())


def request_start(config: SweepConfig, alphas: tuple[float, ...], epochs: int) -> None:
    """Train's on_click: queue this session's run (it starts when a worker is free)."""
    try:
        service().submit(owner(), config, alphas, epochs)
        st.session_state.pop(ERROR_KEY, None)
    except ValueError as problem:  # the table's bounds should prevent it; say so, never a traceback
        st.session_state[ERROR_KEY] = str(problem)


def request_error() -> str | None:
    return st.session_state.get(ERROR_KEY)


def extend(alphas: tuple[float, ...], epochs: int) -> None:
    """Continue's on_click: train this session's run `epochs` more, with these α."""
    service().extend(owner(), alphas, epochs)


def request_stop() -> None:
    """Stop's on_click: leave the queue, or stop training after the current epoch."""
    service().stop(owner())


def leave_page() -> None:
    """Another page opened in this session: a run still waiting in the queue is withdrawn."""
    service().withdraw(owner())


# --- the default scene, trained once per server in the background ---

_default_lock = threading.Lock()
_default: dict[str, Any] = {}


def warm_up() -> None:
    """Once per server, in a background thread: import torch and train the network page's
    default scene, so the page opens with curves and Train never waits for the import."""
    with _default_lock:
        if "thread" in _default:
            return
        _default["thread"] = threading.Thread(target=_train_default, name="decayviz-warm-up", daemon=True)
        _default["thread"].start()
        # An interpreter exiting while torch runs in a thread aborts: let the warm-up end first.
        atexit.register(_default["thread"].join, 60.0)


def _train_default() -> None:
    from decayviz.training.engine import train_sweep

    config, alphas, epochs = sweep_request(defaults("network"))
    try:
        _default["result"] = train_sweep(alphas, config, epochs)
    except Exception as error:  # the page then shows its usual "nothing yet" instead
        _default["result"] = None
        _default["error"] = error


def default_result() -> SweepResult | None:
    """The default scene's sweep once the background training has finished, else None."""
    return _default.get("result")


def default_pending() -> bool:
    """The default scene is still being trained (so a page may wait for it)."""
    return "thread" in _default and "result" not in _default

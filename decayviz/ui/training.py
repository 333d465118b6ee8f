"""Training from a Streamlit page: the page asks the server's workers and draws what they did.

The server's trainings live in one `worker.Trainings` (a resource shared by every session), one
job per session, keyed by the session's id. Buttons only queue, stop or extend a job; no script
run ever trains, so reruns, widget changes, page or language switches and Streamlit's own Stop
cannot pause a run, start a second trainer, or change its numbers. When a session's tab is gone,
the janitor releases its job (and its tensors) at once.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from decayviz.state import defaults, sweep_request
from decayviz.training import SweepConfig, SweepResult, start_sweep
from decayviz.training.grids import start_grids
from decayviz.training.options import RUN_SECONDS, SERVER_TRAININGS, SESSION_GRACE_S
from decayviz.training.worker import ACTIVE, GONE, INACTIVE, Job, Trainings, yield_to_pages
from decayviz.ui.streamlit_private import session_dropped

ERROR_KEY = "network_request_error"


def _session_state(owner: str) -> str:
    """Whether a session has its tab open (ACTIVE), lost it but may reconnect (INACTIVE), or
    was dropped by Streamlit (GONE)."""
    if not Runtime.exists():  # AppTest runs scripts without a server: every session stays
        return ACTIVE
    runtime = Runtime.instance()
    if runtime.is_active_session(owner):
        return ACTIVE
    return GONE if session_dropped(runtime, owner) else INACTIVE


@st.cache_resource
def service() -> Trainings:
    """The server's trainings: SERVER_TRAININGS workers and one queue, shared by every session."""
    return Trainings(
        SERVER_TRAININGS, RUN_SECONDS, start_sweep, session_state=_session_state, grace_s=SESSION_GRACE_S,
        start_grid=start_grids,
    )  # fmt: skip


def owner() -> str:
    """This session's id: whose job is whose."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "no-session"


def current() -> Job | None:
    return service().job(owner())


# Train's click waits this long for its run before the page is drawn: a short run (the default
# scene takes a few hundredths of a second) is then drawn done at once, not one live redraw later.
FIRST_LOOK_S = 0.3


def request_start(
    config: SweepConfig, alphas: tuple[float, ...], epochs: int, lrs: tuple[float, ...] = ()
) -> None:
    """Train's on_click: queue this session's run (it starts when a worker is free); with `lrs`,
    the lr × α grids (decayviz.training.grids)."""
    try:
        job = service().submit(owner(), config, alphas, epochs, lrs)
        st.session_state.pop(ERROR_KEY, None)
        if service().counts()[0] < SERVER_TRAININGS:  # a worker is free: it starts at once
            service().wait(job, FIRST_LOOK_S)
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
_asked = threading.Event()  # a network page wants the default scene: no more waiting
_closing = threading.Event()  # the server is exiting
# After the first page's script run, the warm-up waits until the machine is quiet: PyTorch's
# import takes a core for 1.5 s, much of it holding the GIL, and would slow whatever else runs:
# the first visitor's browser drawing the page's charts (on a laptop, the same machine), the next
# students' first pages. Quiet: QUIET_CORES of the machine's cores idle over QUIET_FOR_S (the
# import's core and some to spare). On a machine that is never quiet it starts after
# WARM_UP_MAX_WAIT_S all the same; a network page that asks starts it at once.
QUIET_CORES = 1.5
QUIET_FOR_S = 1.0
WARM_UP_MAX_WAIT_S = 60.0


def warm_up() -> None:
    """Once per server, in a background thread: import torch and train the network page's
    default scene, so the page opens with curves and Train never waits for the import. It starts
    once the page that called it has been served and the machine is quiet (_wait_until_quiet), at
    a training's lower priority; at once when a network page asks for it. DECAYVIZ_WARM_UP=0
    switches it off (bench/page_load.py --fresh compares)."""
    if os.environ.get("DECAYVIZ_WARM_UP") == "0":
        return
    with _default_lock:
        if "thread" in _default:
            return
        script = threading.current_thread()  # this script run's own thread: it ends with the run
        _default["thread"] = threading.Thread(
            target=_train_default, args=(script,), name="decayviz-warm-up", daemon=True
        )
        _default["thread"].start()
        atexit.register(_end_warm_up)


def _end_warm_up() -> None:
    """At exit: a warm-up still waiting gives up; one inside torch is let finish first (an
    interpreter exiting while torch runs in a thread aborts)."""
    _closing.set()
    _asked.set()
    _default["thread"].join(60.0)


def _cpu_times() -> tuple[float, float] | None:
    """(idle, total) CPU time of the whole machine, summed over its cores, from Linux's
    /proc/stat; None elsewhere."""
    try:
        with Path("/proc/stat").open() as stat:
            fields = [float(x) for x in stat.readline().split()[1:9]]  # user … steal
    except (OSError, ValueError):
        return None
    return fields[3] + fields[4], sum(fields)  # idle and iowait count as idle


def _wait_until_quiet() -> None:
    """Return once the machine has had QUIET_CORES idle for QUIET_FOR_S, a network page asks
    for the default scene, the server is closing, or WARM_UP_MAX_WAIT_S have passed. Without
    /proc/stat, after one QUIET_FOR_S."""
    cores = os.cpu_count() or 1
    deadline = time.monotonic() + WARM_UP_MAX_WAIT_S
    before = _cpu_times()
    while not _asked.wait(QUIET_FOR_S) and time.monotonic() < deadline:
        now = _cpu_times()
        if before is None or now is None:
            return
        idle, total = (b - a for a, b in zip(before, now, strict=True))
        if total > 0 and cores * idle / total >= min(QUIET_CORES, cores):
            return
        before = now


def _train_default(script: threading.Thread) -> None:
    while script.is_alive() and not _asked.wait(0.05):  # the first page's script run comes first
        pass
    _wait_until_quiet()  # and its visitor's browser drawing it
    if _closing.is_set():  # the server is stopping: no use importing torch now
        return
    yield_to_pages()
    from decayviz.training.engine import train_sweep

    config, alphas, epochs = default_request()
    try:
        _default["result"] = train_sweep(alphas, config, epochs)
    except Exception as error:  # the page then shows its usual "nothing yet" instead
        _default["result"] = None
        _default["error"] = error


def default_request() -> tuple:
    """The default scene's run, (config, alphas, epochs), as the background trains it."""
    return sweep_request(defaults("network"))


def default_result() -> SweepResult | None:
    """The default scene's sweep once the background training has finished, else None."""
    _asked.set()
    return _default.get("result")


def default_pending() -> bool:
    """The default scene is still being trained (so a page may wait for it)."""
    _asked.set()
    return "thread" in _default and "result" not in _default

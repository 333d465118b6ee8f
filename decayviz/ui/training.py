"""Training from a Streamlit page: one run per session, a few per server, live, stoppable.

The run lives in st.session_state, so it survives reruns: a click on Stop, or on any other
widget, interrupts the script between two epochs (Streamlit stops a running script at its next
st call) and the trained networks stay. A run that was interrupted by anything but Stop goes on
training on the next script run; changing a view therefore never retrains, nor loses progress.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from decayviz.training import SweepConfig, SweepResult, start_sweep
from decayviz.training.options import RUN_SECONDS, SERVER_TRAININGS

RUN_KEY = "network_run"
PENDING_KEY = "network_run_requested"

RUNNING, DONE, STOPPED, TIME_LIMIT, BUSY = "running", "done", "stopped", "time_limit", "busy"


@dataclass
class Run:
    """A sweep of this session: its trainer (torch tensors), how far it should go, and why it
    is not training (status). `seconds` is the training time of the current press of a button."""

    trainer: Any  # decayviz.training.engine.SweepTrainer; typed loosely so torch stays unimported
    target_epochs: int
    status: str = RUNNING
    seconds: float = 0.0
    total_seconds: float = 0.0
    snapshot: SweepResult | None = field(default=None, repr=False)

    @property
    def config(self) -> SweepConfig:
        return self.trainer.config

    @property
    def epochs_done(self) -> int:
        return self.trainer.epochs_done

    def result(self) -> SweepResult:
        """The trained networks as plain numpy, recomputed only after new epochs."""
        if self.snapshot is None or self.snapshot.epochs_done != self.epochs_done:
            self.snapshot = self.trainer.result()
        return self.snapshot


@st.cache_resource
def _server_slots() -> threading.BoundedSemaphore:
    """Shared by every session of this server: how many trainings may run at the same time."""
    return threading.BoundedSemaphore(SERVER_TRAININGS)


def current() -> Run | None:
    return st.session_state.get(RUN_KEY)


def request_start(config: SweepConfig, alphas: tuple[float, ...], epochs: int) -> None:
    """Train's on_click: remembers the request, so the rerun it causes already shows Stop
    enabled; `start_requested` builds the networks (that needs torch) under a spinner."""
    st.session_state[PENDING_KEY] = (config, alphas, epochs)


def start_requested() -> bool:
    """Start the run requested by Train, if any (replacing this session's previous run)."""
    request = st.session_state.pop(PENDING_KEY, None)
    if request is None:
        return False
    config, alphas, epochs = request
    st.session_state[RUN_KEY] = Run(trainer=start_sweep(config, alphas), target_epochs=epochs)
    return True


def is_pending() -> bool:
    return PENDING_KEY in st.session_state


def extend(alphas: tuple[float, ...], epochs: int) -> None:
    """Continue's on_click: train the current run `epochs` more, with these α (new ones branch
    from the nearest trained α)."""
    run = current()
    if tuple(alphas) != tuple(run.trainer.alphas):
        run.trainer.continue_with(alphas)
    run.target_epochs = run.epochs_done + epochs
    run.status, run.seconds = RUNNING, 0.0


def request_stop() -> None:
    """Stop's on_click: it runs before the rerun that interrupts the training loop."""
    run = current()
    if run is not None and run.status == RUNNING:
        run.status = STOPPED


def drive(on_epoch: Callable[[Run], None]) -> None:
    """Train the session's run epoch by epoch until it is done, stopped or out of time, calling
    `on_epoch` after each (to draw). If the server's trainings are all taken, the run waits
    (status BUSY) instead of blocking."""
    run = current()
    if run is None or run.status != RUNNING:
        return
    slots = _server_slots()
    if not slots.acquire(blocking=False):
        run.status = BUSY
        return
    try:
        while run.epochs_done < run.target_epochs:
            if run.seconds >= RUN_SECONDS:
                run.status = TIME_LIMIT
                return
            started = time.perf_counter()
            run.trainer.train_epoch()
            elapsed = time.perf_counter() - started
            run.seconds += elapsed
            run.total_seconds += elapsed
            on_epoch(run)  # a Stop or any widget interrupts here, between two epochs
        run.status = DONE
    finally:
        slots.release()

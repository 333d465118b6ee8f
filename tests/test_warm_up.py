"""The default scene's warm-up waits for a quiet machine (decayviz.ui.training._wait_until_quiet):
at once when the cores are idle, on and on while they are busy, until a network page asks for the
scene or the longest wait is over; without /proc/stat, after one look."""

from __future__ import annotations

import threading
import time

import pytest
from helpers import wait_until

from decayviz.ui import training

LOOK_S = 0.02  # QUIET_FOR_S in these tests: how long each look at the machine lasts


class Machine:
    """Fake /proc/stat counters, (idle, total) summed over the cores: between two looks, all of
    the time idle (quiet) or none of it (busy). Counts the looks."""

    def __init__(self, quiet: bool) -> None:
        self.quiet, self.looks, self.idle, self.total = quiet, 0, 0.0, 0.0
        self.lock = threading.Lock()

    def __call__(self) -> tuple[float, float]:
        with self.lock:
            self.looks += 1
            self.total += 100.0
            self.idle += 100.0 if self.quiet else 0.0
            return self.idle, self.total


@pytest.fixture(autouse=True)
def settings(monkeypatch):
    """Short looks, a long longest wait (a test that needs it short sets it), and `_asked` (a
    module-level Event shared with the rest of the process) clear before and after."""
    monkeypatch.setattr(training, "QUIET_FOR_S", LOOK_S)
    monkeypatch.setattr(training, "WARM_UP_MAX_WAIT_S", 60.0)
    training._asked.clear()
    yield
    training._asked.clear()


def waiting(timeout_s: float = 30.0) -> tuple[threading.Thread, dict[str, float]]:
    """_wait_until_quiet in a thread of its own; `times["took"]` once it returns."""
    times: dict[str, float] = {}

    def run():
        started = time.monotonic()
        training._wait_until_quiet()
        times["took"] = time.monotonic() - started

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, times


def test_a_quiet_machine_ends_the_wait_at_the_first_look(monkeypatch):
    machine = Machine(quiet=True)
    monkeypatch.setattr(training, "_cpu_times", machine)
    thread, times = waiting()
    thread.join(30)
    assert not thread.is_alive()
    assert machine.looks == 2  # the counters before and after one QUIET_FOR_S
    assert times["took"] < 30  # far from the 60 s longest wait


def test_a_busy_machine_keeps_it_waiting_until_a_page_asks(monkeypatch):
    machine = Machine(quiet=False)
    monkeypatch.setattr(training, "_cpu_times", machine)
    thread, _ = waiting()
    wait_until(lambda: machine.looks >= 5, "timed out", poll=0.005)  # busy at look after look
    assert thread.is_alive()
    asked = time.monotonic()
    training._asked.set()  # a network page wants the default scene
    thread.join(30)
    assert not thread.is_alive()
    assert time.monotonic() - asked < 10  # at once, not after the 60 s longest wait


def test_a_machine_never_quiet_is_waited_for_at_most_the_longest_wait(monkeypatch):
    monkeypatch.setattr(training, "WARM_UP_MAX_WAIT_S", 0.3)
    machine = Machine(quiet=False)
    monkeypatch.setattr(training, "_cpu_times", machine)
    thread, times = waiting()
    thread.join(30)
    assert not thread.is_alive()
    assert times["took"] >= 0.3
    assert not training._asked.is_set()  # it gave up by itself


def test_without_cpu_counters_it_waits_one_look(monkeypatch):
    looks = []
    monkeypatch.setattr(training, "_cpu_times", lambda: looks.append(1))  # None: not Linux
    thread, times = waiting()
    thread.join(30)
    assert not thread.is_alive()
    assert len(looks) == 2 and times["took"] < 30
    assert times["took"] >= LOOK_S * 0.5  # it did wait that look (timer granularity aside)

"""Trainings owned by worker threads: a page asks, a worker trains, the page only reads.

A Streamlit script run cannot be interrupted inside a computation, and a rerun starts a new
script thread while the old one is still running, so a training driven by the script would be
driven twice (or paused) by a curious student's clicks. Here a training is a `Job` that a fixed
set of worker threads takes from a first-come, first-served queue; only that worker ever touches
the job's trainer. A page reads the job's status and its latest `snapshot` (plain numpy), and
asks for things (stop, continue) with methods that only set flags or queue the job.

A queued job holds its request and nothing heavy: the trainer (torch tensors, ~14 MB for the
default sweep) is built by the worker that starts it, and dropped as soon as its session is gone.
"""

from __future__ import annotations

import atexit
import collections
import ctypes
import ctypes.util
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from decayviz.training.options import TRAINING_NICENESS
from decayviz.training.result import GridResult, SweepConfig, SweepResult, check_alphas, check_lrs

QUEUED, RUNNING = "queued", "running"
DONE, STOPPED, TIME_LIMIT, FAILED = "done", "stopped", "time_limit", "failed"
WAITING = (QUEUED, RUNNING)  # the job is not finished: a worker has it or will take it

# What a session is to the server: connected, disconnected (it may come back), or forgotten.
ACTIVE, INACTIVE, GONE = "active", "inactive", "gone"

_LOG = logging.getLogger(__name__)


@dataclass
class Job:
    """One session's sweep. `status`, `epochs_done`, the seconds and `snapshot` are written by
    the worker that trains it and read by anyone; the rest is what was asked."""

    owner: str
    config: SweepConfig
    alphas: tuple[float, ...]
    target_epochs: int
    status: str = QUEUED
    epochs_done: int = 0
    # Training time since Train: what the page shows, so it never runs backwards on Continue.
    total_seconds: float = 0.0
    segment_seconds: float = 0.0  # since the last press of Train or Continue: the time limit counts it
    snapshot: SweepResult | tuple[GridResult, ...] | None = field(default=None, repr=False)
    error: str | None = None
    released: bool = False  # its session went away: the trainer was dropped, it cannot continue
    forgotten: bool = False  # its session is gone for good: its results were dropped too
    trainer: Any = field(default=None, repr=False)  # only the worker training the job uses it
    stop_requested: bool = False
    continue_alphas: tuple[float, ...] | None = None  # α for the next segment, if changed
    lrs: tuple[float, ...] = ()  # a learning rate × α grid's rows; () for a sweep

    @property
    def finished(self) -> bool:
        return self.status not in WAITING

    @property
    def can_continue(self) -> bool:
        """Trained networks are still there to train further."""
        return self.finished and not self.released and self.status != FAILED and self.epochs_done > 0


def yield_to_pages() -> None:
    """Lower the calling thread's OS priority by TRAINING_NICENESS, once: a training (whose torch
    runs in this very thread, options.TORCH_THREADS = 1) then takes a core only when no page
    rerun wants it. Linux's niceness is per thread; elsewhere this does nothing."""
    if sys.platform != "linux" or getattr(_NICER, "done", False):
        return
    thread = threading.get_native_id()
    try:
        os.setpriority(
            os.PRIO_PROCESS, thread, min(os.getpriority(os.PRIO_PROCESS, thread) + TRAINING_NICENESS, 19)
        )
    except OSError:  # not allowed here: train at the server's priority
        _LOG.warning("could not lower the training thread's priority", exc_info=True)
    _NICER.done = True


_NICER = threading.local()


def training_cores() -> int:
    """How many trainings compute at once: every core the server may use but one, which stays
    the pages' (on a 2-core laptop, one training computes while the other waits for its turn)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, cores - 1)


class Turns:
    """At most `n` holders at once, served first come, first served: a worker that asks again
    right after its turn queues behind those already waiting, so trainings sharing a core take
    epochs in turn instead of one starving the other."""

    def __init__(self, n: int) -> None:
        self._free = n
        self._waiting: collections.deque[object] = collections.deque()
        self._lock = threading.Condition()

    def __enter__(self) -> None:
        me = object()
        with self._lock:
            self._waiting.append(me)
            self._lock.wait_for(lambda: self._waiting[0] is me and self._free > 0)
            self._waiting.popleft()
            self._free -= 1
            self._lock.notify_all()  # the next in line goes too if a turn is still free

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._free += 1
            self._lock.notify_all()


def _trim_heap() -> Callable[[], None]:
    """glibc keeps freed memory in its arenas; malloc_trim hands it back to the system, so the
    server's RSS falls when a class's trainings are released. A no-op elsewhere."""
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        trim = None
    return (lambda: trim(0)) if trim else (lambda: None)


class Trainings:
    """The server's trainings: `slots` workers, a queue, and one job per owner (a session).

    `start_trainer(config, alphas)` builds a trainer (decayviz.training.start_sweep), and
    `start_grid(config, lrs, alphas)` a grid job's (decayviz.training.grids.start_grids); injected
    so tests can count or fake what is built. `session_state(owner)` says whether an owner is still
    there (ACTIVE, INACTIVE or GONE); a janitor thread releases the trainers of owners INACTIVE
    for `grace_s` seconds and forgets owners GONE or INACTIVE for `forget_s`. Of the `slots` jobs
    training, `cores` (training_cores()) compute an epoch at once and the others wait their turn:
    besides a core, a training's Python holds the GIL that every page rerun needs too.
    """

    def __init__(
        self,
        slots: int,
        run_seconds: float,
        start_trainer: Callable[[SweepConfig, Sequence[float]], Any],
        session_state: Callable[[str], str] = lambda owner: ACTIVE,
        snapshot_every_s: float = 0.25,
        grace_s: float = 15.0,
        forget_s: float = 600.0,
        check_every_s: float = 1.0,
        start_grid: Callable[[SweepConfig, Sequence[float], Sequence[float]], Any] | None = None,
        cores: int | None = None,
    ) -> None:
        self.slots = slots
        self._turns = Turns(cores or training_cores())
        self.run_seconds = run_seconds
        self._start_trainer = start_trainer
        self._start_grid = start_grid
        self._session_state = session_state
        self._snapshot_every_s = snapshot_every_s
        self._grace_s = grace_s
        self._forget_s = forget_s
        self._check_every_s = check_every_s
        self._lock = threading.Condition()
        self._queue: collections.deque[Job] = collections.deque()
        self._jobs: dict[str, Job] = {}
        self._inactive_since: dict[str, float] = {}
        self._threads: list[threading.Thread] = []
        self._busy = 0  # workers inside a training
        self._closed = False
        self._trim = _trim_heap()

    # --- what a page asks ---

    def job(self, owner: str) -> Job | None:
        return self._jobs.get(owner)

    def submit(
        self, owner: str, config: SweepConfig, alphas: Sequence[float], epochs: int, lrs: Sequence[float] = ()
    ) -> Job:
        """Train: a new job for `owner`, queued behind the others; the owner's previous job is
        stopped (a worker finishes its epoch) or withdrawn. Pressing Train again for the same
        request while it waits or trains changes nothing (Stop, then Train, starts over). With
        `lrs`, the job is a learning rate × α grid (one model per pair), trained as a sweep is."""
        alphas = check_alphas(alphas)
        lrs = check_lrs(lrs) if lrs else ()
        if lrs and self._start_grid is None:
            raise ValueError("this server trains no grids")
        if int(epochs) < 1:
            raise ValueError(f"epochs must be at least 1, not {epochs!r}")
        with self._lock:
            old = self._jobs.get(owner)
            if (
                old is not None
                and old.status in WAITING
                and not old.stop_requested
                and (old.config, old.alphas, old.lrs, old.target_epochs) == (config, alphas, lrs, int(epochs))
            ):
                return old
            if old is not None:  # replaced: its trainer goes as soon as no worker uses it
                self._cancel(old)
                old.released = True
                if old.status != RUNNING:
                    old.trainer = None
            job = Job(owner, config, alphas, int(epochs), lrs=lrs)
            self._jobs[owner] = job
            self._enqueue(job)
            return job

    def extend(self, owner: str, alphas: Sequence[float], epochs: int) -> Job | None:
        """Continue: train the owner's finished job `epochs` more, with these α (a new α branches
        from the nearest trained one); it queues again behind the others."""
        alphas = check_alphas(alphas)
        with self._lock:
            job = self._jobs.get(owner)
            if job is None or not job.can_continue:
                return None
            if alphas != job.alphas:
                job.continue_alphas = alphas
            job.target_epochs = job.epochs_done + int(epochs)
            job.segment_seconds, job.stop_requested = 0.0, False  # the time limit is per press
            self._enqueue(job)
            return job

    def wait(self, job: Job, timeout_s: float) -> bool:
        """Wait up to `timeout_s` for `job` to finish; whether it has."""
        with self._lock:
            return self._lock.wait_for(lambda: job.finished, timeout_s)

    def stop(self, owner: str) -> None:
        """Stop: a queued job leaves the queue; a training one stops after its current epoch
        and keeps what it trained."""
        with self._lock:
            job = self._jobs.get(owner)
            if job is not None:
                self._cancel(job)

    def withdraw(self, owner: str) -> None:
        """The owner left the page: a job still in the queue leaves it (a training one goes on)."""
        with self._lock:
            job = self._jobs.get(owner)
            if job is not None and job.status == QUEUED:
                self._cancel(job)

    def place(self, job: Job) -> int | None:
        """1 for the next job a worker takes, 2 for the one after, …; None when not queued."""
        with self._lock:
            for place, queued in enumerate(self._queue, start=1):
                if queued is job:
                    return place
        return None

    def counts(self) -> tuple[int, int]:
        """(jobs training, jobs queued) on this server."""
        with self._lock:
            return sum(j.status == RUNNING for j in self._jobs.values()), len(self._queue)

    # --- the owners' lifetimes ---

    def release(self, owner: str, forget: bool = True) -> None:
        """Stop the owner's job and drop its trainer; if `forget` (the owner is gone for good),
        drop its results too."""
        with self._lock:
            job = self._jobs.get(owner)
            if job is None:
                return
            self._cancel(job)
            job.released = True
            if job.status != RUNNING:  # a training job is released by its worker after the epoch
                job.trainer = None
            if forget:
                del self._jobs[owner]
                self._inactive_since.pop(owner, None)
                job.forgotten, job.snapshot = True, None
        self._trim()

    def check_owners(self) -> None:
        """Withdraw the queued jobs of owners whose tab is closed; release the jobs of owners away
        for longer than the grace period (their results stay,
        in case the tab comes back), and forget those gone. Their trainers are dropped at once,
        not when a garbage collection finds their sessions."""
        now = time.monotonic()
        for owner in list(self._jobs):
            state = self._session_state(owner)
            if state == ACTIVE:
                self._inactive_since.pop(owner, None)
                continue
            away = now - self._inactive_since.setdefault(owner, now)
            self.withdraw(owner)  # a closed tab's request leaves the queue at once
            if state == GONE or away >= self._forget_s:
                self.release(owner, forget=True)
            elif away >= self._grace_s and not self._jobs[owner].released:
                self.release(owner, forget=False)

    # --- inside ---

    def _cancel(self, job: Job) -> None:
        """(Under the lock.) Take a job out of the queue or ask its worker to stop."""
        if job.status == QUEUED:
            self._queue.remove(job)
            job.status = STOPPED
        elif job.status == RUNNING:
            job.stop_requested = True

    def _enqueue(self, job: Job) -> None:
        """(Under the lock.) Queue a job and make sure the workers run."""
        job.status = QUEUED
        self._queue.append(job)
        if not self._threads:
            self._threads = [
                threading.Thread(target=self._work, name=f"decayviz-trainer-{i}", daemon=True)
                for i in range(self.slots)
            ]
            self._threads.append(threading.Thread(target=self._janitor, name="decayviz-janitor", daemon=True))
            for thread in self._threads:
                thread.start()
            atexit.register(self.shutdown)
        self._lock.notify()

    def shutdown(self, timeout_s: float = 60.0) -> None:
        """Stop every job and wait until no worker is inside torch: an interpreter that exits
        while a thread runs native code aborts ("terminate called without an active exception")."""
        with self._lock:
            self._closed = True
            for job in [*self._queue, *self._jobs.values()]:
                self._cancel(job)
            self._lock.notify_all()
            self._lock.wait_for(lambda: self._busy == 0, timeout_s)

    def _work(self) -> None:
        yield_to_pages()
        while True:
            with self._lock:
                while not self._queue and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                job = self._queue.popleft()
                job.status = RUNNING
                self._busy += 1
            try:
                self._train(job)
            except Exception as error:  # a bug must not take the worker down with it
                _LOG.exception("training failed")
                job.error = f"{type(error).__name__}: {error}"
                job.status = FAILED
            finally:
                if job.released:
                    job.trainer = None
                    if job.forgotten:
                        job.snapshot = None
                    self._trim()
                with self._lock:
                    self._busy -= 1
                    self._lock.notify_all()

    def _train(self, job: Job) -> None:
        """Train one segment of a job: until its target, a stop, or the time limit."""
        if job.trainer is None:
            if job.lrs:
                job.trainer = self._start_grid(job.config, job.lrs, job.alphas)
            else:
                job.trainer = self._start_trainer(job.config, job.alphas)
        trainer = job.trainer
        if job.continue_alphas is not None:
            trainer.continue_with(job.continue_alphas)
            job.alphas, job.continue_alphas = tuple(trainer.alphas), None
        last_snapshot = 0.0
        status = DONE
        while trainer.epochs_done < job.target_epochs:
            if job.stop_requested:
                status = STOPPED
                break
            if job.segment_seconds >= self.run_seconds:
                status = TIME_LIMIT
                break
            with self._turns:  # the time waiting for a turn is no training time
                if job.stop_requested:  # asked to stop (or released) while it waited for its turn
                    status = STOPPED
                    break
                started = time.perf_counter()
                trainer.train_epoch()
                elapsed = time.perf_counter() - started
            job.segment_seconds += elapsed
            job.total_seconds += elapsed
            job.epochs_done = trainer.epochs_done
            if not job.forgotten and time.monotonic() - last_snapshot >= self._snapshot_every_s:
                job.snapshot = trainer.result()
                last_snapshot = time.monotonic()
        if not job.forgotten:
            job.snapshot = trainer.result()
        job.stop_requested = False
        job.status = status

    def _janitor(self) -> None:
        while True:
            time.sleep(self._check_every_s)
            try:
                self.check_owners()
            except Exception:  # keep watching; a failed check is retried a second later
                _LOG.exception("checking the trainings' sessions failed")

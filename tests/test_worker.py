"""The training workers (decayviz.training.worker), with a fake trainer whose epochs take a
known time: a queue served in order by a fixed number of workers, Stop within one epoch,
Continue, nothing built for a queued request, and a gone session's run released at once."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace
from typing import ClassVar

import pytest
from helpers import wait_until

from decayviz.training.result import SweepConfig
from decayviz.training.worker import (
    ACTIVE,
    DONE,
    GONE,
    INACTIVE,
    QUEUED,
    RUNNING,
    STOPPED,
    TIME_LIMIT,
    Trainings,
    Turns,
    training_cores,
)

CONFIG = SweepConfig()
ALPHAS = (0.0, 0.01)


class FakeTrainer:
    """Counts epochs; each takes `epoch_s`. Records who trained when, to check overlaps."""

    built: ClassVar[list[FakeTrainer]] = []
    log: ClassVar[list[tuple[str, float, float]]] = []
    lock = threading.Lock()

    def __init__(self, config, alphas, epoch_s=0.02, tag=""):
        self.config, self.alphas, self.epoch_s, self.tag = config, tuple(alphas), epoch_s, tag
        self.epochs_done = 0
        self.training = threading.Lock()  # held while an epoch runs: two at once would fail
        with FakeTrainer.lock:
            FakeTrainer.built.append(self)

    def train_epoch(self):
        assert self.training.acquire(blocking=False), "two threads trained the same trainer"
        try:
            start = time.monotonic()
            time.sleep(self.epoch_s)
            self.epochs_done += 1
            with FakeTrainer.lock:
                FakeTrainer.log.append((self.tag, start, time.monotonic()))
        finally:
            self.training.release()

    def continue_with(self, alphas):
        self.alphas = tuple(alphas)

    def result(self):
        return SimpleNamespace(alphas=self.alphas, epochs_done=self.epochs_done)  # a SweepResult's gist


@pytest.fixture(autouse=True)
def fresh_log():
    FakeTrainer.built.clear()
    FakeTrainer.log.clear()


def service(slots=2, run_seconds=60.0, epoch_s=0.02, **kwargs) -> Trainings:
    def build(config, alphas):
        return FakeTrainer(config, alphas, epoch_s, tag=f"{config.seed}")

    return Trainings(slots, run_seconds, build, snapshot_every_s=0.0, **kwargs)


def wait(condition, timeout=10.0):
    """helpers.wait_until with the worker tests' quick polls and shorter limit."""
    wait_until(condition, "timed out", timeout, poll=0.005)


def config(seed: int) -> SweepConfig:
    return SweepConfig(seed=seed)


def test_a_queue_served_in_order_by_a_fixed_number_of_workers():
    trainings = service(slots=2, epoch_s=0.01)
    jobs = [trainings.submit(f"s{i}", config(i), ALPHAS, 5) for i in range(7)]
    wait(lambda: all(job.finished for job in jobs))
    assert all(job.status == DONE and job.epochs_done == 5 for job in jobs)
    assert all(job.snapshot.epochs_done == 5 for job in jobs)
    starts = {}
    for tag, start, _ in FakeTrainer.log:
        starts.setdefault(tag, start)
    assert sorted(starts, key=starts.get) == [str(i) for i in range(7)]  # first come, first served
    events = sorted([(s, 1) for _, s, _ in FakeTrainer.log] + [(e, -1) for _, _, e in FakeTrainer.log])
    running = peak = 0
    for _, step in events:
        running += step
        peak = max(peak, running)
    assert peak <= 2


def test_places_in_line_and_nothing_built_for_a_queued_request():
    trainings = service(slots=1, epoch_s=0.05)
    first = trainings.submit("a", config(0), ALPHAS, 100)
    wait(lambda: first.status == RUNNING)
    queued = [trainings.submit(f"q{i}", config(i + 1), ALPHAS, 1) for i in range(5)]
    assert [trainings.place(job) for job in queued] == [1, 2, 3, 4, 5]
    assert all(job.status == QUEUED and job.trainer is None for job in queued)
    assert len(FakeTrainer.built) == 1  # only the training one has tensors
    trainings.withdraw("q1")  # q1 left the page
    assert queued[1].status == STOPPED
    assert [trainings.place(job) for job in (queued[0], *queued[2:])] == [1, 2, 3, 4]
    trainings.stop("a")
    wait(lambda: all(job.finished for job in queued))
    assert [job.status for job in queued] == [DONE, STOPPED, DONE, DONE, DONE]


def test_stop_within_one_epoch_keeps_what_was_trained_and_continue_goes_on():
    trainings = service(slots=1, epoch_s=0.05)
    job = trainings.submit("a", CONFIG, ALPHAS, 1000)
    wait(lambda: job.epochs_done >= 3)
    at_stop = job.epochs_done
    trainings.stop("a")
    wait(lambda: job.finished)
    assert job.epochs_done <= at_stop + 1  # the epoch under way ends, no other starts
    assert job.status == STOPPED and job.can_continue
    trained = job.epochs_done
    assert job.snapshot.epochs_done == trained
    trainings.extend("a", (0.0, 0.01, 0.1), 4)
    wait(lambda: job.finished)
    assert job.status == DONE and job.epochs_done == trained + 4 and job.alphas == (0.0, 0.01, 0.1)
    assert len(FakeTrainer.built) == 1  # continued, not rebuilt


def test_pressing_train_twice_changes_nothing_and_a_new_request_replaces_the_old():
    trainings = service(slots=1, epoch_s=0.02)
    blocker = trainings.submit("other", config(9), ALPHAS, 50)
    wait(lambda: blocker.status == RUNNING)
    first = trainings.submit("a", CONFIG, ALPHAS, 3)
    assert trainings.submit("a", CONFIG, ALPHAS, 3) is first  # a second press of the same
    assert trainings.place(first) == 1
    second = trainings.submit("a", config(1), ALPHAS, 3)  # new settings: the old one leaves
    assert second is not first and first.status == STOPPED and trainings.place(second) == 1
    # the blocker leaves its place (were it left to end its 50 epochs, a busy machine could keep
    # this test waiting on the nice training thread's sleeps rather than on the queue)
    trainings.stop("other")
    wait(lambda: second.status == RUNNING)
    assert trainings.submit("a", config(1), ALPHAS, 3) is second  # pressed again while it trains
    wait(lambda: second.finished)
    assert second.status == DONE and second.epochs_done == 3 and not first.epochs_done


def test_the_time_limit_stops_a_run_and_keeps_it():
    trainings = service(slots=1, run_seconds=0.1, epoch_s=0.03)
    job = trainings.submit("a", CONFIG, ALPHAS, 1000)
    wait(lambda: job.finished)
    # each epoch takes at least 0.03 s (a busy machine makes it longer, never shorter): the limit
    # stops the run after at most 4
    assert job.status == TIME_LIMIT and 1 <= job.epochs_done <= 4 and job.can_continue


def test_the_time_limit_counts_each_press_and_the_run_time_goes_on_across_continue():
    """A run the limit stopped trains on after Continue, for another full limit; its whole training
    time (the one the page shows) goes on growing from where it was, never back to 0."""
    trainings = service(slots=1, run_seconds=0.1, epoch_s=0.03)
    job = trainings.submit("a", CONFIG, ALPHAS, 1000)
    wait(lambda: job.finished)
    assert job.status == TIME_LIMIT
    trained, first_press = job.epochs_done, job.total_seconds
    trainings.extend("a", ALPHAS, 1000)
    seen = [first_press]
    while not job.finished:
        seen.append(job.total_seconds)
        time.sleep(0.005)
    assert job.status == TIME_LIMIT and trained < job.epochs_done <= trained + 4
    assert seen == sorted(seen)  # never backwards
    assert job.total_seconds == pytest.approx(first_press + job.segment_seconds)
    assert job.segment_seconds >= 0.1


def test_a_failing_trainer_fails_its_job_not_the_worker():
    def broken(config, alphas):
        raise RuntimeError("no memory")

    trainings = Trainings(1, 60, broken)
    job = trainings.submit("a", CONFIG, ALPHAS, 2)
    wait(lambda: job.finished)
    assert job.status == "failed" and "no memory" in job.error


def test_a_gone_session_is_released_at_once_and_an_away_one_after_the_grace():
    states = {"gone": ACTIVE, "away": ACTIVE, "here": ACTIVE}
    grace_s = 1.0
    trainings = service(slots=2, epoch_s=0.02, session_state=states.get, grace_s=grace_s, check_every_s=0.05)
    states["closed"] = ACTIVE
    jobs = {owner: trainings.submit(owner, config(i), ALPHAS, 10_000) for i, owner in enumerate(states)}
    wait(lambda: jobs["gone"].epochs_done > 0 and jobs["away"].epochs_done > 0)
    assert jobs["here"].status == QUEUED and trainings.place(jobs["closed"]) == 2
    states["closed"] = INACTIVE  # its tab closed while it waited in line: withdrawn at once
    wait(lambda: jobs["closed"].finished, timeout=0.9 * grace_s)  # without waiting for the grace
    assert trainings.place(jobs["here"]) == 1
    states["gone"], states["away"] = GONE, INACTIVE
    away_since = time.monotonic()
    wait(lambda: jobs["gone"].finished)
    assert jobs["gone"].released and jobs["gone"].snapshot is None
    wait(lambda: jobs["gone"].trainer is None)  # the tensors go with the session, not at a GC
    assert trainings.job("gone") is None
    wait(lambda: jobs["away"].finished, timeout=10)
    assert time.monotonic() - away_since >= grace_s  # kept through the grace: it may come back
    assert jobs["away"].released and not jobs["away"].can_continue
    assert jobs["away"].snapshot.epochs_done == jobs["away"].epochs_done  # kept, should it come back
    wait(lambda: jobs["away"].trainer is None)
    wait(lambda: jobs["here"].status == RUNNING)  # the freed place goes to the next in line
    trainings.stop("here")


def test_shutdown_stops_every_job_and_waits_for_the_workers():
    trainings = service(slots=1, epoch_s=0.05)
    running = trainings.submit("a", config(0), ALPHAS, 1000)
    queued = trainings.submit("b", config(1), ALPHAS, 1000)
    wait(lambda: running.epochs_done >= 1)
    trainings.shutdown()
    assert running.status == STOPPED and queued.status == STOPPED  # none left inside an epoch
    assert not any(trainer.training.locked() for trainer in FakeTrainer.built)


def test_waiting_for_a_short_run_returns_as_it_finishes():
    """Trainings.wait (Train's click waits briefly, so a short run is drawn done at once): it
    returns True as soon as the run is done, False when the time is up first."""
    trainings = service(slots=1, epoch_s=0.01)
    short = trainings.submit("a", config(0), ALPHAS, 3)
    started = time.monotonic()
    assert trainings.wait(short, 5.0) and short.status == DONE
    assert time.monotonic() - started < 2.0
    long = trainings.submit("b", config(1), ALPHAS, 1000)
    assert not trainings.wait(long, 0.05) and not long.finished
    trainings.stop("b")
    assert trainings.wait(long, 5.0)


def test_training_threads_run_at_a_lower_priority():
    """Page work comes before training: a worker lowers its own thread's OS priority (Linux)."""
    import os
    import sys

    from decayviz.training.options import TRAINING_NICENESS

    if sys.platform != "linux":
        pytest.skip("per-thread niceness is Linux's")
    seen = []

    class Probe(FakeTrainer):
        def train_epoch(self):
            seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
            super().train_epoch()

    trainings = Trainings(1, 60.0, Probe, snapshot_every_s=0.0)
    job = trainings.submit("a", config(0), ALPHAS, 2)
    assert trainings.wait(job, 5.0)
    ours = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert seen and all(nice == min(ours + TRAINING_NICENESS, 19) for nice in seen)


# --- turns: how many trainings compute an epoch at once ---


def queued(turns: Turns, count: int) -> None:
    """Wait until `count` threads are blocked waiting for a turn. Turns has no public view of its
    line, so this reads its private one: the only proof that a thread is waiting, not about to."""
    wait(lambda: len(turns._waiting) == count)


def test_turns_let_at_most_n_holders_in_at_once():
    turns, lock = Turns(2), threading.Lock()
    inside, peak, entered = [0], [0], []
    leave = [threading.Event() for _ in range(5)]

    def hold(i):
        with turns:
            with lock:
                inside[0] += 1
                peak[0] = max(peak[0], inside[0])
                entered.append(i)
            leave[i].wait(10)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=hold, args=(i,), daemon=True) for i in range(5)]
    for thread in threads:
        thread.start()
    queued(turns, 3)  # two inside, three in line
    assert inside[0] == 2 and len(entered) == 2
    for done in range(5):  # each holder that leaves lets exactly one more in
        leave[entered[done]].set()
        wait(lambda done=done: len(entered) == min(5, done + 3))
        with lock:
            assert inside[0] <= 2
    for thread in threads:
        thread.join(10)
    assert not any(thread.is_alive() for thread in threads)
    assert peak[0] == 2 and sorted(entered) == list(range(5))


def test_turns_under_contention_never_exceed_n():
    turns, lock = Turns(2), threading.Lock()
    inside, peak = [0], [0]

    def work():
        for _ in range(200):
            with turns:
                with lock:
                    inside[0] += 1
                    peak[0] = max(peak[0], inside[0])
                time.sleep(0)  # let the others run while inside
                with lock:
                    inside[0] -= 1

    threads = [threading.Thread(target=work, daemon=True) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not any(thread.is_alive() for thread in threads)
    assert 1 <= peak[0] <= 2 and inside[0] == 0


def test_turns_are_served_first_come_first_served():
    turns, order = Turns(1), []
    holding, release = threading.Event(), threading.Event()

    def holder():
        with turns:
            holding.set()
            release.wait(10)

    def take(i):
        with turns:
            order.append(i)

    first = threading.Thread(target=holder, daemon=True)
    first.start()
    assert holding.wait(10)
    threads = []
    for i in range(5):  # each one starts only once the one before is provably in line
        threads.append(threading.Thread(target=take, args=(i,), daemon=True))
        threads[-1].start()
        queued(turns, i + 1)
    release.set()
    for thread in [first, *threads]:
        thread.join(10)
    assert order == [0, 1, 2, 3, 4]


def test_a_holder_asking_again_queues_behind_those_waiting():
    """Two trainings sharing one core take epochs in turn: A, B, A, B, never A, A, A."""
    turns, order = Turns(1), []
    holding, go = threading.Event(), threading.Event()

    def worker(name, first_waits):
        for epoch in range(4):
            with turns:
                order.append(name)
                if epoch == 0 and first_waits:
                    holding.set()
                    go.wait(10)  # B gets in line meanwhile

    a = threading.Thread(target=worker, args=("A", True), daemon=True)
    a.start()
    assert holding.wait(10)
    b = threading.Thread(target=worker, args=("B", False), daemon=True)
    b.start()
    queued(turns, 1)
    go.set()
    a.join(10)
    b.join(10)
    assert order == ["A", "B"] * 4


def test_training_cores_leaves_one_core_to_the_pages(monkeypatch):
    import os

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert training_cores() == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert training_cores() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert training_cores() == 1  # a single core still trains
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)  # not Linux
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert training_cores() == 7
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert training_cores() == 1


class SharedCoreTrainer:
    """A fake trainer for the turns: records how many epochs (of any trainer) run at once, and
    how long each of its own epochs took, measured inside train_epoch."""

    def __init__(self, alphas, epoch_s, shared, first_epoch=None):
        self.alphas, self.epoch_s, self.shared, self.first_epoch = tuple(alphas), epoch_s, shared, first_epoch
        self.epochs_done = 0
        self.own_seconds = 0.0

    def train_epoch(self):
        started = time.perf_counter()
        shared = self.shared
        with shared["lock"]:
            shared["inside"] += 1
            shared["peak"] = max(shared["peak"], shared["inside"])
        try:
            if self.epochs_done == 0 and self.first_epoch is not None:
                self.first_epoch()
            time.sleep(self.epoch_s)
            self.epochs_done += 1
        finally:
            with shared["lock"]:
                shared["inside"] -= 1
            self.own_seconds += time.perf_counter() - started

    def continue_with(self, alphas):
        self.alphas = tuple(alphas)

    def result(self):
        return SimpleNamespace(alphas=self.alphas, epochs_done=self.epochs_done)


def shared_core(cores, epoch_s, first_epochs=None):
    """Trainings with two workers and `cores` turns; `first_epochs[seed]` runs inside that job's
    first epoch. Returns the service, the shared record and the trainers built, by seed."""
    shared = {"lock": threading.Lock(), "inside": 0, "peak": 0}
    built = {}

    def build(config, alphas):
        first = (first_epochs or {}).get(config.seed)
        built[config.seed] = SharedCoreTrainer(alphas, epoch_s, shared, first)
        return built[config.seed]

    return Trainings(2, 60.0, build, snapshot_every_s=0.0, cores=cores), shared, built


def test_one_core_lets_one_of_two_training_jobs_compute_at_a_time():
    trainings = None
    a_started = threading.Event()

    def both_training():  # a keeps its turn until b trains too: the two jobs provably overlap
        a_started.set()
        wait(lambda: trainings.counts() == (2, 0))

    trainings, shared, _ = shared_core(cores=1, epoch_s=0.005, first_epochs={0: both_training})
    a = trainings.submit("a", config(0), ALPHAS, 10)
    assert a_started.wait(10)
    b = trainings.submit("b", config(1), ALPHAS, 10)
    assert trainings.wait(a, 30) and trainings.wait(b, 30)
    assert a.status == DONE and b.status == DONE and a.epochs_done == b.epochs_done == 10
    assert shared["peak"] == 1
    trainings.shutdown()


def test_two_cores_let_two_training_jobs_compute_at_once():
    """The other side of the one above: with a turn each, both jobs are inside an epoch together
    (each first epoch waits for the other's at a barrier, which only passes if both are in)."""
    together = threading.Barrier(2, timeout=10)
    first = {0: together.wait, 1: together.wait}
    trainings, shared, _ = shared_core(cores=2, epoch_s=0.005, first_epochs=first)
    a = trainings.submit("a", config(0), ALPHAS, 3)
    b = trainings.submit("b", config(1), ALPHAS, 3)
    assert trainings.wait(a, 30) and trainings.wait(b, 30)
    assert a.status == DONE and b.status == DONE
    assert shared["peak"] == 2
    trainings.shutdown()


def test_time_waiting_for_a_turn_is_not_training_time():
    """Job b waits in line for the whole of a's long first epoch (at least `hold_s`); its
    training time counts its own epochs only."""
    hold_s = 2.0
    trainings = None
    a_started = threading.Event()

    def hold_the_core():
        a_started.set()
        wait(lambda: trainings.counts() == (2, 0))  # b is training…
        queued(trainings._turns, 1)  # …and waits for the one turn
        time.sleep(hold_s)

    trainings, _, built = shared_core(cores=1, epoch_s=0.1, first_epochs={0: hold_the_core})
    a = trainings.submit("a", config(0), ALPHAS, 1)
    assert a_started.wait(10)  # a has the turn before b asks for one
    b = trainings.submit("b", config(1), ALPHAS, 3)
    assert trainings.wait(a, 30) and trainings.wait(b, 30)
    assert a.status == DONE and b.status == DONE
    own = built[1].own_seconds
    assert own <= b.total_seconds < 1.5 * own  # counting the wait would add at least hold_s
    assert built[0].own_seconds >= hold_s
    trainings.shutdown()


def test_a_run_stopped_while_it_waits_for_its_turn_trains_no_further_epoch():
    """b trains an epoch, then waits for the one turn while a holds it; Stop (or the release of
    a closed tab) then ends b when the turn comes, without one more epoch: on a busy machine an
    epoch of the low-priority training threads can take many seconds."""
    trainings = None

    def first_of_b():  # a asks for the turn while b holds it: a trains next
        queued(trainings._turns, 1)

    def first_of_a():  # b asks for the turn again while a holds it, and is stopped meanwhile
        queued(trainings._turns, 1)
        trainings.stop("b")

    trainings, _, _ = shared_core(cores=1, epoch_s=0.01, first_epochs={0: first_of_a, 1: first_of_b})
    b = trainings.submit("b", config(1), ALPHAS, 5)
    wait(lambda: trainings.counts() == (1, 0))  # b is training
    a = trainings.submit("a", config(0), ALPHAS, 2)
    assert trainings.wait(b, 30) and trainings.wait(a, 30)
    assert b.status == STOPPED and b.epochs_done == 1
    assert a.status == DONE and a.epochs_done == 2
    trainings.shutdown()

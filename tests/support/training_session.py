"""Pressing Train on the network page over Streamlit's websocket, and following the run as the
page shows it: shared by the server tests (tests/test_training_server.py) and the benchmarks
(bench/classroom_load.py, bench/first_train.py, bench/training_memory.py)."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import time
from dataclasses import dataclass

from decayviz.i18n import STRINGS, t

from .streamlit_client import RerunResult, StreamlitSession


@dataclass
class Training:
    """One press of Train, followed until the run is done."""

    seconds: float  # from the press until the run was done
    first_reply_s: float  # how long the press took to answer
    queued: bool  # the page said the run waits in line for a free place
    places: list[int]  # every place in line the page showed, in order
    done: bool  # the run trained all its epochs (or reached the server's time limit)
    epochs: list[int] = dataclasses.field(default_factory=list)  # the epoch counter, as shown
    # When its networks were certainly training, as a perf_counter span (see training_span)
    intervals: list[tuple[float, float]] = dataclasses.field(default_factory=list)
    started_by: float | None = None  # the perf_counter time by which it had surely started
    not_started_at: float = 0.0  # a perf_counter time at which it had surely not started yet
    last: RerunResult | None = None  # what the page showed once the run was done


TRAIN = t("network.train", "en")
STOP = t("network.stop", "en")
QUEUED = STRINGS["network.status_queued"][0].split("{")[0]  # the start of "waits in line"
PLACE = re.compile(r"number (\d+) in line")
EPOCH = re.compile(r"Epoch (\d+) of (\d+)")  # the progress line, while a run trains
TRAINED_S = re.compile(r"Epoch \d+ of \d+ · ([\d.]+) s")
DONE = re.compile(r"Trained (\d+) epochs? in ([\d.]+) s\.")  # a finished run's message, instead


def trained_seconds(result: RerunResult) -> float | None:
    """The training time so far that this rerun's progress line, or its finished message, showed."""
    seconds = [float(s) for text in result.texts for s in TRAINED_S.findall(text)]
    seconds += [float(s) for text in result.texts for _, s in DONE.findall(text)]
    return seconds[-1] if seconds else None


def training_span(
    started_after: float, looks: list[tuple[float, float, float, bool]]
) -> tuple[float, float] | None:
    """The span during which the run was certainly training, from what the client saw: it began
    after `started_after` (Train pressed, or the last look that showed it waiting in line), and
    `looks` are (asked, answered, training seconds shown, still training). A look answered at T
    showing s seconds puts the start at T − s or before; the run then trained in one stretch for
    at least the last look's seconds from its earliest possible start, and until at least every
    look that showed it still training was asked. Two runs whose spans overlap trained at once."""
    if not looks:
        return None
    begin = min(answered - seconds for _, answered, seconds, _ in looks)
    ends = [started_after + looks[-1][2], *(asked for asked, _, _, training in looks if training)]
    return (begin, max(ends)) if max(ends) > begin else None


async def train(
    session: StreamlitSession,
    poll_s: float,
    give_up: float,
    disturb=None,
    pressed: asyncio.Event | None = None,
) -> Training:
    """Press Train on the network page the session shows, then look again every `poll_s`
    (the page's own live view does the same) until the run is done: Stop is off again.
    `disturb(session)`, if given, runs between two looks (a curious student's clicks) and
    must leave the session on the same page and query. `pressed`, if given, is set once the
    press is answered: the server has taken the request (it trains, or waits in line). Raises
    RuntimeError on an exception, a rerun without script_finished, or past `give_up`."""
    pressed_at = start = time.perf_counter()
    result = await session.press(TRAIN)
    first_reply = time.perf_counter() - pressed_at
    if pressed is not None:
        pressed.set()
    run = Training(0.0, first_reply, False, [], False)
    looks: list[tuple[float, float, float, bool]] = []  # (asked, answered, seconds shown, training)
    looked, answered = pressed_at, time.perf_counter()
    page, query = session.page, session.query
    while True:
        if result.exceptions or not result.finished:
            raise RuntimeError(f"network: {result.exceptions or 'no script_finished'}")
        if result.shows(QUEUED):
            run.queued, start = True, looked  # it had not started when this look was asked for
        run.places += [int(m) for text in result.texts for m in PLACE.findall(text)]
        for text in result.texts:
            for epoch, total in EPOCH.findall(text):
                run.epochs.append(int(epoch))
                if int(epoch) > int(total):
                    raise RuntimeError(f"network: epoch {epoch} of {total}")
            run.epochs += [int(epochs) for epochs, _ in DONE.findall(text)]
        finished = STOP in result.buttons and result.buttons[STOP].disabled
        seconds = trained_seconds(result)
        if seconds is not None:
            looks.append((looked, answered, seconds, not finished))
        if finished:
            break
        if time.monotonic() > give_up:
            raise RuntimeError("network: the run did not finish in time")
        await asyncio.sleep(poll_s)
        if disturb is not None:
            await disturb(session)
        looked = time.perf_counter()
        result = await session.rerun(page, query)
        answered = time.perf_counter()
    run.seconds = time.perf_counter() - pressed_at
    span = training_span(start, looks)
    run.started_by = min((answered - seconds for _, answered, seconds, _ in looks), default=None)
    run.not_started_at = start  # the press, or the last look that showed it waiting in line
    run.intervals = [span] if span else []
    shown = " ".join(result.texts)
    counters = EPOCH.findall(shown)  # a run that ended otherwise (the time limit) still shows it
    run.done = bool(DONE.search(shown)) or (bool(counters) and counters[-1][0] == counters[-1][1])
    run.last = result
    return run


def most_at_once(trainings: list[Training]) -> int:
    """The largest number of trainings whose spans overlap at one instant."""
    events = sorted(
        (moment, step)
        for run in trainings
        for begin, end in run.intervals
        for moment, step in ((begin, 1), (end, -1))
    )  # at equal times the end (-1) sorts first: touching spans do not overlap
    running = peak = 0
    for _, step in events:
        running += step
        peak = max(peak, running)
    return peak

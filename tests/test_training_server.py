"""Trainings on a real `streamlit run` server, driven over Streamlit's own websocket protocol
(tests/support/streamlit_client.py) as browsers would:

- a sweep disturbed by a curious student (plain reruns, changed controls, a language and a page
  switch, Streamlit's own Stop, Train pressed again) ends with exactly the numbers of an
  undisturbed one, and its epoch counter never runs backwards or past its total;
- more sessions than the server's places: each presses Train once, waits in line with its place
  shown, and all finish, in the order they asked, never more than SERVER_TRAININGS at once;
- a closed tab's request leaves the line at once, and a closed tab's training frees its place
  after the grace period;
- a malformed message shows no traceback nor server path (client.showErrorDetails), and the
  session goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time

import pytest
from helpers import run_async
from streamlit.proto.BackMsg_pb2 import BackMsg
from support.server import streamlit_server
from support.streamlit_client import StreamlitSession
from support.training_session import EPOCH, QUEUED, TRAIN, Training, most_at_once, train

from decayviz.training.options import SERVER_TRAININGS, SESSION_GRACE_S

pytestmark = pytest.mark.slow

# A sweep of several seconds on 2 cores, so that every kind of disturbance lands in the middle of it.
SWEEP = (
    "n_dataset=digits&n_hidden=256&n_depth=2&n_batch=16&n_epochs=100&n_alphas=0.0,0.001,0.01,0.1"
    "&n_code_alpha=0.001"
)
# About two seconds each on 2 cores: longer than the presses take (each waits for the answer to
# the one before, 0.1–0.7 s), so the presses past the places are sure to find them taken (a 0.2 s
# sweep once finished before the last press).
POLL_S = 0.25  # how often each session looks at the page while it waits or trains
QUEUED_SWEEP = "n_dataset=digits&n_hidden=128&n_depth=2&n_batch=16&n_epochs=80&n_alphas=0.0,0.01"
# Longer than the grace period plus its margins even with a fast engine: each press trains for at
# most RUN_SECONDS, and the tests press Stop when they are done with it.
LONG = "n_dataset=digits&n_hidden=256&n_depth=3&n_batch=16&n_epochs=1000&n_alphas=0.0,0.001,0.01"
# A student who only watches looks once a second: every look is a rerun, and on a busy machine the
# (nicer) training takes long enough for faster looks to cost the server more than the training.
WATCH_S = 1.0
# The curious student disturbs the training this many times (every kind twice), then only watches.
DISTURBANCES = 12


@pytest.fixture(scope="module")
def server(monkeypatch_module):
    # The runs must finish on a busy machine too, where a training (nicer than the pages, as it
    # should be) gets a small share of a core: no time limit in the way (tests/test_worker.py
    # tests the limit).
    monkeypatch_module.setenv("DECAYVIZ_RUN_SECONDS", "900")
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


async def open_network(session: StreamlitSession, query: str):
    opened = await session.rerun("network", query)
    assert opened.finished and not opened.exceptions, opened.exceptions
    return opened


async def curious(session: StreamlitSession, rounds: list[int]) -> None:
    """Between two looks at the page: one of a curious student's disturbances, in turn; past
    DISTURBANCES of them, a pause."""
    page, query = session.page, session.query
    if len(rounds) >= DISTURBANCES:
        await asyncio.sleep(WATCH_S)
        return
    kind = (len(rounds) + 4) % 6  # Train again (4) first, while the run is surely still going
    if kind == 4 and len(rounds) >= 6:  # and only once: pressed just as the run finishes, it
        kind = 0  # would rightly start a new run
    rounds.append(kind)
    if kind == 0:  # impatient reruns, one after another, without waiting for the answers
        for _ in range(8):
            await session.send_rerun(page, query)
        await session.drain(0.3)
    elif kind == 1:  # other controls: a new learning rate, other α values, Korean
        await session.rerun(page, query.replace("n_alphas=", "n_lr=0.3&lang=ko&n_alphas=0.1,"))
    elif kind == 2:  # another page and back
        await session.rerun("", "")
        await session.rerun("sparsity", "")
    elif kind == 3:  # Streamlit's own Stop (the header's), during a rerun
        await session.send_rerun(page, query)
        stop = BackMsg()
        stop.stop_script = True
        await session._socket.send(stop.SerializeToString())
        await session.drain(0.3)
    elif kind == 4:  # Train again, on the page as it stands
        await session.rerun(page, query)
        await session.press(TRAIN)
    else:  # the switches of the sidebar, flipped to and fro
        for flip in ("n_decay_bias=true", "n_decay_bias=false"):
            await session.rerun(page, f"{query}&{flip}")
    session.page, session.query = page, query


async def undisturbed_and_disturbed(url: str) -> tuple[Training, Training, list[int]]:
    async with StreamlitSession(url, timeout=120) as calm, StreamlitSession(url, timeout=120) as curious_one:
        await open_network(calm, SWEEP)
        reference = await train(calm, WATCH_S, time.monotonic() + 400)
        await open_network(curious_one, SWEEP)
        rounds: list[int] = []
        disturbed = await train(curious_one, 0.2, time.monotonic() + 400, lambda s: curious(s, rounds))
        return reference, disturbed, rounds


def test_a_disturbed_training_ends_with_the_numbers_of_an_undisturbed_one(server):
    reference, disturbed, rounds = run_async(undisturbed_and_disturbed(server), timeout=540)
    assert reference.done and disturbed.done
    assert len(set(rounds)) == 6, rounds  # every kind of disturbance happened during the training
    assert disturbed.epochs == sorted(disturbed.epochs), disturbed.epochs  # never backwards
    assert reference.last.tables and disturbed.last.tables == reference.last.tables  # the final table
    code_result = [text for text in reference.last.texts if "validation" in text]
    assert code_result and all(disturbed.last.shows(text) for text in code_result)


async def queue_of(url: str, sessions: int) -> list[Training]:
    async with contextlib.AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(StreamlitSession(url, timeout=120)) for _ in range(sessions)
        ]
        for client in clients:
            await open_network(client, QUEUED_SWEEP)
        trainings = []
        # pressed one after another, in this order, each once the server has answered the press
        # before it: presses a moment apart reach the server's sessions (a thread each) in an
        # order of the machine's choosing, and the line is in the order the server took them
        for client in clients:
            pressed = asyncio.Event()
            give_up = time.monotonic() + 180
            trainings.append(asyncio.create_task(train(client, POLL_S, give_up, pressed=pressed)))
            await pressed.wait()
        return await asyncio.gather(*trainings)


def test_more_sessions_than_places_wait_in_line_and_all_finish_in_order(server):
    runs = run_async(queue_of(server, SERVER_TRAININGS + 3))
    assert all(run.done for run in runs), runs
    assert sum(run.queued for run in runs) >= 3  # the ones past the places waited in line
    for run in runs:
        assert run.places == sorted(run.places, reverse=True)  # a place in line only moves up
    # First asked, first trained, as far as a client can tell: no run is still seen waiting (or
    # not yet pressed) after a run asked later was surely training. The client's bounds hold on a
    # busy machine too: a look shows what was true between its asking and its answer, and the
    # training time a page shows leaves out waits for a core. The exact order is tested on the
    # workers themselves (tests/test_worker.py).
    for earlier, later in itertools.combinations(runs, 2):
        assert earlier.not_started_at <= later.started_by, (earlier, later)
    # the spans are those the runs certainly trained in: the first two, pressed together, were
    # seen training at once; never more than the places
    assert most_at_once(runs) == SERVER_TRAININGS


RELEASE_SLACK_S = 90  # beyond the grace period: the released run's last epoch, on a busy machine


async def closed_tabs(url: str) -> dict:
    """Two long trainings take the places; a fourth session and then a third wait in line. The
    fourth closes its tab (its request must leave the line at once), then the first (its
    training must stop after the grace period, freeing its place for the third)."""
    async with contextlib.AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(StreamlitSession(url, timeout=120)) for _ in range(4)]
        for client in clients:
            await open_network(client, LONG)
        for client in clients[:SERVER_TRAININGS]:
            await client.press(TRAIN)
        await asyncio.sleep(1.0)
        third, fourth = clients[2], clients[3]
        assert (await fourth.press(TRAIN)).shows(QUEUED)
        assert (await third.press(TRAIN)).shows(QUEUED)
        place_of_third = [(await third.rerun("network", LONG)).texts]
        await fourth._socket.close()
        await asyncio.sleep(2.5)
        place_of_third.append((await third.rerun("network", LONG)).texts)
        await clients[0]._socket.close()
        closed = time.monotonic()
        # a released run stops after its current epoch, which the training threads (at a lower
        # priority than the pages) may take tens of seconds to finish on a busy machine
        while (await third.rerun("network", LONG)).shows(QUEUED):
            waited = time.monotonic() - closed
            assert waited < SESSION_GRACE_S + RELEASE_SLACK_S, "the closed tab kept its place"
            await asyncio.sleep(0.5)
        started_after = time.monotonic() - closed
        for client in (clients[1], third):
            await client.rerun("network", LONG)
            await client.press("Stop")
        return {"places": place_of_third, "started_after": started_after}


def test_closed_tabs_leave_the_line_and_free_their_places(server):
    seen = run_async(closed_tabs(server))
    before, after = (" ".join(texts) for texts in seen["places"])
    assert "number 2 in line" in before and "number 1 in line" in after
    assert not EPOCH.search(before)  # a request in line shows its place, no epoch counter
    assert SESSION_GRACE_S - 1 <= seen["started_after"] <= SESSION_GRACE_S + RELEASE_SLACK_S


async def malformed_messages(url: str) -> list[tuple[str, list[str], list[str]]]:
    """Every widget of the landscape page sent a value of the wrong type, each followed by an
    ordinary rerun: (widget, what the bad message showed, what the next rerun showed)."""
    seen = []
    async with StreamlitSession(url, timeout=60) as session:
        opened = await session.rerun("", "")
        for label, widget in opened.widgets.items():
            message = BackMsg()
            message.rerun_script.widget_states.widgets.add(id=widget, string_value="/etc/passwd")
            bad = await session._run(message)
            again = await session.rerun("", "")
            seen.append((label, bad.exceptions, again.exceptions))
    return seen


def test_a_malformed_message_shows_no_traceback_nor_path_and_the_next_rerun_works(server):
    seen = run_async(malformed_messages(server))
    assert any(bad for _, bad, _ in seen)  # some widgets refuse a string: they did fail
    for label, bad, again in seen:
        for message in bad:
            assert "Traceback" not in message and "/work" not in message and ".py" not in message, label
        assert not again, (label, again)

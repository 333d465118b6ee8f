"""The server-wide training limit holds on a real server under load: SERVER_TRAININGS + 1 browser
sessions (bench/streamlit_client.py, Streamlit's own websocket protocol) press Train at once. At
most SERVER_TRAININGS train at the same time; the extra one is told to wait, at once rather than
hung, and trains when it presses again; no session sees an exception."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.classroom_load import BUSY, TRAIN, Training, most_at_once, train
from bench.common import streamlit_server
from bench.streamlit_client import StreamlitSession
from decayviz.training.options import SERVER_TRAININGS

# A few seconds of training each with two at once on 2 cores: every press lands while the first
# trainings still hold the server's slots.
EPOCHS = 30
SWEEP = f"n_dataset=digits&n_hidden=256&n_depth=2&n_batch=16&n_epochs={EPOCHS}&n_alphas=0.0,0.0001,0.001,0.01"


async def press_at_once(url: str) -> list[Training]:
    """Every session presses Train at the same moment and, told to wait, presses again half a
    second later; returns each one's training (a session is told to wait only when the page
    shows the message)."""
    rng = random.Random(0)
    async with contextlib.AsyncExitStack() as stack:
        sessions = [
            await stack.enter_async_context(StreamlitSession(url, timeout=60))
            for _ in range(SERVER_TRAININGS + 1)
        ]
        # Warm up the server (torch imported, data set loaded) so the clock measures training.
        await sessions[0].rerun("network", "n_epochs=1&n_hidden=8")
        warm = await sessions[0].press(TRAIN)
        assert warm.finished and not warm.exceptions, warm.exceptions
        for session in sessions:
            opened = await session.rerun("network", SWEEP)
            assert opened.finished and not opened.exceptions, opened.exceptions
            assert not opened.shows(BUSY[0])

        give_up = time.monotonic() + 60
        return await asyncio.gather(*(train(session, EPOCHS, 0.5, rng, give_up) for session in sessions))


@pytest.mark.slow
def test_a_full_server_says_wait_and_never_runs_more_than_its_limit():
    with streamlit_server() as url, ThreadPoolExecutor(1) as thread:
        # In a thread of its own: Playwright's sync API (the browser tests) keeps an event loop
        # running in the main thread, where asyncio.run would refuse to start another.
        runs = thread.submit(asyncio.run, asyncio.wait_for(press_at_once(url), 120)).result()

    assert all(run.done for run in runs), runs  # everyone trained in the end: nobody hung
    told_to_wait = [run for run in runs if run.waits]
    right_away = [run for run in runs if not run.waits]
    assert len(told_to_wait) == 1  # the extra one saw the message on its first press
    assert len(right_away) == SERVER_TRAININGS
    assert most_at_once(runs) == SERVER_TRAININGS  # the limit was reached, never passed
    # "Wait" came at once, not after the others' trainings: no session hung on the limit.
    slowest_start = min(run.seconds for run in right_away)
    assert all(run.first_reply_s < slowest_start / 2 for run in told_to_wait), runs

"""Memory of trainings on a real server: what a request waiting in line costs, and whether a
class's trainings give their memory back once the students have closed their tabs.

1. Queued: two long trainings take the server's places; 40 sessions open the network page,
   then each presses Train and waits in line. RSS after the presses minus RSS before them,
   per session (budget: ≤ 1 MB each).
2. Released: 30 sessions each train a sweep and close their tab. RSS once the grace period
   for closed tabs has passed, minus RSS before them (budget: within 50 MB).

RSS is the server process's (Linux /proc). Prints a table, then one JSON line.

    python bench/training_memory.py [--queued 40] [--trained 30]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from decayviz.training.options import SERVER_TRAININGS, SESSION_GRACE_S
from tests.support.server import rss_mb, streamlit_server
from tests.support.streamlit_client import StreamlitSession
from tests.support.training_session import QUEUED, STOP, TRAIN, train

LONG = "n_dataset=digits&n_hidden=256&n_depth=3&n_batch=16&n_epochs=200&n_alphas=0.0,0.001,0.01"
SWEEP = "n_dataset=digits&n_hidden=128&n_depth=2&n_batch=32&n_epochs=5&n_alphas=0.0,0.001,0.01,0.1"
PER_QUEUED_BUDGET_MB = 1.0  # what one request waiting in line may cost
LEFT_OVER_BUDGET_MB = 50.0  # what a class's trainings may leave behind once their tabs are closed


async def settle(pid: int, seconds: float = 3.0) -> float:
    """RSS after a quiet moment (the janitor and the allocator have had their turn)."""
    await asyncio.sleep(seconds)
    return rss_mb(pid)


async def warm_up(url) -> None:
    """Torch imported, the default scene and one sweep trained: what every later figure shares."""
    async with StreamlitSession(url, timeout=120) as session:
        await session.rerun("network", SWEEP)
        await train(session, 0.3, time.monotonic() + 120)


async def queued(url, sessions: int) -> dict:
    async with contextlib.AsyncExitStack() as stack:
        busy = [
            await stack.enter_async_context(StreamlitSession(url, timeout=120))
            for _ in range(SERVER_TRAININGS)
        ]
        for session in busy:
            await session.rerun("network", LONG)
            await session.press(TRAIN)
        waiting = [
            await stack.enter_async_context(StreamlitSession(url, timeout=120)) for _ in range(sessions)
        ]
        for session in waiting:
            await session.rerun("network", SWEEP)
        opened = await settle(url.pid)
        shown = [await session.press(TRAIN) for session in waiting]
        pressed = await settle(url.pid)
        in_line = sum(result.shows(QUEUED) for result in shown)
        for session in busy:
            await session.rerun("network", LONG)
            await session.press(STOP)
    return {
        "queued": in_line,
        "queued_rss_mb": pressed - opened,
        "per_queued_mb": (pressed - opened) / sessions,
    }


async def trained_then_closed(url, sessions: int) -> dict:
    before = await settle(url.pid)
    peak = before

    async def student() -> None:
        nonlocal peak
        async with StreamlitSession(url, timeout=180) as session:
            await session.rerun("network", SWEEP)
            await train(session, 0.5, time.monotonic() + 300)
            peak = max(peak, rss_mb(url.pid))

    await asyncio.gather(*(student() for _ in range(sessions)))
    closed = rss_mb(url.pid)
    after = await settle(url.pid, SESSION_GRACE_S + 5)
    return {
        "before_mb": before,
        "peak_mb": peak,
        "closed_mb": closed,
        "after_mb": after,
        "returned_mb": after - before,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queued", type=int, default=40)
    parser.add_argument("--trained", type=int, default=30)
    args = parser.parse_args()
    with streamlit_server() as url:
        asyncio.run(warm_up(url))
        figures = asyncio.run(trained_then_closed(url, args.trained))
        figures |= asyncio.run(queued(url, args.queued))
    print(f"{'what':48s} {'MB':>8s}")
    print(f"{'RSS before ' + str(args.trained) + ' trainings':48s} {figures['before_mb']:8.1f}")
    print(f"{'RSS at the peak':48s} {figures['peak_mb']:8.1f}")
    print(f"{'RSS when all tabs had closed':48s} {figures['closed_mb']:8.1f}")
    print(f"{'RSS after the grace period':48s} {figures['after_mb']:8.1f}")
    print(f"{f'  left over (budget ≤ {LEFT_OVER_BUDGET_MB:g})':48s} {figures['returned_mb']:8.1f}")
    in_line = f"{figures['queued']} requests waiting in line: RSS grew"
    print(f"{in_line:48s} {figures['queued_rss_mb']:8.1f}")
    print(f"{f'  per request (budget ≤ {PER_QUEUED_BUDGET_MB:g})':48s} {figures['per_queued_mb']:8.2f}")
    asked = {"sessions_trained": args.trained, "sessions_queued": args.queued}
    budgets = {"budget_left_over_mb": LEFT_OVER_BUDGET_MB, "budget_per_queued_mb": PER_QUEUED_BUDGET_MB}
    print(json.dumps({**{key: round(value, 2) for key, value in figures.items()}, **asked, **budgets}))


if __name__ == "__main__":
    main()

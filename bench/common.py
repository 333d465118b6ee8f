"""Shared benchmark helpers: a real `streamlit run` server and rerun timings over its websocket.

A rerun is timed as a browser sees it: from the rerun request until the server's
script_finished, on a real server (its caches, its serialization), through
tests/support/streamlit_client.py. Every benchmark times the bare reference page in the same run,
because these machines are noisy; medians are quoted.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from tests.support.scenes import random_scene  # noqa: E402, F401
from tests.support.server import streamlit_server  # noqa: E402, F401
from tests.support.streamlit_client import RerunResult, StreamlitSession  # noqa: E402

REFERENCE_PAGE = "bench/reference_page.py"


async def _reruns(url: str, page: str, queries: list[str], warmup: int) -> list[RerunResult]:
    async with StreamlitSession(url) as session:
        for query in queries[:warmup]:
            await session.rerun(page, query)
        results = []
        for query in queries[warmup:]:
            result = await session.rerun(page, query)
            if result.exceptions or not result.finished:
                raise RuntimeError(f"{page}?{query} failed: {result.exceptions or 'timeout'}")
            results.append(result)
        return results


def reruns(url: str, page: str, queries: list[str], warmup: int = 2) -> list[RerunResult]:
    """Rerun `page` once per query string (the first `warmup` untimed), in one session."""
    return asyncio.run(_reruns(url, page, queries, warmup))


def back_and_forth(first: str, second: str) -> Iterator[str]:
    """Two query strings in turn, for ever: one control moved back and forth."""
    return itertools.cycle((first, second))


def reference_queries() -> Iterator[str]:
    """The reference page's slider moved back and forth, for ever."""
    return back_and_forth("frequency=2.0", "frequency=3.0")


@dataclass(frozen=True)
class Measure:
    """Reruns to time: `page` on the server at `url`, one query string after another."""

    url: str
    page: str
    queries: Iterator[str]  # endless; each round takes the next ones


def interleaved_ms(measures: dict[str, Measure], rounds: int, per_round: int) -> dict[str, list[float]]:
    """Each measure's median rerun time (ms) in each round, in a new session every round.

    The measures take turns, round after round: these machines swing by 2× within a minute,
    and a swing then tilts no measure against another. Compare them round by round (ratio_to).
    """
    medians: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(rounds):
        for name, m in measures.items():
            queries = list(itertools.islice(m.queries, per_round + 2))  # the first 2 untimed
            medians[name].append(median([r.ms for r in reruns(m.url, m.page, queries)]))
    return medians


def ratio_to(reference: list[float], measured: list[float]) -> float:
    """The median over rounds of measured / reference, each pair from the same round."""
    return median([m / r for m, r in zip(measured, reference, strict=True)])


def median(values: list[float]) -> float:
    return statistics.median(values)

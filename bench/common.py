"""Shared benchmark helpers: a real `streamlit run` server and rerun timings over its websocket.

A rerun is timed as a browser sees it: from the rerun request until the server's
script_finished, on a real server (its caches, its serialization), through
bench/streamlit_client.py. Every benchmark times the bare reference page in the same run,
because these machines are noisy; medians are quoted.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.streamlit_client import RerunResult, StreamlitSession  # noqa: E402
from decayviz.state import Field, page_fields  # noqa: E402

REFERENCE_PAGE = "bench/reference_page.py"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, proc: subprocess.Popen, what: str, timeout: float = 60) -> None:
    """Poll url/_stcore/health (Streamlit's, or through nginx) until it answers ok."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


class ServerURL(str):
    """A server's base URL that also knows the server's process id (to read its memory)."""

    pid: int


def rss_mb(pid: int) -> float:
    """A process's resident memory in MB, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


@contextlib.contextmanager
def streamlit_server(
    script: str = "app.py", port: int | None = None, extra: tuple[str, ...] = ()
) -> Iterator[ServerURL]:
    """`streamlit run script` on a free loopback port; yields its base URL, stops it after."""
    port = port or free_port()
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *extra]  # fmt: skip
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = ServerURL(f"http://127.0.0.1:{port}")
    url.pid = proc.pid
    try:
        wait_until_healthy(url, proc, f"streamlit run {script}")
        yield url
    finally:
        stop(proc)


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


def random_value(field: Field, rng: random.Random):
    """A random valid value of one control, from the table."""
    if field.kind in ("choice", "grid"):
        return rng.choice(field.options)
    if field.kind == "bool":
        return rng.random() < 0.5
    if field.kind == "multi":
        return tuple(sorted(rng.sample(field.options, k=min(3, len(field.options)))))
    return field.snap(rng.uniform(field.lo, field.hi))


def random_scene(page: str, rng: random.Random) -> dict:
    """Every control of `page` at a random valid value: for load tests and the page tests."""
    return {field.name: random_value(field, rng) for field in page_fields(page)}


def median(values: list[float]) -> float:
    return statistics.median(values)

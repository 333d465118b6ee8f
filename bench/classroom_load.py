"""Classroom load test: N students at once, each rerunning pages with varied settings.

Starts the app with `streamlit run` on a free loopback port (or uses --url), opens N concurrent
sessions over Streamlit's own websocket protocol (bench/streamlit_client.py), and has each one
rerun a page with a random valid scene from decayviz.state's table (sent as the URL's query
string, which the pages read as a link), wait a think time, and repeat until --duration is up.
Each rerun is timed until the server's script_finished. Prints a table, then one JSON line.

    python bench/classroom_load.py --sessions 30 --duration 60 [--think 2] [--page landscape]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import streamlit_server
from bench.streamlit_client import StreamlitSession
from decayviz.state import encode, page_fields

PAGES = ("landscape", "sparsity", "network")


def random_query(page: str, rng: random.Random) -> str:
    """A random valid scene for `page`, as a URL query string."""
    values = {}
    for field in page_fields(page):
        if field.kind in ("choice", "grid"):
            values[field.name] = rng.choice(field.options)
        elif field.kind == "bool":
            values[field.name] = rng.random() < 0.5
        elif field.kind == "multi":
            values[field.name] = tuple(sorted(rng.sample(field.options, k=min(3, len(field.options)))))
        else:
            values[field.name] = field.snap(rng.uniform(field.lo, field.hi))
    values.pop("lang", None)
    return "&".join(f"{k}={v}" for k, v in encode(values).items())


async def student(
    url: str, pages: list[str], deadline: float, think: float, rng: random.Random, record: list, errors: list
) -> None:
    """One student: open the app, then keep changing the scene until the deadline."""
    await asyncio.sleep(rng.uniform(0, think))  # students don't all click at the same instant
    try:
        async with StreamlitSession(url) as session:
            await session.rerun("", "")
            while time.monotonic() < deadline:
                page = rng.choice(pages)
                result = await session.rerun(page, random_query(page, rng))
                record.append((page, result.ms))
                if result.exceptions or not result.finished:
                    errors.append(f"{page}: {result.exceptions or 'no script_finished'}")
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
    except Exception as error:  # a dropped connection is an error to report, not a crash
        errors.append(f"{type(error).__name__}: {error}")


async def load(url: str, sessions: int, duration: float, think: float, pages: list[str], seed: int):
    record: list[tuple[str, float]] = []
    errors: list[str] = []
    deadline = time.monotonic() + duration
    await asyncio.gather(
        *(
            student(url, pages, deadline, think, random.Random(seed * 1000 + i), record, errors)
            for i in range(sessions)
        )
    )
    return record, errors


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between a student's reruns")
    parser.add_argument("--page", default="landscape", help=f"one of {PAGES} or 'all'")
    parser.add_argument("--url", help="an app already running; default: start one")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    pages = list(PAGES) if args.page == "all" else [args.page]

    server = contextlib.nullcontext(args.url) if args.url else streamlit_server()
    with server as url:
        record, errors = asyncio.run(load(url, args.sessions, args.duration, args.think, pages, args.seed))

    times = [ms for _, ms in record] or [0.0]
    print(f"{args.sessions} sessions, {args.duration:.0f} s, think {args.think} s, pages {', '.join(pages)}")
    print(f"{'page':12s} {'reruns':>7s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}")
    for page in pages:
        ms = [m for p, m in record if p == page] or [0.0]
        print(f"{page:12s} {len(ms):7d} {percentile(ms, 50):8.1f} {percentile(ms, 95):8.1f} {max(ms):8.1f}")
    for error in errors[:10]:
        print("error:", error)
    print(
        json.dumps(
            {
                "sessions": args.sessions,
                "duration_s": args.duration,
                "think_s": args.think,
                "pages": pages,
                "reruns": len(record),
                "errors": len(errors),
                "p50_ms": round(percentile(times, 50), 1),
                "p95_ms": round(percentile(times, 95), 1),
                "max_ms": round(max(times), 1),
            }
        )
    )


if __name__ == "__main__":
    main()

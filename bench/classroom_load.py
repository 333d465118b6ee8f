"""Classroom load test: N students at once, each rerunning pages with varied settings.

Starts the app with `streamlit run` on a free loopback port (or uses --url), opens N concurrent
sessions over Streamlit's own websocket protocol (tests/support/streamlit_client.py), and has each one
rerun a page with a varied scene from decayviz.state's table (sent as the URL's query string,
which the pages read as a link), wait a think time, and repeat until --duration is up. Students
behave as in class (--model class: open a named scene now and then, otherwise move one control)
or draw every control at random on every rerun (--model random: the worst case, no cache hits).
Each rerun is timed until the server's script_finished. Prints a table, then one JSON line.

With --trainers K, K of the sessions go to the network page instead, each with a short sweep in
its URL, and press Train, as a browser does; a session told to wait (the server's training
limit, options.SERVER_TRAININGS, is reached) waits in line and looks again now and then. For
each training it records the time from the press until the run is done, whether it waited in
line, and when its networks were training, so the most trainings running at once can be checked
against the limit.

With --flooders F, F more sessions ask for a rerun of a random scene 20 times a second without
waiting for the answers (a script gone wrong, or a student holding a key down); the figures are
the other students' only.

    python bench/classroom_load.py --sessions 30 --duration 60 [--think 2] [--page landscape]
    python bench/classroom_load.py --sessions 30 --duration 60 --trainers 4
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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import random_scene, streamlit_server
from decayviz.state import PAGES, PRESETS, defaults, encode, page_fields, url_path
from decayviz.training.options import SERVER_TRAININGS
from tests.support.streamlit_client import StreamlitSession
from tests.support.training_session import Training, most_at_once, train


def next_scene(page: str, scene: dict | None, rng: random.Random) -> dict:
    """What a student in class does next: open a named scene (the teacher's link, or a scene
    button) now and then, and otherwise move one control."""
    if scene is None or rng.random() < 0.15:
        return {**defaults(page), **rng.choice([{}, *PRESETS[page].values()])}
    field = rng.choice(page_fields(page))
    return {**scene, field.name: field.random_value(rng)}


def query_string(scene: dict) -> str:
    return urlencode(encode(scene))


MODELS = ("class", "random")  # a class moving one control at a time / every control at random


async def student(
    url: str, pages: list[str], deadline: float, think: float, rng: random.Random, record: list, errors: list,
    model: str = "class",
) -> None:  # fmt: skip
    """One student: open the app, then keep changing the scene until the deadline."""
    await asyncio.sleep(rng.uniform(0, think))  # students don't all click at the same instant
    scenes: dict[str, dict | None] = dict.fromkeys(pages)
    try:
        async with StreamlitSession(url) as session:
            await session.rerun("", "")
            while time.monotonic() < deadline:
                page = rng.choice(pages)
                if model == "random":
                    scenes[page] = random_scene(page, rng)
                else:
                    scenes[page] = next_scene(page, scenes[page], rng)
                result = await session.rerun(url_path(page), query_string(scenes[page]))
                record.append((page, result.ms))
                if result.exceptions or not result.finished:
                    errors.append(f"{page}: {result.exceptions or 'no script_finished'}")
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
    except Exception as error:  # a dropped connection is an error to report, not a crash
        errors.append(f"{type(error).__name__}: {error}")


TRAINER_SETTINGS = {"n_dataset": "digits", "n_opt": "sgd", "n_lr": 0.1, "n_momentum": 0.9}


def training_query(rng: random.Random, epochs: tuple[int, int] = (15, 30)) -> tuple[str, int]:
    """A short but non-trivial sweep (a few seconds on a 2-core machine) as a URL query string,
    and its number of epochs."""
    values = {
        **TRAINER_SETTINGS,
        "n_hidden": rng.choice((128, 256)),
        "n_depth": rng.choice((1, 2)),
        "n_batch": rng.choice((16, 32)),
        "n_epochs": rng.randint(*epochs),
        "n_alphas": tuple(sorted(rng.sample((0.0, 1e-4, 1e-3, 0.01, 0.1), 4))),
        "n_seed": rng.randint(0, 999),
    }
    return query_string(values), values["n_epochs"]


async def trainer(
    url: str, deadline: float, think: float, rng: random.Random, trainings: list, errors: list
) -> None:
    """A student on the network page: set a sweep through the URL, train it, look, repeat."""
    await asyncio.sleep(rng.uniform(0, think))
    try:
        async with StreamlitSession(url) as session:
            while time.monotonic() < deadline:
                query, _ = training_query(rng)
                opened = await session.rerun("network", query)
                if opened.exceptions or not opened.finished:
                    errors.append(f"network: {opened.exceptions or 'no script_finished'}")
                    continue
                trainings.append(await train(session, 0.5, give_up=deadline + 120))
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
    except Exception as error:  # reported, not raised: one student's failure ends only that student
        errors.append(f"trainer: {type(error).__name__}: {error}")


@dataclass
class Load:
    record: list[tuple[str, float]]  # (page, ms) of every student rerun
    errors: list[str]
    trainings: list[Training]


FLOOD_EVERY_S = 0.05  # a flooding client asks for 20 reruns a second


async def flooder(url: str, pages: list[str], deadline: float, rng: random.Random, errors: list) -> None:
    """A session asking for reruns of random scenes far faster than a person can, never waiting
    for the answers (it reads and drops them, so the server is not held back by a full socket)."""
    try:
        async with StreamlitSession(url) as session:
            while time.monotonic() < deadline:
                page = rng.choice(pages)
                await session.send_rerun(url_path(page), query_string(random_scene(page, rng)))
                await session.drain(FLOOD_EVERY_S)
    except Exception as error:  # a server that drops a flooder is fine; report it all the same
        errors.append(f"flooder: {type(error).__name__}: {error}")


async def classroom(
    url: str, sessions: int, duration: float, think: float, pages: list[str], seed: int, trainers: int = 0,
    model: str = "class", flooders: int = 0,
) -> Load:  # fmt: skip
    """`sessions` students for `duration` seconds; `trainers` of them train on the network page;
    `flooders` more sessions flood the server with reruns (their own times are not recorded)."""
    outcome = Load([], [], [])
    deadline = time.monotonic() + duration
    flood_errors: list[str] = []
    await asyncio.gather(
        *(
            flooder(url, pages, deadline, random.Random(seed * 1000 + 900 + i), flood_errors)
            for i in range(flooders)
        ),
        *(
            student(
                url,
                pages,
                deadline,
                think,
                random.Random(seed * 1000 + i),
                outcome.record,
                outcome.errors,
                model,
            )
            for i in range(sessions - trainers)
        ),
        *(
            trainer(
                url, deadline, think, random.Random(seed * 1000 + 500 + i), outcome.trainings, outcome.errors
            )
            for i in range(trainers)
        ),
    )
    return outcome


async def load(
    url: str, sessions: int, duration: float, think: float, pages: list[str], seed: int, model: str = "class"
):
    """(record, errors) of `sessions` students rerunning `pages`, no training."""
    outcome = await classroom(url, sessions, duration, think, pages, seed, model=model)
    return outcome.record, outcome.errors


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
    parser.add_argument(
        "--model", choices=MODELS, default="class",
        help="class: open a named scene now and then, otherwise move one control (default); "
        "random: every control at a random value on every rerun (the worst case, nothing cached)",
    )  # fmt: skip
    parser.add_argument(
        "--trainers", type=int, default=0, help="how many of the sessions train on the network page"
    )
    parser.add_argument(
        "--flooders", type=int, default=0, help="sessions more that ask for 20 reruns a second each"
    )
    args = parser.parse_args()
    if not 0 <= args.trainers <= args.sessions:
        parser.error("--trainers must lie between 0 and --sessions")
    pages = list(PAGES) if args.page == "all" else [args.page]

    server = contextlib.nullcontext(args.url) if args.url else streamlit_server()
    with server as url:
        outcome = asyncio.run(
            classroom(
                url,
                args.sessions,
                args.duration,
                args.think,
                pages,
                args.seed,
                args.trainers,
                args.model,
                args.flooders,
            )
        )
    record, errors, trainings = outcome.record, outcome.errors, outcome.trainings

    times = [ms for _, ms in record] or [0.0]
    print(
        f"{args.sessions} sessions, {args.duration:.0f} s, think {args.think} s, pages {', '.join(pages)}, "
        f"students: {args.model}, flooders: {args.flooders}"
    )
    print(f"{'page':12s} {'reruns':>7s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}")
    for page in pages:
        ms = [m for p, m in record if p == page] or [0.0]
        print(f"{page:12s} {len(ms):7d} {percentile(ms, 50):8.1f} {percentile(ms, 95):8.1f} {max(ms):8.1f}")
    seconds = [run.seconds for run in trainings] or [0.0]
    figures = {
        "trainers": args.trainers,
        "trainings": sum(run.done for run in trainings),
        "trainings_queued": sum(run.queued for run in trainings),
        "training_p50_s": round(percentile(seconds, 50), 2),
        "training_max_s": round(max(seconds), 2),
        "trainings_at_once": most_at_once(trainings),
        "training_limit": SERVER_TRAININGS,
    }
    if args.trainers:
        print(
            f"{'training':12s} {args.trainers} sessions trained {figures['trainings']} runs; "
            f"{figures['trainings_queued']} waited in line; "
            f"press to done p50 {figures['training_p50_s']:.1f} s, max {figures['training_max_s']:.1f} s; "
            f"at most {figures['trainings_at_once']} at once (limit {SERVER_TRAININGS})"
        )
    for error in errors[:10]:
        print("error:", error)
    print(
        json.dumps(
            {
                "sessions": args.sessions,
                "duration_s": args.duration,
                "think_s": args.think,
                "pages": pages,
                "model": args.model,
                "flooders": args.flooders,
                "reruns": len(record),
                "errors": len(errors),
                "p50_ms": round(percentile(times, 50), 1),
                "p95_ms": round(percentile(times, 95), 1),
                "max_ms": round(max(times), 1),
                **figures,
            }
        )
    )


if __name__ == "__main__":
    main()

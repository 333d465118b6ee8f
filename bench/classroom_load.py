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

With --answering, a class answers one question instead (decayviz.classroom): --students phones
(default 60) each tap a choice within --within seconds (a fifth change their mind once), as
websocket sessions of the real app (--via app; --processes 2 puts nginx in front of two app
processes sharing the store) or straight through ClassStore from one thread per student (--via
store); the teacher's screen counts every --poll seconds. It prints whether every student was
counted exactly once, how long after the last answer the teacher's screen showed them all, and
the students' answer latencies (tap to acknowledged). --store: sqlite (a fresh file), postgresql
(a throwaway cluster, tests/support/postgres.py) or a URL.

    python bench/classroom_load.py --sessions 30 --duration 60 [--think 2] [--page landscape]
    python bench/classroom_load.py --sessions 30 --duration 60 --trainers 4
    python bench/classroom_load.py --answering [--students 60] [--store postgresql] [--processes 2]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import random_scene, streamlit_server
from decayviz.scenes import PRESETS
from decayviz.state import PAGES, defaults, encode, page_fields, url_path
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


ANSWERING_QUESTION = "landscape_diverges"  # a choice: one tap on a phone


def answer_plans(students: int, within: float, options: tuple, rng: random.Random) -> list[list]:
    """When each student taps what, within `within` seconds: [(seconds, option), ...]; every
    fifth changes their mind once (the last answer stands)."""
    plans = []
    for i in range(students):
        first = rng.uniform(0, within * (0.8 if i % 5 == 0 else 1.0))
        plan = [(first, rng.choice(options))]
        if i % 5 == 0:
            plan.append((rng.uniform(first, within), rng.choice(options)))
        plans.append(plan)
    return plans


@dataclass
class Answering:
    """What a class's answering run saw: latencies and times are perf_counter seconds."""

    start: float
    latencies: list[float]
    acked_at: list[float]
    counts: list[tuple[float, int]]  # (when, the count the teacher's screen showed)
    errors: list[str]


def caught_up(run: Answering, students: int) -> bool:
    """Whether the teacher's screen showed every student counted, after the last answer."""
    last_ack = max(run.acked_at, default=run.start)
    return any(at >= last_ack and count == students for at, count in run.counts)


def answering_figures(run: Answering, plans: list, stored: list, poll: float) -> dict:
    """Every answer counted exactly once, the teacher's lag after the last answer, latencies."""
    students = len(plans)
    last_ack = max(run.acked_at, default=run.start)
    seen_all = next((at for at, count in run.counts if count == students and at >= last_ack), None)
    ms = [1000 * s for s in run.latencies] or [0.0]
    return {
        "students": students,
        "answers_sent": sum(len(plan) for plan in plans),
        "answers_acknowledged": len(run.latencies),
        "counted": len(stored),
        "exactly_once": sorted(stored) == sorted(plan[-1][1] for plan in plans),
        "errors": len(run.errors),
        "first_error": run.errors[0] if run.errors else None,
        "window_s": round(last_ack - run.start, 2),
        "teacher_poll_s": poll,
        "teacher_lag_s": None if seen_all is None else round(seen_all - last_ack, 2),
        "answer_p50_ms": round(percentile(ms, 50), 1),
        "answer_p95_ms": round(percentile(ms, 95), 1),
        "answer_max_ms": round(max(ms), 1),
    }


def answering_store(store_url: str, students: int, within: float, poll: float, seed: int) -> dict:
    """The class straight through ClassStore, one thread per student (as an app process's
    sessions share its one store); the teacher's screen counts every `poll` seconds."""
    import threading

    from decayviz.classroom import QUESTIONS, ClassStore

    store = ClassStore(store_url)
    room = store.open_class()
    store.move_to(room.code, ANSWERING_QUESTION, room.teacher_key)
    plans = answer_plans(students, within, QUESTIONS[ANSWERING_QUESTION].options, random.Random(seed))
    run = Answering(time.perf_counter() + 0.5, [], [], [], [])
    done = threading.Event()

    def student(i: int) -> None:
        for at, option in plans[i]:
            time.sleep(max(0.0, run.start + at - time.perf_counter()))
            sent = time.perf_counter()
            try:
                store.answer(room.code, ANSWERING_QUESTION, f"phone-{i:03d}", option)
            except Exception as error:  # reported in the figures, never raised
                run.errors.append(f"{type(error).__name__}: {error}")
                continue
            run.acked_at.append(time.perf_counter())
            run.latencies.append(run.acked_at[-1] - sent)

    def teacher() -> None:
        while True:
            run.counts.append((time.perf_counter(), store.count(room.code, ANSWERING_QUESTION)))
            if done.wait(poll):
                return

    threads = [threading.Thread(target=student, args=(i,)) for i in range(students)]
    projector = threading.Thread(target=teacher)
    for thread in [projector, *threads]:
        thread.start()
    for thread in threads:
        thread.join()
    deadline = time.perf_counter() + 30
    while not caught_up(run, students) and time.perf_counter() < deadline:  # the projector's turn
        time.sleep(0.05)
    done.set()
    projector.join()
    stored = store.answers(room.code, ANSWERING_QUESTION, room.teacher_key)
    store.close(room.code, room.teacher_key)
    store.dispose()
    return answering_figures(run, plans, stored, poll)


async def answering_app(
    app_url: str, store_url: str, students: int, within: float, poll: float, seed: int
) -> dict:
    """The class through the real app: each student a browser-like websocket session that joins
    with the class's link and taps a choice; the teacher's session (its link carries the key)
    reruns its page every `poll` seconds, as its screen does, and reads the count it shows."""
    from decayviz.classroom import QUESTIONS, ClassStore
    from decayviz.i18n import t
    from decayviz.ui.classroom import TEACHER_PARAM
    from tests.support.classroom import Phone

    question = QUESTIONS[ANSWERING_QUESTION]
    store = ClassStore(store_url)
    room = store.open_class()
    store.move_to(room.code, ANSWERING_QUESTION, room.teacher_key)
    plans = answer_plans(students, within, question.options, random.Random(seed))
    answer_box = t("predict.axis.answer", "en")
    count_text = t("class.count", "en", count=12345, joined=67890)
    shown_count = re.compile(re.escape(count_text).replace("12345", r"(\d+)").replace("67890", r"\d+"))
    run = Answering(0.0, [], [], [], [])
    async with contextlib.AsyncExitStack() as stack:
        phones = []
        for i in range(students):  # the class joins before the question is asked
            phone = await stack.enter_async_context(Phone(app_url, f"phone-{i:03d}"))
            joined = await phone.rerun("", f"class={room.code}")
            if answer_box not in joined.widgets:
                raise RuntimeError(f"a student's page shows no answer box: {joined.texts[:4]}")
            phones.append(phone)
        projector = await stack.enter_async_context(Phone(app_url, "projector"))
        await projector.rerun("", f"class={room.code}&{TEACHER_PARAM}={room.teacher_key}")
        run.start = time.perf_counter() + 0.5

        async def student(i: int) -> None:
            for at, option in plans[i]:
                await asyncio.sleep(max(0.0, run.start + at - time.perf_counter()))
                label = question.option_label(option, "en")
                result = await phones[i].choose(answer_box, label)
                if result.shows(t("predict.yours", "en", answer=label)):
                    run.acked_at.append(time.perf_counter())
                    run.latencies.append(result.ms / 1000)
                else:
                    run.errors.append(f"not acknowledged: {result.exceptions or result.texts[-3:]}")

        async def teacher(done: asyncio.Event) -> None:
            while not done.is_set():
                shown = await projector.rerun(projector.page, projector.query)
                counts = [int(m.group(1)) for text in shown.texts if (m := shown_count.search(text))]
                run.counts.append((time.perf_counter(), counts[-1] if counts else -1))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(done.wait(), poll)

        done = asyncio.Event()
        watcher = asyncio.create_task(teacher(done))
        await asyncio.gather(*(student(i) for i in range(students)))
        deadline = time.perf_counter() + 30
        while not caught_up(run, students) and time.perf_counter() < deadline:  # the projector's turn
            await asyncio.sleep(0.05)
        done.set()
        await watcher
    stored = store.answers(room.code, ANSWERING_QUESTION, room.teacher_key)
    store.close(room.code, room.teacher_key)
    store.dispose()
    return answering_figures(run, plans, stored, poll)


@contextlib.contextmanager
def answer_store(kind: str):
    """The store's URL: a fresh SQLite file, a throwaway PostgreSQL cluster, or a URL given."""
    import tempfile

    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="decayviz-bench-") as folder:
            yield f"sqlite:///{folder}/classes.db"
    elif kind == "postgresql":
        from tests.support.postgres import create_database, postgres_cluster

        with postgres_cluster() as admin:
            yield create_database(admin, "decayviz_bench")
    else:
        yield kind


def answering_main(args) -> None:
    backend = args.store if args.store in ("sqlite", "postgresql") else args.store.split(":", 1)[0]
    with answer_store(args.store) as store_url:
        if args.via == "store":
            path = f"ClassStore directly, {args.students} threads in one process (no app in between)"
            figures = answering_store(store_url, args.students, args.within, args.poll, args.seed)
        else:
            os.environ["DECAYVIZ_DATABASE_URL"] = store_url  # the app servers started here use it
            with contextlib.ExitStack() as stack:
                if args.url:
                    app_url, where = args.url, args.url
                elif args.processes == 1:
                    app_url, where = stack.enter_context(streamlit_server()), "one app process"
                else:
                    from tests.support.nginx import nginx

                    servers = [stack.enter_context(streamlit_server()) for _ in range(args.processes)]
                    app_url = stack.enter_context(nginx([u.removeprefix("http://") for u in servers]))
                    where = f"nginx in front of {args.processes} app processes"
                path = f"the real app ({where}), {args.students} websocket sessions"
                figures = asyncio.run(
                    answering_app(app_url, store_url, args.students, args.within, args.poll, args.seed)
                )
    print(
        f"answering: {args.students} students, one question ({ANSWERING_QUESTION}) "
        f"within {args.within:.0f} s, through {path}, store: {backend}"
    )
    print(
        f"sent {figures['answers_sent']} answers "
        f"({figures['answers_sent'] - args.students} changes of mind), "
        f"acknowledged {figures['answers_acknowledged']}, counted {figures['counted']}, "
        f"each student exactly once: {figures['exactly_once']}, errors {figures['errors']}"
    )
    print(
        f"answer latency p50 {figures['answer_p50_ms']:.1f} ms, p95 {figures['answer_p95_ms']:.1f} ms, "
        f"max {figures['answer_max_ms']:.1f} ms; the teacher's screen (counting every {args.poll:g} s) "
        f"showed every answer {figures['teacher_lag_s']} s after the last one"
    )
    if figures["first_error"]:
        print("error:", figures["first_error"])
    print(json.dumps({"mode": "answering", "via": args.via, "processes": args.processes, "store": backend,
                      **figures}))  # fmt: skip


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
    answers = parser.add_argument_group("answering mode: a class answers one question")
    answers.add_argument("--answering", action="store_true", help="run the answering mode instead")
    answers.add_argument("--students", type=int, default=60)
    answers.add_argument("--within", type=float, default=10.0, help="seconds in which every student answers")
    answers.add_argument("--poll", type=float, default=1.0, help="seconds between the teacher's counts")
    answers.add_argument(
        "--store", default="sqlite", help="sqlite (a fresh file), postgresql (a throwaway cluster) or a URL"
    )
    answers.add_argument(
        "--processes", type=int, default=1, help="app processes; more than 1: behind nginx, one store"
    )
    answers.add_argument(
        "--via", choices=("app", "store"), default="app",
        help="app: students and teacher as websocket sessions of the real app (default); "
        "store: straight through ClassStore from one thread per student",
    )  # fmt: skip
    args = parser.parse_args()
    if args.answering:
        answering_main(args)
        return
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
            f"at most {figures['trainings_at_once']} seen training at once (limit {SERVER_TRAININGS})"
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

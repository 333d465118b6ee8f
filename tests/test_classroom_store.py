"""The class store (decayviz/classroom/store.py), the same tests on SQLite and on a throwaway
PostgreSQL cluster: answers counted once and replaced, reveal and reset, who may do what, hostile
inputs, expiry, concurrent answers from threads and processes, and a restart (or a killed
process) that keeps every acknowledged answer. Also the per-session rate limiter (limits.py)."""

from __future__ import annotations

import itertools
import json
import math
import os
import subprocess
import sys
import textwrap
import threading
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.postgres import create_database, missing_reason, postgres_cluster

from decayviz.classroom import QUESTIONS, ClassStore, store
from decayviz.classroom.limits import RateLimited, RateLimiter
from decayviz.classroom.store import members

ROOT = Path(__file__).resolve().parent.parent


class FakeQuestion:
    """Question-like: what the store needs (check, kind); checks as questions.py promises."""

    page, scene = "landscape", {}

    def __init__(self, kind: str, lenient: bool = False) -> None:
        self.kind, self.lenient = kind, lenient

    def truth(self):
        return {"point": (1.0, 0.0), "number": 3.0, "choice": "b"}[self.kind]

    def check(self, answer):
        if self.lenient:  # hands anything through: the store's own guards must hold
            return answer
        if self.kind == "choice":
            if not isinstance(answer, str):
                raise TypeError("a choice is an option id")
            if answer not in ("a", "b", "none"):
                raise ValueError("unknown option")
            return answer
        values = list(answer) if self.kind == "point" and isinstance(answer, list | tuple) else [answer]
        if len(values) != (2 if self.kind == "point" else 1):
            raise ValueError("wrong shape")
        for value in values:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError("a number")
            if not math.isfinite(value) or abs(value) > 1000:
                raise ValueError("out of bounds")
        return [float(v) for v in values] if self.kind == "point" else float(values[0])


FAKES = {"t_point": FakeQuestion("point"), "t_number": FakeQuestion("number"),
         "t_choice": FakeQuestion("choice"), "t_lenient": FakeQuestion("number", lenient=True)}  # fmt: skip
# A child process registers the same fakes (tests run in one process, their children in others).
CHILD_PRELUDE = textwrap.dedent(
    """
    import sys
    sys.path[:0] = [%r, %r]
    from test_classroom_store import FAKES
    from decayviz.classroom import QUESTIONS, ClassStore
    QUESTIONS.update(FAKES)
    """
) % (str(ROOT), str(ROOT / "tests"))


@pytest.fixture(autouse=True)
def fake_questions(monkeypatch):
    for qid, question in FAKES.items():
        monkeypatch.setitem(QUESTIONS, qid, question)


class Clock:
    """A clock the test sets: seconds since the epoch."""

    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def postgres_admin():
    if reason := missing_reason():
        if os.environ.get("DECAYVIZ_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"DECAYVIZ_REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(f"NO POSTGRESQL: {reason}; the PostgreSQL half of the store tests is skipped")
    with postgres_cluster() as url:
        yield url


DATABASES = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'classes.db'}"
    return create_database(request.getfixturevalue("postgres_admin"), f"decayviz_{next(DATABASES)}")


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def classes(url, clock):
    opened = ClassStore(url, ttl=timedelta(hours=24), now=clock)
    yield opened
    opened.dispose()


def test_answers_are_counted_once_per_voter_and_replaced(classes):
    room = classes.open_class()
    classes.answer(room.code, "t_number", "voter-a", 1)
    classes.answer(room.code, "t_number", "voter-b", 2.5)
    classes.answer(room.code, "t_number", "voter-a", 4)  # a change of mind replaces, not adds
    assert classes.count(room.code, "t_number") == 2
    assert classes.count(room.code, "t_point") == 0
    assert classes.my_answer(room.code, "t_number", "voter-a") == 4.0
    assert classes.my_answer(room.code, "t_number", "voter-c") is None
    assert sorted(classes.answers(room.code, "t_number", room.teacher_key)) == [2.5, 4.0]
    classes.answer(room.code, "t_point", "voter-a", (1, -2))
    classes.answer(room.code, "t_choice", "voter-a", "none")
    assert classes.answers(room.code, "t_point", room.teacher_key) == [[1.0, -2.0]]
    assert classes.answers(room.code, "t_choice", room.teacher_key) == ["none"]
    # a code typed on a phone: lower case, spaces
    assert classes.count(f" {room.code.lower()} ", "t_number") == 2


def test_who_joined_is_counted_once_per_voter_and_answering_counts_as_joining(classes):
    room, other = classes.open_class(), classes.open_class()
    assert classes.joined(room.code) == 0
    classes.join(room.code, "voter-a")
    classes.join(room.code, "voter-a")  # a second tab, a reload: the same voter
    classes.join(f" {room.code.lower()} ", "voter-b")
    assert classes.joined(room.code) == 2 and classes.joined(other.code) == 0
    classes.answer(room.code, "t_number", "voter-c", 1)  # whose join was missed
    classes.answer(room.code, "t_number", "voter-a", 2)
    assert classes.joined(room.code) == 3
    for bad in ("", None, "A" * 10_000):
        with pytest.raises((TypeError, ValueError)):
            classes.join(room.code, bad)
    classes.close(room.code, room.teacher_key)
    for action in (lambda: classes.join(room.code, "voter-d"), lambda: classes.joined(room.code)):
        with pytest.raises(LookupError):
            action()
    assert classes.joined(other.code) == 0
    with classes.engine.connect() as conn:  # a closed class's members are deleted with it
        assert conn.execute(sa.select(sa.func.count()).select_from(members)).scalar_one() == 0


def test_a_class_has_a_short_unambiguous_code_and_a_secret_key(classes):
    rooms = [classes.open_class() for _ in range(60)]
    codes = {room.code for room in rooms}
    assert len(codes) == 60
    for room in rooms:
        assert 4 <= len(room.code) <= 6
        assert set(room.code) <= set(store.CODE_ALPHABET)
        assert not set(room.code) & set("0O1IL")
        assert len(room.teacher_key) >= 32 and room.teacher_key not in repr(room)
    assert classes.is_teacher(rooms[0].code, rooms[0].teacher_key)
    assert not classes.is_teacher(rooms[0].code, rooms[1].teacher_key)
    with classes.engine.connect() as conn:  # only a hash of each key is stored
        stored = " ".join(str(value) for row in conn.execute(store.sa.select(store.classes)) for value in row)
    assert not any(room.teacher_key in stored for room in rooms)


def test_the_class_follows_the_teacher(classes):
    room = classes.open_class()
    state = classes.state(room.code)
    assert (state.code, state.current, state.revealed) == (room.code, None, frozenset())
    classes.move_to(room.code, "t_point", room.teacher_key)
    assert classes.state(room.code).current == "t_point"
    classes.move_to(room.code, None, room.teacher_key)
    assert classes.state(room.code).current is None


def test_reveal_shows_the_answers_to_all_and_closes_the_question_reset_reopens_it(classes):
    room = classes.open_class()
    classes.answer(room.code, "t_choice", "a", "a")
    classes.answer(room.code, "t_choice", "b", "b")
    with pytest.raises(PermissionError):
        classes.answers(room.code, "t_choice")  # a student, before the reveal
    classes.reveal(room.code, "t_choice", room.teacher_key)
    classes.reveal(room.code, "t_choice", room.teacher_key)  # twice is once
    assert classes.state(room.code).revealed == {"t_choice"}
    assert classes.answers(room.code, "t_choice") == ["a", "b"]  # oldest first
    with pytest.raises(LookupError, match="revealed"):
        classes.answer(room.code, "t_choice", "a", "b")  # answers are closed at the reveal
    with pytest.raises(LookupError):
        classes.answer(room.code, "t_choice", "late", "b")
    assert classes.answers(room.code, "t_choice") == ["a", "b"]
    classes.answer(room.code, "t_number", "a", 1)  # other questions stay open
    classes.reset(room.code, "t_choice", room.teacher_key)
    assert classes.count(room.code, "t_choice") == 0
    assert classes.state(room.code).revealed == frozenset()
    assert classes.count(room.code, "t_number") == 1
    classes.answer(room.code, "t_choice", "a", "none")
    assert classes.my_answer(room.code, "t_choice", "a") == "none"


def test_closing_a_class_ends_it_and_leaves_the_others(classes):
    room, other = classes.open_class(), classes.open_class()
    for code in (room.code, other.code):
        classes.answer(code, "t_number", "same-voter", 1)
    classes.close(room.code, room.teacher_key)
    for action in (
        lambda: classes.state(room.code),
        lambda: classes.answer(room.code, "t_number", "v", 1),
        lambda: classes.count(room.code, "t_number"),
        lambda: classes.close(room.code, room.teacher_key),
    ):
        with pytest.raises(LookupError):
            action()
    assert classes.count(other.code, "t_number") == 1
    assert classes.my_answer(other.code, "t_number", "same-voter") == 1.0


FORGED = ["", "x", None, 12345, b"bytes", ["list"], "A" * 10_000, "' OR '1'='1"]


def test_only_the_teachers_key_can_steer_the_class(classes):
    room, other = classes.open_class(), classes.open_class()
    classes.answer(room.code, "t_number", "v", 1)
    forged = [*FORGED, other.teacher_key, room.teacher_key[:-1], room.teacher_key + "x",
              room.teacher_key.upper(), store._key_hash(room.teacher_key)]  # fmt: skip
    for key in forged:
        assert not classes.is_teacher(room.code, key)
        for action in (
            lambda key=key: classes.move_to(room.code, "t_point", key),
            lambda key=key: classes.reveal(room.code, "t_number", key),
            lambda key=key: classes.reset(room.code, "t_number", key),
            lambda key=key: classes.close(room.code, key),
            lambda key=key: classes.answers(room.code, "t_number", key),
        ):
            with pytest.raises(PermissionError):
                action()
    state = classes.state(room.code)  # nothing changed
    assert (state.current, state.revealed) == (None, frozenset())
    assert classes.answers(room.code, "t_number", room.teacher_key) == [1.0]
    classes.reveal(other.code, "t_number", other.teacher_key)  # another class's reveal: not this one's
    with pytest.raises(PermissionError):
        classes.answers(room.code, "t_number")


SQLISH = "'; DROP TABLE decayviz_answers; --"


def test_the_teachers_own_browser_gets_the_key_back_and_no_other_does(classes):
    room, other = classes.open_class(), classes.open_class()
    assert classes.teacher_key_for(room.code, "teacher-browser") is None  # not remembered yet
    with pytest.raises(PermissionError):  # a student cannot make their browser the teacher's
        classes.remember_teacher(room.code, other.teacher_key, "student-browser")
    classes.remember_teacher(room.code, room.teacher_key, "teacher-browser")
    classes.remember_teacher(room.code, room.teacher_key, "teacher-browser")  # again: no error
    assert classes.teacher_key_for(room.code, "teacher-browser") == room.teacher_key  # a reload
    for browser in [*FORGED, "student-browser", "teacher-browser ", store._browser_hash("teacher-browser")]:
        assert classes.teacher_key_for(room.code, browser) is None
    assert classes.teacher_key_for(other.code, "teacher-browser") is None  # one class only
    with classes.engine.connect() as conn:  # the store alone yields neither the key nor the browser
        rows = conn.execute(store.teacher_browsers.select()).all()
    stored = " ".join(str(value) for row in rows for value in row)
    assert room.teacher_key not in stored and "teacher-browser" not in stored
    classes.close(room.code, room.teacher_key)
    with pytest.raises(LookupError):
        classes.teacher_key_for(room.code, "teacher-browser")
    with classes.engine.connect() as conn:
        assert conn.execute(store.teacher_browsers.select()).first() is None  # closing forgot it


@pytest.mark.parametrize(
    ("question", "answer", "error"),
    [
        ("t_number", math.nan, ValueError),
        ("t_number", math.inf, ValueError),
        ("t_number", -math.inf, ValueError),
        ("t_number", 1e300, ValueError),
        ("t_number", "3", TypeError),
        ("t_number", True, TypeError),
        ("t_number", None, TypeError),
        ("t_number", [1], TypeError),
        ("t_point", (1.0,), ValueError),
        ("t_point", (1.0, math.nan), ValueError),
        ("t_point", {"x": 1, "y": 2}, ValueError),
        ("t_choice", "c", ValueError),
        ("t_choice", SQLISH, ValueError),
        ("t_choice", 1, TypeError),
        # the store's own guards, whatever a question lets through
        ("t_lenient", math.nan, ValueError),
        ("t_lenient", "x" * 100_000, ValueError),
        ("t_lenient", object(), TypeError),
    ],
)
def test_a_bad_answer_is_refused_and_changes_nothing(classes, question, answer, error):
    room = classes.open_class()
    classes.answer(room.code, question, "v", FAKES[question].truth())
    with pytest.raises(error):
        classes.answer(room.code, question, "v", answer)
    assert classes.count(room.code, question) == 1
    assert classes.my_answer(room.code, question, "v") == FAKES[question].check(FAKES[question].truth())


def test_unknown_classes_questions_and_bad_voters_are_refused(classes):
    room = classes.open_class()
    for code in ["ZZZZZ", "", "A", "0O1IL", SQLISH, "x" * 10_000, None, 42, room.code + "Z"]:
        with pytest.raises(LookupError):
            classes.answer(code, "t_number", "v", 1)
        with pytest.raises(LookupError):
            classes.state(code)
        with pytest.raises(LookupError):
            classes.reveal(code, "t_number", room.teacher_key)
    for question in ["nope", SQLISH, "", None, 3, "x" * 10_000]:
        with pytest.raises(LookupError):
            classes.answer(room.code, question, "v", 1)
        with pytest.raises(LookupError):
            classes.count(room.code, question)
        if question is not None:  # None is "no question": the class waits
            with pytest.raises(LookupError):
                classes.move_to(room.code, question, room.teacher_key)
    for voter, error in [("", ValueError), ("v" * 129, ValueError), (None, TypeError), (7, TypeError)]:
        with pytest.raises(error):
            classes.answer(room.code, "t_number", voter, 1)
    classes.answer(room.code, "t_number", SQLISH, 2)  # an odd voter id is only a string
    assert classes.my_answer(room.code, "t_number", SQLISH) == 2.0
    assert classes.count(room.code, "t_number") == 1
    assert classes.state(room.code).current is None


def test_a_class_expires_after_its_ttl_and_is_purged(url, clock):
    classes = ClassStore(url, ttl=timedelta(hours=2), now=clock)
    try:
        room = classes.open_class()
        classes.answer(room.code, "t_number", "v", 1)
        assert classes.state(room.code).expires_at.timestamp() == pytest.approx(clock.t + 7200)
        clock.t += 7199
        assert classes.count(room.code, "t_number") == 1
        clock.t += 2
        for action in (
            lambda: classes.state(room.code),
            lambda: classes.answer(room.code, "t_number", "w", 1),
            lambda: classes.count(room.code, "t_number"),
            lambda: classes.answers(room.code, "t_number", room.teacher_key),
            lambda: classes.reveal(room.code, "t_number", room.teacher_key),
            lambda: classes.is_teacher(room.code, room.teacher_key),
        ):
            with pytest.raises(LookupError):
                action()
        fresh = classes.open_class()  # opening a class purges the expired ones, answers and all
        with classes.engine.connect() as conn:
            assert (
                conn.execute(store.sa.select(store.sa.func.count()).select_from(store.answers)).scalar() == 0
            )
            assert conn.execute(store.sa.select(store.classes.c.code)).scalars().all() == [fresh.code]
    finally:
        classes.dispose()


def test_concurrent_answers_from_many_threads_each_count_once(classes):
    room = classes.open_class()
    voters, rounds = 40, 3
    barrier = threading.Barrier(voters)
    failures: list[BaseException] = []

    def student(i: int) -> None:
        try:
            barrier.wait()
            for r in range(rounds):  # each changes their mind twice
                classes.answer(room.code, "t_number", f"voter-{i}", i + r / 10)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=student, args=(i,)) for i in range(voters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert classes.count(room.code, "t_number") == voters
    assert sorted(classes.answers(room.code, "t_number", room.teacher_key)) == [
        i + 0.2 for i in range(voters)
    ]


def test_answers_are_frozen_the_moment_the_reveal_returns(classes):
    """Students keep changing their answers while the teacher reveals: what the class sees at the
    reveal is final (no answer lands after it), and each student's last acknowledged answer is
    the one kept."""
    room = classes.open_class()
    acknowledged: dict[str, float] = {}
    failures: list[BaseException] = []
    everyone = threading.Barrier(13)

    def student(i: int) -> None:
        try:
            classes.answer(room.code, "t_number", f"voter-{i}", 0)
            acknowledged[f"voter-{i}"] = 0.0
            everyone.wait()
            for value in range(1, 1000):
                classes.answer(room.code, "t_number", f"voter-{i}", value)
                acknowledged[f"voter-{i}"] = float(value)
        except LookupError:  # revealed: answers are closed
            return
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=student, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    everyone.wait(timeout=60)  # all have answered once and keep changing their minds
    classes.reveal(room.code, "t_number", room.teacher_key)
    at_reveal = sorted(classes.answers(room.code, "t_number"))
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(classes.answers(room.code, "t_number")) == at_reveal
    assert at_reveal == sorted(acknowledged.values())
    assert max(at_reveal) < 999  # the reveal came in the middle, not after every student was done


def test_concurrent_answers_from_two_processes_each_count_once(classes, url, tmp_path):
    """Two processes (as two app servers) answer at once; half the voters answer in both (a
    student whose reconnect landed on the other server): each voter is counted once."""
    room = classes.open_class()
    go = tmp_path / "go"
    script = CHILD_PRELUDE + textwrap.dedent(
        """
        import os, time
        url, code, first, last, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
        classes = ClassStore(url)
        while not os.path.exists(go):
            time.sleep(0.01)
        for i in range(first, last):
            classes.answer(code, "t_number", f"voter-{i}", i)
        print("done")
        """
    )
    children = [
        subprocess.Popen([sys.executable, "-c", script, url, room.code, str(a), str(b), str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for a, b in ((0, 60), (30, 90))
    ]  # fmt: skip
    go.touch()
    for child in children:
        out, err = child.communicate(timeout=180)
        assert child.returncode == 0 and out.strip() == "done", err
    assert classes.count(room.code, "t_number") == 90
    assert sorted(classes.answers(room.code, "t_number", room.teacher_key)) == [float(i) for i in range(90)]


def test_a_restart_keeps_every_acknowledged_answer(url, clock):
    first = ClassStore(url, now=clock)
    room = first.open_class()
    for i in range(25):
        first.answer(room.code, "t_point", f"v{i}", (i / 10, -i / 10))
    first.move_to(room.code, "t_point", room.teacher_key)
    first.dispose()
    second = ClassStore(url, now=clock)  # the server restarted
    try:
        assert second.count(room.code, "t_point") == 25
        assert second.state(room.code).current == "t_point"
        assert second.is_teacher(room.code, room.teacher_key)
        assert second.my_answer(room.code, "t_point", "v7") == [0.7, -0.7]
    finally:
        second.dispose()


def test_a_killed_process_loses_no_acknowledged_answer(classes, url):
    """A server killed (SIGKILL) mid-question: every answer it acknowledged is in the store."""
    room = classes.open_class()
    script = CHILD_PRELUDE + textwrap.dedent(
        """
        url, code = sys.argv[1], sys.argv[2]
        classes = ClassStore(url)
        for i in range(10_000):
            classes.answer(code, "t_number", f"voter-{i}", i % 10)
            print(i, flush=True)  # acknowledged
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, url, room.code], stdout=subprocess.PIPE, text=True
    )
    acknowledged = -1
    for line in child.stdout:
        acknowledged = int(line)
        if acknowledged >= 40:
            child.kill()
            break
    child.wait(timeout=30)
    child.stdout.close()
    assert acknowledged >= 40
    assert classes.count(room.code, "t_number") >= acknowledged + 1
    for i in range(acknowledged + 1):
        assert classes.my_answer(room.code, "t_number", f"voter-{i}") == i % 10


def test_the_real_questions_store_their_true_answers(classes):
    """Every question questions.py defines: its computed truth (a network question's first option:
    its truth trains networks), checked, goes in and comes back."""
    real = {qid: q for qid, q in QUESTIONS.items() if qid not in FAKES}
    room = classes.open_class()
    for qid, question in real.items():
        answer = question.options[0] if question.page == "network" else question.truth()
        canonical = question.check(answer)
        assert json.loads(json.dumps(canonical)) == canonical, qid
        classes.answer(room.code, qid, "v", answer)
        assert classes.my_answer(room.code, qid, "v") == canonical, qid
        with pytest.raises((ValueError, TypeError)):
            classes.answer(room.code, qid, "v", math.nan)
    assert classes.state(room.code).current is None


def test_the_store_location_comes_from_one_setting(monkeypatch, tmp_path):
    monkeypatch.delenv("DECAYVIZ_DATABASE_URL", raising=False)
    monkeypatch.delenv("DECAYVIZ_CLASS_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert store.default_url() == f"sqlite:///{tmp_path / '.decayviz' / 'classes.db'}"
    monkeypatch.setenv("DECAYVIZ_CLASS_DB", str(tmp_path / "here.db"))
    assert store.default_url() == f"sqlite:///{tmp_path / 'here.db'}"
    classes = ClassStore()
    classes.open_class()
    classes.dispose()
    assert (tmp_path / "here.db").exists()  # created on first use
    monkeypatch.setenv("DECAYVIZ_DATABASE_URL", "postgresql://u@db.example:5432/decayviz")
    assert store.default_url() == "postgresql://u@db.example:5432/decayviz"
    with pytest.raises(ValueError):
        ClassStore("sqlite://")  # in memory: one process only, never what a class needs


def test_the_rate_limiter_forgets_idle_sessions():
    now = [0.0]
    limiter = RateLimiter(burst=2, per_second=1.0, now=lambda: now[0])
    for i in range(10_001):
        limiter.hit(f"session-{i}")
    now[0] += 5  # every bucket is full again: nothing to remember
    limiter.hit("one more")
    assert len(limiter._buckets) == 1


def test_the_rate_limiter_allows_a_burst_then_a_steady_rate_per_session():
    now = [0.0]
    limiter = RateLimiter(burst=3, per_second=0.5, now=lambda: now[0])
    for _ in range(3):
        limiter.hit("a")
    with pytest.raises(RateLimited) as refused:
        limiter.hit("a")
    assert refused.value.retry_after == pytest.approx(2.0)
    limiter.hit("b")  # another session has its own bucket
    now[0] += 1.9
    with pytest.raises(RateLimited):
        limiter.hit("a")  # a refused hit spends nothing, and 1.9 s refill less than a token
    now[0] += 0.1
    limiter.hit("a")
    now[0] += 1000
    for _ in range(3):  # refilled to the burst, never beyond
        limiter.hit("a")
    with pytest.raises(RateLimited):
        limiter.hit("a")

"""Scale-out of a class: several server processes share one class through one store (a SQLite
file both processes open, or PostgreSQL); a server killed mid-question loses no acknowledged
answer and its students go on answering through another; nginx in front never writes a teacher's
key into a log."""

from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from urllib.parse import urlencode

import pytest
from helpers import run_async
from support.classroom import Phone
from support.nginx import nginx
from support.postgres import create_database
from support.server import free_port, streamlit_server
from test_classroom_store import CHILD_PRELUDE, FAKES, postgres_admin, url  # noqa: F401 (fixtures)

from decayviz.classroom import QUESTIONS, ClassStore
from decayviz.i18n import t
from decayviz.ui.classroom import TEACHER_PARAM  # the teacher's link: ?class=CODE&teacher=KEY

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def fake_questions(monkeypatch):
    for qid, question in FAKES.items():
        monkeypatch.setitem(QUESTIONS, qid, question)


def needs_nginx() -> None:
    if shutil.which("nginx") is None and shutil.which("nginx", path="/usr/sbin") is None:
        if os.environ.get("DECAYVIZ_REQUIRE_BROWSER") == "1":
            pytest.fail("nginx is not installed (scripts/test.sh installs it with apt-get)")
        pytest.skip("NO NGINX: apt-get install nginx")


class Ok(http.server.BaseHTTPRequestHandler):
    """A stand-in backend: answers every GET with ok (nginx's health check included)."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args) -> None:  # quiet
        pass


def test_nginx_never_logs_a_teachers_key():
    """The key rides in the teacher's link (?teacher=KEY) and in the Referer of every request
    the teacher's page makes; half the requests first reach a dead backend (an error nginx
    would log with the request line). Neither log may contain the key; the access log still
    records each request, its status and its upstream."""
    needs_nginx()
    key = "TEACHERKEY-s3cr3t-" + os.urandom(8).hex()
    backend = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Ok)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    dead = f"127.0.0.1:{free_port()}"  # nothing listens here; max_fails=0: nginx tries it every time
    try:
        with nginx([f"127.0.0.1:{backend.server_port}", f"{dead} max_fails=0"], name_backends=False) as front:
            for i in range(20):
                query = urlencode({"class": "ABCDE", TEACHER_PARAM: key, "n": i})
                request = urllib.request.Request(
                    f"{front}/?{query}", headers={"Referer": f"{front}/?{query}", "Cookie": f"x={key}"}
                )
                with urllib.request.urlopen(request, timeout=10) as response:
                    assert response.status == 200
            deadline = time.monotonic() + 10
            while True:  # nginx writes a request's line once its answer has gone out
                access = (front.logs / "access.log").read_text()
                lines = [line for line in access.splitlines() if '"GET / HTTP/1.1" 200' in line]
                if len(lines) >= 20 or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            error = (front.logs / "error.log").read_text()
    finally:
        backend.shutdown()
    assert len(lines) == 20, access
    assert any(dead in line for line in lines), access  # some went to the dead backend first
    assert key not in error and f"{TEACHER_PARAM}=" not in error, error
    assert key not in access and f"{TEACHER_PARAM}=" not in access, access


QUESTION = "landscape_diverges"  # a choice: one tap


async def class_across_a_killed_backend(front: str, backends: list, room) -> None:
    """Teacher and students through nginx on two app processes; the one without the teacher is
    killed after its students answered; they reconnect to the other, find their answers kept,
    change them (still counted once), and see the reveal the teacher makes."""
    question = QUESTIONS[QUESTION]
    options = question.options[:2]
    label = {option: question.option_label(option, "en") for option in options}
    yours = {option: t("predict.yours", "en", answer=label[option]) for option in options}
    answer_box = t("predict.axis.answer", "en")
    async with contextlib.AsyncExitStack() as stack:
        teacher = await stack.enter_async_context(Phone(front, "teacher"))
        shown = await teacher.rerun("", f"class={room.code}&{TEACHER_PARAM}={room.teacher_key}")
        assert t("class.reveal", "en") in shown.buttons, shown.texts
        assert room.teacher_key not in teacher.query  # taken out of the address bar
        [victim] = [b for b in backends if b.removeprefix("http://") != teacher.backend]

        students: dict[str, Phone] = {}  # three on the victim, two beside the teacher
        for name in (f"phone-{i}" for i in range(200)):
            phone = await stack.enter_async_context(Phone(front, name))
            wanted = 3 if phone.backend == victim.removeprefix("http://") else 2
            if sum(p.backend == phone.backend for p in students.values()) < wanted:
                students[name] = phone
            if len(students) == 5:
                break
        final = {}
        for i, (name, phone) in enumerate(students.items()):
            await phone.rerun("", f"class={room.code}")
            final[name] = options[i % 2]
            answered = await phone.choose(answer_box, label[final[name]])
            assert answered.shows(yours[final[name]]), answered.texts  # acknowledged on the phone
        shown = await teacher.rerun(teacher.page, teacher.query)
        assert shown.shows(t("class.count", "en", count=5, joined=5)), shown.texts

        os.kill(victim.pid, signal.SIGKILL)  # mid-question
        moved = [name for name, phone in students.items() if phone.backend == victim.removeprefix("http://")]
        assert len(moved) == 3
        for name in moved:
            phone = await stack.enter_async_context(Phone(front, name))  # the same browser reconnects
            students[name] = phone
            assert phone.backend == teacher.backend
            again = await phone.rerun("", f"class={room.code}")
            assert again.shows(yours[final[name]]), again.texts  # its acknowledged answer, kept
            final[name] = options[1 - options.index(final[name])]  # a change of mind, after the move
            changed = await phone.choose(answer_box, label[final[name]])
            assert changed.shows(yours[final[name]]), changed.texts
        shown = await teacher.rerun(teacher.page, teacher.query)
        assert shown.shows(t("class.count", "en", count=5, joined=5)), shown.texts  # still one each

        await teacher.press(t("class.reveal", "en"))
        truth = question.truth()
        right = sum(option == truth for option in final.values())
        for phone in students.values():
            seen = await phone.rerun(phone.page, phone.query)
            assert seen.shows(t("class.summary.choice", "en", count=5, right=right)), seen.texts


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_class_over_two_app_processes_survives_one_killed(monkeypatch, request, tmp_path, backend):
    """The wire-level scale-out: real app processes behind nginx, one store."""
    needs_nginx()
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'classes.db'}"
    else:
        url = create_database(request.getfixturevalue("postgres_admin"), "decayviz_wire")
    monkeypatch.setenv("DECAYVIZ_DATABASE_URL", url)  # what the app processes use
    classes = ClassStore(url)
    try:
        room = classes.open_class()
        classes.move_to(room.code, QUESTION, room.teacher_key)
        with contextlib.ExitStack() as stack:
            backends = [stack.enter_context(streamlit_server()) for _ in range(2)]
            front = stack.enter_context(nginx([b.removeprefix("http://") for b in backends]))
            run_async(class_across_a_killed_backend(front, backends, room))
        assert classes.count(room.code, QUESTION) == 5
    finally:
        classes.dispose()


BACKEND_SCRIPT = CHILD_PRELUDE + (
    "classes = ClassStore(sys.argv[1])\n"
    "for line in sys.stdin:\n"
    "    code, voter, value = line.split()\n"
    "    classes.answer(code, 't_number', voter, float(value))\n"
    "    print(voter, flush=True)  # the acknowledgement the student's screen shows\n"
)


def test_two_servers_share_one_class_and_a_killed_one_loses_no_answer(url):  # noqa: F811
    """The teacher on one server, students on two others (as nginx spreads them), one tally; one
    server is killed mid-question: every answer it acknowledged is counted, and its students,
    reconnected to the surviving server, answer again (or for the first time) and count once."""
    teacher = ClassStore(url)
    try:
        room = teacher.open_class()
        teacher.move_to(room.code, "t_number", room.teacher_key)
        servers = [
            subprocess.Popen([sys.executable, "-c", BACKEND_SCRIPT, url], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, bufsize=1)
            for _ in range(2)
        ]  # fmt: skip
        survivor, victim = servers
        students = {f"phone-{i}": i % 7 for i in range(60)}
        on_victim = [voter for i, voter in enumerate(students) if i % 2]
        for i, (voter, value) in enumerate(students.items()):
            (victim if i % 2 else survivor).stdin.write(f"{room.code} {voter} {value}\n")
        victim.stdin.flush()
        survivor.stdin.flush()
        acknowledged = [victim.stdout.readline().strip() for _ in range(12)]
        victim.send_signal(signal.SIGKILL)  # mid-question: some of its students are still waiting
        victim.wait(timeout=30)
        assert all(acknowledged) and set(acknowledged) <= set(on_victim)
        assert teacher.count(room.code, "t_number") >= len(acknowledged)
        for voter in acknowledged:  # kept, before anyone answers again
            assert teacher.my_answer(room.code, "t_number", voter) == students[voter]

        for voter in on_victim:  # every student of the dead server reconnects and taps again
            survivor.stdin.write(f"{room.code} {voter} {students[voter]}\n")
        survivor.stdin.close()
        survived = survivor.stdout.read().split()
        assert survivor.wait(timeout=60) == 0
        assert sorted(survived) == sorted(students)  # all acknowledged by the survivor
        assert teacher.count(room.code, "t_number") == 60  # one tally, each student once
        teacher.reveal(room.code, "t_number", room.teacher_key)
        assert sorted(teacher.answers(room.code, "t_number")) == sorted(float(v) for v in students.values())
    finally:
        teacher.dispose()
        for server in servers:
            if server.poll() is None:
                server.kill()
            server.wait()

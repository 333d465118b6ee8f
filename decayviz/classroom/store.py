"""Classes and their answers, in SQLite (the default, nothing to install) or PostgreSQL (when
several app processes share one class), through one SQLAlchemy Core code path.

Where the store lives, first match wins:
  ClassStore(url=...)            "sqlite:///path.db" or "postgresql://user@host:port/db"
  DECAYVIZ_DATABASE_URL          the same, for the app (the scale-out setup names PostgreSQL here)
  DECAYVIZ_CLASS_DB              a path for the SQLite file
  default                        .decayviz/classes.db in the working folder (git ignores it):
                                 every app process started from one folder shares it

Every write is one transaction. SQLite runs in WAL mode with a busy timeout, and its write
transactions take the write lock first (BEGIN IMMEDIATE), so concurrent writers wait in line
instead of failing (within a process they queue on a lock first). On PostgreSQL an answer holds
its class's advisory lock shared and a teacher's action holds it exclusive (queued fairly, unlike
row locks, so a stream of answers cannot starve a reveal): no answer lands after its question's
reveal or its class's close. One answer per (class, question, voter) is an INSERT ... ON CONFLICT
DO UPDATE: a new answer replaces the old, atomically.

Only the teacher key's SHA-256 is stored; nothing about a student but the opaque voter id the UI
hands in. Expired classes read as closed and are purged when a class is opened.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from decayviz.classroom.questions import QUESTIONS

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read off a projector
CODE_LENGTH = 5  # 31**5 ≈ 29 million codes; a clash is retried, then a 6th character added
MAX_VOTER_LENGTH = 128
MAX_ANSWER_JSON = 1000  # a canonical answer is a point, a number or an option id: far less
MAX_KEY_LENGTH = 200
SQLITE_BUSY_TIMEOUT_S = 30.0
LOCK_SPACE = 4817  # PostgreSQL advisory locks: (LOCK_SPACE, hash of a class's code); (LOCK_SPACE, 0): schema
DEFAULT_TTL = timedelta(hours=24)

metadata = sa.MetaData()
classes = sa.Table(
    "decayviz_classes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.String(8), nullable=False, unique=True),
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),  # seconds since the epoch, UTC
    sa.Column("current", sa.String(64)),
)
reveals = sa.Table(
    "decayviz_reveals",
    metadata,
    sa.Column("class_id", sa.Integer, primary_key=True),
    sa.Column("question", sa.String(64), primary_key=True),
)
teacher_browsers = sa.Table(  # the browsers a class's teacher opened it in: a reload stays the teacher
    "decayviz_teacher_browsers",
    metadata,
    sa.Column("class_id", sa.Integer, primary_key=True),
    sa.Column("browser_hash", sa.String(64), primary_key=True),
    sa.Column("sealed_key", sa.String(MAX_KEY_LENGTH * 2), nullable=False),  # the key, XOR the browser's pad
)
members = sa.Table(  # the voters who joined a class: the teacher sees how many are in the room
    "decayviz_members",
    metadata,
    sa.Column("class_id", sa.Integer, primary_key=True),
    sa.Column("voter", sa.String(MAX_VOTER_LENGTH), primary_key=True),
)
answers = sa.Table(
    "decayviz_answers",
    metadata,
    sa.Column("class_id", sa.Integer, primary_key=True),
    sa.Column("question", sa.String(64), primary_key=True),
    sa.Column("voter", sa.String(MAX_VOTER_LENGTH), primary_key=True),
    sa.Column("answer", sa.Text, nullable=False),  # the question's canonical answer, as JSON
    sa.Column("answered_at", sa.Float, nullable=False),
)


@dataclass(frozen=True)
class Room:
    """A class just opened: its code (for students) and the teacher's secret key."""

    code: str
    teacher_key: str = field(repr=False)  # never in a log line or a traceback
    expires_at: datetime


@dataclass(frozen=True)
class ClassState:
    """What every screen of a class follows: the current question and the revealed ones."""

    code: str
    current: str | None
    revealed: frozenset[str]
    expires_at: datetime


def default_url() -> str:
    """The store the app uses: DECAYVIZ_DATABASE_URL, else the SQLite file (see the module doc)."""
    if url := os.environ.get("DECAYVIZ_DATABASE_URL"):
        return url
    if path := os.environ.get("DECAYVIZ_CLASS_DB"):
        return f"sqlite:///{Path(path).expanduser().resolve()}"
    return f"sqlite:///{Path('.decayviz', 'classes.db').resolve()}"


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _browser_hash(browser: str) -> str:
    return hashlib.sha256(f"decayviz teacher browser\0{browser}".encode()).hexdigest()


def _seal(text: bytes, browser: str) -> bytes:
    """`text` XOR a pad only the browser's secret gives: the stored row alone yields no key."""
    pad = hashlib.shake_256(f"decayviz teacher seal\0{browser}".encode()).digest(len(text))
    return bytes(a ^ b for a, b in zip(text, pad, strict=True))


def _normal_code(code: object) -> str:
    """A typed code in its stored form (upper case, no spaces); LookupError if it cannot be one."""
    if isinstance(code, str):
        code = code.strip().upper()
        if re.fullmatch(f"[{CODE_ALPHABET}]{{4,6}}", code):
            return code
    raise LookupError("no open class has this code")


def _question(question_id: object):
    if not isinstance(question_id, str) or question_id not in QUESTIONS:
        raise LookupError(f"no such question: {str(question_id)[:64]!r}")
    return QUESTIONS[question_id]


def _when(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


class ClassStore:
    """Classes, their current question, reveals and answers; see the module doc for the URL."""

    def __init__(
        self, url: str | None = None, ttl: timedelta = DEFAULT_TTL, now: Callable[[], float] = time.time
    ) -> None:
        """`now` (seconds since the epoch) is the clock expiry reads; tests pass one they can set."""
        url = url or default_url()
        self.ttl, self.now = ttl, now
        if url.startswith(("postgresql://", "postgres://")):  # psycopg 3, not SQLAlchemy's default psycopg2
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        parsed = sa.make_url(url)
        self.sqlite = parsed.get_backend_name() == "sqlite"
        if self.sqlite:
            if not parsed.database or parsed.database == ":memory:":
                raise ValueError("the class store needs a SQLite file (it is shared by processes)")
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = sa.create_engine(
                parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _sqlite_connect)
            sa.event.listen(self.engine, "begin", _sqlite_begin)
        else:
            self.engine = sa.create_engine(  # a server that is down or stuck fails a call in seconds
                parsed, pool_pre_ping=True, pool_size=10, max_overflow=20,
                connect_args={"connect_timeout": 5, "options": "-c statement_timeout=15000"},
            )  # fmt: skip
        self._insert = sqlite.insert if self.sqlite else postgresql.insert
        self._write_lock = threading.Lock() if self.sqlite else contextlib.nullcontext()
        with self._write() as conn:  # several processes may start at once: one creates
            if not self.sqlite:
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:space, 0)"), {"space": LOCK_SPACE})
            metadata.create_all(conn)

    @contextlib.contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write transaction. On SQLite this process's writers also queue on a lock: SQLite
        takes one writer at a time anyway, and its busy timeout polls with growing sleeps, so
        many threads of one process racing for the file can starve one of them for seconds."""
        with self._write_lock, self.engine.begin() as conn:
            yield conn

    def dispose(self) -> None:
        """Close the pooled connections (tests, before their database goes away)."""
        self.engine.dispose()

    # --- reading -------------------------------------------------------------------------------

    def _read(self):
        return self.engine.connect().execution_options(decayviz_read=True)

    def _class_row(self, conn, code: object, lock: str | None = None):
        """The open class's row (id, key_hash, expires_at, current); LookupError if none.
        `lock` ("shared": an answer, "exclusive": a teacher's action) first takes the class's
        PostgreSQL advisory lock for the transaction; SQLite's write lock already covers it."""
        code = _normal_code(code)
        if lock and not self.sqlite:
            take = "pg_advisory_xact_lock_shared" if lock == "shared" else "pg_advisory_xact_lock"
            conn.execute(
                sa.text(f"SELECT {take}(:space, hashtext(:code))"), {"space": LOCK_SPACE, "code": code}
            )
        query = sa.select(classes).where(classes.c.code == code, classes.c.expires_at > self.now())
        row = conn.execute(query).first()
        if row is None:
            raise LookupError("no open class has this code (it may have been closed or expired)")
        return row

    def state(self, code: str) -> ClassState:
        """What the class shows now; LookupError for an unknown, closed or expired class."""
        with self._read() as conn, conn.begin():
            row = self._class_row(conn, code)
            shown = conn.execute(sa.select(reveals.c.question).where(reveals.c.class_id == row.id)).scalars()
            return ClassState(row.code, row.current, frozenset(shown), _when(row.expires_at))

    def is_teacher(self, code: str, teacher_key: object) -> bool:
        """Whether `teacher_key` is this class's key (constant-time); LookupError for no class."""
        with self._read() as conn, conn.begin():
            return self._key_matches(self._class_row(conn, code), teacher_key)

    @staticmethod
    def _key_matches(row, teacher_key: object) -> bool:
        if not isinstance(teacher_key, str) or not 0 < len(teacher_key) <= MAX_KEY_LENGTH:
            return False
        return hmac.compare_digest(_key_hash(teacher_key), row.key_hash)

    def teacher_key_for(self, code: str, browser: object) -> str | None:
        """The teacher's key if `browser` (an opaque per-browser secret) is one the teacher
        opened the class in (remember_teacher), else None; LookupError for no open class."""
        if not isinstance(browser, str) or not 0 < len(browser) <= MAX_VOTER_LENGTH:
            return None
        with self._read() as conn, conn.begin():
            row = self._class_row(conn, code)
            sealed = conn.execute(
                sa.select(teacher_browsers.c.sealed_key).where(
                    teacher_browsers.c.class_id == row.id,
                    teacher_browsers.c.browser_hash == _browser_hash(browser),
                )
            ).scalar()
        if sealed is None:
            return None
        try:
            key = _seal(bytes.fromhex(sealed), browser).decode()
        except (ValueError, UnicodeDecodeError):
            return None
        return key if self._key_matches(row, key) else None

    def count(self, code: str, question_id: str) -> int:
        """How many voters have answered the question (open to all: the projector shows it)."""
        _question(question_id)
        with self._read() as conn, conn.begin():
            row = self._class_row(conn, code)
            return conn.execute(
                sa.select(sa.func.count()).where(
                    answers.c.class_id == row.id, answers.c.question == question_id
                )
            ).scalar_one()

    def joined(self, code: str) -> int:
        """How many voters have joined the class (open to all: the projector shows it)."""
        with self._read() as conn, conn.begin():
            row = self._class_row(conn, code)
            return conn.execute(sa.select(sa.func.count()).where(members.c.class_id == row.id)).scalar_one()

    def my_answer(self, code: str, question_id: str, voter: str):
        """This voter's answer (canonical form), or None."""
        _question(question_id)
        voter = _checked_voter(voter)
        with self._read() as conn, conn.begin():
            row = self._class_row(conn, code)
            stored = conn.execute(
                sa.select(answers.c.answer).where(
                    answers.c.class_id == row.id, answers.c.question == question_id, answers.c.voter == voter
                )
            ).scalar()
        return None if stored is None else json.loads(stored)

    def answers(self, code: str, question_id: str, teacher_key: str | None = None) -> list:
        """Every answer to the question (canonical forms, in the order they were last changed);
        PermissionError before its reveal unless `teacher_key` is the class's."""
        _question(question_id)
        with self._read() as conn, conn.begin():
            row = self._class_row(conn, code)
            if not _revealed(conn, row.id, question_id) and not self._key_matches(row, teacher_key):
                raise PermissionError("the answers are shown only after the teacher reveals them")
            stored = conn.execute(
                sa.select(answers.c.answer)
                .where(answers.c.class_id == row.id, answers.c.question == question_id)
                .order_by(answers.c.answered_at, answers.c.voter)
            ).scalars()
            return [json.loads(answer) for answer in stored]

    # --- writing -------------------------------------------------------------------------------

    def open_class(self) -> Room:
        """A new class with a fresh code and key; purges expired classes first."""
        now = self.now()
        self.purge_expired()
        key = secrets.token_urlsafe(24)
        expires_at = now + self.ttl.total_seconds()
        for attempt in range(20):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH + (attempt >= 10)))
            try:
                with self._write() as conn:
                    conn.execute(
                        classes.insert().values(code=code, key_hash=_key_hash(key), expires_at=expires_at)
                    )
                return Room(code, key, _when(expires_at))
            except sa.exc.IntegrityError:  # that code is taken by an open class: draw another
                continue
        raise RuntimeError("could not find a free class code")

    def purge_expired(self) -> int:
        """Delete expired classes with their answers; how many classes went."""
        with self._write() as conn:
            gone = (
                conn.execute(sa.select(classes.c.id).where(classes.c.expires_at <= self.now()))
                .scalars()
                .all()
            )
            self._delete(conn, gone)
        return len(gone)

    @staticmethod
    def _delete(conn, class_ids: list[int]) -> None:
        if class_ids:
            for table in (answers, reveals, teacher_browsers, members):
                conn.execute(table.delete().where(table.c.class_id.in_(class_ids)))
            conn.execute(classes.delete().where(classes.c.id.in_(class_ids)))

    def _teacher_row(self, conn, code: object, teacher_key: object):
        row = self._class_row(conn, code, lock="exclusive")
        if not self._key_matches(row, teacher_key):
            raise PermissionError("only the teacher's link can do this")
        return row

    def remember_teacher(self, code: str, teacher_key: str, browser: str) -> None:
        """Remember `browser` (an opaque per-browser secret, e.g. a hash of its cookie) as the
        teacher's: teacher_key_for then gives its sessions the key back after a reload. Only a
        hash of the browser and the key sealed with it are stored. PermissionError: wrong key."""
        if not isinstance(browser, str) or not 0 < len(browser) <= MAX_VOTER_LENGTH:
            raise ValueError(f"browser must be 1 to {MAX_VOTER_LENGTH} characters")
        with self._write() as conn:
            row = self._teacher_row(conn, code, teacher_key)
            values = {"class_id": row.id, "browser_hash": _browser_hash(browser),
                      "sealed_key": _seal(teacher_key.encode(), browser).hex()}  # fmt: skip
            conn.execute(self._insert(teacher_browsers).values(**values).on_conflict_do_nothing())

    def move_to(self, code: str, question_id: str | None, teacher_key: str) -> None:
        """Set the class's current question (None: no question, the class waits)."""
        if question_id is not None:
            _question(question_id)
        with self._write() as conn:
            row = self._teacher_row(conn, code, teacher_key)
            conn.execute(classes.update().where(classes.c.id == row.id).values(current=question_id))

    def join(self, code: str, voter: str) -> None:
        """Count this voter as in the class (once, however many tabs or visits). ValueError/
        TypeError: a bad voter; LookupError: no open class."""
        voter = _checked_voter(voter)
        with self._write() as conn:
            self._add_member(conn, self._class_row(conn, code, lock="shared").id, voter)

    def _add_member(self, conn, class_id: int, voter: str) -> None:
        """The voter counts as in the class, once."""
        conn.execute(self._insert(members).values(class_id=class_id, voter=voter).on_conflict_do_nothing())

    def answer(self, code: str, question_id: str, voter: str, answer) -> None:
        """Record (or replace) this voter's answer. ValueError/TypeError: a bad answer or voter;
        LookupError: no open class, no such question, or the question is already revealed."""
        question = _question(question_id)
        voter = _checked_voter(voter)
        stored = json.dumps(question.check(answer), allow_nan=False)  # ValueError on NaN/inf too
        if len(stored) > MAX_ANSWER_JSON:
            raise ValueError("answer too long")
        with self._write() as conn:
            row = self._class_row(conn, code, lock="shared")
            if _revealed(conn, row.id, question_id):
                raise LookupError("this question has been revealed: answers are closed")
            values = {"class_id": row.id, "question": question_id, "voter": voter, "answer": stored,
                      "answered_at": self.now()}  # fmt: skip
            upsert = self._insert(answers).values(**values)
            conn.execute(
                upsert.on_conflict_do_update(
                    index_elements=[answers.c.class_id, answers.c.question, answers.c.voter],
                    set_={"answer": upsert.excluded.answer, "answered_at": upsert.excluded.answered_at},
                )
            )
            self._add_member(conn, row.id, voter)  # one who answers is in the class, joined or not

    def reveal(self, code: str, question_id: str, teacher_key: str) -> None:
        """Show the question's answers to everyone, and close it to new answers."""
        _question(question_id)
        with self._write() as conn:
            row = self._teacher_row(conn, code, teacher_key)
            conn.execute(
                self._insert(reveals).values(class_id=row.id, question=question_id).on_conflict_do_nothing()
            )

    def reset(self, code: str, question_id: str, teacher_key: str) -> None:
        """Clear the question's answers and its reveal: ask it again."""
        _question(question_id)
        with self._write() as conn:
            row = self._teacher_row(conn, code, teacher_key)
            for table in (answers, reveals):
                conn.execute(
                    table.delete().where(table.c.class_id == row.id, table.c.question == question_id)
                )

    def close(self, code: str, teacher_key: str) -> None:
        """End the class: it and its answers are deleted; its code then reads as unknown."""
        with self._write() as conn:
            self._delete(conn, [self._teacher_row(conn, code, teacher_key).id])


def _revealed(conn, class_id: int, question_id: str) -> bool:
    query = sa.select(reveals.c.question).where(
        reveals.c.class_id == class_id, reveals.c.question == question_id
    )
    return conn.execute(query).first() is not None


def _checked_voter(voter: object) -> str:
    if not isinstance(voter, str):
        raise TypeError("voter must be a string")
    if not 0 < len(voter) <= MAX_VOTER_LENGTH:
        raise ValueError(f"voter must be 1 to {MAX_VOTER_LENGTH} characters")
    return voter


def _sqlite_connect(dbapi_connection, _record) -> None:
    """WAL (readers never wait for the writer), full sync (an acknowledged answer survives a
    crash), and transactions begun by _sqlite_begin rather than by the driver."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_begin(conn) -> None:
    """Writes take SQLite's write lock at BEGIN, so two writers queue (busy timeout) instead of
    one failing when its read turns into a write; reads begin deferred and never wait."""
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("decayviz_read") else "BEGIN IMMEDIATE")

"""A throwaway PostgreSQL cluster for the store tests and the scale-out test: initdb and pg_ctl in
a temporary folder, on a free loopback port, trust authentication, removed after. PostgreSQL
refuses to run as root, so as root the cluster runs as the `postgres` user Debian's package
creates (through runuser). Needs Debian's postgresql (`apt-get install postgresql`)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .server import free_port


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb") or shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[4]))
    return Path(versions[-1]).parent if versions else None


def missing_reason() -> str | None:
    """Why a cluster cannot be started here, or None."""
    if binaries() is None:
        return "PostgreSQL is not installed (apt-get install postgresql; scripts/test.sh does it as root)"
    if os.geteuid() == 0 and (shutil.which("runuser") is None or _uid("postgres") is None):
        return "running as root needs runuser and a 'postgres' user to start PostgreSQL"
    return None


def _uid(user: str) -> int | None:
    import pwd

    try:
        return pwd.getpwnam(user).pw_uid
    except KeyError:
        return None


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str]:
    """A running cluster; yields its admin URL, postgresql://postgres@127.0.0.1:PORT/postgres."""
    if reason := missing_reason():
        raise RuntimeError(reason)
    bin_dir, port = binaries(), free_port()
    as_root = os.geteuid() == 0
    with tempfile.TemporaryDirectory(prefix="decayviz-pg-") as folder:
        data, log = Path(folder) / "data", Path(folder) / "log"
        if as_root:  # the cluster's files belong to the user that runs it
            Path(folder).chmod(0o755)
            shutil.chown(folder, "postgres")

        def run(*command: str) -> None:
            prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
            subprocess.run([*prefix, *command], check=True, capture_output=True, cwd=folder)

        run(str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-sync")  # fmt: skip
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(  # unchecked: a failed stop must not hide the error that ended the test
                [*(["runuser", "-u", "postgres", "--"] if as_root else []),
                 str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True, cwd=folder, check=False,
            )  # fmt: skip


def create_database(admin_url: str, name: str) -> str:
    """A fresh database in the cluster; its URL."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"

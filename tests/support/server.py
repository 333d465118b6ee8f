"""A real `streamlit run` server for the browser tests, the server tests and the benchmarks:
started on a free loopback port, polled until healthy, stopped after."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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
    # A fresh server starts as a teacher's does after its first start: with the app's modules
    # compiled once and kept (Python's default), even where PYTHONDONTWRITEBYTECODE is set.
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = ServerURL(f"http://127.0.0.1:{port}")
    url.pid = proc.pid
    try:
        wait_until_healthy(url, proc, f"streamlit run {script}")
        yield url
    finally:
        stop(proc)

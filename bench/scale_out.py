"""Scale out for real: two `streamlit run app.py` processes behind nginx with sticky sessions.

Starts the app twice on free loopback ports, nginx in front of them (deploy/nginx.conf.template),
checks that a browser-like client (one that keeps nginx's route cookie) always reaches the same
backend while different clients are spread over both, then runs the classroom load test
through nginx. Needs Debian's nginx (`apt-get install nginx`).

    python bench/scale_out.py [--sessions 30] [--duration 30] [--processes 2]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.cookiejar
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.classroom_load import MODELS, load, percentile
from bench.common import ROOT, free_port, stop, streamlit_server, wait_until_healthy

BACKEND_HEADER = "add_header X-Decayviz-Backend $upstream_addr always;"


@contextlib.contextmanager
def nginx(backends: list[str], name_backends: bool = True):
    """nginx on a free loopback port in front of `backends` (host:port); yields its URL. With
    `name_backends`, each answer says which backend served it (for the stickiness check only)."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="decayviz-nginx-") as prefix:
        conf = (
            (ROOT / "deploy" / "nginx.conf.template")
            .read_text()
            .format(
                listen=f"127.0.0.1:{port}",
                prefix=prefix,
                backends="\n".join(f"        server {b};" for b in backends),
                extra=f"            {BACKEND_HEADER}" if name_backends else "",
            )
        )
        conf_path = Path(prefix) / "nginx.conf"
        conf_path.write_text(conf)
        proc = subprocess.Popen(
            [binary, "-c", str(conf_path), "-p", prefix, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_healthy(url, proc, "nginx", timeout=20)
            yield url
        finally:
            stop(proc)


def backend_of(opener: urllib.request.OpenerDirector, url: str) -> str:
    with opener.open(f"{url}/_stcore/health", timeout=5) as response:
        return response.headers["X-Decayviz-Backend"]


def stickiness(url: str, browsers: int = 12) -> tuple[bool, set[str]]:
    """(each browser always reached one backend, the set of backends reached)."""
    seen: set[str] = set()
    sticky = True
    for _ in range(browsers):
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        backends = {backend_of(opener, url) for _ in range(5)}
        sticky &= len(backends) == 1
        seen |= backends
    return sticky, seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--think", type=float, default=2.0)
    parser.add_argument("--page", default="landscape")
    parser.add_argument("--model", choices=MODELS, default="class", help="as in classroom_load.py")
    args = parser.parse_args()

    with contextlib.ExitStack() as stack:
        urls = [stack.enter_context(streamlit_server()) for _ in range(args.processes)]
        front = stack.enter_context(nginx([u.removeprefix("http://") for u in urls]))
        sticky, seen = stickiness(front)
        print(f"nginx {front} -> {', '.join(urls)}")
        print(f"sticky per browser: {sticky}; backends reached by 12 browsers: {len(seen)}")
        record, errors = asyncio.run(
            load(front, args.sessions, args.duration, args.think, [args.page], 0, args.model)
        )
    times = [ms for _, ms in record] or [0.0]
    print(
        f"through nginx: {len(record)} reruns, {len(errors)} errors, p50 {percentile(times, 50):.1f} ms, "
        f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms"
    )
    for error in errors[:5]:
        print("error:", error)
    ok = sticky and len(seen) == args.processes and not errors and record
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

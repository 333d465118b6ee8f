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
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.classroom_load import MODELS, load, percentile
from bench.common import streamlit_server
from tests.support.nginx import nginx


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

"""Per-session rate limits for a class's answers and joins: a token bucket per key, in process.

A guessed class code gives only the right to answer, and these keep even that from flooding the
store: a session may spend `burst` actions at once, then one every 1/`per_second` seconds.

    from decayviz.classroom.limits import ANSWERS, RateLimited
    try:
        ANSWERS.hit(session_id)
    except RateLimited as limit:
        ...  # tell the student to wait limit.retry_after seconds; record nothing
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimited(Exception):
    """Too many actions too fast; `retry_after` seconds until the next one is allowed."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"too many requests; try again in {retry_after:.1f} s")
        self.retry_after = retry_after


class RateLimiter:
    """A token bucket per key (a session id): `burst` tokens, refilled at `per_second`."""

    def __init__(self, burst: int, per_second: float, now: Callable[[], float] = time.monotonic) -> None:
        self.burst, self.per_second, self.now = burst, per_second, now
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)
        self._lock = threading.Lock()

    def hit(self, key: str) -> None:
        """Spend one token of `key`'s bucket, or raise RateLimited and spend nothing."""
        with self._lock:
            now = self.now()
            if len(self._buckets) > 10_000:  # forget sessions whose buckets are full again
                full_after = self.burst / self.per_second
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full_after}
            tokens, at = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.per_second)
            if tokens < 1:
                raise RateLimited((1 - tokens) / self.per_second)
            self._buckets[key] = (tokens - 1, now)


# A student taps a few answers in a row (changing their mind), then one every 2 s at most.
ANSWERS = RateLimiter(burst=10, per_second=0.5)
# Joining (or opening) a class: a few at once, then one every 10 s.
JOINS = RateLimiter(burst=5, per_second=0.1)

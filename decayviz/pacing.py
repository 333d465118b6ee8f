"""How often one session may run the app's script: a token bucket.

A person clicks a few times a second at most; a client asking for 20 reruns a second (a script
gone wrong, a key held down) would otherwise keep a script thread and the server's event loop
busy and stall the rest of the class. Streamlit already folds the rerun requests that arrive
while a script runs into one; making an over-eager session wait before it runs turns its flood
into a few reruns a second, while anyone clicking at a human pace never waits.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Pace:
    """`rate` runs a second on average, `burst` at once after a pause."""

    rate: float = 5.0
    burst: float = 10.0
    tokens: float = 10.0
    last: float | None = None

    def wait_before_run(self, now: float) -> float:
        """Take one run's token at time `now` (seconds); the seconds to wait before running."""
        if self.last is not None:
            self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        self.tokens -= 1.0
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate

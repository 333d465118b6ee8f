"""Benchmark the landscape page: server time of a rerun after a control change, and the size
of its figures, next to the bare one-chart reference page measured in the same run.

Also timed: the page's controls alone (bench/controls_page.py), the floor that Streamlit's
widgets set before the page does any work. Two kinds of rerun: "new scene" changes W* and α to
values not seen before by the server, so every computation and figure is built from scratch
(what the first student to ask pays); "cached scene" moves α back and forth between two values
(what every later student pays: the scene cache is shared by the whole server). The pages take
turns, round after round (bench.common.interleaved_ms), and each ratio is taken within a round.

    python bench/landscape_rerun.py [--rounds N] [--per-round N] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    REFERENCE_PAGE,
    Measure,
    back_and_forth,
    interleaved_ms,
    median,
    ratio_to,
    reference_queries,
    reruns,
    streamlit_server,
)
from decayviz.state import ALPHA_GRID, url_path

HOME = url_path("landscape")  # the root URL, where the app and its links open the page


def new_scenes() -> Iterator[str]:
    """W* and α at values the server has not seen: 79 × 79 W* positions, each α on the grid."""
    for k in itertools.count():
        wx, wy = -3.9 + 0.1 * (k % 79), 3.9 - 0.1 * (k // 79 % 79)
        yield f"wx={wx:.1f}&wy={wy:.1f}&alpha={ALPHA_GRID[1 + k % (len(ALPHA_GRID) - 1)]}"


def measure(rounds: int, per_round: int) -> dict[str, float]:
    with (
        streamlit_server(REFERENCE_PAGE) as reference_url,
        streamlit_server("bench/controls_page.py") as controls_url,
        streamlit_server() as url,
    ):
        measures = {
            "reference": Measure(reference_url, "", reference_queries()),
            "controls": Measure(controls_url, "", back_and_forth("alpha=0.5", "alpha=0.2")),
            "cached": Measure(url, HOME, back_and_forth("alpha=0.5", "alpha=0.2")),
            "fresh": Measure(url, HOME, new_scenes()),
        }
        times = interleaved_ms(measures, rounds, per_round)
        default = reruns(url, HOME, ["", ""], warmup=1)[0]
    reference = times["reference"]
    figures = {"reference_ms": median(reference)}
    for name in ("controls", "cached", "fresh"):
        figures[f"{name}_ms"] = median(times[name])
        figures[f"{name}_x"] = ratio_to(reference, times[name])
    return figures | {"figures_kb": default.chart_bytes / 1024, "message_kb": default.bytes / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--per-round", type=int, default=15, help="timed reruns per measure and round")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    args = parser.parse_args()
    m = measure(args.rounds, args.per_round)
    ref = m["reference_ms"]
    print(f"{'landscape page (median of reruns)':42s} {'server time':>12s} {'vs reference':>13s}")
    print(f"{'reference page: one slider, one chart':42s} {ref:10.1f}ms {1.0:12.2f}x")
    floor = m["controls_ms"]
    print(f"{'its controls alone (bench/controls_page.py)':42s} {floor:10.1f}ms {m['controls_x']:12.2f}x")
    print(f"{'landscape, cached scene':42s} {m['cached_ms']:10.1f}ms {m['cached_x']:12.2f}x")
    print(f"{'landscape, new scene':42s} {m['fresh_ms']:10.1f}ms {m['fresh_x']:12.2f}x")
    print(f"{'figures JSON, default scene':42s} {m['figures_kb']:10.1f}KB")
    print(f"{'everything sent for one rerun':42s} {m['message_kb']:10.1f}KB")
    print("budget: rerun <= 1.5x reference; figures <= 400 KB")
    if args.json:
        print(json.dumps({name: round(value, 2) for name, value in m.items()}))


if __name__ == "__main__":
    main()

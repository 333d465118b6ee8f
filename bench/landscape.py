"""Benchmark the landscape page: server time of a rerun after a control change, and the size
of its figures, next to the bare one-chart reference page measured in the same run.

Also timed: the page's controls alone (bench/controls_page.py), the floor that Streamlit's
widgets set before the page does any work. Two kinds of rerun: "new scene" changes W* and α to
values not seen before by the server, so every computation and figure is built from scratch
(what the first student to ask pays);
"cached scene" moves α back and forth between two values (what every later student pays:
the scene cache is shared by the whole server).

    python bench/landscape.py [--repeats N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median, reference_rerun_ms, reruns, streamlit_server
from decayviz.state import ALPHA_GRID


def controls_only_ms(repeats: int) -> list[float]:
    """The same control changes on bench/controls_page.py: the page's widgets, no work."""
    with streamlit_server("bench/controls_page.py") as url:
        return [r.ms for r in reruns(url, "", [f"alpha={0.2 if k % 2 else 0.5}" for k in range(repeats + 2)])]


def measure(repeats: int) -> dict[str, float]:
    reference = median(reference_rerun_ms(repeats))
    controls = median(controls_only_ms(repeats))
    with streamlit_server() as url:
        cached_queries = [f"alpha={0.2 if k % 2 else 0.5}" for k in range(repeats + 2)]
        cached = reruns(url, "landscape", cached_queries)
        fresh_queries = [
            f"wx={-3.9 + 0.1 * k:.1f}&alpha={ALPHA_GRID[1 + k % (len(ALPHA_GRID) - 1)]}"
            for k in range(repeats + 2)
        ]
        fresh = reruns(url, "landscape", fresh_queries)
        default = reruns(url, "landscape", ["", ""], warmup=1)[0]
    return {
        "reference_ms": reference,
        "controls_ms": controls,
        "cached_ms": median([r.ms for r in cached]),
        "fresh_ms": median([r.ms for r in fresh]),
        "figures_kb": default.chart_bytes / 1024,
        "message_kb": default.bytes / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    args = parser.parse_args()
    m = measure(args.repeats)
    ref = m["reference_ms"]
    print(f"{'landscape page (median of reruns)':42s} {'server time':>12s} {'vs reference':>13s}")
    print(f"{'reference page: one slider, one chart':42s} {ref:10.1f}ms {1.0:12.2f}x")
    floor = m["controls_ms"]
    print(f"{'its controls alone (bench/controls_page.py)':42s} {floor:10.1f}ms {floor / ref:12.2f}x")
    print(f"{'landscape, cached scene':42s} {m['cached_ms']:10.1f}ms {m['cached_ms'] / ref:12.2f}x")
    print(f"{'landscape, new scene':42s} {m['fresh_ms']:10.1f}ms {m['fresh_ms'] / ref:12.2f}x")
    print(f"{'figures JSON, default scene':42s} {m['figures_kb']:10.1f}KB")
    print(f"{'everything sent for one rerun':42s} {m['message_kb']:10.1f}KB")
    print("budget: rerun <= 1.5x reference; figures <= 400 KB")
    if args.json:
        print(json.dumps({name: round(value, 2) for name, value in m.items()}))


if __name__ == "__main__":
    main()

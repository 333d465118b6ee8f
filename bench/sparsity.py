"""Benchmark the sparsity page: server time of a rerun after a control change next to the bare
reference page (measured in the same run), the size of its figures, the time of a 100-α path on
200 features, and of the Monte Carlo over 5,000 random losses. Medians are quoted.

The page shows one section at a time; each is measured. Two kinds of rerun, as in
bench/landscape.py: "cached" moves one control back and forth between two values (every
computation is in the server's caches, as for every student after the first); "fresh" also sets
a seed not seen before, so the section's data and figure are computed from scratch (what the
first student to ask pays). The figure size is that of the section's default view.

    python bench/sparsity.py [--repeats N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median, reference_rerun_ms, reruns, streamlit_server
from decayviz.sparsity import PATH_KINDS, coefficient_path, sparsity_monte_carlo, synthetic_problem
from decayviz.state import FIELD


def timed_ms(work, repeats: int) -> float:
    """Median wall time of `work()` in ms, after one untimed call (imports, caches)."""
    work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return median(times)


# The control each section's "cached" reruns move back and forth; "fresh" reruns also change the seed.
SECTIONS = {
    "paths": ("s_alpha", (0.1, 0.2)),
    "iterations": ("s_alpha", (0.1, 0.2)),
    "montecarlo": ("s_spread", (5.0, 4.5)),
    "layer": ("s_alpha", (0.1, 0.2)),
}


def measure_page(url: str, repeats: int) -> dict[str, dict[str, float]]:
    """Median rerun times and figure sizes of each section of the page, on a running server."""
    results = {}
    for section, (name, values) in SECTIONS.items():
        view = f"s_view={section}"
        cached = reruns(url, "sparsity", [f"{view}&{name}={values[k % 2]}" for k in range(repeats + 2)])
        options = FIELD[name].options or values
        fresh = reruns(
            url,
            "sparsity",
            [f"{view}&{name}={options[k % len(options)]}&s_seed={100 + k}" for k in range(repeats + 2)],
        )
        default = reruns(url, "sparsity", [view, view], warmup=1)[0]
        results[section] = {
            "cached_ms": median([r.ms for r in cached]),
            "fresh_ms": median([r.ms for r in fresh]),
            "figure_kb": default.chart_bytes / 1024,
            "message_kb": default.bytes / 1024,
        }
    return results


def measure_library(repeats: int) -> dict[str, float]:
    problem = synthetic_problem(20, 200, 5)
    alphas = np.geomspace(1e-3, 1e2, 100)
    times = {
        f"path_{kind}_ms": timed_ms(
            lambda kind=kind: coefficient_path(problem.X, problem.y, kind, alphas), repeats
        )
        for kind in PATH_KINDS
    }
    times["montecarlo_ms"] = timed_ms(lambda: sparsity_monte_carlo(5000, seed=0), repeats)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    args = parser.parse_args()
    repeats = args.repeats
    # The reference before and after the page, so a machine growing busier mid-run biases neither.
    before = reference_rerun_ms(repeats)
    with streamlit_server() as url:
        page = measure_page(url, repeats)
    reference = median(before + reference_rerun_ms(repeats))
    library = measure_library(repeats)

    columns = (("cached", 8), ("vs ref", 7), ("fresh", 8), ("vs ref", 7), ("figure", 9))
    print(f"{'sparsity page, medians':34s}" + "".join(f" {name:>{width}s}" for name, width in columns))
    print(f"{'reference page (one slider, chart)':34s} {reference:6.1f}ms {1.0:6.2f}x")
    for section, m in page.items():
        print(
            f"{'section ' + section:34s} {m['cached_ms']:6.1f}ms {m['cached_ms'] / reference:6.2f}x "
            f"{m['fresh_ms']:6.1f}ms {m['fresh_ms'] / reference:6.2f}x {m['figure_kb']:7.1f}KB"
        )
    for kind in PATH_KINDS:
        print(f"{'coefficient_path, 100 α, 20 × 200, ' + kind:52s} {library[f'path_{kind}_ms']:7.1f}ms")
    print(f"{'Monte Carlo, 5,000 random losses':52s} {library['montecarlo_ms']:7.1f}ms")
    print("budgets: rerun <= 2x reference; figures <= 600 KB; path <= 200 ms; Monte Carlo <= 500 ms")
    if args.json:
        rounded = {section: {k: round(v, 2) for k, v in m.items()} for section, m in page.items()}
        figures = {"reference_ms": round(reference, 2), "sections": rounded}
        print(json.dumps(figures | {name: round(ms, 2) for name, ms in library.items()}))


if __name__ == "__main__":
    main()

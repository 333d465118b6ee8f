"""Benchmark the sparsity page: server time of a rerun after a control change next to the bare
reference page, the size of its figures, the time of a 100-α path on 200 features, and of the
Monte Carlo over 5,000 random losses. Medians are quoted.

The page shows one section at a time; each is measured. Two kinds of rerun, as in
bench/landscape_rerun.py: "cached" moves one control back and forth between two values (every
computation is in the server's caches, as for every student after the first); "fresh" also sets
a seed not seen before, so the section's data and figure are computed from scratch (what the
first student to ask pays). The reference page and the sections take turns, round after round
(bench.common.interleaved_ms), and each ratio is taken within a round. The figure size is that
of the section's default view.

    python bench/sparsity_rerun.py [--rounds N] [--per-round N] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

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


def cached_queries(section: str) -> Iterator[str]:
    name, (first, second) = SECTIONS[section]
    return back_and_forth(f"s_view={section}&{name}={first}", f"s_view={section}&{name}={second}")


def fresh_queries(section: str) -> Iterator[str]:
    """Seeds never seen before (the seed runs to 999: enough for 50 rounds of 15)."""
    name, values = SECTIONS[section]
    options = getattr(FIELD[name], "options", ()) or values  # a select slider's grid, else the pair
    return (
        f"s_view={section}&{name}={options[k % len(options)]}&s_seed={100 + k}" for k in itertools.count()
    )


def measure_page(rounds: int, per_round: int) -> tuple[float, dict[str, dict[str, float]]]:
    """The reference page's median rerun, and each section's: median rerun times, their ratios
    to the reference round by round, and the size of the section's default figure."""
    with streamlit_server(REFERENCE_PAGE) as reference_url, streamlit_server() as url:
        measures = {"reference": Measure(reference_url, "", reference_queries())}
        for section in SECTIONS:
            measures[f"{section} cached"] = Measure(url, "sparsity", cached_queries(section))
            measures[f"{section} fresh"] = Measure(url, "sparsity", fresh_queries(section))
        times = interleaved_ms(measures, rounds, per_round)
        sizes = {s: reruns(url, "sparsity", [f"s_view={s}"] * 2, warmup=1)[0] for s in SECTIONS}
    reference = times["reference"]
    results = {}
    for section, default in sizes.items():
        cached, fresh = times[f"{section} cached"], times[f"{section} fresh"]
        results[section] = {
            "cached_ms": median(cached),
            "cached_x": ratio_to(reference, cached),
            "fresh_ms": median(fresh),
            "fresh_x": ratio_to(reference, fresh),
            "figure_kb": default.chart_bytes / 1024,
            "message_kb": default.bytes / 1024,
        }
    return median(reference), results


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
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--per-round", type=int, default=15, help="timed reruns per measure and round")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    args = parser.parse_args()
    reference, page = measure_page(args.rounds, args.per_round)
    library = measure_library(args.per_round)

    columns = (("cached", 8), ("vs ref", 7), ("fresh", 8), ("vs ref", 7), ("figure", 9))
    print(f"{'sparsity page, medians':34s}" + "".join(f" {name:>{width}s}" for name, width in columns))
    print(f"{'reference page (one slider, chart)':34s} {reference:6.1f}ms {1.0:6.2f}x")
    for section, m in page.items():
        print(
            f"{'section ' + section:34s} {m['cached_ms']:6.1f}ms {m['cached_x']:6.2f}x "
            f"{m['fresh_ms']:6.1f}ms {m['fresh_x']:6.2f}x {m['figure_kb']:7.1f}KB"
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

"""Run every benchmark in bench/, each in its own process (so each starts clean), echo what it
prints, and end with one markdown table of the figures next to their budgets, with the date and
the machine, and write that table into bench/README.md (between its "figures" markers) unless
--only or --no-write is given.

    python bench/run_all.py            # the full runs (about 18 minutes on 2 cores)
    python bench/run_all.py --quick    # fewer repeats, shorter load tests (about 6 minutes)
    python bench/run_all.py --only classroom_load --only scale_out
    python bench/run_all.py --list     # the commands it would run, running none

Each script ends with one JSON line (landscape, sparsity, training and page_load with --json);
scale_out prints a line of text, read with a regular expression. A script that fails or whose figures
cannot be read is marked in the table and makes the exit status 1; a figure over its budget is
marked but is not a failure (benchmarks report, they do not judge).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

# One figure of the table: its label, its value (formatted), its budget, whether it holds.
Row = tuple[str, str, str, bool | None]


@dataclass(frozen=True)
class Benchmark:
    name: str
    script: str
    full: tuple[str, ...]
    quick: tuple[str, ...]
    rows: Callable[[str], list[Row]]  # the script's output -> rows of the table


def last_json(output: str) -> dict:
    """The last line of `output` that is a JSON object."""
    for line in reversed(output.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON line in the output")


def landscape_rows(output: str) -> list[Row]:
    m = last_json(output)
    floor = m["controls_x"]
    measured = f"{m['controls_ms']:.0f} ms ({floor:.2f}× reference)"
    rows: list[Row] = [("landscape controls alone, no work (the floor)", measured, "—", None)]
    for kind, label in (("cached", "cached scene"), ("fresh", "new scene")):
        ratio = m[f"{kind}_x"]
        measured = f"{m[f'{kind}_ms']:.0f} ms ({ratio:.2f}× reference)"
        rows.append((f"landscape rerun, {label}", measured, "≤ 1.5× reference", ratio <= 1.5))
    size = m["figures_kb"]
    rows.append(("landscape figures, default scene", f"{size:.0f} KB", "≤ 400 KB", size <= 400))
    return rows


def sparsity_rows(output: str) -> list[Row]:
    m = last_json(output)
    rows: list[Row] = []
    for section, figures in m["sections"].items():
        cached, fresh = figures["cached_x"], figures["fresh_x"]
        measured = f"{figures['cached_ms']:.0f} / {figures['fresh_ms']:.0f} ms ({cached:.2f}× / {fresh:.2f}×)"
        rows.append((f"sparsity rerun, {section} (cached / new)", measured, "≤ 2× reference", cached <= 2.0))
    size = max(figures["figure_kb"] for figures in m["sections"].values())
    rows.append(("sparsity figures, largest section", f"{size:.0f} KB", "≤ 600 KB", size <= 600))
    paths = {key[5:-3]: ms for key, ms in m.items() if key.startswith("path_")}  # path_<kind>_ms
    measured = " / ".join(f"{ms:.0f}" for ms in paths.values()) + " ms"
    what = f"coefficient path, 100 α, 20 × 200 ({' / '.join(paths)})"
    rows.append((what, measured, "≤ 200 ms", max(paths.values()) <= 200))
    carlo = m["montecarlo_ms"]
    rows.append(("Monte Carlo, 5,000 losses", f"{carlo:.0f} ms", "≤ 500 ms", carlo <= 500))
    return rows


def training_rows(output: str) -> list[Row]:
    m = last_json(output)
    what = f"{m['models']} α batched vs one after another ({m['epochs']} epochs)"
    measured = f"{m['batched_s']:.2f} s vs {m['sequential_s']:.2f} s ({m['ratio']:.1f}×)"
    return [(what, measured, "≥ 8× faster", m["ratio"] >= 8.0)]


def classroom_rows(output: str) -> list[Row]:
    m = last_json(output)
    students = "students as in class" if m.get("model", "class") == "class" else "every control random"
    pages = ", ".join(m["pages"])
    what = f"classroom load: {m['sessions']} sessions, {m['duration_s']:.0f} s, {pages}, {students}"
    if m.get("trainers"):
        what += f", {m['trainers']} of them training"
    if m.get("flooders"):
        what += f", {m['flooders']} more sessions flooding it with reruns (their times not counted)"
    measured = f"p50 {m['p50_ms']:.0f} ms, p95 {m['p95_ms']:.0f} ms, max {m['max_ms']:.0f} ms"
    rows: list[Row] = [
        (what, f"{measured} ({m['reruns']} reruns)", "p95 ≤ 1000 ms", m["p95_ms"] <= 1000),
        ("classroom load: errors", str(m["errors"]), "0", m["errors"] == 0),
    ]
    if m.get("trainers"):
        measured = (
            f"{m['trainings']} runs, p50 {m['training_p50_s']:.1f} s, max {m['training_max_s']:.1f} s; "
            f"{m['trainings_queued']} told to wait; at most {m['trainings_at_once']} at once"
        )
        budget = f"≤ {m['training_limit']} at once"
        holds = m["trainings_at_once"] <= m["training_limit"]
        rows.append(("trainings under load (press → done)", measured, budget, holds))
    return rows


def answering_rows(output: str) -> list[Row]:
    m = last_json(output)
    what = f"a class of {m['students']} phones answers one question ({m['store']}, {m['processes']} process"
    what += "es)" if m["processes"] > 1 else ")"
    measured = (
        f"{m['counted']} counted of {m['students']}, each once: {m['exactly_once']}; {m['errors']} errors; "
        f"p50 {m['answer_p50_ms']:.0f} ms, p95 {m['answer_p95_ms']:.0f} ms, max {m['answer_max_ms']:.0f} ms; "
        f"teacher current {m['teacher_lag_s']} s after the last answer"
    )
    lag = m["teacher_lag_s"]
    current = lag is not None and lag <= 2
    holds = m["exactly_once"] and m["errors"] == 0 and m["answer_p95_ms"] <= 1000 and current
    return [(what, measured, "each once, 0 errors, p95 ≤ 1 s, teacher ≤ 2 s", holds)]


def class_follow_rows(output: str) -> list[Row]:
    m = last_json(output)
    what = (
        f"a class follows the teacher: Next clicked → the question on each of {m['students']} phones "
        f"({m['rounds']} questions, headless Chromium, load {m['load_average']:.1f})"
    )
    measured = f"median {m['median_s']:.2f} s, p95 {m['p95_s']:.2f} s, worst {m['max_s']:.2f} s"
    return [(what, measured, f"every screen ≤ {m['budget_s']:g} s", m["max_s"] <= m["budget_s"])]


def training_memory_rows(output: str) -> list[Row]:
    m = last_json(output)
    left_over, per_queued = m["budget_left_over_mb"], m["budget_per_queued_mb"]
    measured = (
        f"RSS {m['before_mb']:.0f} MB before, {m['peak_mb']:.0f} MB at the peak, {m['after_mb']:.0f} MB "
        f"after the grace period: {m['returned_mb']:.1f} MB left over"
    )
    what = f"memory: {m['sessions_trained']} sessions each train a sweep, then close their tab"
    rows: list[Row] = [(what, measured, f"within {left_over:g} MB", m["returned_mb"] <= left_over)]
    measured = f"RSS grew {m['queued_rss_mb']:.1f} MB: {m['per_queued_mb']:.2f} MB each"
    what = f"memory: {m['queued']} of {m['sessions_queued']} requests waiting in line"
    rows.append((what, measured, f"≤ {per_queued:g} MB each", m["per_queued_mb"] <= per_queued))
    return rows


def first_train_rows(output: str) -> list[Row]:
    m = last_json(output)
    fresh = f"fresh server, default scene ({m['rounds']} rounds)"
    budget, impatient = m["budget_s"], m["impatient_s"]
    what = f"{fresh}: Train pressed at once → done, PyTorch's import included"
    rows: list[Row] = [(what, f"{impatient:.2f} s", f"≤ {budget:g} s", impatient <= budget)]
    for key, what in (
        ("invited_s", "Train pressed once the page shows the curves → done"),
        ("curves_after_open_s", "first page opened → network page shows the curves"),
    ):
        rows.append((f"{fresh}: {what}", f"{m[key]:.2f} s", "—", None))
    return rows


def page_load_rows(output: str) -> list[Row]:
    m = last_json(output)
    budget, figure_budget = m["budget_x"], m["budget_figure_kb"]
    ratios = f"reference {m['reference_ms']:.0f} ms; "
    ratios += f"landscape {m['landscape_x']:.2f}×, sparsity {m['sparsity_x']:.2f}×"
    figures = f"{m['figure_kb_default']:.0f} / {m['figure_kb_l1_zero']:.0f} KB"
    return [
        (
            f"open a page → its first drawn chart, headless Chromium ({m['rounds']} rounds)",
            ratios,
            f"≤ {budget:g}× reference",
            max(m["landscape_x"], m["sparsity_x"]) <= budget,
        ),
        (
            "landscape figure JSON with the α frames: default / L1-zero scene",
            figures,
            f"≤ {figure_budget:g} KB",
            max(m["figure_kb_default"], m["figure_kb_l1_zero"]) <= figure_budget,
        ),
    ]


def fresh_load_rows(output: str) -> list[Row]:
    m = last_json(output)
    on, off = m["fresh_x_warm_up_on"], m["fresh_x_warm_up_off"]
    return [
        (
            f"fresh server: first landscape chart vs a fresh reference page ({m['rounds']} rounds, "
            f"load {m['load_average']:.1f})",
            f"{on:.2f}× with the warm-up, {off:.2f}× without",
            f"≤ {m['budget_x']:g}× with the warm-up",
            on <= m["budget_x"],
        )
    ]


STICKY = re.compile(r"sticky per browser: (\w+); backends reached by \d+ browsers: (\d+)")
THROUGH_NGINX = re.compile(
    r"through nginx: (\d+) reruns, (\d+) errors, p50 ([\d.]+) ms, p95 ([\d.]+) ms, max ([\d.]+) ms"
)


def scale_out_rows(output: str) -> list[Row]:
    sticky, load = STICKY.search(output), THROUGH_NGINX.search(output)
    if not (sticky and load):
        raise ValueError("no 'sticky per browser' or 'through nginx' line in the output")
    reruns, errors = int(load[1]), int(load[2])
    p50, p95, top = (float(x) for x in load.groups()[2:])
    holds = sticky[1] == "True" and int(sticky[2]) >= 2
    measured = f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {top:.0f} ms ({reruns} reruns, {errors} errors)"
    return [
        (
            "scale-out: processes behind nginx",
            f"sticky: {sticky[1]}, backends reached: {sticky[2]}",
            "sticky, all reached",
            holds,
        ),
        (
            "scale-out: worst case through nginx, 2 processes",
            measured,
            "p95 ≤ 1000 ms, 0 errors",
            p95 <= 1000 and errors == 0,
        ),
    ]


QUICK_RERUNS = ("--json", "--rounds", "3", "--per-round", "7")
BENCHMARKS = (
    Benchmark("landscape", "landscape_rerun.py", ("--json",), QUICK_RERUNS, landscape_rows),
    Benchmark("sparsity", "sparsity_rerun.py", ("--json",), QUICK_RERUNS, sparsity_rows),
    Benchmark("training", "training.py", ("--json",), ("--json", "--repeats", "2"), training_rows),
    Benchmark(
        "classroom_load",
        "classroom_load.py",
        ("--sessions", "30", "--duration", "60"),
        ("--sessions", "30", "--duration", "20"),
        classroom_rows,
    ),
    Benchmark(
        "classroom_load_training",
        "classroom_load.py",
        ("--sessions", "30", "--duration", "60", "--trainers", "4"),
        ("--sessions", "30", "--duration", "20", "--trainers", "4"),
        classroom_rows,
    ),
    Benchmark(
        "classroom_load_all_pages",
        "classroom_load.py",
        ("--sessions", "30", "--duration", "60", "--page", "all"),
        ("--sessions", "30", "--duration", "20", "--page", "all"),
        classroom_rows,
    ),
    Benchmark(
        "classroom_load_worst_case",
        "classroom_load.py",
        ("--sessions", "30", "--duration", "60", "--model", "random"),
        ("--sessions", "30", "--duration", "20", "--model", "random"),
        classroom_rows,
    ),
    Benchmark(
        "classroom_load_flooders",
        "classroom_load.py",
        ("--sessions", "30", "--duration", "60", "--page", "all", "--flooders", "2", "--trainers", "4"),
        ("--sessions", "30", "--duration", "20", "--page", "all", "--flooders", "2", "--trainers", "4"),
        classroom_rows,
    ),
    Benchmark("classroom_answering", "classroom_load.py", ("--answering",), ("--answering",), answering_rows),
    Benchmark(
        "classroom_answering_nginx",
        "classroom_load.py",
        ("--answering", "--processes", "2"),
        ("--answering", "--processes", "2"),
        answering_rows,
    ),
    Benchmark(
        "scale_out",
        "scale_out.py",
        ("--sessions", "30", "--duration", "60", "--model", "random"),
        ("--sessions", "30", "--duration", "15", "--model", "random"),
        scale_out_rows,
    ),
    Benchmark(
        "training_memory",
        "training_memory.py",
        ("--queued", "40", "--trained", "30"),
        ("--queued", "20", "--trained", "10"),
        training_memory_rows,
    ),
    Benchmark(
        "class_follow",
        "class_follow.py",
        ("--json",),
        ("--json", "--students", "3", "--rounds", "4"),
        class_follow_rows,
    ),
    Benchmark("first_train", "first_train.py", ("--rounds", "5"), ("--rounds", "2"), first_train_rows),
    Benchmark("page_load", "page_load.py", ("--json",), ("--json", "--rounds", "5"), page_load_rows),
    Benchmark(
        "page_load_fresh",
        "page_load.py",
        ("--fresh", "5", "--json"),
        ("--fresh", "2", "--json"),
        fresh_load_rows,
    ),
)


def command(benchmark: Benchmark, quick: bool) -> list[str]:
    return [sys.executable, str(BENCH / benchmark.script), *(benchmark.quick if quick else benchmark.full)]


def run(benchmark: Benchmark, quick: bool) -> tuple[str, int, float]:
    """Run one benchmark script, echoing its output as it comes; (output, exit code, seconds)."""
    argv = command(benchmark, quick)
    print(f"\n=== {benchmark.name}: {' '.join(argv[1:])}", flush=True)
    start = time.monotonic()
    lines = []
    with subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True, bufsize=1) as proc:
        for line in proc.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    return "".join(lines), proc.returncode, time.monotonic() - start


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> str:
    """One line: cores, CPU model, and the versions that matter."""
    model = platform.processor() or "unknown CPU"
    with Path("/proc/cpuinfo").open(encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Streamlit {version('streamlit')}, "
        f"torch {version('torch')}, plotly {version('plotly')}, numpy {version('numpy')}"
    )


def table(rows: list[Row], quick: bool) -> str:
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d")
    lines = [
        f"Measured {today}{' (quick runs)' if quick else ''} with `python bench/run_all.py"
        f"{' --quick' if quick else ''}` on {machine()}.",
        "",
        "| what | measured | budget | holds |",
        "| --- | --- | --- | --- |",
    ]
    marks = {True: "yes", False: "**no**", None: "—"}
    lines += [f"| {what} | {value} | {budget} | {marks[ok]} |" for what, value, budget, ok in rows]
    return "\n".join(lines)


README = BENCH / "README.md"
START, END = "<!-- figures:start", "<!-- figures:end -->"


def write_table(figures: str) -> None:
    """Replace the table between bench/README.md's markers: one current table, never a diary."""
    text = README.read_text()
    head, rest = text.split(START, 1)
    marker_line, _ = rest.split("\n", 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}{marker_line}\n{figures}\n{END}{tail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and shorter load tests")
    names = [b.name for b in BENCHMARKS]
    parser.add_argument("--only", action="append", choices=names, help="run only these (repeatable)")
    parser.add_argument("--list", action="store_true", help="print the commands it would run, and run none")
    parser.add_argument("--no-write", action="store_true", help="do not write bench/README.md")
    args = parser.parse_args()
    chosen = [b for b in BENCHMARKS if not args.only or b.name in args.only]
    if args.list:
        for benchmark in chosen:
            print(f"{benchmark.name}: {' '.join(command(benchmark, args.quick)[1:])}")
        return

    rows: list[Row] = []
    failed = []
    for benchmark in chosen:
        output, code, seconds = run(benchmark, args.quick)
        print(f"=== {benchmark.name}: exit {code} after {seconds:.0f} s", flush=True)
        try:
            if code != 0:
                raise RuntimeError(f"exit {code}")
            rows += benchmark.rows(output)
        except (RuntimeError, ValueError, KeyError, json.JSONDecodeError) as problem:
            failed.append(benchmark.name)
            rows.append((f"{benchmark.name}: did not finish or could not be read", str(problem), "—", False))

    figures = table(rows, args.quick)
    print("\n" + figures)
    if not (args.only or args.no_write):
        write_table(figures)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

"""bench/run_all.py runs every benchmark in bench/: checked through its --list, which runs none
(the benchmarks themselves are too heavy for a test, and tests never import bench/)."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def benchmarks() -> set[str]:
    """The scripts of bench/ one runs: those with an `if __name__ == "__main__":` (the others are
    helpers and the pages the benchmarks serve), run_all itself aside."""
    found = set()
    for path in BENCH.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.If) and "__main__" in ast.unparse(node.test) for node in tree.body):
            found.add(path.name)
    return found - {"run_all.py"}


def listed(*options: str) -> str:
    command = [sys.executable, str(BENCH / "run_all.py"), "--list", *options]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.mark.parametrize("options", [(), ("--quick",)])
def test_run_all_runs_every_benchmark(options):
    commands = listed(*options)
    assert {"first_train.py", "page_load.py", "training_memory.py"} <= benchmarks()  # the scan sees them
    assert set(re.findall(r"bench/(\w+\.py)", commands)) == benchmarks()
    assert "--flooders" in commands  # classroom_load's scenarios: flooding clients too
    # the class's budget with flooders and trainers together, and first visits to fresh servers
    assert re.search(r"classroom_load\.py .*--flooders 2 --trainers 4", commands)
    assert re.search(r"page_load\.py --fresh \d+ --json", commands)


def test_run_all_only_runs_what_it_is_asked():
    commands = listed("--only", "page_load", "--only", "first_train").splitlines()
    assert [line.split(":")[0] for line in commands] == ["first_train", "page_load"]

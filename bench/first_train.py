"""The network page on a freshly started server: how soon it shows curves, and how long the
default scene's Train takes to finish, PyTorch's import included.

For each round a new `streamlit run` starts; a teacher's browser opens the app (the landscape,
at the root: the first page served starts PyTorch's import in the background), goes to the
network page, and presses Train on the default scene either at once ("impatient") or once the
page shows the default scene's curves ("as the page invites"). Times are from the press to the
run's end (Stop off again), medians over the rounds. Budget: ≤ 2.5 s. Prints one JSON line.

    python bench/first_train.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from decayviz.i18n import t
from tests.support.server import streamlit_server
from tests.support.streamlit_client import StreamlitSession
from tests.support.training_session import train

BUDGET_S = 2.5  # Train pressed at once on a fresh server → done, PyTorch's import included


async def first_train(url: str, wait_for_curves: bool) -> dict:
    async with StreamlitSession(url, timeout=120) as session:
        opened = time.perf_counter()
        await session.rerun("", "")
        page = await session.rerun("network", "")
        curves_s = None
        default_caption = t("network.default_scene", "en")[:30]
        while wait_for_curves and not (page.chart_bytes and page.shows(default_caption)):
            await asyncio.sleep(0.1)
            page = await session.rerun("network", "")
        if page.chart_bytes:
            curves_s = time.perf_counter() - opened
        run = await train(session, 0.05, time.monotonic() + 120)
        assert run.done, run
        return {"train_s": run.seconds, "curves_s": curves_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    figures: dict[str, list[float]] = {"impatient_s": [], "invited_s": [], "curves_after_open_s": []}
    for _ in range(args.rounds):
        for wait_for_curves in (False, True):
            with streamlit_server() as url:
                measured = asyncio.run(first_train(url, wait_for_curves))
            key = "invited_s" if wait_for_curves else "impatient_s"
            figures[key].append(measured["train_s"])
            if wait_for_curves:
                figures["curves_after_open_s"].append(measured["curves_s"])
    medians = {key: round(statistics.median(values), 2) for key, values in figures.items()}
    print(f"{'fresh server, default scene':44s} {'median s':>9s}  (each round)")
    for key, label in (
        ("curves_after_open_s", "first page opened → network page shows curves"),
        ("impatient_s", "Train pressed at once → done"),
        ("invited_s", "Train pressed once curves show → done"),
    ):
        rounds = ", ".join(f"{v:.2f}" for v in figures[key])
        print(f"{label:44s} {medians[key]:9.2f}  ({rounds})")
    print(json.dumps({**medians, "rounds": args.rounds, "budget_s": BUDGET_S}))


if __name__ == "__main__":
    main()

"""Shared by the AppTest modules: opening a page as a link would, and the checks that what a page
shows is finite and within the table."""

from __future__ import annotations

import functools
import json
import math
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest

from decayviz.figures import decode
from decayviz.state import FIELD, url_path

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 120  # seconds for one script run: a first run imports plotly and builds every figure


# A server looks for installed Streamlit components once (reading every installed package's
# metadata, 0.2–0.3 s of CPU); AppTest does it again for every new AppTest, about 300 times a
# suite. The tests' sessions share one registry, as a server's sessions do. AppTest takes it in a
# private attribute (tests/test_streamlit_private.py fails by name if that changes).
COMPONENTS_ATTRIBUTE = "_bidi_component_manager"


@functools.cache
def components() -> BidiComponentManager:
    """The installed components, looked for once per test process."""
    registry = BidiComponentManager()
    registry.discover_and_register_components(start_file_watching=False)
    return registry


def new_session() -> AppTest:
    """An AppTest of the app, sharing the component registry of the tests' earlier sessions."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if COMPONENTS_ATTRIBUTE not in vars(at):
        raise RuntimeError(f"AppTest has no {COMPONENTS_ATTRIBUTE} any more: update tests/helpers.py")
    setattr(at, COMPONENTS_ATTRIBUTE, components())
    return at


def open_page(page: str = "landscape", query: dict | None = None, lang: str | None = None) -> AppTest:
    """A fresh session opened on a link to `page` with `query` (and ?lang=), as a browser
    would: the first run is already on the page (the first page is the root's: no switch). The
    run must end without an exception."""
    at = new_session()
    for key, value in {**(query or {}), **({"lang": lang} if lang else {})}.items():
        at.query_params[key] = value
    if url_path(page):
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


# Text no control accepts as it is: non-finite and overflowing numbers, markup, unicode, junk.
HOSTILE_VALUES = (
    "nan",
    "NaN",
    "-nan",
    "inf",
    "-inf",
    "Infinity",
    "1e999",
    "-1e999",
    "1e-999",
    "1e308",
    "-1e308",
    "4.9e-324",
    "9" * 400,
    "",
    " ",
    "x" * 5000,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "**bold** [link](javascript:alert(1))",
    "한국어",
    "α=0.5",
    "🙂",
    "\u202e0.5",
    "\x00",
    "１２",
    "٣",
    "0x10",
    "1_000",
    "0.1.2",
    "1,2,,3",
    ",,,",
    "nan,inf,1e999",
    "-0",
    "True",
    "None",
    "[1, 2]",
    "%00",
    "../../etc/passwd",
)


# the widgets the table's fields are drawn with, and the language switch's radio
WIDGETS = (*sorted({f.widget for f in FIELD.values() if f.widget}), "radio")


def wait_until(condition, what: str, timeout: float = 30.0, poll: float = 0.05):
    """Poll `condition()` every `poll` seconds until it returns something true, and return that;
    fail saying `what` did not happen after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, what
        time.sleep(poll)
    return value


def run_async(coroutine, timeout: float = 240):
    """Run a coroutine in a thread of its own: Playwright's sync API (the browser tests) keeps an
    event loop running in the main thread, where asyncio.run would refuse to start another."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, asyncio.wait_for(coroutine, timeout)).result()


def one_decay_step_from_rest() -> dict[str, np.ndarray]:
    """torch.optim's AdamW and Adam, one step from W = (1, −2) with a zero gradient, lr 0.1 and
    weight_decay 0.4: what the AdamW sentences on both pages quote."""
    import torch

    steps = {}
    for make in (torch.optim.AdamW, torch.optim.Adam):
        w = torch.nn.Parameter(torch.tensor([1.0, -2.0], dtype=torch.float64))
        w.grad = torch.zeros(2, dtype=torch.float64)
        make([w], lr=0.1, weight_decay=0.4).step()
        steps[make.__name__] = w.detach().numpy()
    return steps


def shown_controls(at: AppTest) -> dict[str, Any]:
    """The table's widgets on screen and enabled, by field name."""
    shown = {}
    for kind in WIDGETS:
        for widget in at.get(kind):
            key = widget.key or ""
            if key.startswith("ctl_") and key[4:] in FIELD and not widget.disabled:
                shown[key[4:]] = widget
    return shown


def assert_finite(spec_json: str) -> None:
    """No NaN or infinity anywhere in a chart: neither as JSON tokens nor inside typed arrays,
    except the gaps of a trace that draws many lines (NaN at the same places in its x and y)."""

    def refuse(token):
        raise AssertionError(f"{token} in a chart")

    def walk(node):
        if isinstance(node, dict):
            if "bdata" in node:
                assert np.all(np.isfinite(decode(node))), "a typed array in a chart is not finite"
                return
            if isinstance(node.get("x"), dict) and isinstance(node.get("y"), dict) and "bdata" in node["y"]:
                x, y = decode(node["x"]), decode(node["y"])
                assert np.array_equal(np.isnan(x), np.isnan(y)), "gaps in x and y differ"
                assert np.all(np.isfinite(x[~np.isnan(x)])) and np.all(np.isfinite(y[~np.isnan(y)]))
                node = {key: value for key, value in node.items() if key not in ("x", "y")}
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, float):
            assert math.isfinite(node), f"{node} in a chart"

    walk(json.loads(spec_json, parse_constant=refuse))


def assert_charts_finite(at) -> None:
    """Every plotly chart an AppTest run drew is finite."""
    for chart in at.get("plotly_chart"):
        assert_finite(chart.proto.spec)


def assert_valid_values(values: dict[str, Any], cleared: bool = False) -> None:
    """Every field of the table has a valid value in `values` (a session's or parse's)."""
    for name, field in FIELD.items():
        assert name in values, f"{name} has no value"
        assert field.is_valid(values[name], cleared), f"{name} = {values[name]!r} is outside the table"


def chart_text(spec_json: str) -> str:
    """A chart's JSON with non-ASCII text as itself, whichever JSON engine plotly used (orjson
    writes "▶ 재생", the standard library writes "\\u25b6 \\uc7ac\\uc0dd")."""
    return json.dumps(json.loads(spec_json), ensure_ascii=False)


def metrics(at) -> dict[str, str]:
    """The page's readout table (a markdown table: labels, then bold values) as a dict."""
    table = next(m.value for m in at.markdown if m.value.startswith("| "))
    header, _, values = table.splitlines()
    cells = [c.strip() for c in header.strip("|").split("|")]
    shown = [c.strip().strip("*") for c in values.strip("|").split("|")]
    return dict(zip(cells, shown, strict=True))


# Every AppTest session has the same id, so the tests' trainings share one owner in the
# server's worker pool (decayviz.ui.training.service()).
APPTEST_OWNER = "test session id"


def session_run():
    """The AppTest session's training job (decayviz.training.worker.Job), or None."""
    from decayviz.ui import training

    return training.service().job(APPTEST_OWNER)


def forget_session_run() -> None:
    """Drop the AppTest sessions' training job (they all share one owner): a test that needs a
    session without a run of its own starts with none, whatever ran before it in this process."""
    from decayviz.ui import training

    training.service().release(APPTEST_OWNER)


def wait_for_run(at, timeout: float = 120.0):
    """Wait until the session's training has finished, then run the page again (in a browser,
    the page's live view does that by itself); returns the job."""
    wait_until(lambda: session_run().finished, "the training did not finish", timeout, poll=0.02)
    at.run()
    return session_run()


def torch_importer(app: str, page: str | None) -> str:
    """Open `page` of the app (None: the default) in a fresh interpreter and return the name of
    the thread that imported torch, once one has (the page's script ran first) or the background
    warm-up has finished without it; the interpreter then exits without waiting for the warm-up's
    training of the default scene."""
    import subprocess
    import sys

    code = f"""
import importlib.abc, os, sys, threading, time
seen = []
class Watch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "torch" and not seen:
            seen.append(threading.current_thread().name)
        return None
sys.meta_path.insert(0, Watch())
from decayviz.ui import training
training.WARM_UP_MAX_WAIT_S = 0.0  # the test's own processes keep the machine busy: no waiting
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({app!r}, default_timeout=120)
at.run()
if {page!r}:
    at.switch_page({page!r})
    at.run()
assert not at.exception, at.exception
deadline = time.monotonic() + 90
while not seen and training.default_pending():
    assert time.monotonic() < deadline
    time.sleep(0.05)
print(seen[0] if seen else "nobody", flush=True)
os._exit(0)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=180
    )
    return out.stdout.strip().splitlines()[-1]


# Runs each script given as an argument as `python script.py` would (runpy, __name__ ==
# "__main__"), one after another in one interpreter, so torch is imported once for all of them;
# prints each script's last printed line.
RUN_SCRIPTS = """
import contextlib, io, runpy, sys
for path in sys.argv[1:]:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        runpy.run_path(path, run_name="__main__")
    print(printed.getvalue().strip().splitlines()[-1])
"""


def run_scripts(paths) -> list[str]:
    """The last line each reproduction script printed, all run in one fresh interpreter."""
    output = subprocess.run(
        [sys.executable, "-c", RUN_SCRIPTS, *map(str, paths)], capture_output=True, text=True, check=True,
        timeout=300,
    )  # fmt: skip
    return output.stdout.strip().splitlines()

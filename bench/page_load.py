"""Benchmark opening a page in a real browser: the time from navigation to the page's first
drawn chart, for the landscape and sparsity pages next to the bare reference page
(bench/reference_page.py), in headless Chromium. Also the landscape figure's size with its α
frames.

Each load is a new browser context (a new session, nothing cached in the browser), timed by
the page itself: performance.now() (milliseconds since navigation started) at the first
animation frame in which the page's first plotly chart shows a drawn trace. The pages take turns within each
round, in a shuffled order, and each ratio is taken within a round (these machines swing by 2×
within a minute); medians are quoted. The first load of each page is untimed: it fills the
server's caches, which every later student shares.

With --fresh N it measures first visits instead: N rounds, each the first load of the reference
page and of the landscape, each on a server of its own just started (in alternating order), with
the app's warm-up (PyTorch and the network page's default scene, started by the first page once
the machine is quiet) on and, in as many rounds more, switched off (DECAYVIZ_WARM_UP=0); medians
of the per-round ratios.

    python bench/page_load.py [--rounds N] [--json]
    python bench/page_load.py --fresh 3 [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import REFERENCE_PAGE, median, streamlit_server

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
# The page's first chart, drawn where the student sees it: Streamlit first draws a chart that
# fills its box hidden (display: none) at a default size, then again at the box's size.
FIRST_DRAWN_CHART = """() => {
    const chart = document.querySelector('[data-testid="stPlotlyChart"]');
    const trace = chart && chart.querySelector('.main-svg g.trace path');
    return trace && trace.getClientRects().length ? performance.now() : null;
}"""
BUDGET = 1.3  # a page's first chart within 1.3× the reference page's
FRESH_BUDGET = 1.35  # on a fresh server, the landscape's first chart within 1.35× a fresh reference's
FIGURE_BUDGET_KB = 400  # the landscape figure with its α frames


def load_ms(browser, url: str, viewport: dict) -> float:
    """Milliseconds from navigation to the first drawn chart, in a fresh context."""
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        return float(page.wait_for_function(FIRST_DRAWN_CHART, polling="raf", timeout=60_000).json_value())
    finally:
        context.close()


def landscape_figure_kb() -> dict[str, float]:
    """The landscape figure's JSON size (with its step and α frames) for two scenes."""
    from decayviz.figures.landscape import landscape_figure
    from decayviz.scene import build_scene
    from decayviz.scenes import PRESETS
    from decayviz.state import defaults

    sizes = {}
    for name, scene in (("default", {}), ("l1_zero", PRESETS["landscape"]["l1_zero"])):
        figure = landscape_figure(build_scene({**defaults("landscape"), **scene}), "en")
        sizes[f"figure_kb_{name}"] = len(json.dumps(figure, separators=(",", ":"))) / 1024
    return sizes


def measure(rounds: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    viewport = {"width": 1366, "height": 768}
    with (
        streamlit_server(REFERENCE_PAGE) as reference_url,
        streamlit_server() as app_url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        pages = {
            "reference": f"{reference_url}/",
            "landscape": f"{app_url}/?lang=en",
            "sparsity": f"{app_url}/sparsity?lang=en",
        }
        for url in pages.values():
            load_ms(browser, url, viewport)  # fills the server's caches; untimed
        times: dict[str, list[float]] = {name: [] for name in pages}
        load = []
        rng = random.Random(0)
        for _ in range(rounds):
            order = list(pages)
            rng.shuffle(order)
            for name in order:
                times[name].append(load_ms(browser, pages[name], viewport))
            load.append(os.getloadavg()[0])
        browser.close()
    figures = {f"{name}_ms": median(values) for name, values in times.items()}
    for name in ("landscape", "sparsity"):
        ratios = [m / r for m, r in zip(times[name], times["reference"], strict=True)]
        figures[f"{name}_x"] = median(ratios)
    return figures | {"load_average": median(load), "rounds": rounds} | landscape_figure_kb()


def first_visit_ms(browser, script: str, query: str, viewport: dict) -> float:
    """The first load of a page on a server of its own, just started (nothing else running)."""
    with streamlit_server(script) as url:
        return load_ms(browser, f"{url}/{query}", viewport)


def measure_fresh(rounds: int) -> dict[str, float]:
    """First visits to fresh servers: per round, a new reference server and a new app server
    (warm-up on, then in another round off), each page's first load in a new context. Each server
    runs alone, so that neither server's start nor the app's warm-up lands in the other's load."""
    from playwright.sync_api import sync_playwright

    viewport = {"width": 1366, "height": 768}
    times: dict[str, list[float]] = {"on": [], "off": [], "reference_on": [], "reference_off": []}
    load = []
    pages = {"reference": (REFERENCE_PAGE, ""), "landscape": ("app.py", "?lang=en")}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for round_ in range(rounds):
            for warm_up in ("on", "off"):
                os.environ["DECAYVIZ_WARM_UP"] = "1" if warm_up == "on" else "0"
                order = list(pages) if round_ % 2 == 0 else list(reversed(pages))
                measured = {name: first_visit_ms(browser, *pages[name], viewport) for name in order}
                times[warm_up].append(measured["landscape"])
                times[f"reference_{warm_up}"].append(measured["reference"])
                load.append(os.getloadavg()[0])
        os.environ.pop("DECAYVIZ_WARM_UP")
        browser.close()
    figures = {f"fresh_{name}_ms": median(values) for name, values in times.items()}
    for warm_up in ("on", "off"):
        ratios = [m / r for m, r in zip(times[warm_up], times[f"reference_{warm_up}"], strict=True)]
        figures[f"fresh_x_warm_up_{warm_up}"] = median(ratios)
    return figures | {"load_average": median(load), "rounds": rounds}


def main_fresh(rounds: int, as_json: bool) -> None:
    m = measure_fresh(rounds)
    heading = f"{'first visit to a fresh server (median)':48s}"
    print(f"{heading} {'landscape':>10s} {'reference':>10s} {'ratio':>7s}")
    for warm_up in ("on", "off"):
        print(
            f"{'warm-up ' + warm_up:48s} {m[f'fresh_{warm_up}_ms']:8.0f}ms "
            f"{m[f'fresh_reference_{warm_up}_ms']:8.0f}ms {m[f'fresh_x_warm_up_{warm_up}']:6.2f}x"
        )
    print(f"rounds: {m['rounds']} fresh server pairs each, load average (median): {m['load_average']:.1f}")
    print(f"budget: with the warm-up, first chart <= {FRESH_BUDGET}x a fresh reference's")
    if as_json:
        print(json.dumps({**{name: round(value, 2) for name, value in m.items()}, "budget_x": FRESH_BUDGET}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--fresh", type=int, metavar="N", help="first visits to N fresh servers instead")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    args = parser.parse_args()
    if shutil.which("chromium") is None:
        sys.exit("no chromium on PATH: this benchmark needs a real browser")
    if args.fresh:
        main_fresh(args.fresh, args.json)
        return
    m = measure(args.rounds)
    print(f"{'open a page, to its first drawn chart (median)':48s} {'time':>9s} {'vs reference':>13s}")
    print(f"{'reference page: one slider, one chart':48s} {m['reference_ms']:7.0f}ms {1.0:12.2f}x")
    print(f"{'landscape (main chart, α frames)':48s} {m['landscape_ms']:7.0f}ms {m['landscape_x']:12.2f}x")
    print(f"{'sparsity (paths)':48s} {m['sparsity_ms']:7.0f}ms {m['sparsity_x']:12.2f}x")
    print(f"{'landscape figure JSON, default scene':48s} {m['figure_kb_default']:7.1f}KB")
    print(f"{'landscape figure JSON, L1-zero scene (inset)':48s} {m['figure_kb_l1_zero']:7.1f}KB")
    print(f"rounds: {m['rounds']}, load average during them (median): {m['load_average']:.1f}")
    print(f"budget: first chart <= {BUDGET}x reference; landscape figure <= {FIGURE_BUDGET_KB} KB")
    if args.json:
        budgets = {"budget_x": BUDGET, "budget_figure_kb": FIGURE_BUDGET_KB}
        print(json.dumps({**{name: round(value, 2) for name, value in m.items()}, **budgets}))


if __name__ == "__main__":
    main()

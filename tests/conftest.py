"""Shared fixtures: a real `streamlit run` server and a headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from support.server import streamlit_server

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Tabs of the app share one renderer process: a test's new tab then costs Chromium a third of
    # the CPU of a new tab in a process of its own (one renderer draws one page at a time anyway,
    # and a worker drives its tabs one after another).
    "--process-per-site",
    # Glyphs at fractional positions, as the full browser (and a phone) places them: the headless
    # shell otherwise rounds each glyph's advance to a whole pixel, and a label measures up to a
    # few pixels wider or narrower than a student's browser draws it.
    "--font-render-hinting=none",
    # No V8 code cache: Playwright's contexts are off the record, where Chromium keeps no code
    # cache, yet V8 still produced one for every module of every page load (v8.produceModuleCache,
    # ~160 ms of the renderer's main thread per load of ~1.5 s, in a trace). What a page runs is
    # the same either way.
    "--blink-settings=v8CacheOptions=1",
]
SCREENSHOTS = ROOT / "tests" / "screenshots"
# Review images of the pages (tests/screenshots/, to look at after changing a page at the three
# screens): each costs Chromium about a second, so they are taken when asked for, with
# DECAYVIZ_SCREENSHOTS=1. No test reads them.
TAKE_SCREENSHOTS = os.environ.get("DECAYVIZ_SCREENSHOTS") == "1"


def shoot(target, name: str, full_page: bool = False) -> None:
    """Save a review image of a tab or an element as tests/screenshots/`name`, if asked for."""
    if TAKE_SCREENSHOTS:
        SCREENSHOTS.mkdir(exist_ok=True)
        target.screenshot(path=str(SCREENSHOTS / name), **({"full_page": True} if full_page else {}))


# torch on one thread in every test process and in the servers they start: the app's engine
# uses one (decayviz.training.options.TORCH_THREADS), and the tests run side by side (xdist), where
# a second thread of each would only wait for a core.
os.environ.setdefault("OMP_NUM_THREADS", "1")

# Classes opened by tests (and by the app servers they start, which inherit this) go to a
# throwaway SQLite file, never to the working folder's .decayviz/ or a teacher's real classes.
if "DECAYVIZ_DATABASE_URL" not in os.environ:
    TEST_CLASSES = Path(tempfile.mkdtemp(prefix="decayviz-tests-")) / "classes.db"
    os.environ.setdefault("DECAYVIZ_CLASS_DB", str(TEST_CLASSES))


def pytest_collection_modifyitems(items) -> None:
    """Modules marked `long` first, each in its own order: xdist's workers take the first third
    of the tests each and then share out what is left from the ends of their lists, so a test of
    tens of seconds near the end of a list was started last and ran alone at the end of the
    suite (35 s of one busy core out of two)."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(scope="session")
def app_url():
    """Base URL of the app served by a real `streamlit run` for this test session."""
    with streamlit_server() as url:
        yield url


# Chromium's headless shell (Debian's chromium-headless-shell: the same engine without the
# browser's windows, tabs strip and profile) draws the app's pages for about a quarter less CPU
# than the full browser run headless; the full one serves when the shell is not installed.
CHROMIUMS = ("chromium-headless-shell", "chromium", "chromium-browser")


@pytest.fixture(scope="session")
def browser():
    """Headless system Chromium; browser tests are skipped loudly when there is none."""
    chromium = next(filter(None, map(shutil.which, CHROMIUMS)), None)
    if chromium is None:
        if os.environ.get("DECAYVIZ_REQUIRE_BROWSER") == "1":
            pytest.fail("no chromium on PATH but DECAYVIZ_REQUIRE_BROWSER=1")
        pytest.skip("NO BROWSER: chromium is not on PATH; browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# The screens a browser test opens the app on, by name: a tab is (width, height), a phone's
# context also emulates a phone (is_mobile, touch).
SCREEN_SIZES = {"wide": (1400, 1000), "laptop": (1366, 768), "projector": (1024, 768), "phone": (390, 844)}


def context_kind(screen: str | tuple[int, int]) -> str:
    """Which of the pool's contexts a screen's tab comes from: "phone" or "desktop"."""
    return "phone" if screen == "phone" else "desktop"


def empty(tab) -> None:
    """Leave a tab as a new one: what the page kept cleared (Streamlit keeps the sidebar's state
    in the browser), on about:blank (which disconnects the app's session), motion as by default."""
    if tab.url.startswith("http"):
        tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    tab.goto("about:blank")
    tab.emulate_media(reduced_motion="no-preference")


class TabPool:
    """Browser tabs kept open across the session's tests, in one desktop and one phone context.

    The first page a new tab opens costs the browser about 3 s of CPU (a new renderer compiles
    Streamlit's and plotly's scripts); the next one in the same tab about 1.6 s. A test borrows a
    tab at the size it names and gives it back emptied of what the page stored (Streamlit keeps
    the sidebar's state in the browser) and on about:blank, which keeps the tab warm and
    disconnects the app's session (a training run it left goes on for the grace period, as when
    a student leaves, then stops). A tab
    that a test closed, or that listens to events, is not taken back. Class mode's tests, whose
    cookie makes a teacher, make contexts of their own.
    """

    def __init__(self, browser) -> None:
        self.browser = browser
        self.contexts: dict[str, object] = {}
        self.free: dict[str, list] = {"desktop": [], "phone": []}

    def borrow(self, screen: str | tuple[int, int]):
        kind = context_kind(screen)
        width, height = SCREEN_SIZES[screen] if isinstance(screen, str) else screen
        if kind not in self.contexts:
            phone = kind == "phone"
            self.contexts[kind] = self.browser.new_context(
                viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
            )
        tab = self.free[kind].pop() if self.free[kind] else self.contexts[kind].new_page()
        tab.set_viewport_size({"width": width, "height": height})
        tab.pool_kind = kind
        return tab

    def give_back(self, tab, clean: bool = True) -> None:
        if tab.is_closed():
            return
        kind = tab.pool_kind
        try:
            empty(tab)
        except Exception:  # a tab that will not leave the page is not worth keeping
            clean = False
        if clean:
            self.free[kind].append(tab)
        else:
            tab.close()

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="session")
def tab_pool(browser):
    pool = TabPool(browser)
    yield pool
    pool.close()


@pytest.fixture
def tab_at(tab_pool):
    """tab_at(screen) -> a warm tab at the named screen ("wide", "laptop", "projector", "phone")
    or at (width, height) on a desktop, given back to the pool after the test;
    tab_at(screen, fresh=True) for one that will listen to events (closed after)."""
    borrowed = []

    def borrow(screen: str | tuple[int, int] = "wide", fresh: bool = False):
        tab = tab_pool.borrow(screen)
        borrowed.append((tab, not fresh))
        return tab

    yield borrow
    for tab, clean in borrowed:
        tab_pool.give_back(tab, clean)


@pytest.fixture
def page(tab_at):
    """A browser tab, 1400×1000 like a projector."""
    return tab_at("wide")


def wait_for_app(tab, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished running the script and drawn something."""
    tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    tab.wait_for_selector('[data-testid="stMain"]', timeout=timeout_ms)


# A phone's sidebar has slid in: its left edge at the screen's (a click while it slides may miss
# its target, and a language or scene never chosen leaves a test waiting for a rerun)
SIDEBAR_IN_PLACE = "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().left >= 0"
# What a phone's page says about its sidebar (decayviz.ui.a11y.FOLD_JS), for a failure's message.
FOLD_STATE = """() => ({url: location.search, lang: document.documentElement.lang,
    folded: window.dvFolded ?? null,
    collapsed: document.querySelector('[data-testid=stSidebar]')?.getAttribute('data-collapsed'),
    sidebarLeft: document.querySelector('[data-testid=stSidebar]')?.getBoundingClientRect().left,
    collapseButton: !!document.querySelector('[data-testid=stSidebarCollapseButton] button'),
    scriptState: document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state'),
    alerts: [...document.querySelectorAll('[data-testid=stAlert], [data-testid=stException]')]
        .map((e) => e.innerText)})"""


def open_sidebar(tab) -> None:
    """Open a phone's folded sidebar and wait until it has slid into place."""
    tab.get_by_test_id("stExpandSidebarButton").click()
    try:
        tab.wait_for_function(SIDEBAR_IN_PLACE)
    except PlaywrightTimeout:  # say what the page shows
        raise AssertionError(f"the sidebar did not open: {tab.evaluate(FOLD_STATE)}") from None


# Every visible chart drawn at its box's size: plotly lays a chart out once more after Streamlit
# sizes its box (and after a resize), so geometry read before that is stale.
CHARTS_SETTLED = """() => {
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .filter((chart) => chart.getBoundingClientRect().width > 0);
    return charts.length > 0 && charts.every((chart) => {
        const svg = chart.querySelector('.main-svg');
        const [drawn, box] = [svg?.getBoundingClientRect(), chart.getBoundingClientRect()];
        return svg && Math.abs(drawn.width - box.width) < 2 && Math.abs(drawn.height - box.height) < 2;
    });
}"""


def wait_for_charts(tab, timeout_ms: int = 60_000) -> None:
    """Wait until the app has run, its fonts are in (text set in a fallback font is wider: a row
    of buttons may wrap, and everything under it move down) and every visible chart is drawn at
    the size of its box."""
    wait_for_app(tab, timeout_ms)
    tab.wait_for_function("document.fonts.status === 'loaded'", timeout=timeout_ms)
    tab.wait_for_function(CHARTS_SETTLED, timeout=timeout_ms)


# Where a reveal leaves its answer and its picture, the chart in the box `key`: the answer's first
# line (the element after the reveal's script), the bottom of Streamlit's header (drawn over the
# page's top), the bottom of the chart's first plot area and the screen's height.
REVEAL_GEOMETRY = """(key) => {
    const marker = document.querySelector('.dv-play');
    const answer = marker.closest('[data-testid="stElementContainer"]').nextElementSibling;
    const plot = document.querySelector(`.st-key-${key} .nsewdrag`);
    return {answer: answer.getBoundingClientRect().top, plot: plot.getBoundingClientRect().bottom,
            header: document.querySelector('[data-testid="stHeader"]').getBoundingClientRect().bottom,
            screen: window.innerHeight};
}"""
SETTLED = f"""(last) => {{ const now = JSON.stringify(({REVEAL_GEOMETRY})(last.key));
    const same = now === last.value; last.value = now; return same && JSON.parse(now); }}"""


def revealed_geometry(tab, key: str) -> dict:
    """REVEAL_GEOMETRY once the reveal's script has placed the answer and the picture (it waits
    for the page to settle, then scrolls it, smoothly) and the page stands still again."""
    shown = tab.wait_for_function("() => document.body.dataset.dvRevealShown", timeout=30_000).json_value()
    assert shown == "placed", "the page did not settle within 10 s of the reveal: nothing was placed"
    return tab.wait_for_function(
        SETTLED, arg={"value": "", "key": key}, polling=250, timeout=30_000
    ).json_value()


def tap(page, fx: float, fy: float) -> None:
    """Tap the question's chart at a fraction of its plot area (from the top left)."""
    plot = page.locator('[data-testid="stPlotlyChart"]').first.locator(".nsewdrag").first
    box = None
    while box is None:  # None (or detached) if the chart is redrawn between the wait and the measure
        plot.wait_for()
        try:
            plot.scroll_into_view_if_needed()  # a phone's tap chart may start below the fold
        except PlaywrightTimeout:
            raise
        except PlaywrightError:  # detached: redrawn meanwhile
            continue
        box = plot.bounding_box()
    page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])


def tap_until_answered(page, fx: float, fy: float, taps: int = 3) -> None:
    """Tap until the page shows the answer, as a student would tap again: on a busy machine a
    tap that lands while the chart is being redrawn (the class's poll) can be lost."""
    for attempt in range(taps):
        tap(page, fx, fy)
        try:
            page.get_by_text("Your answer: ").first.wait_for(timeout=15_000)
            return
        except PlaywrightTimeout:
            if attempt == taps - 1:
                raise

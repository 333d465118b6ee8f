"""Shared fixtures: a real `streamlit run` server and a headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from support.server import streamlit_server

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "tests" / "screenshots"

# Classes opened by tests (and by the app servers they start, which inherit this) go to a
# throwaway SQLite file, never to the working folder's .decayviz/ or a teacher's real classes.
if "DECAYVIZ_DATABASE_URL" not in os.environ:
    TEST_CLASSES = Path(tempfile.mkdtemp(prefix="decayviz-tests-")) / "classes.db"
    os.environ.setdefault("DECAYVIZ_CLASS_DB", str(TEST_CLASSES))


@pytest.fixture(scope="session")
def app_url():
    """Base URL of the app served by a real `streamlit run` for this test session."""
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless system Chromium; browser tests are skipped loudly when there is none."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if os.environ.get("DECAYVIZ_REQUIRE_BROWSER") == "1":
            pytest.fail("no chromium on PATH but DECAYVIZ_REQUIRE_BROWSER=1")
        pytest.skip("NO BROWSER: chromium is not on PATH; browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab, 1400×1000 like a projector; screenshots go to tests/screenshots/."""
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    yield tab
    context.close()


def wait_for_app(tab, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished running the script and drawn something."""
    tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    tab.wait_for_selector('[data-testid="stMain"]', timeout=timeout_ms)

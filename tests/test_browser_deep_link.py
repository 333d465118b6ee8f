"""A link straight to a page, as the very first request to a fresh server, runs through app.py.

With a folder named pages/ beside the entry point, Streamlit 1.67 starts a server in its legacy
multipage mode and serves a deep link by running the page script alone (no language switch, no
wide layout) until some session opens the root. The pages live in app_pages/ for that reason.
"""

import re

import pytest
from conftest import shoot, wait_for_app
from support.server import free_port, streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def port():
    """One port for the module's fresh servers, one after the other: the browser then keeps
    Streamlit's scripts (and their compiled code) from the first server's page for the next."""
    return free_port()


@pytest.mark.parametrize("path", ["landscape", "sparsity", "network"])
def test_first_request_is_a_deep_link(page, path, port, monkeypatch):
    # The network page's default scene, trained in the background, is no part of this test.
    monkeypatch.setenv("DECAYVIZ_WARM_UP", "0")
    with streamlit_server(port=port) as url:  # a fresh server: this is its very first request
        page.goto(f"{url}/{path}?lang=ko")
        wait_for_app(page)
        page.get_by_text("한국어").first.wait_for(timeout=30_000)  # the language switch: app.py ran
        assert re.search("[가-힣]", page.locator("h1").first.inner_text())  # and read lang=ko
        assert page.get_by_text("Page not found").count() == 0
        assert "lang=ko" in page.url
        current = page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]')
        assert current.count() == 1  # the page list marks the page shown (/landscape included)
        assert page.locator('[data-testid="stException"]').count() == 0
        shoot(page, f"deep_link_{path}.png")
        page.goto("about:blank")  # before the server stops: no reconnecting to the next one

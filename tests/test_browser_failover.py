"""Scale-out: two app processes behind nginx (deploy/nginx.conf.template). When the backend a
browser is on dies, the browser reconnects through nginx to the other one and shows the same
scene again, read from its URL.

What it loses (and the README says so): whatever lived only in the dead process's session — a
network trained on the network page (it must train again), an open share dialog, an animation's
position. Everything a link carries comes back.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal

import pytest
from conftest import shoot, wait_for_app
from support.nginx import nginx
from support.server import streamlit_server

pytestmark = pytest.mark.browser

SCENE = "penalty=l1&alpha=2.0&opt=proximal&lr=0.2&lang=ko"


@pytest.fixture
def two_backends_behind_nginx():
    if shutil.which("nginx") is None and shutil.which("nginx", path="/usr/sbin") is None:
        if os.environ.get("DECAYVIZ_REQUIRE_BROWSER") == "1":
            pytest.fail("nginx is not installed (scripts/test.sh installs it with apt-get)")
        pytest.skip("NO NGINX: apt-get install nginx")
    with contextlib.ExitStack() as stack:
        backends = [stack.enter_context(streamlit_server()) for _ in range(2)]
        front = stack.enter_context(nginx([b.removeprefix("http://") for b in backends]))
        yield front, backends


def slider_values(tab) -> list[str]:
    return tab.locator('[data-testid="stSlider"] [role="slider"]').evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('aria-valuetext') || n.getAttribute('aria-valuenow'))"
    )


def test_a_killed_backend_sends_its_students_to_the_other_with_their_scene(
    browser, two_backends_behind_nginx
):
    front, backends = two_backends_behind_nginx
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    try:
        tab.goto(f"{front}/?{SCENE}")
        wait_for_app(tab)
        tab.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
        before = slider_values(tab)
        served_by = context.request.get(f"{front}/_stcore/health").headers["x-decayviz-backend"]
        [dead] = [b for b in backends if b.removeprefix("http://") == served_by]
        os.kill(dead.pid, signal.SIGKILL)

        app = tab.locator('[data-testid="stApp"]')
        tab.wait_for_function(  # the page noticed: it is no longer connected
            "() => document.querySelector('[data-testid=stApp]').dataset.testConnectionState !== 'CONNECTED'",
            timeout=30_000,
        )
        states = {app.get_attribute("data-test-connection-state")}
        tab.wait_for_function(  # and came back, through nginx, to the other backend
            "() => document.querySelector('[data-testid=stApp]').dataset.testConnectionState === 'CONNECTED'",
            timeout=60_000,
        )
        wait_for_app(tab)
        tab.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
        survivor = context.request.get(f"{front}/_stcore/health").headers["x-decayviz-backend"]
        assert survivor != served_by, states
        assert slider_values(tab) == before  # the same scene, from the URL
        shoot(tab, "failover_after.png")
        assert "alpha=2.0" in tab.url and "lang=ko" in tab.url
        assert tab.locator('[data-testid="stException"]').count() == 0
        assert tab.get_by_text("2차원 손실 지형").count() >= 1  # still in Korean
    finally:
        context.close()

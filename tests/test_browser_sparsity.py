"""In a real browser: every section of the sparsity page draws its chart, Play animates the descents
without a rerun while the still parts stay drawn, a scene button works in Korean, and no exception
shows."""

import time

import pytest
from conftest import shoot, wait_for_app, wait_for_charts
from helpers import wait_until

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"]'
EXCEPTION = '[data-testid="stException"]'


def open_sparsity(page, app_url: str, query: str = "") -> None:
    """Open the page the way a shared link does."""
    page.goto(f"{app_url}/sparsity{query}")
    wait_for_app(page)
    page.wait_for_selector(f"{CHART} .main-svg")
    wait_for_charts(page)


def descent_state(chart) -> dict:
    """What the descent chart shows: its line paths, its bars, and where the first marker is."""
    markers = chart.locator("g.scatterlayer g.trace").nth(-3).locator("path.point")
    return {
        "lines": chart.locator("g.scatterlayer path.js-line").count(),
        "bars": chart.locator("g.barlayer g.point").count(),
        "marker": markers.first.bounding_box(),
        "text": chart.locator("g.scatterlayer g.textpoint").first.text_content(),
    }


def test_play_animates_the_descents(page, app_url):
    open_sparsity(page, app_url, "?s_view=iterations")
    shoot(page, "sparsity_iterations_page.png")
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    time.sleep(0.5)
    before = descent_state(chart)
    assert before["lines"] == 3 and before["bars"] > 0
    shoot(chart, "sparsity_descent_before_play.png")

    chart.get_by_text("▶ Play", exact=True).click()

    def gone_back():
        now = descent_state(chart)
        return now if now["marker"]["x"] < before["marker"]["x"] - 50 else None

    during = wait_until(gone_back, "the descents never went back to their start")
    shoot(chart, "sparsity_descent_playing.png")
    assert during["text"] != before["text"]  # the count of exact zeros follows the frames
    assert during["lines"] == before["lines"] and during["bars"] == before["bars"]  # nothing vanished

    # ~45 frames of 80 ms (longer on a busy machine): the marker ends where the descents end
    wait_until(lambda: abs(descent_state(chart)["marker"]["x"] - before["marker"]["x"]) < 2, "no end", 60)
    time.sleep(0.5)  # and stays
    after = descent_state(chart)
    shoot(chart, "sparsity_descent_after_play.png")
    assert abs(after["marker"]["x"] - before["marker"]["x"]) < 2 and after["text"] == before["text"]
    assert after["lines"] == before["lines"] and after["bars"] == before["bars"]
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("view", ["paths", "montecarlo", "layer"])
def test_every_section_draws(page, app_url, view):
    open_sparsity(page, app_url, f"?s_view={view}")
    assert page.locator(CHART).count() == 1
    shoot(page, f"sparsity_{view}_page.png")
    shoot(page.locator(CHART).first, f"sparsity_{view}.png")
    assert page.locator(EXCEPTION).count() == 0


def test_korean_page_and_a_scene_button(page, app_url):
    open_sparsity(page, app_url, "?lang=ko")
    assert page.get_by_text("많은 가중치: L1이 정확한 0을 만드는 곳").count() == 1
    page.get_by_test_id("stButtonGroup").get_by_text("원형 손실 함수 (Parr의 66%)", exact=True).click()
    page.wait_for_function("location.search.includes('s_shape=circular')", polling=100)  # run's end
    wait_for_app(page)
    wait_for_charts(page)
    assert "s_shape=circular" in page.url
    share = page.locator('[data-testid="stMarkdown"] table tbody td').first.inner_text()
    assert 60 < float(share.rstrip("%")) < 72  # Parr reports 66% for circular losses
    page.locator(CHART).first.scroll_into_view_if_needed()
    shoot(page, "sparsity_korean_circular.png")
    assert page.locator(EXCEPTION).count() == 0

"""In a real browser: every section of the sparsity page draws its chart, Play animates the descents
without a rerun while the still parts stay drawn, a scene button works in Korean, and no exception
shows."""

import time

import pytest
from conftest import revealed_geometry, shoot, wait_for_app, wait_for_charts
from support.chart_text import under_the_modebar

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"]'
EXCEPTION = '[data-testid="stException"]'


def open_sparsity(page, app_url: str, query: str = "") -> None:
    """Open the page the way a shared link does."""
    page.goto(f"{app_url}/sparsity{query}")
    wait_for_app(page)
    page.wait_for_selector(f"{CHART} .main-svg")
    wait_for_charts(page)


# What the descent chart shows: its line paths, its bars, where the first marker is and the first
# text mark (the count of exact zeros). Read in the page, one call per look: a busy machine's
# browser then spends its time on the animation, not on answering a test's many small queries.
DESCENT_STATE = """() => {
    const chart = document.querySelector('[data-testid="stPlotlyChart"]');
    const traces = chart.querySelectorAll('g.scatterlayer g.trace');
    const marker = traces[traces.length - 3].querySelector('path.point').getBoundingClientRect();
    return {lines: chart.querySelectorAll('g.scatterlayer path.js-line').length,
            bars: chart.querySelectorAll('g.barlayer g.point').length,
            marker: {x: marker.x, y: marker.y},
            text: chart.querySelector('g.scatterlayer g.textpoint').textContent};
}"""


def wait_for_state(page, condition: str, x: float) -> dict:
    """The descent chart's state once `condition` (JavaScript on `state` and `x`) holds."""
    check = f"(x) => {{ const state = ({DESCENT_STATE})(); return ({condition}) ? state : null; }}"
    return page.wait_for_function(check, arg=x, polling=100, timeout=60_000).json_value()


def test_play_animates_the_descents(page, app_url):
    open_sparsity(page, app_url, "?s_view=iterations")
    shoot(page, "sparsity_iterations_page.png")
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    before = wait_for_state(page, "true", 0)
    assert before["lines"] == 3 and before["bars"] > 0
    shoot(chart, "sparsity_descent_before_play.png")

    chart.get_by_text("▶ Play", exact=True).click()
    during = wait_for_state(page, "state.marker.x < x - 50", before["marker"]["x"])  # back at the start
    shoot(chart, "sparsity_descent_playing.png")
    assert during["text"] != before["text"]  # the count of exact zeros follows the frames
    assert during["lines"] == before["lines"] and during["bars"] == before["bars"]  # nothing vanished

    # ~45 frames of 80 ms (longer on a busy machine): the marker ends where the descents end
    wait_for_state(page, "Math.abs(state.marker.x - x) < 2", before["marker"]["x"])
    time.sleep(0.5)  # and stays
    after = page.evaluate(DESCENT_STATE)
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


@pytest.mark.parametrize("screen", ["projector", "phone"])
def test_a_revealed_count_shows_its_answer_and_the_paths(tab_at, app_url, screen):
    """'How many zeros under L1?' stands above the section picker and the paths: revealed on a
    phone (scrolled down to answer, as a student does), the paths' plot began at 804 px of 844.
    The reveal brings the answer's first line under the header and the plot onto the screen."""
    tab = tab_at(screen)
    tab.goto(f"{app_url}/sparsity?lang=en")
    wait_for_app(tab)
    tab.get_by_text("How many zeros under L1?").click()
    tab.locator(".st-key-predict_number input").fill("3")
    tab.locator(".st-key-predict_number").get_by_role("button", name="Answer").click()
    tab.get_by_text("Your answer: ").first.wait_for()
    reveal = tab.get_by_role("button", name="Reveal the answer")
    reveal.scroll_into_view_if_needed()
    tab.mouse.wheel(0, 2000)  # as far down as the page goes
    reveal.click()
    tab.get_by_text("The answer, computed from this scene").first.wait_for()
    geometry = revealed_geometry(tab, "section_chart")
    assert geometry["plot"] <= geometry["screen"], geometry
    assert geometry["answer"] >= geometry["header"], geometry
    shoot(tab, f"sparsity_revealed_{screen}.png")


@pytest.mark.parametrize("screen", ["projector", "laptop"])
@pytest.mark.parametrize("view", ["paths", "iterations", "montecarlo", "layer"])
def test_the_modebar_leaves_the_panel_titles_readable(tab_at, app_url, view, screen):
    """A teacher pointing at a chart brings up plotly's modebar over its top right corner: at
    1024 and 1366 px it covered the top 18 px of the title "Elastic net, l1_ratio = 0.5", which
    wraps to three lines for a phone's narrow panels."""
    tab = tab_at(screen)
    open_sparsity(tab, app_url, f"?s_view={view}&lang=en")
    assert under_the_modebar(tab, ".st-key-section_chart") == []

"""In a real browser: the landscape page renders, Play animates the descent, the filled
contours stay drawn while and after it runs, and no Streamlit exception appears."""

import time

import numpy as np
import pytest
from conftest import revealed_geometry, shoot, tap_until_answered, wait_for_app, wait_for_charts
from playwright.sync_api import expect
from support.chart_text import measured

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"]'
BANDS = "g.scatterlayer path.js-fill"  # the filled contour bands of the data loss


# Pixel position of the animated head: the main plot's last scatter trace's single point. Read in
# the page, one call per look (a busy machine's browser then spends its time on the animation).
HEAD = """() => {
    const traces = document.querySelector('[data-testid="stPlotlyChart"]')
        .querySelectorAll('g.subplot.xy g.scatterlayer g.trace');
    const box = traces[traces.length - 1].querySelector('path.point').getBoundingClientRect();
    return [box.x, box.y];
}"""


def head_position(page) -> tuple[float, float]:
    return tuple(page.evaluate(HEAD))


def wait_for_head(page, condition: str, end: tuple[float, float]) -> tuple[float, float]:
    """The head's position once `condition` (JavaScript on `at` and `end`) holds."""
    check = f"(end) => {{ const at = ({HEAD})(); return ({condition}) ? at : null; }}"
    return tuple(page.wait_for_function(check, arg=list(end), polling=100, timeout=60_000).json_value())


def test_play_keeps_the_contours(page, app_url):
    page.goto(f"{app_url}/landscape?penalty=l1&alpha=2.0&opt=proximal&lang=en")
    wait_for_app(page)
    page.wait_for_selector(f"{CHART} .main-svg")
    wait_for_charts(page)
    bands_before = page.locator(CHART).first.locator(BANDS).count()
    assert bands_before >= 10
    end = head_position(page)
    shoot(page, "landscape_before_play.png", full_page=True)

    page.get_by_text("▶ Play").click()
    during = wait_for_head(page, "at[0] !== end[0] || at[1] !== end[1]", end)
    shoot(page, "landscape_playing.png")
    assert during != end  # the head went back to the start and is moving, without a rerun
    assert page.locator(CHART).first.locator(BANDS).count() == bands_before

    at_the_end = "Math.abs(at[0] - end[0]) < 2 && Math.abs(at[1] - end[1]) < 2"
    wait_for_head(page, at_the_end, end)  # 60 frames of 50 ms later
    time.sleep(0.3)  # and stays there
    shoot(page, "landscape_after_play.png", full_page=True)
    assert page.locator(CHART).first.locator(BANDS).count() == bands_before
    at = head_position(page)
    assert abs(at[0] - end[0]) < 2 and abs(at[1] - end[1]) < 2
    assert page.locator('[data-testid="stException"]').count() == 0


def test_korean_page_and_a_scene_button(page, app_url):
    page.goto(f"{app_url}/landscape?lang=ko")
    wait_for_app(page)
    page.get_by_test_id("stButtonGroup").get_by_text("Adam+L2 vs AdamW", exact=True).click()
    page.wait_for_function("location.search.includes('opt=adamw')", polling=100)
    wait_for_app(page)
    page.wait_for_selector(f"{CHART} .main-svg")
    assert "opt=adamw" in page.url  # the address bar follows the scene
    assert page.get_by_text("AdamW 상자").count() >= 1
    shoot(page, "landscape_ko_adamw.png", full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_diverging_learning_rate_shows_a_message(page, app_url):
    page.goto(f"{app_url}/landscape?lr=2.0")
    wait_for_app(page)
    page.wait_for_selector(f"{CHART} .main-svg")
    alerts = page.locator('[data-testid="stAlertContentError"]')
    assert alerts.filter(has_text="Diverged at step").count() == 1  # one message, in an error box
    shoot(page, "landscape_diverged.png", full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0


DRAWN_TICKS = """() => {
    const [main, terms] = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')];
    return {
        slider: main._fullLayout.sliders[0]._dims.labelSteps.map(s => s.step.label),
        t: terms._fullLayout.yaxis3._vals.map(v => v.x),
        loss: terms._fullLayout.yaxis._vals.map(v => v.text),
    };
}"""


def test_slider_labels_and_t_ticks_are_round(page, app_url):
    """The step slider's labels plotly.js chose to draw, and the trade-off's t axis: round numbers
    (0, 14, 27, … and 0, 0.439, 0.878, … before); the loss axis in powers of ten (it read "100μ",
    with μ the momentum on this page)."""
    page.goto(f"{app_url}/landscape?steps=800&lang=en")
    wait_for_app(page)
    page.wait_for_selector(f"{CHART} .main-svg")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 2")
    drawn = page.evaluate(DRAWN_TICKS)
    labels = [int(label) for label in drawn["slider"]]
    assert len(labels) >= 3 and all(label % 20 == 0 for label in labels), labels  # stops every 20 steps
    ticks = drawn["t"]
    spacing = ticks[1] - ticks[0]
    mantissa = spacing / 10 ** np.floor(np.log10(spacing))
    assert ticks[0] == 0 and any(np.isclose(mantissa, m) for m in (1, 2, 2.5, 5)), ticks
    page.goto(f"{app_url}/landscape?alpha=0.01&lang=en")  # the loss falls to 10⁻⁴ at a small α
    wait_for_app(page)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 2")
    loss = page.evaluate(DRAWN_TICKS)["loss"]
    assert "10<sup>−4</sup>" in loss and not any(prefix in text for text in loss for prefix in "μmk"), loss


# The α slider's rail: the second slider of the main chart (the first is the step slider).
ALPHA_RAIL = f"{CHART} >> nth=0 >> rect.slider-rail-rect >> nth=1"


ALPHA_SCREENS = [  # (screen, presentation view, language)
    ("projector", "0", "en"),
    ("projector", "1", "ko"),
    ("projector", "1", "en"),
    ("phone", "0", "ko"),
]


@pytest.mark.parametrize(("screen", "present", "lang"), ALPHA_SCREENS)
def test_the_alpha_sliders_long_value_stays_clear_of_the_step_ticks(tab_at, app_url, screen, present, lang):
    """Moved off the page's α, the α slider says that the path drawn is still the page's run:
    its longest value, in the presentation view's larger type too, lies under the step slider's
    numbers, not on them (it ran through them, in the presentation view unreadably), and within
    a phone's chart."""
    tab = tab_at(screen)
    tab.goto(f"{app_url}/?present={present}&lang={lang}")
    wait_for_charts(tab)
    tab.locator(ALPHA_RAIL).scroll_into_view_if_needed()
    rail = tab.locator(ALPHA_RAIL).bounding_box()
    for fraction in (0.02, 0.98):  # the smallest α and the largest: the longest values
        tab.mouse.click(rail["x"] + fraction * rail["width"], rail["y"] + rail["height"] / 2)
        tab.wait_for_function(
            f"() => document.querySelector('{CHART} .js-plotly-plot')._fullLayout.sliders[1].active "
            f"{'< 2' if fraction < 0.5 else '> 15'}"
        )
        found = measured(tab)
        assert found["problems"] == [], found["problems"]


def answer_the_question(tab, question: str) -> None:
    """Pick `question` and answer it: its first choice, or a tap on its chart."""
    tab.get_by_text(question).click()
    if question == "Where does the descent end?":
        tap_until_answered(tab, 0.6, 0.4)
    else:
        tab.get_by_text("Neither is ever exactly 0", exact=True).click()
        tab.get_by_text("Your answer: ").first.wait_for()


@pytest.mark.parametrize("screen", ["projector", "phone"])
@pytest.mark.parametrize("question", ["Which weight is 0 first?", "Where does the descent end?"])
def test_a_revealed_question_shows_its_answer_and_the_whole_descent(tab_at, app_url, question, screen):
    """A choice question's text, options and answer stand above the page's chart: revealed on a
    projector, the descent's plot ran 40 px off the screen (the sliders under it more), on a phone
    200 px. A student who scrolled down to answer (a phone's tap chart is below the fold) found the
    answer above the screen: the short one of a tap question 90 px up on a projector, 120 px on a
    phone. The reveal scrolls them into view, keeping the answer's first line under the header."""
    tab = tab_at(screen)
    tab.goto(f"{app_url}/?lang=en")
    wait_for_app(tab)
    answer_the_question(tab, question)
    reveal = tab.get_by_role("button", name="Reveal the answer")
    reveal.scroll_into_view_if_needed()
    tab.mouse.wheel(0, 2000)  # as far down as the page goes, the button out of sight if it can be
    reveal.click()
    tab.wait_for_selector('.st-key-main_chart .js-plotly-plot[data-dv-reveal-played="1"]', timeout=60_000)
    geometry = revealed_geometry(tab, "main_chart")
    assert geometry["plot"] <= geometry["screen"], geometry
    assert geometry["answer"] >= geometry["header"], geometry
    shoot(tab, f"landscape_revealed_{'tap' if 'end' in question else 'choice'}_{screen}.png")


def test_back_after_a_reveal_leaves_the_question_with_its_scene(tab_at, app_url):
    """A question opens its scene (a step of the browser's history): Back after its reveal showed
    the scene before under the revealed answer, whose numbers were the question's scene's."""
    tab = tab_at("projector")
    tab.goto(f"{app_url}/?lang=en")
    wait_for_app(tab)
    before = tab.url
    answer_the_question(tab, "Which weight is 0 first?")
    tab.get_by_role("button", name="Reveal the answer").click()
    tab.get_by_text("The answer, computed from this scene").first.wait_for()
    tab.go_back()
    tab.wait_for_url(before)
    # the run after Back draws the page without the question (on a busy machine it may start
    # seconds after the address changed, and a wait for the app may end before it does)
    expect(tab.get_by_text("The answer, computed from this scene")).to_have_count(0, timeout=30_000)
    wait_for_app(tab)
    tab.wait_for_timeout(1000)  # a rewrite of the address would come with the run's end
    assert tab.url == before
    assert tab.get_by_role("button", name="Close the question").count() == 0

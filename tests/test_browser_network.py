"""In a real browser: the network page trains a sweep with live curves, Stop keeps what was
trained, the views and the code appear, and no Streamlit exception shows up."""

import contextlib
import re
import time

import pytest
from conftest import shoot, wait_for_app
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from support.chart_text import measured

from decayviz.i18n import t
from decayviz.state import defaults

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"]'
EXCEPTION = '[data-testid="stException"]'
# Long enough to be stopped by hand: 200 epochs of a wide network in minibatches of 16.
LONG_RUN = "n_depth=3&n_hidden=256.0&n_batch=16.0&n_epochs=200&n_alphas=0.0,0.001,0.01,0.1"


STOPPED = re.compile(r"Stopped after (\d+) epochs?")


def stop(tab) -> int:
    """Press Stop and wait for the page to say the run stopped: after how many epochs. If it
    does not say so, fail with what it says instead."""
    main = tab.get_by_test_id("stMainBlockContainer")
    main.get_by_role("button", name="Stop", exact=True).click()
    said = tab.get_by_text(STOPPED)
    try:
        said.wait_for(timeout=30_000)
    except PlaywrightTimeoutError:
        shown = main.locator('[data-testid="stAlert"], [data-testid="stProgress"]').all_inner_texts()
        raise AssertionError(f"no 'Stopped after' 30 s after Stop; the page says {shown}") from None
    return int(STOPPED.search(said.inner_text())[1])


def test_train_live_then_stop(page, app_url):
    page.goto(f"{app_url}/network?{LONG_RUN}&lang=en")
    wait_for_app(page)
    assert page.locator(EXCEPTION).count() == 0
    page.get_by_test_id("stMainBlockContainer").get_by_role("button", name="Train", exact=True).click()
    page.get_by_text(re.compile(r"Epoch \d+ of 200")).first.wait_for(timeout=60_000)
    page.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)
    time.sleep(2.0)  # a few more epochs: the curves grow
    shoot(page, "network_training.png", full_page=True)
    assert page.locator(EXCEPTION).count() == 0

    stopped_at = stop(page)
    wait_for_app(page)
    assert 1 <= stopped_at < 200
    page.wait_for_selector(f"{CHART} .main-svg")
    assert page.locator(CHART).count() == 2  # the curves and the α sweep, the view that is open
    shoot(page, "network_stopped.png", full_page=True)
    page.get_by_role("tab", name="Weights").click()  # a view is drawn when opened
    page.wait_for_selector(".st-key-filters .main-svg", timeout=30_000)
    assert page.locator(f".st-key-histograms {CHART}").count() == 1 and page.locator(CHART).count() == 3

    page.get_by_role("tab", name="PyTorch code").click()
    page.get_by_text("def param_groups").first.wait_for(timeout=10_000)
    shoot(page, "network_code.png", full_page=True)
    assert page.locator(EXCEPTION).count() == 0


def test_moons_boundaries_in_korean(page, app_url):
    query = "n_dataset=moons&n_depth=2&n_momentum=0.9&n_batch=16.0&n_epochs=60&n_alphas=0.0,0.003,0.1"
    page.goto(f"{app_url}/network?{query}&lang=ko")
    wait_for_app(page)
    page.get_by_test_id("stMainBlockContainer").get_by_role("button", name="학습", exact=True).click()
    page.get_by_text(re.compile(r"60 에폭을")).wait_for(timeout=60_000)
    wait_for_app(page)
    page.get_by_role("tab", name="결정 경계").click()
    page.wait_for_selector(".st-key-boundary .main-svg", timeout=30_000)  # drawn once opened
    shoot(page, "network_moons_ko.png", full_page=True)
    assert page.locator(EXCEPTION).count() == 0


def test_opens_with_curves_and_shows_live_curves_on_a_laptop_screen(tab_at, app_url):
    """1366×768: the page opens with the default scene's curves; during a training the live
    curves are on screen, and the epoch counter only goes up."""
    tab = tab_at("laptop")
    tab.goto(f"{app_url}/network?lang=en")
    wait_for_app(tab)
    tab.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)  # without pressing anything
    tab.get_by_text("default scene").first.wait_for(timeout=10_000)
    shoot(tab, "network_open_1366.png")

    tab.goto(f"{app_url}/network?{LONG_RUN}&lang=en")
    wait_for_app(tab)
    tab.get_by_test_id("stMainBlockContainer").get_by_role("button", name="Train", exact=True).click()
    counter = tab.get_by_text(re.compile(r"Epoch \d+ of 200")).first
    counter.wait_for(timeout=60_000)
    epochs = []
    for _ in range(6):
        epochs.append(int(re.search(r"Epoch (\d+)", counter.inner_text())[1]))
        time.sleep(0.5)
    assert epochs == sorted(epochs) and epochs[-1] > epochs[0], epochs
    # Measured in one step inside the page: each live redraw replaces the chart's node, so a
    # bounding_box() that resolves the node first may find it gone when it measures.
    curves = tab.locator(CHART).first.evaluate("chart => chart.getBoundingClientRect().toJSON()")
    shoot(tab, "network_training_1366.png")
    assert curves["y"] >= 0 and curves["y"] + curves["height"] / 2 <= 768, curves  # on screen
    stop(tab)


SIZES = {"projector": (1024, 768), "laptop": (1366, 768), "phone": (390, 844)}
# The live curves and their legend, measured in one step inside the page (a live redraw
# replaces the chart's node between two separate look-ups).
CURVES_BOX = """() => {
    const chart = document.querySelector('.st-key-curves_chart [data-testid="stPlotlyChart"]');
    const svg = chart && chart.querySelector('.main-svg');
    const legend = chart && chart.querySelector('.legend');
    if (!svg || !legend) return null;
    const box = chart.getBoundingClientRect();
    const drawn = svg.getBoundingClientRect();  // plotly has laid out the chart at its box's size
    if (Math.abs(drawn.height - box.height) > 2 || Math.abs(drawn.width - box.width) > 2) return null;
    const entries = chart.querySelectorAll('.legend .traces').length;
    const scrollbar = legend.querySelector('rect.scrollbar');  // plotly's, when entries overflow
    return {chart: box.toJSON(), legend: legend.getBoundingClientRect().toJSON(), entries,
        scrolled: window.scrollY, legendScrolls: !!scrollbar && scrollbar.getBoundingClientRect().height > 0};
}"""


def curves_on_screen(tab, size: str, alphas: int) -> None:
    """The curves and their α legend (one entry per α) on screen without scrolling on a
    projector and a laptop; at least 85% of a phone's width."""
    width, height = SIZES[size]
    box = tab.wait_for_function(CURVES_BOX, timeout=60_000).json_value()
    chart, legend = box["chart"], box["legend"]
    assert box["entries"] == alphas, box
    assert chart["left"] >= 0 and chart["right"] <= width, box
    assert chart["left"] <= legend["left"] and legend["right"] <= chart["right"], box  # in the chart
    assert chart["top"] <= legend["top"] and legend["bottom"] <= chart["bottom"], box
    assert not box["legendScrolls"], box  # every α in sight, none behind a scrollbar
    if size == "phone":
        assert chart["width"] >= 0.85 * width, box
    else:
        assert box["scrolled"] == 0 and chart["top"] >= 0 and chart["bottom"] <= height, box


def sidebar_slider(tab, label: str) -> str:
    """The value a sidebar slider shows (aria-valuenow, or the select slider's aria-valuetext)."""
    slider = tab.get_by_test_id("stSidebar").locator('[data-testid="stSlider"]', has_text=label)
    handle = slider.get_by_role("slider")
    return handle.get_attribute("aria-valuetext") or handle.get_attribute("aria-valuenow")


def test_a_question_answered_alone_leaves_its_scene_in_the_sidebar(page, app_url):
    """Alone, a student opens "Early stopping or dropout instead?" (its scene: two moons, two
    hidden layers of 64, lr 0.1, 150 epochs), answers and reveals; or opens it and closes it.
    The sidebar's controls, hidden while the question was open, come back with the scene's
    values: a browser showed each one's minimum and trained that (Streamlit keeps no state for
    a widget it does not draw)."""
    main = page.get_by_test_id("stMainBlockContainer")
    scene = {"Hidden layers": "2", "Units per hidden layer": "64", "Learning rate": "0.1", "Epochs": "150"}
    for finish in ("Reveal the answer", "Close the question"):
        page.goto(f"{app_url}/network?lang=en")
        wait_for_app(page)
        main.get_by_text("Early stopping or dropout instead?", exact=True).click()
        wait_for_app(page)
        main.get_by_text("Neither beats it", exact=True).click()
        wait_for_app(page)
        main.get_by_role("button", name=finish, exact=True).click()
        if finish == "Reveal the answer":
            page.get_by_text(re.compile("The answer, computed")).first.wait_for(timeout=120_000)
        main.get_by_role("button", name="Continue with these α (+150 epochs)").wait_for(timeout=30_000)
        wait_for_app(page)
        assert {label: sidebar_slider(page, label) for label in scene} == scene, finish
        assert "n_depth=2" in page.url and page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_six_alphas_fit_a_projector_in_the_presentation_view(tab_at, app_url, lang):
    """A teacher presents the U-curve scene (six α) on a 1024×768 projector and presses Train:
    the five panels and all six legend entries show without scrolling, the legend without a
    scrollbar of its own, and no text of the chart lies over another or outside it."""
    tab = tab_at("projector")
    tab.goto(f"{app_url}/network?preset=n_u_curve&n_epochs=3&present=1&lang={lang}")
    wait_for_app(tab)
    main = tab.get_by_test_id("stMainBlockContainer")
    main.get_by_role("button", name=t("network.train", lang), exact=True).click()
    main.locator('[data-testid="stAlertContentSuccess"]').first.wait_for(timeout=120_000)
    wait_for_app(tab)
    assert main.get_by_test_id("stProgress").count() == 0  # a finished run: its message, no full bar
    curves_on_screen(tab, "projector", alphas=6)
    found = measured(tab)
    assert found["charts"] >= 1 and found["problems"] == [], found["problems"]
    # pointed at, the curves bring up no modebar over their titles: the presentation view has none
    tab.locator(".st-key-curves .js-plotly-plot").hover(position={"x": 40, "y": 200})
    assert tab.locator(".st-key-curves .modebar-btn").count() == 0
    shoot(tab, f"network_present_six_alphas_{lang}.png")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("size", list(SIZES))
def test_live_curves_and_legend_fit_the_screen(tab_at, app_url, size, lang):
    """A projector (1024×768), a laptop (1366×768), a phone (390×844): the default scene's
    curves with their α legend show on opening, and again while a run trains, without scrolling
    on the two wide screens (the Train row and the curves come first, the text after)."""
    tab = tab_at(size)
    tab.goto(f"{app_url}/network?lang={lang}")
    wait_for_app(tab)
    curves_on_screen(tab, size, alphas=len(defaults("network")["n_alphas"]))
    shoot(tab, f"network_curves_{size}_{lang}.png")

    tab.goto(f"{app_url}/network?{LONG_RUN}&lang={lang}")
    wait_for_app(tab)
    main = tab.get_by_test_id("stMainBlockContainer")
    main.get_by_role("button", name=t("network.train", lang), exact=True).click()
    main.get_by_test_id("stProgress").wait_for(timeout=60_000)  # training, not in line
    curves_on_screen(tab, size, alphas=4)
    shoot(tab, f"network_curves_training_{size}_{lang}.png")
    assert tab.locator(EXCEPTION).count() == 0
    # Stop what is left of the run; on an idle machine it may end on its own meanwhile
    with contextlib.suppress(PlaywrightTimeoutError):
        main.get_by_role("button", name=t("network.stop", lang), exact=True).click(timeout=5_000)

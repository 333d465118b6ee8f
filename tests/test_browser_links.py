"""In a real browser: a prepared link shows its values in the controls, moving a slider
rewrites the address bar, hide= hides controls, and the share dialog's HTML export animates
offline."""

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import shoot, wait_for_app

from decayviz.i18n import t

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'


def query_of(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


def slider_value(page, label: str) -> str:
    """The value a slider shows above its thumb (its text is label, value, min, max)."""
    slider = page.get_by_test_id("stSlider").filter(has_text=label).first
    return [line for line in slider.inner_text().splitlines() if line.strip()][1]


def choice_value(page, label: str) -> str:
    """The option a radio group (the one whose text starts with its label) shows as chosen."""
    group = page.get_by_test_id("stRadio").filter(has_text=re.compile(f"^{re.escape(label)}")).first
    return group.locator('[data-testid="stRadioOption"][data-selected="true"]').inner_text().strip()


def test_prepared_link_shows_its_values_and_the_address_bar_follows(page, app_url):
    page.goto(f"{app_url}/landscape?penalty=l1&alpha=2.0&opt=proximal&steps=300&c2=4.5")
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    assert choice_value(page, "Penalty") == "L1: α‖W‖₁"
    assert choice_value(page, "Update rule") == t("choice.opt.proximal", "en")
    assert slider_value(page, "Number of steps") == "300"
    assert slider_value(page, "Strength α") == "2"

    thumb = page.get_by_test_id("stSlider").filter(has_text="Number of steps").locator('input[type="range"]')
    thumb.focus()
    assert page.evaluate("document.activeElement.type") == "range"
    page.keyboard.press("ArrowRight")  # one step of 10, as a student would nudge it
    # (page.url is only refreshed while Playwright runs, so wait inside the browser, not in sleep)
    page.wait_for_function("new URLSearchParams(location.search).get('steps') === '310'", timeout=20_000)
    assert query_of(page)["steps"] == "310"
    assert query_of(page)["penalty"] == "l1"  # the rest of the scene stays in the link
    wait_for_app(page)
    shoot(page, "link_prepared.png", full_page=True)
    assert page.locator(EXCEPTION).count() == 0


def test_hidden_controls_and_a_preset_link(page, app_url):
    page.goto(f"{app_url}/sparsity?preset=subgradient_chatters&hide=s_alpha,presets&lang=ko")
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_test_id("stSlider").filter(has_text="α: 벌점 세기").count() == 0
    assert sidebar.get_by_test_id("stSlider").filter(has_text="스텝 수").count() == 1  # others stay
    assert sidebar.get_by_text("장면", exact=True).count() == 0  # no scene buttons
    assert "hide=s_alpha" in page.url.replace("%2C", ",")
    assert "s_view=iterations" in page.url  # the preset became the scene's full link
    shoot(page, "link_hidden_ko.png", full_page=True)
    assert page.locator(EXCEPTION).count() == 0


def test_the_html_export_animates_offline(page, app_url, tmp_path):
    page.goto(f"{app_url}/landscape?penalty=l1&alpha=2.0&opt=proximal")
    wait_for_app(page)
    page.get_by_role("button", name="Share or save this scene").click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert "penalty=l1" in dialog.locator("code").inner_text()  # the link to this scene
    shoot(page, "share_dialog.png")
    with page.expect_download() as download:
        dialog.get_by_role("button", name="The animation as an HTML file").click()
    path = tmp_path / "landscape.html"
    download.value.save_as(path)
    assert path.stat().st_size > 1_000_000  # plotly.js is inside: no network needed

    page.goto(path.as_uri())
    page.wait_for_selector(".main-svg", timeout=30_000)
    bands = page.locator("g.scatterlayer path.js-fill").count()
    assert bands >= 10
    page.get_by_text("▶ Play").click()
    time.sleep(2.0)
    assert page.locator("g.scatterlayer path.js-fill").count() == bands
    shoot(page, "export_html.png")

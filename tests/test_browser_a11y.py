"""Accessibility in a real browser: axe-core on every page, in both languages, on a laptop
(1366×768) and a phone (390×844); the page's language; each chart's text alternative; Play and
Pause from the keyboard; and no animation that starts by itself, with or without
prefers-reduced-motion."""

from __future__ import annotations

import re
import time

import pytest
from conftest import shoot, wait_for_app, wait_for_charts
from playwright.sync_api import expect

from decayviz.describe import landscape_alt, terms_alt
from decayviz.scene import build_scene
from decayviz.state import defaults

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"]'
ALT = f'{CHART}[role="figure"]'  # a chart's text alternative: st.plotly_chart's alt, its aria-label


def alts(tab) -> list[str]:
    """The charts' text alternatives, in page order."""
    return [chart.get_attribute("aria-label") or "" for chart in tab.locator(ALT).all()]


SIZES = ("laptop", "phone")
PAGES = {"landscape": "", "sparsity": "sparsity", "network": "network"}
BLOCKING = ("serious", "critical")

# Streamlit's page list (st.navigation with a section title) is a <ul> whose first child is a
# <div> holding the section's header, which axe reports as `list` (a <ul> may hold only <li>)
# and `listitem`; the app cannot change that markup. So those two rules' findings inside the page
# list are left out, and every other finding anywhere on the page counts (one axe run: each
# costs the browser about a second).
PAGE_LIST = '[data-testid="stSidebarNavItems"]'
PAGE_LIST_RULES = ("list", "listitem")
IN_PAGE_LIST = f"(target) => !!document.querySelector(target)?.closest('{PAGE_LIST}')"


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def open_page(tab, url: str) -> None:
    tab.goto(url)
    wait_for_app(tab, timeout_ms=120_000)
    tab.wait_for_selector(f"{CHART} .main-svg", timeout=120_000)
    wait_for_charts(tab)


def findings(axe, tab) -> list[str]:
    """axe's serious and critical violations, and every heading-order one, as readable lines."""
    found = []
    for violation in axe.run(tab).response["violations"]:
        nodes = [node["target"] for node in violation["nodes"]]
        if violation["id"] in PAGE_LIST_RULES:
            nodes = [target for target in nodes if not tab.evaluate(IN_PAGE_LIST, target[-1])]
        if nodes and (violation["impact"] in BLOCKING or violation["id"] == "heading-order"):
            found.append(f"{violation['id']} ({violation['impact']}): {nodes}")
    return found


def heading_levels(tab) -> list[int]:
    return tab.evaluate("() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page", list(PAGES))
def test_axe_finds_nothing_serious(tab_at, app_url, axe, page, lang, size):
    """No serious or critical violation and no heading-order finding; <html lang> is the
    chosen language; the outline has one h1 and skips no level; every chart has its text."""
    tab = tab_at(size)
    open_page(tab, f"{app_url}/{PAGES[page]}?lang={lang}")
    assert findings(axe, tab) == []
    assert tab.evaluate("document.documentElement.lang") == lang
    levels = heading_levels(tab)
    assert levels.count(1) == 1, levels
    assert all(b <= a + 1 for a, b in zip([1, *levels], levels, strict=False)), levels
    charts, texts = tab.locator(CHART).count(), alts(tab)
    assert charts >= 1 and len(texts) == charts and all(texts), (charts, texts)
    hangul = re.compile(r"[가-힣]")
    assert all(bool(hangul.search(text)) == (lang == "ko") for text in texts), texts
    assert tab.locator('[data-testid="stException"]').count() == 0
    if lang == "ko":
        shoot(tab, f"a11y_{page}_{size}_ko.png")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_landscape_charts_say_what_they_show(tab_at, app_url, lang):
    """The landscape's two text alternatives are decayviz.describe's sentences for the page's
    scene, with the numbers the charts are drawn from, read but not seen."""
    tab = tab_at("laptop")
    open_page(tab, f"{app_url}/?lang={lang}")
    scene = build_scene(defaults("landscape"))
    assert alts(tab) == [landscape_alt(scene, lang), terms_alt(scene, lang)]
    end = landscape_alt(scene, lang)
    assert "(" in end and str(scene.trajectory.finite_steps - 1) in end


def test_language_switch_sets_html_lang(tab_at, app_url):
    tab = tab_at("laptop")
    open_page(tab, f"{app_url}/?lang=en")
    assert tab.evaluate("document.documentElement.lang") == "en"
    skip = tab.get_by_test_id("stSkipToContent")  # the first stop of Tab: past the sidebar
    assert skip.text_content() == "Skip to main content"
    tab.locator('[data-testid="stSidebar"] label').filter(has_text="한국어").click()
    tab.wait_for_function("document.documentElement.lang === 'ko'", timeout=30_000)
    expect(skip).to_have_text("본문 바로가기")
    wait_for_app(tab)
    tab.wait_for_function(f"document.querySelector('{ALT}').getAttribute('aria-label').includes('차트')")
    chart = tab.locator(f"{CHART} .js-plotly-plot").first
    assert "스페이스" in chart.get_attribute("aria-label")  # the keyboard hint follows too


FOCUSED = """() => { const e = document.activeElement;
  const name = e.getAttribute('data-testid') || e.getAttribute('aria-label') || e.textContent.slice(0, 30);
  return [e.tagName, name, e.classList.contains('dv-keys')]; }"""


def step_shown(tab) -> int:
    """The step slider's position on the main chart (plotly's drawn state)."""
    return tab.evaluate(
        f"() => document.querySelector('{CHART} .js-plotly-plot')._fullLayout.sliders[0].active"
    )


def test_play_and_pause_from_the_keyboard(tab_at, app_url):
    """Tab reaches the landscape chart, which shows a focus ring; Space plays the descent and
    Space again pauses it, as plotly's own (unfocusable) buttons would."""
    tab = tab_at("laptop")
    open_page(tab, f"{app_url}/?lang=en")
    last = step_shown(tab)
    visited = []
    for _ in range(120):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        visited.append(focused[:2])
        if focused[2]:
            break
    else:
        pytest.fail(f"Tab never reached the chart: {visited}")
    assert ["A", "stSidebarNavLink"] in visited or any(v[0] == "A" for v in visited)  # sidebar first
    outline = tab.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    shoot(tab, "a11y_chart_focused.png")
    tab.keyboard.press("Space")
    time.sleep(0.6)
    playing = step_shown(tab)
    assert playing != last  # it plays (from the start: the page opens on the last frame)
    tab.keyboard.press("Space")
    time.sleep(0.2)
    paused = step_shown(tab)
    time.sleep(0.6)
    assert step_shown(tab) == paused != last  # paused mid-way, and stays there
    tab.keyboard.press("Space")  # plays on from there
    time.sleep(0.4)
    assert step_shown(tab) != paused


def test_the_arrows_move_the_chart_sliders(tab_at, app_url):
    """On the focused landscape chart, ←/→ move the step slider and ↓/↑ the α slider, so the
    chart's own sliders are not mouse-only."""
    tab = tab_at("laptop")
    open_page(tab, f"{app_url}/?lang=en")
    chart = f"{CHART} .js-plotly-plot"
    sliders = f"() => document.querySelector('{chart}')._fullLayout.sliders.map(s => s.active)"
    step, alpha = tab.evaluate(sliders)
    tab.locator(chart).first.focus()
    for key in ("ArrowLeft", "ArrowLeft", "ArrowDown"):
        tab.keyboard.press(key)
        time.sleep(0.2)
    assert tab.evaluate(sliders) == [step - 2, alpha - 1]
    before = tab.locator(f"{chart} g.scatterlayer").first.inner_html()
    tab.keyboard.press("ArrowUp")
    tab.keyboard.press("ArrowRight")
    time.sleep(0.2)
    assert tab.evaluate(sliders) == [step - 1, alpha]
    assert tab.locator(f"{chart} g.scatterlayer").first.inner_html() != before  # redrawn


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
@pytest.mark.parametrize("page", ["landscape", "sparsity_iterations"])
def test_nothing_animates_by_itself(tab_at, app_url, page, motion):
    """Animated charts open on their final frame and stay there, with or without
    prefers-reduced-motion: reduce."""
    tab = tab_at("laptop")
    tab.emulate_media(reduced_motion=motion)
    path = "" if page == "landscape" else "sparsity"
    open_page(tab, f"{app_url}/{path}?lang=en" + ("&s_view=iterations" if path else ""))
    assert tab.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches") == (motion == "reduce")
    slider = tab.evaluate(
        f"() => {{ const s = document.querySelector('{CHART} .js-plotly-plot')._fullLayout.sliders[0];"
        " return [s.active, s.steps.length]; }"
    )
    assert slider[0] == slider[1] - 1  # the last frame
    time.sleep(1.5)
    assert step_shown(tab) == slider[0]  # and still there

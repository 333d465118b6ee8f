"""The scene picker in a real browser: after a click the chosen scene stays marked, exposed to a
screen reader as the checked radio of the picker's radio group, and a polite live region names
it (decayviz.ui.controls.preset_picker)."""

from __future__ import annotations

import pytest
from conftest import wait_for_app

from decayviz.i18n import t

pytestmark = pytest.mark.browser

PILLS = '[data-testid="stSidebar"] [data-testid="stButtonGroup"] [role="radio"]'


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_chosen_scene_is_checked_and_announced(page, app_url, lang):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/?lang={lang}")
    wait_for_app(page)
    scene = "adam_vs_adamw"
    label = t(f"preset.{scene}", lang)
    pill = page.locator(PILLS, has_text=label)
    assert pill.get_attribute("aria-checked") == "false"
    pill.click()
    page.wait_for_function(
        "label => [...document.querySelectorAll('[role=status].dv-scene-status')]"
        ".some(node => node.textContent.includes(label))",
        arg=label,
    )
    wait_for_app(page)
    checked = [p.inner_text() for p in page.locator(PILLS).all() if p.get_attribute("aria-checked") == "true"]
    assert checked == [label]
    status = page.locator('[role="status"][aria-live="polite"].dv-scene-status')
    assert status.count() == 1 and status.inner_text() == t("ui.scene_shown", lang, scene=label)


def checked_scene(page) -> list[str]:
    return [p.inner_text() for p in page.locator(PILLS).all() if p.get_attribute("aria-checked") == "true"]


SCENE_CHECKED = "label => [...document.querySelectorAll(PILLS)].some((p) => p.innerText === label)".replace(
    "PILLS", repr(PILLS.replace('[role="radio"]', '[role="radio"][aria-checked="true"]'))
)


def shows_scene(page, scene: str, lang: str = "en") -> str:
    """Wait until the picker marks `scene` (named in `lang`) and the run is over: the address then."""
    page.wait_for_function(SCENE_CHECKED, arg=t(f"preset.{scene}", lang))
    wait_for_app(page)
    page.wait_for_timeout(1000)  # a rewrite of the address would come with the run's end
    assert checked_scene(page) == [t(f"preset.{scene}", lang)]
    return page.url


def test_back_and_forward_go_from_scene_to_scene(page, app_url):
    """Each scene's link is an entry of the browser's history: Back shows the scene before (its
    values, and the others at their defaults), Forward the one after. Back used to change the
    address for a moment, then the app wrote the scene it still showed back into it."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/?lang=en")
    wait_for_app(page)
    links = {}
    for scene in ("l1_zero", "adam_vs_adamw"):
        page.locator(PILLS, has_text=t(f"preset.{scene}", "en")).click()
        links[scene] = shows_scene(page, scene)
    assert links["l1_zero"] != links["adam_vs_adamw"]
    page.go_back()
    assert shows_scene(page, "l1_zero") == links["l1_zero"]
    page.go_forward()
    assert shows_scene(page, "adam_vs_adamw") == links["adam_vs_adamw"]


def test_back_undoes_a_switch_of_language_too(page, app_url):
    """A switch of language is a step of the history like a scene: Back after it shows the page in
    the language before (the switch's entry was written over with the new language, and one
    press of Back did nothing to see)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/?lang=en")
    wait_for_app(page)
    page.locator(PILLS, has_text=t("preset.l1_zero", "en")).click()
    english = shows_scene(page, "l1_zero")
    page.get_by_test_id("stSidebar").get_by_text("한국어", exact=True).click()
    korean = shows_scene(page, "l1_zero", "ko")
    page.locator(PILLS, has_text=t("preset.adam_vs_adamw", "ko")).click()
    shows_scene(page, "adam_vs_adamw", "ko")
    page.go_back()
    assert shows_scene(page, "l1_zero", "ko") == korean
    page.go_back()
    assert shows_scene(page, "l1_zero", "en") == english


RADIOS = """() => [...document.querySelectorAll('[role="radiogroup"]')]
    .filter(group => group.querySelector('input') && !group.closest('.st-key-ctl_lang'))
    .map(group => [...group.querySelectorAll('input')].map(input => input.checked ? 1 : 0).join(''))"""


@pytest.mark.parametrize("link", ["/network?preset=n_grokking", "/sparsity?preset=lowrank_picture"])
def test_a_switch_of_language_keeps_every_choice(page, app_url, link):
    """Streamlit holds a radio's choice as the label shown: after a switch of language the data
    set, optimizer and view radios showed no option chosen, and the next click (here, back to
    English) reset them to their first options: grokking's modular addition and AdamW fell back
    to digits and SGD, the sparsity page's low-rank section to its first."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}{link}&lang=en")
    wait_for_app(page)
    scene = link.split("preset=")[1]
    english = shows_scene(page, scene)
    chosen = page.evaluate(RADIOS)
    assert chosen and all("1" in group for group in chosen), chosen
    page.get_by_test_id("stSidebar").get_by_text("한국어", exact=True).click()
    shows_scene(page, scene, "ko")
    assert page.evaluate(RADIOS) == chosen
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    assert shows_scene(page, scene) == english
    assert page.evaluate(RADIOS) == chosen

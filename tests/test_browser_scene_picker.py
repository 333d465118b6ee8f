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

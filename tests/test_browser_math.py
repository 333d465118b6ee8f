"""In a real browser: every formula on every page renders (KaTeX reports no parse error), in
both languages, with every expander open. A display formula whose $$ lines break the way
Streamlit's markdown wants them once turned the landscape's whole explanation into red source."""

import time

import pytest
from conftest import wait_for_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("path", ["", "sparsity", "network"])
def test_every_formula_renders(tab_at, app_url, path, lang):
    tab = tab_at((1366, 900))
    tab.goto(f"{app_url}/{path}?lang={lang}")
    wait_for_app(tab)
    for summary in tab.locator('[data-testid="stExpander"] summary').all():
        summary.click()  # an expander written only while open reruns the page
        time.sleep(0.3)
        wait_for_app(tab)
    if path == "":  # the landscape's explanation is the page with display formulas
        tab.wait_for_selector(".katex", timeout=30_000)
    errors = [e.get_attribute("title") for e in tab.locator(".katex-error").all()]
    assert errors == []

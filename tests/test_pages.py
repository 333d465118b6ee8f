"""AppTest: behaviour every page shares, checked on each page (parametrized over PAGES): the
address bar follows the controls, and opening a page that does not train never waits for torch.
A page's own behaviour lives in test_<page>_page.py."""

import pytest
from helpers import APP, open_page, torch_importer

from decayviz.state import PAGES, Grid, page_fields, url_path


@pytest.mark.parametrize("page", PAGES)
def test_the_address_bar_follows_the_controls(page):
    """A moved control is in the link at once: the page's first number-grid control (α on the
    2-D and sparsity pages, the width on the network page) moved to its largest value."""
    field = next(f for f in page_fields(page) if isinstance(f, Grid))
    value = field.extreme("hi")
    assert value != field.default
    at = open_page(page)
    at.select_slider(key=f"ctl_{field.name}").set_value(value).run()
    assert at.query_params[field.name] in (field.url_text(value), [field.url_text(value)])


@pytest.mark.parametrize("page", [p for p in PAGES if p != "network"])
def test_the_page_never_waits_for_torch(page):
    """Only the background warm-up thread imports torch (for the network page); the page's
    script never does, so opening it never pays for the import."""
    assert torch_importer(APP, f"app_pages/{page}.py" if url_path(page) else None) == "decayviz-warm-up"

"""What a teacher needs to reuse decayviz: a licence that covers code and text, a citation
file that names it, and exported charts that carry their title, language, licence and source."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml

from decayviz.export import LICENSE, figure_html
from decayviz.figures import readable
from decayviz.figures.landscape import landscape_figure
from decayviz.figures.palette import TEXT
from decayviz.scene import build_scene
from decayviz.state import defaults

ROOT = Path(__file__).resolve().parent.parent


def test_citation_cff_parses_and_names_the_licence():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"].startswith("1.2")
    assert citation["license"] == LICENSE == "MIT"
    assert citation["title"].startswith("decayviz")
    assert citation["authors"] and citation["message"]
    datetime.date.fromisoformat(str(citation["date-released"]))
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "the text of decayviz" in licence


@pytest.fixture(scope="module")
def spec():
    return landscape_figure(build_scene(defaults("landscape")), "ko")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_exported_html_says_what_it_is_and_where_it_came_from(spec, lang):
    source = "http://192.168.0.10:8501/?alpha=1&lang=ko"
    page = figure_html(spec, "손실 <지형>", lang, source, datetime.date(2026, 12, 2))
    assert re.search(rf'<html lang="{lang}">', page)
    assert "<title>손실 &lt;지형&gt;</title>" in page
    assert '<meta name="license" content="MIT" />' in page
    footer = page[page.index("<footer") : page.index("</footer>")]
    assert "decayviz" in footer and "2026-12-02" in footer and "MIT" in footer
    assert 'href="http://192.168.0.10:8501/?alpha=1&amp;lang=ko"' in footer
    assert ("라이선스" in footer) == (lang == "ko")
    assert page.index("</footer>") < page.index("</body>")


def test_exported_html_without_a_source_still_credits_the_app(spec):
    page = figure_html(spec, "decayviz", "en")
    footer = page[page.index("<footer") : page.index("</footer>")]
    assert "decayviz" in footer and "MIT" in footer and "<a " not in footer


def test_chart_text_is_readable(spec):
    """Tick labels, axis titles and the rest of a chart's text: dark, unless a figure chose."""
    shown = readable(spec)
    assert shown["layout"]["font"]["color"] == TEXT
    for name in ("xaxis", "yaxis"):
        assert shown["layout"][name]["tickfont"]["color"] == TEXT
        assert shown["layout"][name]["title"]["font"]["color"] == TEXT
        assert shown["layout"][name]["title"]["text"] == spec["layout"][name]["title"]["text"]
    assert "font" not in spec["layout"].get("xaxis", {}).get("title", {})  # the cached spec is untouched

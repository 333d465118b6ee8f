"""Every Korean string was reviewed against the English it stands beside (gettext's "fuzzy")."""

from decayviz import catalog_review
from decayviz.i18n import STRINGS


def test_every_korean_string_was_reviewed_against_its_current_english():
    stale = catalog_review.stale()
    assert stale == [], (
        "these English strings changed (or are new) since their Korean was reviewed; read each pair, "
        "fix the Korean, then `python -m decayviz.catalog_review --accept KEY ...`"
    )


def test_editing_an_english_string_makes_its_key_stale(monkeypatch):
    english, korean = STRINGS["app.title"]
    marks = {"app.title": catalog_review.fingerprint(english)}
    monkeypatch.setattr(catalog_review, "reviewed", lambda: marks)
    assert catalog_review.stale({"app.title": (english, korean)}) == []
    assert catalog_review.stale({"app.title": (english + " (new)", korean)}) == ["app.title"]
    assert catalog_review.stale({"app.new": ("New", "새")}) == ["app.new"]  # never reviewed

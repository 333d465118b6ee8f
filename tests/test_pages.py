"""AppTest: behaviour every page shares, checked on each page (parametrized over PAGES): the
address bar follows the controls, opening a page that does not train never waits for torch, and
its icons are Material Symbols, not emoji. A page's own behaviour lives in test_<page>_page.py."""

import ast
import re
from pathlib import Path

import pytest
from google.protobuf.message import Message
from helpers import APP, open_page, torch_importer
from streamlit.material_icon_names import ALL_MATERIAL_ICONS

from decayviz.i18n import STRINGS, t
from decayviz.scenes import PRESETS
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


@pytest.mark.parametrize("page", PAGES)
def test_the_language_switch_is_named_in_the_language_just_picked(page):
    """Korean picked: the page and the switch's own label are Korean in the same run, and
    English back again."""
    at = open_page(page)
    for lang in ("ko", "en"):
        at.radio(key="ctl_lang").set_value(lang).run()
        assert at.radio(key="ctl_lang").label == t("app.language", lang)
        assert at.title[0].value == t(f"{page}.title", lang)


@pytest.mark.parametrize("page", [p for p in PAGES if p != "network"])
def test_the_page_never_waits_for_torch(page):
    """Only the background warm-up thread imports torch (for the network page); the page's
    script never does, so opening it never pays for the import."""
    assert torch_importer(APP, f"app_pages/{page}.py" if url_path(page) else None) == "decayviz-warm-up"


# What a browser draws from an emoji font, which a stock Linux laptop lacks (an empty box instead):
# the pictographs, the few older symbols drawn as emoji by default, and U+FE0F, which asks for the
# emoji form of the character before it (a stop sign, a down arrow, the scales were such).
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\ufe0f\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615"
    "\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2"
    "\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797"
    "\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55]"
)
MATERIAL = re.compile(r":material/(\w+):")
ROOT = Path(APP).parent
SHOWN_SOURCES = (ROOT / "app.py", *ROOT.glob("app_pages/*.py"), *ROOT.glob("decayviz/ui/*.py"))


def is_material(icon: str) -> bool:
    """A Material Symbol Streamlit bundles (it draws them without any system font)."""
    name = MATERIAL.fullmatch(icon)
    return bool(name) and name[1] in ALL_MATERIAL_ICONS


def icons_in(message: Message) -> list[str]:
    """Every non-empty `icon` field of a protobuf message and the messages inside it."""
    found = []
    for field, value in message.ListFields():
        if field.name == "icon" and isinstance(value, str):
            found.append(value)
        elif field.message_type is not None:
            inner = [value] if isinstance(value, Message) else value  # one message, or repeated
            found += [icon for item in inner if isinstance(item, Message) for icon in icons_in(item)]
    return found


@pytest.mark.parametrize("page", PAGES)
def test_every_icon_a_page_shows_is_a_material_symbol(page):
    """What the page drew on opening: alerts, buttons, download buttons, expanders."""
    at = open_page(page)
    icons = [
        icon
        for node in at
        if isinstance(getattr(node, "proto", None), Message)
        for icon in icons_in(node.proto)
    ]
    assert icons, "no icon found, yet the share button has one"
    assert [icon for icon in icons if not is_material(icon)] == []


def test_no_emoji_in_the_pages_sources_or_strings():
    """Every icon argument (alerts, buttons, the page's favicon), shown or not on a default page,
    names a Material Symbol, and no text the pages draw holds an emoji."""
    bad = []
    for path in SHOWN_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg in ("icon", "page_icon"):
                if isinstance(node.value, ast.Constant) and not is_material(str(node.value.value)):
                    bad.append(f"{path.name}:{node.lineno}: {node.arg}={node.value.value!r}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and EMOJI.search(node.value):
                bad.append(f"{path.name}:{node.lineno}: {node.value!r}")
    bad += [key for key, texts in STRINGS.items() if any(EMOJI.search(text) for text in texts)]
    assert bad == []


@pytest.mark.parametrize("page", PAGES)
def test_the_chosen_scene_is_marked_and_announced(page):
    """After a click the scene stays selected in the picker and a polite live region names it,
    in both languages; moving a control away from the scene clears both."""
    scene = next(iter(PRESETS[page]))
    for lang in ("en", "ko"):
        at = open_page(page, lang=lang)
        assert at.button_group(key=f"preset_{page}").value is None  # the defaults are no scene
        at.button_group(key=f"preset_{page}").select(scene).run()
        assert not at.exception
        assert at.button_group(key=f"preset_{page}").value == scene
        status = [h.proto.body for h in at.get("html") if "role='status'" in h.proto.body]
        assert len(status) == 1 and "aria-live='polite'" in status[0]
        label = t(f"preset.{scene}", lang).replace("'", "&#x27;")
        assert t("ui.scene_shown", lang, scene=label) in status[0]
    shown = {slider.key for slider in at.select_slider}  # a control the scene shows, moved off it
    field = next(f for f in page_fields(page) if isinstance(f, Grid) and f"ctl_{f.name}" in shown)
    now = at.session_state["decayviz_values"][field.name]
    value = field.extreme("hi") if now != field.extreme("hi") else field.extreme("lo")
    at.select_slider(key=f"ctl_{field.name}").set_value(value).run()
    assert at.button_group(key=f"preset_{page}").value != scene  # another scene may match, or none
    status = [h.proto.body for h in at.get("html") if "role='status'" in h.proto.body]
    assert status and t(f"preset.{scene}", "ko") not in status[0]

"""Links: every page takes its whole scene from the URL, corrects hostile values with a
notice, hides what hide= names, applies preset= scenes, and speaks Korean with lang=ko."""

import random
from urllib.parse import parse_qsl

import pytest
from helpers import open_page, session_run, wait_for_run
from korean import english_runs, page_texts
from streamlit.testing.v1 import AppTest
from support.scenes import random_scene

from decayviz.grammar import placeholder_names
from decayviz.i18n import STRINGS
from decayviz.scenes import PRESETS
from decayviz.state import FIELD, PAGES, encode, page_fields, parse, url_path
from decayviz.ui.controls import VALUES, widget_key


def widget_value(at: AppTest, name: str):
    """The value the widget of control `name` shows, or None when it is not drawn."""
    key = f"ctl_{name}"
    for kind in ("slider", "select_slider", "selectbox", "toggle", "multiselect", "radio"):
        for widget in getattr(at, kind):
            if widget.key == key:
                return FIELD[name].from_widget(widget.value)
    return None


HOSTILE = {
    "nan": "NaN",
    "inf": "inf",
    "huge": "1e999",
    "empty": "",
    "long": "9" * 5000,
    "html": "<img src=x onerror=alert(1)>",
    "markdown": "**[click](javascript:alert(1))**",
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_links_are_corrected_with_a_notice(page, kind):
    text = HOSTILE[kind]
    query = {f.name: text for f in page_fields(page)}
    query.update({"lang": text, "hide": text, "preset": text, "unknown_key": text})
    at = open_page(page, query)
    notices = [i.value for i in at.info if "corrected" in i.value]
    assert len(notices) == 1
    assert not any(mark in notices[0] for mark in ("<", "](", "javascript:", "**"))  # quoted inert
    values = dict(at.session_state[VALUES])
    assert parse(encode(values)) == (values, [])  # every value in force is a valid one


@pytest.mark.parametrize("page", PAGES)
def test_a_valid_link_restores_every_control(page):
    rng = random.Random(7)
    for _ in range(3):
        scene = random_scene(page, rng)
        if page == "network":
            scene["n_epochs"] = min(scene["n_epochs"], 5)
        at = open_page(page, encode(scene))
        assert not [i.value for i in at.info if "corrected" in i.value]
        values = at.session_state[VALUES]
        shown = 0
        for name, value in scene.items():
            assert values[name] == value, name
            on_screen = widget_value(at, name)
            if on_screen is not None:
                assert on_screen == value, name
                shown += 1
        assert shown >= 3
        address_bar = {k: v[-1] if isinstance(v, list) else v for k, v in at.query_params.items()}
        assert {k: parse(address_bar)[0][k] for k in scene} == scene  # and the link stays shareable


@pytest.mark.parametrize("page", PAGES)
def test_hide_hides_the_named_controls(page):
    names = [f.name for f in page_fields(page)][:2]
    scene = {names[0]: FIELD[names[0]].extreme("hi")}
    at = open_page(page, {**encode(scene), "hide": ",".join([*names, "presets", "questions", "lang"])})
    for name in names:
        assert widget_value(at, name) is None
    assert at.session_state[VALUES][names[0]] == scene[names[0]]  # hidden, yet in force
    assert not at.get("button_group")  # the scene picker is gone
    assert not [radio for radio in at.radio if radio.key == widget_key("lang")]  # and the language switch
    assert "hide" in at.query_params  # the students' address bar keeps hiding them


@pytest.mark.parametrize("page", PAGES)
def test_every_preset_is_a_link(page):
    for name, preset in PRESETS[page].items():
        at = open_page(page, {"preset": name})
        values = at.session_state[VALUES]
        assert {k: values[k] for k in preset} == preset, name


def test_a_link_value_overrides_its_preset():
    at = open_page("landscape", {"preset": "l1_zero", "alpha": "0.2"})
    values = at.session_state[VALUES]
    assert values["penalty"] == "l1" and values["alpha"] == 0.2


@pytest.mark.parametrize("page", PAGES)
def test_korean_pages_show_no_english_prose(page):
    at = open_page(page, {"lang": "ko"})
    texts = page_texts(at)
    assert len(texts) > 30
    assert [run for text in texts for run in english_runs(text)] == []
    english = open_page(page, {})
    assert [run for text in page_texts(english) for run in english_runs(text)]  # the check can fail


@pytest.mark.parametrize("view", FIELD["s_view"].options)
def test_korean_in_every_sparsity_section(view):
    at = open_page("sparsity", {"lang": "ko", "s_view": view})
    assert [run for text in page_texts(at) for run in english_runs(text)] == []


def test_korean_after_training():
    at = open_page("network", {"lang": "ko", "n_epochs": "2", "n_hidden": "16", "n_alphas": "0,0.01"})
    [train] = [b for b in at.button if b.label == "학습"]
    train.click().run()
    wait_for_run(at)
    assert not at.exception
    assert at.get("plotly_chart")
    assert [run for text in page_texts(at) for run in english_runs(text)] == []


def test_string_tables_are_complete():
    for key, (english, korean) in STRINGS.items():
        assert english.strip() and korean.strip(), key
        assert placeholder_names(english) == placeholder_names(korean), key  # forms aside: {n|epoch}


def test_every_control_and_option_has_a_label():
    for field in FIELD.values():
        assert f"field.{field.name}" in STRINGS, field.name
        for key in field.option_labels() if field.name != "lang" else ():
            assert key in STRINGS, (field.name, key)
    for page, presets in PRESETS.items():
        for name in presets:
            assert f"preset.{name}" in STRINGS, (page, name)


@pytest.mark.parametrize("page", PAGES)
def test_the_share_dialog_gives_this_scene_its_scenes_and_its_files(page):
    rng = random.Random(11)
    scene = random_scene(page, rng)
    if page == "network":
        scene["n_epochs"] = min(scene["n_epochs"], 5)
    at = open_page(page, encode(scene))
    links = lambda: [c.value for c in at.code if c.value.startswith("http")]  # noqa: E731
    assert not links()  # built only when opened
    at.button(key=f"share_{page}").click().run()
    assert not at.exception, at.exception
    (link,) = links()
    path, _, query = link.partition("?")
    assert path.endswith("/" + url_path(page))
    linked = dict(parse_qsl(query))
    assert {k: parse(linked)[0][k] for k in scene} == scene  # the link is this scene
    listing = next(m.value for m in at.markdown if "?preset=" in m.value)
    assert all(f"?preset={name}" in listing for name in PRESETS[page])
    # the network page saves its curves once the session has trained (AppTest sessions share one
    # owner, so an earlier test's run counts: ask the service instead of assuming a fresh server)
    job = session_run()
    trained = job is not None and not job.lrs and job.snapshot is not None and job.snapshot.epochs_done > 0
    sweep_mode = scene.get("n_mode", "sweep") == "sweep"  # the lr × α grid mode has its heatmaps alone
    saves = {"landscape": 2, "sparsity": 1, "network": int(trained and sweep_mode)}[page]
    assert len([b for b in at.get("download_button") if b.proto.id and "export_" in b.proto.id]) == saves


@pytest.mark.parametrize("page", PAGES)
def test_a_link_edited_to_present_turns_the_presentation_view_on_and_off(page):
    at = open_page(page, {"lang": "en"})
    [switch] = [toggle for toggle in at.toggle if toggle.label == "Presentation view"]
    assert switch.value is False
    for present in ("1", "0"):
        at.query_params["present"] = present
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        [switch] = [toggle for toggle in at.toggle if toggle.label == "Presentation view"]
        assert switch.value is (present == "1")

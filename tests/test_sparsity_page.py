"""AppTest: the sparsity page runs without exception for defaults, every scene, random and extreme
controls, Korean and hostile URLs; what it says agrees with decayviz; its charts are finite."""

import random
import re

import helpers
import numpy as np
import pytest
from helpers import assert_charts_finite, chart_text, metrics, shown_controls
from streamlit.testing.v1 import AppTest
from support.scenes import random_scene

from decayviz.i18n import has
from decayviz.scenes import PRESETS
from decayviz.sparsity import coefficient_path, synthetic_problem
from decayviz.state import FIELD, defaults, page_fields

PAGE = "app_pages/sparsity.py"


def open_page(query: dict | None = None, lang: str | None = None) -> AppTest:
    """The sparsity page opened on a link with `query` (as a shared link would be)."""
    at = helpers.open_page("sparsity", query, lang)
    assert_healthy(at)
    return at


def assert_healthy(at: AppTest) -> None:
    """No exception, the one chart of the section shown, and no NaN or infinity in it."""
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 1
    assert_charts_finite(at)


def page_text(at: AppTest) -> str:
    """Everything the page wrote as text: markdown, captions and notices."""
    return "\n".join(e.value for kind in ("markdown", "caption", "info") for e in getattr(at, kind))


def shown_text(spec_json: str) -> str:
    """A chart's text as read: markup (bold, line breaks that wrap titles on a phone) removed."""
    return " ".join(re.sub(r"<[^>]+>", " ", chart_text(spec_json)).split())


def numbers(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"\*\*(\d+)", text)]


def show(at: AppTest, view: str) -> AppTest:
    at.radio(key="ctl_s_view").set_value(view).run()
    assert_healthy(at)
    return at


def test_defaults_show_what_decayviz_computes():
    at = open_page()
    assert at.title[0].value == "Many weights: where L1 makes exact zeros"
    problem = synthetic_problem(20, 200, 5, seed=0)
    optima = {
        kind: coefficient_path(problem.X, problem.y, kind, [0.1])[0] for kind in ("l1", "l2", "elasticnet")
    }
    readout = next(m.value for m in at.markdown if m.value.startswith("At α = 0.1"))
    assert numbers(readout) == [int(np.sum(w == 0.0)) for w in optima.values()]
    assert "at most n = 20" in readout  # 20 samples < 200 features
    assert len(at.get("plotly_chart")[0].proto.spec) <= 600_000

    show(at, "iterations")
    readout = next(m.value for m in at.markdown if m.value.startswith("After 300 steps"))
    proximal, subgradient, l2, grew = numbers(readout)
    assert 100 < proximal <= 200 and subgradient == 0 and l2 == 0
    assert f"**{grew} of 200 weights** end larger" in readout and grew > 0  # the data gradient's doing
    assert f"the exact optimum has {int(np.sum(optima['l1'] == 0.0))}" in readout

    show(at, "montecarlo")
    shares = metrics(at)
    assert shares["L2: a weight exactly 0"] == "0.0%"
    assert 65 < float(shares["L1: a weight exactly 0"].rstrip("%")) < 80

    show(at, "layer")
    assert "of 32 links are 0" in shown_text(at.get("plotly_chart")[0].proto.spec)
    assert any("of 32 links** are thinner" in m.value for m in at.markdown)


def test_korean():
    at = open_page({"s_view": "iterations"}, lang="ko")
    assert at.title[0].value == "많은 가중치: L1이 정확한 0을 만드는 곳"
    assert "▶ 재생" in shown_text(at.get("plotly_chart")[0].proto.spec)
    show(at, "montecarlo")
    assert "L1: 가중치가 정확히 0" in metrics(at)
    show(at, "paths")
    show(at, "layer")
    assert "벌점 없음" in shown_text(at.get("plotly_chart")[0].proto.spec)


def test_every_field_and_scene_has_its_words_in_both_languages():
    for field in page_fields("sparsity"):
        assert has(f"field.{field.name}")
        for key in field.option_labels():
            assert has(key)
    for name in PRESETS["sparsity"]:
        assert has(f"preset.{name}")


@pytest.mark.parametrize("preset", list(PRESETS["sparsity"]))
def test_every_scene_runs(preset):
    at = open_page()
    at.button_group(key="preset_sparsity").select(preset).run()
    assert_healthy(at)
    values = at.session_state["decayviz_values"]
    for name, value in {**defaults("sparsity"), **PRESETS["sparsity"][preset]}.items():
        assert values[name] == value
    if preset == "lasso_selects":  # 50 samples, α = 0.5: only the 5 true features survive
        readout = next(m.value for m in at.markdown if m.value.startswith("At α = 0.5"))
        assert numbers(readout)[0] == 195


def test_the_url_sets_the_page_and_bad_values_are_corrected():
    hostile = {
        "s_alpha": "-1e308",
        "s_features": "nan",
        "s_problem": "<script>alert(1)</script>",
        "s_losses": "1e99",
        "s_steps": "abc",
        "s_l1_ratio": "inf",
        "s_shape": "",
        "s_seed": "-5",
        "s_spread": "0x10",
        "s_samples": "2" * 400,
        "s_view": "../../etc/passwd",
    }
    at = open_page(hostile)
    values = at.session_state["decayviz_values"]
    assert values["s_alpha"] == FIELD["s_alpha"].options[0]
    assert values["s_features"] == FIELD["s_features"].default
    assert values["s_problem"] == "synthetic"
    assert values["s_losses"] == FIELD["s_losses"].hi
    assert values["s_l1_ratio"] == FIELD["s_l1_ratio"].hi
    assert values["s_seed"] == 0 and values["s_view"] == "paths"
    assert any("corrected" in i.value for i in at.info)
    assert "at most n" in page_text(open_page())  # by default 20 samples, 200 features
    at = open_page({"s_problem": "diabetes", "s_alpha": "0.05", "s_penalty": "elasticnet"})
    assert at.session_state["decayviz_values"]["s_problem"] == "diabetes"
    assert not any("corrected" in i.value for i in at.info)
    assert "at most n" not in page_text(at)  # 442 samples, 10 features


def random_values(rng: random.Random) -> dict:
    values = random_scene("sparsity", rng)
    values["s_steps"] = min(values["s_steps"], 600)  # keep the suite fast; extremes are tested apart
    return values


def test_random_controls_never_raise():
    """Many random settings in every section, set through the widgets shown, as a student would:
    first the controls that decide which others show, then every switch open, then the rest."""
    rng = random.Random(2024)
    at = open_page()
    for _ in range(16):
        values = random_values(rng)
        for first in ("s_view", "s_problem", "s_penalty"):
            shown = shown_controls(at)
            if first in shown:  # s_problem and s_penalty are not part of every section
                shown[first].set_value(values[first]).run()
        for switch in at.toggle:  # the switches that hide a group of sliders (not a control)
            if not switch.key.startswith("ctl_"):
                switch.set_value(True)
        at.run()
        shown = {name: w for name, w in shown_controls(at).items() if FIELD[name].page == "sparsity"}
        assert "s_view" in shown and len(shown) >= 3, sorted(shown)  # every section has its controls
        for name, widget in shown.items():
            widget.set_value(FIELD[name].widget_state(values[name]))
        at.run()
        assert_healthy(at)
        assert all(at.session_state["decayviz_values"][name] == values[name] for name in shown)


@pytest.mark.parametrize("end", ["lo", "hi"])
def test_extremes_in_every_corner(end):
    for view in FIELD["s_view"].options:
        open_page({**{f.name: str(f.extreme(end)) for f in page_fields("sparsity")}, "s_view": view})

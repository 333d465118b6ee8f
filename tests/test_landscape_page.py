"""AppTest: the app and the landscape page run without exception for defaults, every scene,
random controls, Korean, and bad URLs; and what they show agrees with decayviz."""

import json
import random

import numpy as np
import pytest
from helpers import assert_finite, metrics, open_page
from streamlit.testing.v1 import AppTest
from support.scenes import random_scene

from decayviz.figures import decode
from decayviz.figures.landscape import FRAMES, STEP_GROUP, landscape_figure, loss_terms_figure
from decayviz.i18n import t
from decayviz.scene import build_scene
from decayviz.scenes import PRESETS
from decayviz.state import FIELD, defaults, page_fields


def run_app(query: dict | None = None) -> AppTest:
    return open_page("landscape", query)


def test_app_opens_on_the_landscape_page_with_defaults():
    at = run_app()
    assert at.title[0].value == "Weight decay on a 2\u2011D loss landscape"  # a non-breaking hyphen
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    shown = metrics(at)
    assert shown["Exact optimum Ŵ(α)"] == "(1.024, 0.4586)"
    assert shown["PyTorch weight_decay = 2α"] == "1"
    assert not at.error


@pytest.mark.parametrize("preset", list(PRESETS["landscape"]))
def test_every_scene_runs(preset):
    at = run_app()
    at.button_group(key="preset_landscape").select(preset).run()
    assert not at.exception
    for name, value in PRESETS["landscape"][preset].items():
        assert at.session_state["decayviz_values"][name] == value
    if preset == "diverges":  # the table's last point is the one before the step that diverged
        [said] = [e.value for e in at.error if "Diverged at step" in e.value]
        step = int(said.split("step ")[1].split(":")[0])
        assert f"Last point before it diverged, after {step - 1} steps" in metrics(at)
    if preset == "l1_zero":
        assert metrics(at)["Exact optimum Ŵ(α)"].endswith(", 0)")
    if preset == "adam_vs_adamw":
        assert any("1/(2α) = 1" in i.value and "away from it" in i.value for i in at.info)


def test_labels_follow_the_penalty():
    """weight_decay only for an L2 part, with its value; L1 goes into the loss; AdamW with L1 is Adam."""
    shown = metrics(run_app({"penalty": "elasticnet", "alpha": "1.0", "l1_ratio": "0.25"}))
    assert shown["PyTorch weight_decay = 2α(1 − l1_ratio), the L2 part"] == "1.5"
    at = run_app({"penalty": "l1", "alpha": "2.0", "opt": "adamw"})
    shown = metrics(at)
    assert "PyTorch weight_decay = 2α" not in shown
    assert shown["PyTorch weight_decay"] == "none: L1 goes into the loss"
    assert shown["Where Ŵ(α) touches the ball"] == "a corner: w₂ = 0"
    assert any("AdamW takes exactly the same steps as Adam" in i.value for i in at.info)
    assert not any("compare:" in str(c.proto.spec) for c in at.get("plotly_chart"))  # no companion
    assert "Adam + L2" not in str(at.radio(key="ctl_opt").options)


def test_each_rule_explains_its_own_divergence():
    at = run_app({"penalty": "l2", "alpha": "2.0", "opt": "adamw", "lr": "1.0"})
    assert any("decay factor" in e.value and "lr < 2/weight_decay = 0.5" in e.value for e in at.error)
    at = run_app({"opt": "momentum", "lr": "0.7"})
    assert any("2(1 + μ)/(κ + 2α) = 0.543" in e.value for e in at.error)
    at = run_app({"penalty": "l2", "alpha": "1.0", "opt": "proximal", "lr": "0.7", "lang": "ko"})
    assert any("2/(κ − 2α) = 0.5" in e.value and "발산" in e.value for e in at.error)
    at = run_app({"opt": "nesterov", "lr": "0.5"})  # 2(1.9)/(2.8·(6 + 1)) = 0.194
    assert any("Nesterov" in e.value and "= 0.194" in e.value for e in at.error)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_rule_is_shown_as_its_chain_with_the_penalty_marked(lang):
    """Adam + L2 adds the decay before Adam's scaling, AdamW after it: the same pieces in another
    order, the penalty's piece in bold, in both languages; Nesterov's chain has its momentum."""
    step = {name: t(f"rule.step.{name}", lang) for name in ("gradient", "decay", "adam", "step", "nesterov")}
    decay = f"**{step['decay']}**"

    def chain(opt):
        at = run_app({"opt": opt, "penalty": "l2", "lang": lang})
        return next(c.value for c in at.caption if t(f"choice.opt.{opt}", lang) in c.value)

    assert f"{step['gradient']} + {decay} → {step['adam']} → {step['step']}" in chain("adam")
    assert f"{step['gradient']} → {step['adam']} + {decay} → {step['step']}" in chain("adamw")
    assert f"{step['gradient']} + {decay} → {step['nesterov']} → {step['step']}" in chain("nesterov")


def test_chatter_box_only_where_a_weight_is_zero():
    at = run_app({"penalty": "l1", "alpha": "0.5", "opt": "gd"})
    assert not any("hops back and forth" in i.value for i in at.info)
    at = run_app({"preset": "chatter"})
    assert any("hops back and forth" in i.value for i in at.info)


def test_the_distance_readout_never_repeats_t():
    """With L2, ‖Ŵ(α)‖₂ is t itself, already shown: the distance readout gives what t is of ‖W*‖₂
    instead. With L1 and the elastic net, t is another size and ‖Ŵ(α)‖₂ a number of its own."""
    w_star = np.hypot(2.0, 1.0)  # the default W* = (2, 1)
    for lang in ("en", "ko"):
        shown = metrics(run_app({"penalty": "l2", "alpha": "0.5", "lang": lang}))
        radius = float(shown[t("landscape.readout.radius.l2", lang)])
        share = f"{radius / w_star:.0%}"
        distance = shown[t("landscape.readout.norm_l2", lang)]
        assert distance == (f"{share} of 2.24" if lang == "en" else f"2.24의 {share}")
    assert t("landscape.readout.norm_l2", "en") == "Distance from the origin t, against ‖W*‖₂"
    shown = metrics(run_app({"penalty": "l1", "alpha": "0.5"}))
    optimum = np.array([float(x) for x in shown["Exact optimum Ŵ(α)"].strip("()").split(",")])
    assert np.abs(optimum).sum() == pytest.approx(float(shown["Radius t = ‖Ŵ‖₁"]), rel=1e-3)
    distance = shown["Distance from the origin ‖Ŵ(α)‖₂, against ‖W*‖₂"]
    assert distance.startswith(f"{np.linalg.norm(optimum):.3g} (") and distance.endswith(f" of {w_star:.3g})")


def test_korean():
    at = run_app({"lang": "ko"})
    assert at.title[0].value == "2차원 손실 지형 위의 가중치 감쇠"
    assert "정확한 최적점 Ŵ(α)" in metrics(at)


def test_the_url_sets_the_scene_and_bad_values_are_corrected():
    at = run_app({"penalty": "l1", "alpha": "2.0", "opt": "proximal", "lr": "banana", "steps": "1e999"})
    values = at.session_state["decayviz_values"]
    assert (values["penalty"], values["alpha"], values["opt"]) == ("l1", 2.0, "proximal")
    assert values["lr"] == FIELD["lr"].default and values["steps"] == FIELD["steps"].hi
    assert any("corrected" in i.value for i in at.info)


def random_values(rng: random.Random) -> dict:
    values = random_scene("landscape", rng)
    values["steps"] = min(values["steps"], 600)  # keep the suite fast; extremes are tested apart
    return values


def test_random_controls_never_raise():
    """Many random scenes, set through the widgets; extreme learning rates included."""
    rng = random.Random(2024)
    at = run_app()
    for _ in range(12):
        values = random_values(rng)
        at.radio(key="ctl_penalty").set_value(values["penalty"])
        for switch in ("landscape_loss", "landscape_start"):  # the loss and start sliders behind them
            at.toggle(key=switch).set_value(True)
        at.run()
        for name, value in values.items():
            if name == "penalty" or (name == "l1_ratio" and values["penalty"] != "elasticnet"):
                continue
            if name == "alpha" and values["penalty"] == "none":
                continue
            getattr(at, FIELD[name].widget)(key=f"ctl_{name}").set_value(value)
        at.run()
        assert not at.exception, (values, at.exception)
        for chart in at.get("plotly_chart"):
            assert_finite(chart.proto.spec)


def test_extremes_in_every_corner():
    """The corners of the control table at once: largest steps, largest learning rate, α = 10."""
    extremes = {f.name: f.extreme("hi") for f in page_fields("landscape")}
    for opt in FIELD["opt"].options:
        at = run_app({**{k: str(v) for k, v in extremes.items()}, "opt": opt, "steps": "5000"})
        assert not at.exception
        for chart in at.get("plotly_chart"):
            assert_finite(chart.proto.spec)


def test_the_chart_holds_the_trajectory():
    """The head of the animation at its last frame is the last weights the page reports."""
    at = run_app({"penalty": "l1", "alpha": "2.0", "opt": "proximal"})
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    head = spec["data"][-1]
    steps = [frame for frame in spec["frames"] if frame["group"] == STEP_GROUP]  # not the α frames
    last_frame = steps[-1]["data"][1]
    assert np.allclose(decode(head["x"]), decode(last_frame["x"]))
    assert decode(head["y"])[0] == 0.0  # the exact zero survives the trip to the chart
    assert len(steps) <= FRAMES


ROUND = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)  # steps a reader counts in


@pytest.mark.parametrize("steps", [10, 200, 300, 730, 800, 3000, 5000])
def test_the_step_slider_stops_at_round_steps(steps):
    """0, 5, 10, … or 0, 20, 40, …, and the last step: whichever stops plotly.js labels, they read
    as round numbers (0, 14, 27, … did not)."""
    figure = landscape_figure(build_scene(defaults("landscape") | {"steps": steps}), "en")
    stops = [int(stop["label"]) for stop in figure["layout"]["sliders"][0]["steps"]]
    stride = stops[1]
    assert stride in ROUND and stops == [*range(0, steps, stride), steps]
    finer = [r for r in ROUND if r < stride]  # each would need more stops than FRAMES
    assert len(stops) <= FRAMES and all(-(-steps // r) + 1 > FRAMES for r in finer)
    frames = [frame["name"] for frame in figure["frames"] if frame["group"] == STEP_GROUP]
    assert frames == [str(s) for s in stops]


def test_the_radius_axis_has_its_own_round_ticks():
    """The trade-off's t axis overlays the data-loss axis; synced to its ticks it read 0.439, 0.878."""
    layout = loss_terms_figure(build_scene(defaults("landscape")), "en")["layout"]
    assert layout["yaxis3"]["overlaying"] == "y2" and layout["yaxis3"]["tickmode"] == "auto"


def test_defaults_are_valid_widget_values():
    for name, value in defaults("landscape").items():
        assert FIELD[name].is_valid(value), name


def test_loss_and_start_sliders_sit_behind_switches_that_say_their_values():
    at = run_app()
    loss = at.toggle(key="landscape_loss")
    assert not loss.value and loss.label.startswith("Data loss: W* = (2, 1), curvatures 1 and 6")
    assert not [s for s in at.slider if s.key == "ctl_wx"]  # not drawn while the switch is off
    loss.set_value(True).run()
    at.slider(key="ctl_wx").set_value(-1.5).run()
    assert at.toggle(key="landscape_loss").label.startswith("Data loss: W* = (-1.5, 1)")  # at once
    at.toggle(key="landscape_loss").set_value(False).run()
    assert not [s for s in at.slider if s.key == "ctl_wx"]
    assert at.toggle(key="landscape_loss").label.startswith("Data loss: W* = (-1.5, 1)")  # still in force
    assert at.query_params["wx"] in ("-1.5", ["-1.5"])  # and in the link
    # A link that sets the start opens its switch; the loss's stays shut.
    linked = run_app({"w0x": "1.5"})
    assert linked.toggle(key="landscape_start").value and not linked.toggle(key="landscape_loss").value
    assert linked.slider(key="ctl_w0x").value == 1.5


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_main_chart_still_loading_says_so_in_the_pages_language(lang):
    """While plotly.js loads (seconds on a phone's first visit) Streamlit holds the chart's place
    with a bare grey box: the page's style has it say what is coming (looked at in Chromium with
    its CPU slowed 6×: the main chart's box reads the words, the other loading widgets do not)."""
    at = open_page("landscape", lang=lang)
    styles = "".join(element.proto.body for element in at.get("html"))
    words = t("ui.chart_loading", lang)
    rule = f'html[lang="{lang}"] :is(.st-key-main_chart, .st-key-section_chart, .st-key-curves_chart) '
    assert f'{rule}[data-testid="stSkeleton"]::after {{ content: "{words}";' in styles

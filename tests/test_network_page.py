"""AppTest: the network page trains short sweeps without exception in English and Korean, for
every scene and random controls; results stay when a view changes; a run waiting for a place
says so and starts by itself; the time limit and Stop keep what was trained; the page opens with
the default scene trained in the background."""

import random
import re
import subprocess
import sys
import time

import pytest
from helpers import APP, TIMEOUT, open_page, session_run, wait_for_run, wait_until
from streamlit.testing.v1 import AppTest

from decayviz.i18n import t
from decayviz.scenes import PRESETS
from decayviz.state import FIELD, encode, page_fields
from decayviz.training import SweepConfig, worker
from decayviz.training.options import METRICS, SERVER_TRAININGS
from decayviz.ui import training

SHORT = {"n_epochs": "2", "n_hidden": "16.0"}  # keeps every run here well under a second or two


def network_page(query: dict[str, str]) -> AppTest:
    """The app opened on a link to the network page with `query` (English unless it says)."""
    return open_page("network", query, lang=query.get("lang", "en"))


def open_view(at: AppTest, view: str, lang: str = "en") -> AppTest:
    """Open one of the page's views (st.tabs' state is the open tab's label), as a click does."""
    at.session_state["network_view"] = t(f"network.tab.{view}", lang)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def click(at: AppTest, label: str, wait: bool = True) -> AppTest:
    """Press a button; with `wait`, wait for the session's run to finish and look again (as the
    page's live view does by itself in a browser)."""
    [button] = [b for b in at.button if b.label == label]
    button.click().run()
    assert not at.exception, [e.message for e in at.exception]
    if wait:
        finished(at)
    return at


def finished(at: AppTest) -> AppTest:
    wait_for_run(at, TIMEOUT)
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_trains_in_korean_and_shows_every_view():
    at = network_page({"lang": "ko", **SHORT, "n_dataset": "moons"})
    click(at, "학습")
    run = session_run()
    assert run.status == worker.DONE and run.epochs_done == 2
    assert "2 에폭" in at.success[0].value
    assert [chart.key for chart in at.get("plotly_chart")] == ["curves", "sweep"]  # the first view's
    for view, chart in [("weights", "histograms"), ("boundary", "boundary")]:
        keys = [chart.key for chart in open_view(at, view, "ko").get("plotly_chart")]
        assert keys == ["curves", chart]  # only the open view is drawn
    assert not at.code
    assert any("def param_groups" in code.value for code in open_view(at, "code", "ko").code)


def default_scene_trained() -> None:
    """Wait for the process's default scene (trained in the background once a page opened), as a
    browser's live view waits for it: the page then shows its charts before any Train."""
    from decayviz.ui import training

    deadline = time.monotonic() + 120
    while training.default_result() is None:
        assert time.monotonic() < deadline, "the default scene was not trained within 2 minutes"
        time.sleep(0.05)


def test_the_open_view_stays_open_when_the_language_changes():
    network_page({"lang": "en"})  # the first page of the process starts the default scene's training
    default_scene_trained()
    at = open_view(network_page({"lang": "en"}), "weights")
    assert "histograms" in [chart.key for chart in at.get("plotly_chart")]
    at.radio(key="ctl_lang").set_value("ko").run()
    assert not at.exception
    assert at.session_state["network_view"] == t("network.tab.weights", "ko")
    assert "histograms" in [chart.key for chart in at.get("plotly_chart")]


def test_changing_a_view_does_not_retrain():
    at = open_view(click(network_page({"lang": "en", **SHORT}), "Train"), "code")
    trainer = session_run().trainer
    at.select_slider(key="ctl_n_code_alpha").set_value(0.01).run()
    assert not at.exception
    assert session_run().trainer is trainer and session_run().epochs_done == 2
    assert any("alpha=0.01" in code.value for code in at.code)


def test_a_run_trained_with_other_settings_says_so_above_its_charts():
    """A scene picked (or a control moved) after Train: the charts still show the run trained, and
    its status box above them says so (it had said so in a caption under the curves, below a
    projector's fold, with a green "Trained … in … s" alone at the top)."""
    at = click(network_page({"lang": "en", **SHORT}), "Train")
    changed = t("network.settings_changed", "en")
    assert changed not in [info.value for info in at.info]
    at.select_slider(key="ctl_n_lr").set_value(0.3).run()
    assert not at.exception
    shown = [element for element in at.main if element.type in ("info", "success", "plotly_chart")]
    said = [i for i, element in enumerate(shown) if changed in str(getattr(element, "value", ""))]
    assert said == [0] and shown[0].type == "info" and "Trained 2 epochs" in shown[0].value  # one box
    assert not at.success
    assert session_run().config.lr != 0.3  # nothing retrained: the charts are the first run's


def test_continue_with_a_new_alpha():
    at = click(network_page({"lang": "en", **SHORT, "n_alphas": "0.0,0.1"}), "Train")
    at.multiselect(key="ctl_n_alphas").select(0.01).run()
    click(at, "Continue with these α (+2 epochs)")
    run = session_run()
    assert run.alphas == (0.0, 0.01, 0.1) and run.epochs_done == 4
    assert any("continued from the network" in caption.value for caption in at.caption)


def test_nesterov_trains_and_its_script_uses_torch_optims_nesterov():
    """The network page's "nesterov": SGD with Nesterov momentum, 0.9 unless the slider says
    otherwise; the momentum slider is live for it, and the script names torch.optim's twin."""
    at = network_page({"lang": "en", **SHORT, "n_opt": "nesterov"})
    assert not at.slider(key="ctl_n_momentum").disabled
    click(at, "Train")
    run = session_run()
    assert run.epochs_done == 2 and run.snapshot.config.momentum == 0.9
    open_view(at, "code")
    assert any("optimizer_keywords={'momentum': 0.9, 'nesterov': True}" in code.value for code in at.code)


@pytest.mark.parametrize("scene", list(PRESETS["network"]))
def test_every_scene_trains(scene):
    values = {**PRESETS["network"][scene], "n_epochs": 2}
    at = network_page({"lang": "en", **encode(values)})
    click(at, "Train")
    assert session_run().epochs_done == 2


def random_query(rng: random.Random) -> dict[str, str]:
    """Random valid values for every control of the page, with runs kept short."""
    values = {}
    for field in page_fields("network"):
        values[field.name] = field.random_value(rng)
    values["n_alphas"] = tuple(rng.sample(values["n_alphas"], min(4, len(values["n_alphas"]))))
    values["n_alphas"] = tuple(sorted(values["n_alphas"]))
    values["n_epochs"] = rng.randint(1, 3)
    values["n_hidden"] = min(values["n_hidden"], 64)
    return encode(values)


@pytest.mark.parametrize("seed", range(6))
def test_random_controls(seed):
    at = network_page({"lang": random.Random(seed).choice(["en", "ko"]), **random_query(random.Random(seed))})
    label = "학습" if at.session_state["decayviz_values"]["lang"] == "ko" else "Train"
    click(at, label)
    assert session_run().status == worker.DONE


def test_bad_url_values_are_corrected_with_a_notice():
    at = network_page({"lang": "en", "n_epochs": "99999", "n_alphas": "-3,abc", "n_opt": "lbfgs"})
    assert at.info and "corrected" in at.info[0].value
    assert at.session_state["decayviz_values"]["n_epochs"] == FIELD["n_epochs"].hi


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_hand_edited_alpha_list_says_why_values_moved_or_went(lang):
    """Only the page's α grid is offered: a link's α move to the nearest of it, unreadable ones go,
    and the notice says so (it named only the result); a long value is quoted cut, with "…"."""
    given = "1,2,x,-3," + "0" * 60
    at = network_page({"lang": lang, "n_alphas": given})
    [notice] = [i.value for i in at.info if "1,2,x,-3" in i.value]
    grid = ", ".join(f"{a:g}" for a in FIELD["n_alphas"].options)
    assert f"1,2,x,-3,{'0' * 30}…” → 0, 1, 3 " in notice
    # 2 lies as far from 1 as from 3 on a line; on the grid's log scale 3 is nearer (log 1.5 < log 2);
    # -3 is below half the smallest positive α, which goes to the grid's 0
    low = f"{min(a for a in FIELD['n_alphas'].options if a > 0) / 2:g}"
    if lang == "en":
        assert (
            f"(each value moves to the nearest of {grid} on a log scale, one below {low} to 0; "
            "unreadable ones are left out)"
        ) in notice
    else:
        assert f"가운데 로그 눈금에서 가장 가까운 값으로, {low}보다 작은 값은 0으로 바뀌고," in notice
    assert at.session_state["decayviz_values"]["n_alphas"] == (0.0, 1.0, 3.0)


def test_a_full_server_queues_the_run_and_starts_it_by_itself():
    trainings = training.service()
    blockers = [
        trainings.submit(f"other-{i}", SweepConfig(hidden=256, depth=3, batch_size=16), (0.0,), 200)
        for i in range(SERVER_TRAININGS)
    ]
    try:
        at = click(network_page({"lang": "en", **SHORT}), "Train", wait=False)
        assert session_run().status == worker.QUEUED and session_run().trainer is None
        assert "number 1 in line" in at.info[0].value
        at.run()  # reruns change nothing
        assert session_run().status == worker.QUEUED
    finally:
        for i in range(SERVER_TRAININGS):
            trainings.stop(f"other-{i}")
    finished(at)  # nobody pressed anything again
    assert session_run().status == worker.DONE and session_run().epochs_done == 2
    deadline = time.monotonic() + TIMEOUT  # a stopped blocker ends with its current epoch
    while not all(blocker.finished for blocker in blockers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(blocker.status == worker.STOPPED for blocker in blockers)


def test_a_waiting_run_shows_its_place_in_line_alone_and_its_progress_once_it_trains():
    """No "Epoch 0 of 200 · 0.00 s" beside "number 1 in line": the counter appears with the training."""
    trainings = training.service()
    for i in range(SERVER_TRAININGS):  # every place taken by long trainings
        trainings.submit(f"other-{i}", SweepConfig(hidden=256, depth=3, batch_size=16), (0.0,), 200)
    long_run = {"lang": "en", **SHORT, "n_epochs": "200", "n_hidden": "256.0"}  # training when looked at
    try:
        at = click(network_page(long_run), "Train", wait=False)
        assert session_run().status == worker.QUEUED
        assert "number 1 in line" in at.info[0].value and not at.progress
    finally:
        for i in range(SERVER_TRAININGS):
            trainings.stop(f"other-{i}")
    run = session_run()
    wait_until(lambda: run.epochs_done >= 1, "the waiting run never started", TIMEOUT, poll=0.01)
    at.run()
    [bar] = at.progress
    assert bar.text.startswith("Epoch ") and not any("in line" in info.value for info in at.info)
    click(at, "Stop")


def shown_seconds(at: AppTest) -> float:
    """The training time the finished message shows."""
    [done] = at.success
    return float(re.search(r" in ([\d.]+) s", done.value)[1])


def test_the_time_shown_goes_on_across_continue():
    """After Continue the finished run's time goes on from where it was, never back to 0: it is
    the run's whole training time, as the progress line counts it (only the time limit counts
    per press). A finished run shows its message, not a full progress bar as well."""
    at = click(network_page({"lang": "en", **SHORT, "n_epochs": "10"}), "Train")
    before = shown_seconds(at)
    assert not at.progress
    click(at, "Continue with these α (+10 epochs)")
    run = session_run()
    assert run.epochs_done == 20
    assert shown_seconds(at) > before
    assert shown_seconds(at) == pytest.approx(run.total_seconds, abs=0.005)
    assert not at.progress


def test_leaving_the_page_withdraws_a_waiting_run_but_not_a_training_one():
    trainings = training.service()
    for i in range(SERVER_TRAININGS):  # every place taken by long trainings
        trainings.submit(f"other-{i}", SweepConfig(hidden=256, depth=3, batch_size=16), (0.0,), 200)
    try:
        at = click(network_page({"lang": "en", **SHORT}), "Train", wait=False)
        waiting = session_run()
        assert waiting.status == worker.QUEUED
        at.switch_page("app_pages/sparsity.py").run()
        assert not at.exception
        assert waiting.status == worker.STOPPED and trainings.place(waiting) is None
    finally:
        for i in range(SERVER_TRAININGS):
            trainings.stop(f"other-{i}")
    at.switch_page("app_pages/network.py").run()  # back: the page says what became of the request
    assert any("Nothing was trained" in info.value and "Train" in info.value for info in at.info)
    assert not any("Stopped after" in info.value for info in at.info)
    click(at, "Train", wait=False)
    training_one = session_run()
    wait_until(lambda: training_one.status == worker.RUNNING or training_one.finished, "it never started",
               TIMEOUT, poll=0.01)  # fmt: skip
    at.switch_page("app_pages/sparsity.py").run()  # a training run goes on
    wait_for_run(at)
    assert training_one.status == worker.DONE and training_one.epochs_done == 2


def test_the_time_limit_keeps_what_was_trained(monkeypatch):
    monkeypatch.setattr(training.service(), "run_seconds", 1e-9)  # stop after the first epoch
    at = click(network_page({"lang": "en", **SHORT, "n_epochs": "50"}), "Train")
    assert session_run().status == worker.TIME_LIMIT and session_run().epochs_done == 1
    assert "limit" in at.warning[0].value and "each press" in at.warning[0].value
    [more] = [button for button in at.button if button.label.startswith("Continue")]
    assert not more.disabled  # as the message says, Continue trains further
    assert [chart.key for chart in at.get("plotly_chart")] == ["curves", "sweep"]  # what was trained


def test_stop_keeps_the_trained_networks():
    at = click(
        network_page({"lang": "en", **SHORT, "n_epochs": "200", "n_hidden": "256.0"}), "Train", wait=False
    )
    wait_until(lambda: session_run().epochs_done >= 2, "it never trained two epochs", TIMEOUT, poll=0.01)
    click(at, "Stop")
    run = session_run()
    assert run.status == worker.STOPPED and 2 <= run.epochs_done < 200
    assert any(f"Stopped after {run.epochs_done} epochs" in info.value for info in at.info)
    assert [chart.key for chart in at.get("plotly_chart")] == ["curves", "sweep"]  # what was trained


def test_pressing_train_twice_trains_once():
    # long enough to be still training at the second press (Train waits 0.3 s for a short run)
    at = click(network_page({"lang": "en", **SHORT, "n_epochs": "400"}), "Train", wait=False)
    first = session_run()
    assert not first.finished
    click(at, "Train")
    assert session_run() is first and first.epochs_done == 400


def test_the_page_opens_with_the_default_scene_trained_in_the_background():
    """The script never imports torch; a background thread does, once, and trains the default
    scene, which the page then shows (until the student trains their own), and only while the
    sidebar describes that scene."""
    code = (
        "import sys, time\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({APP!r}, default_timeout={TIMEOUT})\n"
        "at.run()\n"
        "at.switch_page('app_pages/network.py')\n"
        "at.run()\n"
        "assert not at.exception, at.exception\n"
        "from decayviz.ui import training\n"
        "deadline = time.monotonic() + 60\n"
        "while training.default_result() is None:\n"
        "    assert time.monotonic() < deadline\n"
        "    time.sleep(0.05)\n"
        "at.run()\n"
        "assert 'torch' in sys.modules\n"
        "assert [c.key for c in at.get('plotly_chart')] == ['curves', 'sweep'], 'no curves on open'\n"
        "assert any('default scene' in c.value for c in at.caption)\n"
        # another scene: not the default scene's curves under it, but a word to press Train
        "at.button_group(key='preset_network').select('n_overfit').run()\n"
        "assert not at.get('plotly_chart'), [c.key for c in at.get('plotly_chart')]\n"
        "assert any('Press **Train**' in i.value for i in at.info), [i.value for i in at.info]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=TIMEOUT)


def test_early_stopping_reports_the_kept_epoch_in_the_table_and_beside_the_script():
    query = {
        "lang": "en", "n_dataset": "moons", "n_epochs": "30", "n_early_stop": "true", "n_alphas": "0.0,0.01"
    }  # fmt: skip
    at = open_view(click(network_page({**query, "n_code_alpha": "0.01"}), "Train"), "code")
    result = session_run().snapshot
    kept = result.kept_epoch[1]
    assert kept is not None and 1 <= kept <= 30
    [shown] = [m.value for m in at.markdown if "early stopping" in m.value and "validation score" in m.value]
    assert f"epoch {kept} (of 30 epochs trained)" in shown
    assert f"validation score {result.final('val_accuracy')[1]:.4f}" in shown


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_results_table_holds_each_alphas_final_numbers(lang):
    """Under the sweep's chart, one row per α: its weight_decay (2α), the epoch kept by early
    stopping, each final metric as the run recorded it (of the kept epoch), and whether it
    trained or diverged. A static table, every column on a projector's page."""
    query = {
        "lang": lang,
        "n_dataset": "moons",
        "n_epochs": "12",
        "n_early_stop": "true",
        "n_alphas": "0.0,0.01,1.0",
    }
    at = click(network_page(query), t("network.train", lang))
    result = session_run().snapshot
    [table] = at.table
    shown = table.value
    assert list(shown.columns) == [
        t(key, lang) for key in ("column.alpha", "column.weight_decay", "column.kept_epoch")
    ] + [t(f"metric.{metric}", lang) for metric in METRICS] + [t("column.status", lang)]
    assert list(shown[t("column.alpha", lang)]) == ["0", "0.01", "1"]
    assert list(shown[t("column.weight_decay", lang)]) == ["0", "0.02", "2"]
    assert list(shown[t("column.kept_epoch", lang)]) == result.kept_epoch
    for metric in METRICS:
        expected = [round(value, 4) for value in result.final(metric)]
        assert list(shown[t(f"metric.{metric}", lang)]) == pytest.approx(expected, abs=0), metric
    assert list(shown[t("column.status", lang)]) == [t("status.ok", lang)] * 3


def test_a_diverged_alpha_is_said_under_the_status_and_its_curves_end_where_it_says():
    """The scene whose learning rate is too large: each diverged α gets a red note right under
    the status, above the charts, naming the epoch its curves end at (none when it diverged at
    once), which is where its recorded history ends."""
    at = click(network_page({"lang": "en", "preset": "n_diverges"}), "Train")
    result = session_run().snapshot
    runs = zip(result.alphas, result.diverged_at, result.history, strict=True)
    diverged = [(alpha, epoch, history) for alpha, epoch, history in runs if epoch]
    assert diverged, "the scene diverges"
    errors = [e.value for e in at.error]
    for alpha, epoch, history in diverged:
        [said] = [text for text in errors if text.startswith(f"α = {alpha:g}:")]
        if epoch == 1:
            assert "no curves" in said and history["val_loss"] == []
        else:
            assert f"end at epoch {epoch - 1}." in said and len(history["val_loss"]) == epoch - 1
    status = list(at.table[0].value[t("column.status", "en")])
    assert status == [
        t("status.diverged", "en", epoch=e) if e else t("status.ok", "en") for e in result.diverged_at
    ]
    order = [node.type for node in at.main if node.type in ("error", "plotly_chart")]
    assert "error" in order and order.index("error") < order.index("plotly_chart")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_adamws_weight_decay_is_explained_as_its_own_shrink(lang):
    """With AdamW chosen, the mapping box says AdamW's weight_decay shrinks the weights outside
    the adaptive step (network.mapping_l2_adamw), not that it adds λW to the gradient."""
    adamw = network_page({"lang": lang, "n_opt": "adamw"})
    sgd = network_page({"lang": lang, "n_opt": "sgd"})
    shown = {name: " ".join(info.value for info in at.info) for name, at in (("adamw", adamw), ("sgd", sgd))}
    adamw_says = t("network.mapping_l2_adamw", lang).split(". ")[1]  # the first is the penalty's gradient
    sgd_says = t("network.mapping_l2", lang).split(". ")[1]
    assert adamw_says in shown["adamw"] and adamw_says not in shown["sgd"]
    assert sgd_says in shown["sgd"] and sgd_says not in shown["adamw"]
    assert "(0.96, −1.92)" in shown["adamw"] and "(0.96, −1.92)" not in shown["sgd"]

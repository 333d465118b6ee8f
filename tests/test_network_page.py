"""AppTest: the network page trains short sweeps without exception in English and Korean, for
every scene and random controls; results stay when a view changes; the server-wide limit and the
time limit answer with a message instead of hanging."""

import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from decayviz.state import FIELD, PRESETS, encode, page_fields
from decayviz.ui import training

TIMEOUT = 120
APP = str(Path(__file__).resolve().parent.parent / "app.py")
SHORT = {"n_epochs": "2", "n_hidden": "16.0"}  # keeps every run here well under a second or two


def network_page(query: dict[str, str]) -> AppTest:
    """The app opened on the network page with `query` in its URL (set again after the first
    run, since the default page rewrites the address bar with its own values)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = query.get("lang", "en")
    at.run()
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("app_pages/network.py")
    at.run()
    assert not at.exception, at.exception
    return at


def click(at: AppTest, label: str) -> AppTest:
    [button] = [b for b in at.button if b.label == label]
    button.click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def run_of(at: AppTest) -> training.Run:
    return at.session_state[training.RUN_KEY]


def test_trains_in_korean_and_shows_every_view():
    at = network_page({"lang": "ko", **SHORT, "n_dataset": "moons"})
    assert not at.get("plotly_chart")  # nothing trained yet: no curves, no torch
    click(at, "학습")
    run = run_of(at)
    assert run.status == training.DONE and run.epochs_done == 2
    assert "2 에폭을" in at.success[0].value
    assert len(at.get("plotly_chart")) == 4  # curves, α sweep, histograms, decision boundaries
    assert any("def param_groups" in code.value for code in at.code)


def test_changing_a_view_does_not_retrain():
    at = click(network_page({"lang": "en", **SHORT}), "Train")
    trainer = run_of(at).trainer
    at.select_slider(key="ctl_n_code_alpha").set_value(0.01).run()
    assert not at.exception
    assert run_of(at).trainer is trainer and run_of(at).epochs_done == 2
    assert any("alpha=0.01" in code.value for code in at.code)


def test_continue_with_a_new_alpha():
    at = click(network_page({"lang": "en", **SHORT, "n_alphas": "0.0,0.1"}), "Train")
    at.multiselect(key="ctl_n_alphas").select(0.01).run()
    click(at, "Continue with these α (+2 epochs)")
    run = run_of(at)
    assert run.trainer.alphas == (0.0, 0.01, 0.1) and run.epochs_done == 4
    assert any("continued from the network" in caption.value for caption in at.caption)


@pytest.mark.parametrize("scene", list(PRESETS["network"]))
def test_every_scene_trains(scene):
    values = {**PRESETS["network"][scene], "n_epochs": 2}
    at = network_page({"lang": "en", **encode(values)})
    click(at, "Train")
    assert run_of(at).epochs_done == 2


def random_query(rng: random.Random) -> dict[str, str]:
    """Random valid values for every control of the page, with runs kept short."""
    values = {}
    for field in page_fields("network"):
        if field.kind in ("choice", "grid"):
            values[field.name] = rng.choice(field.options)
        elif field.kind == "bool":
            values[field.name] = rng.random() < 0.5
        elif field.kind == "multi":
            values[field.name] = tuple(sorted(rng.sample(field.options, rng.randint(1, 4))))
        else:
            values[field.name] = field.snap(rng.uniform(field.lo, field.hi))
    values["n_epochs"] = rng.randint(1, 3)
    values["n_hidden"] = min(values["n_hidden"], 64)
    return encode(values)


@pytest.mark.parametrize("seed", range(6))
def test_random_controls(seed):
    at = network_page({"lang": random.Random(seed).choice(["en", "ko"]), **random_query(random.Random(seed))})
    label = "학습" if at.session_state["decayviz_values"]["lang"] == "ko" else "Train"
    click(at, label)
    assert run_of(at).status == training.DONE


def test_bad_url_values_are_corrected_with_a_notice():
    at = network_page({"lang": "en", "n_epochs": "99999", "n_alphas": "-3,abc", "n_opt": "lbfgs"})
    assert at.info and "corrected" in at.info[0].value
    assert at.session_state["decayviz_values"]["n_epochs"] == FIELD["n_epochs"].hi


def test_a_full_server_asks_to_wait(monkeypatch):
    full = threading.BoundedSemaphore(1)
    full.acquire()
    monkeypatch.setattr(training, "_server_slots", lambda: full)
    at = click(network_page({"lang": "en", **SHORT}), "Train")
    assert run_of(at).status == training.BUSY and run_of(at).epochs_done == 0
    assert "Wait a few seconds" in at.warning[0].value
    full.release()
    click(at, "Continue with these α (+2 epochs)")
    assert run_of(at).status == training.DONE and run_of(at).epochs_done == 2


def test_the_time_limit_keeps_what_was_trained(monkeypatch):
    monkeypatch.setattr(training, "RUN_SECONDS", 1e-9)  # stop after the first epoch
    at = click(network_page({"lang": "en", **SHORT, "n_epochs": "50"}), "Train")
    assert run_of(at).status == training.TIME_LIMIT and run_of(at).epochs_done == 1
    assert "limit" in at.warning[0].value
    assert len(at.get("plotly_chart")) >= 3


def test_stop_keeps_the_trained_networks(monkeypatch):
    at = click(network_page({"lang": "en", **SHORT}), "Train")
    run = run_of(at)
    run.status, run.target_epochs = training.RUNNING, 1000  # as if the page were mid-run...
    monkeypatch.setattr(training, "drive", lambda on_epoch: None)  # ...between two epochs
    at.run()
    click(at, "Stop")
    assert run_of(at).status == training.STOPPED and run_of(at).epochs_done == 2
    assert any("Stopped after 2 epochs" in info.value for info in at.info)
    assert len(at.get("plotly_chart")) >= 3


def test_opening_the_page_does_not_import_torch():
    """torch (1.5 s) is imported by the first training, not by showing the page."""
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({APP!r}, default_timeout={TIMEOUT})\n"
        "at.run()\n"
        "at.switch_page('app_pages/network.py')\n"
        "at.run()\n"
        "assert not at.exception, at.exception\n"
        "assert 'torch' not in sys.modules, 'the page imported torch'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=TIMEOUT)

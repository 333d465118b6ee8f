"""The network page's lr × weight-decay grid: a grid job goes through the server's workers like a
sweep (same queue, Stop, snapshot), its result equals train_grid's; the heatmaps' spec (cells,
equal-lr·λ lines, best cell, diverged cell); what the caption claims, computed for the scene; and
the page trains and draws it in both languages."""

from __future__ import annotations

import math
import time

import numpy as np
import plotly.graph_objects as go
import pytest
from helpers import open_page, session_run, wait_for_run, wait_until

from decayviz.describe import grid_alt
from decayviz.figures.grid import best_cell, grid_figure, tau_lines
from decayviz.i18n import t
from decayviz.scenes import PRESETS
from decayviz.state import encode, sweep_request
from decayviz.training import SweepConfig, train_grid
from decayviz.training.grids import grid_config, start_grids
from decayviz.training.options import GRID_ALPHAS, GRID_LRS, GRID_OPTIMIZERS
from decayviz.training.result import GridResult
from decayviz.training.worker import DONE, QUEUED, STOPPED, Trainings
from decayviz.ui import training

TINY = SweepConfig(dataset="moons", hidden=8)
LRS, ALPHAS = (1e-3, 1e-2), (1e-4, 0.1)


class FakeSweep:
    """A sweep trainer whose epochs take `epoch_s`: keeps a worker busy for a known time."""

    def __init__(self, config, alphas, epoch_s=0.05):
        self.alphas, self.epochs_done, self.epoch_s = tuple(alphas), 0, epoch_s

    def train_epoch(self):
        time.sleep(self.epoch_s)
        self.epochs_done += 1

    def result(self):
        return ("sweep", self.epochs_done)


def test_a_grid_job_trains_both_optimizers_like_train_grid():
    service = Trainings(1, 60.0, FakeSweep, start_grid=start_grids)
    job = service.submit("a", TINY, ALPHAS, 3, lrs=LRS)
    assert service.wait(job, 60.0) and job.status == DONE, job.error
    assert job.epochs_done == 3 and len(job.snapshot) == len(GRID_OPTIMIZERS)
    for result, optimizer in zip(job.snapshot, GRID_OPTIMIZERS, strict=True):
        alone = train_grid("moons", LRS, ALPHAS, optimizer=optimizer, epochs=3, hidden=8)
        assert result.config.optimizer == optimizer and result.lrs == LRS and result.alphas == ALPHAS
        np.testing.assert_array_equal(result.final("val_accuracy"), alone.final("val_accuracy"))
        assert result.history == alone.history
    service.shutdown()


def test_a_grid_job_waits_in_the_same_queue_and_stops_after_an_epoch():
    built = []

    def slow_grids(config, lrs, alphas):
        grids = start_grids(config, lrs, alphas)
        built.append(grids)
        train = grids.train_epoch
        grids.train_epoch = lambda: (time.sleep(0.05), train())
        return grids

    service = Trainings(1, 60.0, FakeSweep, start_grid=slow_grids)
    sweep = service.submit("sweeper", TINY, ALPHAS, 20)
    wait_until(lambda: sweep.status != QUEUED, "the worker never took the sweep", poll=0.01)  # it comes first
    grid = service.submit("gridder", TINY, ALPHAS, 1000, lrs=LRS)
    assert grid.status == QUEUED and service.place(grid) == 1 and not built  # nothing built in line
    service.stop("sweeper")
    wait_until(lambda: grid.epochs_done >= 2, "the grid never trained two epochs", poll=0.01)
    service.stop("gridder")
    assert service.wait(grid, 30.0) and grid.status == STOPPED and sweep.status == STOPPED
    assert isinstance(grid.snapshot[0], GridResult) and grid.snapshot[0].epochs_done == grid.epochs_done
    extended = service.extend("gridder", ALPHAS, 1)  # Continue: the same cells, one more epoch
    assert extended is grid and service.wait(grid, 30.0) and grid.status == DONE
    assert grid.snapshot[1].epochs_done == grid.epochs_done and len(built) == 1
    service.shutdown()


def test_a_server_without_grids_says_so():
    service = Trainings(1, 60.0, FakeSweep)
    with pytest.raises(ValueError, match="no grids"):
        service.submit("a", TINY, ALPHAS, 1, lrs=LRS)
    with pytest.raises(ValueError, match="learning rate"):
        Trainings(1, 60.0, FakeSweep, start_grid=start_grids).submit("a", TINY, ALPHAS, 1, lrs=(0.0,))


def fake_grid(optimizer: str, values: np.ndarray, diverged=()) -> GridResult:
    """A GridResult whose final validation accuracies are `values` (NaN rows for `diverged`)."""
    lrs, alphas = GRID_LRS[: values.shape[0]], GRID_ALPHAS[: values.shape[1]]
    history = [[{"val_accuracy": [float(values[i, j])]} for j in range(len(alphas))] for i in range(len(lrs))]
    at = [[1 if (i, j) in diverged else None for j in range(len(alphas))] for i in range(len(lrs))]
    for i, j in diverged:
        history[i][j]["val_accuracy"] = []
    config = SweepConfig(optimizer=optimizer)
    return GridResult(config, lrs, alphas, history, at, 1)


def test_the_heatmaps_mark_the_best_cell_the_diverged_one_and_the_equal_lr_lambda_lines():
    values = np.arange(36, dtype=float).reshape(6, 6) / 40
    adam, adamw = fake_grid("adam", values, diverged={(5, 5)}), fake_grid("adamw", values)
    assert best_cell(adam) == (5, 4) and best_cell(adamw) == (5, 5)
    for result, best in ((adam, 4), (adamw, 5)):
        spec = grid_figure(result, "en")
        go.Figure(spec)  # a valid plotly figure
        assert t(f"grid.panel.{result.config.optimizer}", "en") in spec["layout"]["title"]["text"]
        [heat] = [trace for trace in spec["data"] if trace["type"] == "heatmap"]
        assert heat["z"][2][3] == pytest.approx(15 / 40) and heat["text"][2][3] == "38%"
        # each cell's number is a label on a chip, over the lines (annotations are drawn above
        # every trace), at its cell's centre
        labels = [a for a in spec["layout"]["annotations"] if a.get("bgcolor")]
        assert len(labels) == 36 and "texttemplate" not in heat
        x, y = math.log10(2 * GRID_ALPHAS[3]), math.log10(GRID_LRS[2])
        [label] = [a for a in labels if abs(a["x"] - x) < 1e-9 and abs(a["y"] - y) < 1e-9]
        assert label["text"] == "38%"
        crosses = [tr for tr in spec["data"] if tr.get("name") == t("grid.diverged", "en")]
        assert len(crosses) == (result is adam)
        [star] = [tr for tr in spec["data"] if tr.get("name") == t("grid.best", "en")]
        assert star["y"][0] == pytest.approx(math.log10(GRID_LRS[5]))
        assert star["x"][0] == pytest.approx(math.log10(2 * GRID_ALPHAS[best]))
        lines = [tr for tr in spec["data"] if tr.get("name") == t("grid.tau_lines", "en")]
        assert lines and all(  # each dashed line is a set of equal lr·λ: log lr + log λ constant
            abs((tr["x"][0] + tr["y"][0]) - (tr["x"][1] + tr["y"][1])) < 1e-12 for tr in lines
        )
        products = {round(tr["x"][0] + tr["y"][0], 9) for tr in lines}
        lambdas = [2 * a for a in GRID_ALPHAS]
        assert products == {round(math.log10(p), 9) for p in tau_lines(GRID_LRS, lambdas)}
    [heat] = [trace for trace in grid_figure(adam, "en")["data"] if trace["type"] == "heatmap"]
    assert heat["z"][5][5] is None and heat["text"][5][5] == "—"  # the diverged cell has no colour
    assert tau_lines((1e-4, 0.03), (2e-5, 2.0)) == [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2]


def test_the_text_alternative_names_the_best_cell():
    values = np.full((6, 6), 0.9)
    values[2, 3], values[:, 5] = 0.95, 0.1
    text = grid_alt(fake_grid("adam", values), "en")
    assert "Adam + L2 (coupled): best 95.0% at lr = 0.001, weight_decay = 0.02;" in text
    assert "6 of 36 cells below 50%" in text
    assert "6 learning rates × 6 weight decays after 1 epoch" in text
    assert "AdamW" in grid_alt(fake_grid("adamw", values), "ko")


@pytest.fixture(scope="module")
def scene() -> dict[str, GridResult]:
    """The grid scene's own grids, as the page trains them."""
    values = {**sweep_request_defaults(), **PRESETS["network"]["n_grid"]}
    config, _, epochs = sweep_request(values)
    config = grid_config(config)
    return {
        name: train_grid(config.dataset, GRID_LRS, GRID_ALPHAS, optimizer=name, epochs=epochs,
                         seed=config.seed, hidden=config.hidden, depth=config.depth,
                         batch_size=config.batch_size, decay_bias=config.decay_bias)
        for name in GRID_OPTIMIZERS
    }  # fmt: skip


def sweep_request_defaults() -> dict:
    from decayviz.state import defaults

    return defaults("network")


def test_the_scene_is_at_least_6_by_6_per_optimizer_on_digits():
    assert len(GRID_LRS) >= 6 and len(GRID_ALPHAS) >= 6 and GRID_OPTIMIZERS == ("adam", "adamw")
    assert sweep_request({**sweep_request_defaults(), **PRESETS["network"]["n_grid"]})[0].dataset == "digits"


def test_caption_adam_with_l2_fails_at_every_lr_once_lambda_reaches_0_2(scene):
    """The caption: with L2 in Adam's gradient, every lr fails once λ = 2α reaches 0.2."""
    accuracy = scene["adam"].final("val_accuracy")
    failing = [j for j, a in enumerate(GRID_ALPHAS) if 2 * a >= 0.2]
    assert failing and np.all(accuracy[:, failing] < 0.5)
    assert np.all(accuracy[:, : failing[0]] > 0.6)  # and not before: it is λ that decides


def test_caption_adamw_fails_nowhere_and_its_cost_follows_lr_times_lambda(scene):
    """The caption: AdamW has no failing cell, and what decay costs (against the smallest λ of the
    same lr) is largest where lr·λ is, and negligible (< 1 point) where lr·λ ≤ 1e-3."""
    accuracy = scene["adamw"].final("val_accuracy")
    assert np.all(accuracy >= 0.5)
    cost = accuracy[:, :1] - accuracy
    product = np.outer(GRID_LRS, [2 * a for a in GRID_ALPHAS])
    worst = np.unravel_index(np.argmax(cost), cost.shape)
    assert worst == np.unravel_index(np.argmax(product), product.shape)
    assert np.all(cost[product <= 1e-3] < 0.01)


def test_caption_the_best_cells_are_about_as_good(scene):
    best = [np.nanmax(scene[name].final("val_accuracy")) for name in GRID_OPTIMIZERS]
    assert abs(best[0] - best[1]) < 0.02


def test_the_page_trains_the_grid_scene_and_draws_both_heatmaps():
    for lang, train in (("en", "Train"), ("ko", "학습")):
        values = {**PRESETS["network"]["n_grid"], "n_epochs": 2}
        if session_run() is not None:  # AppTest sessions share one owner: start from no run
            training.service().release(session_run().owner)
        at = open_page("network", {**encode(values)}, lang=lang)
        assert at.slider(key="ctl_n_momentum").disabled and at.multiselect(key="ctl_n_alphas").disabled
        assert not at.get("plotly_chart")  # not the default scene's sweep: the grid is not trained yet
        assert any(t("grid.nothing_yet", lang, models=72) in info.value for info in at.info)
        [button] = [b for b in at.button if b.label == train]
        button.click().run()
        assert not at.exception, [e.message for e in at.exception]
        job = wait_for_run(at, 120.0)
        assert not at.exception and job.status == DONE and job.lrs == GRID_LRS and job.epochs_done == 2
        charts = at.get("plotly_chart")
        assert len(charts) == 2 and all('"heatmap"' in chart.proto.spec for chart in charts)
        assert any(t("grid.caption", lang)[:30] in c.value for c in at.caption)
        captions = [c.value for c in at.caption]  # its cells differ in lr too, not "each its own α"
        assert t("network.intro_grid", lang) in captions and t("network.intro", lang) not in captions
        # the grid trains on with its cells: its Continue names no α (a sweep's "with these α")
        labels = [b.label for b in at.button]
        assert t("network.continue_grid", lang, epochs=2) in labels
        assert t("network.continue", lang, epochs=2) not in labels
    training.service().release(session_run().owner)  # leave no grid run to the next test

"""decayviz.training: the α convention, parameter groups, the batched sweep against torch.optim,
the reproduction script, divergence, continuing with new α, and torch staying unimported.

Tolerances, stated once: with L2 (a smooth loss) every model of the batched sweep follows its
torch.optim twin to float32 rounding, so histories agree within SMOOTH (relative) and the
validation accuracy within one sample's worth. L1's gradient α·sign(W) jumps at 0: a weight that
rounding leaves on the other side of 0 takes another step, so L1 runs agree within NONSMOOTH.
"""

import itertools
import json
import subprocess
import sys

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from helpers import run_scripts

from decayviz.figures import decode
from decayviz.figures.network import (
    boundary_figure,
    curves_figure,
    filters_figure,
    histogram_figure,
    sweep_figure,
)
from decayviz.scenes import PRESETS
from decayviz.training import (
    DATASETS,
    METRICS,
    SweepConfig,
    param_groups,
    reproduction_script,
    train_grid,
    train_sweep,
)
from decayviz.training.data import SPLITS, load
from decayviz.training.engine import SweepTrainer
from decayviz.training.options import DEFAULT_RUN_SECONDS, run_seconds
from decayviz.training.reference import build_mlp, train_reference

SMOOTH = 1e-4
NONSMOOTH = 2e-2


def reference_histories(dataset: str, alphas, epochs: int, **keywords) -> list[dict]:
    data = load(dataset)
    return [
        train_reference(data.X_train, data.X_val, data.y_train, data.y_val, alpha, epochs=epochs, **keywords)
        for alpha in alphas
    ]


def assert_histories_match(batched: list[dict], reference: list[dict], tolerance: float, n_val: int) -> None:
    for mine, theirs in zip(batched, reference, strict=True):
        for metric in METRICS:
            ours, torchs = np.array(mine[metric]), np.array(theirs[metric])
            assert ours.shape == torchs.shape
            if metric == "val_accuracy":
                np.testing.assert_allclose(ours, torchs, atol=max(1.5 / n_val, tolerance), err_msg=metric)
            else:
                np.testing.assert_allclose(
                    ours, torchs, rtol=tolerance, atol=tolerance * 1e-2, err_msg=metric
                )


def test_importing_the_package_and_writing_a_script_do_not_import_torch():
    code = (
        "import sys, decayviz.training as tr, decayviz.state, decayviz.figures.network\n"
        "tr.reproduction_script('digits', 0.01)\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=str(__import__("pathlib").Path(__file__).parents[1])
    )


def test_param_groups_leave_biases_out_unless_asked():
    model = build_mlp(4, 8, 2, 3)
    weights, biases = param_groups(model, 0.2)
    assert weights["weight_decay"] == 0.2 and all(p.ndim == 2 for p in weights["params"])
    assert biases["weight_decay"] == 0.0 and all(p.ndim == 1 for p in biases["params"])
    assert len(weights["params"]) + len(biases["params"]) == len(list(model.parameters())) == 6
    _, biases = param_groups(model, 0.2, decay_bias=True)
    assert biases["weight_decay"] == 0.2


def test_sgd_weight_decay_is_the_gradient_of_half_lambda_norm_squared():
    """torch.optim.SGD(weight_decay=λ) takes the same step as plain SGD on L + (λ/2)‖W‖², so the
    chapter's α‖W‖² needs λ = 2α."""
    torch.manual_seed(0)
    decayed, penalized = build_mlp(5, 7, 1, 3), build_mlp(5, 7, 1, 3)
    penalized.load_state_dict(decayed.state_dict())
    inputs, labels = torch.randn(16, 5), torch.randint(0, 3, (16,))
    lam, lr = 0.3, 0.1
    optimizer = torch.optim.SGD(param_groups(decayed, lam), lr=lr)
    optimizer.zero_grad()
    torch.nn.functional.cross_entropy(decayed(inputs), labels).backward()
    optimizer.step()
    plain = torch.optim.SGD(penalized.parameters(), lr=lr)
    plain.zero_grad()
    weights = [p for p in penalized.parameters() if p.ndim == 2]
    loss = torch.nn.functional.cross_entropy(penalized(inputs), labels) + lam / 2 * sum(
        (w**2).sum() for w in weights
    )
    loss.backward()
    plain.step()
    for a, b in zip(decayed.parameters(), penalized.parameters(), strict=True):
        torch.testing.assert_close(a, b, rtol=1e-6, atol=1e-7)


def test_weight_norm_falls_as_alpha_grows():
    result = train_sweep("digits", (0.0, 0.001, 0.01, 0.1), epochs=5, hidden=32)
    norms = result.final("weight_norm")
    assert all(a > b for a, b in itertools.pairwise(norms)), norms


def test_l1_raises_the_share_of_near_zero_weights():
    l1 = train_sweep("digits", (0.0, 0.001, 0.01), penalty="l1", epochs=10, hidden=32, depth=0)
    shares = l1.final("sparsity")
    assert shares[0] < shares[1] < shares[2] and shares[2] > 0.2, shares
    l2 = train_sweep("digits", (0.01,), penalty="l2", epochs=10, hidden=32, depth=0)
    assert l2.final("sparsity")[0] < shares[2]  # same α, L2 shrinks but leaves few near 0


@pytest.mark.parametrize(
    ("dataset", "keywords"),
    [
        ("digits", {"optimizer": "sgd", "momentum": 0.9, "hidden": 32, "depth": 1}),
        ("digits", {"optimizer": "sgd", "hidden": 16, "depth": 2, "decay_bias": True, "batch_size": 100}),
        ("moons", {"optimizer": "adam", "lr": 0.01, "hidden": 16, "depth": 2, "batch_size": 16}),
        ("digits", {"optimizer": "adamw", "lr": 0.01, "hidden": 32, "depth": 1, "decay_bias": True}),
        ("highdim", {"optimizer": "sgd", "lr": 0.01, "depth": 0, "batch_size": 16}),
        ("digits", {"optimizer": "sgd", "momentum": 0.9, "hidden": 32, "depth": 2, "dropout": 0.5}),
        ("moons", {"optimizer": "adam", "lr": 0.01, "hidden": 16, "batch_size": 16, "dropout": 0.2}),
        ("digits", {"optimizer": "nesterov", "lr": 0.05, "hidden": 32, "depth": 1}),
        ("moons", {"optimizer": "nesterov", "momentum": 0.5, "hidden": 16, "depth": 2, "decay_bias": True}),
    ],
)
def test_batched_sweep_matches_torch_optim_per_model(dataset, keywords):
    alphas, epochs = (0.0, 0.003, 0.03, 0.3), 4
    result = train_sweep(dataset, alphas, epochs=epochs, **keywords)
    reference = reference_histories(dataset, alphas, epochs, **keywords)
    assert_histories_match(result.history, reference, SMOOTH, len(load(dataset).y_val))


@pytest.mark.parametrize("optimizer", ["sgd", "nesterov", "adamw"])
def test_batched_sweep_matches_torch_optim_with_l1(optimizer):
    alphas, epochs = (0.0, 0.001, 0.01), 4
    lr = 0.01 if optimizer == "adamw" else 0.1
    keywords = {"penalty": "l1", "optimizer": optimizer, "lr": lr, "hidden": 32, "depth": 1}
    result = train_sweep("digits", alphas, epochs=epochs, **keywords)
    reference = reference_histories("digits", alphas, epochs, **keywords)
    assert_histories_match(result.history, reference, NONSMOOTH, len(load("digits").y_val))


@pytest.mark.parametrize(
    ("optimizer", "keywords"),
    [
        ("adam", {"hidden": 16, "depth": 1}),
        ("adamw", {"hidden": 16, "depth": 2, "decay_bias": True, "batch_size": 100}),
        ("sgd", {"hidden": 16, "depth": 1, "momentum": 0.9}),
    ],
)
def test_every_grid_cell_matches_torch_optim_alone(optimizer, keywords):
    """train_grid: one batch, each cell with its own lr and α, each the same as that model trained
    alone with torch.optim."""
    lrs = (0.001, 0.01, 0.03) if optimizer != "sgd" else (0.01, 0.03, 0.1)
    alphas, epochs = (0.0, 0.003, 0.03), 3
    grid = train_grid("digits", lrs, alphas, optimizer=optimizer, epochs=epochs, **keywords)
    assert grid.final("val_accuracy").shape == (len(lrs), len(alphas))
    for i, lr in enumerate(lrs):
        reference = reference_histories("digits", alphas, epochs, optimizer=optimizer, lr=lr, **keywords)
        assert_histories_match(grid.history[i], reference, SMOOTH, len(load("digits").y_val))
        for j, cell in enumerate(grid.history[i]):
            assert grid.final("val_loss")[i, j] == cell["val_loss"][-1]
    assert len({tuple(row) for row in grid.final("train_loss")}) == len(lrs)  # the lrs differ


def test_a_diverged_grid_cell_has_no_final_value():
    grid = train_grid("digits", (0.01, 1.0), (0.0, 3.0), optimizer="sgd", momentum=0.9, epochs=2, hidden=16)
    final = grid.final("val_accuracy")
    assert np.isfinite(final[0]).all() and np.isfinite(final[1, 0]) and np.isnan(final[1, 1])
    assert grid.diverged_at == [[None, None], [None, 1]] and grid.history[1][1]["val_accuracy"] == []


REPRODUCTIONS = [
    ("digits", 0.01, {"optimizer": "sgd", "momentum": 0.9, "hidden": 32, "epochs": 3}),
    ("moons", 0.003, {"optimizer": "adamw", "lr": 0.01, "depth": 2, "hidden": 16, "epochs": 5}),
    ("digits", 0.001, {"momentum": 0.9, "hidden": 32, "depth": 2, "dropout": 0.3, "epochs": 3}),
    ("moons", 0.0, {"momentum": 0.9, "depth": 2, "batch_size": 16, "early_stopping": True, "epochs": 40}),
    ("digits", 0.01, {"optimizer": "nesterov", "lr": 0.05, "hidden": 32, "epochs": 3}),
    ("moons", 0.003, {"optimizer": "nesterov", "penalty": "l1", "depth": 2, "hidden": 16, "epochs": 5}),
]


def test_reproduction_scripts_match_the_app(tmp_path):
    """Each script, run on its own data by plain torch, prints what the app's sweep computed."""
    paths = []
    for index, (dataset, alpha, keywords) in enumerate(REPRODUCTIONS):
        paths.append(tmp_path / f"reproduce_{index}.py")
        paths[-1].write_text(reproduction_script(dataset, alpha, **keywords))
    lines = run_scripts(paths)
    assert len(lines) == len(REPRODUCTIONS), lines
    for line, (dataset, alpha, keywords) in zip(lines, REPRODUCTIONS, strict=True):
        case = f"{dataset} α={alpha} {keywords}"
        printed = json.loads(line)
        app = train_sweep(dataset, (0.0, alpha), **keywords)
        assert printed["train_loss"] == pytest.approx(app.final("train_loss")[1], rel=SMOOTH), case
        assert printed["val_accuracy"] == pytest.approx(
            app.final("val_accuracy")[1], abs=1.5 / len(load(dataset).y_val)
        ), case
        if keywords.get("early_stopping"):  # the script keeps the same epoch, and it is not the last
            assert printed["epoch"] == app.best_epoch[1] == app.kept_epoch[1] < keywords["epochs"], case


def test_near_divergence_the_script_and_the_app_drift_apart():
    """What the code tab says of its script: its steps are the app's up to float rounding, and in a
    run near divergence (the scene `n_diverges`, momentum 0.9 at lr 1 on digits, α = 0) that rounding
    grows until the final numbers differ: the same first epoch, then (since epoch 8) a final
    validation accuracy 16 images apart. In a long run it grows too (tests/test_questions.py trains
    the 60 epochs of `n_u_curve` both ways: their validation losses differ in the second digit)."""
    from decayviz.state import defaults, sweep_request

    config, alphas, epochs = sweep_request(defaults("network") | PRESETS["network"]["n_diverges"])
    keywords = config.keywords()
    dataset = keywords.pop("dataset")
    alpha = alphas[0]
    [app] = train_sweep(dataset, (alpha,), epochs=epochs, **keywords).history
    [script] = reference_histories(dataset, (alpha,), epochs, **keywords)
    assert app["train_loss"][0] == pytest.approx(script["train_loss"][0], rel=1e-5)
    n_val = len(load(dataset).y_val)
    apart = abs(app["val_accuracy"][-1] - script["val_accuracy"][-1]) * n_val
    assert apart > 1.5


def test_script_shows_the_parameter_groups_and_the_mapping():
    script = reproduction_script("digits", 0.05, optimizer="adam")
    assert (
        "def param_groups" in script and "weight_decay = 2 * alpha" in script and "torch.optim.Adam" in script
    )
    assert "alpha=0.05" in script and "import decayviz" not in script


@pytest.mark.parametrize(
    ("optimizer", "momentum", "expected"),
    [
        ("sgd", 0.0, ("SGD", {"momentum": 0.0})),
        ("sgd", 0.9, ("SGD", {"momentum": 0.9})),
        ("nesterov", 0.0, ("SGD", {"momentum": 0.9, "nesterov": True})),  # 0.9 unless given
        ("nesterov", 0.5, ("SGD", {"momentum": 0.5, "nesterov": True})),
        ("adam", 0.0, ("Adam", {})),
        ("adamw", 0.0, ("AdamW", {})),
    ],
)
def test_each_network_optimizer_names_its_torch_optim_twin(optimizer, momentum, expected):
    """The registry's torch.optim equivalent is what the script trains with, and says so."""
    config = SweepConfig(optimizer=optimizer, momentum=momentum)
    assert config.torch_optimizer() == expected
    script = reproduction_script("digits", 0.01, optimizer=optimizer, momentum=momentum)
    assert f"torch.optim.{expected[0]}(lr, weight_decay" in script
    assert f"optimizer={expected[0]!r}" in script and f"optimizer_keywords={expected[1]!r}" in script


def test_dropout_masks_are_the_same_for_every_alpha_and_change_the_run():
    """Same seed, same masks: with α = 0 twice the two copies are identical; dropout changes the
    training, and 0 leaves it exactly as without dropout."""
    keywords = {"epochs": 2, "hidden": 16, "depth": 2}
    twins = train_sweep("digits", (0.0, 0.0), dropout=0.5, **keywords)
    assert twins.history[0] == twins.history[1]
    plain = train_sweep("digits", (0.0,), **keywords)
    assert train_sweep("digits", (0.0,), dropout=0.0, **keywords).history == plain.history
    assert twins.history[0]["train_loss"] != plain.history[0]["train_loss"]
    other_seed = train_sweep("digits", (0.0,), dropout=0.5, seed=1, **keywords)
    assert other_seed.history[0]["train_loss"] != twins.history[0]["train_loss"]


def test_early_stopping_keeps_the_network_of_the_best_epoch():
    """best_epoch is the epoch of lowest validation loss, as in torch.optim's reference; with early
    stopping the run reports that epoch's numbers and keeps that epoch's weights (the same as a
    run that trained only that many epochs), while the curves go on to the end."""
    keywords = {"momentum": 0.9, "depth": 2, "batch_size": 16, "hidden": 32}
    alphas, epochs = (0.0, 0.003), 40
    result = train_sweep("moons", alphas, epochs=epochs, early_stopping=True, **keywords)
    reference = reference_histories("moons", alphas, epochs, **keywords)
    for index, history in enumerate(result.history):
        best = int(np.argmin(history["val_loss"])) + 1
        assert result.best_epoch[index] == best == reference[index]["best_epoch"][-1]
        assert len(history["val_loss"]) == epochs
        assert result.final("val_accuracy")[index] == history["val_accuracy"][best - 1]
    assert result.best_epoch[0] < epochs  # without decay the moons overfit: the best epoch is early
    shorter = train_sweep("moons", alphas, epochs=result.best_epoch[0], **keywords)
    np.testing.assert_array_equal(result.weights[0][0], shorter.weights[0][0])
    late = train_sweep("moons", alphas, epochs=epochs, **keywords)
    assert late.best_epoch == result.best_epoch and late.kept_epoch == [epochs, epochs]
    assert not np.array_equal(late.weights[0][0], result.weights[0][0])


@pytest.mark.parametrize(
    ("dataset", "keywords"),
    [
        ("digits", {"hidden": 32, "epochs": 3}),
        (
            "moons",
            {
                "depth": 2,
                "hidden": 32,
                "batch_size": 16,
                "momentum": 0.9,
                "early_stopping": True,
                "epochs": 40,
            },
        ),
        ("highdim", {"hidden": 16, "epochs": 3}),
    ],
)
def test_validation_losses_and_hits_are_each_samples_of_the_kept_network(dataset, keywords):
    """validation_losses: per network and validation sample, the loss torch.nn.functional computes
    (cross-entropy, or squared error) for an nn.Sequential holding the network the run keeps (with
    early stopping, its best epoch's); their mean is the recorded val_loss."""
    epochs = keywords.pop("epochs")
    config = SweepConfig(dataset=dataset, **keywords)
    trainer = SweepTrainer(config, (0.0, 0.01))
    for _ in range(epochs):
        trainer.train_epoch()
    losses, result = trainer.validation_losses(), trainer.result()
    data = load(dataset)
    X_val, y_val = torch.from_numpy(data.X_val), torch.from_numpy(data.y_val)
    parameters = trainer._parameters_of(trainer.kept_blocks)
    layers = len(parameters) // 2
    assert losses.shape == (2, len(y_val))
    for index in range(2):
        model = build_mlp(data.n_inputs, config.hidden, config.depth, data.n_outputs)
        linear = [module for module in model if isinstance(module, torch.nn.Linear)]
        with torch.no_grad():
            for number, module in enumerate(linear):
                module.weight.copy_(parameters[number][index])
                module.bias.copy_(parameters[layers + number][index])
            output = model(X_val)
        if data.is_classification:
            expected = torch.nn.functional.cross_entropy(output, y_val, reduction="none")
        else:
            expected = torch.nn.functional.mse_loss(output, y_val, reduction="none").mean(dim=1)
        np.testing.assert_allclose(losses[index], expected.numpy(), rtol=1e-5, atol=1e-6)
        assert losses[index].mean() == pytest.approx(result.final("val_loss")[index], rel=1e-5)
        if data.is_classification:  # and each sample's hit, as reference.evaluate counts them
            hits = trainer.validation_hits()[index]
            np.testing.assert_array_equal(hits, (output.argmax(dim=1) == y_val).numpy())
            assert hits.mean() == pytest.approx(result.final("val_accuracy")[index])
    if config.early_stopping:
        assert result.kept_epoch[0] < epochs  # the kept network is not the last one


def test_early_stopping_is_marked_on_the_curves_and_the_sweep():
    result = train_sweep("moons", (0.0, 0.01), epochs=30, early_stopping=True, momentum=0.9, depth=2)
    curves = curves_figure(result, "en")
    stars = [trace for trace in curves["data"] if trace["marker"].get("symbol") == "star"]
    assert len(stars) == 5 * 2  # one per α in each of the five panels
    assert sorted({int(decode(s["x"])[0]) for s in stars}) == sorted(set(result.best_epoch))
    names = {trace["name"] for trace in curves["data"] if trace.get("showlegend")}
    assert f"α = 0 (kept: epoch {result.best_epoch[0]})" in names
    sweep = sweep_figure(result, "en")
    assert [trace["name"] for trace in sweep["data"]][-1] == "score, last epoch"
    plain = train_sweep("moons", (0.0, 0.01), epochs=30, momentum=0.9, depth=2)
    assert not any(trace["marker"].get("symbol") == "star" for trace in curves_figure(plain, "en")["data"])


def test_a_diverging_alpha_is_reported_and_never_reaches_a_chart():
    result = train_sweep("digits", (0.0, 3.0), lr=1.0, momentum=0.9, epochs=3, hidden=16)
    assert result.diverged_at[1] == 1 and result.history[1]["train_loss"] == []
    assert all(np.isfinite(v) for h in result.history for values in h.values() for v in values)
    for spec in (curves_figure(result, "en"), sweep_figure(result, "en"), histogram_figure(result, "en")):
        go.Figure(spec)  # valid; `typed` would have refused anything non-finite


def test_continuing_with_a_new_alpha_keeps_the_trained_networks():
    config = SweepConfig(hidden=16)
    trainer = SweepTrainer(config, (0.0, 0.1))
    for _ in range(2):
        trainer.train_epoch()
    trainer.continue_with((0.0, 0.01, 0.1))
    for _ in range(2):
        trainer.train_epoch()
    result = trainer.result()
    straight = train_sweep("digits", (0.0, 0.1), epochs=4, hidden=16)
    np.testing.assert_allclose(result.history[0]["train_loss"], straight.history[0]["train_loss"], rtol=1e-6)
    np.testing.assert_allclose(
        result.history[2]["weight_norm"], straight.history[1]["weight_norm"], rtol=1e-6
    )
    assert result.branched_from[1] is not None and result.branched_from[1][1] == 2
    assert len(result.history[1]["train_loss"]) == 4


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: train_sweep("mnist", (0.0,)), "unknown dataset"),
        (lambda: train_sweep("digits", ()), "at least one α"),
        (lambda: train_sweep("digits", (-1.0,)), "α must be"),
        (lambda: train_sweep("digits", (0.0,), optimizer="rmsprop"), "unknown optimizer"),
        (lambda: train_sweep("digits", (0.0,), lr=float("nan")), "learning rate"),
        (lambda: train_sweep("digits", (0.0,), epochs=0), "epochs"),
        (lambda: reproduction_script("digits", float("inf")), "α must be"),
        (lambda: train_sweep("digits", (0.0,), dropout=1.0), "dropout"),
        (lambda: reproduction_script("digits", 0.01, dropout=-0.1), "dropout"),
        (lambda: train_grid("digits", (), (0.0,)), "learning rate"),
        (lambda: train_grid("digits", (0.01, -1.0), (0.0,)), "learning rate"),
        (lambda: train_grid("digits", (0.01,), (0.0,), optimizer="rmsprop"), "unknown optimizer"),
        (lambda: train_grid("digits", (0.01,), (float("nan"),)), "α must be"),
    ],
)
def test_bad_input_gets_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("setting", ["90s", "", "nan", "inf", "0", "-5"])
def test_a_malformed_run_limit_setting_is_logged_and_the_default_used(setting, caplog):
    assert run_seconds(setting) == DEFAULT_RUN_SECONDS
    assert "DECAYVIZ_RUN_SECONDS" in caplog.text and repr(setting) in caplog.text


def test_a_run_limit_setting_is_read_in_seconds(caplog):
    assert run_seconds(None) == DEFAULT_RUN_SECONDS and run_seconds("900") == 900.0
    assert run_seconds(" 2.5 ") == 2.5 and not caplog.text


def test_the_data_sets():
    assert tuple(SPLITS) == DATASETS
    digits, highdim, moons, modular = (load(name) for name in DATASETS)
    assert digits.X_train.shape[1] == 64 and digits.n_outputs == 10
    assert np.bincount(digits.y_train).min() >= 85  # stratified: every class in training
    assert highdim.X_train.shape == (20, 200) and not highdim.is_classification and highdim.n_outputs == 1
    assert moons.X_train.shape == (100, 2) and moons.n_outputs == 2
    # (a + b) mod p: two one-hot summands in, the sum's class out, every pair once
    p = modular.n_outputs
    pairs = np.concatenate([modular.X_train, modular.X_val])
    labels = np.concatenate([modular.y_train, modular.y_val])
    assert pairs.shape == (p * p, 2 * p) and (pairs.sum(axis=1) == 2).all()
    a, b = pairs[:, :p].argmax(axis=1), pairs[:, p:].argmax(axis=1)
    assert len(set(zip(a, b, strict=True))) == p * p and (labels == (a + b) % p).all()


def test_views_for_every_data_set():
    for dataset in DATASETS:
        result = train_sweep(dataset, (0.0, 0.01), epochs=2, hidden=16)
        data = load(dataset)
        specs = [curves_figure(result, "ko"), sweep_figure(result, "ko"), histogram_figure(result, "ko")]
        if dataset == "digits":
            image = filters_figure(result, "en")
            assert decode(image["data"][0]["z"]).shape == (2 * 9 - 1, 10 * 9 - 1)
            specs.append(image)
        if dataset == "moons":
            specs.append(boundary_figure(result, data.X_train, data.y_train))
            assert result.boundary.probability.shape[0] == 2
        else:
            assert result.boundary is None
        for spec in specs:
            go.Figure(spec)


def test_reproduction_script_is_safe_from_many_sessions_at_once():
    """A class opens the code view together: scripts built in many threads at once are whole
    and identical (Python 3.11's ast once raised SystemError when two threads parsed at once)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=8) as pool:
        scripts = list(pool.map(lambda k: reproduction_script("digits", 0.01 * (1 + k % 2)), range(64)))
    assert {scripts[0], scripts[1]} == set(scripts) and scripts[0] != scripts[1]
    compile(scripts[0], "reproduction.py", "exec")


def test_the_page_values_become_a_run():
    """decayviz.state.sweep_request: the n_* values as a config; a setting that does nothing in
    the run (dropout without hidden layers, momentum outside SGD) is left neutral, so equal runs
    compare equal; the defaults keep today's run (no dropout, no early stopping)."""
    from decayviz.state import defaults, sweep_request

    values = defaults("network")
    config, alphas, epochs = sweep_request(values)
    assert config == SweepConfig() and alphas == values["n_alphas"] and epochs == values["n_epochs"]
    assert config.dropout == 0 and not config.early_stopping
    config, _, _ = sweep_request({**values, "n_dropout": 0.3, "n_early_stop": True})
    assert config.dropout == 0.3 and config.early_stopping
    linear, _, _ = sweep_request({**values, "n_depth": 0, "n_dropout": 0.3})
    assert linear == SweepConfig(depth=0)
    adam, _, _ = sweep_request({**values, "n_opt": "adam", "n_momentum": 0.9})
    assert adam.momentum == 0


def test_hits_are_argmax_hits_ties_included():
    """The engine's fast accuracy (amax, then argmax only on a tie) counts exactly what
    reference.evaluate's argmax counts, a tie going to the first class as argmax does."""
    from decayviz.training.engine import _hits

    generator = torch.Generator().manual_seed(0)
    output = torch.randn(3, 5, 200, generator=generator)
    labels = torch.randint(0, 5, (200,), generator=generator)
    assert torch.equal(_hits(output, labels), (output.argmax(dim=1) == labels).float())
    output[:, 3, :50] = output[:, 1, :50] = 10.0  # exact ties between classes 1 and 3
    labels[:25], labels[25:50] = 1, 3
    hits = _hits(output, labels)
    assert torch.equal(hits, (output.argmax(dim=1) == labels).float())
    assert (hits[:, :25] == 1).all() and (hits[:, 25:50] == 0).all()

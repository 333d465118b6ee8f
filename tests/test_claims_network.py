"""Every quantitative sentence of the network page, and every scene that claims a U-curve, trained
and checked: a change to a scene or to the training that breaks a sentence fails here.

Each test names the catalog key whose sentence it checks and asserts the sentence still says it,
so changing the words points here too. The scenes are the presets of decayviz.state, trained as
the page trains them (state.sweep_request, then the batched engine), a few seconds each.
"""

import functools
import itertools
import re
import time

import numpy as np
import pytest
import torch

from decayviz.i18n import t
from decayviz.state import PRESETS, defaults, sweep_request
from decayviz.training import SweepResult
from decayviz.training.data import load
from decayviz.training.engine import SweepTrainer
from decayviz.training.engine import train_sweep as train
from decayviz.training.options import SPARSITY_THRESHOLD


def values_of(scene: str | None) -> dict:
    return {**defaults("network"), **(PRESETS["network"][scene] if scene else {})}


@functools.cache
def trained(scene: str | None) -> SweepResult:
    """The scene (None: the page's defaults) trained as the page trains it."""
    config, alphas, epochs = sweep_request(values_of(scene))
    return train(alphas, config, epochs)


def says(key: str, *phrases: str) -> None:
    """The English sentence still makes the claim the test checks."""
    text = t(key, "en")
    for phrase in phrases:
        assert phrase in text, f"{key} no longer says {phrase!r}: update this test with the words"


# --- network.sweep_caption ---


@pytest.mark.parametrize("scene", ["n_u_curve", "n_boundary"])
def test_where_the_network_overfits_the_best_alpha_lies_in_between(scene):
    """'Where the network overfits without decay, the validation loss is lowest at an α in
    between' (and the scene's name promises the best α in between: the score is highest there)."""
    says("network.sweep_caption", "the validation loss is lowest at an α in between")
    says(f"preset.{scene}")  # the scene exists
    result = trained(scene)
    assert all(epoch is None for epoch in result.diverged_at)
    val_loss = np.array(result.final("val_loss"))
    score = np.array(result.final("val_accuracy"))
    # without decay it overfits: its validation loss was lower earlier and sits far above training
    unregularized = result.history[0]
    assert result.alphas[0] == 0 and result.best_epoch[0] < len(unregularized["val_loss"]) / 2
    assert unregularized["val_loss"][-1] > 1.15 * min(unregularized["val_loss"])
    assert unregularized["train_loss"][-1] < unregularized["val_loss"][-1] / 3
    # the U: lowest validation loss strictly inside, both ends clearly worse
    best = int(np.argmin(val_loss))
    assert 0 < best < len(val_loss) - 1, val_loss
    assert val_loss[0] > 1.4 * val_loss[best] and val_loss[-1] > 1.4 * val_loss[best], val_loss
    # and the score: highest inside, above both ends
    inside = score[1:-1].max()
    assert inside > score[0] and inside > score[-1] + 0.05, score


def test_the_default_run_does_not_overfit_and_decay_only_costs_accuracy():
    """'Where it does not, as in the default run (20 epochs of plain SGD), every α > 0 only costs
    accuracy.'"""
    says("network.sweep_caption", "as in the default run (20 epochs of plain SGD)", "only costs accuracy")
    values = defaults("network")
    assert values["n_epochs"] == 20 and values["n_opt"] == "sgd" and values["n_momentum"] == 0
    result = trained(None)
    epochs = values["n_epochs"]
    assert result.alphas[0] == 0 and len(result.alphas) > 1
    history = result.history[0]  # no overfitting: still learning, training loss near validation loss
    assert len(history["train_loss"]) == epochs
    assert history["train_loss"][-1] < history["train_loss"][-2] and result.best_epoch[0] >= epochs - 2
    assert history["train_loss"][-1] > 0.6 * history["val_loss"][-1]
    score = result.final("val_accuracy")
    assert all(score[0] > other for other in score[1:]), score
    assert all(a >= b for a, b in itertools.pairwise(score)), score


def test_decay_cannot_replace_data():
    """'in the scene “Few samples, many features” (20 samples for 200 weights) it stops the
    memorizing, yet no α reaches an R² above 0': in the scene, and for every α of the exact
    ridge solution."""
    says("network.sweep_caption", "(20 samples for 200 weights)", "no α reaches an R² above 0")
    data = load("highdim")
    assert data.X_train.shape == (20, 200)
    scene = "n_overfit"
    assert values_of(scene)["n_dataset"] == "highdim" and values_of(scene)["n_depth"] == 0
    result = trained(scene)
    r2, train_loss = result.final("val_accuracy"), result.final("train_loss")
    assert result.alphas[0] == 0 and train_loss[0] < 1e-4 and r2[0] < -5  # memorized
    assert max(r2) > -0.1  # decay stops the memorizing: about as good as predicting the mean
    assert all(value < 0 for value in r2), r2
    # the exact minimizer of mean squared error + α‖w‖² (bias free), over a wide range of α
    X, y = data.X_train.astype(float), data.y_train[:, 0].astype(float)
    X_val, y_val = data.X_val.astype(float), data.y_val[:, 0].astype(float)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    for alpha in np.geomspace(1e-4, 1e3, 57):
        w = np.linalg.solve(Xc.T @ Xc / len(X) + alpha * np.eye(X.shape[1]), Xc.T @ yc / len(X))
        prediction = X_val @ w + (y.mean() - X.mean(axis=0) @ w)
        r2_exact = 1 - ((prediction - y_val) ** 2).sum() / ((y_val - y_val.mean()) ** 2).sum()
        assert r2_exact < 0, alpha


# --- network.filters_caption ---


def test_l2_drives_only_the_weights_the_data_barely_uses_below_the_threshold():
    """'L2 shrinks the weights toward zero without making any exactly zero, but where the data
    pushes back little or not at all (pixels blank or almost blank, a unit that never fires: a
    dead ReLU) ... those weights fall below 0.001 too.' In the default run (L2, α up to 0.1)."""
    says("network.filters_caption", "without making any exactly zero", "a dead ReLU", "below 0.001")
    config, alphas, epochs = sweep_request(defaults("network"))
    assert config.penalty == "l2" and alphas[0] == 0 and alphas[-1] == 0.1
    trainer = SweepTrainer(config, alphas)
    for _ in range(epochs):
        trainer.train_epoch()
    data = load(config.dataset)
    with torch.no_grad():
        fires = (trainer.forward(torch.from_numpy(data.X_train))[1] > 0).any(dim=2).numpy()
    first = trainer.weights[0].numpy()
    near = np.abs(first) < SPARSITY_THRESHOLD
    rare = data.X_train.mean(axis=0) < 0.05  # pixels blank or almost blank
    blank = data.X_train.max(axis=0) == 0
    assert blank.sum() >= 1 and rare.sum() >= 10
    assert (first != 0).all()  # L2: not one weight exactly 0
    assert near[0].mean() < 0.05 and near[-1].mean() > 0.3  # the near-zero share rises with α
    strong = near[-1]
    dead = ~fires[-1]
    assert dead.sum() >= 1 and strong[dead].all()  # every weight of a dead unit
    assert strong[:, blank].all()  # every weight on a blank pixel
    live = strong[~dead]
    assert live[:, rare].mean() > 3 * live[:, ~rare].mean()  # live units: mostly the rare pixels
    assert trained(None).final("sparsity")[-1] > 0.3  # the curve the caption explains


# --- network.mapping_l2 / network.mapping_l1 (the chapter's point 8) ---


def test_pytorch_defaults_and_the_factor_of_two():
    """'The default is weight_decay=0 (no decay) in SGD and Adam, but 0.01 in AdamW (α = 0.005
    here)', and the chapter's 'weight_decay is α' holds for (α/2)‖W‖², not for α‖W‖²."""
    says("network.mapping_l2", "weight_decay=0", "0.01 in AdamW (α = 0.005 here)", "off by a factor of 2")
    says("network.mapping_l1", "AdamW's default is 0.01")
    parameter = [torch.nn.Parameter(torch.ones(3))]
    assert torch.optim.SGD(parameter, lr=0.1).defaults["weight_decay"] == 0
    assert torch.optim.Adam(parameter).defaults["weight_decay"] == 0
    assert torch.optim.AdamW(parameter).defaults["weight_decay"] == 0.01
    # SGD's weight_decay=λ steps like the gradient of (λ/2)‖W‖²: λ = α for (α/2)‖W‖², 2α for α‖W‖²
    alpha, lr = 0.005, 0.1
    for scale, weight_decay in ((alpha / 2, alpha), (alpha, 2 * alpha)):
        decayed = torch.nn.Parameter(torch.tensor([1.0, -2.0]))
        decayed.grad = torch.zeros(2)  # no data loss: the step is the decay alone
        torch.optim.SGD([decayed], lr=lr, weight_decay=weight_decay).step()
        penalized = torch.tensor([1.0, -2.0], requires_grad=True)
        (scale * (penalized**2).sum()).backward()
        torch.testing.assert_close(decayed.detach(), (penalized - lr * penalized.grad).detach())


# --- network.status_done ---


def test_a_fast_run_does_not_read_zero_seconds():
    """'Trained 100 epochs in 0.0 s' was the fastest scene's whole training time (tens of
    milliseconds, summed over its epochs as the worker sums them) rounded to one decimal: it now
    shows hundredths, so the time of a real run never reads 0."""
    config, alphas, epochs = sweep_request(values_of("n_overfit"))
    trainer = SweepTrainer(config, alphas)
    seconds = 0.0
    for _ in range(epochs):
        started = time.perf_counter()
        trainer.train_epoch()
        seconds += time.perf_counter() - started
    for lang in ("en", "ko"):
        text = t("network.status_done", lang, epochs=epochs, seconds=seconds)
        shown = float(re.search(r"(\d+\.\d+) ?(s|초)", text).group(1))
        assert shown > 0 and shown == pytest.approx(seconds, abs=0.005), text


# --- the other regularizers (help.n_dropout, help.n_early_stop; the chapter's point 7) ---


@pytest.mark.parametrize(("scene", "setting"), [("n_early_stop", "n_early_stop"), ("n_dropout", "n_dropout")])
def test_the_comparison_scenes_differ_from_the_boundary_scene_only_in_the_regularizer(scene, setting):
    """'With α = 0 it is early stopping (dropout) alone, to compare with weight decay': the same
    network, data, initialization and α as the decision-boundary scene, one regularizer added."""
    says(f"help.{setting}", "With α = 0 it is")
    ours, boundary = values_of(scene), values_of("n_boundary")
    assert {name for name in ours if ours[name] != boundary[name]} <= {setting, "n_code_alpha"}
    assert ours[setting] and not boundary[setting] and 0.0 in ours["n_alphas"]
    config, _, _ = sweep_request(ours)
    assert config.dropout > 0 if setting == "n_dropout" else config.early_stopping


def test_early_stopping_reports_the_best_epoch_and_still_trains_to_the_end():
    """'Keeps each network as it was after its epoch of lowest validation loss and reports that
    epoch's numbers ... Training still runs to the end.'"""
    says("help.n_early_stop", "epoch of lowest validation loss", "Training still runs to the end")
    result = trained("n_early_stop")
    epochs = values_of("n_early_stop")["n_epochs"]
    for index, history in enumerate(result.history):
        assert len(history["val_loss"]) == epochs
        best = result.best_epoch[index]
        assert history["val_loss"][best - 1] == min(history["val_loss"])
        assert result.final("val_accuracy")[index] == history["val_accuracy"][best - 1]
    assert result.best_epoch[0] < epochs / 2  # without decay, the moons scene is best early


# --- the scenes' names ---


def test_too_large_an_alpha_underfits():
    """'α too large: underfitting': the largest α cannot even fit the training data."""
    says("preset.n_underfit", "underfitting")
    result = trained("n_underfit")
    train_loss, score = result.final("train_loss"), result.final("val_accuracy")
    assert result.alphas[0] == 0 and train_loss[0] < 0.1 and score[0] > 0.9
    assert train_loss[-1] > 20 * train_loss[0] and score[-1] < 0.2  # about chance among 10 classes


def test_l1_makes_the_weights_sparse():
    """'L1 makes first-layer weights sparse' (the scene's model is linear: its only layer)."""
    says("preset.n_l1_sparse", "sparse")
    values = values_of("n_l1_sparse")
    assert values["n_penalty"] == "l1" and values["n_depth"] == 0
    shares = trained("n_l1_sparse").final("sparsity")
    assert shares[0] < 0.02 and shares[-1] > 0.3
    assert all(a < b for a, b in itertools.pairwise(shares)), shares


def test_too_large_a_learning_rate_diverges():
    """'Learning rate too large: divergence': at least one α of the scene diverges."""
    says("preset.n_diverges", "divergence")
    assert any(epoch is not None for epoch in trained("n_diverges").diverged_at)


def test_the_boundary_caption_counts_the_training_points():
    """'dots: the 100 training points'."""
    says("network.boundary_caption", "the 100 training points")
    assert load("moons").X_train.shape == (100, 2)

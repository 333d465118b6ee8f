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
from helpers import one_decay_step_from_rest

from decayviz.i18n import t
from decayviz.scenes import PRESETS
from decayviz.state import defaults, sweep_request
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
    # the U: lowest validation loss strictly inside, both ends clearly worse: well above it, and
    # on the U's own scene (whose question compares α image by image) by more than the question's
    # tie, one standard error of the paired gap
    best = int(np.argmin(val_loss))
    assert 0 < best < len(val_loss) - 1, val_loss
    above = {"n_u_curve": 1.2, "n_boundary": 1.4}[scene]
    assert val_loss[0] > above * val_loss[best] and val_loss[-1] > above * val_loss[best], val_loss
    if scene == "n_u_curve":
        from decayviz.classroom.questions import _validation_losses, paired_gap

        losses = _validation_losses(values_of(scene))
        for end in (0, len(val_loss) - 1):
            gap, error = paired_gap(losses[end], losses[best])
            assert gap > 1.5 * error, (end, gap, error)
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
    """'in the scene “Few samples, many features” (20 samples for 200 weights) every α still fits
    the training samples (training loss below 0.002). SGD moves the weights only within the 20
    directions the samples span; in the other 180 the random initial weights stay as they were,
    and at α = 0 they make most of the validation loss (0.33, against 0.02 with them removed).
    Decay shrinks that leftover away (at α = 1 less than 2% of it is left), yet no α reaches an R²
    above 0.' It used to say decay "stops the memorizing": no α stops fitting the 20 samples."""
    says(
        "network.sweep_caption", "(20 samples for 200 weights)", "every α still fits the training samples "
        "(training loss below 0.002)", "within the 20 directions the samples span; in the other 180 the "
        "random initial weights stay as they were", "(0.33, against 0.02 with them removed)",
        "(at α = 1 less than 2% of it is left)", "no α reaches an R² above 0",
    )  # fmt: skip
    says("preset.n_overfit", "decay clears leftover initial weights")
    data = load("highdim")
    assert data.X_train.shape == (20, 200)
    scene = "n_overfit"
    assert values_of(scene)["n_dataset"] == "highdim" and values_of(scene)["n_depth"] == 0
    config, alphas, epochs = sweep_request(values_of(scene))
    trainer = SweepTrainer(config, alphas)
    start = trainer.result().weights[0][0, 0].astype(float)  # every α starts from these
    for _ in range(epochs):
        trainer.train_epoch()
    result = trainer.result()
    r2, train_loss, val_loss = (np.array(result.final(m)) for m in ("val_accuracy", "train_loss", "val_loss"))
    assert result.alphas[0] == 0 and train_loss.max() < 0.002 and train_loss[0] < 1e-6, train_loss
    assert all(value < 0 for value in r2), r2
    # the directions the 20 samples never constrain: the null space of X_train, 180 of them
    X = data.X_train.astype(float)
    _, singular, vt = np.linalg.svd(X, full_matrices=True)
    rank = int(np.sum(singular > 1e-10 * singular[0]))
    null = vt[rank:].T @ vt[rank:]
    assert rank == 20 and 200 - rank == 180
    final = [weights[0].astype(float) for weights in result.weights[0]]
    np.testing.assert_allclose(null @ final[0], null @ start, atol=1e-5)  # SGD never moves them
    X_val, y_val = data.X_val.astype(float), data.y_val[:, 0].astype(float)
    with torch.no_grad():
        prediction = trainer.output(trainer.X_val)[0, 0].double().numpy()  # α = 0's network
    with_start = np.mean((prediction - y_val) ** 2)
    without = np.mean((prediction - X_val @ (null @ start) - y_val) ** 2)
    assert with_start == pytest.approx(val_loss[0], rel=1e-4)
    assert round(with_start, 2) == 0.33 and round(without, 2) == 0.02
    left = [np.linalg.norm(null @ w) / np.linalg.norm(null @ start) for w in final]
    assert all(a > b for a, b in itertools.pairwise(left)), left  # more decay, less of the start left
    assert left[alphas.index(1.0)] < 0.02
    # the exact minimizer of mean squared error + α‖w‖² (bias free), over a wide range of α
    X, y = data.X_train.astype(float), data.y_train[:, 0].astype(float)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    for alpha in np.geomspace(1e-4, 1e3, 57):
        w = np.linalg.solve(Xc.T @ Xc / len(X) + alpha * np.eye(X.shape[1]), Xc.T @ yc / len(X))
        prediction = X_val @ w + (y.mean() - X.mean(axis=0) @ w)
        r2_exact = 1 - ((prediction - y_val) ** 2).sum() / ((y_val - y_val.mean()) ** 2).sum()
        assert r2_exact < 0, alpha


def test_the_training_loss_is_said_as_it_is_measured():
    """network.sweep_caption, network.curves_caption: 'The training loss drawn is the mean over
    each epoch's minibatches, taken while the weights still move and with dropout on when it is
    set, so with dropout it can lie above the validation loss'. The sweep's loss panel no longer
    calls the gap overfitting (figure.sweep_loss): in the dropout scene it is negative."""
    says("network.sweep_caption", "The training loss drawn is the mean over each epoch's minibatches",
         "with dropout on when it is set, so with dropout it can lie above the validation loss")  # fmt: skip
    says("network.curves_caption", "(the mean over the epoch's minibatches, with dropout on when it is set)")
    for key in ("figure.sweep_loss", "figure.sweep_loss_kept"):
        assert "overfitting" not in t(key, "en") and "오버피팅" not in t(key, "ko")
    config, alphas, epochs = sweep_request(values_of("n_dropout"))
    assert config.dropout > 0
    trainer = SweepTrainer(config, alphas)
    for _ in range(epochs):
        trainer.train_epoch()
    drawn = np.array([h["train_loss"][-1] for h in trainer.history])
    val = np.array([h["val_loss"][-1] for h in trainer.history])
    with torch.no_grad():  # the same networks on the training set, whole (no dropout), at the end
        output = trainer.output(trainer.X_train)
        whole = np.array([torch.nn.functional.cross_entropy(o.T, trainer.y_train).item() for o in output])
    assert any(drawn > val), (drawn, val)  # the "gap" below zero
    assert all(whole < drawn), (whole, drawn)  # measured as the sentence used to read, it is lower


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


def test_where_the_decay_acts_alone_the_factor_is_plain_sgds():
    """network.filters_caption: 'plain SGD multiplies them by (1 − 2α·lr) at every step (with
    momentum they shrink at another rate, still geometrically)'. It said "with SGD a factor
    (1 − 2α·lr)", which holds for plain SGD only: two of the digits scenes train with momentum
    0.9, whose rate is another (at lr·2α = 0.2, √0.9 per step: slower). torch.optim.SGD, no data
    gradient, each digits scene's lr and largest α."""
    says("network.filters_caption", "plain SGD multiplies them by (1 − 2α·lr) at every step",
         "(with momentum they shrink at another rate, still geometrically)")  # fmt: skip
    scenes = (None, "n_underfit", "n_u_curve")
    assert {values_of(s)["n_momentum"] for s in scenes} == {0.0, 0.9}
    for scene in scenes:
        values = values_of(scene)
        assert values["n_dataset"] == "digits" and values["n_penalty"] == "l2"
        lr, alpha = values["n_lr"], max(values["n_alphas"])
        sizes = {}
        for momentum in (0.0, 0.9):
            w = torch.nn.Parameter(torch.ones(1, dtype=torch.float64))
            optimizer = torch.optim.SGD([w], lr=lr, momentum=momentum, weight_decay=2 * alpha)
            path = []
            for _ in range(3000):
                w.grad = torch.zeros(1, dtype=torch.float64)
                optimizer.step()
                path.append(abs(w.item()))
            sizes[momentum] = path
        assert sizes[0.0][49] == pytest.approx((1 - 2 * alpha * lr) ** 50)
        assert sizes[0.9][49] != pytest.approx(sizes[0.0][49], rel=0.05)  # another rate
        assert sizes[0.9][-1] < 1e-6 * max(sizes[0.9])  # still to 0, geometrically


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


def test_adamws_weight_decay_shrinks_the_weights_outside_the_adaptive_step():
    """network.mapping_l2_adamw, shown when AdamW is chosen: 'AdamW's weight_decay=λ is not
    added to the gradient: every step multiplies each weight by (1 − lr·λ), outside Adam's
    adaptive step ... From W = (1, −2) with a zero gradient, lr 0.1 and λ = 0.4, one AdamW step
    gives (0.96, −1.92); Adam ... gives (0.9, −1.9). With λ = 2α the shrink lr·2αW is the step
    plain SGD takes on α‖W‖²'. network.mapping_l2 said "adds λW to the gradient" for AdamW too."""
    says("network.mapping_l2_adamw", "is not added to the gradient", "multiplies each weight by (1 − lr·λ)",
         "gives (0.96, −1.92)", "gives (0.9, −1.9)", "the step plain SGD takes on α‖W‖²")  # fmt: skip
    says("network.mapping_l2", "In SGD (momentum or not) and Adam, PyTorch's `weight_decay=λ` adds λW")
    steps = one_decay_step_from_rest()
    np.testing.assert_allclose(steps["AdamW"], [0.96, -1.92])
    np.testing.assert_allclose(steps["Adam"], [0.9, -1.9])
    alpha = 0.2  # λ = 2α = 0.4: SGD on α‖W‖² takes the same step
    penalized = torch.tensor([1.0, -2.0], dtype=torch.float64, requires_grad=True)
    (alpha * (penalized**2).sum()).backward()
    np.testing.assert_allclose((penalized - 0.1 * penalized.grad).detach().numpy(), steps["AdamW"])


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


def test_the_kept_score_is_not_called_the_best():
    """legend.kept_score, 'score at the kept epoch' (it said "score, best epoch (kept)"): the kept
    epoch is the one of lowest validation loss, and in the early-stopping scene another epoch
    scores higher for most α (α = 0: epoch 26 is kept, 0.884, while epoch 58 scores 0.914)."""
    assert t("legend.kept_score", "en") == "score at the kept epoch"
    assert "가장 좋은" not in t("legend.kept_score", "ko")
    result = trained("n_early_stop")
    higher_elsewhere = [
        max(history["val_accuracy"]) > history["val_accuracy"][kept - 1]
        for history, kept in zip(result.history, result.kept_epoch, strict=True)
    ]
    assert sum(higher_elsewhere) >= 3, higher_elsewhere


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


def test_the_learning_rate_and_alpha_together_diverge():
    """preset.n_diverges, 'Learning rate and α together too large: divergence' (it was "Learning
    rate too large"): at lr 1.0 with momentum μ = 0.9 the α = 0 network trains; only the α whose
    decay alone gives lr·2α > 2(1 + μ) diverges, as on the landscape page."""
    says("preset.n_diverges", "Learning rate and α together too large")
    values = values_of("n_diverges")
    lr, mu = values["n_lr"], values["n_momentum"]
    assert (lr, mu, values["n_opt"]) == (1.0, 0.9, "sgd")
    result = trained("n_diverges")
    for alpha, epoch in zip(result.alphas, result.diverged_at, strict=True):
        assert (epoch is not None) == (lr * 2 * alpha > 2 * (1 + mu)), (alpha, epoch)
    assert result.alphas[0] == 0 and result.diverged_at[0] is None
    # the decay alone, with no data gradient: torch's heavy ball grows once lr·weight_decay > 2(1 + μ)
    for alpha in result.alphas:
        w = torch.nn.Parameter(torch.ones(1, dtype=torch.float64))
        optimizer = torch.optim.SGD([w], lr=lr, momentum=mu, weight_decay=2 * alpha)
        for _ in range(200):
            w.grad = torch.zeros(1, dtype=torch.float64)
            optimizer.step()
        assert (abs(w.item()) > 1) == (lr * 2 * alpha > 2 * (1 + mu)), alpha


def test_the_boundary_caption_counts_the_training_points():
    """'dots: the 100 training points'."""
    says("network.boundary_caption", "the 100 training points")
    assert load("moons").X_train.shape == (100, 2)

"""Grokking (Power et al. 2022) on the network page's scene: on (a + b) mod 47 a network fits its
training pairs at once and, without weight decay, answers fewer of the others than a blind guess
(the caption says so); with decay it generalizes, several times as many steps after memorizing,
while its weight norm falls. Checked on the scene's own
settings, for two seeds, within the scene's budget of epochs; and the reproduction script
(torch.optim) reproduces the run."""

import json

import numpy as np
import pytest
from helpers import run_scripts

from decayviz.scenes import PRESETS
from decayviz.state import defaults, sweep_request
from decayviz.training import reproduction_script, train_sweep

SCENE = sweep_request({**defaults("network"), **PRESETS["network"]["n_grokking"]})


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1])
def test_decay_groks_where_no_decay_only_memorizes(seed):
    config, alphas, epochs = SCENE
    keywords = {**config.keywords(), "seed": seed}
    assert alphas[0] == 0 and alphas[-1] > 0 and config.optimizer == "adamw"
    # The scene's two ends only, without the cost of the α in between: the batched engine trains
    # each network on its own, so these two are the scene's, to the bit.
    result = train_sweep(keywords.pop("dataset"), (alphas[0], alphas[-1]), epochs=epochs, **keywords)
    undecayed, decayed = result.history
    assert max(undecayed["val_accuracy"]) < 1 / 47  # memorized: fewer right than a blind guess
    assert undecayed["train_accuracy"][-1] == 1.0  # every training pair right
    assert max(decayed["val_accuracy"]) > 0.95 and decayed["val_accuracy"][-1] > 0.95  # generalized
    grokked = int(np.argmax(np.array(decayed["val_accuracy"]) > 0.95))
    memorized = int(np.argmax(np.array(decayed["train_accuracy"]) == 1.0))
    assert 4 * memorized < grokked  # several times as many steps after the training pairs were right
    assert decayed["weight_norm"][grokked] < max(decayed["weight_norm"])  # as its weight norm fell
    assert decayed["weight_norm"][-1] < undecayed["weight_norm"][-1] / 2


@pytest.mark.slow
def test_the_reproduction_script_groks_too(tmp_path):
    """torch.optim's AdamW, one network at a time, on the same pairs: with the scene's α it
    generalizes, without decay it does not. (Over 3000 chaotic steps float rounding lets the
    script and the app drift apart by a few pairs; that they agree to rounding is
    tests/test_training.py's business, on short runs.)"""
    config, _, epochs = SCENE
    keywords = config.keywords()
    dataset = keywords.pop("dataset")
    alpha = PRESETS["network"]["n_grokking"]["n_code_alpha"]
    runs, scripts = (0.0, alpha), []
    for run in runs:
        scripts.append(tmp_path / f"grokking_{run}.py")
        scripts[-1].write_text(reproduction_script(dataset, run, epochs=epochs, **keywords))
    printed = {run: json.loads(line) for run, line in zip(runs, run_scripts(scripts), strict=True)}
    assert printed[alpha]["val_accuracy"] > 0.95 and printed[0.0]["val_accuracy"] < 0.5
    assert printed[0.0]["train_loss"] < printed[alpha]["train_loss"]  # it fits its pairs all the better


def test_the_grokking_chart_marks_where_each_alpha_generalizes():
    """Steps on a log axis; a star at the first epoch past 95% validation accuracy (× steps per
    epoch), none for an α that never got there; its text alternative says the same."""
    import plotly.graph_objects as go

    from decayviz.figures import decode
    from decayviz.figures.network import grokking_alt, grokking_figure
    from decayviz.training import SweepConfig, SweepResult

    def history(val, train, norm):
        return {"train_loss": [1.0] * 4, "val_loss": [1.0] * 4, "val_accuracy": val, "weight_norm": norm,
                "sparsity": [0.0] * 4, "train_accuracy": train}  # fmt: skip

    result = SweepResult(
        config=SweepConfig(dataset="modular", optimizer="adamw"), alphas=(0.0, 0.3),
        history=[history([0.0, 0.01, 0.01, 0.02], [0.5, 1.0, 1.0, 1.0], [10.0, 20.0, 30.0, 40.0]),
                 history([0.0, 0.4, 0.96, 0.99], [0.5, 1.0, 1.0, 1.0], [10.0, 20.0, 15.0, 12.0])],
        diverged_at=[None, None], branched_from=[None, None], epochs_done=4, weights=(), best_epoch=[4, 4],
    )  # fmt: skip
    spec = grokking_figure(result, "en", steps_per_epoch=6)
    go.Figure(spec)
    assert spec["layout"]["xaxis"]["type"] == spec["layout"]["xaxis2"]["type"] == "log"
    stars = [trace for trace in spec["data"] if trace.get("marker", {}).get("symbol") == "star"]
    assert len(stars) == 1 and list(decode(stars[0]["x"])) == [18.0]  # epoch 3 × 6 steps
    names = {trace["name"] for trace in spec["data"] if trace["showlegend"]}
    assert names == {"α = 0", "α = 0.3: generalized at step 18"}
    assert "generalized at step 18" in grokking_alt(result, "en", 6)
    assert "18번째 스텝에서 일반화" in grokking_alt(result, "ko", 6)

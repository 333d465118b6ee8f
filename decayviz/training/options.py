"""The names and limits of the network page, torch-free so the URL schema can read them.

One source of truth: decayviz.state builds its controls from these tuples and the training code
checks its arguments against them.
"""

from __future__ import annotations

import logging
import math
import os

from decayviz.rules import NETWORK_RULES

DATASETS = ("digits", "highdim", "moons", "modular")
OPTIMIZERS = tuple(NETWORK_RULES)  # torch.optim's names; decayviz.rules says which chain each runs
# The penalties a network trains with: of decayviz.penalties.PENALTIES, the two ends (the elastic
# net's mix is the 2-D page's lesson; "none" is α = 0 in every sweep).
PENALTIES = ("l2", "l1")
METRICS = ("train_loss", "val_loss", "val_accuracy", "weight_norm", "sparsity")
# Data sets whose histories also hold "train_accuracy" (after each epoch, on every training
# sample): grokking is a network right on every training pair long before it is on new ones.
TRAIN_ACCURACY = ("modular",)
# A network "generalizes" (the grokking chart marks when) once its validation accuracy passes this.
GENERALIZED = 0.95

# The sparsity metric counts a weight as zero below this magnitude (the contract's "|w| < 1e-3";
# reference.evaluate, copied into the script, spells it out).
SPARSITY_THRESHOLD = 1e-3
# The data sets are fixed (the training seed varies initialization and minibatch order only),
# so every run of a class sees the same digits and the same moons.
DATA_SEED = 0
# A model whose weights or metrics stop being finite, or whose weight norm passes this, has diverged.
DIVERGED_NORM = 1e6

# torch uses one thread per training: on a 2-core laptop serving a class, two trainings run side
# by side instead of one training fighting the server for both cores (and small matrices gain
# little from a second thread; see bench/training.py).
TORCH_THREADS = 1
# Training threads run this much nicer than the server (Linux's niceness, 0 to 19): when a page
# rerun and a training want the same core, the page gets it, so a class's clicks stay quick while
# four students train (bench/classroom_load.py --trainers 4).
TRAINING_NICENESS = 10
# How many trainings the whole server runs at once; a session asking for more is told to wait.
SERVER_TRAININGS = 2
# A training stops after this many seconds of training (waiting for a turn aside), keeping what it
# learned so far; a server with cores to spare may allow more (DECAYVIZ_RUN_SECONDS).
DEFAULT_RUN_SECONDS = 60.0


def run_seconds(setting: str | None) -> float:
    """DECAYVIZ_RUN_SECONDS as a positive number of seconds; a value that is not one is said once
    in the server's log and the default is used (a typo in a setting must not stop the class)."""
    if setting is None:
        return DEFAULT_RUN_SECONDS
    try:
        seconds = float(setting)
    except ValueError:
        seconds = math.nan
    if math.isfinite(seconds) and seconds > 0:
        return seconds
    logging.getLogger(__name__).warning(
        "DECAYVIZ_RUN_SECONDS=%r is not a positive number of seconds: using %g", setting, DEFAULT_RUN_SECONDS
    )
    return DEFAULT_RUN_SECONDS


RUN_SECONDS = run_seconds(os.environ.get("DECAYVIZ_RUN_SECONDS"))
# A tab that lost its connection this long stops its training and frees its tensors (its results
# stay, should it come back); a request still waiting in line is withdrawn at once.
SESSION_GRACE_S = 15.0

# The network page's controls (decayviz.state builds them from these): what a sweep may ask for.
# Together with RUN_SECONDS they keep a run on a 2-core laptop within about a minute.
SWEEP_ALPHAS = (0.0, 1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
LEARNING_RATES = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 2.0)
WIDTHS = (8, 16, 32, 64, 128, 256)
BATCH_SIZES = (16, 32, 64, 128, 256)
MAX_DEPTH = 3
MAX_EPOCHS = 1000  # the grokking scene needs 500
DEFAULT_EPOCHS = 20
# Dropout's rate: the share of hidden units zeroed at each training step (0: off). Below 1, or
# nothing would reach the output; 0.8 is already more than any network here can learn through.
MAX_DROPOUT = 0.8
DROPOUT_STEP = 0.05

# The network page's learning rate × α grid (Loshchilov & Hutter 2019, Fig. 2): every pair trained
# for Adam with L2 in the gradient and for AdamW, 2 × 36 networks in two batched runs
# (decayviz.training.grids); weight_decay λ = 2α runs from 2e-5 to 2.
GRID_LRS = (1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03)
GRID_ALPHAS = (1e-5, 1e-4, 1e-3, 0.01, 0.1, 1.0)
GRID_OPTIMIZERS = ("adam", "adamw")

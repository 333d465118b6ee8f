"""The named scenes: teaching content, each a set of control values that differ from the defaults.

A scene's label is the catalog key "preset.<name>"; each is a link too (?preset=<name>), and the
values must be valid in decayviz.state's table (tests/test_state.py checks every one).
"""

from __future__ import annotations

from typing import Any

# The two moons with a network that can overfit them: the decision-boundary scene, and the same
# with early stopping or dropout beside weight decay (the α = 0 row is that regularizer alone).
MOONS_SCENE = {
    "n_dataset": "moons",
    "n_depth": 2,
    "n_momentum": 0.9,
    "n_batch": 16,
    "n_epochs": 150,
    "n_alphas": (0.0, 0.001, 0.003, 0.01, 0.1),
}

# The direction-only loss, from W₀ = (1, 0): with decay ‖W‖ settles (at 0.479 for lr·λ = 0.1),
# without it ‖W‖ only grows.
NORMALIZED_SCENE = {"l_view": "normalized", "opt": "gd", "lr": 0.1, "w0x": 1.0, "w0y": 0.0}

# Grokking (Power et al. 2022), on the page's own controls: AdamW, one hidden layer of 128 ReLU
# units, minibatches of 256, α = 0.3 (weight_decay 0.6) against 0.1 and none.
GROKKING_SCENE = {
    "n_dataset": "modular",
    "n_hidden": 128,
    "n_opt": "adamw",
    "n_lr": 0.03,
    "n_batch": 256,
    "n_epochs": 500,
    "n_alphas": (0.0, 0.1, 0.3),
    "n_code_alpha": 0.3,
}

PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    "landscape": {
        "l2_shrinks": {"penalty": "l2", "alpha": 0.5, "opt": "gd", "lr": 0.05, "steps": 200},
        "l1_zero": {"penalty": "l1", "alpha": 2.0, "opt": "proximal", "lr": 0.05, "steps": 200},
        "alpha_too_large": {"penalty": "l2", "alpha": 10.0, "opt": "gd", "lr": 0.05, "steps": 200},
        "chatter": {"penalty": "l1", "alpha": 2.0, "opt": "gd", "lr": 0.1, "steps": 200},
        "adam_vs_adamw": {
            "wx": 3.0,
            "wy": 2.0,
            "c1": 1.0,
            "c2": 4.0,
            "angle": -30,
            "w0x": 0.0,
            "w0y": 0.0,
            "penalty": "l2",
            "alpha": 0.5,
            "opt": "adamw",
            "lr": 0.1,
            "steps": 3000,
        },  # W0 = 0, like a network's initialization; AdamW ends within 0.01 of the box's corner
        "diverges": {"penalty": "l2", "alpha": 0.5, "opt": "gd", "lr": 0.5, "steps": 200},
        # beyond the chapter: under a normalization layer decay sets the learning rate (lr·λ = 0.1)
        "normalized": {**NORMALIZED_SCENE, "penalty": "l2", "alpha": 0.5},
        "normalized_no_decay": {**NORMALIZED_SCENE, "penalty": "none"},
        "early_stop": {"l_view": "early_stop", "lr": 0.02, "steps": 400},
        "early_stop_equal": {"l_view": "early_stop", "c1": 3.0, "c2": 3.0, "lr": 0.05},
    },
    "sparsity": {
        "lasso_selects": {"s_samples": 50, "s_penalty": "l1", "s_alpha": 0.5},
        "ridge_keeps_all": {"s_view": "layer", "s_penalty": "l2", "s_alpha": 1.0},
        "real_data": {"s_problem": "diabetes", "s_alpha": 0.05},
        "subgradient_chatters": {"s_view": "iterations", "s_alpha": 0.5, "s_steps": 1000},
        "symmetric_bowls": {"s_view": "montecarlo", "s_shape": "circular"},
        "centres_near_the_ball": {"s_view": "montecarlo", "s_spread": 2.0},
        # beyond the chapter: 2α = 1 keeps exactly the picture's four singular values; 2α = 40 none
        "lowrank_picture": {"s_view": "lowrank", "s_alpha": 0.5},
        "lowrank_all_off": {"s_view": "lowrank", "s_alpha": 20.0},
    },
    "network": {
        "n_underfit": {"n_momentum": 0.9, "n_alphas": (0.0, 0.01, 0.1, 1.0)},
        "n_overfit": {
            "n_dataset": "highdim",
            "n_depth": 0,
            "n_lr": 0.01,
            "n_batch": 16,
            "n_epochs": 100,
            "n_alphas": (0.0, 0.01, 0.1, 0.3, 1.0, 3.0),
            "n_code_alpha": 0.3,
        },
        "n_l1_sparse": {
            "n_depth": 0,
            "n_penalty": "l1",
            "n_epochs": 30,
            "n_alphas": (0.0, 0.001, 0.003, 0.01),
        },
        "n_boundary": {**MOONS_SCENE, "n_code_alpha": 0.003},
        # overfits without decay and underfits with too much: the validation loss is lowest in between
        # (at lr 0.03 with momentum 0.9 the lowest is one of the same two α in every late epoch; at
        # 0.1 the small α's validation losses jumped by 2× between epochs, and the last one decided)
        "n_u_curve": {
            "n_lr": 0.03,
            "n_depth": 2,
            "n_hidden": 128,
            "n_momentum": 0.9,
            "n_batch": 32,
            "n_epochs": 60,
            "n_alphas": (0.0, 0.0001, 0.0003, 0.001, 0.01, 0.03),
            "n_code_alpha": 0.0003,
        },
        # the chapter's remark that weight decay often hinders learning more than other
        # regularizers, as experiments: the boundary scene with early stopping, then with dropout
        "n_early_stop": {**MOONS_SCENE, "n_early_stop": True, "n_code_alpha": 0.0},
        "n_dropout": {**MOONS_SCENE, "n_dropout": 0.3, "n_code_alpha": 0.0},
        "n_adam": {"n_opt": "adam", "n_lr": 0.003, "n_alphas": (0.0, 0.001, 0.01, 0.1)},
        "n_adamw": {"n_opt": "adamw", "n_lr": 0.003, "n_alphas": (0.0, 0.001, 0.01, 0.1)},
        "n_diverges": {"n_lr": 1.0, "n_momentum": 0.9, "n_epochs": 10, "n_alphas": (0.0, 0.01, 0.3, 3.0)},
        # beyond the chapter: (a + b) mod 47 memorized at once, generalized only with decay
        # (tests/test_grokking.py: α = 0.3 passes 95% within the budget, α = 0 stays near 1%)
        "n_grokking": GROKKING_SCENE,
        # beyond the chapter: Loshchilov & Hutter's lr × weight-decay grid, Adam+L2 beside AdamW
        "n_grid": {"n_mode": "grid"},
    },
}

"""Every control of every page in one table: its type, bounds or choices, and default.

The widgets take their bounds and defaults from here, and the URL schema is the same table:
`parse` turns a URL's query into typed values (never raising, correcting what is out of range),
`encode` turns values back into a query. Presets are named sets of values from the same table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, NamedTuple

from decayviz.training import options as training
from decayviz.training.result import SweepConfig

# α grids: 0 (no penalty) and then a log scale, so one slider spans "off" to "too much".
ALPHA_GRID = (
    0.0,
    0.001,
    0.002,
    0.005,
    0.01,
    0.02,
    0.05,
    0.1,
    0.2,
    0.3,
    0.4,
    0.5,
    0.7,
    1.0,
    1.5,
    2.0,
    3.0,
    5.0,
    10.0,
)
LR_GRID = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0)
# The sparsity page's α: log-spaced and positive, since its paths are drawn on a log axis.
SPARSITY_ALPHA_GRID = (
    0.001,
    0.002,
    0.005,
    0.01,
    0.02,
    0.05,
    0.1,
    0.2,
    0.5,
    1.0,
    2.0,
    5.0,
    10.0,
    20.0,
    50.0,
    100.0,
)


# The pages, in the navigation's order; each has its script app_pages/<page>.py and its URL
# path /<page>, except the first, which opens at the root URL.
PAGES = ("landscape", "sparsity", "network")


def url_path(page: str) -> str:
    """The page's path in a link: "" for the first page (the root URL), else its name."""
    return "" if page == PAGES[0] else page


@dataclass(frozen=True)
class Field:
    """One control. kind: "float" | "int" (lo..hi by step), "grid" (numbers from `options`),
    "choice" (strings from `options`), "bool", "multi" (a subset of numeric `options`),
    "names" (a subset of string `options`, in their order).

    Its label is the i18n key "field.<name>"; a choice's option label is "choice.<name>.<option>".
    """

    name: str
    page: str
    kind: str
    default: Any
    lo: float | None = None
    hi: float | None = None
    step: float | None = None
    options: tuple = ()

    def snap(self, value: float) -> Any:
        """The valid value nearest to a number (for float/int/grid/multi), as the table stores it."""
        if self.kind in ("float", "int"):
            clamped = min(max(value, self.lo), self.hi)
            on_step = self.lo + round((clamped - self.lo) / self.step) * self.step
            on_step = round(min(on_step, self.hi), 10)
            return int(on_step) if self.kind == "int" else float(on_step)
        if self.kind in ("grid", "multi"):
            return _nearest_on_grid(self.options, value)
        raise TypeError(f"{self.name} is not numeric")


def _nearest_on_grid(options: tuple[float, ...], value: float) -> float:
    """Nearest option on a log scale (0.0011 → 0.001, not 0.002); values below half the
    smallest positive option go to the grid's floor (0 where the grid has it)."""
    positives = [o for o in options if o > 0]
    if value < positives[0] / 2:
        return min(options)
    value = min(value, positives[-1])
    return min(positives, key=lambda option: abs(math.log(option) - math.log(value)))


FIELDS: tuple[Field, ...] = (
    # --- app-wide ---
    Field("lang", "app", "choice", "en", options=("en", "ko")),
    Field("present", "app", "bool", False),  # the presentation view: larger type, thicker lines
    # --- landscape page ---
    Field("wx", "landscape", "float", 2.0, -4.0, 4.0, 0.1),
    Field("wy", "landscape", "float", 1.0, -4.0, 4.0, 0.1),
    Field("c1", "landscape", "float", 1.0, 0.2, 10.0, 0.1),
    Field("c2", "landscape", "float", 6.0, 0.2, 10.0, 0.1),
    Field("angle", "landscape", "int", 30, -90, 90, 5),
    Field("w0x", "landscape", "float", -2.5, -4.0, 4.0, 0.1),
    Field("w0y", "landscape", "float", 2.5, -4.0, 4.0, 0.1),
    Field("penalty", "landscape", "choice", "l2", options=("none", "l2", "l1", "elasticnet")),
    Field("alpha", "landscape", "grid", 0.5, options=ALPHA_GRID),
    Field("l1_ratio", "landscape", "float", 0.5, 0.0, 1.0, 0.05),
    Field("opt", "landscape", "choice", "gd", options=("gd", "momentum", "adam", "adamw", "proximal")),
    Field("lr", "landscape", "grid", 0.02, options=LR_GRID),
    Field("steps", "landscape", "int", 200, 10, 5000, 10),
    # --- sparsity page ---
    Field("s_view", "sparsity", "choice", "paths", options=("paths", "iterations", "montecarlo", "layer")),
    Field("s_problem", "sparsity", "choice", "synthetic", options=("synthetic", "diabetes")),
    Field("s_samples", "sparsity", "int", 20, 10, 200, 5),
    Field("s_features", "sparsity", "int", 200, 10, 200, 10),
    Field("s_nonzero", "sparsity", "int", 5, 1, 20, 1),
    Field("s_seed", "sparsity", "int", 0, 0, 999, 1),
    Field("s_alpha", "sparsity", "grid", 0.1, options=SPARSITY_ALPHA_GRID),
    Field("s_penalty", "sparsity", "choice", "l1", options=("l1", "l2", "elasticnet")),
    Field("s_l1_ratio", "sparsity", "float", 0.5, 0.05, 0.95, 0.05),
    Field("s_steps", "sparsity", "int", 300, 50, 2000, 50),
    Field("s_losses", "sparsity", "int", 5000, 1000, 20000, 1000),
    Field("s_shape", "sparsity", "choice", "elliptic", options=("elliptic", "circular")),
    Field("s_spread", "sparsity", "float", 5.0, 1.5, 10.0, 0.5),
    # --- network page ---
    Field("n_dataset", "network", "choice", "digits", options=training.DATASETS),
    Field("n_depth", "network", "int", 1, 0, training.MAX_DEPTH, 1),
    Field("n_hidden", "network", "grid", 64, options=training.WIDTHS),
    Field("n_opt", "network", "choice", "sgd", options=training.OPTIMIZERS),
    Field("n_lr", "network", "grid", 0.1, options=training.LEARNING_RATES),
    Field("n_momentum", "network", "float", 0.0, 0.0, 0.99, 0.01),
    Field("n_penalty", "network", "choice", "l2", options=training.PENALTIES),
    Field("n_alphas", "network", "multi", (0.0, 0.001, 0.01, 0.1), options=training.SWEEP_ALPHAS),
    Field("n_decay_bias", "network", "bool", False),
    # the other regularizers, to compare with weight decay on the same network (0 / off: none)
    Field("n_dropout", "network", "float", 0.0, 0.0, training.MAX_DROPOUT, training.DROPOUT_STEP),
    Field("n_early_stop", "network", "bool", False),
    Field("n_epochs", "network", "int", 20, 1, training.MAX_EPOCHS, 1),
    Field("n_batch", "network", "grid", 64, options=training.BATCH_SIZES),
    Field("n_seed", "network", "int", 0, 0, 999, 1),
    Field("n_code_alpha", "network", "grid", 0.001, options=training.SWEEP_ALPHAS),
    # --- end of fields ---
)

# hide=a,b,...: controls (and the scene picker, the language switch) a teacher's link hides.
HIDEABLE = (*(f.name for f in FIELDS if f.page != "app"), "presets", "lang")
FIELDS += (Field("hide", "app", "names", (), options=HIDEABLE),)
FIELD = {f.name: f for f in FIELDS}


def page_fields(page: str) -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if f.page == page)


def defaults(page: str | None = None) -> dict[str, Any]:
    return {f.name: f.default for f in FIELDS if page is None or f.page == page}


# Named scenes, each a set of values that differ from the defaults; labels are "preset.<name>".
# Each is a link too: ?preset=<name>.
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
    },
    "sparsity": {
        "lasso_selects": {"s_samples": 50, "s_penalty": "l1", "s_alpha": 0.5},
        "ridge_keeps_all": {"s_view": "layer", "s_penalty": "l2", "s_alpha": 1.0},
        "real_data": {"s_problem": "diabetes", "s_alpha": 0.05},
        "subgradient_chatters": {"s_view": "iterations", "s_alpha": 0.5, "s_steps": 1000},
        "symmetric_bowls": {"s_view": "montecarlo", "s_shape": "circular"},
        "centres_near_the_ball": {"s_view": "montecarlo", "s_spread": 2.0},
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
        "n_boundary": {
            "n_dataset": "moons",
            "n_depth": 2,
            "n_momentum": 0.9,
            "n_batch": 16,
            "n_epochs": 150,
            "n_alphas": (0.0, 0.001, 0.003, 0.01, 0.1),
            "n_code_alpha": 0.003,
        },
        # overfits without decay and underfits with too much: the validation loss is lowest in between
        "n_u_curve": {
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
        "n_early_stop": {
            "n_dataset": "moons",
            "n_depth": 2,
            "n_momentum": 0.9,
            "n_batch": 16,
            "n_epochs": 150,
            "n_alphas": (0.0, 0.001, 0.003, 0.01, 0.1),
            "n_early_stop": True,
            "n_code_alpha": 0.0,
        },
        "n_dropout": {
            "n_dataset": "moons",
            "n_depth": 2,
            "n_momentum": 0.9,
            "n_batch": 16,
            "n_epochs": 150,
            "n_alphas": (0.0, 0.001, 0.003, 0.01, 0.1),
            "n_dropout": 0.3,
            "n_code_alpha": 0.0,
        },
        "n_adam": {"n_opt": "adam", "n_lr": 0.003, "n_alphas": (0.0, 0.001, 0.01, 0.1)},
        "n_adamw": {"n_opt": "adamw", "n_lr": 0.003, "n_alphas": (0.0, 0.001, 0.01, 0.1)},
        "n_diverges": {"n_lr": 1.0, "n_momentum": 0.9, "n_epochs": 10, "n_alphas": (0.0, 0.01, 0.3, 3.0)},
    },
}


def sweep_request(values: dict[str, Any]) -> tuple[SweepConfig, tuple[float, ...], int]:
    """The run the network page's values (n_* fields) describe: its config, α values and epochs.
    Settings that do nothing in this run are left at their neutral value, so two runs that train
    the same compare equal: momentum outside SGD, dropout without hidden layers."""
    optimizer, depth = values["n_opt"], values["n_depth"]
    config = SweepConfig(
        dataset=values["n_dataset"], penalty=values["n_penalty"], optimizer=optimizer,
        lr=values["n_lr"], hidden=values["n_hidden"], depth=depth, batch_size=values["n_batch"],
        decay_bias=values["n_decay_bias"], momentum=values["n_momentum"] if optimizer == "sgd" else 0.0,
        seed=values["n_seed"], dropout=values["n_dropout"] if depth else 0.0,
        early_stopping=values["n_early_stop"],
    )  # fmt: skip
    return config, tuple(values["n_alphas"]), values["n_epochs"]


class Problem(NamedTuple):
    """A URL value that was corrected: the key, what the URL said, and what is used instead."""

    name: str
    given: str
    used: Any


def _parse_number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return None if math.isnan(value) else value


def _parse_one(field: Field, text: str) -> tuple[Any, bool]:
    """(value, was_valid) for one field; invalid text gives the nearest valid value or default."""
    if field.kind == "choice":
        key = text.strip().lower()
        return (key, True) if key in field.options else (field.default, False)
    if field.kind == "bool":
        key = text.strip().lower()
        if key in ("1", "true", "yes", "on"):
            return True, True
        if key in ("0", "false", "no", "off"):
            return False, True
        return field.default, False
    if field.kind == "names":
        items = {part.strip() for part in text.split(",") if part.strip()}
        return tuple(name for name in field.options if name in items), items <= set(field.options)
    if field.kind == "multi":  # "" is a valid empty choice (a student cleared the box)
        items = [_parse_number(part) for part in text.split(",") if part.strip()]
        chosen = tuple(sorted({field.snap(x) for x in items if x is not None}))
        valid = all(x is not None and field.snap(x) == x for x in items)
        return (chosen if chosen or valid else field.default), valid
    number = _parse_number(text)
    if number is None:
        return field.default, False
    value = field.snap(number)
    return value, value == number


def parse(query: dict[str, str]) -> tuple[dict[str, Any], list[Problem]]:
    """Typed values for every field from a URL query; never raises, ignores unknown keys."""
    values = defaults()
    problems: list[Problem] = []
    for name, raw in query.items():
        field = FIELD.get(name)
        if field is None:
            continue
        text = raw[-1] if isinstance(raw, (list, tuple)) and raw else raw
        text = text if isinstance(text, str) else ""
        value, valid = _parse_one(field, text[:1000])
        values[name] = value
        if not valid:
            problems.append(Problem(name, text[:60], value))
    return values, problems


def format_value(field: Field, value: Any) -> str:
    """The URL text of one value; floats use repr so they read back exactly."""
    if field.kind == "bool":
        return "1" if value else "0"
    if field.kind == "names":
        return ",".join(value)
    if field.kind == "multi":
        return ",".join(_number_text(x) for x in value)
    if field.kind in ("float", "grid"):
        return _number_text(value)
    return str(value)


def _number_text(value: float) -> str:
    """Whole numbers without ".0" (batch=64), others by repr so they read back exactly."""
    return str(int(value)) if isinstance(value, int) else repr(float(value))


def encode(values: dict[str, Any]) -> dict[str, str]:
    """The URL query for `values` (known fields only); parse(encode(v))[0] == v for valid v."""
    return {name: format_value(FIELD[name], value) for name, value in values.items() if name in FIELD}

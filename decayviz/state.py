"""Every control of every page in one table: its type, bounds or choices, and default.

The widgets take their bounds and defaults from here, and the URL schema is the same table:
`parse` turns a URL's query into typed values (never raising, correcting what is out of range),
`encode` turns values back into a query. Presets are named sets of values from the same table.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

from decayviz import sparsity
from decayviz.i18n import t
from decayviz.penalties import PENALTIES
from decayviz.rules import OPTIMIZERS, network_rule
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
    """One control: its name, its page and its default. Its label is the i18n key
    "field.<name>". Each kind of control is a subclass that knows, for its values, how to read
    and write them in a URL, show them, hold them in a widget, check them and draw random ones:
    the UI, the URL schema, the tests and the benchmarks all ask the field instead of switching
    on its kind.
    """

    name: str
    page: str
    default: Any

    widget: ClassVar[str | None]  # the Streamlit widget that shows it (None: only in links)

    def parse_text(self, text: str) -> tuple[Any, bool]:
        """(value, was_valid) from URL text; invalid text gives the nearest valid value or the
        default."""
        raise NotImplementedError

    def url_text(self, value: Any) -> str:
        return str(value)

    def label(self, value: Any, lang: str) -> str:
        """The value as the page shows it."""
        return f"{value:g}"

    def widget_args(self, lang: str) -> dict[str, Any]:
        """The widget's arguments besides label, key and help."""
        return {}

    def option_labels(self) -> tuple[str, ...]:
        """The i18n keys of its options' labels (none: its values show as they are)."""
        return ()

    def widget_state(self, value: Any) -> Any:
        """The value as the widget holds it in st.session_state."""
        return value

    def from_widget(self, state: Any) -> Any:
        """The widget's state as the table's value."""
        return state

    def is_valid(self, value: Any, cleared: bool = False) -> bool:
        """Whether the table allows `value`; `cleared` also allows an empty multiselect (a
        student may clear one; a URL may not)."""
        raise NotImplementedError

    def random_value(self, rng: random.Random, allow_empty: bool = False) -> Any:
        """A random valid value, often at an end of the range (where bugs live)."""
        raise NotImplementedError

    def extreme(self, end: str) -> Any:
        """The value at one end ("lo" or "hi") of the range or the options."""
        raise NotImplementedError


@dataclass(frozen=True)
class Number(Field):
    """A float from lo to hi by step, on a slider."""

    lo: float
    hi: float
    step: float
    widget: ClassVar[str | None] = "slider"

    def _cast(self, value: float) -> Any:
        return float(value)

    def snap(self, value: float) -> Any:
        """The valid value nearest to a number."""
        clamped = min(max(value, self.lo), self.hi)
        on_step = self.lo + round((clamped - self.lo) / self.step) * self.step
        return self._cast(round(min(on_step, self.hi), 10))

    def parse_text(self, text):
        number = _parse_number(text)
        if number is None:
            return self.default, False
        value = self.snap(number)
        return value, value == number

    def url_text(self, value):
        return _number_text(value)

    def widget_args(self, lang):
        return {"min_value": self.lo, "max_value": self.hi, "step": self.step}

    def is_valid(self, value, cleared=False):
        return (
            isinstance(value, type(self._cast(0)))
            and math.isfinite(value)
            and self.lo <= value <= self.hi
            and self.snap(value) == value
        )

    def random_value(self, rng, allow_empty=False):
        r = rng.random()
        return self.snap(self.lo if r < 0.15 else self.hi if r < 0.3 else rng.uniform(self.lo, self.hi))

    def extreme(self, end):
        return self.lo if end == "lo" else self.hi


@dataclass(frozen=True)
class Integer(Number):
    """An int from lo to hi by step, on a slider."""

    def _cast(self, value: float) -> Any:
        return int(value)

    def url_text(self, value):
        return str(value)


@dataclass(frozen=True)
class Choice(Field):
    """One of `options`; an option's label is the i18n key "choice.<name>.<option>"."""

    options: tuple = ()
    # Radio buttons: every option in sight (and on a phone one tap), and one widget kind less
    # for the browser to load before a page's first chart (a select box brings ~150 KB of code).
    widget: ClassVar[str | None] = "radio"

    def parse_text(self, text):
        key = text.strip().lower()
        return (key, True) if key in self.options else (self.default, False)

    def label(self, value, lang):
        return t(f"choice.{self.name}.{value}", lang)

    def option_labels(self):
        return tuple(f"choice.{self.name}.{option}" for option in self.options)

    def widget_args(self, lang):
        return {"options": self.options, "format_func": lambda option: self.label(option, lang)}

    def is_valid(self, value, cleared=False):
        return value in self.options

    def random_value(self, rng, allow_empty=False):
        return rng.choice(self.options)

    def extreme(self, end):
        return self.options[0 if end == "lo" else -1]


@dataclass(frozen=True)
class Grid(Choice):
    """A number from `options` (a log-spaced grid), on a select slider."""

    widget: ClassVar[str | None] = "select_slider"

    def snap(self, value: float) -> Any:
        return _nearest_on_grid(self.options, value)

    def parse_text(self, text):
        return Number.parse_text(self, text)

    def url_text(self, value):
        return _number_text(value)

    def label(self, value, lang):
        return f"{value:g}"

    def option_labels(self):
        return ()


@dataclass(frozen=True)
class Flag(Field):
    """On or off, on a toggle."""

    widget: ClassVar[str | None] = "toggle"

    def parse_text(self, text):
        key = text.strip().lower()
        if key in ("1", "true", "yes", "on"):
            return True, True
        if key in ("0", "false", "no", "off"):
            return False, True
        return self.default, False

    def url_text(self, value):
        return "1" if value else "0"

    def label(self, value, lang):
        return "✓" if value else "✗"

    def is_valid(self, value, cleared=False):
        return isinstance(value, bool)

    def random_value(self, rng, allow_empty=False):
        return rng.random() < 0.5

    def extreme(self, end):
        return end == "hi"


@dataclass(frozen=True)
class Multi(Field):
    """A subset of the numbers in `options`, sorted, on a multiselect."""

    options: tuple = ()
    widget: ClassVar[str | None] = "multiselect"

    def snap(self, value: float) -> Any:
        return _nearest_on_grid(self.options, value)

    def parse_text(self, text):  # "" is a valid empty choice (a student cleared the box)
        items = [_parse_number(part) for part in text.split(",") if part.strip()]
        chosen = tuple(sorted({self.snap(x) for x in items if x is not None}))
        valid = all(x is not None and self.snap(x) == x for x in items)
        return (chosen if chosen or valid else self.default), valid

    def url_text(self, value):
        return ",".join(_number_text(x) for x in value)

    def label(self, value, lang):
        return ", ".join(f"{v:g}" for v in value)

    def widget_args(self, lang):  # format_func gets one option at a time here
        return {"options": self.options, "format_func": lambda option: f"{option:g}"}

    def widget_state(self, value):
        return list(value)

    def from_widget(self, state):
        return tuple(sorted(state))

    def is_valid(self, value, cleared=False):
        return (
            isinstance(value, tuple)
            and (len(value) > 0 or cleared)
            and list(value) == sorted(set(value))
            and all(v in self.options for v in value)
        )

    def random_value(self, rng, allow_empty=False):
        if allow_empty and rng.random() < 0.1:
            return ()
        return tuple(sorted(rng.sample(self.options, rng.randint(1, len(self.options)))))

    def extreme(self, end):
        return self.options[:1] if end == "lo" else self.options[-1:]


@dataclass(frozen=True)
class Names(Field):
    """A subset of the strings in `options`, in their order; set by links only (hide=)."""

    options: tuple = ()
    widget: ClassVar[str | None] = None

    def parse_text(self, text):
        items = {part.strip() for part in text.split(",") if part.strip()}
        return tuple(name for name in self.options if name in items), items <= set(self.options)

    def url_text(self, value):
        return ",".join(value)

    def label(self, value, lang):
        return ", ".join(value) or "—"

    def is_valid(self, value, cleared=False):
        return isinstance(value, tuple) and list(value) == [o for o in self.options if o in value]

    def random_value(self, rng, allow_empty=False):
        return tuple(o for o in self.options if rng.random() < 0.2)

    def extreme(self, end):
        return () if end == "lo" else self.options


@dataclass(frozen=True)
class Code(Field):
    """A class's join code (class=ABCD), set by links only: 4 to 6 letters or digits, any case.
    Whether a class has it is the store's to say (decayviz.classroom); "" is no class."""

    widget: ClassVar[str | None] = None

    def parse_text(self, text):
        code = text.strip().upper()
        if self.is_valid(code):
            return code, True
        return self.default, False

    def label(self, value, lang):
        return value or "—"

    def is_valid(self, value, cleared=False):
        return isinstance(value, str) and (value == "" or re.fullmatch(r"[A-Z0-9]{4,6}", value) is not None)

    def random_value(self, rng, allow_empty=False):
        if rng.random() < 0.3:
            return ""
        return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(rng.randint(4, 6)))

    def extreme(self, end):
        return "" if end == "lo" else "Z" * 6


def grid_floor_below(options: tuple[float, ...]) -> float:
    """Half the smallest positive option: a value below it goes to the grid's floor (its smallest
    option, 0 where the grid has it) instead of the nearest option on a log scale."""
    return min(o for o in options if o > 0) / 2


def _nearest_on_grid(options: tuple[float, ...], value: float) -> float:
    """Nearest option on a log scale (0.0011 → 0.001, not 0.002); values below
    grid_floor_below go to the grid's floor."""
    positives = [o for o in options if o > 0]
    if value < grid_floor_below(options):
        return min(options)
    value = min(value, positives[-1])
    return min(positives, key=lambda option: abs(math.log(option) - math.log(value)))


RUN = SweepConfig()  # the network page opens with the run the training code defaults to

FIELDS: tuple[Field, ...] = (
    # --- app-wide ---
    Choice("lang", "app", "en", options=("en", "ko")),
    Flag("present", "app", False),  # the presentation view: larger type, thicker lines
    Code("class", "app", ""),  # the class this session answers in (decayviz.classroom)
    # --- landscape page ---
    Number("wx", "landscape", 2.0, -4.0, 4.0, 0.1),
    Number("wy", "landscape", 1.0, -4.0, 4.0, 0.1),
    Number("c1", "landscape", 1.0, 0.2, 10.0, 0.1),
    Number("c2", "landscape", 6.0, 0.2, 10.0, 0.1),
    Integer("angle", "landscape", 30, -90, 90, 5),
    Number("w0x", "landscape", -2.5, -4.0, 4.0, 0.1),
    Number("w0y", "landscape", 2.5, -4.0, 4.0, 0.1),
    Choice("penalty", "landscape", "l2", options=PENALTIES),
    Grid("alpha", "landscape", 0.5, options=ALPHA_GRID),
    Number("l1_ratio", "landscape", 0.5, 0.0, 1.0, 0.05),
    Choice("opt", "landscape", "gd", options=OPTIMIZERS),
    Grid("lr", "landscape", 0.02, options=LR_GRID),
    Integer("steps", "landscape", 200, 10, 5000, 10),
    # beyond the chapter: the same controls on a direction-only loss, or descent from 0 beside Ŵ(α)
    Choice("l_view", "landscape", "descent", options=("descent", "normalized", "early_stop")),
    # --- sparsity page ---
    Choice("s_view", "sparsity", "paths", options=("paths", "iterations", "montecarlo", "layer", "lowrank")),
    Choice("s_problem", "sparsity", "synthetic", options=sparsity.PROBLEMS),
    Integer("s_samples", "sparsity", 20, 10, 200, 5),
    Integer("s_features", "sparsity", 200, 10, 200, 10),
    Integer("s_nonzero", "sparsity", 5, 1, 20, 1),
    Integer("s_seed", "sparsity", 0, 0, 999, 1),
    Grid("s_alpha", "sparsity", 0.1, options=SPARSITY_ALPHA_GRID),
    Choice("s_penalty", "sparsity", "l1", options=sparsity.PATH_KINDS),
    Number("s_l1_ratio", "sparsity", 0.5, 0.05, 0.95, 0.05),
    Integer("s_steps", "sparsity", 300, 50, 2000, 50),
    Integer("s_losses", "sparsity", 5000, 1000, 20000, 1000),
    Choice("s_shape", "sparsity", "elliptic", options=sparsity.LOSS_SHAPES),
    Number("s_spread", "sparsity", 5.0, 1.5, 10.0, 0.5),
    # --- network page ---
    # a sweep of α (the page's controls), or the lr × weight-decay grid of Adam+L2 and AdamW
    Choice("n_mode", "network", "sweep", options=("sweep", "grid")),
    Choice("n_dataset", "network", RUN.dataset, options=training.DATASETS),
    Integer("n_depth", "network", RUN.depth, 0, training.MAX_DEPTH, 1),
    Grid("n_hidden", "network", RUN.hidden, options=training.WIDTHS),
    Choice("n_opt", "network", RUN.optimizer, options=training.OPTIMIZERS),
    Grid("n_lr", "network", RUN.lr, options=training.LEARNING_RATES),
    Number("n_momentum", "network", RUN.momentum, 0.0, 0.99, 0.01),
    Choice("n_penalty", "network", RUN.penalty, options=training.PENALTIES),
    Multi("n_alphas", "network", (0.0, 0.001, 0.01, 0.1), options=training.SWEEP_ALPHAS),
    Flag("n_decay_bias", "network", RUN.decay_bias),
    # the other regularizers, to compare with weight decay on the same network (0 / off: none)
    Number("n_dropout", "network", RUN.dropout, 0.0, training.MAX_DROPOUT, training.DROPOUT_STEP),
    Flag("n_early_stop", "network", RUN.early_stopping),
    Integer("n_epochs", "network", training.DEFAULT_EPOCHS, 1, training.MAX_EPOCHS, 1),
    Grid("n_batch", "network", RUN.batch_size, options=training.BATCH_SIZES),
    Integer("n_seed", "network", RUN.seed, 0, 999, 1),
    Grid("n_code_alpha", "network", 0.001, options=training.SWEEP_ALPHAS),
    # --- end of fields ---
)

# hide=a,b,...: controls (and the scene picker, the questions to answer alone, the language
# switch) a teacher's link hides.
HIDEABLE = (*(f.name for f in FIELDS if f.page != "app"), "presets", "questions", "lang")
FIELDS += (Names("hide", "app", (), options=HIDEABLE),)
FIELD = {f.name: f for f in FIELDS}


def page_fields(page: str) -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if f.page == page)


def defaults(page: str | None = None) -> dict[str, Any]:
    return {f.name: f.default for f in FIELDS if page is None or f.page == page}


def sweep_request(values: dict[str, Any]) -> tuple[SweepConfig, tuple[float, ...], int]:
    """The run the network page's values (n_* fields) describe: its config, α values and epochs.
    Settings that do nothing in this run are left at their neutral value, so two runs that train
    the same compare equal: momentum outside the rules that have one, dropout without hidden
    layers."""
    optimizer, depth = values["n_opt"], values["n_depth"]
    momentum = values["n_momentum"] if network_rule(optimizer).uses_momentum else 0.0
    config = SweepConfig(
        dataset=values["n_dataset"], penalty=values["n_penalty"], optimizer=optimizer,
        lr=values["n_lr"], hidden=values["n_hidden"], depth=depth, batch_size=values["n_batch"],
        decay_bias=values["n_decay_bias"], momentum=momentum,
        seed=values["n_seed"], dropout=values["n_dropout"] if depth else 0.0,
        early_stopping=values["n_early_stop"],
    )  # fmt: skip
    return config, tuple(values["n_alphas"]), values["n_epochs"]


class Correction(NamedTuple):
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


def parse(query: dict[str, str]) -> tuple[dict[str, Any], list[Correction]]:
    """Typed values for every field from a URL query; never raises, ignores unknown keys."""
    values = defaults()
    corrections: list[Correction] = []
    for name, raw in query.items():
        field = FIELD.get(name)
        if field is None:
            continue
        text = raw[-1] if isinstance(raw, (list, tuple)) and raw else raw
        text = text if isinstance(text, str) else ""
        value, valid = field.parse_text(text[:1000])
        values[name] = value
        if not valid:
            corrections.append(Correction(name, text[:60], value))
    return values, corrections


def _number_text(value: float) -> str:
    """Whole numbers without ".0" (batch=64), others by repr so they read back exactly."""
    return str(int(value)) if isinstance(value, int) else repr(float(value))


def encode(values: dict[str, Any]) -> dict[str, str]:
    """The URL query for `values` (known fields only); parse(encode(v))[0] == v for valid v."""
    return {name: FIELD[name].url_text(value) for name, value in values.items() if name in FIELD}

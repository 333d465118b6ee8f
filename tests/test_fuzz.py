"""Fuzzing every page through AppTest: random controls drawn from decayviz.state's one table, set
through the URL (as a shared link) and through the widgets (as a student), and hostile URLs.

Whatever comes in, a page must not raise, must draw no NaN or infinity, must keep every control
inside the table, and must write an address bar that reads back without a correction.

Every other run opens a URL whose every value is hostile (NaN, inf, 1e999, empty, very long,
markup, unicode, junk keys), rotating so each field meets each hostile value in the full run;
the others open a random mix of valid values, numbers off the table, hostile text and repeated
keys. Then each run moves a few widgets (keys ctl_<name>) to random valid values, picks a scene
or presses Reset, as a student would. Seeded: run k of a page uses
random.Random(f"{page}-{k}-{SEED}"), and a failure names that seed and the URL. The number of
runs per page comes from DECAYVIZ_FUZZ_RUNS: small by default so CI stays fast; the full run
(at least 100 per page) is on demand:

    DECAYVIZ_FUZZ_RUNS=100 python -m pytest tests/test_fuzz.py -v

The network page trains only when Train is pressed: its bulk runs never train, and a few short
trainings (1-2 epochs, small widths) with extreme learning rates and α check divergence
handling; there are RUNS // 10 of them (at least 3), marked slow.
"""

from __future__ import annotations

import os
import random
from typing import Any

import pytest
from helpers import (
    HOSTILE_VALUES,
    assert_charts_finite,
    assert_valid_values,
    open_page,
    session_run,
    shown_controls,
    wait_for_run,
)
from streamlit.testing.v1 import AppTest

from decayviz.i18n import t
from decayviz.scenes import PRESETS
from decayviz.state import FIELD, PAGES, Field, Grid, Multi, Number, page_fields, parse
from decayviz.training import worker
from decayviz.ui.controls import PRESET_KEY

RUNS = int(os.environ.get("DECAYVIZ_FUZZ_RUNS", "8"))
TRAINING_RUNS = max(3, RUNS // 10)
SEED = int(os.environ.get("DECAYVIZ_FUZZ_SEED", "0"))
LANGS = FIELD["lang"].options

# Keys no field has: Streamlit's own, the session's internals, markup, very long.
UNKNOWN_KEYS = (
    "foo",
    "page",
    "embed",
    "embed_options",
    "ctl_alpha",
    "decayviz_values",
    "__proto__",
    "<b>x</b>",
    "ü" * 300,
)


def random_text(field: Field, rng: random.Random) -> str | list[str]:
    """URL text for `field`: mostly valid, else a number off the table or hostile; sometimes the
    key repeated (the last one counts, as in st.query_params)."""
    r = rng.random()
    if r < 0.55:
        text = field.url_text(field.random_value(rng))
    elif r < 0.75 and isinstance(field, Number | Grid | Multi):
        ends = (field.lo, field.hi) if isinstance(field, Number) else field.options
        bound = max(*(abs(end) for end in ends), 1.0)
        text = repr(rng.uniform(-3 * bound, 3 * bound))
    else:
        text = rng.choice(HOSTILE_VALUES)
    if rng.random() < 0.1:
        return [rng.choice(HOSTILE_VALUES), text]
    return text


def random_query(page: str, rng: random.Random) -> dict[str, Any]:
    """A URL query for `page`: some of its fields and the language, maybe junk keys too."""
    query: dict[str, Any] = {}
    for field in (*page_fields(page), *page_fields("app")):
        if rng.random() < (0.7 if field.name != "hide" else 0.2):
            query[field.name] = random_text(field, rng)
    if rng.random() < 0.3:
        for key in rng.sample(UNKNOWN_KEYS, rng.randint(1, 3)):
            query[key] = rng.choice(HOSTILE_VALUES)
    if rng.random() < 0.2:  # a named scene as a link, or a name that is none
        query[PRESET_KEY] = rng.choice([*PRESETS.get(page, {}), *PRESETS.get(rng.choice(PAGES), {}), "<b>"])
    if rng.random() < 0.1:  # another page's fields in this page's URL
        other = rng.choice([p for p in PAGES if p != page])
        query |= {f.name: rng.choice(HOSTILE_VALUES) for f in page_fields(other)}
    return query


def hostile_query(page: str, run: int) -> dict[str, Any]:
    """Every field of the page hostile at once, and every unknown key; over 2·len(HOSTILE_VALUES)
    runs each field meets every hostile value."""
    fields = (*page_fields(page), *page_fields("app"))
    count = len(HOSTILE_VALUES)
    query: dict[str, Any] = {f.name: HOSTILE_VALUES[(run // 2 + i) % count] for i, f in enumerate(fields)}
    query |= {key: HOSTILE_VALUES[(run + i) % count] for i, key in enumerate((*UNKNOWN_KEYS, PRESET_KEY))}
    return query


def check(at: AppTest, context: str) -> None:
    """What every run of every page must satisfy, whatever it was given."""
    assert not at.exception, f"{context}: {[e.message for e in at.exception]}"
    assert_charts_finite(at)
    values = at.session_state["decayviz_values"]
    assert_valid_values(values, cleared=True)
    _, problems = parse(dict(at.query_params))
    assert not problems, f"{context}: the app wrote a URL that needs correcting: {problems}"


def change_controls(at: AppTest, page: str, rng: random.Random) -> str:
    """One student action: move a few controls, pick a scene, or press Reset; returns what."""
    r = rng.random()
    presets = [p for p in at.get("button_group") if p.key == f"preset_{page}"]
    if r < 0.1 and presets and PRESETS.get(page):
        name = rng.choice(list(PRESETS[page]))
        presets[0].select(name)
        return f"scene {name}"
    reset = [b for b in at.button if b.label in {t("ui.reset", lang) for lang in LANGS} and not b.disabled]
    if r < 0.15 and reset:
        reset[0].click()
        return "reset"
    shown = shown_controls(at)
    names = rng.sample(sorted(shown), min(len(shown), rng.randint(1, 4)))
    chosen = {}
    for name in names:
        value = FIELD[name].random_value(rng, allow_empty=True)
        shown[name].set_value(FIELD[name].widget_state(value))
        chosen[name] = value
    return f"widgets {chosen}"


def fuzz_once(page: str, run: int) -> None:
    seed = f"{page}-{run}-{SEED}"
    rng = random.Random(seed)
    query = hostile_query(page, run) if run % 2 else random_query(page, rng)
    context = f"seed {seed!r}, URL {query!r}"
    before = session_run()
    at = open_page(page, query)
    check(at, context)
    for _ in range(rng.randint(1, 3)):
        action = change_controls(at, page, rng)
        at.run()
        check(at, f"{context}, then {action}")
    if page == "network":
        assert session_run() is before, "the network page trained without a press"


@pytest.mark.parametrize("page", PAGES, ids=[f"{page}-{RUNS}runs" for page in PAGES])
def test_fuzz_page(page):
    for run in range(RUNS):
        fuzz_once(page, run)


def training_query(rng: random.Random, run: int) -> dict[str, Any]:
    """A very short sweep (1-2 epochs, small network) with learning rates and α at the extremes;
    the first one is sure to diverge."""
    values = {name: FIELD[name].random_value(rng) for name in (f.name for f in page_fields("network"))}
    values |= {
        "n_mode": "sweep",  # the α sweep's divergence is what this checks (the grid: tests/test_grid.py)
        "n_epochs": rng.randint(1, 2),
        "n_hidden": rng.choice((8, 16)),
        "n_depth": rng.randint(0, 1),
        "n_lr": rng.choice((FIELD["n_lr"].options[0], *FIELD["n_lr"].options[-3:])),
        "n_alphas": tuple(sorted([*rng.sample(FIELD["n_alphas"].options, rng.randint(1, 3)), 3.0]))
        if rng.random() < 0.7
        else values["n_alphas"],
    }
    if run == 0:
        values |= {
            "n_dataset": "digits",
            "n_opt": "sgd",
            "n_lr": 2.0,
            "n_momentum": 0.99,
            "n_batch": 16,
            "n_penalty": "l2",
            "n_alphas": (0.0, 3.0),
        }
    values["n_alphas"] = tuple(sorted(set(values["n_alphas"])))
    query = {name: FIELD[name].url_text(value) for name, value in values.items()}
    query["lang"] = rng.choice(LANGS)
    if rng.random() < 0.3:
        query[rng.choice(UNKNOWN_KEYS)] = rng.choice(HOSTILE_VALUES)
    return query


@pytest.mark.slow
def test_fuzz_network_training():
    """Short trainings that blow up: the page says which α diverged and draws only finite numbers."""
    diverged_runs = 0
    for run in range(TRAINING_RUNS):
        seed = f"train-{run}-{SEED}"
        rng = random.Random(seed)
        query = training_query(rng, run)
        context = f"seed {seed!r}, URL {query!r}"
        at = open_page("network", query)
        check(at, context)
        lang = at.session_state["decayviz_values"]["lang"]
        [train] = [b for b in at.button if b.label == t("network.train", lang)]
        train.click().run()
        check(at, f"{context}, then Train")
        done = wait_for_run(at)
        check(at, f"{context}, then Train, trained")
        assert done.status in (worker.DONE, worker.TIME_LIMIT), f"{context}: {done.status}"
        result = done.snapshot
        diverged = [a for a, at_epoch in zip(result.alphas, result.diverged_at, strict=True) if at_epoch]
        assert len(at.error) >= len(diverged), f"{context}: {diverged} diverged, said {len(at.error)} times"
        diverged_runs += bool(diverged)
        for _ in range(2):  # views of a trained (maybe diverged) sweep, settings moved after it
            action = change_controls(at, "network", rng)
            at.run()
            check(at, f"{context}, Train, then {action}")
    assert diverged_runs >= 1, "no fuzzed training diverged: divergence handling went untested"

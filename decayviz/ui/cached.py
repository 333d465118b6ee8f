"""The pages' server-wide caches: every scene and section figure any session computed, shared
read-only by all (a resource cache, so a hit copies and unpickles nothing).

They live here, in a module imported once, and not in the page scripts: Streamlit re-wraps a
cached function every time the script that defines it runs, and that reads the function's
source from disk (about 0.5 ms a rerun per function).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import NamedTuple, TypeVar

import numpy as np
import streamlit as st

from decayviz import sparsity
from decayviz.figures.landscape import landscape_figure, loss_terms_figure
from decayviz.figures.sparsity import (
    descent_figure,
    layer_figure,
    monte_carlo_figure,
    path_base,
    with_chosen_alpha,
)
from decayviz.i18n import t
from decayviz.scene import build_scene
from decayviz.state import FIELD

R = TypeVar("R")


def recent(size: int) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Keep the last `size` results of a cached function in a plain dict, in front of it.

    A hit in st.cache_resource hashes the arguments with Streamlit's hasher (~0.3 ms); a dict
    lookup takes a microsecond, on every rerun. st.cache_resource stays underneath: it computes
    each value once for the whole server, even when a class asks for a new scene at once.
    """

    def wrap(cached: Callable[..., R]) -> Callable[..., R]:
        results: dict[tuple, R] = {}
        lock = threading.Lock()

        @functools.wraps(cached)
        def call(*args):
            try:
                return results[args]
            except KeyError:
                value = cached(*args)
            with lock:
                if len(results) >= size:
                    results.pop(next(iter(results)))  # the oldest
                results[args] = value
            return value

        return call

    return wrap


@recent(64)
@st.cache_resource(max_entries=256, show_spinner=False)
def landscape_scene(values: tuple, lang: str):
    """The scene of one set of landscape controls, and its two figure specs."""
    scene = build_scene(dict(values))
    return scene, landscape_figure(scene, lang), loss_terms_figure(scene, lang)


class PathsSettings(NamedTuple):
    """What the paths section is drawn from: the data set (sparsity.make_problem's arguments)."""

    problem: tuple
    alpha: float
    l1_ratio: float


class IterationsSettings(NamedTuple):
    problem: tuple
    alpha: float
    steps: int


class MonteCarloSettings(NamedTuple):
    losses: int
    shape: str
    spread: float
    seed: int


class LayerSettings(NamedTuple):
    penalty: str
    alpha: float
    l1_ratio: float
    seed: int


SectionSettings = PathsSettings | IterationsSettings | MonteCarloSettings | LayerSettings


@st.cache_resource(max_entries=32, show_spinner=False)
def _paths_base(problem_key: tuple, l1_ratio: float, lang: str):
    """A sparsity problem, its paths figure without the chosen α, and the exact optima at every
    α the page offers: all a rerun needs, whichever α a student picks (one sweep computes
    them all, ~1.3× the paths alone)."""
    data = sparsity.make_problem(*problem_key)
    paths, optima = sparsity.paths_with_optima(data, l1_ratio, FIELD["s_alpha"].options)
    bound = max(float(np.max(np.abs(w))) for at in optima.values() for w in at.values())
    highlight = sparsity.highlighted_features(data)
    base = path_base(sparsity.DISPLAY_ALPHAS, paths, data.feature_names, highlight, lang, l1_ratio, bound)
    return data, base, optima


def _paths(problem_key: tuple, alpha: float, l1_ratio: float, lang: str) -> tuple[dict, sparsity.PathFacts]:
    data, base, optima = _paths_base(problem_key, l1_ratio, lang)
    chosen = optima[alpha]  # the control offers only these α (and a link is snapped to them)
    return with_chosen_alpha(base, alpha, chosen), sparsity.path_facts(data, chosen)


def _iterations(
    problem_key: tuple, alpha: float, steps: int, lang: str
) -> tuple[dict, sparsity.IterationFacts]:
    data = sparsity.make_problem(*problem_key)
    frames = sparsity.descent_frames(data, alpha, steps, seed=problem_key[-1])
    exact = sparsity.coefficient_path(data.X, data.y, "l1", [alpha])[0]  # where the proximal run heads
    return descent_figure(frames, lang), sparsity.iteration_facts(frames, exact)


def _montecarlo(
    count: int, shape: str, spread: float, seed: int, lang: str
) -> tuple[dict, sparsity.MonteCarloShares]:
    mc = sparsity.sparsity_monte_carlo(count, seed, shape, spread)
    return monte_carlo_figure(mc, spread, lang), mc.shares()


def _layer(
    kind: str, alpha: float, l1_ratio: float, seed: int, lang: str
) -> tuple[dict, sparsity.LayerSummary]:
    X, Y, _ = sparsity.layer_problem(seed=seed)
    plain = sparsity.fit_layer(X, Y, "l2", 0.0)
    penalized = sparsity.fit_layer(X, Y, kind, alpha, l1_ratio)
    title = t(
        "sparsity.layer.penalized", lang, penalty=t(f"choice.s_penalty.{kind}", lang), alpha=f"{alpha:g}"
    )
    return layer_figure(plain, penalized, lang, title), sparsity.layer_summary(plain, penalized)


_SPARSITY_SECTIONS = {"paths": _paths, "iterations": _iterations, "montecarlo": _montecarlo, "layer": _layer}


@recent(32)
@st.cache_resource(max_entries=64, show_spinner=False)
def sparsity_section(view: str, settings: SectionSettings, lang: str) -> tuple[dict, sparsity.SectionFacts]:
    """One section of the sparsity page: its figure spec and the numbers its text quotes. `view`
    keeps the sections' entries apart: settings of two sections can compare equal as tuples."""
    return _SPARSITY_SECTIONS[view](*settings, lang)

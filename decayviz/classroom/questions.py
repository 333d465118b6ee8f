"""Every question the app asks, each tied to a scene, its true answer computed by decayviz.

Interface the store relies on (keep it): QUESTIONS[question_id] is a Question with
  .id, .page, .scene (dict: the URL query that opens its scene), .kind ("point" | "number" | "choice"),
  .truth()           the computed true answer (point: (x, y); number: float; choice: an option id)
  .check(answer)     the answer in canonical, JSON-storable form (point: [x, y] floats;
                     number: float; choice: str), or ValueError (out of bounds, NaN, unknown option)
                     / TypeError (wrong type)

A question's text and options are catalog keys (decayviz/catalog/classroom.py) filled with its
scene's numbers, so what is asked and what is computed come from the same values.
"""

from __future__ import annotations

import functools
import itertools
import math
import numbers
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from decayviz.i18n import t
from decayviz.landscape import WEIGHTS
from decayviz.scenes import PRESETS
from decayviz.state import FIELD, defaults, parse

KINDS = ("point", "number", "choice")


def scene_values(page: str, scene: dict[str, str]) -> dict[str, Any]:
    """The page's control values a link with query `scene` opens (as decayviz.ui.controls.load_page
    reads it): the defaults, then the named preset, then the link's own values."""
    values = defaults(page)
    if "preset" in scene:
        values |= PRESETS[page][scene["preset"]]
    parsed, problems = parse(scene)
    if problems:
        raise ValueError(f"a question's scene has invalid values: {problems}")
    return values | {name: parsed[name] for name in scene if name in FIELD}


@dataclass(frozen=True, eq=False)
class Question:
    """One question: its scene, what kind of answer it takes, and how its truth is computed.

    `compute(values)` gives the truth from the scene's control values; `params(values)` the
    numbers its text quotes; `options_of(values)` the choices (an option id to its catalog key,
    or to None when its label is the id itself, as for an α). Its text is the catalog's
    "question.{id}", with its scene's numbers; its short name, for lists, "question.{id}.title"."""

    id: str
    page: str
    scene: dict[str, str]
    kind: str
    compute: Callable[[dict[str, Any]], Any]
    params: Callable[[dict[str, Any]], dict[str, Any]] = lambda values: {}
    options_of: Callable[[dict[str, Any]], dict[str, str | None]] = lambda values: {}
    bounds_of: Callable[[dict[str, Any]], tuple[float, float]] = lambda values: (0.0, 0.0)
    # a choice question's options that count as right (None: the truth alone); see accepted()
    accepted_of: Callable[[dict[str, Any]], frozenset] | None = None
    # why the truth is what it is, said at the reveal: (catalog key, its values) for each sentence
    why_of: Callable[[dict[str, Any]], list[tuple[str, dict[str, Any]]]] = lambda values: []
    step: float = 1.0  # a number question's step (1: a count, a whole number)
    unit: str = ""  # a number question's unit symbol, after the number ("%")
    _cache: dict = field(default_factory=dict, repr=False)
    _locks: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _once(self, name: str, compute: Callable[[], Any]) -> Any:
        """A fact of the question's fixed scene, computed once per process (the truth of a network
        question trains its scenes; a tap's bounds build the landscape's scene)."""
        with self._lock:  # one lock per fact: a truth being trained does not hold up the bounds
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            if name not in self._cache:
                self._cache[name] = compute()
            return self._cache[name]

    @property
    def values(self) -> dict[str, Any]:
        """The scene's control values (a new dict: callers may change theirs)."""
        return dict(self._once("values", lambda: scene_values(self.page, self.scene)))

    @property
    def options(self) -> tuple[str, ...]:
        return self._once("options", lambda: tuple(self.options_of(self.values)))

    @property
    def bounds(self) -> tuple[float, float]:
        """A number's smallest and largest allowed answer; a point's coordinates' (the chart's view)."""
        return self._once("bounds", lambda: self.bounds_of(self.values))

    def truth(self) -> Any:
        """The true answer, computed from the scene by decayviz."""
        return self._once("truth", lambda: self.compute(self.values))

    def why(self) -> list[tuple[str, dict[str, Any]]]:
        """The sentences that say why the truth is what it is: (catalog key, values) each."""
        return self._once("why", lambda: self.why_of(self.values))

    def accepted(self) -> frozenset:
        """The choices that count as right: the truth, and for a question whose scores are
        measured on a sample, each choice the sample cannot tell from it (`accepted_of`)."""
        if self.accepted_of is None:
            return frozenset({self.truth()})
        return self._once("accepted", lambda: self.accepted_of(self.values))

    def text(self, lang: str) -> str:
        """The question as asked, with its scene's numbers."""
        return t(f"question.{self.id}", lang, **self.params(self.values))

    def title(self, lang: str) -> str:
        return t(f"question.{self.id}.title", lang)

    def option_label(self, option: str, lang: str) -> str:
        key = self.options_of(self.values)[option]
        return f"α = {option}" if key is None else t(key, lang)

    def check(self, answer: Any) -> Any:
        """The answer in canonical, JSON-storable form; ValueError or TypeError when it is not one."""
        if self.kind == "choice":
            if not isinstance(answer, str):
                raise TypeError(f"a choice is one of {', '.join(self.options)}, not {type(answer).__name__}")
            if answer not in self.options:
                raise ValueError(f"unknown option {answer[:40]!r}; choose one of {', '.join(self.options)}")
            return answer
        lo, hi = self.bounds
        if self.kind == "point":
            if isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple)) or len(answer) != 2:
                raise TypeError("a point is two numbers (x, y)")
            return [_number(x, lo, hi) for x in answer]
        return _number(answer, lo, hi, whole=self.step == 1.0)

    def distance(self, answer: Any) -> float:
        """How far off an answer is: the distance between points, the difference of numbers, and
        for a choice 0 (right) or 1 (wrong)."""
        answer, truth = self.check(answer), self.truth()
        if self.kind == "point":
            return float(math.hypot(answer[0] - truth[0], answer[1] - truth[1]))
        if self.kind == "number":
            return abs(answer - truth)
        return 0.0 if answer == truth else 1.0


def readable(value: float) -> str:
    """A number as a teacher reads it aloud: three significant digits, never an exponent, no
    trailing zeros (192, 73.4, 0.351, 0.00123)."""
    if not math.isfinite(value):
        return f"{value}"
    if value == 0:
        return "0"
    digits = max(0, 2 - math.floor(math.log10(abs(value))))
    text = f"{round(value, digits):.{digits}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def _number(value: Any, lo: float, hi: float, whole: bool = False) -> float:
    """A real number (not a bool, not text) within [lo, hi]; a whole one when `whole` is set."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"expected a number, not {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("the answer must be a finite number")
    if not lo <= number <= hi:
        raise ValueError(f"the answer must lie between {lo:g} and {hi:g}")
    if whole and number != round(number):
        raise ValueError("the answer must be a whole number")
    return number


# --- the landscape: one descent, from the page's own scene ---


def _landscape(values: dict[str, Any]):
    """The landscape page's scene for these values, built once per process: a question's bounds
    and its truth read the same scene."""
    return _scene(tuple(sorted(values.items())))


@functools.lru_cache(maxsize=8)
def _scene(items: tuple):
    from decayviz.scene import build_scene

    return build_scene(dict(items))


def _view_bounds(values: dict[str, Any]) -> tuple[float, float]:
    """The chart's square view (decayviz.figures.landscape): where a tap can land."""
    from decayviz.figures.landscape import view_halfwidth

    half = view_halfwidth(_landscape(values))
    return -half, half


def _descent_params(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "alpha": f"{values['alpha']:g}",
        "lr": f"{values['lr']:g}",
        "steps": values["steps"],
        "w0": f"({values['w0x']:g}, {values['w0y']:g})",
        "w_star": f"({values['wx']:g}, {values['wy']:g})",
        "c1": f"{values['c1']:g}",
        "c2": f"{values['c2']:g}",
    }


def _end(values: dict[str, Any]) -> tuple[float, float]:
    final = _landscape(values).trajectory.final
    return float(final[0]), float(final[1])


def _exact_zeros(values: dict[str, Any]) -> np.ndarray:
    """Where each weight of the descent is exactly 0.0: (steps, 2) booleans, w₁ then w₂."""
    trajectory = _landscape(values).trajectory
    return trajectory.weights[: trajectory.finite_steps] == 0.0


def _first_zero(values: dict[str, Any]) -> str:
    """Which weight is exactly 0.0 first along the descent: "w1", "w2", "both" (same step) or "none"."""
    zero = _exact_zeros(values)
    steps = [int(np.argmax(zero[:, axis])) if zero[:, axis].any() else None for axis in (0, 1)]
    if steps == [None, None]:
        return "none"
    if steps[0] == steps[1]:
        return "both"
    if steps[1] is None or (steps[0] is not None and steps[0] < steps[1]):
        return "w1"
    return "w2"


def _zero_stories(values: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """For each weight of the descent, when it is exactly 0.0: never; at one step only, on its
    way across 0; from its first zero to the end; or first at a step it later leaves."""
    stories = []
    for name, zero in zip(WEIGHTS, _exact_zeros(values).T, strict=True):
        if not zero.any():
            stories.append(("question.landscape_first_zero.why.never", {"weight": name}))
            continue
        first = int(np.argmax(zero))
        story = "stays" if zero[first:].all() else "once" if not zero[first + 1 :].any() else "leaves"
        stories.append((f"question.landscape_first_zero.why.{story}", {"weight": name, "step": first}))
    return stories


def _diverges(values: dict[str, Any]) -> str:
    return "diverges" if _landscape(values).trajectory.diverged_at is not None else "finite"


def _divergence_story(values: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Why gradient descent blew up: its learning rate is past the stable limit 2/(κ + λ) (the
    page says the same, at length, under the chart). Told for plain gradient descent that
    diverged, the question's scene; nothing otherwise."""
    scene = _landscape(values)
    if scene.optimizer != "gd" or scene.trajectory.diverged_at is None:
        return []
    _, numbers = scene.divergence()
    lr = f"{scene.lr:g}"
    told = {name: f"{numbers[name]:.3g}" for name in ("total", "limit")}
    stories = [("question.landscape_diverges.why", {**told, "lr": lr})]
    plain_limit = 2 / numbers["curvature"]
    if scene.lr < plain_limit:  # below the loss's own limit: the penalty's curvature tipped it over
        told = {"kappa": f"{numbers['curvature']:.3g}", "plain": f"{plain_limit:.3g}", "lr": lr}
        stories.append(("question.landscape_diverges.why.penalty", told))
    return stories


# --- the sparsity page: exact zeros, and the Monte Carlo's corners ---


def _zeros(kind: str) -> Callable[[dict[str, Any]], float]:
    def count(values: dict[str, Any]) -> float:
        from decayviz import sparsity

        data = _sparsity_problem(values)
        weights = sparsity.coefficient_path(data.X, data.y, kind, [values["s_alpha"]])[0]
        return float(np.sum(weights == 0.0))

    return count


def _sparsity_problem(values: dict[str, Any]):
    from decayviz import sparsity

    return sparsity.make_problem(
        values["s_problem"], values["s_samples"], values["s_features"], values["s_nonzero"], values["s_seed"]
    )


def _zeros_params(values: dict[str, Any]) -> dict[str, Any]:
    data = _sparsity_problem(values)
    n, d = data.X.shape
    return {"alpha": f"{values['s_alpha']:g}", "n": n, "d": d, "k": values["s_nonzero"]}


def _weights_bounds(values: dict[str, Any]) -> tuple[float, float]:
    return 0.0, float(_sparsity_problem(values).X.shape[1])


def _corner_share(values: dict[str, Any]) -> float:
    """The percentage of the Monte Carlo's losses whose L1-constrained optimum has a weight exactly 0."""
    from decayviz import sparsity

    settings = (values[name] for name in ("s_losses", "s_seed", "s_shape", "s_spread"))
    mc = sparsity.sparsity_monte_carlo(*settings)
    return float(100.0 * np.mean(mc.l1_zero))


def _monte_carlo_params(values: dict[str, Any]) -> dict[str, Any]:
    return {"count": values["s_losses"], "spread": f"{values['s_spread']:g}"}


def _lowrank_kept(values: dict[str, Any]) -> float:
    """How many singular values L2 on both factors keeps above 0 on the low-rank section's picture."""
    from decayviz.lowrank import factored_optimum, low_rank_picture, singular_values

    d = singular_values(low_rank_picture(seed=values["s_seed"]).noisy)
    return float(np.sum(factored_optimum(d, values["s_alpha"]) > 0))


def _lowrank_params(values: dict[str, Any]) -> dict[str, Any]:
    from decayviz.lowrank import low_rank_picture

    picture = low_rank_picture(seed=values["s_seed"])
    return {"alpha": f"{values['s_alpha']:g}", "n": len(picture.noisy), "true_rank": picture.true_rank}


# --- the network page: train the scenes (decayviz.training, torch imported only here) ---


def _train(page_values: dict[str, Any]):
    """The network page's sweep for these values, trained once per process: a network question's
    truth, the evidence shown at its reveal and the page's curves after it are the same training."""
    return _trained(page_values).result


def _validation_losses(page_values: dict[str, Any]) -> np.ndarray:
    """Each α's loss on each validation sample, (alphas, samples), of the same training."""
    return _trained(page_values).validation_losses


class _Trained(NamedTuple):
    result: Any  # decayviz.training.SweepResult
    validation_losses: np.ndarray  # (alphas, samples)
    validation_hits: np.ndarray | None  # (alphas, samples): 1 where classified right; None for regression


def _trained(page_values: dict[str, Any]) -> _Trained:
    from decayviz.state import sweep_request

    request = sweep_request(page_values)
    found = _TRAINED.get(request)
    if found is None:
        from decayviz.training.engine import SweepTrainer

        config, alphas, epochs = request
        trainer = SweepTrainer(config, alphas)
        for _ in range(epochs):
            trainer.train_epoch()
        hits = trainer.validation_hits() if trainer.data.is_classification else None
        found = _Trained(trainer.result(), trainer.validation_losses(), hits)
        with _TRAINED_LOCK:
            _TRAINED[request] = found
            while len(_TRAINED) > TRAINED_KEPT:  # the oldest first (dicts keep their order)
                _TRAINED.pop(next(iter(_TRAINED)))
    return found


# The sweeps network questions trained, by run (sweep_request's config, α values, epochs): a
# question's scene, then the scenes it compares with (four scenes in all, for two questions).
_TRAINED: dict[tuple, _Trained] = {}
_TRAINED_LOCK = threading.Lock()
TRAINED_KEPT = 8


def trained_sweep(config, alphas: tuple[float, ...], epochs: int):
    """The sweep a network question trained for exactly this run, or None: once revealed, its
    scene's curves are shown on the page before Train, as the default scene's are (the same
    engine, settings and seed as the page's own Train)."""
    found = _TRAINED.get((config, tuple(alphas), epochs))
    return None if found is None else found.result


# What decides each network question: "which α is best" by the validation loss (the bottom of
# the scene's U), "does another regularizer beat it" by the validation accuracy.
DECIDED_BY = {"network_best_alpha": "val_loss", "network_other_beats": "val_accuracy"}


@dataclass(frozen=True)
class Evidence:
    """What a network question's truth was decided from, shown at its reveal."""

    metric: str  # DECIDED_BY: "val_loss" or "val_accuracy", what `by_alpha` holds
    by_alpha: dict[str, float]  # each α of the scene (its option id): that metric, final
    best_alpha: str  # the option id of the best α
    accuracy_alone: dict[str, float]  # each other regularizer alone (OTHER_SCENES), when the question asks
    # the other α tied with the best by their losses (_loss_gaps), or the other regularizers
    # whose accuracy lies within one standard error of the paired gap to the best α's
    tied: tuple[str, ...] = ()
    # each tied one's gap to the best (its loss above it; or its accuracy above or below it) and
    # that gap's standard error, both taken sample by sample (paired_gap)
    gaps: dict[str, tuple[float, float]] = field(default_factory=dict)
    validation_samples: int = 0
    # the same for each one not tied: an α a student chose wrongly, a regularizer clearly apart
    missed: dict[str, tuple[float, float]] = field(default_factory=dict)


def evidence(question: Question) -> Evidence | None:
    """The evidence of a network question's truth, from the same cached training; None for a
    question of another page."""
    if question.page != "network":
        return None
    question.truth()  # trains the scenes once, or waits for the training under way
    result = _train(question.values)
    metric = DECIDED_BY[question.id]
    alphas = [_alpha_text(alpha) for alpha in result.alphas]
    by_alpha = dict(zip(alphas, result.final(metric), strict=True))
    samples = _validation_samples(result)
    if metric == "val_loss":
        best, gaps = _loss_gaps(question.values)
        right = {alphas[i]: gap for i, gap in enumerate(gaps) if i != best and _tied(gap)}
        missed = {alphas[i]: gap for i, gap in enumerate(gaps) if not _tied(gap)}
        return Evidence(
            metric,
            by_alpha,
            alphas[best],
            {},
            tuple(right),
            gaps=right,
            validation_samples=samples,
            missed=missed,
        )
    best = _best_by_accuracy(result)
    gaps = _alone_gaps(question.values)
    tied = {name: gap for name, gap in gaps.items() if _tied(gap)}
    missed = {name: gap for name, gap in gaps.items() if name not in tied}
    alone = _accuracy_alone()
    return Evidence(metric, by_alpha, alphas[best], alone, tuple(tied), tied, samples, missed)


def _alpha_text(alpha: float) -> str:
    return f"{alpha:g}"


def _alpha_options(values: dict[str, Any]) -> dict[str, None]:
    return {_alpha_text(alpha): None for alpha in values["n_alphas"]}


def lowest_loss(val_loss: list[float], accuracy: list[float]) -> int:
    """The index of the lowest validation loss; a tie goes to the higher validation accuracy."""
    return min(range(len(val_loss)), key=lambda i: (val_loss[i], -accuracy[i]))


def paired_gap(values: np.ndarray, best: np.ndarray) -> tuple[float, float]:
    """How much one network's per-sample numbers (losses, or hits of 1 and 0) exceed the best
    one's on average, and the standard error of that gap, both taken sample by sample on the
    same samples: the mean of the differences and their standard deviation over √n. On the same
    samples two networks err alike, so the paired error is far smaller than either mean's own."""
    differences = np.asarray(values, dtype=np.float64) - np.asarray(best, dtype=np.float64)
    return float(differences.mean()), float(differences.std(ddof=1) / math.sqrt(len(differences)))


def _tied(gap: tuple[float, float]) -> bool:
    """Whether a paired gap (gap, standard error) lies within one standard error, either side: a
    gap a validation set could make by which samples it happens to hold (the best against itself:
    0 within 0)."""
    return abs(gap[0]) <= gap[1]


def _loss_gaps(values: dict[str, Any]) -> tuple[int, list[tuple[float, float]]]:
    """The α of the lowest validation loss, and each α's loss gap to it with that gap's standard
    error, taken sample by sample (paired_gap)."""
    result, losses = _train(values), _validation_losses(values)
    best = lowest_loss(result.final("val_loss"), result.final("val_accuracy"))
    return best, [paired_gap(row, losses[best]) for row in losses]


def _validation_samples(result) -> int:
    from decayviz.training.data import load

    return len(load(result.config.dataset).y_val)


def _tied_alphas(values: dict[str, Any]) -> frozenset:
    """The best α and every α whose loss gap to it lies within one standard error: each counts
    as right."""
    _, gaps = _loss_gaps(values)
    alphas = _train(values).alphas
    return frozenset(_alpha_text(alpha) for alpha, gap in zip(alphas, gaps, strict=True) if _tied(gap))


def _u_story(values: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Why the best α lies in between, from the same training: with no decay the network
    overfits (its training loss a tenth of its validation loss or less), with the largest α it
    underfits (its training loss above the best α's validation loss); each told only where the
    numbers show it."""
    result = _train(values)
    train, val = result.final("train_loss"), result.final("val_loss")
    best = lowest_loss(val, result.final("val_accuracy"))
    low = min(range(len(result.alphas)), key=lambda i: result.alphas[i])
    high = max(range(len(result.alphas)), key=lambda i: result.alphas[i])
    stories = []
    if result.alphas[low] == 0 and low != best and train[low] is not None and train[low] <= val[low] / 10:
        told = {"train": f"{train[low]:.2g}", "val": f"{val[low]:.3f}"}
        stories.append(("question.network_best_alpha.why.overfit", told))
        history, epoch = result.history[low]["val_loss"], result.best_epoch[low]
        if epoch is not None and epoch < len(history) / 2:  # and it got there by training on
            told = {"epoch": epoch, "lowest": f"{history[epoch - 1]:.3f}"}
            stories.append(("question.network_best_alpha.why.overfit_later", told))
    if high != best and train[high] is not None and train[high] > val[best]:
        told = {
            "alpha": _alpha_text(result.alphas[high]),
            "train": f"{train[high]:.3f}",
            "best": f"{val[best]:.3f}",
        }
        stories.append(("question.network_best_alpha.why.underfit", told))
    return stories


def _best_alpha(values: dict[str, Any]) -> str:
    """The α of the lowest validation loss: the bottom of the scene's U."""
    result = _train(values)
    return _alpha_text(result.alphas[lowest_loss(result.final("val_loss"), result.final("val_accuracy"))])


# The scenes of the other regularizers: their α = 0 row is that regularizer alone.
OTHER_SCENES = {"early_stopping": "n_early_stop", "dropout": "n_dropout"}


def _best_by_accuracy(result) -> int:
    """The index of the highest validation accuracy; a tie goes to the lower validation loss."""
    scores, losses = result.final("val_accuracy"), result.final("val_loss")
    return max(range(len(scores)), key=lambda i: (scores[i], -losses[i]))


def _alone_gaps(values: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Each other regularizer alone against the best α of the question's scene: its validation
    accuracy's gap (above: positive) and that gap's standard error, image by image (paired_gap)."""
    best = _trained(values).validation_hits[_best_by_accuracy(_train(values))]
    gaps = {}
    for name, preset in OTHER_SCENES.items():
        other = _trained(scene_values("network", {"preset": preset}))
        gaps[name] = paired_gap(other.validation_hits[other.result.alphas.index(0.0)], best)
    return gaps


def _accuracy_alone() -> dict[str, float]:
    """Each other regularizer alone (its scene's α = 0): its final validation accuracy."""
    alone = {}
    for name, preset in OTHER_SCENES.items():
        other = _train(scene_values("network", {"preset": preset}))
        alone[name] = other.final("val_accuracy")[other.alphas.index(0.0)]
    return alone


def _beats_answer(beats: list[str]) -> str:
    """The option saying which other regularizers (names of OTHER_SCENES) beat the best α."""
    return {0: "neither", 2: "both"}.get(len(beats)) or beats[0]


def _other_beats(values: dict[str, Any]) -> str:
    """Whether early stopping alone, or dropout alone (each scene's α = 0), scores a higher
    validation accuracy than the best α of weight decay on the question's scene."""
    best = max(_train(values).final("val_accuracy"))
    return _beats_answer([name for name, accuracy in _accuracy_alone().items() if accuracy > best])


def beats_within_error(gaps: dict[str, tuple[float, float]]) -> frozenset:
    """The answers to "does early stopping or dropout alone beat the best α?" that the validation
    set cannot rule out: a regularizer whose accuracy gap to the best α's (gap, standard error:
    _alone_gaps) lies within one standard error may beat it or not."""
    possible = [[True, False] if _tied(gap) else [gap[0] > 0] for gap in gaps.values()]
    return frozenset(
        _beats_answer([name for name, beats in zip(gaps, combination, strict=True) if beats])
        for combination in itertools.product(*possible)
    )


def _other_beats_accepted(values: dict[str, Any]) -> frozenset:
    return beats_within_error(_alone_gaps(values))


def _beats_story(values: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Why: each regularizer clearly above or below the best α (beyond one standard error of the
    paired gap), with its gap (one within it is told by the ties' sentence instead); and, where
    early stopping alone scores below α = 0 trained to the end, that it keeps the epoch of lowest
    loss, not of highest accuracy."""
    result = _train(values)
    apart = [
        (f"question.network_other_beats.why.{name}.{'above' if gap > 0 else 'below'}",
         {"gap": f"{abs(gap):.4f}", "error": f"{error:.4f}"})
        for name, (gap, error) in _alone_gaps(values).items() if not _tied((gap, error))
    ]  # fmt: skip
    stories = [("question.network_other_beats.why.lead", {"samples": _validation_samples(result)}), *apart]
    stories = stories if apart else []  # the lead only before a regularizer it leads to
    last = result.final("val_accuracy")[result.alphas.index(0.0)] if 0.0 in result.alphas else None
    kept = _accuracy_alone()["early_stopping"]
    if last is not None and kept < last:
        stories.append(
            ("question.network_other_beats.why.by_loss", {"kept": f"{kept:.3f}", "last": f"{last:.3f}"})
        )
    return stories


def _network_params(values: dict[str, Any]) -> dict[str, Any]:
    dropout = scene_values("network", {"preset": OTHER_SCENES["dropout"]})["n_dropout"]
    return {
        "depth": values["n_depth"],
        "alphas": ", ".join(_alpha_text(a) for a in values["n_alphas"]),
        "epochs": values["n_epochs"],
        "dropout": f"{dropout:g}",
    }


def _options(keys: dict[str, str]) -> Callable[[dict[str, Any]], dict[str, str]]:
    """Options that do not depend on the scene: an option id to its catalog key."""
    return lambda values: keys


def _landscape_question(question_id: str, scene: dict[str, str], kind: str, compute, **extra) -> Question:
    """A question on the landscape page's descent: its text quotes the descent's settings."""
    return Question(question_id, "landscape", scene, kind, compute, params=_descent_params, **extra)


def _zeros_question(question_id: str, scene: dict[str, str], penalty: str) -> Question:
    """How many weights of the sparsity page's regression are exactly 0 under `penalty`."""
    return Question(
        question_id, "sparsity", scene, "number", _zeros(penalty),
        params=_zeros_params, bounds_of=_weights_bounds,
    )  # fmt: skip


def _network_question(
    question_id: str, preset: str, compute, options_of, accepted_of=None, **extra
) -> Question:
    """A choice on a network scene: its text quotes the networks trained and their α."""
    return Question(
        question_id, "network", {"preset": preset}, "choice", compute,
        params=_network_params, options_of=options_of, accepted_of=accepted_of, **extra,
    )  # fmt: skip


_QUESTIONS = (
    _landscape_question(
        "landscape_end", {"preset": "l2_shrinks"}, "point", _end, bounds_of=_view_bounds,
    ),
    _landscape_question(
        "landscape_first_zero", {"preset": "l1_zero", "alpha": "1.5"}, "choice", _first_zero,
        why_of=_zero_stories,
        options_of=_options({
            "w1": "question.landscape_first_zero.w1",
            "w2": "question.landscape_first_zero.w2",
            "both": "question.landscape_first_zero.both",
            "none": "question.landscape_first_zero.none",
        }),
    ),
    _landscape_question(
        "landscape_diverges", {"preset": "l2_shrinks", "lr": "0.3"}, "choice", _diverges,
        why_of=_divergence_story,
        options_of=_options({
            "diverges": "question.landscape_diverges.diverges",
            "finite": "question.landscape_diverges.finite",
        }),
    ),
    _zeros_question("sparsity_l1_zeros", {"preset": "lasso_selects"}, "l1"),
    _zeros_question("sparsity_l2_zeros", {"preset": "lasso_selects", "s_penalty": "l2"}, "l2"),
    Question(
        "sparsity_corner_share", "sparsity", {"s_view": "montecarlo"}, "number", _corner_share,
        params=_monte_carlo_params, bounds_of=lambda values: (0.0, 100.0), step=0.1, unit="%",
    ),
    Question(
        "sparsity_lowrank_kept", "sparsity", {"preset": "lowrank_picture"}, "number", _lowrank_kept,
        params=_lowrank_params, bounds_of=lambda values: (0.0, float(_lowrank_params(values)["n"])),
    ),
    _network_question(
        "network_best_alpha", "n_u_curve", _best_alpha, _alpha_options, _tied_alphas, why_of=_u_story,
    ),
    _network_question(
        "network_other_beats", "n_boundary", _other_beats,
        _options({
            "early_stopping": "question.network_other_beats.early_stopping",
            "dropout": "question.network_other_beats.dropout",
            "both": "question.network_other_beats.both",
            "neither": "question.network_other_beats.neither",
        }),
        _other_beats_accepted,
        why_of=_beats_story,
    ),
)  # fmt: skip

QUESTIONS: dict[str, Question] = {question.id: question for question in _QUESTIONS}


def page_questions(page: str) -> tuple[Question, ...]:
    """The questions asked on `page`, in order."""
    return tuple(question for question in _QUESTIONS if question.page == page)

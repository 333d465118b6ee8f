"""Each chart's text alternative: one or two sentences a screen reader reads in its place, in the
chosen language, with the numbers the chart is drawn from (what it shows, where the descent
ends, how many weights are exactly zero)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from decayviz.beyond import LowRankFacts, number
from decayviz.figures.network import alpha_label
from decayviz.i18n import t
from decayviz.landscape import WEIGHTS
from decayviz.scene import LandscapeScene
from decayviz.sparsity import IterationFacts, LayerSummary, MonteCarloShares, PathFacts, SectionFacts
from decayviz.training.options import SPARSITY_THRESHOLD
from decayviz.training.result import SweepResult


def point(w) -> str:
    """A weight vector for reading: an exact zero reads 0, anything else 3 significant digits."""
    return "(" + ", ".join("0" if x == 0.0 else f"{x:.3g}" for x in np.asarray(w, dtype=float)) + ")"


# How many of the two weights end exactly at 0, said as a sentence says it: "0 of 2" reads oddly.
ZEROS = ("alt.landscape.zeros_none", "alt.landscape.zeros_one", "alt.landscape.zeros_both")


def _zeros(end: np.ndarray, lang: str) -> str:
    """Which of the two weights in `end` are exactly 0: none, one (named w₁ or w₂) or both."""
    zero = np.flatnonzero(end == 0.0)
    weight = WEIGHTS[zero[0]] if zero.size == 1 else ""
    return t(ZEROS[zero.size], lang, weight=weight)


def _rule(optimizer: str, lang: str) -> str:
    return t(f"choice.opt.{optimizer}", lang).split(" (")[0]  # the name, not its explanation


def landscape_alt(scene: LandscapeScene, lang: str) -> str:
    """The landscape chart: the loss around W*, where the descent starts and ends, how many of
    its two weights end exactly at zero, and (with a penalty) the exact optimum Ŵ(α)."""
    traj = scene.trajectory
    end = traj.weights[traj.finite_steps - 1]
    text = t(
        "alt.landscape",
        lang,
        w_star=point(scene.loss.w_star),
        optimizer=_rule(scene.optimizer, lang),
        w0=point(scene.w0),
        steps=traj.finite_steps - 1,
        end=point(end),
        zeros=_zeros(end, lang),
    )
    if traj.diverged_at is not None:
        text += " " + t("alt.landscape.diverged", lang, step=traj.diverged_at)
    if scene.penalty.kind != "none":
        text += " " + t(
            "alt.landscape.penalty",
            lang,
            penalty=t(f"choice.penalty.{scene.penalty.kind}", lang).split(":")[0],
            alpha=f"{scene.penalty.alpha:g}",
            optimum=point(scene.optimum),
            radius=f"{scene.radius:.3g}",
        )
    return text


def terms_alt(scene: LandscapeScene, lang: str) -> str:
    """The two terms over the steps, their values where the descent ends, and (with a penalty)
    the panel under them: the exact optimum's data loss and t as α grows."""
    traj = scene.trajectory
    last = traj.finite_steps - 1
    text = t(
        "alt.terms",
        lang,
        steps=last,
        data=f"{traj.data_loss[last]:.3g}",
        penalty=f"{traj.penalty_value[last]:.3g}",
        total=f"{traj.total[last]:.3g}",
    )
    if scene.penalty.kind != "none" and len(scene.path):  # the chart's second panel, under it
        alpha, cost, radius = f"{scene.penalty.alpha:g}", f"{scene.data_cost:.3g}", f"{scene.radius:.3g}"
        text += " " + t("alt.terms.tradeoff", lang, alpha=alpha, cost=cost, radius=radius)
    return text


def percent_one_decimal(share: float) -> str:
    """A share of the Monte Carlo's losses as the page prints it: 73.4%, 0.0%."""
    return f"{100 * share:.1f}%"


def sparsity_alt(facts: SectionFacts, alpha: float | None, lang: str) -> str:
    """A sparsity section's chart, from the facts the page reads its readouts from (the Monte
    Carlo has no α)."""
    match facts:
        case PathFacts():
            return t(
                "alt.sparsity.paths", lang, d=facts.d, alpha=f"{alpha:g}",
                l1=facts.l1, l2=facts.l2, en=facts.elasticnet,
            )  # fmt: skip
        case IterationFacts():
            return t(
                "alt.sparsity.iterations", lang, d=facts.d,
                prox=facts.l1_proximal, sub=facts.l1_subgradient, l2=facts.l2,
            )  # fmt: skip
        case MonteCarloShares():
            l1, l2 = percent_one_decimal(facts.l1), percent_one_decimal(facts.l2)
            return t("alt.sparsity.montecarlo", lang, l1=l1, l2=l2)
        case LayerSummary():
            return t("alt.sparsity.layer", lang, total=facts.total, zeros=facts.zeros)
    raise TypeError(f"no text alternative for {type(facts).__name__}")


def _fraction(value: float | None) -> str:
    return "–" if value is None or not np.isfinite(value) else f"{value:.3g}"


def _per_alpha(result: SweepResult, values: Sequence[float | None]) -> str:
    """One value per α ("α = 0: 0.953, α = 0.01: 0.94"), "–" where a network has none."""
    pairs = zip(result.alphas, values, strict=True)
    return ", ".join(f"α = {alpha_label(alpha)}: {_fraction(value)}" for alpha, value in pairs)


def _small_share(weights: np.ndarray) -> float:
    return float(np.mean(np.abs(weights) < SPARSITY_THRESHOLD))


def network_alt(result: SweepResult, chart: str, lang: str) -> str:
    """A chart of the network page, each saying what it draws: the live "curves" over the epochs,
    the "sweep" of final score and losses per α, the weight "histograms", the first layer's
    "filters" as images, and the decision "boundary" of each α."""
    count, trained = len(result.alphas), [bool(h["train_loss"]) for h in result.history]
    if chart == "curves":  # where each line ends: the last epoch's score
        last = [h["val_accuracy"][-1] if h["val_accuracy"] else None for h in result.history]
        epochs = max((len(h["train_loss"]) for h in result.history), default=0)
        return t("alt.network.curves", lang, count=count, epochs=epochs, ends=_per_alpha(result, last))
    if chart == "sweep":
        score, train, val = (result.final(m) for m in ("val_accuracy", "train_loss", "val_loss"))
        ends = ", ".join(
            t("alt.network.sweep_item", lang, alpha=alpha_label(a), score=_fraction(s), train=_fraction(tr),
              val=_fraction(v))
            for a, s, tr, v in zip(result.alphas, score, train, val, strict=True)
        )  # fmt: skip
        when = "alt.network.when_kept" if result.config.early_stopping else "alt.network.when_last"
        return t("alt.network.sweep", lang, count=count, when=t(when, lang), ends=ends)
    if chart == "histograms":
        everything = [np.concatenate([layer[i].ravel() for layer in result.weights]) for i in range(count)]
        shares = [_small_share(w) if ok else None for w, ok in zip(everything, trained, strict=True)]
        return t("alt.network.sparsity", lang, count=count, ends=_per_alpha(result, shares))
    if chart == "filters":
        shares = [_small_share(result.weights[0][i]) if trained[i] else None for i in range(count)]
        return t("alt.network.filters", lang, count=count, ends=_per_alpha(result, shares))
    if chart == "boundary":
        scores = _per_alpha(result, result.final("val_accuracy"))
        return t("alt.network.boundary", lang, count=count, ends=scores)
    raise ValueError(f"no text alternative for the network chart {chart!r}")


def grid_alt(result, lang: str) -> str:
    """One optimizer's lr × weight-decay heatmap (decayviz.figures.grid): its best cell, how many
    cells fail (below 50%) and how many diverged."""
    from decayviz.figures.grid import PANEL_TITLES, best_cell

    name, best = t(PANEL_TITLES[result.config.optimizer], lang), best_cell(result)
    if best is None:
        panel = t("grid.alt_empty", lang, name=name)
    else:
        values, (i, j) = result.final("val_accuracy"), best
        panel = t(
            "grid.alt_panel", lang, name=name, best=f"{values[i, j]:.1%}", lr=f"{result.lrs[i]:g}",
            wd=f"{2 * result.alphas[j]:g}", cells=values.size, failed=int(np.sum(values < 0.5)),
            diverged=sum(e is not None for row in result.diverged_at for e in row),
        )  # fmt: skip
    return t(
        "grid.alt", lang, rows=len(result.lrs), columns=len(result.alphas), epochs=result.epochs_done,
        panel=panel,
    )  # fmt: skip


# --- beyond the chapter (decayviz.beyond) ---


def lowrank_alt(facts: LowRankFacts, lang: str) -> str:
    """The low-rank section's chart (decayviz.beyond.lowrank_facts): the spectra under three
    penalties, the descent on the factors, the rank against α."""
    return t(
        "alt.lowrank", lang, n=facts.n, alpha=facts.alpha, kept=facts.kept,
        rank_factors=facts.rank_factors, rank_l1=facts.rank_l1, zeros=facts.zeros, steps=facts.steps,
        gap=facts.gap,
    )  # fmt: skip


def normalized_alt(run, lang: str) -> str:
    """The normalization view: the direction-only loss, where the descent goes, ‖W‖ and the
    effective learning rate from start to end, the last step's angle."""
    return t(
        "alt.normalized",
        lang,
        w0=point(run.trajectory.weights[0]),
        steps=len(run.norms) - 1,
        start=number(run.norms[0]),
        end=number(run.norms[-1]),
        eff_start=number(run.effective_lr[0]),
        eff_end=number(run.effective_lr[-1]),
        angle=f"{np.degrees(run.angles[-1]):.3g}" if run.angles.size else "0",
    )


def earlystop_alt(scene, lang: str) -> str:
    """The early-stopping view: the descent beside the path of L2 optima, the chosen α's step
    with its nearest α and gap, and the largest gap."""
    match, k = scene.match, scene.step
    return t(
        "alt.earlystop",
        lang,
        steps=match.finite_steps - 1,
        k=k,
        alpha=number(match.alphas[k]),
        gap=f"{match.gaps[k]:.2g}",
        worst_gap=f"{match.gaps[scene.worst]:.2g}",
    )

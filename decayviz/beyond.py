"""The views beyond the chapter, from a page's values to what they show: the scene each computes
and every sentence it states, with the numbers in them (so a test can recompute each one)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from decayviz.earlystop import EarlyStopMatch, early_stopping_match
from decayviz.i18n import t
from decayviz.landscape import EllipticLoss, ScaleInvariantLoss
from decayviz.lowrank import LowRankSection
from decayviz.normalization import NormalizedRun, normalized_run
from decayviz.penalties import make_penalty

PULL = 1.0  # the direction-only loss's pull: ‖∇L‖·‖W‖; the angle it settles at does not depend on it


def number(x: float, digits: int = 3) -> str:
    """A value as the page reads it: ∞ for infinity, else `digits` significant digits."""
    return "∞" if np.isinf(x) else f"{x:.{digits}g}"


def percent(share: float) -> str:
    """A share as a percentage with up to 3 significant digits (100%, 42.5%, 0.87%)."""
    return f"{100 * share:.3g}%"


class LowRankFacts(NamedTuple):
    """The numbers the low-rank section's sentences and text alternatives quote, as they read
    (each named as its placeholder in lowrank.* and alt.lowrank)."""

    alpha: str
    n: int  # D's singular values
    kept: int  # those above 0 with L2 on the factors
    rank_factors: int
    true_rank: int  # the rank the picture was drawn with
    shrink: str  # L2 on W: every singular value times 1/(1 + 2α)
    zeros: str  # the share of W's entries exactly 0 with L1 on them
    rank_l1: int
    steps: int  # of the descent on the factors
    gap: str  # its largest distance from the closed form at the end
    lr: str


def lowrank_facts(section: LowRankSection) -> LowRankFacts:
    return LowRankFacts(
        alpha=f"{section.alpha:g}",
        n=len(section.d),
        kept=int(np.sum(section.spectra["factors"] > 0)),
        rank_factors=section.ranks["factors"],
        true_rank=section.picture.true_rank,
        shrink=f"{1.0 / (1.0 + 2.0 * section.alpha):.3g}",
        zeros=percent(section.zero_entries["l1_entries"]),
        rank_l1=section.ranks["l1_entries"],
        steps=len(section.descent.singular_values) - 1,
        gap=f"{section.descent_gap:.2g}",
        lr=f"{section.descent.lr:.3g}",
    )


# --- the landscape's views ---


def normalized_scene(values: dict[str, Any]) -> tuple[ScaleInvariantLoss, NormalizedRun]:
    """The landscape's controls on the direction-only loss: its penalty, optimizer, lr, steps and
    start, unchanged."""
    loss = ScaleInvariantLoss(pull=PULL)
    penalty = make_penalty(values["penalty"], values["alpha"], values["l1_ratio"])
    run = normalized_run(
        loss, penalty, (values["w0x"], values["w0y"]), values["opt"], values["lr"], values["steps"]
    )
    return loss, run


def normalized_text(run: NormalizedRun, values: dict[str, Any], lang: str) -> str:
    """What the normalization view says under its chart: the equilibrium reached (or not yet)
    against its prediction; the norm growing without decay; or why there is no prediction."""
    trajectory = run.trajectory
    steps = trajectory.finite_steps - 1
    last_angle = f"{np.degrees(run.angles[-1]):.3g}" if run.angles.size else "0"
    if trajectory.diverged_at is not None:
        return t("beyond.norm.diverged", lang, step=trajectory.diverged_at)
    if run.norms[0] == 0:
        return t("beyond.norm.at_origin", lang)
    penalty = make_penalty(values["penalty"], values["alpha"], values["l1_ratio"])
    if penalty.alpha == 0 or values["penalty"] == "none":
        return t(
            "beyond.norm.no_decay",
            lang,
            start=number(run.norms[0]),
            end=number(run.norms[-1]),
            steps=steps,
            eff_start=number(run.effective_lr[0]),
            eff_end=number(run.effective_lr[-1]),
        )
    decay = 2.0 * float(penalty.l2_weight)
    x = values["lr"] * decay
    if run.predicted_angle is None:
        if values["opt"] == "gd" and penalty.l1_weight == 0:
            return t("beyond.norm.no_equilibrium", lang, x=f"{x:.3g}")
        return t(
            "beyond.norm.other_rule",
            lang,
            optimizer=t(f"choice.opt.{values['opt']}", lang).split(" (")[0],
            norm=number(run.norms[-1]),
            angle=last_angle,
        )
    common = {
        "wd": f"{decay:g}",
        "lr": f"{values['lr']:g}",
        "x": f"{x:.3g}",
        "norm_pred": number(run.predicted_norm),
        "eff_pred": number(run.predicted_effective_lr),
        "angle_pred": f"{np.degrees(run.predicted_angle):.3g}",
        "norm": number(run.norms[-1]),
        "angle": last_angle,
    }
    settled = run.settled_at()
    if settled is None:
        return t("beyond.norm.on_its_way", lang, steps=steps, **common)
    return t("beyond.norm.settled", lang, settled=settled, eff=number(run.effective_lr[-1]), **common)


@dataclass(frozen=True)
class EarlyStopScene:
    """The early-stopping view: the loss, descent from 0 matched to Ŵ(α) step by step, the α
    chosen in the sidebar and the step nearest its Ŵ(α)."""

    loss: EllipticLoss
    match: EarlyStopMatch
    alpha: float
    step: int  # the stopped step nearest Ŵ(alpha)
    distance: float  # ‖that step − Ŵ(alpha)‖

    @property
    def worst(self) -> int:
        return int(np.argmax(self.match.gaps))

    def share(self, gap: float) -> str:
        """A gap as a share of ‖W*‖ ("–" when W* = 0)."""
        scale = float(np.linalg.norm(self.loss.w_star))
        return percent(gap / scale) if scale > 0 else "–"


def earlystop_scene(values: dict[str, Any]) -> EarlyStopScene:
    loss = EllipticLoss((values["wx"], values["wy"]), (values["c1"], values["c2"]), values["angle"])
    match = early_stopping_match(loss, values["lr"], values["steps"])
    step, distance = match.nearest_step(values["alpha"], loss)
    return EarlyStopScene(loss, match, values["alpha"], step, distance)


def earlystop_text(scene: EarlyStopScene, lang: str) -> list[str]:
    """The early-stopping view's sentences: the chosen α's nearest step, that step's nearest α
    and gap ("≈", with the gap measured), and the largest gap over the steps (exact only when
    the curvatures are equal)."""
    match, k = scene.match, scene.step
    if not np.any(scene.loss.w_star):
        return [t("beyond.es.at_origin", lang)]
    sentences = []
    if match.diverged_at is not None:
        kappa = float(np.max(scene.loss.curvatures))
        sentences.append(
            t(
                "beyond.es.diverged",
                lang,
                step=match.diverged_at,
                lr=f"{match.lr:g}",
                limit=f"{2 / kappa:.3g}",
                kappa=f"{kappa:g}",
            )
        )
    sentences.append(
        t("beyond.es.chosen", lang, alpha=f"{scene.alpha:g}", step=k, distance=f"{scene.distance:.2g}")
    )
    sentences.append(
        t(
            "beyond.es.readout",
            lang,
            k=k,
            w="(" + ", ".join(f"{x:.3g}" for x in match.weights[k]) + ")",
            alpha=number(match.alphas[k]),
            gap=f"{match.gaps[k]:.2g}",
            share=scene.share(match.gaps[k]),
        )
    )
    c1, c2 = scene.loss.curvatures
    worst = {"steps": match.finite_steps - 1, "worst_gap": f"{match.gaps[scene.worst]:.2g}"}
    if c1 == c2:
        sentences.append(t("beyond.es.worst_equal", lang, c1=f"{c1:g}", **worst))
    else:
        sentences.append(
            t(
                "beyond.es.worst_unequal",
                lang,
                c1=f"{c1:g}",
                c2=f"{c2:g}",
                worst=scene.worst,
                worst_share=scene.share(match.gaps[scene.worst]),
                **worst,
            )
        )
    return sentences

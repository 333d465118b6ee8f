"""Each chart's text alternative: one or two sentences a screen reader reads in its place, in the
chosen language, with the numbers the chart is drawn from (what it shows, where the descent
ends, how many weights are exactly zero)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from decayviz.i18n import t
from decayviz.scene import LandscapeScene


def point(w) -> str:
    """A weight vector for reading: an exact zero reads 0, anything else 3 significant digits."""
    return "(" + ", ".join("0" if x == 0.0 else f"{x:.3g}" for x in np.asarray(w, dtype=float)) + ")"


# How many of the two weights end exactly at 0, said as a sentence says it: "0 of 2" reads oddly.
ZEROS = ("alt.landscape.zeros_none", "alt.landscape.zeros_one", "alt.landscape.zeros_both")


def _zeros(end: np.ndarray, lang: str) -> str:
    """Which of the two weights in `end` are exactly 0: none, one (named w₁ or w₂) or both."""
    zero = np.flatnonzero(end == 0.0)
    weight = f"w{'₁₂'[zero[0]]}" if zero.size == 1 else ""
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
    """The two terms over the steps: their values where the descent ends."""
    traj = scene.trajectory
    last = traj.finite_steps - 1
    return t(
        "alt.terms",
        lang,
        steps=last,
        data=f"{traj.data_loss[last]:.3g}",
        penalty=f"{traj.penalty_value[last]:.3g}",
        total=f"{traj.total[last]:.3g}",
    )


def sparsity_alt(view: str, facts: Mapping, alpha: float | None, lang: str) -> str:
    """A sparsity section's chart, from the facts the page reads its readouts from."""
    if view == "paths":
        return t(
            "alt.sparsity.paths", lang, d=facts["d"], alpha=f"{alpha:g}",
            l1=facts["l1"], l2=facts["l2"], en=facts["elasticnet"],
        )  # fmt: skip
    if view == "iterations":
        return t(
            "alt.sparsity.iterations", lang, d=facts["d"],
            prox=facts["l1_proximal"], sub=facts["l1_subgradient"], l2=facts["l2"],
        )  # fmt: skip
    if view == "montecarlo":
        return t("alt.sparsity.montecarlo", lang, l1=facts["l1"], l2=facts["l2"])
    return t("alt.sparsity.layer", lang, total=facts["total"], zeros=facts["zeros"])


def network_alt(
    alphas: Sequence[float], values: Sequence[float | None], labels: Sequence[str], metric: str, lang: str
) -> str:
    """A chart of the network page: what each α ends with, the validation score ("val_accuracy")
    or the share of weights near zero ("sparsity")."""
    ends = ", ".join(
        f"α = {label}: {'–' if score is None else f'{score:.3g}'}"
        for label, score in zip(labels, values, strict=True)
    )
    key = "alt.network.sparsity" if metric == "sparsity" else "alt.network.val_accuracy"
    return t(key, lang, count=len(alphas), ends=ends)

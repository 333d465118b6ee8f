"""Everything the landscape page shows, computed from its control values in one place."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from decayviz.descent import Trajectory, descend_runs, max_stable_lr
from decayviz.i18n import t
from decayviz.landscape import EllipticLoss
from decayviz.penalties import ElasticNet, NoPenalty, make_penalty
from decayviz.rules import RULES
from decayviz.solve import (
    adamw_box_halfwidth,
    box_constrained_optimum,
    constraint_radius,
    regularization_path,
    regularized_optimum,
)

# α values for drawing the regularization path Ŵ(α), from "almost none" to "everything shrunk".
PATH_ALPHAS = np.concatenate([[0.0], np.geomspace(1e-3, 1e3, 160)])

# The rule each optimizer is compared with (decayviz.rules): the same penalty coupled vs
# decoupled, and the subgradient vs the proximal step for L1.
COMPANION = {name: rule.companion for name, rule in RULES.items() if rule.companion}

# The divergence messages' pieces that follow the penalty: torch's weight_decay λ written in the
# controls' α and l1_ratio, and how the whole loss's largest curvature κ + λ is made up (κ: the data
# loss's largest curvature; decayviz.glossary.SYMBOLS).
DECAY_FORMULA = {"l2": "landscape.formula.decay.l2", "elasticnet": "landscape.formula.decay.elasticnet"}
CURVATURE_PARTS = {
    "l2": "landscape.diverged.parts",
    "elasticnet": "landscape.diverged.parts",
    "l1": "landscape.diverged.parts_l1",
    "none": "landscape.diverged.parts_none",
}


class Chatter(NamedTuple):
    """The subgradient-vs-proximal contrast for L1 (LandscapeScene.chatter)."""

    weight: int  # which weight Ŵ(α) has at exactly 0: 1 or 2
    gd_end: float  # where the subgradient run ends on it
    zero_step: int  # the proximal run's first step with it exactly 0


@dataclass(frozen=True)
class LandscapeScene:
    loss: EllipticLoss
    penalty: ElasticNet
    w0: np.ndarray
    optimizer: str
    lr: float
    trajectory: Trajectory
    ghost: Trajectory  # the same optimizer without the penalty: where plain training goes
    companion: Trajectory | None  # see COMPANION; None where the comparison says nothing
    companion_optimizer: str | None
    optimum: np.ndarray  # exact Ŵ(α)
    radius: float  # t: Ŵ(α) lies on the penalty's ball of this radius
    path: np.ndarray  # Ŵ(α) for PATH_ALPHAS (empty without a penalty)
    box_halfwidth: float | None  # AdamW's implicit ℓ∞ box 1/(2α), when AdamW decays with L2
    box_optimum: np.ndarray | None  # the exact optimum of L inside that box
    max_stable_lr: float

    @property
    def data_cost(self) -> float:
        """L(Ŵ) − L(W*): what the penalty costs on the data (L(W*) = 0)."""
        return float(self.loss.value(self.optimum))

    @property
    def weight_decay(self) -> float:
        """PyTorch's weight_decay: the L2 part's 2α(1 − l1_ratio), so 2α for L2 and 0 for L1
        (torch has no L1 weight_decay: α‖W‖₁ goes into the loss)."""
        return 2.0 * float(self.penalty.l2_weight)

    @property
    def norms(self) -> tuple[float, float]:
        """(‖Ŵ(α)‖₂, ‖W*‖₂): how far from the origin the penalty keeps the weights, against
        where plain training would take them (the chapter's point 3)."""
        return float(np.linalg.norm(self.optimum)), float(np.linalg.norm(self.loss.w_star))

    @property
    def norm_share(self) -> float | None:
        """‖Ŵ(α)‖₂ / ‖W*‖₂ (None when W* is the origin)."""
        optimum, w_star = self.norms
        return optimum / w_star if w_star > 0 else None

    @property
    def contact(self) -> tuple[str, int]:
        """Where Ŵ(α) touches the L1 (or elastic-net) ball: the catalog key of a corner (a weight
        exactly 0, its number 1 or 2), an edge (no weight 0) or the origin (both 0)."""
        zeros = np.flatnonzero(self.optimum == 0.0)
        if zeros.size == 2:
            return "landscape.readout.contact_origin", 0
        if zeros.size == 1:
            return "landscape.readout.contact_corner", int(zeros[0]) + 1
        return "landscape.readout.contact_edge", 0

    def run(self, optimizer: str) -> Trajectory | None:
        """The descent of this rule: the main one or the companion."""
        if optimizer == self.optimizer:
            return self.trajectory
        return self.companion if optimizer == self.companion_optimizer else None

    @property
    def box_distance(self) -> float | None:
        """How far AdamW ends from the exact optimum inside its box (None without a box)."""
        adamw = self.run("adamw")
        if self.box_optimum is None or adamw is None:
            return None
        return float(np.linalg.norm(adamw.final - self.box_optimum))

    @property
    def box_holds_w_star(self) -> bool:
        """W* lies inside AdamW's box: then the box does not bind and AdamW heads for W*."""
        return self.box_halfwidth is not None and bool(np.all(np.abs(self.loss.w_star) <= self.box_halfwidth))

    @property
    def optimum_on_axis(self) -> bool:
        """Ŵ(α) has a coordinate exactly 0 (on the diamond: a corner), but is not the origin."""
        return bool(np.any(self.optimum == 0.0) and np.any(self.optimum != 0.0))

    @property
    def penalty_low_step(self) -> int | None:
        """The step where the penalty (2) is lowest, when it first falls there and then rises
        again by more than 1% of its start: (1) and (2) then fall together at first."""
        values = self.trajectory.penalty_value[: self.trajectory.finite_steps]
        low = int(np.argmin(values))
        if self.penalty.kind == "none" or low in (0, len(values) - 1):
            return None
        return low if values[-1] - values[low] > 0.01 * values[0] else None

    @property
    def chatter(self) -> Chatter | None:
        """The subgradient-vs-proximal contrast for L1, when this scene shows it: Ŵ(α) has an exact 0,
        the proximal run ends exactly on it and the subgradient run does not. Which weight
        (1 or 2), where the subgradient run ends on it, and the proximal run's first exact 0."""
        gd, proximal = self.run("gd"), self.run("proximal")
        if gd is None or proximal is None or self.penalty.kind != "l1" or not self.optimum_on_axis:
            return None
        axis = int(np.flatnonzero(self.optimum == 0.0)[0])
        if proximal.final[axis] != 0.0 or gd.final[axis] == 0.0:
            return None
        hits = np.flatnonzero(proximal.weights[: proximal.finite_steps, axis] == 0.0)
        return Chatter(weight=axis + 1, gd_end=float(gd.final[axis]), zero_step=int(hits[0]))

    @property
    def weight_decay_note(self) -> str | None:
        """The catalog key of the note on PyTorch's weight_decay under the readouts: L1 has none,
        and where AdamW runs (as the rule or its companion) its decay is not a gradient."""
        if self.penalty.kind == "none":
            return None
        if self.penalty.kind == "l1":
            return "landscape.readout.l1_note"
        adamw = "adamw" in (self.optimizer, self.companion_optimizer)
        return "landscape.readout.weight_decay_note_adamw" if adamw else "landscape.readout.weight_decay_note"

    @property
    def adamw_is_adam(self) -> bool:
        """Adam or AdamW with a pure L1 penalty: torch has no decoupled L1, so both rules put
        α·sign(W) into the gradient and take the same steps."""
        return self.optimizer in ("adam", "adamw") and self.penalty.kind == "l1"

    def divergence(self) -> tuple[str, dict[str, float]]:
        """The catalog key that explains this rule's stability limit, and its numbers: the data
        loss's largest curvature κ, torch's weight_decay λ = 2α₂ of the L2 part, the limit
        and, for AdamW, its decay factor 1 − λ·lr at this learning rate (decayviz.glossary.SYMBOLS)."""
        numbers = {
            "limit": self.max_stable_lr,
            "curvature": float(np.max(self.loss.curvatures)),
            "decay": self.weight_decay,
            "total": float(np.max(self.loss.curvatures)) + self.weight_decay,
            "factor": 1.0 - self.weight_decay * self.lr,
        }
        key = RULES[self.optimizer].diverged_key
        if self.optimizer == "proximal" and self.weight_decay > 0:
            key += "_l2"  # with an L2 part the prox's shrinking loosens the limit
        return key, numbers

    def divergence_text(self, lang: str) -> str:
        """The divergence message in `lang`, numbers to 3 digits, with weight_decay written as the
        student set it (2α, or 2α(1 − l1_ratio) for the elastic net), and the whole loss's largest
        curvature as κ plus that (κ alone without an L2 part), bracketed where it is multiplied."""
        key, numbers = self.divergence()
        values = {name: f"{value:.3g}".replace("-", "−") for name, value in numbers.items()}  # −2, as in −1
        kind = self.penalty.kind
        values["nu"] = t(DECAY_FORMULA[kind], lang) if kind in DECAY_FORMULA else "0"  # no L2 part
        values["whole"] = f"κ + {values['nu']}" if kind in DECAY_FORMULA else "κ"
        values["whole_p"] = f"({values['whole']})" if kind in DECAY_FORMULA else "κ"
        values["parts"] = t(CURVATURE_PARTS[kind], lang, **values)
        return t(key, lang, step=self.trajectory.diverged_at, lr=self.lr, **values)


def _companion(optimizer: str, penalty: ElasticNet) -> str | None:
    other = COMPANION.get(optimizer)
    if other is None or penalty.alpha == 0.0:
        return None
    if {optimizer, other} == {"gd", "proximal"} and penalty.l1_weight == 0.0:
        return None  # for a smooth penalty both reach the same point the same way
    if {optimizer, other} == {"adam", "adamw"} and penalty.l2_weight == 0.0:
        return None  # no L2 part to decouple: torch's AdamW is Adam (L1 goes into the loss)
    return other


@functools.lru_cache(maxsize=256)
def _path(loss_key: tuple, kind: str, l1_ratio: float) -> np.ndarray:
    """Ŵ(α) over PATH_ALPHAS, remembered: it does not depend on α, the optimizer or the steps."""
    path = regularization_path(EllipticLoss(*loss_key), kind, PATH_ALPHAS, l1_ratio)
    path.flags.writeable = False
    return path


def build_scene(values: dict[str, Any]) -> LandscapeScene:
    """The scene for the landscape page's control values (as decayviz.state defines them)."""
    loss_key = ((values["wx"], values["wy"]), (values["c1"], values["c2"]), values["angle"])
    loss = EllipticLoss(*loss_key)
    penalty = make_penalty(values["penalty"], values["alpha"], values["l1_ratio"])
    if penalty.alpha == 0.0:
        penalty = NoPenalty()
    w0 = (values["w0x"], values["w0y"])
    optimizer, lr, steps = values["opt"], values["lr"], values["steps"]

    other = _companion(optimizer, penalty)
    # The descent, its ghost without the penalty and its companion rule, stepped together.
    penalties, optimizers = [penalty, NoPenalty()], [optimizer, optimizer]
    if other:
        penalties.append(penalty)
        optimizers.append(other)
    trajectory, ghost, *rest = descend_runs(loss, penalties, w0, optimizers, lr, steps)
    companion = rest[0] if rest else None

    optimum = regularized_optimum(loss, penalty)
    path = np.empty((0, 2)) if penalty.kind == "none" else _path(loss_key, penalty.kind, penalty.l1_ratio)
    uses_adamw = "adamw" in (optimizer, other)
    box = adamw_box_halfwidth(penalty.alpha) if uses_adamw and penalty.kind == "l2" else None
    return LandscapeScene(
        loss=loss,
        penalty=penalty,
        w0=np.array(w0, dtype=float),
        optimizer=optimizer,
        lr=lr,
        trajectory=trajectory,
        ghost=ghost,
        companion=companion,
        companion_optimizer=other,
        optimum=optimum,
        radius=constraint_radius(penalty, optimum),
        path=path,
        box_halfwidth=box,
        box_optimum=box_constrained_optimum(loss, box) if box is not None else None,
        max_stable_lr=max_stable_lr(loss, penalty, optimizer),
    )

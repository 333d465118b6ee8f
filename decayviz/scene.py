"""Everything the landscape page shows, computed from its control values in one place."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

from decayviz.descent import Trajectory, descend_runs, max_stable_lr
from decayviz.landscape import EllipticLoss
from decayviz.penalties import ElasticNet, NoPenalty, make_penalty
from decayviz.solve import (
    adamw_box_halfwidth,
    box_constrained_optimum,
    constraint_radius,
    regularization_path,
    regularized_optimum,
)

# α values for drawing the regularization path Ŵ(α), from "almost none" to "everything shrunk".
PATH_ALPHAS = np.concatenate([[0.0], np.geomspace(1e-3, 1e3, 160)])

# The rule each optimizer is compared with: the same penalty coupled vs decoupled, and the
# subgradient vs the proximal step for L1.
COMPANION = {"adam": "adamw", "adamw": "adam", "gd": "proximal", "proximal": "gd"}


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
        """PyTorch's weight_decay for this α: λ = 2α."""
        return 2.0 * self.penalty.alpha


def _companion(optimizer: str, penalty: ElasticNet) -> str | None:
    other = COMPANION.get(optimizer)
    if other is None or penalty.alpha == 0.0:
        return None
    if {optimizer, other} == {"gd", "proximal"} and penalty.l1_weight == 0.0:
        return None  # for a smooth penalty both reach the same point the same way
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

"""Penalties on the weights, in the seed's convention: L2 is α‖W‖² (no ½), so its gradient is 2αW.

Each penalty acts on the last axis of W and knows its value, its (sub)gradient and its proximal
operator. PyTorch's `weight_decay` λ is the gradient of (λ/2)‖W‖², hence λ = 2α.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np


def soft_threshold(W: np.ndarray, threshold: float) -> np.ndarray:
    """sign(W)·max(|W| − threshold, 0): the proximal step of threshold·‖W‖₁, which yields exact 0."""
    W = np.asarray(W, dtype=float)
    return np.sign(W) * np.maximum(np.abs(W) - threshold, 0.0)


@dataclass(frozen=True)
class ElasticNet:
    """α (l1_ratio ‖W‖₁ + (1 − l1_ratio) ‖W‖₂²); L1 and L2 are its two ends.

    alpha and l1_ratio may be arrays that broadcast against W (see `stack`): one penalty per
    row, for several runs at once.
    """

    alpha: float
    l1_ratio: float = 0.5

    kind = "elasticnet"

    def __post_init__(self) -> None:
        if not np.all(np.isfinite(self.alpha) & (np.asarray(self.alpha) >= 0)):
            raise ValueError("alpha must be finite and non-negative")
        if not np.all((np.asarray(self.l1_ratio) >= 0.0) & (np.asarray(self.l1_ratio) <= 1.0)):
            raise ValueError("l1_ratio must lie in [0, 1]")

    @functools.cached_property  # computed once: the update loops read them every step
    def l1_weight(self) -> float:
        return self.alpha * self.l1_ratio

    @functools.cached_property
    def l2_weight(self) -> float:
        return self.alpha * (1.0 - self.l1_ratio)

    def value(self, W: np.ndarray) -> np.ndarray:
        W = np.asarray(W, dtype=float)
        return self.l1_weight * np.abs(W).sum(axis=-1) + self.l2_weight * (W**2).sum(axis=-1)

    def grad(self, W: np.ndarray) -> np.ndarray:
        """Gradient; the L1 part is the subgradient α·sign(W), taken as 0 at 0."""
        W = np.asarray(W, dtype=float)
        return self.l1_weight * np.sign(W) + 2.0 * self.l2_weight * W

    def prox(self, W: np.ndarray, step: float) -> np.ndarray:
        """argmin_X ½‖X − W‖² + step·penalty(X): soft-threshold, then shrink."""
        return soft_threshold(W, step * self.l1_weight) / (1.0 + 2.0 * step * self.l2_weight)


@dataclass(frozen=True)
class L2(ElasticNet):
    """α‖W‖₂²: weight decay proper."""

    l1_ratio: float = field(default=0.0, init=False, repr=False)
    kind = "l2"


@dataclass(frozen=True)
class L1(ElasticNet):
    """α‖W‖₁: drives weights to exact zeros."""

    l1_ratio: float = field(default=1.0, init=False, repr=False)
    kind = "l1"


@dataclass(frozen=True)
class NoPenalty(ElasticNet):
    """No regularization: plain training heads for W*."""

    alpha: float = field(default=0.0, init=False, repr=False)
    l1_ratio: float = field(default=0.0, init=False, repr=False)
    kind = "none"


def stack(penalties: list[ElasticNet], ndim: int) -> ElasticNet:
    """Several penalties as one that acts on W of shape (len(penalties), ...) row by row;
    ndim is W's number of axes."""
    shape = (len(penalties),) + (1,) * (ndim - 1)
    alpha = np.array([p.alpha for p in penalties], dtype=float).reshape(shape)
    return ElasticNet(alpha, np.array([p.l1_ratio for p in penalties], dtype=float).reshape(shape))


PENALTIES = ("none", "l2", "l1", "elasticnet")


def make_penalty(kind: str, alpha: float, l1_ratio: float = 0.5) -> ElasticNet:
    """The penalty named by `kind` (one of PENALTIES) with strength alpha."""
    if kind == "none":
        return NoPenalty()
    if kind == "l2":
        return L2(alpha)
    if kind == "l1":
        return L1(alpha)
    if kind == "elasticnet":
        return ElasticNet(alpha, l1_ratio)
    raise ValueError(f"unknown penalty {kind!r}; expected one of {PENALTIES}")

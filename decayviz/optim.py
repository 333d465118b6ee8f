"""Update rules, written the way torch.optim applies them, for weights of any shape.

Read each rule as a chain of small steps (optax's view): "adam" adds the penalty's gradient to
the loss gradient *before* the adaptive scaling (coupled, like torch.optim.Adam(weight_decay)),
"adamw" applies the L2 part's decay to the weights *outside* it (decoupled, like torch.optim.AdamW,
whose weight_decay has no L1 form: an L1 part is added to the loss gradient, as with Adam), and
"proximal" takes a gradient step on the loss alone and then the penalty's proximal step, which
is what lets L1 land on exact zeros.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from decayviz.penalties import ElasticNet, stack

OPTIMIZERS = ("gd", "momentum", "adam", "adamw", "proximal")

# Weights beyond this magnitude count as exploded: the step size is past the stability limit.
DIVERGENCE_LIMIT = 1e6
_CHECK_EVERY = 16  # steps between divergence checks (each check scans the steps since the last)


@dataclass(frozen=True)
class Hyper:
    """Optimizer constants, torch.optim's defaults."""

    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8


DEFAULTS = Hyper()


# Rules that share a loop: gd is momentum with μ = 0; adam and adamw differ only in where the
# penalty's gradient goes (into the adaptive step, or straight onto the weights).
FAMILIES = {"gd": "sgd", "momentum": "sgd", "adam": "adaptive", "adamw": "adaptive", "proximal": "proximal"}


def iterate_runs(
    loss_grad: Callable[[np.ndarray], np.ndarray],
    penalties: list[ElasticNet],
    w0: np.ndarray,
    optimizers: list[str],
    lr: float,
    steps: int,
    hyper: Hyper = DEFAULTS,
) -> tuple[np.ndarray, list[int | None]]:
    """Several runs from the same w0 at once, run r with penalties[r] and optimizers[r]:
    weights of shape (steps+1, runs, *w0.shape) and each run's diverged_at. A run's rows from
    its diverged_at on (the first step whose weights are not finite or exceed
    DIVERGENCE_LIMIT) are NaN; every row before it is finite.

    Runs whose rules share a loop (FAMILIES) step together as one array, so a scene's three
    descents cost little more than one; loss_grad must act on the last axis.
    """
    unknown = set(optimizers) - set(OPTIMIZERS)
    if unknown:
        raise ValueError(f"unknown optimizer {unknown.pop()!r}; expected one of {OPTIMIZERS}")
    w0 = np.asarray(w0, dtype=float)
    weights = np.empty((steps + 1, len(optimizers), *w0.shape))
    diverged_at: list[int | None] = [None] * len(optimizers)
    for family in dict.fromkeys(FAMILIES[o] for o in optimizers):
        runs = [r for r, o in enumerate(optimizers) if FAMILIES[o] == family]
        group = [optimizers[r] for r in runs]
        penalty = stack([penalties[r] for r in runs], w0.ndim + 1)
        weights[:, runs], diverged = _family_loop(family, loss_grad, penalty, w0, group, lr, steps, hyper)
        for r, d in zip(runs, diverged, strict=True):
            diverged_at[r] = d
    return weights, diverged_at


def _family_loop(family, loss_grad, penalty, w0, optimizers, lr, steps, hyper):
    """The update loop of one family of rules, for len(optimizers) runs side by side."""
    column = (len(optimizers),) + (1,) * w0.ndim
    momentum = np.array([hyper.momentum if o == "momentum" else 0.0 for o in optimizers]).reshape(column)
    has_momentum = "momentum" in optimizers
    coupled = np.array([1.0 if o == "adam" else 0.0 for o in optimizers]).reshape(column)
    decoupled = 1.0 - coupled
    w = np.broadcast_to(w0, (len(optimizers), *w0.shape)).copy()
    weights = np.empty((steps + 1, *w.shape))
    weights[0] = w
    buf = np.zeros_like(w)  # momentum buffer, or Adam's first moment
    second = np.zeros_like(w)  # Adam's second moment
    diverged: list[int | None] = [None] * len(optimizers)
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, steps + 1):
            g = loss_grad(w)
            if family == "sgd":  # torch.optim.SGD: the penalty's gradient is weight_decay·W
                step = g + penalty.grad(w)
                if has_momentum:
                    buf = step = momentum * buf + step
                w = w - lr * step
            elif family == "proximal":  # a step on the loss alone, then the penalty's prox
                w = penalty.prox(w - lr * g, lr)
            else:  # torch.optim.Adam (coupled) and AdamW (decoupled decay)
                # Only the L2 part can be decoupled: AdamW's weight_decay = 2α₂ shrinks W by
                # (1 − lr·2α₂). torch has no decoupled L1, so its subgradient always joins the
                # loss gradient, and with pure L1 AdamW is Adam.
                decay = 2.0 * penalty.l2_weight * w
                g = g + penalty.l1_weight * np.sign(w) + coupled * decay
                buf = hyper.beta1 * buf + (1 - hyper.beta1) * g
                second = hyper.beta2 * second + (1 - hyper.beta2) * g * g
                m_hat = buf / (1 - hyper.beta1**k)
                v_hat = second / (1 - hyper.beta2**k)
                w = w - lr * decoupled * decay - lr * m_hat / (np.sqrt(v_hat) + hyper.eps)
            weights[k] = w
            if k % _CHECK_EVERY == 0 or k == steps:
                for r, first in _exploded(weights, max(1, k - _CHECK_EVERY + 1), k + 1):
                    if diverged[r] is None:
                        diverged[r] = first
                if all(d is not None for d in diverged):
                    break
    for r, first in enumerate(diverged):
        if first is not None:
            weights[first:, r] = np.nan
    return weights, diverged


def _exploded(weights: np.ndarray, start: int, stop: int) -> list[tuple[int, int]]:
    """(run, first step in [start, stop)) for each run whose weights there are not finite or
    beyond the limit."""
    rows = weights[start:stop].reshape(stop - start, weights.shape[1], -1)
    bad = ~(np.abs(rows) <= DIVERGENCE_LIMIT).all(axis=-1)  # NaN fails the comparison too
    first = np.argmax(bad, axis=0)
    return [(r, start + int(first[r])) for r in np.flatnonzero(bad.any(axis=0))]

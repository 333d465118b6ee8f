"""Update rules, written the way torch.optim applies them, for weights of any shape.

Read each rule as a chain of small steps (optax's view): "adam" adds the penalty's gradient to
the loss gradient *before* the adaptive scaling (coupled, like torch.optim.Adam(weight_decay)),
"adamw" applies the decay to the weights *outside* it (decoupled, like torch.optim.AdamW), and
"proximal" takes a gradient step on the loss alone and then the penalty's proximal step, which
is what lets L1 land on exact zeros.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from decayviz.penalties import ElasticNet

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


def iterate(
    loss_grad: Callable[[np.ndarray], np.ndarray],
    penalty: ElasticNet,
    w0: np.ndarray,
    optimizer: str,
    lr: float,
    steps: int,
    hyper: Hyper = DEFAULTS,
) -> tuple[np.ndarray, int | None]:
    """Run `steps` updates from w0; returns (weights of shape (steps+1, *w0.shape), diverged_at).

    Rows from diverged_at on (the first step whose weights are not finite or exceed
    DIVERGENCE_LIMIT) are NaN; every row before it is finite.
    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {optimizer!r}; expected one of {OPTIMIZERS}")
    w = np.array(w0, dtype=float)
    weights = np.full((steps + 1, *w.shape), np.nan)
    weights[0] = w
    buf = np.zeros_like(w)  # momentum buffer, or Adam's first moment
    second = np.zeros_like(w)  # Adam's second moment
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, steps + 1):
            g = loss_grad(w)
            if optimizer == "gd":
                w = w - lr * (g + penalty.grad(w))
            elif optimizer == "momentum":
                buf = hyper.momentum * buf + g + penalty.grad(w)
                w = w - lr * buf
            elif optimizer == "proximal":
                w = penalty.prox(w - lr * g, lr)
            else:
                if optimizer == "adam":
                    g = g + penalty.grad(w)
                buf = hyper.beta1 * buf + (1 - hyper.beta1) * g
                second = hyper.beta2 * second + (1 - hyper.beta2) * g * g
                m_hat = buf / (1 - hyper.beta1**k)
                v_hat = second / (1 - hyper.beta2**k)
                adaptive = m_hat / (np.sqrt(v_hat) + hyper.eps)
                decay = penalty.grad(w) if optimizer == "adamw" else 0.0
                w = w - lr * decay - lr * adaptive
            weights[k] = w
            if k % _CHECK_EVERY == 0 or k == steps:
                diverged_at = _first_exploded(weights, max(1, k - _CHECK_EVERY + 1), k + 1)
                if diverged_at is not None:
                    weights[diverged_at:] = np.nan
                    return weights, diverged_at
    return weights, None


def _first_exploded(weights: np.ndarray, start: int, stop: int) -> int | None:
    """The first step in [start, stop) whose weights are not finite or beyond the limit."""
    rows = weights[start:stop].reshape(stop - start, -1)
    bad = ~(np.abs(rows) <= DIVERGENCE_LIMIT).all(axis=1)  # NaN fails the comparison too
    return start + int(np.argmax(bad)) if bad.any() else None

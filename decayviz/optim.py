"""The update rules of decayviz.rules run on numpy weights of any shape, several runs at once,
with divergence detection: the 2-D landscape's and the sparsity page's descents.

The rules themselves (their chains of transforms, limits, torch.optim twins) live in
decayviz.rules; the batched network engine runs the same chains on torch tensors.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from decayviz.penalties import ElasticNet, stack
from decayviz.rules import DEFAULTS, OPTIMIZERS, Hyper, Slot, active, apply_chain, init_chain, rule

__all__ = ["DEFAULTS", "DIVERGENCE_LIMIT", "OPTIMIZERS", "Hyper", "iterate_runs"]

# Weights beyond this magnitude count as exploded: the step size is past the stability limit.
DIVERGENCE_LIMIT = 1e6
_CHECK_EVERY = 16  # steps between divergence checks (each check scans the steps since the last)


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

    Runs of the same rule step together as one stacked array (a scene's descent and its ghost
    cost little more than one); loss_grad must act on the last axis.
    """
    for name in optimizers:
        rule(name)  # refuses an unknown name, listing the choices
    w0 = np.asarray(w0, dtype=float)
    weights = np.empty((steps + 1, len(optimizers), *w0.shape))
    diverged_at: list[int | None] = [None] * len(optimizers)
    for name in dict.fromkeys(optimizers):
        runs = [r for r, o in enumerate(optimizers) if o == name]
        penalty = stack([penalties[r] for r in runs], w0.ndim + 1)
        weights[:, runs], diverged = _rule_loop(name, loss_grad, penalty, w0, len(runs), lr, steps, hyper)
        for r, d in zip(runs, diverged, strict=True):
            diverged_at[r] = d
    return weights, diverged_at


def _rule_loop(name, loss_grad, penalty, w0, n_runs, lr, steps, hyper):
    """The chain of one rule, for n_runs runs side by side (penalty stacked row by row)."""
    chain = rule(name).chain
    l1 = penalty.l1_weight if np.any(penalty.l1_weight) else None
    weight_decay = 2.0 * penalty.l2_weight if np.any(penalty.l2_weight) else None
    w = np.broadcast_to(w0, (n_runs, *w0.shape)).copy()
    weights = np.empty((steps + 1, *w.shape))
    weights[0] = w
    slot = Slot(w, l1, weight_decay, lr, 0, hyper)  # one record, its w and k updated each step
    steps_of_chain = active(chain, init_chain(chain, w), slot)
    diverged: list[int | None] = [None] * n_runs
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, steps + 1):
            slot.w, slot.k = w, k
            w = apply_chain(steps_of_chain, loss_grad(w), slot)
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

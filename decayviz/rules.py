"""The update rules, each one a chain of small transforms (optax's view), in one registry.

The lesson of the app is *where* the penalty enters an update, and a chain says it in code:

    adam     = add_l1_subgradient → add_decayed_weights → scale_by_adam → scale(−lr)
    adamw    = add_l1_subgradient → scale_by_adam → add_decayed_weights → scale(−lr)

the same pieces, with the decay moved past Adam's scaling: that move is Loshchilov & Hutter's
decoupling. Each transform maps the update being built (it starts as the data loss's gradient)
to the next one and knows nothing of the others; `prox` is the one piece that acts on the
weights after the step instead.

The transforms are written as array code (operators and the tiny namespace `ops(x)`), so the
2-D numpy descent (decayviz.optim) and the batched torch network engine (decayviz.training.engine)
run these same chains, on stacked runs: every weight array carries a leading run/model axis and
the penalty's numbers are columns that broadcast against it. They follow torch.optim's
single-tensor code step for step (SGD's weight_decay added before momentum, dampening 0,
Nesterov as torch does it; Adam's bias corrections and eps outside the square root), and
torch.optim itself stays the independent reference (decayviz.training.reference and the tests).
This module imports no torch.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Array = Any  # a numpy array or a torch tensor, with a leading run/model axis


@dataclass(frozen=True)
class Hyper:
    """The rules' constants, torch.optim's defaults: one place for the momentum the landscape
    uses and Adam's β₁, β₂, ε in both engines."""

    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8


DEFAULTS = Hyper()


# --- the namespace shim: the few functions that are not operators ---


class _NumpyOps:
    sqrt = staticmethod(np.sqrt)
    sign = staticmethod(np.sign)

    @staticmethod
    def positive_part(x: Array) -> Array:
        return np.maximum(x, 0.0)

    @staticmethod
    def lerp(start: Array, end: Array, weight: float) -> Array:
        return start + weight * (end - start)

    @staticmethod
    def add_product(x: Array, factor: Array, y: Array) -> Array:
        return x + factor * y

    @staticmethod
    def add_scaled(x: Array, y: Array, scale: float) -> Array:
        return x + scale * y

    @staticmethod
    def step(w: Array, u: Array, scale: float) -> Array:
        """The weights moved by scale·u (a new array: the 2-D loop keeps every step's weights)."""
        return w + scale * u


class _TorchOps:
    """The same functions for tensors (torch is only ever reached through a tensor it made)."""

    @staticmethod
    def sqrt(x: Array) -> Array:
        return x.sqrt()

    @staticmethod
    def sign(x: Array) -> Array:
        return x.sign()

    @staticmethod
    def positive_part(x: Array) -> Array:
        return x.clamp_min(0.0)

    @staticmethod
    def lerp(start: Array, end: Array, weight: float) -> Array:
        return sys.modules["torch"].lerp(start, end, weight)  # torch.optim.Adam's own operation

    # the two below are one fused operation each instead of two: the network engine's step is
    # most of a small network's training time

    @staticmethod
    def add_product(x: Array, factor: Array, y: Array) -> Array:
        """In place: the update a transform receives is the step's own (the engine's gradient
        buffer or a tensor an earlier transform made), and a new one per step would cost the
        engine another pass over memory the size of every weight."""
        return x.addcmul_(factor, y)

    @staticmethod
    def add_scaled(x: Array, y: Array, scale: float) -> Array:
        return x.add(y, alpha=scale)

    @staticmethod
    def step(w: Array, u: Array, scale: float) -> Array:
        """The weights moved by scale·u in place, as torch.optim moves a parameter: a new tensor
        per step would cost an allocation (and page faults) the size of every weight matrix."""
        return w.add_(u, alpha=scale)


def ops(x: Array) -> type[_NumpyOps] | type[_TorchOps]:
    """The functions for x's kind of array."""
    return _NumpyOps if isinstance(x, np.ndarray | np.generic | float) else _TorchOps


# --- what a transform sees ---


@dataclass
class Slot:
    """One stacked weight array during one step: the weights before the step, the penalty's
    numbers per run as columns (None where this array carries no such part, e.g. biases), the
    learning rate, the step count k (from 1, for Adam's bias corrections) and the constants."""

    w: Array
    l1: Array | None  # α₁: the L1 part's factor of sign(W)
    weight_decay: Array | None  # λ = 2α₂: torch's weight_decay, the L2 part's gradient factor
    lr: float
    k: int
    hyper: Hyper


@dataclass(frozen=True)
class Transform:
    """One piece of a chain. `label` is the i18n key of its step on screen; `penalty` says which
    part of the penalty it applies ("l1", "l2", "both"; None: not the penalty's)."""

    label: str
    penalty: str | None = None
    on_weights = False  # True: acts on the weights after the step (prox), not on the update

    def init(self, w: Array) -> dict[str, Array]:
        """Its state for weights shaped like w (momentum buffers, Adam's moments)."""
        return {}

    def update(self, u: Array, state: dict[str, Array], slot: Slot) -> Array:
        raise NotImplementedError

    def idle(self, slot: Slot) -> bool:
        """Whether it leaves every update as it is for these numbers (a penalty part that is
        absent, momentum 0): `active` drops it from the loop."""
        return False


@dataclass(frozen=True)
class AddL1Subgradient(Transform):
    """u + α₁·sign(W): an L1 part added to the loss, as autograd differentiates it (torch.optim
    has no L1 weight_decay)."""

    label: str = "rule.step.l1"
    penalty: str | None = "l1"

    def update(self, u, state, slot):
        return u if slot.l1 is None else u + slot.l1 * ops(u).sign(slot.w)

    def idle(self, slot):
        return slot.l1 is None


@dataclass(frozen=True)
class AddDecayedWeights(Transform):
    """u + λ·W, λ = 2α₂: the L2 part's gradient, torch's weight_decay. Before an adaptive scaling
    it is coupled L2 (SGD, Adam); after it, decoupled weight decay (AdamW)."""

    label: str = "rule.step.decay"
    penalty: str | None = "l2"

    def update(self, u, state, slot):
        return u if slot.weight_decay is None else ops(u).add_product(u, slot.weight_decay, slot.w)

    def idle(self, slot):
        return slot.weight_decay is None


@dataclass(frozen=True)
class Momentum(Transform):
    """Momentum, torch.optim.SGD's buffer (dampening 0): b ← μb + u, then b (heavy ball) or
    u + μb (Nesterov, as torch does it). μ is hyper.momentum; μ = 0 is plain SGD."""

    label: str = "rule.step.momentum"
    nesterov: bool = False

    def init(self, w):
        return {"buffer": w * 0}

    def update(self, u, state, slot):
        mu = slot.hyper.momentum
        if mu == 0:
            return u
        xp = ops(u)
        state["buffer"] = buffer = xp.add_scaled(u, state["buffer"], mu)  # μb + u
        return xp.add_scaled(u, buffer, mu) if self.nesterov else buffer

    def idle(self, slot):
        return slot.hyper.momentum == 0


@dataclass(frozen=True)
class ScaleByAdam(Transform):
    """Adam's per-weight scaling with torch's bias corrections: m̂/(√v̂ + ε), written as torch
    writes it, (m/(√v/√(1 − β₂ᵏ) + ε))/(1 − β₁ᵏ)."""

    label: str = "rule.step.adam"

    def init(self, w):
        return {"exp_avg": w * 0, "exp_avg_sq": w * 0}

    def update(self, u, state, slot):
        h, k, xp = slot.hyper, slot.k, ops(u)
        state["exp_avg"] = exp_avg = xp.lerp(state["exp_avg"], u, 1 - h.beta1)
        state["exp_avg_sq"] = exp_avg_sq = state["exp_avg_sq"] * h.beta2 + (1 - h.beta2) * (u * u)
        denom = xp.sqrt(exp_avg_sq) / math.sqrt(1 - h.beta2**k) + h.eps
        return exp_avg / denom / (1 - h.beta1**k)


@dataclass(frozen=True)
class ScaleByLearningRate(Transform):
    """−lr·u: the step itself."""

    label: str = "rule.step.step"

    def update(self, u, state, slot):
        return -slot.lr * u


@dataclass(frozen=True)
class Prox(Transform):
    """The penalty's proximal step on the stepped weights: soft-threshold by lr·α₁ (exact zeros),
    then divide by 1 + lr·λ; what handles the penalty exactly instead of through its gradient."""

    label: str = "rule.step.prox"
    penalty: str | None = "both"
    on_weights = True

    def update(self, w, state, slot):
        xp = ops(w)
        if slot.l1 is not None:
            w = xp.sign(w) * xp.positive_part(abs(w) - slot.lr * slot.l1)
        if slot.weight_decay is not None:
            w = w / (1 + slot.lr * slot.weight_decay)
        return w


add_l1_subgradient = AddL1Subgradient()
add_decayed_weights = AddDecayedWeights()
scale_by_adam = ScaleByAdam()
scale_by_learning_rate = ScaleByLearningRate()
prox = Prox()


def momentum(nesterov: bool = False) -> Momentum:
    """Momentum as torch.optim.SGD keeps it, heavy-ball or Nesterov."""
    return Momentum("rule.step.nesterov" if nesterov else "rule.step.momentum", nesterov=nesterov)


# --- running a chain ---


def init_chain(chain: tuple[Transform, ...], w: Array) -> list[dict[str, Array]]:
    """The chain's state for one stacked weight array: one dict per transform."""
    return [transform.init(w) for transform in chain]


def active(
    chain: tuple[Transform, ...], states: list[dict[str, Array]], slot: Slot
) -> list[tuple[Transform, dict[str, Array]]]:
    """The chain's transforms that do something for this slot's numbers, with their states: what
    a loop should run (the penalty's numbers and the constants do not change between steps)."""
    pairs = zip(chain, states, strict=True)
    return [(transform, state) for transform, state in pairs if not transform.idle(slot)]


def apply_chain(steps: list[tuple[Transform, dict[str, Array]]], grad: Array, slot: Slot) -> Array:
    """The weights after one step from slot.w with the data loss's gradient `grad`, through the
    chain's `active` transforms (their states are updated). A chain that ends with the step
    scale(−lr) adds −lr·u to the weights in one operation (in place for torch tensors)."""
    u = grad
    stepped = None
    last = steps[-1][0]
    for transform, state in steps:
        if transform is last and isinstance(transform, ScaleByLearningRate):
            return ops(u).step(slot.w, u, -slot.lr)
        if transform.on_weights:
            stepped = transform.update(slot.w + u if stepped is None else stepped, state, slot)
        else:
            u = transform.update(u, state, slot)
    return slot.w + u if stepped is None else stepped


# --- the registry ---


def _limit_gd(curvature: float, decay: float, hyper: Hyper) -> float:
    # W ← W − lr(H + λI)W + …: stable iff |1 − lr(κ + λ)| < 1
    return 2.0 / (curvature + decay)


def _limit_momentum(curvature: float, decay: float, hyper: Hyper) -> float:
    # heavy ball: the characteristic roots stay in the unit disc iff lr(κ + λ) < 2(1 + μ)
    return 2.0 * (1.0 + hyper.momentum) / (curvature + decay)


def _limit_nesterov(curvature: float, decay: float, hyper: Hyper) -> float:
    # torch's Nesterov (u + μb): the Jury conditions give lr(κ + λ) < 2(1 + μ)/(1 + 2μ)
    mu = hyper.momentum
    return 2.0 * (1.0 + mu) / ((1.0 + 2.0 * mu) * (curvature + decay))


def _limit_adam(curvature: float, decay: float, hyper: Hyper) -> float:
    # the penalty is inside the adaptive step, so every step is bounded by a few lr
    return math.inf


def _limit_adamw(curvature: float, decay: float, hyper: Hyper) -> float:
    # W times 1 − λ·lr outside a step bounded by a few lr: unbounded once that drops below −1
    return 2.0 / decay if decay > 0.0 else math.inf


def _limit_proximal(curvature: float, decay: float, hyper: Hyper) -> float:
    # each direction times (1 − lr·κ)/(1 + λ·lr): stable iff |1 − lr·κ| < 1 + λ·lr
    return 2.0 / (curvature - decay) if curvature > decay else math.inf


@dataclass(frozen=True)
class Rule:
    """One update rule: its chain, the largest stable learning rate on a quadratic of largest
    curvature κ with the penalty's L2 part λ = 2α₂ (an L1 part moves no limit), the rule the
    landscape compares it with, its torch.optim equivalent (class name, keyword arguments for the
    constants; None: torch.optim has none) and its label key."""

    name: str
    chain: tuple[Transform, ...]
    limit: Callable[[float, float, Hyper], float]
    companion: str | None
    torch_class: str | None
    torch_keywords: Callable[[Hyper], dict[str, Any]] = field(default=lambda hyper: {})

    @property
    def label(self) -> str:
        return f"choice.opt.{self.name}"

    @property
    def diverged_key(self) -> str:
        """The catalog key that explains this rule's limit when a run blows up."""
        return f"landscape.diverged.{self.name}"

    @property
    def uses_momentum(self) -> bool:
        return any(isinstance(transform, Momentum) for transform in self.chain)

    def torch_optimizer(self, hyper: Hyper = DEFAULTS) -> tuple[str, dict[str, Any]]:
        """(torch.optim class name, its keyword arguments besides lr and weight_decay)."""
        if self.torch_class is None:
            raise ValueError(f"torch.optim has no {self.name!r} rule")
        return self.torch_class, self.torch_keywords(hyper)


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "gd",
            (add_l1_subgradient, add_decayed_weights, scale_by_learning_rate),
            _limit_gd,
            companion="proximal",
            torch_class="SGD",
        ),
        Rule(
            "momentum",
            (add_l1_subgradient, add_decayed_weights, momentum(), scale_by_learning_rate),
            _limit_momentum,
            companion=None,
            torch_class="SGD",
            torch_keywords=lambda hyper: {"momentum": hyper.momentum},
        ),
        Rule(
            "nesterov",
            (add_l1_subgradient, add_decayed_weights, momentum(nesterov=True), scale_by_learning_rate),
            _limit_nesterov,
            companion=None,
            torch_class="SGD",
            torch_keywords=lambda hyper: {"momentum": hyper.momentum, "nesterov": True},
        ),
        Rule(
            "adam",
            (add_l1_subgradient, add_decayed_weights, scale_by_adam, scale_by_learning_rate),
            _limit_adam,
            companion="adamw",
            torch_class="Adam",
        ),
        Rule(
            # torch has no decoupled L1: only the L2 part moves past the scaling, and with pure
            # L1 AdamW is Adam
            "adamw",
            (add_l1_subgradient, scale_by_adam, add_decayed_weights, scale_by_learning_rate),
            _limit_adamw,
            companion="adam",
            torch_class="AdamW",
        ),
        Rule("proximal", (scale_by_learning_rate, prox), _limit_proximal, companion="gd", torch_class=None),
    )
}
OPTIMIZERS = tuple(RULES)  # the landscape's rules, in the order its control lists them

# The network page's optimizers, by torch.optim's names, and the rule each runs: SGD's momentum is
# a control there (μ = 0 is plain SGD), Nesterov's is 0.9 unless given.
NETWORK_RULES = {"sgd": "momentum", "nesterov": "nesterov", "adam": "adam", "adamw": "adamw"}
NESTEROV_MOMENTUM = DEFAULTS.momentum


def rule(name: str) -> Rule:
    """The registry's entry, or a ValueError that lists the choices."""
    try:
        return RULES[name]
    except KeyError:
        raise ValueError(f"unknown optimizer {name!r}; expected one of {OPTIMIZERS}") from None


def network_rule(optimizer: str) -> Rule:
    """The rule the network page's optimizer (one of NETWORK_RULES) runs."""
    return rule(NETWORK_RULES[optimizer])


@dataclass(frozen=True)
class ChainStep:
    """One step of a chain as the page shows it: its label key, whether it is the penalty's, and
    whether it adds to the previous step ("gradient + penalty") instead of following it (→)."""

    label: str
    is_penalty: bool
    adds: bool


def chain_steps(name: str, l1: bool, l2: bool) -> list[ChainStep]:
    """The chain of rule `name` for a penalty with (l1) an L1 part and (l2) an L2 part: the
    penalty's pieces that have nothing to apply are left out; it starts from the gradient."""
    steps = [ChainStep("rule.step.gradient", False, False)]
    for transform in rule(name).chain:
        applies = {"l1": l1, "l2": l2, "both": l1 or l2, None: True}[transform.penalty]
        if not applies:
            continue
        additive = isinstance(transform, AddL1Subgradient | AddDecayedWeights)
        steps.append(ChainStep(transform.label, transform.penalty is not None, additive))
    return steps


def chain_text(name: str, l1: bool, l2: bool, lang: str) -> str:
    """The chain as one line of markdown, the penalty's pieces in bold: "gradient + **weight
    decay λ·W** → Adam scaling → step −lr" for Adam with L2, "gradient → Adam scaling + **weight
    decay λ·W** → step −lr" for AdamW."""
    from decayviz.i18n import t

    text, steps = "", chain_steps(name, l1, l2)
    for step in steps:
        label = t(step.label, lang)
        label = f"**{label}**" if step.is_penalty else label
        text += label if not text else (" + " if step.adds else " → ") + label
    key = "landscape.chain" if any(step.is_penalty for step in steps) else "landscape.chain_plain"
    return t(key, lang, rule=t(rule(name).label, lang), chain=text)

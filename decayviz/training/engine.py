"""All α of a sweep trained at once, as one batched tensor program.

Every parameter carries an extra leading model axis: the weight of layer l is one tensor of shape
(models, out, in). Activations are kept feature-major, (models, features, batch), so the first
layer of every model is a single matrix product and the softmax runs over a middle axis (both
several times faster on a CPU than the batch-major layout). The backward pass is written out
(it is short for an MLP) instead of going through autograd, whose bookkeeping cost more than the
arithmetic for networks this small. The optimizer is the rule's chain from decayviz.rules, the
same code the 2-D landscape runs, here on tensors stacked over the models (it follows
torch.optim's single-tensor code step by step). Dropout draws its masks from its own generator,
one mask per hidden layer and minibatch shared by every model, with the formula of
`reference.SeededDropout`. Together, each model follows the path `reference.train_one` takes with
torch.optim, up to float rounding.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Sequence

import numpy as np
import torch

from decayviz.rules import Hyper, Slot, active, apply_chain, init_chain, network_rule
from decayviz.training.data import Dataset, load
from decayviz.training.options import DIVERGED_NORM, METRICS, SPARSITY_THRESHOLD, TORCH_THREADS
from decayviz.training.reference import build_mlp
from decayviz.training.result import BoundaryGrid, SweepConfig, SweepResult, check_alphas

torch.set_num_threads(TORCH_THREADS)


@contextlib.contextmanager
def _flushing_denormals():
    """Adam's second moments of nearly idle weights decay into subnormal floats, which the CPU
    handles ~100× slower (a wide Adam sweep ran 2.4× slower); flushing them to 0 changes nothing
    that matters: they sit 30 orders of magnitude below Adam's eps. The switch is a per-thread
    CPU flag, so it is set around each epoch in the thread that trains and cleared after, for
    the rest of the server's (and a test run's) arithmetic keeps IEEE subnormals."""
    torch.set_flush_denormal(True)
    try:
        yield
    finally:
        torch.set_flush_denormal(False)


# torch.manual_seed is process-wide: two sessions building models at once must not interleave.
_INIT_LOCK = threading.Lock()
BOUNDARY_CELLS = 60


def _nearest_alpha(alphas: Sequence[float], alpha: float) -> int:
    """Index of the α closest to `alpha` on a log scale (0 counts as closest to the smallest)."""
    floor = min([a for a in [*alphas, alpha] if a > 0], default=1.0) / 10

    def distance(a: float) -> float:
        return abs(math.log(max(a, floor)) - math.log(max(alpha, floor)))

    return min(range(len(alphas)), key=lambda i: distance(alphas[i]))


class SweepTrainer:
    """A sweep in progress: call `train_epoch` as often as wanted, `result` at any time.

    All models start from the same initial weights (those of `build_mlp` after
    torch.manual_seed(seed)), see the same minibatches (one torch.randperm per epoch from a
    generator seeded with `seed`) and the same dropout masks (from a generator seeded with
    seed + 1), exactly as `reference.train_one` does for one model.
    """

    def __init__(self, config: SweepConfig, alphas: Sequence[float]) -> None:
        self.config = config
        self.data: Dataset = load(config.dataset)
        self.X_train = torch.from_numpy(self.data.X_train)
        self.y_train = torch.from_numpy(self.data.y_train)
        self.X_val = torch.from_numpy(self.data.X_val)
        self.y_val = torch.from_numpy(self.data.y_val)
        with _INIT_LOCK:
            torch.manual_seed(config.seed)
            model = build_mlp(self.data.n_inputs, config.hidden, config.depth, self.data.n_outputs)
        n_models = len(check_alphas(alphas))
        layers = [layer for layer in model if isinstance(layer, torch.nn.Linear)]
        self.weights = [self._stack(layer.weight, n_models) for layer in layers]
        self.biases = [self._stack(layer.bias, n_models) for layer in layers]
        self.batch_order = torch.Generator().manual_seed(config.seed)
        self.dropout_masks = torch.Generator().manual_seed(config.seed + 1)
        self.steps = 0
        self.epochs_done = 0
        self.chain = network_rule(config.optimizer).chain
        self.hyper = Hyper(momentum=config.momentum)
        # the chain's state (momentum buffers, Adam's moments): per parameter, one dict per transform
        self.state = [init_chain(self.chain, p) for p in self.parameters]
        self.history = [{metric: [] for metric in METRICS} for _ in range(n_models)]
        self.diverged_at: list[int | None] = [None] * n_models
        self.branched_from: list[tuple[float, int] | None] = [None] * n_models
        # early stopping: each model's lowest validation loss so far, its epoch, and (only when
        # early stopping is on) the weights and biases of that epoch
        self.best_val_loss = [math.inf] * n_models
        self.best_epoch: list[int | None] = [None] * n_models
        self.best_parameters = [p.clone() for p in self.parameters] if config.early_stopping else None
        self._set_alphas(alphas)

    @staticmethod
    def _stack(parameter: torch.Tensor, n_models: int) -> torch.Tensor:
        return parameter.detach().unsqueeze(0).repeat(n_models, *[1] * parameter.ndim)

    @property
    def parameters(self) -> list[torch.Tensor]:
        return [*self.weights, *self.biases]

    @property
    def penalized(self) -> list[bool]:
        """Which of `parameters` the penalty acts on: the weights, and the biases if asked."""
        return [True] * len(self.weights) + [self.config.decay_bias] * len(self.biases)

    def _set_alphas(self, alphas: Sequence[float]) -> None:
        """The α of each model and the penalty's numbers the chain reads, as columns shaped to
        broadcast against each stacked parameter (computed once, not every step); None where a
        parameter carries no such part."""
        self.alphas = check_alphas(alphas)
        l2 = self.config.penalty == "l2" and any(self.alphas)
        l1 = self.config.penalty == "l1" and any(self.alphas)
        column = self._column
        pairs = list(zip(self.parameters, self.penalized, strict=True))
        # L2: weight_decay = 2α per model; L1: α, the factor of sign(W) in the loss's gradient
        self._weight_decay = [
            column([2 * a for a in self.alphas], p) if l2 and on else None for p, on in pairs
        ]
        self._l1 = [column(list(self.alphas), p) if l1 and on else None for p, on in pairs]
        # per parameter, the chain's transforms that act on it (no decay on biases, μ = 0: none)
        self._active = [
            active(self.chain, self.state[index], self._slot(index, parameter))
            for index, parameter in enumerate(self.parameters)
        ]
        self._mark_alive()

    def _slot(self, index: int, parameter: torch.Tensor) -> Slot:
        """What the chain sees of parameter `index` at this step."""
        l1, weight_decay = self._l1[index], self._weight_decay[index]
        return Slot(parameter, l1, weight_decay, self.config.lr, self.steps, self.hyper)

    @staticmethod
    def _column(values: list[float], like: torch.Tensor) -> torch.Tensor:
        """Per-model numbers shaped (models, 1, …) to broadcast against a stacked parameter."""
        return torch.tensor(values, dtype=like.dtype).view(-1, *[1] * (like.ndim - 1))

    def _mark_alive(self) -> None:
        """1 for a model still training, 0 for one that diverged."""
        alive = [0.0 if epoch else 1.0 for epoch in self.diverged_at]
        self._alive = [self._column(alive, p) for p in self.parameters]

    # --- the batched network, forward and backward ---

    def forward(
        self, inputs: torch.Tensor, training: bool = False, parameters: list[torch.Tensor] | None = None
    ) -> list[torch.Tensor]:
        """Every model on the same inputs (batch, features). Returns the activations: the
        inputs transposed, (features, batch), shared, then each layer's output, (models, units,
        batch), after ReLU (and, when training, dropout) for hidden layers; the last one is the
        network's output. `parameters` (weights then biases) default to the current ones."""
        n_models = len(self.alphas)
        parameters = self.parameters if parameters is None else parameters
        weights, biases = parameters[: len(self.weights)], parameters[len(self.weights) :]
        rate = self.config.dropout if training else 0.0
        weight, bias = weights[0], biases[0]
        units = weight.shape[1]
        # the first layer of all models at once: one (models·units, in) @ (in, batch) product
        first = torch.addmm(bias.reshape(-1, 1), weight.reshape(n_models * units, -1), inputs.T)
        activations = [inputs.T, first.view(n_models, units, -1)]
        for weight, bias in zip(weights[1:], biases[1:], strict=True):
            hidden = activations[-1].clamp_min_(0)  # ReLU, in place: only its output is kept
            if rate:  # reference.SeededDropout's mask, drawn as (batch, units), shared by all models
                keep = torch.rand(hidden.shape[2], hidden.shape[1], generator=self.dropout_masks) >= rate
                hidden.mul_(keep.T).div_(1 - rate)
            activations.append(torch.baddbmm(bias.unsqueeze(2), weight, hidden))
        return activations

    def output(self, inputs: torch.Tensor, parameters: list[torch.Tensor] | None = None) -> torch.Tensor:
        """The networks' outputs, (models, outputs, batch)."""
        return self.forward(inputs, parameters=parameters)[-1]

    def _loss_and_gradient(
        self, output: torch.Tensor, target: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Each model's mean data loss over the batch, (models,), and its gradient with respect to
        the output: cross-entropy (softmax − one-hot)/batch, or squared error 2(output − y)/batch."""
        batch = output.shape[2]
        if target.dtype == torch.int64:
            log_probability = torch.log_softmax(output, dim=1)
            index = target.view(1, 1, -1).expand(len(output), 1, -1)
            loss = -log_probability.gather(1, index).squeeze(1).mean(dim=1)
            gradient = log_probability.exp_()
            gradient.scatter_add_(1, index, torch.full(index.shape, -1.0)).div_(batch)
            return loss, gradient
        residual = output - target.T.unsqueeze(0)
        return (residual**2).flatten(1).mean(dim=1), residual.mul_(2 / residual[0].numel())

    def _backward(self, activations: list[torch.Tensor], grad_output: torch.Tensor) -> list[torch.Tensor]:
        """Gradients of the summed data losses, in the order of `parameters` (weights, then
        biases); each model's slice is the gradient of its own loss."""
        n_models = len(self.alphas)
        weight_grads: list[torch.Tensor] = []
        bias_grads: list[torch.Tensor] = []
        grad = grad_output  # (models, units, batch)
        for layer in reversed(range(len(self.weights))):
            layer_input = activations[layer]
            bias_grads.append(grad.sum(dim=2))
            if layer == 0:  # the shared inputs: one (models·units, batch) @ (batch, in) product
                units = grad.shape[1]
                weight_grads.append(
                    (grad.reshape(n_models * units, -1) @ layer_input.T).view(n_models, units, -1)
                )
            else:
                weight_grads.append(torch.bmm(grad, layer_input.transpose(1, 2)))
                grad = torch.bmm(self.weights[layer].transpose(1, 2), grad)
                if self.config.dropout:  # dropout's backward: ×keep/(1 − rate); ×keep is below
                    grad.div_(1 - self.config.dropout)
                # ReLU's backward: the gradient passes where the unit was active (and, with
                # dropout, kept: a dropped unit's output is 0), is 0 elsewhere
                grad = torch.ops.aten.threshold_backward(grad, layer_input, 0)
        return [*reversed(weight_grads), *reversed(bias_grads)]

    # --- the batched optimizers ---

    def _step(self, grads: list[torch.Tensor]) -> None:
        """One step of the rule's chain for every model at once."""
        self.steps += 1
        weights = len(self.weights)
        for index, (parameter, grad) in enumerate(zip(self.parameters, grads, strict=True)):
            stepped = apply_chain(self._active[index], grad, self._slot(index, parameter))
            if index < weights:
                self.weights[index] = stepped
            else:
                self.biases[index - weights] = stepped

    def _silence_diverged(self) -> None:
        """Hold diverged models at zero (weights and optimizer state) so they cost nothing and
        never produce inf or NaN again; multiplying the others by 1 leaves them exact."""
        for index, parameter in enumerate(self.parameters):
            parameter.mul_(self._alive[index])
            for state in self.state[index]:
                for buffer in state.values():
                    buffer.mul_(self._alive[index])

    # --- training ---

    @torch.no_grad()
    def train_epoch(self) -> None:
        """One pass over the training data in a fresh random order, then the metrics."""
        n_train = len(self.X_train)
        permutation = torch.randperm(n_train, generator=self.batch_order)
        any_diverged = any(self.diverged_at)
        data_loss_sum = torch.zeros(len(self.alphas), dtype=torch.float64)
        with _flushing_denormals():
            for start in range(0, n_train, self.config.batch_size):
                batch = permutation[start : start + self.config.batch_size]
                activations = self.forward(self.X_train[batch], training=True)
                loss, grad_output = self._loss_and_gradient(activations[-1], self.y_train[batch])
                data_loss_sum += loss.double() * len(batch)
                self._step(self._backward(activations, grad_output))
                if any_diverged:
                    self._silence_diverged()
        self.epochs_done += 1
        self._record((data_loss_sum / n_train).numpy())

    @torch.no_grad()
    def _record(self, train_loss: np.ndarray) -> None:
        """Append this epoch's metrics per model; a model whose numbers are no longer finite (or
        whose weights exploded) is marked diverged instead, and its lists stop here."""
        metrics = {"train_loss": train_loss, **self.metrics()}
        newly_diverged = False
        improved = [False] * len(self.alphas)
        for index, history in enumerate(self.history):
            if self.diverged_at[index]:
                continue
            values = {name: float(metrics[name][index]) for name in METRICS}
            if all(math.isfinite(v) for v in values.values()) and values["weight_norm"] < DIVERGED_NORM:
                for name, value in values.items():
                    history[name].append(value)
                if values["val_loss"] < self.best_val_loss[index]:
                    self.best_val_loss[index], self.best_epoch[index] = values["val_loss"], self.epochs_done
                    improved[index] = True
            else:
                self.diverged_at[index] = self.epochs_done
                newly_diverged = True
        if self.best_parameters is not None and any(improved):
            for slot, parameter in enumerate(self.parameters):
                better = self._column([float(i) for i in improved], parameter).bool()
                self.best_parameters[slot] = torch.where(better, parameter, self.best_parameters[slot])
        if newly_diverged:
            self._mark_alive()
            self._silence_diverged()

    @torch.no_grad()
    def metrics(self) -> dict[str, np.ndarray]:
        """reference.evaluate for every model at once: one value per model per metric."""
        output = self.output(self.X_val)
        val_loss, _ = self._loss_and_gradient(output, self.y_val)
        if self.data.is_classification:
            accuracy = (output.max(dim=1).indices == self.y_val).float().mean(dim=1)  # argmax, faster
        else:
            residual = ((output - self.y_val.T) ** 2).flatten(1).sum(dim=1)
            accuracy = 1 - residual / ((self.y_val - self.y_val.mean()) ** 2).sum()
        weights = torch.cat([w.flatten(1) for w in self.weights], dim=1)
        return {
            "val_loss": val_loss.numpy(),
            "val_accuracy": accuracy.numpy(),
            "weight_norm": weights.norm(dim=1).numpy(),
            "sparsity": (weights.abs() < SPARSITY_THRESHOLD).float().mean(dim=1).numpy(),
        }

    def continue_with(self, alphas: Sequence[float]) -> None:
        """Go on training with a new list of α without starting over: an α already trained keeps
        its model; a new α starts from the weights and optimizer state of the nearest trained α
        (on a log scale), and its history begins as that model's."""
        new_alphas = check_alphas(alphas)
        sources = [
            self.alphas.index(a) if a in self.alphas else _nearest_alpha(self.alphas, a) for a in new_alphas
        ]
        index = torch.tensor(sources)
        self.weights = [w[index].clone() for w in self.weights]
        self.biases = [b[index].clone() for b in self.biases]
        self.state = [
            [{name: buffer[index].clone() for name, buffer in state.items()} for state in states]
            for states in self.state
        ]
        self.history = [{name: list(values) for name, values in self.history[s].items()} for s in sources]
        self.diverged_at = [self.diverged_at[s] for s in sources]
        self.best_val_loss = [self.best_val_loss[s] for s in sources]
        self.best_epoch = [self.best_epoch[s] for s in sources]
        if self.best_parameters is not None:
            self.best_parameters = [p[index].clone() for p in self.best_parameters]
        self.branched_from = [
            self.branched_from[s] if a in self.alphas else (self.alphas[s], self.epochs_done)
            for a, s in zip(new_alphas, sources, strict=True)
        ]
        self._set_alphas(new_alphas)

    @torch.no_grad()
    def boundary(self) -> BoundaryGrid | None:
        """P(class 1) over a grid around the data, for a 2-D, two-class data set; else None."""
        if self.data.n_inputs != 2 or self.data.n_outputs != 2:
            return None
        points = np.concatenate([self.data.X_train, self.data.X_val])
        low, high = points.min(axis=0) - 0.5, points.max(axis=0) + 0.5
        xs = np.linspace(low[0], high[0], BOUNDARY_CELLS, dtype=np.float32)
        ys = np.linspace(low[1], high[1], BOUNDARY_CELLS, dtype=np.float32)
        grid = torch.from_numpy(np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2))
        probability = torch.softmax(self.output(grid, self.kept_parameters), dim=1)[:, 1, :]
        probability = probability.reshape(-1, len(ys), len(xs)).numpy()
        return BoundaryGrid(xs, ys, np.nan_to_num(probability, nan=0.5).astype(np.float32))

    @property
    def kept_parameters(self) -> list[torch.Tensor]:
        """The networks the run keeps: with early stopping those of each model's best epoch."""
        return self.parameters if self.best_parameters is None else self.best_parameters

    def result(self) -> SweepResult:
        """A snapshot of everything trained so far, as plain numpy (safe to keep in a session)."""
        kept_weights = self.kept_parameters[: len(self.weights)]
        return SweepResult(
            config=self.config,
            alphas=self.alphas,
            history=[{name: list(values) for name, values in h.items()} for h in self.history],
            diverged_at=list(self.diverged_at),
            branched_from=list(self.branched_from),
            epochs_done=self.epochs_done,
            weights=tuple(w.numpy().copy() for w in kept_weights),
            best_epoch=list(self.best_epoch),
            boundary=self.boundary(),
        )


def train_sweep(alphas: Sequence[float], config: SweepConfig, epochs: int) -> SweepResult:
    """Train every α for `epochs` epochs (see SweepTrainer) and return the result."""
    if int(epochs) < 1:
        raise ValueError(f"epochs must be at least 1, not {epochs!r}")
    trainer = SweepTrainer(config, alphas)
    for _ in range(int(epochs)):
        trainer.train_epoch()
    return trainer.result()

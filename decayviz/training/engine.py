"""All α of a sweep (or all (lr, α) cells of a grid) trained at once, as one batched tensor program.

Every parameter carries an extra leading model axis: the weight of layer l is a tensor of shape
(models, out, in); the first layer's bias rides along as one more input column (the inputs get a
column of ones), so its gradient comes out of the same matrix product as the weights' (a bias block
of its own keeps those products at width 64 instead of 65, but its row sum and broadcast add cost
as much as the odd width does). All parameters live in one flat buffer (and their gradients in
another), so the optimizer's chain runs once per step on every parameter of every model: its
handful of elementwise operations, not a handful per layer. Plain SGD (no momentum, one lr) needs
no gradient buffer at all: its step −lr·(∇ + λW) is linear in the gradient, so after one pass that
decays the weights the backward's products add −lr·∇ straight into them (their `alpha`). The
penalty's numbers and the learning rate are per-element vectors over that buffer (0 where a
parameter is not decayed), so each model can have its own α and its own lr. Activations are kept
feature-major, (models, features, batch), so the first layer of every model is a single matrix
product and the softmax runs over a middle axis (both several times faster on a CPU than the
batch-major layout). The backward pass is written out (it is short for an MLP) into the gradient
buffer instead of going through autograd, whose bookkeeping cost more than the arithmetic for
networks this small; training and validation run in inference mode (no autograd records at all),
and each batch width's activations live in buffers made once (a workspace), so a step allocates
almost nothing. The optimizer is the rule's chain from decayviz.rules, the same code the 2-D
landscape runs, here on the stacked buffer (it follows torch.optim's single-tensor code step by
step). Dropout draws its masks from its own generator, one mask per hidden layer and minibatch
shared by every model, with the formula of `reference.SeededDropout`. Together, each model follows
the path `reference.train_one` takes with torch.optim, up to float rounding.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import torch

from decayviz.rules import (
    AddDecayedWeights,
    Hyper,
    ScaleByLearningRate,
    Slot,
    active,
    init_chain,
    network_rule,
)
from decayviz.training.data import Dataset, load
from decayviz.training.options import (
    DIVERGED_NORM,
    METRICS,
    SPARSITY_THRESHOLD,
    TORCH_THREADS,
    TRAIN_ACCURACY,
)
from decayviz.training.reference import build_mlp
from decayviz.training.result import (
    BoundaryGrid,
    GridResult,
    SweepConfig,
    SweepResult,
    check_alphas,
    check_lrs,
)

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


class _Workspace(NamedTuple):
    """The buffers of a forward pass (and a training step's backward) on one batch width, and the
    views a step takes of them, made once too: each layer's output (the first one as (models·units,
    batch) for its product, and as (models, units, batch) in `activations`), the hidden layers'
    outputs transposed (the next layer's weight gradient), and the gradient reaching each hidden
    layer's output (made on a backward's first use: a validation slice needs none)."""

    outputs: list[torch.Tensor]
    activations: list[torch.Tensor]
    activations_t: list[torch.Tensor]
    grads: list[torch.Tensor]


# ReLU's backward in place: the gradient where the unit was active, 0 elsewhere
_threshold_backward = torch.ops.aten.threshold_backward.grad_input
# The initial weights come from torch's global generator, process-wide: two sessions building models
# at once must not interleave. Seeded as torch.manual_seed seeds it on a CPU, without its calls for
# the other devices' generators (each ~1 ms: they record a stack trace for a lazy initialization).
_INIT_LOCK = threading.Lock()
BOUNDARY_CELLS = 60
EVAL_SLICE = 256  # digits' validation in slices of 256 samples: its metrics 10% sooner


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
    seed + 1), exactly as `reference.train_one` does for one model. Model i trains with
    alphas[i] and, if `lrs` is given, with lrs[i] (else every model with config.lr).
    """

    def __init__(
        self, config: SweepConfig, alphas: Sequence[float], lrs: Sequence[float] | None = None
    ) -> None:
        self.config = config
        self.data: Dataset = load(config.dataset)
        self.X_train = torch.from_numpy(self.data.X_train)
        self.y_train = torch.from_numpy(self.data.y_train)
        self.X_val = torch.from_numpy(self.data.X_val)
        self.y_val = torch.from_numpy(self.data.y_val)
        self._train_inputs = _with_ones(self.X_train)
        self._classification = self.data.is_classification
        targets = self.y_train
        if self.data.is_classification:
            targets = torch.nn.functional.one_hot(targets, self.data.n_outputs).to(self.X_train.dtype)
        self._train_targets = targets.reshape(len(targets), -1).T.contiguous()
        # each epoch's shuffled inputs and targets go into the same buffers, so the minibatches are
        # views made once: (features + 1, batch) inputs as `_forward` takes them, and their targets
        self._epoch_inputs = torch.empty_like(self._train_inputs)
        self._epoch_targets = torch.empty_like(self._train_targets)
        pieces = torch.split(self._epoch_inputs, config.batch_size)
        self._batches = list(
            zip(
                [piece.T for piece in pieces],
                pieces,
                torch.split(self._epoch_targets, config.batch_size, dim=1),
                strict=True,
            )
        )
        self._val_inputs = _with_ones(self.X_val).T
        with _INIT_LOCK:
            torch.default_generator.manual_seed(config.seed)
            model = build_mlp(self.data.n_inputs, config.hidden, config.depth, self.data.n_outputs)
        alphas = check_alphas(alphas)
        lrs = (config.lr,) * len(alphas) if lrs is None else check_lrs(lrs)
        if len(lrs) != len(alphas):
            raise ValueError(f"one learning rate per α: {len(lrs)} for {len(alphas)}")
        layers = [layer for layer in model if isinstance(layer, torch.nn.Linear)]
        first = torch.cat([layers[0].weight, layers[0].bias.unsqueeze(1)], dim=1)
        initial = [first] + [layer.weight for layer in layers[1:]] + [layer.bias for layer in layers[1:]]
        self._shapes = [tuple(p.shape) for p in initial]
        self._n_layers = len(layers)
        self._n_models = len(alphas)
        # each model's weights: every layer's (the first block's bias column left out)
        weight_shapes = self._shapes[: self._n_layers]
        self._weights_per_model = sum(math.prod(shape) for shape in weight_shapes) - self._shapes[0][0]
        self._adopt(torch.cat([p.detach().expand(len(alphas), *p.shape).reshape(-1) for p in initial]))
        self.batch_order = torch.Generator().manual_seed(config.seed)
        self.dropout_masks = torch.Generator().manual_seed(config.seed + 1)
        self.steps = 0
        self.epochs_done = 0
        self.chain = network_rule(config.optimizer).chain
        if not isinstance(self.chain[-1], ScaleByLearningRate):
            raise ValueError(f"the {config.optimizer} chain does not end with the step −lr·u")
        self.hyper = Hyper(momentum=config.momentum)
        # the chain's state (momentum buffers, Adam's moments): one dict per transform, each
        # buffer shaped like the flat parameters
        self.state = init_chain(self.chain, self.flat)
        extra = ("train_accuracy",) if self.data.name in TRAIN_ACCURACY else ()
        self.history = [{metric: [] for metric in (*METRICS, *extra)} for _ in alphas]
        self.diverged_at: list[int | None] = [None] * len(alphas)
        self.branched_from: list[tuple[float, int] | None] = [None] * len(alphas)
        # early stopping: each model's lowest validation loss so far, its epoch, and (only when
        # early stopping is on) the parameters of that epoch
        self.best_val_loss = [math.inf] * len(alphas)
        self.best_epoch: list[int | None] = [None] * len(alphas)
        self.best_flat = self.flat.clone() if config.early_stopping else None
        self._set_alphas(alphas, lrs)

    # --- the flat buffers ---

    def _adopt(self, flat: torch.Tensor) -> None:
        """Make `flat` the parameters (for self._n_models models), with a gradient buffer, and
        keep the views the steps use."""
        self.flat = flat
        self._grad = torch.empty_like(flat)
        self._blocks = self._split(flat)
        grads = self._split(self._grad)
        layers = range(1, self._n_layers)
        bias_of = self._n_layers - 1  # block of layer l's bias: bias_of + l
        self._grad_first = grads[0].view(-1, grads[0].shape[2])
        self._grad_layers = [(grads[layer], grads[bias_of + layer]) for layer in layers]
        self._weights_t = [self._blocks[layer].transpose(1, 2) for layer in layers]
        self._layers = self._network(self._blocks)
        self._workspaces: dict[int, _Workspace] = {}
        # 1 on every weight, 0 on every bias: what the weight norm and the sparsity count, and a
        # buffer for them, with its views per model of each layer's weight block
        self._on_weights = self._per_element([1.0] * self._n_models, biases=False)
        scratch = torch.empty_like(flat)
        layer_blocks = self._split(scratch)[: self._n_layers]
        self._scratch = scratch, [block.view(self._n_models, -1) for block in layer_blocks]

    def _network(
        self, blocks: list[torch.Tensor]
    ) -> tuple[torch.Tensor, list[tuple[torch.Tensor, torch.Tensor]]]:
        """The blocks as `_forward` uses them: the first layer as one (models·units, in + 1)
        matrix, then (weight, bias as a column) per further layer."""
        bias_of = self._n_layers - 1
        first = blocks[0].view(-1, blocks[0].shape[2])
        return first, [
            (blocks[layer], blocks[bias_of + layer].unsqueeze(2)) for layer in range(1, self._n_layers)
        ]

    def _split(self, flat: torch.Tensor) -> list[torch.Tensor]:
        """Views of a flat buffer as blocks, (models, *shape) each: the first layer's weights with
        its bias as the last column, then the other layers' weights, then their biases."""
        sizes = [self._n_models * math.prod(shape) for shape in self._shapes]
        pieces = torch.split(flat, sizes)
        return [piece.view(self._n_models, *shape) for piece, shape in zip(pieces, self._shapes, strict=True)]

    def _parameters_of(self, blocks: list[torch.Tensor]) -> list[torch.Tensor]:
        """The stacked parameters in blocks: every layer's weights, then every layer's biases."""
        rest = blocks[1:]
        weights, biases = rest[: self._n_layers - 1], rest[self._n_layers - 1 :]
        return [blocks[0][..., :-1], *weights, blocks[0][..., -1], *biases]

    def _per_element(
        self, per_model: Sequence[float], weights: bool = True, biases: bool = True
    ) -> torch.Tensor:
        """A flat buffer holding each model's number on every element of its weights (if
        `weights`) and biases (if `biases`), 0 elsewhere (built in numpy: a few small operations
        per block, each several times cheaper than torch's, into torch's memory, aligned for its
        vector loads)."""
        column = np.asarray(per_model, dtype=np.float32)
        pieces = []
        for index, shape in enumerate(self._shapes):
            if index == 0:  # the weights' columns, then the bias column
                mask = np.array([float(weights)] * (shape[1] - 1) + [float(biases)], dtype=np.float32)
            else:
                mask = np.float32(weights if index < self._n_layers else biases)
            values = column.reshape(-1, *[1] * len(shape)) * mask
            pieces.append(np.broadcast_to(values, (self._n_models, *shape)).reshape(-1))
        flat = torch.empty(sum(len(piece) for piece in pieces), dtype=self.flat.dtype)
        np.concatenate(pieces, out=flat.numpy())
        return flat

    def _take(self, flat: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
        """A flat buffer of the models `index` (with repeats) of `flat` (laid out for the current
        number of models)."""
        return torch.cat([block[index].reshape(-1) for block in self._split(flat)])

    @property
    def parameters(self) -> list[torch.Tensor]:
        """The stacked parameters, views into the flat buffer: weights of every layer, then biases."""
        return self._parameters_of(self._blocks)

    @property
    def weights(self) -> list[torch.Tensor]:
        return self.parameters[: self._n_layers]

    def _set_alphas(self, alphas: Sequence[float], lrs: Sequence[float]) -> None:
        """Each model's α and lr, and the numbers the chain reads as per-element buffers
        (computed once, not every step); None where no parameter carries such a part."""
        self.alphas = check_alphas(alphas)
        self.lrs = tuple(lrs)
        l2 = self.config.penalty == "l2" and any(self.alphas)
        l1 = self.config.penalty == "l1" and any(self.alphas)
        decay_bias = self.config.decay_bias
        # L2: weight_decay = 2α per model; L1: α, the factor of sign(W) in the loss's gradient
        self._weight_decay = (
            self._per_element([2 * a for a in self.alphas], biases=decay_bias) if l2 else None
        )
        self._l1 = self._per_element(self.alphas, biases=decay_bias) if l1 else None
        one_lr = len(set(self.lrs)) == 1
        self._lr = self.lrs[0] if one_lr else self._per_element(self.lrs)
        self._negative_lr = None if one_lr else -self._lr
        # the chain's transforms that act (no decay at all, μ = 0: fewer), the last one being
        # the step −lr·u, which `_step` takes in place
        self._updates = active(self.chain, self.state, self._slot())[:-1]
        # plain SGD (no momentum, one lr): the step is −lr·(gradient + λW), linear in the gradient,
        # so `_backward_step` adds −lr·gradient straight into the weights from the products and
        # −lr·λ·W in one pass before: no gradient buffer written, read back and added
        self._fused = one_lr and all(isinstance(step, AddDecayedWeights) for step, _ in self._updates)
        self._lr_decay = None if self._weight_decay is None else self._weight_decay * -self._lr
        self._mark_alive()

    def _slot(self) -> Slot:
        """What the chain sees of the parameters at this step."""
        return Slot(self.flat, self._l1, self._weight_decay, self._lr, self.steps, self.hyper)

    def _mark_alive(self) -> None:
        """1 for a model still training, 0 for one that diverged, on every element (None while
        none has: nothing to silence)."""
        alive = [0.0 if epoch else 1.0 for epoch in self.diverged_at]
        self._alive = None if all(alive) else self._per_element(alive)

    # --- the batched network, forward and backward ---

    def _forward(
        self,
        inputs: torch.Tensor,
        blocks: list[torch.Tensor] | None = None,
        training: bool = False,
        workspace: _Workspace | None = None,
    ) -> list[torch.Tensor]:
        """Every model on the same inputs, given with a row of ones and transposed: (features + 1,
        batch). Returns the activations: those inputs, then each layer's output, (models, units,
        batch), after ReLU (and, when training, dropout) for hidden layers; the last one is the
        network's output. `blocks` default to the current parameters. With a `workspace` (of
        `_workspace(batch)`) the activations are written into its buffers, valid until its next use."""
        first, layers = self._layers if blocks is None else self._network(blocks)
        rate = self.config.dropout if training else 0.0
        # the first layer of all models at once: one (models·units, in + 1) @ (in + 1, batch) product
        if workspace is None:
            output = torch.mm(first, inputs)
            activations = [inputs, output.view(self._n_models, -1, output.shape[1])]
        else:
            torch.mm(first, inputs, out=workspace.outputs[0])
            activations = [inputs, *workspace.activations]
        for index, (weight, bias) in enumerate(layers, start=1):
            hidden = activations[index].clamp_min_(0)  # ReLU, in place: only its output is kept
            if rate:  # reference.SeededDropout's mask, drawn as (batch, units), shared by all models
                keep = torch.rand(hidden.shape[2], hidden.shape[1], generator=self.dropout_masks) >= rate
                hidden.mul_(keep.T.contiguous()).div_(1 - rate)  # a transposed mask: ~2× slower
            if workspace is None:
                activations.append(torch.baddbmm(bias, weight, hidden))
            else:
                torch.baddbmm(bias, weight, hidden, out=activations[index + 1])
        return activations

    def _workspace(self, batch: int, backward: bool = False) -> _Workspace:
        """The buffers of a pass on `batch` samples, made once per batch width: a fresh
        activation per step would cost an allocation (and cold cache lines) per layer."""
        workspace = self._workspaces.get(batch)
        if workspace is not None and (workspace.grads or not backward or self._n_layers == 1):
            return workspace
        models, widths = self._n_models, [shape[0] for shape in self._shapes[: self._n_layers]]
        with torch.inference_mode(False):  # plain tensors: usable in and out of inference mode
            if workspace is None:
                outputs = [torch.empty(models * widths[0], batch)]
                outputs += [torch.empty(models, width, batch) for width in widths[1:]]
                activations = [outputs[0].view(models, widths[0], batch), *outputs[1:]]
                transposed = [output.transpose(1, 2) for output in activations[:-1]]
                workspace = self._workspaces[batch] = _Workspace(outputs, activations, transposed, [])
            if backward and len(workspace.grads) < len(widths) - 1:
                workspace.grads[:] = [torch.empty(models, width, batch) for width in widths[:-1]]
        return workspace

    def forward(self, inputs: torch.Tensor, blocks: list[torch.Tensor] | None = None) -> list[torch.Tensor]:
        """Every model on the same inputs (batch, features), as `_forward` (no dropout)."""
        return self._forward(_with_ones(inputs).T, blocks)

    def output(self, inputs: torch.Tensor, blocks: list[torch.Tensor] | None = None) -> torch.Tensor:
        """The networks' outputs, (models, outputs, batch)."""
        return self.forward(inputs, blocks)[-1]

    @staticmethod
    def _sample_losses(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """Each model's data loss on each sample, (models, batch): cross-entropy for class labels
        (batch,), squared error averaged over the outputs for targets (batch, outputs)."""
        if target.dtype == torch.int64:
            log_probability = torch.log_softmax(output, dim=1)
            index = target.view(1, 1, -1).expand(len(output), 1, -1)
            return -log_probability.gather(1, index).squeeze(1)
        return ((output - target.T.unsqueeze(0)) ** 2).mean(dim=1)

    @staticmethod
    def _loss(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """Each model's mean data loss over the batch, (models,) (see _sample_losses)."""
        if target.dtype == torch.int64:
            return SweepTrainer._sample_losses(output, target).mean(dim=1)
        return ((output - target.T.unsqueeze(0)) ** 2).flatten(1).mean(dim=1)

    def _gradient(
        self, output: torch.Tensor, target: torch.Tensor, loss_sum: torch.Tensor, scaled: bool = True
    ) -> torch.Tensor:
        """The gradient of each model's mean data loss with respect to its output: for
        cross-entropy (softmax − one-hot)/batch, `target` the one-hot labels (classes, batch);
        for squared error 2(output − y)/(batch·outputs), `target` (outputs, batch). Adds the
        batch's summed losses (negated for cross-entropy) to `loss_sum` as it goes. Not `scaled`:
        without the factor 1/batch (2/(batch·outputs)), which `_grad_scale` gives."""
        if self._classification:
            log_probability = torch.log_softmax(output, dim=1)
            loss_sum.addcmul_(log_probability, target)  # Σ log p(label): −cross-entropy·batch
            grad = log_probability.exp_().sub_(target)
            return grad.div_(output.shape[2]) if scaled else grad
        residual = output.sub_(target)
        loss_sum.addcmul_(residual, residual)
        return residual.mul_(2 / residual[0].numel()) if scaled else residual

    def _grad_scale(self, output: torch.Tensor) -> float:
        """The factor `_gradient` leaves out when not scaled."""
        return 1 / output.shape[2] if self._classification else 2 / output[0].numel()

    def _output_gradients(
        self, activations: list[torch.Tensor], grad_output: torch.Tensor, workspace: _Workspace
    ) -> list[torch.Tensor]:
        """The gradient reaching each layer's output, the last layer's first (`grad_output`),
        each hidden one in its workspace buffer."""
        grads = [grad_output]  # (models, units, batch)
        for layer in range(self._n_layers - 1, 0, -1):
            grad = torch.bmm(self._weights_t[layer - 1], grads[-1], out=workspace.grads[layer - 1])
            if self.config.dropout:  # dropout's backward: ×keep/(1 − rate); ×keep is below
                grad.div_(1 - self.config.dropout)
            # ReLU's backward: the gradient passes where the unit was active (and, with dropout,
            # kept: a dropped unit's output is 0), is 0 elsewhere
            grads.append(_threshold_backward(grad, activations[layer], 0, grad_input=grad))
        return grads

    def _backward(
        self, activations: list[torch.Tensor], grad_output: torch.Tensor, workspace: _Workspace
    ) -> None:
        """Gradients of the summed data losses into the gradient buffer; each model's slice is
        the gradient of its own loss."""
        grads = self._output_gradients(activations, grad_output, workspace)
        for layer in range(1, self._n_layers):
            weight_grad, bias_grad = self._grad_layers[layer - 1]
            grad = grads[self._n_layers - 1 - layer]
            torch.sum(grad, dim=2, out=bias_grad)
            torch.bmm(grad, workspace.activations_t[layer - 1], out=weight_grad)
        # the first layer, bias column included: one (models·units, batch) @ (batch, in + 1) product
        torch.mm(grads[-1].reshape(len(self._grad_first), -1), activations[0].T, out=self._grad_first)

    def _backward_step(
        self,
        activations: list[torch.Tensor],
        grad_output: torch.Tensor,
        workspace: _Workspace,
        samples: torch.Tensor,
    ) -> None:
        """`_backward` and `_step` in one for plain SGD (`_fused`): W ← W − lr·λ·W − lr·∇, the
        products of the backward pass adding −lr·∇ into the weights (addmm's alpha, which also
        carries the loss's 1/batch: `grad_output` comes unscaled) instead of writing a gradient
        buffer. The gradient reaching each layer is taken with the weights before the step, as
        torch.optim takes it; each weight moves by −lr·(∇ + λW) up to float rounding. `samples`:
        the inputs as (batch, features + 1), activations[0] untransposed."""
        self.steps += 1
        step = -self._lr * self._grad_scale(grad_output)
        first, layers = self._layers
        grads = self._output_gradients(activations, grad_output, workspace)
        if self._lr_decay is not None:  # −lr·λ·W, the decay of the weights before this step
            self.flat.addcmul_(self._lr_decay, self.flat)
        for layer in range(1, self._n_layers):
            weight, bias = layers[layer - 1]
            grad = grads[self._n_layers - 1 - layer]
            weight.baddbmm_(grad, workspace.activations_t[layer - 1], alpha=step)
            bias.add_(grad.sum(dim=2, keepdim=True), alpha=step)
        first.addmm_(grads[-1].reshape(len(first), -1), samples, alpha=step)

    # --- the batched optimizer ---

    def _step(self) -> None:
        """One step of the rule's chain for every parameter of every model at once; the last
        transform, −lr·u, moves the weights in place, as torch.optim moves a parameter."""
        self.steps += 1
        slot = self._slot()
        update = self._grad
        for transform, state in self._updates:
            update = transform.update(update, state, slot)
        if self._negative_lr is None:
            self.flat.add_(update, alpha=-self._lr)
        else:
            self.flat.addcmul_(update, self._negative_lr)

    def _silence_diverged(self) -> None:
        """Hold diverged models at zero (weights and optimizer state) so they cost nothing and
        never produce inf or NaN again; multiplying the others by 1 leaves them exact."""
        self.flat.mul_(self._alive)
        for state in self.state:
            for buffer in state.values():
                buffer.mul_(self._alive)

    # --- training ---

    @torch.inference_mode()
    def train_epoch(self) -> None:
        """One pass over the training data in a fresh random order, then the metrics."""
        n_train, batch_size = len(self.X_train), self.config.batch_size
        permutation = torch.randperm(n_train, generator=self.batch_order)
        # this epoch's order, gathered (index_select: several times faster than indexing, and than
        # one_hot and a transposed copy every epoch) into the buffers the minibatches view
        torch.index_select(self._train_inputs, 0, permutation, out=self._epoch_inputs)
        # targets: one-hot labels (classes, samples) or targets (outputs, samples), contiguous: on
        # a transposed view each step's elementwise operations with them take a path ~1.5× slower
        torch.index_select(self._train_targets, 1, permutation, out=self._epoch_targets)
        any_diverged, fused = any(self.diverged_at), self._fused
        loss_sum = torch.zeros(self._n_models, len(self._train_targets), min(batch_size, n_train))
        with _flushing_denormals():
            for batch_inputs, samples, batch_targets in self._batches:
                batch = batch_inputs.shape[1]
                workspace = self._workspace(batch, backward=True)
                activations = self._forward(batch_inputs, training=True, workspace=workspace)
                batch_sum = loss_sum if batch == batch_size else loss_sum[..., :batch]
                grad_output = self._gradient(activations[-1], batch_targets, batch_sum, scaled=not fused)
                if fused:
                    self._backward_step(activations, grad_output, workspace, samples)
                else:
                    self._backward(activations, grad_output, workspace)
                    self._step()
                if any_diverged:
                    self._silence_diverged()
            self.epochs_done += 1
            total = loss_sum.double().sum(dim=(1, 2)) / n_train
            if self._classification:
                total = -total
            else:
                total /= len(self._train_targets)
            self._record(total.numpy())  # in the flush too: decayed weights reach subnormals

    @torch.no_grad()
    def _record(self, train_loss: np.ndarray) -> None:
        """Append this epoch's metrics per model; a model whose numbers are no longer finite (or
        whose weights exploded) is marked diverged instead, and its lists stop here."""
        metrics = {"train_loss": train_loss, **self.metrics()}
        names = [*METRICS, *(name for name in self.history[0] if name not in METRICS)]
        # one table (metric, model) as Python floats, checked at once: per-element float() and
        # isfinite calls were a tenth of the metrics' time
        table = np.stack([np.asarray(metrics[name], dtype=np.float64) for name in names])
        finite = np.isfinite(table[: len(METRICS)]).all(axis=0)
        healthy = (finite & (table[names.index("weight_norm")] < DIVERGED_NORM)).tolist()
        columns, val_loss = table.T.tolist(), names.index("val_loss")
        newly_diverged = False
        improved = [False] * self._n_models
        for index, history in enumerate(self.history):
            if self.diverged_at[index]:
                continue
            if healthy[index]:
                values = columns[index]
                for name, value in zip(names, values, strict=True):
                    history[name].append(value)
                if values[val_loss] < self.best_val_loss[index]:
                    self.best_val_loss[index], self.best_epoch[index] = values[val_loss], self.epochs_done
                    improved[index] = True
            else:
                self.diverged_at[index] = self.epochs_done
                newly_diverged = True
        if self.best_flat is not None and any(improved):
            better = self._per_element([float(i) for i in improved]).bool()
            self.best_flat = torch.where(better, self.flat, self.best_flat)
        if newly_diverged:
            self._mark_alive()
            self._silence_diverged()

    @torch.inference_mode()
    def metrics(self) -> dict[str, np.ndarray]:
        """reference.evaluate for every model at once: one value per model per metric."""
        output = self._outputs(self._val_inputs)
        val_loss = self._loss(output, self.y_val)
        if self.data.is_classification:
            accuracy = _accuracy(output, self.y_val)
        else:
            residual = ((output - self.y_val.T) ** 2).flatten(1).sum(dim=1)
            accuracy = 1 - residual / ((self.y_val - self.y_val.mean()) ** 2).sum()
        # the weights: the flat buffer with its biases zeroed (in a buffer made once), per model and block
        weights, blocks = self._scratch
        torch.mul(self.flat, self._on_weights, out=weights)
        norms = torch.stack([torch.linalg.vector_norm(block, dim=1) for block in blocks])
        # |w| < threshold as floats, in place (a bool result takes a path several times slower);
        # the zeroed bias column of the first block counts too: its `units` entries come off
        torch.lt(weights.abs_(), SPARSITY_THRESHOLD, out=weights)
        near_zero = sum(block.sum(dim=1) for block in blocks) - self._shapes[0][0]
        metrics = {
            "val_loss": val_loss.numpy(),
            "val_accuracy": accuracy.numpy(),
            "weight_norm": torch.linalg.vector_norm(norms, dim=0).numpy(),
            "sparsity": (near_zero / self._weights_per_model).numpy(),
        }
        if self.data.name in TRAIN_ACCURACY:  # after the epoch, on every training sample
            metrics["train_accuracy"] = _accuracy(self._outputs(self._train_inputs.T), self.y_train).numpy()
        return metrics

    def _outputs(self, inputs: torch.Tensor, blocks: list[torch.Tensor] | None = None) -> torch.Tensor:
        """The networks' outputs on many inputs (as `_forward` takes them), in slices of
        EVAL_SLICE samples: each slice's hidden activations stay in a core's cache."""
        outputs = torch.empty(self._n_models, self._shapes[self._n_layers - 1][0], inputs.shape[1])
        for start in range(0, inputs.shape[1], EVAL_SLICE):
            piece = inputs[:, start : start + EVAL_SLICE]
            activations = self._forward(piece, blocks, workspace=self._workspace(piece.shape[1]))
            outputs.narrow(2, start, piece.shape[1]).copy_(activations[-1])
        return outputs

    @torch.inference_mode()
    def validation_losses(self) -> np.ndarray:
        """Each kept network's data loss on each validation sample, (models, samples): their
        mean is the run's val_loss; two α compared sample by sample differ far less by chance
        than their means alone suggest (decayviz.classroom.questions.paired_gap)."""
        output = self._outputs(self._val_inputs, self.kept_blocks)
        return self._sample_losses(output, self.y_val).numpy()

    @torch.inference_mode()
    def validation_hits(self) -> np.ndarray:
        """1 where each kept network classifies a validation sample right, else 0, (models,
        samples) (as reference.evaluate counts it): their mean is the run's val_accuracy."""
        output = self._outputs(self._val_inputs, self.kept_blocks)
        return _hits(output, self.y_val).numpy()

    def continue_with(self, alphas: Sequence[float]) -> None:
        """Go on training with a new list of α without starting over: an α already trained keeps
        its model; a new α starts from the weights and optimizer state of the nearest trained α
        (on a log scale), and its history begins as that model's."""
        new_alphas = check_alphas(alphas)
        sources = [
            self.alphas.index(a) if a in self.alphas else _nearest_alpha(self.alphas, a) for a in new_alphas
        ]
        index = torch.tensor(sources)
        flat = self._take(self.flat, index)
        self.state = [
            {name: self._take(buffer, index) for name, buffer in state.items()} for state in self.state
        ]
        best_flat = None if self.best_flat is None else self._take(self.best_flat, index)
        self._n_models = len(new_alphas)
        self._adopt(flat)
        self.best_flat = best_flat
        self.history = [{name: list(values) for name, values in self.history[s].items()} for s in sources]
        self.diverged_at = [self.diverged_at[s] for s in sources]
        self.best_val_loss = [self.best_val_loss[s] for s in sources]
        self.best_epoch = [self.best_epoch[s] for s in sources]
        self.branched_from = [
            self.branched_from[s] if a in self.alphas else (self.alphas[s], self.epochs_done)
            for a, s in zip(new_alphas, sources, strict=True)
        ]
        self._set_alphas(new_alphas, [self.lrs[s] for s in sources])

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
        probability = torch.softmax(self.output(grid, self.kept_blocks), dim=1)[:, 1, :]
        probability = probability.reshape(-1, len(ys), len(xs)).numpy()
        return BoundaryGrid(xs, ys, np.nan_to_num(probability, nan=0.5).astype(np.float32))

    @property
    def kept_blocks(self) -> list[torch.Tensor]:
        """The networks the run keeps: with early stopping those of each model's best epoch."""
        return self._blocks if self.best_flat is None else self._split(self.best_flat)

    def result(self) -> SweepResult:
        """A snapshot of everything trained so far, as plain numpy (safe to keep in a session)."""
        kept_weights = self._parameters_of(self.kept_blocks)[: self._n_layers]
        return SweepResult(
            config=self.config,
            alphas=self.alphas,
            history=[{name: list(values) for name, values in h.items()} for h in self.history],
            diverged_at=list(self.diverged_at),
            branched_from=list(self.branched_from),
            epochs_done=self.epochs_done,
            weights=tuple(np.ascontiguousarray(w.numpy()) for w in kept_weights),
            best_epoch=list(self.best_epoch),
            boundary=self.boundary(),
        )


def _with_ones(inputs: torch.Tensor) -> torch.Tensor:
    """The inputs (samples, features) with a column of ones: the first layer's bias's input."""
    return torch.cat([inputs, torch.ones(len(inputs), 1, dtype=inputs.dtype)], dim=1)


def _hits(output: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """1.0 where a model's argmax over the classes (dim 1) is the label, else 0.0, (models,
    samples). The largest logit is found with amax, many times faster than argmax on a middle
    axis, and compared into floats (a bool result is several times slower); only when two
    classes tie exactly (more entries at the top than samples) does it take argmax's rule (the
    first of them) the slow way."""
    at_top = torch.eq(output, output.amax(dim=1, keepdim=True), out=torch.empty_like(output))
    if float(at_top.sum()) > len(output) * len(labels):
        return (output.max(dim=1).indices == labels).to(output.dtype)
    index = labels.view(1, 1, -1).expand(len(output), 1, -1)
    return at_top.gather(1, index).squeeze(1)


def _accuracy(output: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Each model's share of hits, (models,), as reference.evaluate's float32 mean."""
    return _hits(output, labels).mean(dim=1)


def train_sweep(alphas: Sequence[float], config: SweepConfig, epochs: int) -> SweepResult:
    """Train every α for `epochs` epochs (see SweepTrainer) and return the result."""
    if int(epochs) < 1:
        raise ValueError(f"epochs must be at least 1, not {epochs!r}")
    trainer = SweepTrainer(config, alphas)
    for _ in range(int(epochs)):
        trainer.train_epoch()
    return trainer.result()


class GridTrainer(SweepTrainer):
    """A learning rate × α grid in progress: one model per cell (lrs[i], alphas[j]), all in one
    batch (model i·len(alphas) + j), each with its own lr and α."""

    def __init__(self, config: SweepConfig, lrs: Sequence[float], alphas: Sequence[float]) -> None:
        self.grid_lrs, self.grid_alphas = check_lrs(lrs), check_alphas(alphas)
        cells = [(lr, alpha) for lr in self.grid_lrs for alpha in self.grid_alphas]
        super().__init__(config, [alpha for _, alpha in cells], [lr for lr, _ in cells])

    def continue_with(self, alphas: Sequence[float]) -> None:
        raise ValueError("a grid trains on with the same cells: change the grid by training a new one")

    def result(self) -> GridResult:  # type: ignore[override]
        """A snapshot of the grid so far, as plain Python lists (safe to keep in a session)."""
        width = len(self.grid_alphas)
        rows = range(len(self.grid_lrs))
        return GridResult(
            config=self.config,
            lrs=self.grid_lrs,
            alphas=self.grid_alphas,
            history=[
                [
                    {name: list(values) for name, values in h.items()}
                    for h in self.history[i * width : (i + 1) * width]
                ]
                for i in rows
            ],
            diverged_at=[list(self.diverged_at[i * width : (i + 1) * width]) for i in rows],
            epochs_done=self.epochs_done,
        )


def train_grid(lrs: Sequence[float], alphas: Sequence[float], config: SweepConfig, epochs: int) -> GridResult:
    """Train every (lr, α) cell for `epochs` epochs (see GridTrainer) and return the result."""
    if int(epochs) < 1:
        raise ValueError(f"epochs must be at least 1, not {epochs!r}")
    trainer = GridTrainer(config, lrs, alphas)
    for _ in range(int(epochs)):
        trainer.train_epoch()
    return trainer.result()

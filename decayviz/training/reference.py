"""One model trained the plain PyTorch way, with torch.optim: the reference the batched sweep
must match, and the body of the reproduction script.

The functions below are self-contained on purpose: `reproduction_script` copies their source
verbatim into a standalone script, so what students download is exactly what is tested here.
"""

from __future__ import annotations

import torch
from torch import nn


class SeededDropout(nn.Module):
    """nn.Dropout's inverted dropout (zero each unit with probability `rate` while training, scale
    the kept ones by 1/(1 − rate)), with masks drawn from a generator of its own: the same seed
    gives the same masks here and in decayviz's batched sweep, which draws them the same way."""

    def __init__(self, rate: float, generator: torch.Generator) -> None:
        super().__init__()
        self.rate, self.generator = rate, generator

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.rate == 0:
            return x
        keep = torch.rand(x.shape, generator=self.generator) >= self.rate
        return x * keep / (1 - self.rate)


def build_mlp(
    n_inputs: int,
    hidden: int,
    depth: int,
    n_outputs: int,
    dropout: float = 0.0,
    masks: torch.Generator | None = None,
) -> nn.Sequential:
    """`depth` hidden layers of `hidden` ReLU units (depth 0: a linear model), each followed by
    dropout at rate `dropout` (masks from the generator `masks`) if that is above 0."""
    layers: list[nn.Module] = []
    width = n_inputs
    for _ in range(depth):
        layers += [nn.Linear(width, hidden), nn.ReLU()]
        if dropout > 0:
            layers.append(SeededDropout(dropout, masks))
        width = hidden
    layers.append(nn.Linear(width, n_outputs))
    return nn.Sequential(*layers)


def param_groups(model: nn.Module, weight_decay: float, decay_bias: bool = False) -> list[dict]:
    """torch.optim parameter groups that decay the weight matrices and, unless asked, not the
    biases: an optimizer given model.parameters() would decay every parameter, biases included."""
    weights = [p for p in model.parameters() if p.ndim >= 2]  # nn.Linear's weight matrices
    biases = [p for p in model.parameters() if p.ndim < 2]
    return [
        {"params": weights, "weight_decay": weight_decay},
        {"params": biases, "weight_decay": weight_decay if decay_bias else 0.0},
    ]


def make_optimizer(name: str, groups: list[dict], lr: float, keywords: dict) -> torch.optim.Optimizer:
    """torch.optim's class `name` ("SGD", "Adam", "AdamW"). SGD adds weight_decay·W to the
    gradient (before momentum); Adam does the same, then rescales per weight (coupled L2); AdamW
    shrinks W by (1 − lr·weight_decay) outside the adaptive step (decoupled)."""
    return getattr(torch.optim, name)(groups, lr=lr, **keywords)


def data_loss(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Cross-entropy for class labels, mean squared error for regression targets."""
    if target.dtype == torch.int64:
        return nn.functional.cross_entropy(output, target)
    return nn.functional.mse_loss(output, target)


@torch.no_grad()
def evaluate(model: nn.Module, X_val: torch.Tensor, y_val: torch.Tensor) -> dict[str, float]:
    """Validation loss and accuracy (R² for regression: 1 is perfect, 0 is no better than
    predicting the mean), and the size of the weight matrices: their L2 norm and the share of
    entries with |w| < 1e-3."""
    output = model(X_val)
    if y_val.dtype == torch.int64:
        accuracy = (output.argmax(dim=1) == y_val).float().mean()
    else:
        accuracy = 1 - ((output - y_val) ** 2).sum() / ((y_val - y_val.mean()) ** 2).sum()
    weights = torch.cat([p.flatten() for p in model.parameters() if p.ndim >= 2])
    return {
        "val_loss": data_loss(output, y_val).item(),
        "val_accuracy": accuracy.item(),
        "weight_norm": weights.norm().item(),
        "sparsity": (weights.abs() < 1e-3).float().mean().item(),
    }


def train_one(
    X_train,
    X_val,
    y_train,
    y_val,
    alpha: float,
    *,
    penalty: str,
    optimizer: str,
    optimizer_keywords: dict,
    epochs: int,
    lr: float,
    hidden: int,
    depth: int,
    batch_size: int,
    decay_bias: bool,
    seed: int,
    dropout: float,
) -> dict[str, list[float]]:
    """Train one MLP on the penalized loss L(θ) + α‖W‖² (L2) or L(θ) + α‖W‖₁ (L1), with dropout at
    rate `dropout` after each hidden layer, by torch.optim's class `optimizer` with
    `optimizer_keywords` (e.g. momentum). Returns, one list each, one value per epoch: train_loss
    (the data term alone, averaged over the epoch's minibatches as the loop sees them), the
    metrics of `evaluate` after the epoch, and best_epoch: the epoch of lowest validation loss so
    far, the one early stopping would keep if training ended there."""
    X_train, X_val = torch.as_tensor(X_train), torch.as_tensor(X_val)
    y_train, y_val = torch.as_tensor(y_train), torch.as_tensor(y_val)
    n_outputs = int(y_train.max()) + 1 if y_train.dtype == torch.int64 else 1

    torch.manual_seed(seed)  # the initial weights
    dropout_masks = torch.Generator().manual_seed(seed + 1)  # the dropout masks: their own stream
    model = build_mlp(X_train.shape[1], hidden, depth, n_outputs, dropout, dropout_masks)
    # The penalty α‖W‖² has gradient 2αW; torch's weight_decay λ adds λW: so λ = 2α.
    weight_decay = 2 * alpha if penalty == "l2" else 0.0
    groups = param_groups(model, weight_decay, decay_bias)
    opt = make_optimizer(optimizer, groups, lr, optimizer_keywords)
    penalized = [p for p in model.parameters() if p.ndim >= 2 or decay_bias]
    batch_order = torch.Generator().manual_seed(seed)  # the minibatch order

    history: dict[str, list[float]] = {"train_loss": []}
    best_val_loss, best_epoch = float("inf"), None
    for epoch in range(1, epochs + 1):
        model.train()  # dropout on
        permutation = torch.randperm(len(X_train), generator=batch_order)
        data_loss_sum = 0.0
        for start in range(0, len(X_train), batch_size):
            batch = permutation[start : start + batch_size]
            loss = data_loss(model(X_train[batch]), y_train[batch])
            data_loss_sum += loss.item() * len(batch)
            if penalty == "l1":  # L1 is not an optimizer option: add α‖W‖₁ to the loss
                loss = loss + alpha * sum(p.abs().sum() for p in penalized)
            opt.zero_grad()
            loss.backward()
            opt.step()
        history["train_loss"].append(data_loss_sum / len(X_train))  # the data term, epoch mean
        model.eval()  # dropout off: the validation sees the whole network
        for name, value in evaluate(model, X_val, y_val).items():
            history.setdefault(name, []).append(value)
        if history["val_loss"][-1] < best_val_loss:  # for early stopping: the best epoch so far
            best_val_loss, best_epoch = history["val_loss"][-1], epoch
        history.setdefault("best_epoch", []).append(best_epoch)
    return history


def train_reference(X_train, X_val, y_train, y_val, alpha: float, **keywords) -> dict[str, list[float]]:
    """train_one for a run given by train_sweep's keywords (optimizer by decayviz's name,
    momentum): the registry says which torch.optim class and arguments that is, as in the script."""
    from decayviz.training.options import DEFAULT_EPOCHS
    from decayviz.training.result import SweepConfig

    epochs = keywords.pop("epochs", DEFAULT_EPOCHS)
    config = SweepConfig(**keywords)
    optimizer, optimizer_keywords = config.torch_optimizer()
    settings = config.keywords()
    for name in ("dataset", "optimizer", "momentum", "early_stopping"):
        del settings[name]
    return train_one(
        X_train, X_val, y_train, y_val, alpha, optimizer=optimizer, optimizer_keywords=optimizer_keywords,
        epochs=epochs, **settings,
    )  # fmt: skip

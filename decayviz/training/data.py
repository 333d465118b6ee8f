"""The three data sets, made without downloads, as numpy arrays (no torch here).

Each `*_split` function is self-contained (it imports what it needs) because the reproduction
script carries its source verbatim: the script and the app train on the very same arrays.
Each returns (X_train, X_val, y_train, y_val); class labels are int64, regression targets are
float32 columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from decayviz.training.options import DATA_SEED, DATASETS


def digits_split(seed: int = 0):
    """scikit-learn's 8×8 handwritten digits, pixels scaled to [0, 1]; half of them train, half
    validate (stratified), so an unregularized network has room to overfit."""
    import numpy as np
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    images, labels = load_digits(return_X_y=True)
    images = (images / 16.0).astype(np.float32)
    return train_test_split(
        images, labels.astype(np.int64), test_size=0.5, stratify=labels, random_state=seed
    )


def highdim_split(seed: int = 0):
    """d2l's high-dimensional linear regression: y = 0.05 + Σ 0.01·x_i + noise, 200 features,
    only 20 training samples (100 for validation), so fitting without decay memorizes noise."""
    import numpy as np

    n_train, n_val, n_features = 20, 100, 200
    rng = np.random.default_rng(seed)
    features = rng.normal(size=(n_train + n_val, n_features)).astype(np.float32)
    noise = rng.normal(scale=0.01, size=n_train + n_val)
    targets = (0.05 + 0.01 * features.sum(axis=1) + noise).astype(np.float32)[:, None]
    return features[:n_train], features[n_train:], targets[:n_train], targets[n_train:]


def moons_split(seed: int = 0):
    """Two noisy interleaved half-moons in 2-D: 100 training points (few, so a wide network can
    wrap its boundary around single points), 500 for validation."""
    import numpy as np
    from sklearn.datasets import make_moons

    n_train = 100
    points, labels = make_moons(n_samples=600, noise=0.3, random_state=seed)
    points = points.astype(np.float32)
    labels = labels.astype(np.int64)
    return points[:n_train], points[n_train:], labels[:n_train], labels[n_train:]


def modular_split(seed: int = 0):
    """Addition modulo p = 47, the task on which networks grok (Power et al. 2022): the inputs are
    the two summands a and b, one-hot (2p features), the label is (a + b) mod p; 60% of the p²
    pairs train, the others validate, so answering them needs the rule, not a memory."""
    import numpy as np

    p, train_share = 47, 0.6
    a, b = np.divmod(np.arange(p * p), p)
    pairs = np.zeros((p * p, 2 * p), dtype=np.float32)
    pairs[np.arange(p * p), a] = 1.0
    pairs[np.arange(p * p), p + b] = 1.0
    labels = ((a + b) % p).astype(np.int64)
    order = np.random.default_rng(seed).permutation(p * p)
    train, val = order[: int(train_share * p * p)], order[int(train_share * p * p) :]
    return pairs[train], pairs[val], labels[train], labels[val]


SPLITS = {"digits": digits_split, "highdim": highdim_split, "moons": moons_split, "modular": modular_split}


@dataclass(frozen=True)
class Dataset:
    """A split data set and what the page needs to know about it."""

    name: str
    X_train: np.ndarray
    X_val: np.ndarray
    y_train: np.ndarray
    y_val: np.ndarray

    @property
    def is_classification(self) -> bool:
        return self.y_train.dtype == np.int64

    @property
    def n_inputs(self) -> int:
        return self.X_train.shape[1]

    @property
    def n_outputs(self) -> int:
        """Classes for classification (one logit each), 1 for regression."""
        if self.is_classification:
            return int(self.y_train.max()) + 1
        return 1


@lru_cache(maxsize=len(DATASETS))
def load(name: str) -> Dataset:
    """The data set `name` (one of DATASETS), built once per process."""
    if name not in SPLITS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")
    X_train, X_val, y_train, y_val = SPLITS[name](DATA_SEED)
    return Dataset(name, X_train, X_val, y_train, y_val)


def steps_per_epoch(dataset: str, batch_size: int) -> int:
    """The minibatch steps of one epoch: ⌈training samples / batch size⌉."""
    return -(-len(load(dataset).X_train) // int(batch_size))

"""decayviz: weight decay (L1/L2 regularization) taught as constrained optimization."""

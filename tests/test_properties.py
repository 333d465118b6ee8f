"""Property tests of the decayviz core on random ellipses, α and learning rates (hypothesis).

The exact optima satisfy their optimality conditions (KKT: 0 ∈ H(Ŵ − W*) + ∂penalty(Ŵ)) and no
nearby point does better; `descend` never hands out a NaN or an infinity before `diverged_at`,
and nothing but NaN from there on. The examples are derandomized, so CI sees the same cases
every run; DECAYVIZ_PROPERTY_EXAMPLES raises their number on demand. (The URL schema's
properties are in test_state.py.)
"""

from __future__ import annotations

import os

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from decayviz.descent import descend
from decayviz.landscape import EllipticLoss
from decayviz.optim import DIVERGENCE_LIMIT, OPTIMIZERS
from decayviz.penalties import L1, L2, PENALTIES, ElasticNet, make_penalty
from decayviz.solve import regularization_path, regularized_optimum

EXAMPLES = int(os.environ.get("DECAYVIZ_PROPERTY_EXAMPLES", "150"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None)

coordinate = st.floats(-5.0, 5.0)
# Curvatures over more than two decades: condition numbers up to 1000.
curvature = st.floats(-1.3, 1.7).map(lambda e: 10.0**e)
alpha = st.one_of(st.just(0.0), st.floats(-6.0, 1.5).map(lambda e: 10.0**e))
l1_ratio = st.floats(0.0, 1.0)
PATH_KINDS = ("l1", "l2", "elasticnet")


@st.composite
def losses(draw) -> EllipticLoss:
    return EllipticLoss(
        w_star=(draw(coordinate), draw(coordinate)),
        curvatures=(draw(curvature), draw(curvature)),
        angle_deg=draw(st.floats(-90.0, 90.0)),
    )


def tolerance(loss: EllipticLoss, W: np.ndarray, strength: float) -> float:
    """Round-off allowed in a gradient at W: relative to the size of its terms."""
    scale = loss.curvatures.max() * (np.abs(loss.w_star).max() + np.abs(W).max() + 1.0) + strength
    return 1e-9 * scale


def kkt_violation(loss: EllipticLoss, penalty: ElasticNet, W: np.ndarray) -> float:
    """How far W is from 0 ∈ H(W − W*) + 2·l2_weight·W + l1_weight·∂‖W‖₁."""
    smooth = loss.grad(W) + 2.0 * penalty.l2_weight * W
    free = W != 0.0
    on_support = np.abs(smooth[free] + penalty.l1_weight * np.sign(W[free]))
    off_support = np.maximum(np.abs(smooth[~free]) - penalty.l1_weight, 0.0)
    return max(on_support.max(initial=0.0), off_support.max(initial=0.0))


def objective(loss: EllipticLoss, penalty: ElasticNet, W: np.ndarray) -> np.ndarray:
    return loss.value(W) + penalty.value(W)


@PROPERTY
@given(losses(), alpha)
def test_l1_optimum_satisfies_kkt(loss, strength):
    W = regularized_optimum(loss, L1(strength))
    assert kkt_violation(loss, L1(strength), W) <= tolerance(loss, W, strength)


@PROPERTY
@given(losses(), alpha)
def test_l2_optimum_is_the_closed_form(loss, strength):
    W = regularized_optimum(loss, L2(strength))
    H = loss.hessian
    expected = np.linalg.inv(H + 2.0 * strength * np.eye(2)) @ H @ loss.w_star
    assert np.allclose(W, expected, rtol=1e-9, atol=tolerance(loss, W, strength))
    assert kkt_violation(loss, L2(strength), W) <= tolerance(loss, W, strength)


@PROPERTY
@given(losses(), alpha, l1_ratio)
def test_elastic_net_optimum_satisfies_kkt(loss, strength, ratio):
    penalty = ElasticNet(strength, ratio)
    W = regularized_optimum(loss, penalty)
    assert kkt_violation(loss, penalty, W) <= tolerance(loss, W, strength)


@PROPERTY
@given(
    losses(),
    st.sampled_from(PATH_KINDS),
    alpha,
    l1_ratio,
    st.lists(st.tuples(st.floats(-1.0, 1.0), st.floats(-1.0, 1.0)), min_size=1, max_size=8),
    st.floats(-8.0, 0.0).map(lambda e: 10.0**e),
)
def test_no_nearby_point_does_better(loss, kind, strength, ratio, directions, radius):
    """The optimum's objective is not beaten by any point around it (convexity makes that global)."""
    penalty = make_penalty(kind, strength, ratio)
    W = regularized_optimum(loss, penalty)
    best = objective(loss, penalty, W)
    around = W + radius * np.asarray(directions)
    slack = 1e-12 * (abs(best) + loss.curvatures.max() * (np.abs(W).max() + 1.0) ** 2)
    assert np.all(objective(loss, penalty, around) >= best - slack)


@PROPERTY
@given(
    losses(), st.sampled_from(("l1", "l2", "elasticnet")), st.lists(alpha, min_size=1, max_size=6), l1_ratio
)
def test_the_path_is_the_optimum_at_each_alpha(loss, kind, alphas, ratio):
    path = regularization_path(loss, kind, np.array(alphas), l1_ratio=ratio)
    for strength, W in zip(alphas, path, strict=True):
        exact = regularized_optimum(loss, make_penalty(kind, strength, ratio))
        assert np.allclose(W, exact, rtol=1e-9, atol=tolerance(loss, exact, strength))


@PROPERTY
@given(
    losses(),
    st.sampled_from(PENALTIES),
    alpha,
    l1_ratio,
    st.sampled_from(OPTIMIZERS),
    st.floats(-4.0, 6.0).map(lambda e: 10.0**e),  # from tiny to far past any stability limit
    st.integers(1, 300),
    st.tuples(coordinate, coordinate),
)
def test_descend_is_finite_until_it_diverges(loss, kind, strength, ratio, optimizer, lr, steps, w0):
    traj = descend(loss, make_penalty(kind, strength, ratio), w0, optimizer, lr, steps)
    rows = steps + 1
    assert traj.weights.shape == (rows, 2)
    assert traj.data_loss.shape == traj.penalty_value.shape == traj.total.shape == (rows,)
    assert np.array_equal(traj.weights[0], w0)

    k = traj.finite_steps
    assert traj.diverged_at is None or 1 <= traj.diverged_at <= steps
    before = (traj.weights[:k], traj.data_loss[:k], traj.penalty_value[:k], traj.total[:k])
    assert all(np.all(np.isfinite(part)) for part in before)
    assert np.all(np.abs(traj.weights[:k]) <= DIVERGENCE_LIMIT)
    after = (traj.weights[k:], traj.data_loss[k:], traj.penalty_value[k:], traj.total[k:])
    assert all(np.all(np.isnan(part)) for part in after)
    assert np.array_equal(traj.total, traj.data_loss + traj.penalty_value, equal_nan=True)

"""The 2-D data loss of the landscape page: a quadratic bowl with elliptical contours."""

from __future__ import annotations

import numpy as np

WEIGHTS = ("w₁", "w₂")  # the two weights, as the pages write them


class EllipticLoss:
    """L(W) = ½ (W − W*)ᵀ H (W − W*), H = R diag(curvatures) Rᵀ with R a rotation by angle_deg.

    The curvatures are H's eigenvalues: how steeply the loss rises along each axis of the ellipse.
    """

    def __init__(
        self,
        w_star: tuple[float, float] = (2.0, 1.0),
        curvatures: tuple[float, float] = (1.0, 6.0),
        angle_deg: float = 0.0,
    ) -> None:
        self.w_star = np.asarray(w_star, dtype=float)
        self.curvatures = np.asarray(curvatures, dtype=float)
        if self.w_star.shape != (2,) or self.curvatures.shape != (2,):
            raise ValueError("w_star and curvatures must each have two entries")
        if not np.all(self.curvatures > 0):
            raise ValueError("curvatures must be positive")
        self.angle_deg = float(angle_deg)
        theta = np.deg2rad(self.angle_deg)
        self.rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
        self.hessian = self.rotation @ np.diag(self.curvatures) @ self.rotation.T

    def value(self, W: np.ndarray) -> np.ndarray:
        """Loss at W of shape (..., 2); returns shape (...)."""
        d = np.asarray(W, dtype=float) - self.w_star
        return 0.5 * np.einsum("...i,ij,...j->...", d, self.hessian, d)

    def grad(self, W: np.ndarray) -> np.ndarray:
        """Gradient H (W − W*), shape (..., 2)."""
        return (np.asarray(W, dtype=float) - self.w_star) @ self.hessian

    def level_curve(self, level: float, n_points: int = 181) -> np.ndarray:
        """Points (n_points, 2) of the ellipse {W : L(W) = level}, traced exactly."""
        phi = np.linspace(0.0, 2.0 * np.pi, n_points)
        circle = np.stack([np.cos(phi), np.sin(phi)], axis=-1)
        radii = np.sqrt(2.0 * max(level, 0.0) / self.curvatures)
        return self.w_star + (circle * radii) @ self.rotation.T


class ScaleInvariantLoss:
    """A loss that depends only on W's direction, as a weight vector's does when batch or layer
    normalization follows it: L(W) = −pull · angle(W − 0, measured from direction_deg).

    Its contours are rays from the origin, and L(cW) = L(W) for c > 0, so its gradient is
    orthogonal to W and falls as 1/‖W‖. Its pull never dies out (‖∇L‖·‖W‖ = pull everywhere),
    as in a network where every minibatch pulls the direction somewhat differently: the steady
    state of ‖W‖ under decay (van Laarhoven 2017) needs such a pull; a loss with a best direction
    would stop pulling once there.
    """

    def __init__(self, pull: float = 1.0, direction_deg: float = 0.0) -> None:
        if not (np.isfinite(pull) and pull > 0):
            raise ValueError("pull must be positive")
        self.pull = float(pull)
        self.direction_deg = float(direction_deg)

    def angle(self, W: np.ndarray) -> np.ndarray:
        """W's angle from direction_deg in (−π, π] (0 at W = 0)."""
        W = np.asarray(W, dtype=float)
        phi = np.arctan2(W[..., 1], W[..., 0]) - np.deg2rad(self.direction_deg)
        at_origin = np.all(W == 0.0, axis=-1)
        return np.where(at_origin, 0.0, np.angle(np.exp(1j * phi)))  # wrapped

    def value(self, W: np.ndarray) -> np.ndarray:
        """−pull · angle: lower the further W has turned counter-clockwise (cut at ±180°)."""
        return -self.pull * self.angle(W)

    def grad(self, W: np.ndarray) -> np.ndarray:
        """pull · (w₂, −w₁)/‖W‖²: orthogonal to W, 0 at W = 0."""
        W = np.asarray(W, dtype=float)
        squared = np.sum(W**2, axis=-1, keepdims=True)
        turned = np.stack([W[..., 1], -W[..., 0]], axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(squared > 0, self.pull * turned / np.where(squared > 0, squared, 1.0), 0.0)

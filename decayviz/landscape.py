"""The 2-D data loss of the landscape page: a quadratic bowl with elliptical contours."""

from __future__ import annotations

import numpy as np


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

"""The gradient on the contour map of (w₁ − 3)² + 4(w₂ − 1)²: the level curve through (5, 2), its
tangent, the gradient's right angle to it, and the slope ∇L · u in every unit direction u."""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathreel.numbers import decimal
from scenes import partial_derivatives_figures as pd

w1, w2 = pd.w1, pd.w2
t = sp.Symbol("t", real=True)

LEVEL = pd.LOSS_AT_POINT  # 8
#: The level curve L = 8 is the ellipse (w₁ − 3)²/8 + (w₂ − 1)²/2 = 1: half-widths √8 and √2.
SEMI_AXES = (
    sp.sqrt(LEVEL),
    sp.sqrt(LEVEL / pd.STRETCH),
)
#: Its closed form, parametrised: (3 + √8 cos t, 1 + √2 sin t); (5, 2) is at t = π/4.
ELLIPSE = (
    pd.MINIMUM[0] + SEMI_AXES[0] * sp.cos(t),
    pd.MINIMUM[1] + SEMI_AXES[1] * sp.sin(t),
)
POINT_T = sp.pi / 4
#: The tangent's direction there (the derivative in t), (−2, 1).
TANGENT = tuple(sp.simplify(sp.diff(c, t).subs(t, POINT_T)) for c in ELLIPSE)
DOT_WITH_TANGENT = sum(g * d for g, d in zip(pd.GRADIENT, TANGENT, strict=True))  # 0
TANGENT_PRODUCTS = tuple(g * d for g, d in zip(pd.GRADIENT, TANGENT, strict=True))  # −8, 8

#: Level curves drawn, the point's own among them.
LEVELS = (sp.Integer(2), sp.Integer(5), LEVEL)

GRADIENT_LENGTH = sp.sqrt(sum(g**2 for g in pd.GRADIENT))  # √80
#: The arrow is drawn at this fraction of the gradient's length: at full length (8.94, in loss
#: per unit weight, not a distance on the map) it would run far off the ellipse.
ARROW_SCALE = sp.Rational(1, 8)


def level_curve(level: sp.Expr, samples: int = 200) -> np.ndarray:
    """Points (w₁, w₂) of the level curve L = ``level`` from its closed form."""
    a, b = float(sp.sqrt(level)), float(sp.sqrt(level / pd.STRETCH))
    ts = np.linspace(0, 2 * np.pi, samples)
    return np.column_stack(
        [float(pd.MINIMUM[0]) + a * np.cos(ts), float(pd.MINIMUM[1]) + b * np.sin(ts)]
    )


def directional_slope(u: tuple[sp.Expr, sp.Expr]) -> sp.Expr:
    """∇L · u at (5, 2), for a unit vector u."""
    return sp.simplify(sum(g * c for g, c in zip(pd.GRADIENT, u, strict=True)))


def slope_at_angle(angle: float) -> float:
    """∇L · (cos θ, sin θ), for the arrow as it sweeps round."""
    g1, g2 = (float(g) for g in pd.GRADIENT)
    return g1 * np.cos(angle) + g2 * np.sin(angle)


ROOT2 = sp.sqrt(2)
DIRECTIONS = {
    "w1": (sp.Integer(1), sp.Integer(0)),
    "w2": (sp.Integer(0), sp.Integer(1)),
    "diagonal": (1 / ROOT2, 1 / ROOT2),
    "gradient": tuple(g / GRADIENT_LENGTH for g in pd.GRADIENT),
    "against": tuple(-g / GRADIENT_LENGTH for g in pd.GRADIENT),
    "level": tuple(d / sp.sqrt(sum(c**2 for c in TANGENT)) for d in TANGENT),
}
SLOPES = {name: directional_slope(u) for name, u in DIRECTIONS.items()}
ANGLES = {name: float(sp.atan2(u[1], u[0])) for name, u in DIRECTIONS.items()}

#: Every number the scene shows or says, as printed.
SHOWN = {
    "level": str(LEVEL),
    "a": decimal(SEMI_AXES[0], 2),
    "b": decimal(SEMI_AXES[1], 2),
    "a2": str(SEMI_AXES[0] ** 2),
    "b2": str(SEMI_AXES[1] ** 2),
    "min_w1": str(pd.MINIMUM[0]),
    "min_w2": str(pd.MINIMUM[1]),
    "p_w1": str(pd.POINT[0]),
    "p_w2": str(pd.POINT[1]),
    "g1": str(pd.GRADIENT[0]),
    "g2": str(pd.GRADIENT[1]),
    "t1": str(TANGENT[0]),
    "t2": str(TANGENT[1]),
    "t1_size": str(abs(TANGENT[0])),
    "p1": str(TANGENT_PRODUCTS[0]),
    "p1_size": str(abs(TANGENT_PRODUCTS[0])),
    "p2": str(TANGENT_PRODUCTS[1]),
    "dot": str(DOT_WITH_TANGENT),
    "length_sq": str(GRADIENT_LENGTH**2),
    "length": decimal(GRADIENT_LENGTH, 2),
    "scale": str(1 / ARROW_SCALE),
    "slope_w1": str(SLOPES["w1"]),
    "slope_w2": str(SLOPES["w2"]),
    "diag_num": str(SLOPES["diagonal"] * ROOT2),
    "diag": decimal(SLOPES["diagonal"], 2),
    "max": decimal(SLOPES["gradient"], 2),
    "min": decimal(SLOPES["against"], 2),
    "min_size": decimal(-SLOPES["against"], 2),
    "flat": str(SLOPES["level"]),
    "unit": "1",
}

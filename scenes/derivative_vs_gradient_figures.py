"""Every number the derivative-versus-gradient summary scene shows or says, computed with sympy."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal
from scenes import gradient_descent_figures as gd
from scenes.common.calculus import derivative, slope_at, x

# -- a derivative: one input, one number ------------------------------------------------------
ONE_VAR_EXPR = x**2
ONE_VAR_DERIVATIVE = derivative(ONE_VAR_EXPR)  # 2x
ONE_VAR_AT = sp.Integer(1)
ONE_VAR_SLOPE = slope_at(ONE_VAR_EXPR, ONE_VAR_AT)  # 2, a scalar

# -- a gradient: many inputs, one partial derivative each ---------------------------------------
w1, w2 = sp.symbols("w_1 w_2", real=True)
WEIGHTS = (w1, w2)
SURFACE = w1**2 + 3 * w2**2
PARTIALS = tuple(sp.diff(SURFACE, w) for w in WEIGHTS)  # (2 w1, 6 w2)
POINT = (sp.Integer(2), sp.Integer(1))
_AT_POINT = dict(zip(WEIGHTS, POINT, strict=True))
SURFACE_AT_POINT = SURFACE.subs(_AT_POINT)  # 7: the contour the point sits on
GRADIENT = tuple(p.subs(_AT_POINT) for p in PARTIALS)  # (4, 6)
DESCENT_DIRECTION = tuple(-g for g in GRADIENT)  # (-4, -6)
#: Where every partial derivative is zero: the bottom of the bowl, the centre of the ovals.
MINIMUM_POINT = tuple(sp.solve(PARTIALS, WEIGHTS, dict=True)[0][v] for v in WEIGHTS)  # (0, 0)
TOWARDS_MINIMUM = tuple(m - p for m, p in zip(MINIMUM_POINT, POINT, strict=True))  # (-2, -1)
#: Zero only if the steepest way down aimed straight at the minimum; it does not (-8).
AIM_CROSS = DESCENT_DIRECTION[0] * TOWARDS_MINIMUM[1] - DESCENT_DIRECTION[1] * TOWARDS_MINIMUM[0]

#: Gradient descent on the surface, with the chapter's learning rate: every step takes a fresh
#: gradient, so the path bends towards the minimum although its first step does not aim at it.
SURFACE_STEPS = 5


def surface_descent(steps: int = SURFACE_STEPS) -> list[tuple[sp.Expr, sp.Expr]]:
    """Points visited from POINT by w <- w - rate * grad f(w), exactly."""
    path = [POINT]
    for _ in range(steps):
        at = dict(zip(WEIGHTS, path[-1], strict=True))
        path.append(
            tuple(
                v - gd.LEARNING_RATE * p.subs(at) for v, p in zip(path[-1], PARTIALS, strict=True)
            )
        )
    return path


SURFACE_PATH = surface_descent()  # (2, 1), (8/5, 2/5), (32/25, 4/25), ...

#: Contour levels drawn on the map; the point's own level is among them. No oval is drawn inside
#: it, so the downhill arrow's tip and its label sit on open ground.
CONTOUR_LEVELS = (SURFACE_AT_POINT, sp.Integer(12))
#: The gradient's length in weight units is sqrt(52); it is drawn at this fraction so it fits.
ARROW_SCALE = sp.Rational(1, 4)


def contour_semi_axes(level: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """Where the contour SURFACE = level crosses each weight axis (the ellipse's semi-axes)."""
    a = max(sp.solve(sp.Eq(SURFACE.subs(w2, 0), level), w1))
    b = max(sp.solve(sp.Eq(SURFACE.subs(w1, 0), level), w2))
    return a, b


def gradient_tex() -> str:
    """The gradient vector at POINT as LaTeX, e.g. ``(4,\\ 6)``."""
    return tuple_tex(GRADIENT)


def point_tex() -> str:
    return tuple_tex(POINT)


def tuple_tex(values) -> str:
    """A vector of exact values as LaTeX, e.g. ``(-4,\\ -6)``."""
    return "(" + r",\ ".join(sp.latex(v) for v in values) + ")"


# -- takeaway 1: the tangent slides along x^2 -------------------------------------------------------
SLIDE_EXPR = ONE_VAR_EXPR
SLIDE_FROM = sp.Rational(-3, 2)
SLIDE_TO = sp.Rational(3, 2)
SLIDE_SLOPES = (slope_at(SLIDE_EXPR, SLIDE_FROM), slope_at(SLIDE_EXPR, SLIDE_TO))  # (-3, 3)

# -- takeaway 2: x^3 is flat at 0, yet still rising: neither a minimum nor a maximum ------------------------------
CUBIC = x**3
CUBIC_DERIVATIVE = derivative(CUBIC)  # 3x^2
CUBIC_AT = sp.Integer(0)
CUBIC_SLOPE = slope_at(CUBIC, CUBIC_AT)  # 0

# -- takeaway 3: gradient descent on the gradient-descent scene's loss, (w - 3)^2 -----------------
w = gd.w
LOSS = gd.LOSS
LOSS_DERIVATIVE = gd.LOSS_PRIME  # 2(w - 3)
LOSS_MINIMUM = gd.MINIMUM  # 3
LOSS_SLOPE_AT_MINIMUM = LOSS_DERIVATIVE.subs(w, LOSS_MINIMUM)  # 0
START_SLOPE = LOSS_DERIVATIVE.subs(w, gd.START)  # 4: positive, uphill to the right
#: Five steps: later ones bunch up near the minimum and their dots would overlap.
DESCENT_STEPS = 5
DESCENT = gd.descent(gd.START, DESCENT_STEPS)
DESCENT_PATH = [s.w for s in DESCENT]  # 5, 23/5, 107/25, ...
DESCENT_LOSSES = [s.loss for s in DESCENT]

#: Strings as they appear on screen and in the narration.
SHOWN = {
    "one_var_slope": decimal(ONE_VAR_SLOPE, 0),
    "gradient": tuple(decimal(g, 0) for g in GRADIENT),
    "point": tuple(decimal(p, 0) for p in POINT),
    "cubic_slope": decimal(CUBIC_SLOPE, 0),
    "loss_minimum": decimal(LOSS_MINIMUM, 0),
    "loss_slope_at_minimum": decimal(LOSS_SLOPE_AT_MINIMUM, 0),
    "start": decimal(gd.START, 0),
    "start_slope": decimal(START_SLOPE, 0),
}

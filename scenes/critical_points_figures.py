"""Exact figures for the critical-points scene: where f′ = 0, the zoom on x³, the second-derivative test."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from scenes.calculus import decimal, derivative, slope_at, value_at, x

#: The curve with one local maximum and one local minimum.
CUBIC = x**3 - 3 * x
#: The source's counterexample: f′(0) = 0, yet 0 is neither a minimum nor a maximum.
FLAT_CUBIC = x**3

#: Where the counterexample is inspected on either side of 0.
ZOOM_STEP = sp.Rational(1, 10)


@dataclass(frozen=True)
class CriticalPoint:
    """A root of f′ with its value and the verdict of the second-derivative test."""

    x: sp.Expr
    y: sp.Expr
    second: sp.Expr  # f″ at x
    kind: str  # "maximum", "minimum" or "inconclusive"


def second_derivative(expr: sp.Expr) -> sp.Expr:
    return derivative(derivative(expr))


def classify(second: sp.Expr) -> str:
    """The second-derivative test at a critical point, given f″ there."""
    second = sp.sympify(second)
    if second > 0:
        return "minimum"
    if second < 0:
        return "maximum"
    return "inconclusive"


def critical_points(expr: sp.Expr) -> tuple[CriticalPoint, ...]:
    """Real roots of f′, left to right, each classified by the second-derivative test."""
    roots = sorted(sp.solve(sp.Eq(derivative(expr), 0), x), key=float)
    f2 = second_derivative(expr)
    return tuple(
        CriticalPoint(r, value_at(expr, r), f2.subs(x, r), classify(f2.subs(x, r))) for r in roots
    )


def tex(value: sp.Expr) -> str:
    """LaTeX for a value or expression as set on screen (sympy's own typesetting)."""
    return sp.latex(value)


def caption(value: sp.Expr) -> str:
    """A value as the captions print it: integers plainly, with a typographic minus."""
    value = sp.sympify(value)
    text = str(value) if value.is_integer else decimal(value, 3)
    return text.replace("-", "−")


# -- the cubic x³ − 3x -----------------------------------------------------------------------
CUBIC_PRIME = derivative(CUBIC)  # 3x² − 3
CUBIC_SECOND = second_derivative(CUBIC)  # 6x
CUBIC_POINTS = critical_points(CUBIC)
CUBIC_MAX, CUBIC_MIN = CUBIC_POINTS  # x = −1 is the peak, x = 1 the valley

# -- the counterexample x³ -------------------------------------------------------------------
FLAT_PRIME = derivative(FLAT_CUBIC)  # 3x²
FLAT_SECOND = second_derivative(FLAT_CUBIC)  # 6x
FLAT_POINTS = critical_points(FLAT_CUBIC)
(FLAT_POINT,) = FLAT_POINTS  # x = 0, a double root of 3x²
FLAT_SLOPE_AT_0 = slope_at(FLAT_CUBIC, 0)
FLAT_LEFT = value_at(FLAT_CUBIC, -ZOOM_STEP)  # f(−0.1) = −0.001
FLAT_RIGHT = value_at(FLAT_CUBIC, ZOOM_STEP)  # f(0.1) = 0.001

#: Decimal strings as shown on screen and in the captions.
ZOOM_STEP_TEXT = decimal(ZOOM_STEP, 1)  # "0.1"
FLAT_LEFT_TEXT = decimal(FLAT_LEFT, 3)  # "-0.001"
FLAT_RIGHT_TEXT = decimal(FLAT_RIGHT, 3)  # "0.001"

#: Every number the scene shows or the narration says, as printed (ASCII minus).
SHOWN = {
    "cubic_coeff": str(-CUBIC.coeff(x, 1)),  # the 3 in x³ − 3x
    "prime_coeff": str(CUBIC_PRIME.coeff(x, 2)),  # the 3 in 3x² − 3
    "prime_const": str(-CUBIC_PRIME.coeff(x, 0)),  # the − 3 in 3x² − 3
    "max_at": str(CUBIC_MAX.x),
    "min_at": str(CUBIC_MIN.x),
    "second_coeff": str(CUBIC_SECOND.coeff(x, 1)),  # the 6 in 6x
    "max_second": str(CUBIC_MAX.second),
    "min_second": str(CUBIC_MIN.second),
    "flat_at": str(FLAT_POINT.x),
    "flat_slope": str(FLAT_SLOPE_AT_0),
    "flat_second": str(FLAT_POINT.second),
    "zoom_step": ZOOM_STEP_TEXT,
    "flat_left": FLAT_LEFT_TEXT,
    "flat_right": FLAT_RIGHT_TEXT,
}

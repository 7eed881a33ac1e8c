"""Exact figures for the critical-points scene: where f′ = 0, local versus global, x³ and x⁴, the second-derivative test."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from scenes.common.calculus import derivative, sign_word, value_at, x

#: The curve with one local maximum and one local minimum.
CUBIC = x**3 - 3 * x
#: The source's counterexample: f′(0) = 0, yet 0 is neither a minimum nor a maximum.
FLAT_CUBIC = x**3
#: f″(0) = 0 here too, yet 0 is a minimum: what "inconclusive" means.
QUARTIC = x**4

#: The stretch of x the cubic is drawn over (its top picture keeps |f| within 3.5).
CUBIC_DRAWN = (sp.Rational(-43, 20), sp.Rational(43, 20))
#: The stretch the sliding tangent traces f′ over, and where it stops to show the sign of f′.
TRACE_FROM = sp.Rational(-3, 2)
TRACE_TO = sp.Rational(3, 2)


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


def extremum(expr: sp.Expr, at: sp.Expr) -> str:
    """What a critical point really is, where the second-derivative test may not say.

    The first derivative of order n >= 2 that is not zero there decides (higher-order
    derivative test): an odd n means no extremum, an even n a minimum or maximum by its sign.
    """
    order, value = 2, derivative(derivative(expr)).subs(x, at)
    while value == 0:
        order += 1
        value = sp.diff(expr, x, order).subs(x, at)
    if order % 2:
        return "neither"
    return "minimum" if value > 0 else "maximum"


def is_global_minimum(expr: sp.Expr, at: sp.Expr) -> bool:
    """No real x gives a lower value than ``at`` does."""
    return sp.solveset(expr < value_at(expr, at), x, sp.S.Reals) == sp.S.EmptySet


def tex(value: sp.Expr) -> str:
    """LaTeX for a value or expression as set on screen (sympy's own typesetting)."""
    return sp.latex(value)


# -- the cubic x³ − 3x -----------------------------------------------------------------------
CUBIC_PRIME = derivative(CUBIC)  # 3x² − 3
CUBIC_SECOND = second_derivative(CUBIC)  # 6x
CUBIC_POINTS = critical_points(CUBIC)
CUBIC_MAX, CUBIC_MIN = CUBIC_POINTS  # x = −1 is the peak, x = 1 the valley

#: The sign of f′ left of, between and right of the critical points: "+", "−", "+".
PRIME_SIGNS = tuple(
    {"positive": "+", "negative": "-"}[sign_word(CUBIC_PRIME.subs(x, at))]
    for at in (TRACE_FROM, (CUBIC_MAX.x + CUBIC_MIN.x) / 2, TRACE_TO)
)

#: Local, not global: where the cubic climbs back to the peak's height (right of it) and sinks
#: back to the valley's (left of it). Beyond these, the drawn curve passes both.
PEAK_AGAIN = max(sp.solve(sp.Eq(CUBIC, CUBIC_MAX.y), x), key=float)  # x = 2
VALLEY_AGAIN = min(sp.solve(sp.Eq(CUBIC, CUBIC_MIN.y), x), key=float)  # x = −2

# -- the counterexample x³ -------------------------------------------------------------------
FLAT_PRIME = derivative(FLAT_CUBIC)  # 3x²
(FLAT_POINT,) = critical_points(FLAT_CUBIC)  # x = 0, a double root of 3x²: touches, never crosses
FLAT_SLOPE = FLAT_PRIME.subs(x, FLAT_POINT.x)  # f′(0) = 0
FLAT_VERDICT = extremum(FLAT_CUBIC, FLAT_POINT.x)  # "neither"

# -- x⁴: the same f″(0) = 0, yet a minimum ---------------------------------------------------
QUARTIC_SECOND = second_derivative(QUARTIC)  # 12x²
(QUARTIC_POINT,) = critical_points(QUARTIC)
QUARTIC_VERDICT = extremum(QUARTIC, QUARTIC_POINT.x)  # "minimum"
QUARTIC_IS_GLOBAL = is_global_minimum(QUARTIC, QUARTIC_POINT.x)

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
    "flat_slope": str(FLAT_SLOPE),
    "flat_second": str(FLAT_POINT.second),
    "quartic_power": str(sp.degree(QUARTIC, x)),
    "quartic_second": str(QUARTIC_POINT.second),
}

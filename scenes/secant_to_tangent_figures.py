"""Exact figures for the secant-to-tangent scene: secant slopes of y = x² through (1, 1), the algebra
that makes each one 2 + h, and the limit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp

from mathreel.numbers import decimal, exact_decimal
from scenes.common.calculus import slope_at, value_at, x

#: The function the scene draws.
F = x**2
#: Where we want the slope.
X0 = sp.Integer(1)
#: The source's second points, in the order the secant rotates through them.
SECOND_POINTS = (
    sp.Integer(2),
    sp.Rational(3, 2),
    sp.Rational(11, 10),
    sp.Rational(101, 100),
    sp.Rational(1001, 1000),
)
#: Decimals shown for every secant slope (as in the source's table).
SLOPE_PLACES = 3

h = sp.Symbol("h", real=True)

# The plot's window and size on screen (manim units), shared with the scene so the pixel claim
# in the narration is checked against the picture actually drawn.
X_RANGE = (0.0, 2.2)
Y_RANGE = (0.0, 4.5)
X_LENGTH = 4.6
Y_LENGTH = 6.2
FRAME_WIDTH = 14.222222222222221  # manim's default frame width for 16:9
#: Pixels across a 4K frame, the finest quality the pipeline renders: a gap below one of these
#: pixels is below a pixel at every quality.
FINEST_PIXEL_WIDTH = 3840

#: The gap h the general-case picture starts from (wide enough to label rise and run).
GENERAL_GAP = sp.Rational(4, 5)


def secant_slope(x2: sp.Expr, x0: sp.Expr = X0, expr: sp.Expr = F) -> sp.Expr:
    """Exact slope of the secant through (x0, f(x0)) and (x2, f(x2))."""
    return sp.nsimplify((expr.subs(x, x2) - expr.subs(x, x0)) / (x2 - x0))


@dataclass(frozen=True)
class SecantRow:
    """One row of the table: the second point and the slope of the secant through it and (1, 1)."""

    x2: sp.Rational
    y2: sp.Rational
    slope: sp.Rational

    @property
    def x2_text(self) -> str:
        return exact_decimal(self.x2)

    @property
    def y2_text(self) -> str:
        return exact_decimal(self.y2)

    @property
    def slope_text(self) -> str:
        """The slope as the table shows it: three decimals."""
        return decimal(self.slope, SLOPE_PLACES)

    @property
    def slope_spoken(self) -> str:
        """The slope as the narration says it: exact, no trailing zeros."""
        return exact_decimal(self.slope)

    @property
    def gap(self) -> sp.Rational:
        """h, the gap from the studied point to this row's second point."""
        return self.x2 - X0

    @property
    def gap_text(self) -> str:
        return exact_decimal(self.gap)

    @property
    def rise(self) -> sp.Rational:
        """f(x2) − f(1): how far the secant climbs over the gap."""
        return self.y2 - value_at(F, X0)

    @property
    def quotient_tex(self) -> str:
        """The source's arithmetic as a LaTeX fraction, e.g. ``\\frac{4 - 1}{2 - 1}``."""
        y0, x0 = exact_decimal(value_at(F, X0)), exact_decimal(X0)
        return f"\\frac{{{self.y2_text} - {y0}}}{{{self.x2_text} - {x0}}}"


def secant_rows() -> list[SecantRow]:
    return [SecantRow(x2, value_at(F, x2), secant_slope(x2)) for x2 in SECOND_POINTS]


#: A second point left of 1 (h < 0), so the slopes are seen closing in from both sides.
LEFT_POINT = sp.Rational(9, 10)


def left_row() -> SecantRow:
    """The table's last row: the secant through (1, 1) and a point left of it."""
    return SecantRow(LEFT_POINT, value_at(F, LEFT_POINT), secant_slope(LEFT_POINT))


def difference_quotient(expr: sp.Expr = F) -> sp.Expr:
    """(f(x + h) − f(x)) / h for ``expr``, a function of x and h."""
    return (expr.subs(x, x + h) - expr) / h


def derivative_by_limit(at: sp.Expr = X0, expr: sp.Expr = F) -> sp.Expr:
    """The limit of the difference quotient as h → 0, at x = ``at``."""
    return sp.limit(difference_quotient(expr).subs(x, at), h, 0)


#: The slope the secants approach: the derivative of x² at x = 1, by the limit definition.
LIMIT = derivative_by_limit()
#: The same value from differentiation rules (a cross-check, not a second source).
TANGENT_SLOPE = slope_at(F, X0)


def unicode_math(expr: sp.Expr) -> str:
    """``expr`` as a caption writes it, terms in ascending order: (1 + h)², 2h + h², 2 + h."""
    text = sp.sstr(expr, order="rev-lex")
    for plain, shown in (("**2", "²"), ("*", ""), (" - ", " − ")):
        text = text.replace(plain, shown)
    return text


@dataclass(frozen=True)
class QuotientAlgebra:
    """The secant slope at x = 1 for a gap h, simplified step by step: ((1 + h)² − 1)/h = (2h + h²)/h = 2 + h."""

    #: f(1 + h), the second point's height, unexpanded: (1 + h)².
    second_height: sp.Expr
    #: f(1), the studied point's height.
    first_height: sp.Expr
    #: The rise with the square multiplied out: 2h + h².
    expanded_rise: sp.Expr
    #: The quotient with h cancelled: 2 + h.
    simplified: sp.Expr

    @property
    def constant(self) -> sp.Expr:
        """The part of the slope that stays as h shrinks: the derivative."""
        return self.simplified.subs(h, 0)

    @property
    def remainder(self) -> sp.Expr:
        """The part that shrinks with h (for x², h itself)."""
        return sp.expand(self.simplified - self.constant)

    def rise_tex(self) -> str:
        second = sp.latex(self.second_height, order="rev-lex")
        return f"{second} - {sp.latex(self.first_height)}"

    def tex_steps(self) -> tuple[str, str, str, str]:
        """The equation under the table in LaTeX: the quotient, its expanded form, then the
        simplest form split into the constant and the part that shrinks with h."""
        expanded = sp.latex(self.expanded_rise, order="rev-lex")
        return (
            rf"\frac{{{self.rise_tex()}}}{{h}}",
            rf"\frac{{{expanded}}}{{h}}",
            sp.latex(self.constant),
            sp.latex(self.remainder),
        )

    def captions(self) -> tuple[str, str]:
        """The quotient and its simplest form as the narration captions them: ((1 + h)² − 1)/h, 2 + h."""
        second = unicode_math(self.second_height)
        first = unicode_math(self.first_height)
        return f"({second} − {first})/h", unicode_math(self.simplified)


def quotient_algebra(at: sp.Expr = X0, expr: sp.Expr = F) -> QuotientAlgebra:
    """The difference quotient of ``expr`` at x = ``at``, from the rise to its simplest form."""
    second = expr.subs(x, at + h)
    first = expr.subs(x, at)
    return QuotientAlgebra(
        second_height=second,
        first_height=first,
        expanded_rise=sp.expand(second - first),
        simplified=sp.cancel((second - first) / h),
    )


ALGEBRA = quotient_algebra()
#: The second point, a gap h beyond x = 1.
SECOND_POINT = X0 + h
SECOND_POINT_TEX = sp.latex(SECOND_POINT, order="rev-lex")


def plus_gap_parts(row: SecantRow) -> tuple[str, str]:
    """A row's slope as the algebra writes it, the constant and the gap: ("2", "0.5") for 2 + 0.5."""
    remainder = ALGEBRA.remainder.subs(h, row.gap)
    return str(ALGEBRA.constant), exact_decimal(remainder)


def quotient_at_zero(at: sp.Expr = X0, expr: sp.Expr = F) -> tuple[sp.Expr, sp.Expr]:
    """Rise and run of the difference quotient with h = 0 substituted (both 0: the quotient is 0/0)."""
    rise = expr.subs(x, at + h) - expr.subs(x, at)
    run = h
    return sp.simplify(rise.subs(h, 0)), run.subs(h, 0)


def secant_slope_readout(at: sp.Expr = X0, expr: sp.Expr = F) -> Callable[[float], float]:
    """The live slope readout as a float function of h: the lambdified difference quotient at x = ``at``."""
    quotient = sp.lambdify(h, sp.cancel(difference_quotient(expr).subs(x, at)), "numpy")
    return lambda gap: float(quotient(gap))


def screen_units_per_step() -> tuple[float, float]:
    """Manim units on screen per unit of x, and per unit of y, in the scene's plot."""
    return X_LENGTH / (X_RANGE[1] - X_RANGE[0]), Y_LENGTH / (Y_RANGE[1] - Y_RANGE[0])


def gap_in_pixels(
    x2: sp.Expr,
    pixel_width: int,
    x0: sp.Expr = X0,
    expr: sp.Expr = F,
) -> float:
    """On-screen distance between (x0, f(x0)) and (x2, f(x2)) in pixels of a render ``pixel_width`` wide."""
    units_per_x, units_per_y = screen_units_per_step()
    dx = float(x2 - x0) * units_per_x
    dy = float(expr.subs(x, x2) - expr.subs(x, x0)) * units_per_y
    return float(np.hypot(dx, dy)) * pixel_width / FRAME_WIDTH


def clipped_line(
    point: tuple[float, float],
    slope: float,
    x_range: tuple[float, float] = X_RANGE,
    y_range: tuple[float, float] = Y_RANGE,
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The part of the line through ``point`` with ``slope`` inside the plot window, as two (x, y) ends."""
    px, py = point
    (x_lo, x_hi), (y_lo, y_hi) = x_range, y_range
    if slope == 0:
        lo, hi = x_lo, x_hi
    else:
        # the x interval where the line's y stays inside the window
        a, b = px + (y_lo - py) / slope, px + (y_hi - py) / slope
        lo, hi = max(x_lo, min(a, b)), min(x_hi, max(a, b))
    return (lo, py + slope * (lo - px)), (hi, py + slope * (hi - px))

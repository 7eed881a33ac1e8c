"""Exact figures for "The Slope at a Point": tangents to y = x², the explorer stops, and x³ at 0."""

from __future__ import annotations

import sympy as sp

from scenes.calculus import decimal, derivative, sign_word, slope_at, tangent_line, value_at, x

#: The parabola the scene draws, and its derivative.
PARABOLA: sp.Expr = x**2
PARABOLA_SLOPE: sp.Expr = derivative(PARABOLA)
#: Where the source draws tangents to the parabola.
TANGENT_POINTS: tuple[int, ...] = (0, 1, 3)
TANGENT_SLOPES: dict[int, sp.Expr] = {a: slope_at(PARABOLA, a) for a in TANGENT_POINTS}
TANGENT_LINES: dict[int, sp.Expr] = {a: tangent_line(PARABOLA, a) for a in TANGENT_POINTS}
#: The tangent at x = 1, drawn long to stand for "a straight line".
LINE_POINT = 1
STRAIGHT_LINE: sp.Expr = TANGENT_LINES[LINE_POINT]
STRAIGHT_LINE_SLOPE: sp.Expr = derivative(STRAIGHT_LINE)
#: Where slope triangles (run 1) sit on the straight line: its rise is the same at each.
TRIANGLE_STARTS: tuple[int, ...] = (1, 2)
TRIANGLE_RISES: dict[int, sp.Expr] = {
    a: value_at(STRAIGHT_LINE, a + 1) - value_at(STRAIGHT_LINE, a) for a in TRIANGLE_STARTS
}

#: The explorer's stops on the parabola: a point right of the vertex, one left, then the vertex.
VERTEX = 0
RIGHT_STOP = sp.Rational(3, 2)
LEFT_STOP = -sp.Rational(3, 2)
EXPLORER_STOPS: tuple[sp.Expr, ...] = (RIGHT_STOP, LEFT_STOP, sp.Integer(VERTEX))
EXPLORER_SLOPES: dict[sp.Expr, sp.Expr] = {s: slope_at(PARABOLA, s) for s in EXPLORER_STOPS}
#: Places shown by the live readout (its DecimalNumber), matching what it displays at each stop.
READOUT_PLACES = 2

#: The cubic, its derivative, and the point where its slope is zero.
CUBIC: sp.Expr = x**3
CUBIC_SLOPE: sp.Expr = derivative(CUBIC)
CUBIC_POINT = 0
CUBIC_START = 1
CUBIC_SLOPE_AT_POINT: sp.Expr = slope_at(CUBIC, CUBIC_POINT)
#: Points either side of 0 on x³: the left one is lower than f(0), so 0 is not a minimum.
CUBIC_SIDES: tuple[int, ...] = (-1, 1)
CUBIC_SIDE_VALUES: dict[int, sp.Expr] = {a: value_at(CUBIC, a) for a in CUBIC_SIDES}
CUBIC_VALUE_AT_POINT: sp.Expr = value_at(CUBIC, CUBIC_POINT)


def is_minimum_by_neighbours(expr: sp.Expr, at: int, neighbours: tuple[int, ...]) -> bool:
    """Whether f(at) is below f at each neighbour: the "look at both sides" check."""
    here = value_at(expr, at)
    return all(value_at(expr, n) > here for n in neighbours)


CUBIC_ZERO_IS_MINIMUM: bool = is_minimum_by_neighbours(CUBIC, CUBIC_POINT, CUBIC_SIDES)


# What the screen shows and the voice says.
def integer_text(value: sp.Expr) -> str:
    """An exact integer as shown and said (the tangent slopes here are whole numbers)."""
    v = sp.nsimplify(value)
    if not v.is_integer:
        raise ValueError(f"{value} is not a whole number")
    return str(int(v))


TANGENT_SLOPE_TEXT: dict[int, str] = {a: integer_text(s) for a, s in TANGENT_SLOPES.items()}
STRAIGHT_LINE_SLOPE_TEXT: str = integer_text(STRAIGHT_LINE_SLOPE)
TRIANGLE_RISE_TEXT: dict[int, str] = {a: integer_text(r) for a, r in TRIANGLE_RISES.items()}
EXPLORER_SLOPE_TEXT: dict[sp.Expr, str] = {
    s: decimal(v, READOUT_PLACES) for s, v in EXPLORER_SLOPES.items()
}
EXPLORER_SIGN: dict[sp.Expr, str] = {s: sign_word(v) for s, v in EXPLORER_SLOPES.items()}
CUBIC_SLOPE_TEXT: str = integer_text(CUBIC_SLOPE_AT_POINT)
CUBIC_SIDE_TEXT: dict[int, str] = {a: integer_text(v) for a, v in CUBIC_SIDE_VALUES.items()}

"""Exact figures for "The Slope at a Point": tangents to y = x², the explorer stops, and x³ at 0."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal, exact_decimal, signed, whole
from scenes.common.calculus import derivative, sign_word, slope_at, tangent_line, value_at, x

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

#: Zoom until straight: windows around x = 1 on the parabola, each a zoom factor narrower than the
#: first (half-width 1). At the window's edge the curve sits h² above its tangent, so the gap
#: shrinks a hundredfold for each tenfold zoom, far faster than the window itself.
ZOOM_POINT = LINE_POINT
ZOOM_TANGENT: sp.Expr = TANGENT_LINES[ZOOM_POINT]
FIRST_HALF_WIDTH = sp.Integer(1)
ZOOM_FACTORS: tuple[int, ...] = (1, 10, 100)
HALF_WIDTHS: dict[int, sp.Expr] = {z: FIRST_HALF_WIDTH / z for z in ZOOM_FACTORS}
EDGE_GAPS: dict[int, sp.Expr] = {
    z: value_at(PARABOLA - ZOOM_TANGENT, ZOOM_POINT + h) for z, h in HALF_WIDTHS.items()
}

#: A small step, the source's example: with f′(2) = 3 or −3, x + 0.01 changes y by about ±0.03.
STEP_AT = 2
STEP = sp.Rational(1, 100)
STEP_SLOPES: tuple[int, ...] = (3, -3)
STEP_CHANGES: dict[int, sp.Expr] = {s: s * STEP for s in STEP_SLOPES}

#: Seconds of silence after each prediction prompt, counted down on screen.
PREDICTION_PAUSE = 4

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
#: A point just left of 0 (the source's check): still below f(0), as is every x < 0, however close.
CUBIC_NEAR: sp.Expr = -sp.Rational(1, 10)
CUBIC_NEAR_VALUE: sp.Expr = value_at(CUBIC, CUBIC_NEAR)


#: Where x³ is below its value at 0: every x < 0, however close, so 0 is not even a local minimum.
CUBIC_BELOW_ZERO_POINT: sp.Set = sp.solve_univariate_inequality(
    CUBIC < CUBIC_VALUE_AT_POINT, x, relational=False
)


def is_minimum_by_neighbours(expr: sp.Expr, at: int, neighbours: tuple[int, ...]) -> bool:
    """Whether f(at) is below f at each neighbour: the "look at both sides" check."""
    here = value_at(expr, at)
    return all(value_at(expr, n) > here for n in neighbours)


CUBIC_ZERO_IS_MINIMUM: bool = is_minimum_by_neighbours(CUBIC, CUBIC_POINT, CUBIC_SIDES)


# What the screen shows and the voice says.


TANGENT_SLOPE_TEXT: dict[int, str] = {a: whole(s) for a, s in TANGENT_SLOPES.items()}
STRAIGHT_LINE_SLOPE_TEXT: str = whole(STRAIGHT_LINE_SLOPE)
TRIANGLE_RISE_TEXT: dict[int, str] = {a: whole(r) for a, r in TRIANGLE_RISES.items()}
EXPLORER_SLOPE_TEXT: dict[sp.Expr, str] = {
    s: decimal(v, READOUT_PLACES) for s, v in EXPLORER_SLOPES.items()
}
#: The slope where the slide toward the vertex starts and ends: it rises from -3 to 0.
SLIDE_SLOPE_TEXT: tuple[str, str] = (
    whole(EXPLORER_SLOPES[LEFT_STOP]),
    whole(EXPLORER_SLOPES[sp.Integer(VERTEX)]),
)
EXPLORER_SIGN: dict[sp.Expr, str] = {s: sign_word(v) for s, v in EXPLORER_SLOPES.items()}
CUBIC_SLOPE_TEXT: str = whole(CUBIC_SLOPE_AT_POINT)
CUBIC_SIDE_TEXT: dict[int, str] = {a: whole(v) for a, v in CUBIC_SIDE_VALUES.items()}
CUBIC_NEAR_TEXT: str = exact_decimal(CUBIC_NEAR)
CUBIC_NEAR_VALUE_TEXT: str = exact_decimal(CUBIC_NEAR_VALUE)
ZOOM_TEXT: dict[int, str] = {z: str(z) for z in ZOOM_FACTORS}
EDGE_GAP_TEXT: dict[int, str] = {z: exact_decimal(g) for z, g in EDGE_GAPS.items()}
STEP_TEXT: str = exact_decimal(STEP)
STEP_SLOPE_TEXT: dict[int, str] = {s: whole(s) for s in STEP_SLOPES}
STEP_CHANGE_TEXT: dict[int, str] = {s: signed(exact_decimal(c)) for s, c in STEP_CHANGES.items()}
#: The change's size, as said ("raises y by about 0.03").
STEP_CHANGE_SIZE_TEXT: dict[int, str] = {s: exact_decimal(abs(c)) for s, c in STEP_CHANGES.items()}

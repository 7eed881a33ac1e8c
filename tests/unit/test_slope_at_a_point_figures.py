"""The slope-at-a-point scene's figures: tangents to x², the explorer's signs, and x³ at 0."""

from __future__ import annotations

import re

import pytest
import sympy as sp

from mathreel.narration import parse_narration
from mathreel.paths import NARRATION_DIR
from scenes import slope_at_a_point_figures as fig
from scenes.calculus import x

NARRATION = parse_narration(NARRATION_DIR / "slope_at_a_point.md")
BEATS = {b.id: b for b in NARRATION.beats}
SPOKEN = " ".join(b.spoken_text for b in NARRATION.beats)


def test_functions_drawn() -> None:
    assert fig.PARABOLA == x**2
    assert fig.PARABOLA_SLOPE == 2 * x
    assert fig.CUBIC == x**3
    assert fig.CUBIC_SLOPE == 3 * x**2


@pytest.mark.parametrize(("at", "slope"), [(0, 0), (1, 2), (3, 6)])
def test_parabola_slopes_are_the_sources(at: int, slope: int) -> None:
    assert fig.TANGENT_SLOPES[at] == slope
    assert fig.TANGENT_SLOPE_TEXT[at] == str(slope)


def test_tangent_lines_touch_the_parabola() -> None:
    for at, line in fig.TANGENT_LINES.items():
        assert line.subs(x, at) == fig.PARABOLA.subs(x, at)
        assert sp.diff(line, x) == fig.TANGENT_SLOPES[at]
        # A tangent to an upward parabola stays on or below it: touching, not crossing.
        assert sp.expand(fig.PARABOLA - line - (x - at) ** 2) == 0


def test_straight_line_has_one_slope_everywhere() -> None:
    assert fig.STRAIGHT_LINE == 2 * x - 1
    assert fig.STRAIGHT_LINE_SLOPE == 2
    assert fig.STRAIGHT_LINE_SLOPE_TEXT == "2"
    assert set(fig.TRIANGLE_RISES.values()) == {2}
    assert set(fig.TRIANGLE_RISE_TEXT.values()) == {"2"}


def test_explorer_signs_either_side_of_the_vertex() -> None:
    assert fig.RIGHT_STOP > fig.VERTEX > fig.LEFT_STOP
    assert fig.EXPLORER_SLOPES[fig.RIGHT_STOP] == 3
    assert fig.EXPLORER_SLOPES[fig.LEFT_STOP] == -3
    assert fig.EXPLORER_SIGN[fig.RIGHT_STOP] == "positive"
    assert fig.EXPLORER_SIGN[fig.LEFT_STOP] == "negative"
    assert fig.EXPLORER_SIGN[sp.Integer(fig.VERTEX)] == "zero"
    assert fig.EXPLORER_SLOPE_TEXT == {
        fig.RIGHT_STOP: "3.00",
        fig.LEFT_STOP: "-3.00",
        sp.Integer(0): "0.00",
    }


@pytest.mark.parametrize("at", [sp.Rational(k, 10) for k in range(1, 33)])
def test_every_point_right_of_vertex_rises_and_left_falls(at: sp.Rational) -> None:
    assert fig.PARABOLA_SLOPE.subs(x, at) > 0
    assert fig.PARABOLA_SLOPE.subs(x, -at) < 0


def test_slope_shrinks_toward_the_vertex() -> None:
    path = [fig.LEFT_STOP + sp.Rational(k, 10) * (0 - fig.LEFT_STOP) for k in range(11)]
    sizes = [abs(fig.PARABOLA_SLOPE.subs(x, p)) for p in path]
    assert all(a > b for a, b in zip(sizes, sizes[1:], strict=False))
    assert sizes[-1] == 0


def test_cubic_flat_at_zero_but_not_a_minimum() -> None:
    assert fig.CUBIC_SLOPE_AT_POINT == 0
    assert fig.CUBIC_SLOPE_TEXT == "0"
    assert fig.CUBIC_SIDE_VALUES == {-1: -1, 1: 1}
    assert fig.CUBIC_SIDE_TEXT == {-1: "-1", 1: "1"}
    assert fig.CUBIC_VALUE_AT_POINT == 0
    assert fig.CUBIC_SIDE_VALUES[-1] < fig.CUBIC_VALUE_AT_POINT < fig.CUBIC_SIDE_VALUES[1]
    assert fig.CUBIC_ZERO_IS_MINIMUM is False
    # Increasing on both sides, the source's check: f(−0.1) = −0.001 < 0 < f(0.1) = 0.001.
    assert fig.CUBIC.subs(x, sp.Rational(-1, 10)) == sp.Rational(-1, 1000)
    assert fig.CUBIC.subs(x, sp.Rational(1, 10)) == sp.Rational(1, 1000)


def test_parabola_vertex_is_a_minimum_by_the_same_check() -> None:
    assert fig.is_minimum_by_neighbours(fig.PARABOLA, 0, (-1, 1)) is True


def test_narration_says_the_computed_numbers() -> None:
    tangents = BEATS["parabola_tangents"].spoken_text
    for at in fig.TANGENT_POINTS:
        slope = fig.TANGENT_SLOPE_TEXT[at]
        assert re.search(rf"\bslope (is exactly )?{slope}\b", tangents), (at, slope)
    assert f"rises by {fig.STRAIGHT_LINE_SLOPE_TEXT}" in BEATS["line_vs_curve"].spoken_text
    right = BEATS["predict_right"].spoken_text
    assert fig.EXPLORER_SIGN[fig.RIGHT_STOP].capitalize() in right
    assert f"slope is {int(fig.EXPLORER_SLOPES[fig.RIGHT_STOP])}" in right
    assert f"at {float(fig.RIGHT_STOP):g}" in right
    left = BEATS["predict_left"].spoken_text
    assert fig.EXPLORER_SIGN[fig.LEFT_STOP].capitalize() in left
    assert f"slope is minus {abs(int(fig.EXPLORER_SLOPES[fig.LEFT_STOP]))}" in left
    assert f"minus {abs(float(fig.LEFT_STOP)):g}" in left
    assert "exactly 0" in BEATS["slide_to_vertex"].spoken_text
    cubic = BEATS["cubic_at_zero"].spoken_text
    assert "Zero." in cubic and "3 x squared" in cubic
    verdict = BEATS["zero_not_minimum"].spoken_text
    assert "f of minus 1 is minus 1" in verdict and fig.CUBIC_SIDE_TEXT[-1] == "-1"
    assert "f of 0, which is 0" in verdict


def test_narration_has_no_number_the_figures_do_not_give() -> None:
    allowed = (
        set(fig.TANGENT_SLOPE_TEXT.values())
        | {str(a) for a in fig.TANGENT_POINTS}
        | {f"{abs(float(s)):g}" for s in fig.EXPLORER_STOPS}
        | {str(abs(int(v))) for v in fig.EXPLORER_SLOPES.values()}
        | {"1"}  # the run of the slope triangles
        | {fig.CUBIC_SLOPE_TEXT, "3"}  # f′(x) = 3x², f′(0) = 0
        | {str(abs(a)) for a in fig.CUBIC_SIDES}
    )
    said = set(re.findall(r"\d+(?:\.\d+)?", SPOKEN))
    assert said <= allowed, said - allowed

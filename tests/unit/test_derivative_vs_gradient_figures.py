"""The derivative-versus-gradient scene's numbers: exact values, shown strings, and the narration."""

from __future__ import annotations

import re

import sympy as sp

from mathreel.narration.script import parse_narration
from mathreel.numbers import decimal
from scenes import derivative_vs_gradient_figures as fig
from scenes import gradient_descent_figures as gd
from scenes.common.calculus import tangent_line, value_at, x
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "derivative_vs_gradient.md")


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def caption(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).caption_text


def test_one_variable_derivative_is_a_single_number() -> None:
    assert fig.ONE_VAR_DERIVATIVE == 2 * x
    assert fig.ONE_VAR_SLOPE == sp.Integer(2)
    assert fig.SHOWN["one_var_slope"] == "2"


def test_partial_derivatives_of_the_surface() -> None:
    w1, w2 = fig.WEIGHTS
    assert fig.SURFACE == w1**2 + 3 * w2**2
    assert fig.PARTIALS == (2 * w1, 6 * w2)


def test_gradient_at_the_point() -> None:
    assert fig.POINT == (2, 1)
    assert fig.GRADIENT == (sp.Integer(4), sp.Integer(6))
    assert fig.DESCENT_DIRECTION == (sp.Integer(-4), sp.Integer(-6))
    assert fig.SHOWN["gradient"] == ("4", "6")
    assert fig.gradient_tex() == r"(4,\ 6)"
    assert fig.tuple_tex(fig.DESCENT_DIRECTION) == r"(-4,\ -6)"


def test_point_lies_on_a_drawn_contour_and_the_gradient_is_normal_to_it() -> None:
    w1, w2 = fig.WEIGHTS
    assert fig.SURFACE_AT_POINT == 7
    assert fig.SURFACE_AT_POINT in fig.CONTOUR_LEVELS
    # The contour's tangent direction at the point is (-df/dw2, df/dw1): perpendicular to the gradient.
    gx, gy = fig.GRADIENT
    assert sp.Matrix([gx, gy]).dot(sp.Matrix([-gy, gx])) == 0


def test_contour_semi_axes_lie_on_their_level() -> None:
    w1, w2 = fig.WEIGHTS
    for level in fig.CONTOUR_LEVELS:
        a, b = fig.contour_semi_axes(level)
        assert sp.simplify(fig.SURFACE.subs({w1: a, w2: 0}) - level) == 0
        assert sp.simplify(fig.SURFACE.subs({w1: 0, w2: b}) - level) == 0
    assert fig.contour_semi_axes(sp.Integer(12)) == (2 * sp.sqrt(3), 2)


def test_the_steepest_way_down_is_not_aimed_at_the_minimum() -> None:
    assert fig.MINIMUM_POINT == (0, 0)
    assert all(
        p.subs(dict(zip(fig.WEIGHTS, fig.MINIMUM_POINT, strict=True))) == 0 for p in fig.PARTIALS
    )
    assert fig.TOWARDS_MINIMUM == (-2, -1)
    # Parallel vectors have a zero cross product; -(4, 6) and (-2, -1) do not.
    assert fig.AIM_CROSS == -8


def test_descent_on_the_surface_bends_towards_the_minimum() -> None:
    path = fig.SURFACE_PATH
    assert path[0] == fig.POINT and len(path) == fig.SURFACE_STEPS + 1
    # The first step runs along the steepest way down: eta times (-4, -6).
    assert path[1] == (sp.Rational(8, 5), sp.Rational(2, 5))
    assert tuple(b - a for a, b in zip(path[0], path[1], strict=True)) == tuple(
        gd.LEARNING_RATE * d for d in fig.DESCENT_DIRECTION
    )
    w1, w2 = fig.WEIGHTS
    heights = [fig.SURFACE.subs({w1: a, w2: b}) for a, b in path]
    assert all(h1 > h2 for h1, h2 in zip(heights, heights[1:], strict=False))
    # It bends: later steps head more nearly at the minimum than the first (w2 dies out faster).
    ratios = [b / a for a, b in path]
    assert all(r1 > r2 for r1, r2 in zip(ratios, ratios[1:], strict=False))


def test_slide_endpoints_and_cubic() -> None:
    assert fig.SLIDE_SLOPES == (-3, 3)
    assert fig.CUBIC_DERIVATIVE == 3 * x**2
    assert fig.CUBIC_SLOPE == 0
    assert tangent_line(fig.CUBIC, fig.CUBIC_AT) == 0
    # Flat, yet still rising: lower on the left, higher on the right.
    assert value_at(fig.CUBIC, sp.Rational(-1, 10)) < 0 < value_at(fig.CUBIC, sp.Rational(1, 10))


def test_descent_uses_the_gradient_descent_scene_loss() -> None:
    assert fig.LOSS is gd.LOSS and fig.w is gd.w
    assert fig.LOSS_DERIVATIVE.equals(2 * (fig.w - 3))
    assert fig.LOSS_MINIMUM == 3
    assert fig.LOSS_SLOPE_AT_MINIMUM == 0
    assert fig.START_SLOPE == 4 and fig.START_SLOPE > 0  # uphill to the right: descent goes left
    assert (fig.SHOWN["start"], fig.SHOWN["start_slope"]) == ("5", "4")
    assert (fig.SHOWN["loss_minimum"], fig.SHOWN["loss_slope_at_minimum"]) == ("3", "0")
    assert fig.DESCENT_PATH[:2] == [5, sp.Rational(23, 5)]
    assert decimal(fig.DESCENT_PATH[1], 1) == "4.6"
    # Every step lowers the loss and moves towards the minimum.
    assert all(a > b for a, b in zip(fig.DESCENT_LOSSES, fig.DESCENT_LOSSES[1:], strict=False))
    assert all(v > fig.LOSS_MINIMUM for v in fig.DESCENT_PATH)


# -- the narration says what the scene computes ---------------------------------------------------
def test_narration_one_variable_slope() -> None:
    assert f"that number is {fig.SHOWN['one_var_slope']}" in spoken("one_variable")
    assert f"x equals {fig.ONE_VAR_AT}" in spoken("one_variable")


def test_narration_partials_and_gradient() -> None:
    w1, w2 = fig.WEIGHTS
    text = spoken("worked_example")
    c1 = fig.PARTIALS[0].coeff(w1)
    c2 = fig.PARTIALS[1].coeff(w2)
    assert f"{c1} w-one and {c2} w-two" in text
    assert f"plus {fig.SURFACE.coeff(w2**2)} w-two squared" in text
    px, py = fig.SHOWN["point"]
    gx, gy = fig.SHOWN["gradient"]
    # Each coordinate named, so "2, 1" cannot run together.
    assert (
        f"Where w-one is {px} and w-two is {py}, the gradient has components {gx} and {gy}." in text
    )
    assert "At our point, the gradient points" in spoken("steepest_ascent")


def test_narration_descent_goes_against_the_derivative() -> None:
    text = spoken("takeaway_descent")
    assert "the derivative points uphill, so gradient descent steps the other way" in text
    assert "near zero for every weight" in text and "a local minimum, or perhaps a saddle" in text
    assert "finds the minimum" not in text
    assert "not aimed at the minimum" in spoken("not_at_minimum") and fig.AIM_CROSS != 0


def test_narration_says_local_where_local() -> None:
    assert "a local minimum, a local maximum, or neither" in spoken("takeaway_zero")


def test_every_number_in_the_narration_is_accounted_for() -> None:
    """Digits spoken anywhere are computed values."""
    w1, w2 = fig.WEIGHTS
    computed = {
        fig.SHOWN["one_var_slope"],
        str(fig.ONE_VAR_AT),
        *fig.SHOWN["point"],
        *fig.SHOWN["gradient"],
        str(fig.PARTIALS[0].coeff(w1)),
        str(fig.PARTIALS[1].coeff(w2)),
        str(fig.SURFACE.coeff(w2**2)),
        fig.SHOWN["cubic_slope"],
        str(fig.CUBIC_AT),
    }
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text):
            assert number in computed, (beat.id, number)


def test_next_chapter_matches_the_course_plan() -> None:
    # Chapter 2 is the gradient; computing it efficiently is Chapter 3's backpropagation.
    text = spoken("next_chapter")
    gradient_at = text.index("Next chapter: the gradient")
    after = text.index("The chapter after it: the chain rule and backpropagation")
    assert gradient_at < after < text.index("efficiently")

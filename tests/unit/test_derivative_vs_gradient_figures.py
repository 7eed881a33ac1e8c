"""The derivative-versus-gradient scene's numbers: exact values, shown strings, and the narration."""

from __future__ import annotations

import re

import sympy as sp

from mathreel.narration import parse_narration
from mathreel.paths import NARRATION_DIR
from scenes import derivative_vs_gradient_figures as fig
from scenes.calculus import decimal, x

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


def test_slide_endpoints_and_cubic() -> None:
    assert fig.SLIDE_SLOPES == (-3, 3)
    assert fig.CUBIC_DERIVATIVE == 3 * x**2
    assert fig.CUBIC_SLOPE == 0
    assert fig.CUBIC_TANGENT == 0
    # Neither a minimum nor a maximum: lower on the left, higher on the right.
    assert fig.CUBIC_LEFT == sp.Rational(-1, 1000) < 0 < fig.CUBIC_RIGHT == sp.Rational(1, 1000)
    assert decimal(fig.CUBIC_LEFT, 3) == "-0.001"


def test_descent_reaches_the_zero_of_the_loss_derivative() -> None:
    assert fig.LOSS_DERIVATIVE.equals(2 * (fig.w - 3))
    assert fig.LOSS_MINIMUM == 3
    assert fig.LOSS_SLOPE_AT_MINIMUM == 0
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
    assert f"{c1} w 1 and {c2} w 2" in text
    assert f"plus {fig.SURFACE.coeff(w2**2)} w 2 squared" in text
    px, py = fig.SHOWN["point"]
    gx, gy = fig.SHOWN["gradient"]
    assert f"At the point {px}, {py}, the gradient is the vector {gx}, {gy}." in text
    assert f"The gradient at {px}, {py} points" in spoken("steepest_ascent")


def test_narration_cubic_and_descent() -> None:
    assert f"f prime of 0 equal to {fig.SHOWN['cubic_slope']}" in spoken("takeaway_zero")
    assert "f′(0) = 0" in caption("takeaway_zero")
    assert "reaches zero" in spoken("takeaway_descent") and fig.LOSS_SLOPE_AT_MINIMUM == 0


def test_every_number_in_the_narration_is_accounted_for() -> None:
    """Digits spoken anywhere are either computed values or variable indices (w 1, w 2, x 1)."""
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
    indices = {"1", "2"}
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text):
            assert number in computed | indices, (beat.id, number)

"""The critical-points scene's numbers: f′ = 0 on x³ − 3x, the x³ counterexample, the second-derivative test."""

from __future__ import annotations

import re

import sympy as sp

from mathreel.narration import Pause, parse_narration
from mathreel.paths import NARRATION_DIR
from scenes import critical_points_figures as fig
from scenes.calculus import x

SCRIPT = parse_narration(NARRATION_DIR / "critical_points.md")
S = fig.SHOWN


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def caption(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).caption_text


def minus(text: str) -> str:
    """A shown number as the captions print it (typographic minus)."""
    return text.replace("-", "−")


def said(text: str) -> str:
    """A shown number as the voice says it."""
    return "minus " + text[1:] if text.startswith("-") else text


# -- the cubic x³ − 3x -----------------------------------------------------------------------
def test_cubic_critical_points_from_solving_f_prime() -> None:
    assert fig.CUBIC == x**3 - 3 * x
    assert fig.CUBIC_PRIME == 3 * x**2 - 3
    assert [p.x for p in fig.CUBIC_POINTS] == [-1, 1]
    assert [fig.CUBIC.subs(x, p.x) for p in fig.CUBIC_POINTS] == [2, -2]
    assert all(fig.CUBIC_PRIME.subs(x, p.x) == 0 for p in fig.CUBIC_POINTS)


def test_cubic_second_derivative_test() -> None:
    assert fig.CUBIC_SECOND == 6 * x
    assert (fig.CUBIC_MAX.second, fig.CUBIC_MAX.kind) == (-6, "maximum")
    assert (fig.CUBIC_MIN.second, fig.CUBIC_MIN.kind) == (6, "minimum")
    assert fig.CUBIC_MAX.second < 0 < fig.CUBIC_MIN.second


def test_the_verdicts_match_the_curve_nearby() -> None:
    """A maximum is higher than its neighbours, a minimum lower: the test agrees with the picture."""
    h = sp.Rational(1, 100)
    peak, valley = fig.CUBIC_MAX, fig.CUBIC_MIN
    assert fig.CUBIC.subs(x, peak.x - h) < peak.y > fig.CUBIC.subs(x, peak.x + h)
    assert fig.CUBIC.subs(x, valley.x - h) > valley.y < fig.CUBIC.subs(x, valley.x + h)


# -- x³: flat tangent, no turn ---------------------------------------------------------------
def test_x_cubed_has_zero_slope_at_zero() -> None:
    assert fig.FLAT_CUBIC == x**3
    assert fig.FLAT_PRIME == 3 * x**2
    assert fig.FLAT_SLOPE_AT_0 == 0
    assert [p.x for p in fig.FLAT_POINTS] == [0]


def test_x_cubed_zoom_values_are_exact() -> None:
    assert fig.ZOOM_STEP == sp.Rational(1, 10)
    assert fig.FLAT_LEFT == sp.Rational(-1, 1000)
    assert fig.FLAT_RIGHT == sp.Rational(1, 1000)
    assert (fig.ZOOM_STEP_TEXT, fig.FLAT_LEFT_TEXT, fig.FLAT_RIGHT_TEXT) == (
        "0.1",
        "-0.001",
        "0.001",
    )


def test_x_cubed_is_neither_minimum_nor_maximum() -> None:
    # Increasing on both sides: f′ is never negative, and f(−0.1) < f(0) < f(0.1).
    assert sp.solveset(fig.FLAT_PRIME < 0, x, sp.S.Reals) == sp.S.EmptySet
    assert fig.FLAT_LEFT < fig.FLAT_CUBIC.subs(x, 0) < fig.FLAT_RIGHT
    assert (fig.FLAT_POINT.second, fig.FLAT_POINT.kind) == (0, "inconclusive")


def test_classify() -> None:
    assert fig.classify(sp.Integer(3)) == "minimum"
    assert fig.classify(sp.Rational(-1, 2)) == "maximum"
    assert fig.classify(sp.Integer(0)) == "inconclusive"


def test_shown_strings() -> None:
    assert S == {
        "cubic_coeff": "3",
        "prime_coeff": "3",
        "prime_const": "3",
        "max_at": "-1",
        "min_at": "1",
        "second_coeff": "6",
        "max_second": "-6",
        "min_second": "6",
        "flat_at": "0",
        "flat_slope": "0",
        "flat_second": "0",
        "zoom_step": "0.1",
        "flat_left": "-0.001",
        "flat_right": "0.001",
    }
    assert fig.tex(fig.CUBIC) == "x^{3} - 3 x"
    assert fig.tex(fig.CUBIC_PRIME) == "3 x^{2} - 3"


# -- the narration says what the scene computes ---------------------------------------------------
def test_narration_cubic() -> None:
    assert f"x cubed minus {S['cubic_coeff']} x" in spoken("horizontal_tangent")
    text = spoken("critical_points")
    assert f"{S['prime_coeff']} x squared minus {S['prime_const']} equals zero" in text
    assert f"x equals {said(S['max_at'])} and x equals {said(S['min_at'])}" in text
    assert f"x = {minus(S['max_at'])} and x = {minus(S['min_at'])}" in caption("critical_points")


def test_narration_x_cubed() -> None:
    assert f"f prime of {S['flat_at']} is {S['flat_slope']}" in spoken("not_sufficient")
    assert "f′(0) = 0" in caption("not_sufficient")
    text = spoken("zoom_in")
    left = f"f of {said('-' + S['zoom_step'])} is {said(S['flat_left'])}"
    right = f"f of {S['zoom_step']} is {S['flat_right']}"
    assert left in text and right in text
    cap = caption("zoom_in")
    assert f"f({minus('-' + S['zoom_step'])}) = {minus(S['flat_left'])}" in cap
    assert f"f({S['zoom_step']}) = {S['flat_right']}" in cap
    # Named truthfully: the source's "saddle point", and the one-variable term.
    assert "saddle point" in text and "inflection point" in text


def test_narration_second_derivative_test() -> None:
    text = spoken("second_derivative_test")
    assert "positive, the curve bends up like a bowl: a minimum" in text
    assert "negative, it bends down, an upturned bowl: a maximum" in text
    assert "zero, the test is inconclusive" in text


def test_narration_applies_the_test_with_computed_values() -> None:
    text, cap = spoken("apply_test"), caption("apply_test")
    assert f"f double prime of x is {S['second_coeff']} x" in text
    for point in (fig.CUBIC_MAX, fig.CUBIC_MIN):
        value = str(point.second)
        assert f"x equals {said(str(point.x))}, it is {said(value)}: a {point.kind}" in text
        assert f"x = {minus(str(point.x))}, it is {minus(value)}: a {point.kind}" in cap
    assert f"f″({S['flat_at']}) = {S['flat_second']}" in cap
    assert fig.FLAT_POINT.kind in text


def test_the_question_leaves_time_to_think() -> None:
    beat = SCRIPT.beat("not_sufficient")
    assert [s.seconds for s in beat.segments if isinstance(s, Pause)] == [1.5]


def test_every_number_in_the_narration_is_accounted_for() -> None:
    computed = set(S.values()) | {v.lstrip("-") for v in S.values()}
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text + " " + beat.caption_text):
            assert number in computed, (beat.id, number)

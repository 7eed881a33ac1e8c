"""The check-your-understanding scene's numbers: exact values, shown strings, and the narration."""

from __future__ import annotations

import re

import sympy as sp

from mathreel.narration import Pause, parse_narration
from mathreel.paths import NARRATION_DIR
from scenes import check_understanding_figures as fig
from scenes.calculus import x

SCRIPT = parse_narration(NARRATION_DIR / "check_understanding.md")


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def caption(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).caption_text


def test_q1_tangent_slope() -> None:
    assert fig.Q1_DERIVATIVE == 2 * x
    assert fig.Q1_AT == sp.Rational(3, 2)
    assert fig.Q1_VALUE == sp.Rational(9, 4)
    assert fig.Q1_SLOPE == 3
    assert fig.Q1_TANGENT == 3 * x - sp.Rational(9, 4)
    # The tangent touches the curve at x0 and nowhere else (a double root).
    assert sp.solve(sp.Eq(fig.Q1_CURVE, fig.Q1_TANGENT), x) == [fig.Q1_AT]
    assert (fig.SHOWN["q1_at"], fig.SHOWN["q1_slope"]) == ("1.5", "3")
    # The slope triangle along the tangent: 1 across, 3 up.
    assert (fig.Q1_RUN, fig.Q1_RISE) == (1, 3)
    assert (fig.SHOWN["q1_run"], fig.SHOWN["q1_rise"]) == ("1", "3")


def test_q2_cubic_is_flat_but_not_an_extremum() -> None:
    assert fig.Q2_DERIVATIVE == 3 * x**2
    assert fig.Q2_SLOPE == 0
    assert fig.Q2_TANGENT == 0
    assert (fig.Q2_LEFT, fig.Q2_CENTRE, fig.Q2_RIGHT) == (
        sp.Rational(-1, 1000),
        0,
        sp.Rational(1, 1000),
    )
    assert fig.Q2_LEFT < fig.Q2_CENTRE < fig.Q2_RIGHT  # rising through 0: neither min nor max
    assert fig.Q2_ANSWER is False
    shown = [fig.SHOWN[k] for k in ("q2_left_at", "q2_left", "q2_right_at", "q2_right")]
    assert shown == ["-0.1", "-0.001", "0.1", "0.001"]


def test_q3_gradient_descent_step() -> None:
    assert fig.LOSS_DERIVATIVE.equals(2 * (fig.w - 3))
    assert fig.SLOPE_AT_START == 4
    assert fig.LEARNING_RATE == sp.Rational(1, 10)
    assert fig.W_NEW == sp.Rational(23, 5)
    assert fig.LOSS_START == 4
    assert fig.LOSS_NEW == sp.Rational(64, 25)
    assert fig.LOSS_NEW < fig.LOSS_START
    assert [fig.SHOWN[k] for k in ("slope_at_start", "eta", "w_new", "loss_start", "loss_new")] == [
        "4",
        "0.1",
        "4.6",
        "4",
        "2.56",
    ]


def test_answer_key() -> None:
    assert fig.Q1_ANSWER in fig.CHOICE_LETTERS and fig.Q3_ANSWER in fig.CHOICE_LETTERS
    assert spoken("q1_answer").startswith(f"It's {fig.Q1_ANSWER}:")
    assert spoken("q3_answer").startswith(f"It's {fig.Q3_ANSWER}:")
    assert spoken("q2_answer").startswith("False." if not fig.Q2_ANSWER else "True.")


def test_each_question_pauses_for_the_countdown() -> None:
    for beat_id in ("q1_ask", "q2_ask", "q3_ask"):
        beat = SCRIPT.beat(beat_id)
        pauses = [s.seconds for s in beat.segments if isinstance(s, Pause)]
        assert pauses == [fig.COUNTDOWN_SECONDS]
        assert [m.name for m in beat.marks][-2:] == ["think", "times_up"]


# -- the narration says what the scene computes ---------------------------------------------------
def test_narration_q1_numbers() -> None:
    text = spoken("q1_answer")
    assert f"at {fig.SHOWN['q1_at']}, that slope is {fig.SHOWN['q1_slope']}" in text
    assert f"rises {fig.SHOWN['q1_slope']} units per unit of input" in text


def test_narration_q2_numbers() -> None:
    text = spoken("q2_answer")
    assert f"f prime of {fig.SHOWN['q2_at']} is {fig.SHOWN['q2_slope']}" in text
    left_at, left = fig.SHOWN["q2_left_at"], fig.SHOWN["q2_left"]
    assert left_at.startswith("-") and left.startswith("-")
    assert f"f of minus {left_at[1:]} is minus {left[1:]}" in text
    assert f"f of {fig.SHOWN['q2_right_at']} is {fig.SHOWN['q2_right']}" in text
    cap = caption("q2_answer")
    assert (
        f"f({fig.SHOWN['q2_left_at'].replace('-', '−')}) = {fig.SHOWN['q2_left'].replace('-', '−')}"
        in cap
    )
    assert f"f({fig.SHOWN['q2_right_at']}) = {fig.SHOWN['q2_right']}" in cap


def test_narration_q3_numbers() -> None:
    text = spoken("q3_answer")
    s = fig.SHOWN
    assert f"w equals {s['w_start']}" in text
    assert f"L prime of {s['w_start']} is {s['slope_at_start']}" in text
    assert f"learning rate of {s['eta']}" in text
    assert f"{s['w_start']} minus {s['eta']} times {s['slope_at_start']} gives {s['w_new']}" in text
    assert f"the loss falls from {s['loss_start']} to {s['loss_new']}" in text
    # L(w) = (w - 3)^2 as read aloud names the same minimum as the drawn loss.
    assert "w minus 3, squared" in text and fig.LOSS == (fig.w - 3) ** 2


def test_every_number_in_the_narration_is_accounted_for() -> None:
    """Digits spoken anywhere are computed values, question numbers, or the loss's constant 3."""
    computed = set(fig.SHOWN.values()) | {s.lstrip("-") for s in fig.SHOWN.values()}
    question_numbers = {"1", "2", "3"}
    loss_constant = {str(sp.solve(fig.LOSS, fig.w)[0])}  # the 3 in (w - 3) squared
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text):
            assert number in computed | question_numbers | loss_constant, (beat.id, number)

"""The check-your-understanding scene's numbers: exact values, shown strings, and the narration."""

from __future__ import annotations

import re

import sympy as sp

from mathreel.narration.script import Mark, Pause, Phrase, parse_narration
from mathreel.narration.synthesis import plan_narration
from mathreel.narration.voices.silent import SilentVoice
from scenes import check_understanding_figures as fig
from scenes import check_understanding_quiz as quiz
from scenes import gradient_descent_figures as gd
from scenes.common.calculus import tangent_line, x
from tests.course import NARRATION_DIR

#: Quiz questions leave the viewer at least this long to think (the house standard).
MIN_QUIZ_PAUSE = 5
QUESTIONS = ("q1_ask", "q2_ask", "q3_ask")

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
    # On x^2 this tangent meets the curve only at x0 (a double root).
    assert sp.solve(sp.Eq(fig.Q1_CURVE, fig.Q1_TANGENT), x) == [fig.Q1_AT]
    assert (fig.SHOWN["q1_at"], fig.SHOWN["q1_slope"]) == ("1.5", "3")
    # The slope triangle along the tangent: 1 across, 3 up.
    assert (fig.Q1_RUN, fig.Q1_RISE) == (1, 3)
    assert (fig.SHOWN["q1_run"], fig.SHOWN["q1_rise"]) == ("1", "3")


def test_q2_cubic_is_flat_but_not_an_extremum() -> None:
    assert fig.Q2_DERIVATIVE == 3 * x**2
    assert fig.Q2_SLOPE == 0
    assert tangent_line(fig.Q2_CURVE, fig.Q2_AT) == 0
    assert (fig.Q2_LEFT, fig.Q2_CENTRE, fig.Q2_RIGHT) == (
        sp.Rational(-1, 1000),
        0,
        sp.Rational(1, 1000),
    )
    assert fig.Q2_LEFT < fig.Q2_CENTRE < fig.Q2_RIGHT  # rising through 0: neither min nor max
    shown = [fig.SHOWN[k] for k in ("q2_left_at", "q2_left", "q2_right_at", "q2_right")]
    assert shown == ["-0.1", "-0.001", "0.1", "0.001"]


def test_q2_hill_is_flat_at_a_local_maximum() -> None:
    assert fig.Q2_HILL == -(x**2)
    assert fig.Q2_HILL_DERIVATIVE == -2 * x
    assert fig.Q2_HILL_SLOPE == 0 and fig.SHOWN["q2_hill_slope"] == "0"
    # The same flat tangent as x^3 at 0, but the hill curves down there: a local maximum.
    assert tangent_line(fig.Q2_HILL, fig.Q2_AT) == tangent_line(fig.Q2_CURVE, fig.Q2_AT)
    assert sp.diff(fig.Q2_HILL, x, 2).subs(x, fig.Q2_AT) < 0


def test_q3_uses_the_gradient_descent_scene_loss() -> None:
    assert fig.LOSS is gd.LOSS and fig.w is gd.w
    assert fig.W_WORKED is gd.START and fig.LEARNING_RATE is gd.LEARNING_RATE


def test_q3_is_a_transfer_item_from_the_other_side() -> None:
    # Not the worked example again (w = 5, slope +4, w decreases): its mirror image, w = 1.
    assert fig.W_START != fig.W_WORKED
    assert fig.W_START < gd.MINIMUM < fig.W_WORKED
    assert fig.SLOPE_AT_START == -gd.LOSS_PRIME.subs(gd.w, gd.START)
    assert fig.LOSS_DERIVATIVE.equals(2 * (fig.w - 3))
    assert fig.SLOPE_AT_START == -4
    assert fig.LEARNING_RATE == sp.Rational(1, 10)
    assert fig.STEP_SIZE == -sp.Rational(2, 5)
    assert fig.W_NEW == sp.Rational(7, 5)
    assert fig.W_START < fig.W_NEW < gd.MINIMUM  # w increases, toward the minimum
    assert fig.LOSS_START == 4
    assert fig.LOSS_NEW == sp.Rational(64, 25)
    assert fig.LOSS_NEW < fig.LOSS_START
    keys = ("w_start", "slope_at_start", "eta", "step_size", "w_new", "loss_start", "loss_new")
    assert [fig.SHOWN[k] for k in keys] == ["1", "-4", "0.1", "-0.4", "1.4", "4", "2.56"]


def test_answer_key() -> None:
    """The answers come from scenes/check_understanding_quiz.py (tests/unit/test_quiz.py checks
    the rest of the narration against it)."""
    assert spoken("q1_answer").startswith("It's C:") and quiz.Q1.said_answer == "It's C"
    assert spoken("q3_answer").startswith("It's B:") and quiz.Q3.said_answer == "It's B"
    assert spoken("q2_answer").startswith("False.") and quiz.Q2.said_answer == "False"


def test_each_question_ends_on_a_pause_of_at_least_five_seconds() -> None:
    for beat_id in QUESTIONS:
        segments = SCRIPT.beat(beat_id).segments
        *_, think, prompt, pause, times_up = segments
        assert think == Mark("think", think.line)
        assert isinstance(prompt, Phrase) and prompt.spoken == "Pause and think."
        assert isinstance(pause, Pause) and pause.seconds >= MIN_QUIZ_PAUSE, beat_id
        assert times_up == Mark(fig.TIMES_UP, times_up.line)


def test_the_countdown_lasts_exactly_the_pause() -> None:
    """The scene's countdown runs for think_seconds(plan): the pause the narration asks for."""
    plan = plan_narration(SCRIPT, "check_understanding", SilentVoice(), None)
    for beat_id in QUESTIONS:
        pause = [s for s in SCRIPT.beat(beat_id).segments if isinstance(s, Pause)]
        assert len(pause) == 1
        assert abs(fig.think_seconds(plan.beat(beat_id)) - pause[0].seconds) < 1e-9


# -- the narration says what the scene computes ---------------------------------------------------
def test_narration_q1_numbers() -> None:
    text = spoken("q1_answer")
    assert f"At {fig.SHOWN['q1_at']}, the slope of x squared is {fig.SHOWN['q1_slope']}" in text
    # A rate, not a rise over a whole unit of the curve (x² rises 4 from 1.5 to 2.5, not 3).
    assert "per unit of input" not in text
    assert (
        f"the tangent climbs {fig.SHOWN['q1_rise']} for every {fig.SHOWN['q1_run']} across" in text
    )
    assert f"raises the output by about {fig.SHOWN['q1_slope']} delta x" in text
    assert fig.Q1_CURVE.subs(fig.x, fig.Q1_AT + fig.Q1_RUN) - fig.Q1_VALUE != fig.Q1_RISE


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
    s = fig.SHOWN
    text = spoken("q3_answer")
    ask = spoken("q3_ask")
    assert f"w equals {s['w_start']}" in ask
    slope = s["slope_at_start"]
    assert slope.startswith("-")
    assert f"L prime of {s['w_start']} is minus {slope[1:]}" in ask
    # L(w) = (w - 3)^2 as read aloud names the same minimum as the drawn loss.
    assert "w minus 3, all squared" in ask and fig.LOSS == (fig.w - 3) ** 2
    assert "is negative" in text and "w moves up" in text and fig.SLOPE_AT_START < 0
    step = spoken("q3_step")
    assert f"learning rate of {s['eta']}" in step
    # In steps, never "1 minus 0.1 times minus 4".
    size = s["step_size"]
    assert f"{s['eta']} times minus {slope[1:]}, which is minus {size[1:]}" in step
    assert f"moves w from {s['w_start']} to {s['w_new']}" in step
    assert f"the loss falls from {s['loss_start']} to {s['loss_new']}" in step


def test_every_number_in_the_narration_is_accounted_for() -> None:
    """Digits spoken anywhere are computed values, question numbers, or the loss's constant 3."""
    computed = set(fig.SHOWN.values()) | {s.lstrip("-") for s in fig.SHOWN.values()}
    question_numbers = {"1", "2", "3"}
    loss_constant = {str(sp.solve(fig.LOSS, fig.w)[0])}  # the 3 in (w - 3) squared
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text):
            assert number in computed | question_numbers | loss_constant, (beat.id, number)

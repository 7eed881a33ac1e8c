"""The slope-at-a-point scene's prediction prompts that have a right answer, with why each choice
is right or wrong; the player page stops for them as for the quiz. Numbers come from
slope_at_a_point_figures; a unit test checks narration/slope_at_a_point.md against these records.
"""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal, minus, whole
from mathreel.quiz import Choice, Question
from scenes import slope_at_a_point_figures as fig

RIGHT_AT = decimal(fig.RIGHT_STOP, 1)  # "1.5"
LEFT_AT = minus(decimal(fig.LEFT_STOP, 1))  # "−1.5"
RIGHT_SLOPE = whole(fig.EXPLORER_SLOPES[fig.RIGHT_STOP])  # "3"
LEFT_SLOPE = minus(whole(fig.EXPLORER_SLOPES[fig.LEFT_STOP]))  # "−3"
VERTEX_SLOPE = whole(fig.EXPLORER_SLOPES[sp.Integer(fig.VERTEX)])  # "0"
LOW = min(fig.CUBIC_SIDES)
LOW_AT = minus(str(LOW))  # "−1"
LOW_VALUE = minus(fig.CUBIC_SIDE_TEXT[LOW])  # "−1"
NEAR_AT = minus(fig.CUBIC_NEAR_TEXT)  # "−0.1"
NEAR_VALUE = minus(fig.CUBIC_NEAR_VALUE_TEXT)  # "−0.001"

SIGNS = ("Positive", "Negative", "Zero")


def _signs(*explanations: str, spoken: bool) -> tuple[Choice, ...]:
    return tuple(
        Choice(sign, why, spoken=sign.lower() if spoken else "")
        for sign, why in zip(SIGNS, explanations, strict=True)
    )


QUESTIONS = (
    Question(
        ask_beat="predict_right",
        answer_beat="right_answer",
        kind="prediction",
        prompt="Right of the vertex, is the slope positive, negative, or zero?",
        answer=0,
        choices=_signs(
            f"Right. To the right of the vertex, x² climbs as x grows. At {RIGHT_AT} the slope "
            f"is {RIGHT_SLOPE}.",
            f"No. A negative slope means the curve falls as x grows; right of the vertex, x² "
            f"climbs. At {RIGHT_AT} the slope is {RIGHT_SLOPE}.",
            f"No. Only at the vertex itself is the tangent flat. Right of it the curve climbs: at "
            f"{RIGHT_AT} the slope is {RIGHT_SLOPE}.",
            spoken=True,
        ),
    ),
    Question(
        ask_beat="predict_left",
        answer_beat="left_answer",
        kind="prediction",
        prompt="Now a point left of the vertex: which sign will its slope have?",
        answer=1,
        choices=_signs(
            f"No. Left of the vertex, x² falls as x grows, down to the vertex, so the slope is "
            f"negative: at {LEFT_AT} it is {LEFT_SLOPE}.",
            f"Right. Left of the vertex the curve falls as x grows. At {LEFT_AT} the slope is "
            f"{LEFT_SLOPE}.",
            f"No. The slope is zero only at the vertex. At {LEFT_AT} it is {LEFT_SLOPE}.",
            spoken=False,
        ),
    ),
    Question(
        ask_beat="slide_to_vertex",
        answer_beat="slide_answer",
        kind="prediction",
        prompt="As the point moves toward the vertex, does the slope's value rise, fall, or stay the same?",
        answer=0,
        choices=(
            Choice(
                "It rises",
                f"Right. From {LEFT_SLOPE} at {LEFT_AT} it rises to {VERTEX_SLOPE} at the vertex: "
                f"the curve flattens out, so its steepness shrinks away.",
            ),
            Choice(
                "It falls",
                f"No. The curve flattens as the point nears the vertex, so the slope's size "
                f"shrinks: from {LEFT_SLOPE} it rises to {VERTEX_SLOPE}.",
            ),
            Choice(
                "It stays the same",
                f"No. The tangent turns as the point moves: {LEFT_SLOPE} at {LEFT_AT}, "
                f"{VERTEX_SLOPE} at the vertex.",
            ),
        ),
    ),
    Question(
        ask_beat="cubic_at_zero",
        answer_beat="cubic_answer",
        kind="prediction",
        prompt="Now take f(x) = x³ at 0: is its slope positive, negative, or zero?",
        answer=2,
        choices=_signs(
            "No. x³ rises on both sides of 0, but at 0 itself it levels off for an instant: the "
            "tangent there is flat, the x-axis itself.",
            "No. x³ never falls, and at 0 it levels off: the tangent there is the flat x-axis.",
            "Right. At x = 0 the curve levels off for an instant: the tangent there is flat, the "
            "x-axis itself.",
            spoken=True,
        ),
    ),
    Question(
        ask_beat="lowest_point",
        answer_beat="zero_not_minimum",
        kind="prediction",
        prompt="Harder: is x = 0 a minimum of x³, even just locally?",
        answer=1,
        choices=(
            Choice(
                "Yes",
                f"No. The slope is zero there, but f({LOW_AT}) = {LOW_VALUE} is below f(0) = 0, "
                f"and so is x³ at every x below 0, however close: f({NEAR_AT}) = {NEAR_VALUE}. "
                f"0 is not even a local minimum.",
            ),
            Choice(
                "No",
                f"Right. f({LOW_AT}) = {LOW_VALUE} is below f(0) = 0, and so is x³ at every x "
                f"below 0, however close: f({NEAR_AT}) = {NEAR_VALUE}. A zero slope, yet not even "
                f"a local minimum.",
            ),
        ),
    ),
)

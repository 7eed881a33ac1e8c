"""The gradient-descent scene's prediction (how much one step lowers the loss), with why each
choice is right or wrong; the player page stops for it as for the quiz. Numbers come from
gradient_descent_figures; a unit test checks narration/gradient_descent.md against this record.
"""

from __future__ import annotations

import sympy as sp

from mathreel.quiz import Choice, Question
from scenes import gradient_descent_figures as fig

START = sp.latex(fig.START)  # "5"
NEW = fig.NEW_WEIGHT_TEXT  # "4.6"
SLOPE = sp.latex(fig.START_SLOPE)  # "4"
STEP = fig.STEP_SIZE_TEXT  # "0.4"
ESTIMATE = fig.PREDICTED_DROP_TEXT  # "1.6"
ACTUAL = fig.ACTUAL_DROP_TEXT  # "1.44"
NEW_LOSS = fig.NEW_LOSS_TEXT  # "2.56"

QUESTIONS = (
    Question(
        ask_beat="predict_loss",
        answer_beat="tangent_estimate",
        kind="prediction",
        prompt=f"Before stepping, predict: as w moves from {START} to {NEW}, about how much will "
        "the loss drop?",
        answer=0,
        choices=(
            Choice(
                f"About {ESTIMATE}",
                f"Right. Near w = {START} the curve is nearly its tangent, whose slope is {SLOPE}: "
                f"a step of {STEP} lowers the loss by about {SLOPE} × {STEP} = {ESTIMATE}. The "
                f"actual drop, {ACTUAL}, is close.",
            ),
            Choice(
                f"About {STEP}",
                f"No. {STEP} is how far w moves, not how far the loss falls: the loss falls about "
                f"{SLOPE} times as far, the slope, so about {ESTIMATE} (in fact {ACTUAL}).",
            ),
            Choice(
                f"About {SLOPE}",
                f"No. {SLOPE} is the slope, the loss's change per unit of w; the step is only "
                f"{STEP}, so the drop is about {SLOPE} × {STEP} = {ESTIMATE} (in fact {ACTUAL}).",
            ),
            Choice(
                f"About {NEW_LOSS}",
                f"No. {NEW_LOSS} is the new loss itself, not the drop: it falls from "
                f"{sp.latex(fig.START_LOSS)} to {NEW_LOSS}, by {ACTUAL}, close to the tangent's "
                f"estimate of {ESTIMATE}.",
            ),
        ),
    ),
)

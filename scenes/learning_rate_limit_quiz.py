"""The learning-rate scene's prediction, with why each answer is right or wrong; the player page
stops for it as for the quiz. Numbers come from learning_rate_limit_figures; a unit test checks
narration/learning_rate_limit.md against this record."""

from __future__ import annotations

from mathreel.numbers import minus
from mathreel.quiz import Choice, Question
from scenes import learning_rate_limit_figures as fig

S = fig.SHOWN
_FACTOR = minus(S["f2_4"])
_PATH = ", ".join(minus(S[k]) for k in ("d0", "d1", "d2", "d3"))

QUESTIONS = (
    Question(
        ask_beat="predict_rate",
        answer_beat="diverge",
        kind="prediction",
        prompt=f"With η = {S['eta_4']}, will the path settle at the minimum?",
        answer=1,
        choices=(
            Choice(
                "Yes",
                f"No. Each step multiplies w₂'s distance from 1 by 1 − 8η = {_FACTOR}: it flips "
                f"side and grows, {_PATH}, … The loss rises from the first step, "
                f"{S['loss_0']} to {S['loss_1']}.",
            ),
            Choice(
                "No",
                f"Right. η = {S['eta_4']} is above the cap 2/{S['c2']} = {S['cap']}: w₂'s distance "
                f"from 1 is multiplied by {_FACTOR} each step, so w₂ goes {_PATH}, … and after "
                f"{S['far_step']} steps it is about {S['far_w2']}.",
            ),
        ),
    ),
)

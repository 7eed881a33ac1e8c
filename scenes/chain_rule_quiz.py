"""The chain-rule scene's prediction: do the two stretches of the nudge add or multiply? Numbers come
from chain_rule_figures; a unit test checks narration/chain_rule.md against this record."""

from __future__ import annotations

from mathreel.quiz import Choice, Question
from scenes import chain_rule_figures as fig

S = fig.SHOWN
_WHY = (
    f"dx becomes du = {S['du_dx']}dx, and du becomes dy = {S['dy_du']}du, so dy = "
    f"{S['dy_du']} × {S['du_dx']} dx = {S['dy_dx']}dx: along a chain, stretches multiply."
)

QUESTIONS = (
    Question(
        ask_beat="predict_total",
        answer_beat="multiply",
        kind="prediction",
        prompt=f"Overall, is y's nudge {S['added']} times x's, or {S['dy_dx']} times?",
        answer=1,
        choices=(
            Choice(f"{S['added']} times", f"No. That adds the stretches. {_WHY}"),
            Choice(f"{S['dy_dx']} times", f"Right. {_WHY}"),
        ),
    ),
)

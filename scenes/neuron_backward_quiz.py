"""The one-neuron scene's prediction: which way should w move to lower the loss? Its numbers come
from neuron_backward_figures; a unit test checks narration/neuron_backward.md against this record."""

from __future__ import annotations

from mathreel.numbers import minus
from mathreel.quiz import Choice, Question
from scenes import neuron_backward_figures as fig

S = fig.SHOWN
_WHY = (
    f"The output a = {S['a']} is below the target t = {S['t']}, so a should grow, so z should "
    f"grow; z = wx + b with x = {S['x']} grows when w grows. The backward pass agrees: "
    f"∂L/∂w = {minus(S['dl_dw'])}, negative, so the loss falls as w rises."
)

QUESTIONS = (
    Question(
        ask_beat="predict_w",
        answer_beat="w_answer",
        kind="prediction",
        prompt="To lower the loss, should w go up or down?",
        answer=0,
        choices=(
            Choice("Up", f"Right. {_WHY}", spoken="up"),
            Choice("Down", f"No. {_WHY}", spoken="down"),
        ),
    ),
)

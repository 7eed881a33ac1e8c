"""The two-layer chain's prediction: the sign of w₁'s gradient, read off the signs along its path.
Numbers come from two_layer_chain_figures; a unit test checks narration/two_layer_chain.md against
this record."""

from __future__ import annotations

from mathreel.numbers import minus
from mathreel.quiz import Choice, Question
from scenes import two_layer_chain_figures as fig

_FACTORS = " × ".join(f"({minus(f)})" if f.startswith("-") else f for f in fig.SHOWN["path"])
_WHY = (
    f"The local derivatives on the path from the loss to w₁ are {_FACTORS}: "
    f"{fig.NEGATIVE_FACTORS} negative factors, so the product is positive, "
    f"{fig.SHOWN['d_w1']}."
)

QUESTIONS = (
    Question(
        ask_beat="predict_w1",
        answer_beat="shared_factor",
        kind="prediction",
        prompt="Will the gradient for w₁ be positive or negative?",
        answer=0,
        choices=(
            Choice("Positive", f"Right. {_WHY}", spoken="positive"),
            Choice("Negative", f"No. {_WHY}", spoken="negative"),
        ),
    ),
)

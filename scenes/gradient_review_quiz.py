"""Chapter 2's three questions, transfer items: a gradient with a cross term, the gradient among
four arrows on a contour map, and a learning rate beyond a bowl's cap. The scene shows the ``tex``
forms, the player page asks them with the explanations, and tests/unit/test_quiz.py checks the
narration against them. Every number is computed in gradient_review_figures."""

from __future__ import annotations

from mathreel.numbers import minus
from mathreel.quiz import Choice, Question
from scenes import gradient_review_figures as fig
from scenes.check_understanding_quiz import letter_aloud

S = fig.SHOWN
_P1 = f"({S['q1_w1']}, {S['q1_w2']})"
_G1 = f"({S['q1_g1']}, {S['q1_g2']})"
_NO_CROSS = f"({S['q1_n1']}, {S['q1_n2']})"
_SWAPPED = f"({S['q1_g2']}, {S['q1_g1']})"
_ZERO = f"({S['q1_zero']}, {S['q1_zero']})"

Q1 = Question(
    ask_beat="q1_ask",
    answer_beat="q1_answer",
    prompt=f"What is the gradient of L = w₁² + w₁w₂ + w₂² at {_P1}?",
    prompt_tex=rf"What is the gradient of $L = w_1^2 + w_1 w_2 + w_2^2$ at ${_P1}$?",
    lettered=True,
    answer=1,
    choices=(
        Choice(
            _NO_CROSS,
            f"No. That leaves out the cross term w₁w₂. Its derivative is w₂ with respect to w₁ "
            f"and w₁ with respect to w₂, so ∂L/∂w₁ = 2w₁ + w₂ and ∂L/∂w₂ = w₁ + 2w₂: {_G1}.",
            spoken=f"{S['q1_n1']} and {S['q1_n2']}",
            tex=f"${_NO_CROSS}$",
        ),
        Choice(
            _G1,
            f"Right. ∂L/∂w₁ = 2w₁ + w₂ = {S['q1_a1']} + {S['q1_b1']} = {S['q1_g1']}, and "
            f"∂L/∂w₂ = w₁ + 2w₂ = {S['q1_a2']} + {S['q1_b2']} = {S['q1_g2']}. Holding w₂ fixed "
            f"does not remove it: the slope along w₁ depends on where w₂ is held.",
            spoken=f"{S['q1_g1']} and {S['q1_g2']}",
            tex=f"${_G1}$",
        ),
        Choice(
            _SWAPPED,
            f"No. Those are the right numbers in the wrong places: the first entry is ∂L/∂w₁ = "
            f"2w₁ + w₂ = {S['q1_g1']}, the second ∂L/∂w₂ = w₁ + 2w₂ = {S['q1_g2']}.",
            spoken=f"{S['q1_g2']} and {S['q1_g1']}",
            tex=f"${_SWAPPED}$",
        ),
        Choice(
            _ZERO,
            f"No. A zero gradient would make {_P1} a critical point, but both slopes are "
            f"positive there: {_G1}.",
            spoken=f"{S['q1_zero']} and {S['q1_zero']}",
            tex=f"${_ZERO}$",
        ),
    ),
)

_P2 = f"({S['q2_w1']}, {S['q2_w2']})"
_G2 = f"({S['q2_g1']}, {S['q2_g2']})"

Q2 = Question(
    ask_beat="q2_ask",
    answer_beat="q2_answer",
    prompt="Which arrow points in the direction of the gradient at the marked point?",
    prompt_tex=r"Which arrow points in the direction of the gradient?",
    lettered=True,
    answer=fig.Q2_ANSWER,
    choices=(
        Choice(
            "arrow A",
            "No. A runs along the level curve, where the loss does not change: the slope in that "
            "direction is 0. The gradient crosses the level curve at a right angle.",
            spoken="A",
            tex="arrow A",
        ),
        Choice(
            "arrow B",
            f"Right. B crosses the level curve at a right angle, outward, toward higher loss: "
            f"∇L{_P2} = {_G2}, the direction of steepest ascent.",
            spoken="B",
            tex="arrow B",
        ),
        Choice(
            "arrow C",
            "No. C crosses the level curve at a right angle but inward: it is −∇L, the direction "
            "of steepest descent, the way gradient descent steps.",
            spoken="C",
            tex="arrow C",
        ),
        Choice(
            "arrow D",
            "No. D aims at the minimum. The gradient points uphill, and even −∇L is not aimed at "
            "the minimum on this stretched bowl.",
            spoken="D",
            tex="arrow D",
        ),
    ),
)

_ETA3, _CAP3 = S["q3_eta"], S["q3_cap"]
_F2 = minus(S["q3_f2"])

Q3 = Question(
    ask_beat="q3_ask",
    answer_beat="q3_answer",
    prompt="What does gradient descent do?",
    prompt_tex=r"What does gradient descent do?",
    lettered=True,
    answer=3,
    choices=(
        Choice(
            "it converges smoothly",
            f"No. Along w₂ the curvature is {S['q3_c2']}, so each step multiplies w₂ by "
            f"1 − {_ETA3} × {S['q3_c2']} = {_F2}: it flips sign and grows.",
            spoken="it converges smoothly",
            tex="it converges smoothly",
        ),
        Choice(
            "it zigzags across the valley but converges",
            f"No. A zigzag that converges needs a factor between −1 and 0. Along w₂ it is {_F2}, "
            f"beyond −1.",
            spoken="it zigzags but converges",
            tex="it zigzags across the valley but converges",
        ),
        Choice(
            "w₂ bounces between two values forever",
            f"No. That needs a factor of exactly −1, η = {_CAP3}. With η = {_ETA3} the factor "
            f"along w₂ is {_F2}.",
            spoken="it bounces forever",
            tex="$w_2$ bounces between two values forever",
        ),
        Choice(
            "it diverges along w₂",
            f"Right. The cap is 2 over the largest curvature, 2/{S['q3_c2']} = {_CAP3}, and η = "
            f"{_ETA3} is above it: each step multiplies w₂ by {_F2}, so it lands farther out every "
            f"time, while w₁ (factor {S['q3_f1']}) still settles.",
            spoken="it diverges along w-two",
            tex="it diverges along $w_2$",
        ),
    ),
)

# Q2's choices are the arrows' letters themselves, said as they are.
Q1, Q3 = letter_aloud(Q1), letter_aloud(Q3)

QUESTIONS = (Q1, Q2, Q3)

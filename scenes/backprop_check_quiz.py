"""The chapter's three transfer questions: prompt, lettered choices, answer and why. The scene shows
the ``tex`` forms, the player page asks them with the explanations, and a unit test checks that
narration/backprop_check.md says what is held here. Numbers come from backprop_check_figures."""

from __future__ import annotations

from mathreel.numbers import minus
from mathreel.quiz import Choice, Question
from scenes import backprop_check_figures as fig
from scenes.check_understanding_quiz import letter_aloud

S = fig.SHOWN
_OUTER, _INNER, _ANSWER = S["q1_outer"], S["q1_inner"], S["q1_answer"]
_Q1_WHY = (
    f"Inside, u = 2x − 1 is {S['q1_u']} at x = {S['q1_at']} and changes {_INNER} per unit of x; "
    f"outside, u³ changes at 3u² = {_OUTER} per unit of u. Along a chain the rates multiply: "
    f"{_OUTER} × {_INNER} = {_ANSWER}."
)

Q1 = Question(
    ask_beat="q1_ask",
    answer_beat="q1_answer",
    prompt="For y = (2x − 1)³, what is dy/dx at x = 3?",
    prompt_tex=r"For $y = (2x - 1)^3$, what is $\dfrac{dy}{dx}$ at $x = 3$?",
    lettered=True,
    answer=2,
    choices=(
        Choice(
            _OUTER,
            f"No. {_OUTER} is only the outer rate, dy/du; the inner rate du/dx = {_INNER} "
            f"multiplies in. {_Q1_WHY}",
            spoken=_OUTER,
            tex=_OUTER,
        ),
        Choice(
            S["q1_added"],
            f"No. That adds the two rates along the chain; along one path they multiply. {_Q1_WHY}",
            spoken=S["q1_added"],
            tex=S["q1_added"],
        ),
        Choice(_ANSWER, f"Right. {_Q1_WHY}", spoken=_ANSWER, tex=_ANSWER),
        Choice(
            S["q1_y"],
            f"No. {S['q1_y']} is y itself at x = {S['q1_at']}, not its rate of change. {_Q1_WHY}",
            spoken=S["q1_y"],
            tex=S["q1_y"],
        ),
    ),
)

_G1, _G2 = S["q2_arriving"]
_Q2_WHY = (
    f"h first adds what arrives from the two nodes that use it: {minus(_G1)} + {_G2} = "
    f"{minus(S['q2_sum'])}. Then it multiplies by its local derivative with respect to w, "
    f"which is x = {S['q2_x']}: {minus(S['q2_sum'])} × {S['q2_x']} = {minus(S['q2_answer'])}."
)


def _number_choice(value: str, explanation: str) -> Choice:
    return Choice(
        minus(value),
        explanation,
        spoken=value.replace("-", "minus "),
        tex=f"${value}$",
    )


Q2 = Question(
    ask_beat="q2_ask",
    answer_beat="q2_answer",
    prompt=(
        f"The node h = wx, with x = {S['q2_x']}, feeds two nodes, whose contributions to ∂L/∂h "
        f"are {minus(_G1)} and {_G2}. What is ∂L/∂w?"
    ),
    prompt_tex=(
        rf"The node $h = wx$, with $x = {S['q2_x']}$, feeds two nodes, whose\\contributions to "
        rf"$\partial L / \partial h$ are ${_G1}$ and ${_G2}$.\\What is $\partial L / \partial w$?"
    ),
    lettered=True,
    answer=1,
    choices=(
        _number_choice(
            S["q2_one_path"],
            f"No. That follows only the first node's path; where paths meet, they add. {_Q2_WHY}",
        ),
        _number_choice(S["q2_answer"], f"Right. {_Q2_WHY}"),
        _number_choice(
            S["q2_multiplied"],
            f"No. That multiplies the two arriving gradients; paths add. {_Q2_WHY}",
        ),
        _number_choice(
            S["q2_sum"],
            f"No. That is the sum arriving at h, before its local derivative, x = "
            f"{S['q2_x']}, multiplies in. {_Q2_WHY}",
        ),
    ),
)

_NUDGING, _CENTRAL, _BACKPROP = S["q3_nudging"], S["q3_central"], S["q3_backprop"]
_Q3_WHY = (
    f"Nudging runs the forward pass once at the start and once per weight: {_NUDGING}. "
    f"Backpropagation runs one forward and one backward pass, about {_BACKPROP} forward passes' "
    f"worth, however many weights there are; its price is memory."
)

Q3 = Question(
    ask_beat="q3_ask",
    answer_beat="q3_answer",
    prompt=(
        "A model has a million weights. How many forward passes does one-sided nudging need for "
        "one gradient, and about how many does backpropagation cost?"
    ),
    prompt_tex=(
        r"A model has a million weights. How many forward passes does\\one-sided nudging need "
        r"for one gradient, and about how many\\does backpropagation cost?"
    ),
    lettered=True,
    answer=0,
    choices=(
        Choice(
            f"{_NUDGING}, then about {_BACKPROP}",
            f"Right. {_Q3_WHY}",
            spoken=f"a million plus one, then about {_BACKPROP}",
            tex=f"{_NUDGING.replace(',', '{,}')}, then about {_BACKPROP}",
        ),
        Choice(
            f"about {_BACKPROP}, then {_NUDGING}",
            f"No. That swaps them. {_Q3_WHY}",
            spoken=f"about {_BACKPROP}, then a million plus one",
            tex=f"about {_BACKPROP}, then {_NUDGING.replace(',', '{,}')}",
        ),
        Choice(
            f"{_NUDGING} for both",
            f"No. Backpropagation needs no forward pass per weight: each local derivative reads "
            f"the values the one forward pass stored. {_Q3_WHY}",
            spoken="a million plus one for both",
            tex=f"{_NUDGING.replace(',', '{,}')} for both",
        ),
        Choice(
            f"{_CENTRAL}, then about {_BACKPROP}",
            f"No. {_CENTRAL} is what central differences need, two passes per weight; one-sided "
            f"nudging needs one per weight plus one. {_Q3_WHY}",
            spoken=f"two million, then about {_BACKPROP}",
            tex=f"{_CENTRAL.replace(',', '{,}')}, then about {_BACKPROP}",
        ),
    ),
)

Q1, Q2, Q3 = letter_aloud(Q1), letter_aloud(Q2), letter_aloud(Q3)

QUESTIONS = (Q1, Q2, Q3)

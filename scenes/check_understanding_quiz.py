"""The three questions of the check-your-understanding scene: prompt, choices, answer, and why.

The scene shows the ``tex`` forms, the player page asks them with the explanations, and a unit test
checks that narration/check_understanding.md says the prompts, choices and answers held here. Every
number is computed in check_understanding_figures.
"""

from __future__ import annotations

from mathreel.quiz import Choice, Question
from scenes import check_understanding_figures as fig
from scenes.calculus import decimal, value_at

S = fig.SHOWN


def minus(text: str) -> str:
    """A number as captions write it, with a true minus sign."""
    return text.replace("-", "−")


#: x² at x₀ = 1.5: its height, and its average slope from 0 (a secant), beside the tangent's 3.
Q1_HEIGHT = decimal(fig.Q1_VALUE, 2)  # "2.25"
Q1_AVERAGE = decimal((fig.Q1_VALUE - value_at(fig.Q1_CURVE, 0)) / fig.Q1_AT, 1)  # "1.5"

Q1 = Question(
    ask_beat="q1_ask",
    answer_beat="q1_answer",
    prompt="What does f′(x₀) measure geometrically?",
    prompt_tex=r"What does $f'(x_0)$ measure geometrically?",
    lettered=True,
    answer=2,
    choices=(
        Choice(
            "the area under the graph up to x₀",
            "No. That area adds up the values of f over a whole stretch; it is what an integral "
            "measures. f′(x₀) belongs to the single point x₀: how fast f is changing there.",
            spoken="the area under the graph",
            tex=r"the area under the graph up to $x_0$",
        ),
        Choice(
            "the height of the graph, f(x₀)",
            f"No. The height is f(x₀) itself; f′(x₀) is how fast that height changes. On x² at "
            f"{S['q1_at']} the height is {Q1_HEIGHT}, but the slope is {S['q1_slope']}.",
            spoken="the height of the graph",
            tex=r"the height of the graph, $f(x_0)$",
        ),
        Choice(
            "the slope of the tangent line to the graph at x₀",
            f"Right. f′(x₀) is the slope of the tangent line at x₀, the instantaneous rate of "
            f"change. On x² at {S['q1_at']} it is {S['q1_slope']}: the tangent climbs "
            f"{S['q1_rise']} for every {S['q1_run']} across, and near {S['q1_at']} a small step Δx "
            f"raises the output by about {S['q1_slope']}Δx.",
            spoken="the slope of the tangent line",
            tex=r"the slope of the tangent line to the graph at $x_0$",
        ),
        Choice(
            "the average slope of f from 0 to x₀",
            f"No. An average slope is the slope of a secant line through two points. The "
            f"derivative is the limit of such slopes as the second point closes in on x₀. On x², "
            f"the average slope from 0 to {S['q1_at']} is {Q1_AVERAGE}, but the slope at "
            f"{S['q1_at']} is {S['q1_slope']}.",
            spoken="an average slope",
            tex=r"the average slope of $f$ from $0$ to $x_0$",
        ),
    ),
)

#: The evidence that x³ is not a minimum at 0, as captions write it.
_Q2_SIDES = (
    f"f({minus(S['q2_left_at'])}) = {minus(S['q2_left'])} and "
    f"f({S['q2_right_at']}) = {S['q2_right']}"
)

Q2 = Question(
    ask_beat="q2_ask",
    answer_beat="q2_answer",
    prompt="True or false: if f′(x₀) = 0, then x₀ must be a local minimum.",
    answer=1,
    choices=(
        Choice(
            "True",
            f"No. A zero derivative only says the tangent is flat. x³ has f′(0) = 0, yet "
            f"{_Q2_SIDES}: it keeps rising through 0, so 0 is neither a minimum nor a maximum. "
            f"And −x² is flat at 0 on a local maximum.",
            spoken="true",
        ),
        Choice(
            "False",
            f"Right. f′(x₀) = 0 means a flat tangent, and a flat point can be a local minimum, a "
            f"local maximum, or neither. x³ is flat at 0 yet rises straight through it: {_Q2_SIDES}.",
            spoken="false",
        ),
    ),
)

Q3 = Question(
    ask_beat="q3_ask",
    answer_beat="q3_answer",
    prompt="Why does gradient descent need derivatives?",
    prompt_tex=r"Why does gradient descent need derivatives?",
    lettered=True,
    answer=1,
    choices=(
        Choice(
            "to compute the value of the loss",
            f"No. The loss comes straight from the weights: L(w) = (w − 3)² at w = {S['w_start']} "
            f"is {S['loss_start']}, no derivative needed. The derivative says how the loss "
            f"changes when w changes.",
            spoken="to compute the loss",
            tex=r"to compute the value of the loss",
        ),
        Choice(
            "to know which way, and how steeply, to change each weight",
            f"Right. A weight's derivative gives the direction (its sign) and the steepness. "
            f"L′({S['w_start']}) = {S['slope_at_start']} is positive, so w decreases: with a "
            f"learning rate of {S['eta']}, from {S['w_start']} to {S['w_new']}, and the loss falls "
            f"from {S['loss_start']} to {S['loss_new']}.",
            spoken="to know which way and how steeply to change each weight",
            tex=r"to know which way, and how steeply, to change each weight",
        ),
        Choice(
            "to set the starting weights",
            f"No. The starting weights are chosen before descent begins (here w = {S['w_start']}). "
            f"Derivatives say how to change the weights from there, step by step.",
            spoken="to set the starting weights",
            tex=r"to set the starting weights",
        ),
        Choice(
            "to pick the learning rate η",
            f"No. The learning rate η is a setting chosen beforehand (here {S['eta']}). Each step "
            f"multiplies the derivative by it: {S['eta']} times {S['slope_at_start']} is "
            f"{S['step_size']}.",
            spoken="to pick the learning rate",
            tex=r"to pick the learning rate $\eta$",
        ),
    ),
)

QUESTIONS = (Q1, Q2, Q3)

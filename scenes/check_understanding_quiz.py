"""The three questions of the check-your-understanding scene: prompt, choices, answer, and why.

The scene shows the ``tex`` forms, the player page asks them with the explanations, and a unit test
checks that narration/check_understanding.md says the prompts, choices and answers held here. Every
number is computed in check_understanding_figures.
"""

from __future__ import annotations

from dataclasses import replace

from mathreel.numbers import decimal, minus
from mathreel.quiz import LETTERS, Choice, Question
from scenes import check_understanding_figures as fig
from scenes.common.calculus import value_at

S = fig.SHOWN


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
            f"local maximum, or neither. x³ is flat at 0 yet rises right through it: {_Q2_SIDES}.",
            spoken="false",
        ),
    ),
)

#: Q3 transfers the worked example (w = 5, slope 4: w decreases) to the other side of the minimum.
_W0, _W1, _SLOPE, _STEP = (
    S["w_start"],
    S["w_new"],
    minus(S["slope_at_start"]),
    minus(S["step_size"]),
)
_MINIMUM = str(fig.gd.MINIMUM)

Q3 = Question(
    ask_beat="q3_ask",
    answer_beat="q3_answer",
    prompt="Which way does one gradient-descent step move w?",
    prompt_tex=r"Which way does one gradient-descent step move $w$?",
    lettered=True,
    answer=1,
    choices=(
        Choice(
            "w decreases",
            f"No. That follows the slope's sign; gradient descent steps against it. The step "
            f"subtracts η times the slope: {S['eta']} times {_SLOPE} is {_STEP}, and subtracting "
            f"{_STEP} moves w up, from {_W0} to {_W1}.",
            spoken="w decreases",
            tex=r"$w$ decreases",
        ),
        Choice(
            "w increases",
            f"Right. The slope at w = {_W0} is {_SLOPE}: the loss falls as w grows, so the step "
            f"goes the other way from the slope's sign. With a learning rate of {S['eta']}, w "
            f"moves from {_W0} to {_W1}, toward the minimum at {_MINIMUM}, and the loss falls from "
            f"{S['loss_start']} to {S['loss_new']}.",
            spoken="w increases",
            tex=r"$w$ increases",
        ),
        Choice(
            f"w jumps straight to the minimum, {_MINIMUM}",
            f"No. One step moves w by η times the slope, not to the minimum: {S['eta']} times "
            f"{_SLOPE} is {_STEP}, so w moves from {_W0} only to {_W1}. Reaching {_MINIMUM} takes "
            f"many steps.",
            spoken=f"w jumps straight to {_MINIMUM}",
            tex=rf"$w$ jumps straight to the minimum, ${_MINIMUM}$",
        ),
        Choice(
            "it depends on the learning rate η",
            f"No. Gradient descent subtracts η times the slope, and η is positive: it sets how "
            f"far w moves, not which way. Here the slope is {_SLOPE}, so any η moves w up from "
            f"{_W0}.",
            spoken="it depends on the learning rate",
            tex=r"it depends on the learning rate $\eta$",
        ),
    ),
)


def letter_aloud(question: Question) -> Question:
    """Each choice of a lettered question spoken with its letter ("C: the slope of the tangent
    line"), so the answer's "It's C" points at something the listener heard."""
    return replace(
        question,
        choices=tuple(
            replace(c, spoken=f"{letter}: {c.spoken}")
            for letter, c in zip(LETTERS, question.choices, strict=False)
        ),
    )


Q1, Q3 = letter_aloud(Q1), letter_aloud(Q3)

QUESTIONS = (Q1, Q2, Q3)

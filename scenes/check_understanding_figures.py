"""Every number the check-your-understanding scene shows or says, computed with sympy."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal
from scenes import gradient_descent_figures as gd
from scenes.common.calculus import derivative, slope_at, tangent_line, value_at, x

#: The mark that ends each question's thinking pause (the last segment of its beat).
TIMES_UP = "times_up"


def think_seconds(plan) -> float:
    """The silence a question beat leaves for thinking, from its plan (a ``BeatPlan``): from the
    end of its speech to the mark after its closing ``{pause:N}``. The countdown lasts this long."""
    return plan.marks[TIMES_UP] - plan.speech_end


# -- Q1: f'(x0) is the slope of the tangent line at x0 -------------------------------------------------
Q1_CURVE = x**2
Q1_DERIVATIVE = derivative(Q1_CURVE)  # 2x
Q1_AT = sp.Rational(3, 2)
Q1_VALUE = value_at(Q1_CURVE, Q1_AT)  # 9/4
Q1_SLOPE = slope_at(Q1_CURVE, Q1_AT)  # 3
Q1_TANGENT = tangent_line(Q1_CURVE, Q1_AT)  # 3x - 9/4
Q1_RUN = sp.Integer(1)  # the slope triangle: one unit across ...
Q1_RISE = Q1_TANGENT.subs(x, Q1_AT + Q1_RUN) - Q1_VALUE  # ... and the tangent climbs 3

# -- Q2: f'(x0) = 0 does not make x0 a minimum: x^3 at 0 -------------------------------------------
Q2_CURVE = x**3
Q2_DERIVATIVE = derivative(Q2_CURVE)  # 3x^2
Q2_AT = sp.Integer(0)
Q2_SLOPE = slope_at(Q2_CURVE, Q2_AT)  # 0
Q2_STEP = sp.Rational(1, 10)
Q2_LEFT = value_at(Q2_CURVE, Q2_AT - Q2_STEP)  # -1/1000
Q2_CENTRE = value_at(Q2_CURVE, Q2_AT)  # 0
Q2_RIGHT = value_at(Q2_CURVE, Q2_AT + Q2_STEP)  # 1/1000

# -- Q2, second part: a flat tangent on a local maximum --------------------------------------------
Q2_HILL = -(x**2)
Q2_HILL_DERIVATIVE = derivative(Q2_HILL)  # -2x
Q2_HILL_SLOPE = slope_at(Q2_HILL, Q2_AT)  # 0: the same flat tangent as x^3 at 0

# -- Q3: a transfer item: the gradient-descent scene's loss, from the other side of its minimum -------
w = gd.w
LOSS = gd.LOSS  # (w - 3)^2
LOSS_DERIVATIVE = gd.LOSS_PRIME  # 2(w - 3)
#: Where the worked example started (w = 5, slope +4), mirrored through the minimum: w = 1, slope −4.
W_WORKED = gd.START  # 5
W_START = 2 * gd.MINIMUM - W_WORKED  # 1
LEARNING_RATE = gd.LEARNING_RATE  # 1/10
SLOPE_AT_START = LOSS_DERIVATIVE.subs(w, W_START)  # -4
#: η·L′(w), the amount subtracted from w: negative here, so w grows.
STEP_SIZE = LEARNING_RATE * SLOPE_AT_START  # -2/5
W_NEW = W_START - STEP_SIZE  # 7/5
LOSS_START = LOSS.subs(w, W_START)  # 4
LOSS_NEW = LOSS.subs(w, W_NEW)  # 64/25

#: Strings as they appear on screen and in the narration.
SHOWN = {
    "q1_at": decimal(Q1_AT, 1),  # "1.5"
    "q1_slope": decimal(Q1_SLOPE, 0),  # "3"
    "q1_run": decimal(Q1_RUN, 0),  # "1"
    "q1_rise": decimal(Q1_RISE, 0),  # "3"
    "q2_at": decimal(Q2_AT, 0),  # "0"
    "q2_slope": decimal(Q2_SLOPE, 0),  # "0"
    "q2_left_at": decimal(Q2_AT - Q2_STEP, 1),  # "-0.1"
    "q2_right_at": decimal(Q2_AT + Q2_STEP, 1),  # "0.1"
    "q2_left": decimal(Q2_LEFT, 3),  # "-0.001"
    "q2_centre": decimal(Q2_CENTRE, 0),  # "0"
    "q2_right": decimal(Q2_RIGHT, 3),  # "0.001"
    "q2_hill_slope": decimal(Q2_HILL_SLOPE, 0),  # "0"
    "w_worked": decimal(W_WORKED, 0),  # "5"
    "w_start": decimal(W_START, 0),  # "1"
    "eta": decimal(LEARNING_RATE, 1),  # "0.1"
    "slope_at_start": decimal(SLOPE_AT_START, 0),  # "-4"
    "step_size": decimal(STEP_SIZE, 1),  # "-0.4"
    "w_new": decimal(W_NEW, 1),  # "1.4"
    "loss_start": decimal(LOSS_START, 0),  # "4"
    "loss_new": decimal(LOSS_NEW, 2),  # "2.56"
}

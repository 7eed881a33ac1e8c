"""Every number of the chapter's three questions, from reverse passes over their graphs
(scenes.common.autodiff): a new composition, a node used twice, and the cost of a million-weight gradient."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal
from scenes import backprop_cost_figures as cost
from scenes.common import autodiff as ad
from scenes.common.calculus import x

# -- Q1: y = (2x − 1)³ at x = 3 --------------------------------------------------------------------
Q1_SLOPE, Q1_INTERCEPT, Q1_POWER = 2, -1, 3
Q1_AT = sp.Integer(3)


def q1_chain(x_value: sp.Expr) -> ad.Node:
    u = ad.affine("u", ad.leaf("x", x_value), Q1_SLOPE, Q1_INTERCEPT)
    return ad.power("y", u, Q1_POWER)


Q1_Y = q1_chain(Q1_AT)
Q1_U = Q1_Y.inputs[0]
Q1_OUTER = Q1_Y.local[0]  # 3u² = 75
Q1_INNER = Q1_U.local[0]  # 2
Q1_ANSWER = ad.backward(Q1_Y).grad(Q1_U.inputs[0])  # 150
Q1_ADDED = Q1_OUTER + Q1_INNER  # 77: the slip of adding along a path
Q1_EXPRESSION = q1_chain(x).value  # (2x − 1)³

# -- Q2: h = w·x with x = 3, used by two nodes that send back −2 and 0.5 ------------------------------
Q2_INPUT = sp.Integer(3)
Q2_WEIGHT = sp.Integer(1)  # any value: ∂h/∂w = x does not depend on it
Q2_ARRIVING = (sp.Integer(-2), sp.Rational(1, 2))


def q2_graph() -> ad.Node:
    """h = w·x feeds two nodes whose local derivatives (the loss beyond them being their sum)
    send back −2 and 0.5."""
    h = ad.mul("h", ad.leaf("w", Q2_WEIGHT), ad.leaf("x", Q2_INPUT))
    first, second = (ad.affine(n, h, g, 0) for n, g in zip("uv", Q2_ARRIVING, strict=True))
    return ad.add("L", first, second)


Q2_LOSS = q2_graph()
Q2_PASS = ad.backward(Q2_LOSS)
Q2_H = Q2_LOSS.inputs[0].inputs[0]
Q2_W = Q2_H.inputs[0]
Q2_SUM = Q2_PASS.grad(Q2_H)  # −1.5
Q2_ANSWER = Q2_PASS.grad(Q2_W)  # −4.5
Q2_ONE_PATH = Q2_ARRIVING[0] * Q2_INPUT  # −6: only the first path
Q2_MULTIPLIED = Q2_ARRIVING[0] * Q2_ARRIVING[1] * Q2_INPUT  # −3: paths multiplied, not added

# -- Q3: a million weights ------------------------------------------------------------------------
Q3_WEIGHTS = sp.Integer(10) ** 6
Q3_NUDGING = cost.nudging_passes(Q3_WEIGHTS)  # 1,000,001
Q3_CENTRAL = cost.central_passes(Q3_WEIGHTS)  # 2,000,000
Q3_BACKPROP = cost.BACKPROP_PASSES  # about 3


def shown(value: sp.Expr) -> str:
    """An integer as it is, else one decimal place (the answers are halves), ASCII minus."""
    return str(value) if value.is_integer else decimal(value, 1)


def grouped(n: sp.Integer) -> str:
    """1000001 as 1,000,001."""
    return f"{int(n):,}"


SHOWN = {
    "q1_at": str(Q1_AT),
    "q1_u": str(Q1_U.value),
    "q1_outer": str(Q1_OUTER),
    "q1_inner": str(Q1_INNER),
    "q1_answer": str(Q1_ANSWER),
    "q1_added": str(Q1_ADDED),
    "q1_y": str(Q1_Y.value),
    "q2_x": str(Q2_INPUT),
    "q2_arriving": [shown(g) for g in Q2_ARRIVING],
    "q2_sum": shown(Q2_SUM),
    "q2_answer": shown(Q2_ANSWER),
    "q2_one_path": shown(Q2_ONE_PATH),
    "q2_multiplied": shown(Q2_MULTIPLIED),
    "q3_weights": grouped(Q3_WEIGHTS),
    "q3_nudging": grouped(Q3_NUDGING),
    "q3_central": grouped(Q3_CENTRAL),
    "q3_backprop": str(Q3_BACKPROP),
}

"""The cost bars and the vanishing-gradient bound."""

from __future__ import annotations

import sympy as sp

from scenes import backprop_cost_figures as cost
from scenes import vanishing_gradients_figures as vg


def test_cost() -> None:
    assert cost.NUDGING == (11, 1001, 10**9 + 1)
    assert cost.BACKPROP_PASSES == 3
    assert cost.SHOWN["nudging"] == ["11", "1001", "10^{9} + 1"]
    assert cost.SHOWN["billion_ratio_exponent"] == "8"


def test_the_sigmoid_bound() -> None:
    z = vg.z
    assert vg.PEAK_AT == 0 and vg.PEAK == sp.Rational(1, 4)
    # σ′ ≤ 1/4 everywhere: σ′ = σ(1 − σ), and p(1 − p) ≤ 1/4.
    assert sp.simplify(vg.SIGMOID_PRIME - vg.SIGMOID * (1 - vg.SIGMOID)) == 0
    assert all(vg.SIGMOID_PRIME.subs(z, t) <= sp.Rational(1, 4) for t in range(-6, 7))
    assert vg.BOUND == sp.Rational(1, 4) ** 10
    assert (vg.BOUND_MANTISSA, vg.BOUND_EXPONENT) == ("9.5", -7)


def test_the_quiz_numbers() -> None:
    from scenes import backprop_check_figures as q
    from scenes.common.calculus import x

    assert (q.Q1_U.value, q.Q1_OUTER, q.Q1_INNER, q.Q1_ANSWER) == (5, 75, 2, 150)
    assert q.Q1_ANSWER == sp.diff(q.Q1_EXPRESSION, x).subs(x, 3)
    assert (q.Q2_SUM, q.Q2_ANSWER) == (sp.Rational(-3, 2), sp.Rational(-9, 2))
    assert q.Q3_NUDGING == 10**6 + 1 and q.Q3_CENTRAL == 2 * 10**6

"""The one-neuron numbers: forward, backward, the finite-difference check and one step."""

from __future__ import annotations

import sympy as sp

from scenes import neuron_backward_figures as fig


def test_forward() -> None:
    assert (fig.Z.value, fig.A.value, fig.LOSS.value) == (0, sp.Rational(1, 2), sp.Rational(1, 4))


def test_backward_edge_by_edge() -> None:
    assert fig.DL_DA == -1 and fig.DA_DZ == sp.Rational(1, 4)
    assert fig.DL_DZ == sp.Rational(-1, 4) == fig.DL_DA * fig.DA_DZ
    assert fig.DL_DW == sp.Rational(-1, 2) == fig.DL_DZ * fig.INPUT
    assert fig.DL_DB == sp.Rational(-1, 4) == fig.DL_DZ * 1
    assert [(m.node.name, m.to.name) for m in fig.EDGES] == [
        ("L", "a"),
        ("a", "z"),
        ("z", "w"),
        ("z", "b"),
    ]


def test_the_finite_difference_check() -> None:
    assert fig.SHOWN["finite_difference"] == "-0.4999999983"
    assert fig.SHOWN["fd_error"] == "1.7e-09"
    assert fig.THIRD_DERIVATIVE == 1
    assert abs(sp.N(fig.FD_ERROR / fig.PREDICTED_ERROR) - 1) < sp.Rational(1, 100)
    # The float computation a learner would run agrees to its last digits.
    import math

    def loss(w: float) -> float:
        return (1 / (1 + math.exp(-(w * 2 - 1))) - 1) ** 2

    assert abs((loss(0.5001) - loss(0.4999)) / 2e-4 - float(fig.FINITE_DIFFERENCE)) < 1e-11


def test_one_step() -> None:
    assert (fig.NEW_WEIGHT, fig.NEW_BIAS) == (sp.Rational(3, 4), sp.Rational(-7, 8))
    assert fig.NEW_Z.value == sp.Rational(5, 8)
    s = fig.SHOWN
    assert (s["new_a"], s["new_L"], s["ratio"]) == ("0.6514", "0.1216", "0.486")
    assert fig.CURVATURE == sp.Rational(5, 8)
    assert fig.CURVATURE < fig.CHAPTER_1_CURVATURE / 3

"""The two-layer chain's numbers, and the product along w₁'s path."""

from __future__ import annotations

import sympy as sp

from scenes import two_layer_chain_figures as fig


def test_forward() -> None:
    assert (fig.Z.value, fig.H.value, fig.Y.value, fig.LOSS.value) == (2, 2, 0, 1)


def test_backward() -> None:
    g = fig.GRADS
    assert (g["y"], g["w2"], g["b2"], g["h"], g["z"], g["w1"], g["b1"]) == (
        -2,
        -4,
        -2,
        1,
        1,
        sp.Rational(3, 2),
        1,
    )
    assert fig.LOCAL[("h", "z")] == 1  # the unit is active


def test_the_path_multiplies_and_the_shared_factor_is_reused() -> None:
    assert fig.PATH_FACTORS == (-2, sp.Rational(-1, 2), 1, sp.Rational(3, 2))
    assert sp.prod(fig.PATH_FACTORS) == fig.GRADS["w1"]
    assert fig.NEGATIVE_FACTORS == 2 and fig.GRADS["w1"] > 0  # the prediction's answer
    # dL/dh is sent on once; both w₁ and b₁ get their gradient from it through z.
    assert [(m.node.name, m.to.name) for m in fig.EDGES if m.node.name == "h"] == [("h", "z")]
    assert fig.SHOWN["path"] == ["-2", "-0.5", "1", "1.5"]

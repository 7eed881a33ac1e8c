"""The chain-rule scene's numbers: (3x + 1)² at 1 (nudges multiply) and L = u·v at 2 (paths add)."""

from __future__ import annotations

import sympy as sp

from scenes import chain_rule_figures as fig
from scenes.common.calculus import x


def test_nudges_multiply() -> None:
    assert (fig.U.value, fig.Y.value) == (4, 16)
    assert (fig.DY_DU, fig.DU_DX, fig.DY_DX) == (8, 3, 24)
    assert fig.DY_DX == fig.DY_DU * fig.DU_DX
    assert fig.ADDED == 11  # the prediction's wrong choice: the stretches added
    assert fig.DY_DX == sp.diff(fig.COMPOSITION, x).subs(x, 1)


def test_the_nudge_check() -> None:
    assert fig.NUDGED_Y == sp.Rational("16.024009")
    assert fig.Y_CHANGE == sp.Rational("0.024009")
    assert fig.PREDICTED_CHANGE == sp.Rational("0.024") == 24 * sp.Rational("0.001")
    assert fig.U_CHANGE == 3 * fig.NUDGE
    assert fig.SHOWN["nudged_y"] == "16.024009" and fig.SHOWN["y_change"] == "0.024009"


def test_paths_add() -> None:
    assert (fig.L_F.value, fig.L_G.value, fig.L.value) == (4, 6, 24)
    assert (fig.VIA_F, fig.VIA_G) == (24, 12)  # g · 2x and f · 3
    assert fig.PATHS_TOTAL == 36 == fig.VIA_F + fig.VIA_G
    assert fig.DIRECT == 3 * x**3 and fig.DIRECT_DERIVATIVE.subs(x, 2) == 36


def test_the_leftover_is_the_square_of_the_u_nudge() -> None:
    assert fig.LEFTOVER == fig.U_CHANGE**2 == sp.Rational(9, 10**6)
    assert fig.SHOWN["leftover"] == "0.000009"

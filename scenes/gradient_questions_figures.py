"""The chapter's questions answered: one-weight slopes moved together (the gradient step), moved
one after another, and the same bowl with w₂ measured in other units (v = 2w₂)."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal
from scenes import descent_in_two_weights_figures as dtw
from scenes import learning_rate_limit_figures as lr
from scenes import partial_derivatives_figures as pd

w1, w2 = pd.w1, pd.w2
ETA = dtw.ETA

#: One weight after the other, each with the slope recomputed at the point as it then stands.
_after_w1 = (
    pd.POINT[0] - ETA * pd.PARTIALS[0].subs({w1: pd.POINT[0], w2: pd.POINT[1]}),
    pd.POINT[1],
)
SEQUENTIAL = (
    _after_w1[0],
    _after_w1[1] - ETA * pd.PARTIALS[1].subs({w1: _after_w1[0], w2: _after_w1[1]}),
)
TOGETHER = dtw.FIRST_STEP  # (4.6, 1.2): the same here, since ∂L/∂w₂ does not depend on w₁

#: w₂ measured in half-units: v = 2w₂. The same loss is a round bowl in (w₁, v).
v = sp.Symbol("v", real=True)
SCALE = sp.Integer(2)
ROUND = sp.expand(pd.LOSS.subs(w2, v / SCALE))  # (w₁ − 3)² + (v − 2)²
ROUND_POINT = (pd.POINT[0], SCALE * pd.POINT[1])  # (5, 4)
ROUND_MINIMUM = (pd.MINIMUM[0], SCALE * pd.MINIMUM[1])  # (3, 2)
ROUND_GRADIENT = tuple(
    sp.diff(ROUND, x).subs({w1: ROUND_POINT[0], v: ROUND_POINT[1]}) for x in (w1, v)
)  # (4, 4)
ROUND_TO_MINIMUM = tuple(m - p for m, p in zip(ROUND_MINIMUM, ROUND_POINT, strict=True))  # (−2, −2)
#: Zero: −∇L is parallel to the way to the minimum (a 2×2 determinant).
ROUND_CROSS = ROUND_GRADIENT[0] * ROUND_TO_MINIMUM[1] - ROUND_GRADIENT[1] * ROUND_TO_MINIMUM[0]
ROUND_LEVEL = ROUND.subs({w1: ROUND_POINT[0], v: ROUND_POINT[1]})  # 8, the same loss

SHOWN = {
    "eta": decimal(ETA, 1),
    "new_w1": dtw.SHOWN["new_w1"],
    "new_w2": dtw.SHOWN["new_w2"],
    "scale": str(SCALE),
    "rp_w1": str(ROUND_POINT[0]),
    "rp_v": str(ROUND_POINT[1]),
    "rm_w1": str(ROUND_MINIMUM[0]),
    "rm_v": str(ROUND_MINIMUM[1]),
    "rg1": str(ROUND_GRADIENT[0]),
    "rg2": str(ROUND_GRADIENT[1]),
    "cap": lr.SHOWN["cap"],
    "big_eta": lr.SHOWN["eta_4"],
    "big_factor": lr.SHOWN["f2_4"],
    "big_factor_size": lr.SHOWN["f2_4_size"],
    "c2": lr.SHOWN["c2"],
    "two": str(lr.CAP * max(lr.CURVATURES)),
}

"""Chapter 2's running loss L(w₁, w₂) = (w₁ − 3)² + 4(w₂ − 1)² at (5, 2): its value, its slices
and their slopes (the partial derivatives), and the gradient they make. Every number exact (sympy)."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal
from scenes import gradient_descent_figures as gd

w1, w2 = sp.symbols("w1 w2", real=True)
WEIGHTS = (w1, w2)

#: The bowl, stretched along w₁ (steeper along w₂): Chapter 1's loss in w₁ plus four times a
#: one-weight loss in w₂.
STRETCH = sp.Integer(4)
LOSS = (w1 - gd.MINIMUM) ** 2 + STRETCH * (w2 - 1) ** 2
MINIMUM = (gd.MINIMUM, sp.Integer(1))  # (3, 1)
POINT = (gd.START, sp.Integer(2))  # (5, 2)
AT_POINT = dict(zip(WEIGHTS, POINT, strict=True))
LOSS_AT_POINT = LOSS.subs(AT_POINT)  # 8

#: ∂L/∂w₁ = 2(w₁ − 3), ∂L/∂w₂ = 8(w₂ − 1): each an ordinary derivative, the other weight held fixed.
PARTIALS = tuple(sp.diff(LOSS, v) for v in WEIGHTS)
GRADIENT = tuple(p.subs(AT_POINT) for p in PARTIALS)  # (4, 8)

#: The slice w₂ = 2: Chapter 1's curve (w₁ − 3)² lifted by 4, so the same slope, 4, at w₁ = 5.
SLICE_W1 = LOSS.subs(w2, POINT[1])  # (w1 − 3)² + 4
SLICE_LIFT = sp.expand(SLICE_W1 - gd.LOSS.subs(gd.w, w1))  # 4
SLICE_W1_SLOPE = sp.diff(SLICE_W1, w1).subs(w1, POINT[0])  # 4
#: The slice w₁ = 5: 4 + 4(w₂ − 1)², slope 8 at w₂ = 2.
SLICE_W2 = LOSS.subs(w1, POINT[0])
SLICE_W2_SLOPE = sp.diff(SLICE_W2, w2).subs(w2, POINT[1])  # 8
#: Their constant parts, as the slices are written on screen: 4 in both.
SLICE_W1_CONSTANT = SLICE_W1.subs(w1, MINIMUM[0])
SLICE_W2_CONSTANT = SLICE_W2.subs(w2, MINIMUM[1])

#: The square of weights the surface is drawn over, and the loss shown up to this height.
W1_RANGE = (0, 6)
W2_RANGE = (0, 2.5)
LOSS_TOP = 16


def coefficient(partial: sp.Expr) -> sp.Expr:
    """The 2 of 2(w₁ − 3), the 8 of 8(w₂ − 1)."""
    return sp.factor(partial).as_coeff_Mul()[0]


#: Every number the scene shows or the narration says, as printed.
SHOWN = {
    "min_w1": str(MINIMUM[0]),
    "min_w2": str(MINIMUM[1]),
    "stretch": str(STRETCH),
    "p_w1": str(POINT[0]),
    "p_w2": str(POINT[1]),
    "loss": str(LOSS_AT_POINT),
    "c1": str(coefficient(PARTIALS[0])),
    "c2": str(coefficient(PARTIALS[1])),
    "g1": str(GRADIENT[0]),
    "g2": str(GRADIENT[1]),
    "lift": str(SLICE_LIFT),
    "eta": decimal(gd.LEARNING_RATE, 1),
    "ch1_new": gd.NEW_WEIGHT_TEXT,
    "min_loss": str(LOSS.subs(dict(zip(WEIGHTS, MINIMUM, strict=True)))),
}

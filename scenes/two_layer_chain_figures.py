"""Every number of the two-layer chain: z = w₁x + b₁, h = ReLU(z), y = w₂h + b₂, L = (y − t)² with
x = 1.5, w₁ = 2, b₁ = −1, w₂ = −0.5, b₂ = 1, t = 1; its backward pass from scenes.common.autodiff."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal
from scenes.common import autodiff as ad

INPUT = sp.Rational(3, 2)  # x: data, held fixed
TARGET = sp.Integer(1)
START = {"w1": sp.Integer(2), "b1": sp.Integer(-1), "w2": sp.Rational(-1, 2), "b2": sp.Integer(1)}


def chain(w1: sp.Expr, b1: sp.Expr, w2: sp.Expr, b2: sp.Expr) -> ad.Node:
    """The forward pass; returns the loss node L."""
    z = ad.linear("z", ad.leaf("w1", w1), ad.leaf("x", INPUT), ad.leaf("b1", b1))
    h = ad.relu("h", z)
    y = ad.linear("y", ad.leaf("w2", w2), h, ad.leaf("b2", b2))
    return ad.squared_error("L", y, TARGET)


LOSS = chain(**START)
Y = LOSS.inputs[0]
W2, H, B2 = Y.inputs
Z = H.inputs[0]
W1, X, B1 = Z.inputs
PASS = ad.backward(LOSS)
NODES = {"L": LOSS, "y": Y, "w2": W2, "h": H, "b2": B2, "z": Z, "w1": W1, "b1": B1}
#: dL/d(node) for every node the picture shows.
GRADS = {name: PASS.grad(node) for name, node in NODES.items()}
#: Each edge's local derivative, by (user, input).
LOCAL = {(m.node.name, m.to.name): m.local for m in PASS.messages}
#: The edges of the backward pass in the order it ran (not the data input x's).
EDGES = tuple(m for m in PASS.messages if m.to is not X)
#: The path from L to w₁: its local derivatives, whose product is dL/dw₁.
PATH_TO_W1 = (("L", "y"), ("y", "h"), ("h", "z"), ("z", "w1"))
PATH_FACTORS = tuple(LOCAL[edge] for edge in PATH_TO_W1)  # −2, −0.5, 1, 1.5
#: How many of them are negative: two, so the product, dL/dw₁, is positive.
NEGATIVE_FACTORS = sum(1 for f in PATH_FACTORS if f < 0)
#: dL/dh, computed once and used for both w₁ and b₁.
SHARED = GRADS["h"]


def shown(value: sp.Expr) -> str:
    """A value as the screen prints it: an integer, else one decimal place (all are halves)."""
    return str(value) if value.is_integer else decimal(value, 1)


SHOWN = {
    "x": shown(INPUT),
    "t": str(TARGET),
    **{name: shown(value) for name, value in START.items()},
    "w1_x": shown(START["w1"] * INPUT),  # 3, said on the way to z
    "w2_h": shown(START["w2"] * H.value),  # −1, said on the way to y
    "z": shown(Z.value),
    "h": shown(H.value),
    "y": shown(Y.value),
    "L": shown(LOSS.value),
    **{f"d_{name}": shown(g) for name, g in GRADS.items()},
    "relu_slope": shown(LOCAL[("h", "z")]),
    "path": [shown(f) for f in PATH_FACTORS],
}

"""Every number of the chain-rule scene: y = (3x + 1)² at x = 1 (nudges multiply) and L = f·g with
f = x², g = 3x at x = 2 (paths add), each from a reverse pass over its graph (scenes.common.autodiff)."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal
from scenes.common import autodiff as ad
from scenes.common.calculus import x

# -- nudges multiply: x → u = 3x + 1 → y = u² ------------------------------------------------------
SLOPE, INTERCEPT = 3, 1
COMPOSITION = (SLOPE * x + INTERCEPT) ** 2
AT = sp.Integer(1)
NUDGE = sp.Rational(1, 1000)


def chain(x: sp.Expr) -> ad.Node:
    """The graph x → u → y; returns y."""
    u = ad.affine("u", ad.leaf("x", x), SLOPE, INTERCEPT)
    return ad.square("y", u)


Y = chain(AT)
U = Y.inputs[0]
X = U.inputs[0]
PASS = ad.backward(Y)
DY_DU = Y.local[0]  # 2u = 8
DU_DX = U.local[0]  # 3
DY_DX = PASS.grad(X)  # 24
#: The prediction's wrong choice: the two stretches added instead of multiplied.
ADDED = DY_DU + DU_DX  # 11
#: The check by nudging: x = 1.001.
NUDGED_AT = AT + NUDGE
NUDGED_Y = chain(NUDGED_AT).value  # 16.024009
NUDGED_U = chain(NUDGED_AT).inputs[0].value  # 4.003
Y_CHANGE = NUDGED_Y - Y.value  # 0.024009
U_CHANGE = NUDGED_U - U.value  # 0.003
PREDICTED_CHANGE = DY_DX * NUDGE  # 0.024
#: What the chain rule's straight-line prediction misses: exactly (du)², the square's bend.
LEFTOVER = Y_CHANGE - PREDICTED_CHANGE  # 0.000009 = 0.003²
#: The nudges drawn on the number lines, magnified so they can be seen: dx, then du = 3·dx, then
#: dy = 8·du (the lines' units are chosen so each stretch shows).
SHOWN_NUDGE = sp.Rational(3, 20)

# -- paths add: L = f·g, f = x², g = 3x ---------------------------------------------------------------
PATHS_AT = sp.Integer(2)


def two_paths(x: sp.Expr) -> ad.Node:
    """x feeds f = x² and g = 3x; L = f·g. Returns L."""
    x_node = ad.leaf("x", x)
    f = ad.square("f", x_node)
    g = ad.affine("g", x_node, 3, 0)
    return ad.mul("L", f, g)


L = two_paths(PATHS_AT)
L_F, L_G = L.inputs
L_X = L_F.inputs[0]
PATHS = ad.backward(L)
#: Each path's product: dL/df · df/dx and dL/dg · dg/dx, the two messages that reach x.
_ROUTES = {m.node.name: m.product for m in PATHS.arriving(L_X)}
VIA_F, VIA_G = _ROUTES["f"], _ROUTES["g"]  # g · 2x = 24, f · 3 = 12
PATHS_TOTAL = PATHS.grad(L_X)  # 36
DIRECT = sp.expand(two_paths(x).value)  # 3x³
DIRECT_DERIVATIVE = sp.diff(DIRECT, x)  # 9x²

SHOWN = {
    "at": str(AT),
    "u": str(U.value),
    "y": str(Y.value),
    "dy_du": str(DY_DU),
    "du_dx": str(DU_DX),
    "dy_dx": str(DY_DX),
    "added": str(ADDED),
    "nudge": decimal(NUDGE, 3),
    "nudged_at": decimal(NUDGED_AT, 3),
    "nudged_u": decimal(NUDGED_U, 3),
    "nudged_y": decimal(NUDGED_Y, 6),
    "u_change": decimal(U_CHANGE, 3),
    "y_change": decimal(Y_CHANGE, 6),
    "predicted_change": decimal(PREDICTED_CHANGE, 3),
    "leftover": decimal(LEFTOVER, 6),
    "paths_at": str(PATHS_AT),
    "paths_f": str(L_F.value),
    "paths_g": str(L_G.value),
    "paths_l": str(L.value),
    "dl_df": str(L.local[0]),  # g = 6
    "dl_dg": str(L.local[1]),  # f = 4
    "df_dx": str(L_F.local[0]),  # 2x = 4
    "dg_dx": str(L_G.local[0]),  # 3
    "via_f": str(VIA_F),
    "via_g": str(VIA_G),
    "total": str(PATHS_TOTAL),
    "direct": str(DIRECT_DERIVATIVE.subs(x, PATHS_AT)),
}

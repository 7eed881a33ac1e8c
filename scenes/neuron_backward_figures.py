"""Every number of the one-neuron scenes: z = w·x + b, a = σ(z), L = (a − t)² with x = 2, w = 0.5,
b = −1, t = 1; its backward pass (scenes.common.autodiff), the finite-difference check, and one step."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal, scientific
from scenes import gradient_descent_figures as gd
from scenes.common import autodiff as ad

INPUT = sp.Integer(2)  # x: data, held fixed
WEIGHT = sp.Rational(1, 2)
BIAS = sp.Integer(-1)
TARGET = sp.Integer(1)
START = {"w": WEIGHT, "b": BIAS}


def neuron(w: sp.Expr, b: sp.Expr) -> ad.Node:
    """The forward pass at weight ``w`` and bias ``b``; returns the loss node L."""
    z = ad.linear("z", ad.leaf("w", w), ad.leaf("x", INPUT), ad.leaf("b", b))
    a = ad.sigmoid("a", z)
    return ad.squared_error("L", a, TARGET)


LOSS = neuron(**START)
A = LOSS.inputs[0]
Z = A.inputs[0]
W, X, B = Z.inputs
PASS = ad.backward(LOSS)

# forward: z = 0, a = 0.5, L = 0.25
# backward, edge by edge from the loss: dL/da = 2(a − t) = −1, da/dz = σ(z)(1 − σ(z)) = 0.25,
# dL/dz = −0.25, dL/dw = dL/dz · x = −0.5, dL/db = dL/dz · 1 = −0.25.
DL_DA = PASS.grad(A)
DA_DZ = A.local[0]
DL_DZ = PASS.grad(Z)
DZ_DW, DZ_DB = Z.local[0], Z.local[2]
DL_DW = PASS.grad(W)
DL_DB = PASS.grad(B)
GRADIENT = (DL_DW, DL_DB)
#: The edges of the backward pass in the order it ran (the data input x's edge is left out:
#: x is held fixed, nothing learns it).
EDGES = tuple(m for m in PASS.messages if m.to is not X)

# -- the check: a central difference on w, ε = 10⁻⁴ ---------------------------------------------------
EPSILON = sp.Rational(1, 10**4)
FINITE_DIFFERENCE = ad.central_difference(neuron, START, "w", EPSILON)  # ≈ −0.4999999983
FD_ERROR = FINITE_DIFFERENCE - DL_DW  # ≈ 1.7 × 10⁻⁹
#: L as a function of w alone; its third derivative at the start: the error is ≈ ε²·L‴/6.
w = sp.Symbol("w", real=True)
#: The loss along w with b held at −1 (the curve the check's picture draws).
LOSS_ALONG_W = neuron(w, BIAS).value
THIRD_DERIVATIVE = sp.simplify(sp.diff(LOSS_ALONG_W, w, 3).subs(w, WEIGHT))  # 1
PREDICTED_ERROR = EPSILON**2 * THIRD_DERIVATIVE / 6

# -- one step of gradient descent: w ← w − η·∂L/∂w, b ← b − η·∂L/∂b ---------------------------------
LEARNING_RATE = sp.Rational(1, 2)
NEW_WEIGHT = WEIGHT - LEARNING_RATE * DL_DW  # 0.75
NEW_BIAS = BIAS - LEARNING_RATE * DL_DB  # −0.875
AFTER = neuron(NEW_WEIGHT, NEW_BIAS)
NEW_A = AFTER.inputs[0]
NEW_Z = NEW_A.inputs[0]
RATIO = AFTER.value / LOSS.value  # 0.486: roughly halved
#: Why η = 0.5 is safe here: near the start the loss bends at most this sharply in any direction of
#: (w, b) (the Hessian's largest eigenvalue), a third of Chapter 1's (w − 3)², whose L″ is 2.
_b = sp.Symbol("b", real=True)
_SURFACE = neuron(w, _b).value
HESSIAN = sp.hessian(_SURFACE, (w, _b)).subs({w: WEIGHT, _b: BIAS}).applyfunc(sp.simplify)
CURVATURE = max(HESSIAN.eigenvals(), key=float)  # 5/8
CHAPTER_1_CURVATURE = sp.diff(gd.LOSS, gd.w, 2)  # L″ of Chapter 1's (w − 3)²: 2


SHOWN = {
    "x": str(INPUT),
    "w": decimal(WEIGHT, 1),
    "b": str(BIAS),
    "t": str(TARGET),
    "z": str(Z.value),
    "a": decimal(A.value, 1),
    "one_minus_a": decimal(1 - A.value, 1),
    "L": decimal(LOSS.value, 2),
    "dl_da": str(DL_DA),
    "da_dz": decimal(DA_DZ, 2),
    "dl_dz": decimal(DL_DZ, 2),
    "dz_dw": str(DZ_DW),
    "dz_db": str(DZ_DB),
    "dl_dw": decimal(DL_DW, 1),
    "dl_db": decimal(DL_DB, 2),
    "epsilon_exponent": str(-sp.multiplicity(10, EPSILON.q)),  # ε = 10⁻⁴
    "finite_difference": decimal(FINITE_DIFFERENCE, 10),
    "fd_error": f"{float(FD_ERROR):.1e}",
    "fd_error_mantissa": scientific(FD_ERROR)[0],  # 1.7
    "fd_error_exponent": str(scientific(FD_ERROR)[1]),  # -9: billionths
    "third_derivative": str(THIRD_DERIVATIVE),
    "chapter_1_curvature": str(CHAPTER_1_CURVATURE),
    "chapter_1_eta": decimal(gd.LEARNING_RATE, 1),
    "eta": decimal(LEARNING_RATE, 1),
    "new_w": decimal(NEW_WEIGHT, 2),
    "new_b": decimal(NEW_BIAS, 3),
    "new_z": decimal(NEW_Z.value, 3),
    "new_a": decimal(NEW_A.value, 4),
    "new_L": decimal(AFTER.value, 4),
    "ratio": decimal(RATIO, 3),
    "curvature": decimal(CURVATURE, 3),
    "step_w": decimal(-LEARNING_RATE * DL_DW, 2),
    "step_b": decimal(-LEARNING_RATE * DL_DB, 3),
}

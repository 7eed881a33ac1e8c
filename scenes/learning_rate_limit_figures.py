"""Four learning rates on (w₁ − 3)² + 4(w₂ − 1)² from (5, 2): smooth, zigzag, bouncing, diverging;
and why the cap is 2 over the largest curvature, 2/8."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal
from scenes import descent_in_two_weights_figures as dtw
from scenes import partial_derivatives_figures as pd

R = sp.Rational
RATES = (R(1, 10), R(1, 5), R(1, 4), R(3, 10))
#: Steps drawn on each map (the diverging path is clipped to the map).
DRAWN_STEPS = 20
PATHS = {eta: dtw.path(eta, DRAWN_STEPS) for eta in RATES}
FACTORS = {eta: dtw.factors(eta) for eta in RATES}

#: The second derivatives along each weight: the bowl's curvatures.
CURVATURES = tuple(sp.diff(pd.LOSS, v, 2) for v in pd.WEIGHTS)  # (2, 8)
HESSIAN = sp.hessian(pd.LOSS, pd.WEIGHTS)
#: Each offset is multiplied by 1 − η·curvature per step: below −1 once η > 2/curvature.
CAP = 2 / max(CURVATURES)  # 1/4
#: Along the gradient at (5, 2), the steepest direction, the curvature is uᵀHu = 6.8: the cap
#: is set by the largest curvature (8), not by the steepest slope's direction.
_u = sp.Matrix(pd.GRADIENT) / sp.sqrt(sum(g**2 for g in pd.GRADIENT))
CURVATURE_ALONG_GRADIENT = sp.simplify((_u.T * HESSIAN * _u)[0])  # 34/5

SMOOTH, ZIGZAG, BOUNCE, DIVERGE = RATES
ZIGZAG_W2 = tuple(p[1] for p in PATHS[ZIGZAG][:4])  # 2, 0.4, 1.36, 0.784
BOUNCE_W2 = tuple(p[1] for p in PATHS[BOUNCE][:4])  # 2, 0, 2, 0
DIVERGE_W2 = tuple(p[1] for p in PATHS[DIVERGE][:5])  # 2, −0.4, 2.96, −1.744, 4.84
DIVERGE_LOSSES = tuple(dtw.loss_at(p) for p in PATHS[DIVERGE][:2])  # 8, 8.48
DIVERGE_FAR = PATHS[DIVERGE][DRAWN_STEPS][1]  # ≈ 837.7
SMOOTH_FAR = PATHS[SMOOTH][DRAWN_STEPS]


def shown(value: sp.Expr) -> str:
    return dtw.shown(value)


SHOWN = {
    "eta_1": decimal(SMOOTH, 1),
    "eta_2": decimal(ZIGZAG, 1),
    "eta_3": decimal(BOUNCE, 2),
    "eta_4": decimal(DIVERGE, 1),
    "f1_1": decimal(FACTORS[SMOOTH].w1, 1),
    "f2_1": decimal(FACTORS[SMOOTH].w2, 1),
    "f1_2": decimal(FACTORS[ZIGZAG].w1, 1),
    "f2_2": decimal(FACTORS[ZIGZAG].w2, 1),
    "f2_2_size": decimal(abs(FACTORS[ZIGZAG].w2), 1),
    "f1_3": decimal(FACTORS[BOUNCE].w1, 1),
    "f2_3": str(FACTORS[BOUNCE].w2),
    "f2_3_size": str(abs(FACTORS[BOUNCE].w2)),
    "f1_4": decimal(FACTORS[DIVERGE].w1, 1),
    "f2_4": decimal(FACTORS[DIVERGE].w2, 1),
    "f2_4_size": decimal(abs(FACTORS[DIVERGE].w2), 1),
    "z0": shown(ZIGZAG_W2[0]),
    "z1": shown(ZIGZAG_W2[1]),
    "z2": shown(ZIGZAG_W2[2]),
    "z3": shown(ZIGZAG_W2[3]),
    "b0": shown(BOUNCE_W2[0]),
    "b1": shown(BOUNCE_W2[1]),
    "d0": shown(DIVERGE_W2[0]),
    "d1": shown(DIVERGE_W2[1]),
    "d1_size": shown(-DIVERGE_W2[1]),
    "d2": shown(DIVERGE_W2[2]),
    "d3": shown(DIVERGE_W2[3]),
    "d3_size": shown(-DIVERGE_W2[3]),
    "d4": decimal(DIVERGE_W2[4], 2),
    "loss_0": shown(DIVERGE_LOSSES[0]),
    "loss_1": shown(DIVERGE_LOSSES[1]),
    "far_step": str(DRAWN_STEPS),
    "far_w2": decimal(DIVERGE_FAR, 0),
    "smooth_w1": decimal(SMOOTH_FAR[0], 3),
    "smooth_w2": decimal(SMOOTH_FAR[1], 3),
    "c1": str(CURVATURES[0]),
    "c2": str(CURVATURES[1]),
    "two": "2",
    "one": "1",
    "cap": decimal(CAP, 2),
    "c_grad": decimal(CURVATURE_ALONG_GRADIENT, 1),
}

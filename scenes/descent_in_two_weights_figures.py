"""Gradient descent on (w₁ − 3)² + 4(w₂ − 1)² from (5, 2): the step w ← w − η∇L, exactly, and the
paths for the learning rates the chapter compares."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from mathreel.numbers import decimal
from scenes import gradient_descent_figures as gd
from scenes import partial_derivatives_figures as pd

W = pd.WEIGHTS
ETA = gd.LEARNING_RATE  # 0.1, Chapter 1's


def gradient_at(point: tuple[sp.Expr, sp.Expr]) -> tuple[sp.Expr, sp.Expr]:
    at = dict(zip(W, point, strict=True))
    return tuple(p.subs(at) for p in pd.PARTIALS)


def loss_at(point: tuple[sp.Expr, sp.Expr]) -> sp.Expr:
    return pd.LOSS.subs(dict(zip(W, point, strict=True)))


def step(point: tuple[sp.Expr, sp.Expr], eta: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """One update, w ← w − η∇L(w), exact."""
    return tuple(sp.expand(v - eta * g) for v, g in zip(point, gradient_at(point), strict=True))


def path(eta: sp.Expr, steps: int, start=pd.POINT) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    """The points visited from ``start``: 0, 1, ..., ``steps`` updates."""
    points = [tuple(sp.sympify(v) for v in start)]
    for _ in range(steps):
        points.append(step(points[-1], eta))
    return tuple(points)


@dataclass(frozen=True)
class Factors:
    """Per step, w₁ − 3 and w₂ − 1 are multiplied by these: 1 − 2η and 1 − 8η."""

    w1: sp.Expr
    w2: sp.Expr


def factors(eta: sp.Expr) -> Factors:
    """From the update itself: (w_new − w_min) / (w − w_min) along each weight."""
    new = step(W, eta)
    return Factors(
        *(sp.simplify((n - m) / (v - m)) for n, v, m in zip(new, W, pd.MINIMUM, strict=True))
    )


FAR_STEP = gd.FAR_STEP  # 20
PATH = path(ETA, FAR_STEP)
FIRST_STEP = PATH[1]  # (4.6, 1.2)
STEP_VECTOR = tuple(ETA * g for g in pd.GRADIENT)  # (0.4, 0.8)
NEW_LOSS = loss_at(FIRST_STEP)  # 2.72
FACTORS = factors(ETA)  # 0.8, 0.2
#: w₂'s distance from 1, step by step: 1, 0.2, 0.04, 0.008.
W2_OFFSETS = tuple(p[1] - pd.MINIMUM[1] for p in PATH[:4])

#: −∇L at (5, 2) against the way to the minimum: not the same direction.
DESCENT = tuple(-g for g in pd.GRADIENT)  # (−4, −8)
TO_MINIMUM = tuple(m - p for m, p in zip(pd.MINIMUM, pd.POINT, strict=True))  # (−2, −1)
ANGLE_DEGREES = sp.deg(
    sp.acos(
        sum(a * b for a, b in zip(DESCENT, TO_MINIMUM, strict=True))
        / sp.sqrt(sum(a**2 for a in DESCENT) * sum(b**2 for b in TO_MINIMUM))
    )
)


def shown(value: sp.Expr) -> str:
    """Exact when it has at most 3 decimals, else to 3 places (Chapter 1's table rule)."""
    return gd.shown(value)


SHOWN = {
    "eta": decimal(ETA, 1),
    "p_w1": str(pd.POINT[0]),
    "p_w2": str(pd.POINT[1]),
    "g1": str(pd.GRADIENT[0]),
    "g2": str(pd.GRADIENT[1]),
    "s1": shown(STEP_VECTOR[0]),
    "s2": shown(STEP_VECTOR[1]),
    "new_w1": shown(FIRST_STEP[0]),
    "new_w2": shown(FIRST_STEP[1]),
    "loss": str(pd.LOSS_AT_POINT),
    "new_loss": shown(NEW_LOSS),
    "w1_3": shown(PATH[2][0]),
    "w1_4": shown(PATH[3][0]),
    "w2_3": shown(PATH[2][1]),
    "w2_4": shown(PATH[3][1]),
    "f1": decimal(FACTORS.w1, 1),
    "f2": decimal(FACTORS.w2, 1),
    "o0": shown(W2_OFFSETS[0]),
    "o1": shown(W2_OFFSETS[1]),
    "o2": shown(W2_OFFSETS[2]),
    "o3": shown(W2_OFFSETS[3]),
    "far_step": str(FAR_STEP),
    "far_w1": decimal(PATH[FAR_STEP][0], 3),
    "far_w2": decimal(PATH[FAR_STEP][1], 3),
    "d1": str(DESCENT[0]),
    "d2": str(DESCENT[1]),
    "m1": str(TO_MINIMUM[0]),
    "m2": str(TO_MINIMUM[1]),
    "m1_size": str(abs(TO_MINIMUM[0])),
    "m2_size": str(abs(TO_MINIMUM[1])),
    "angle": decimal(ANGLE_DEGREES, 1),
    "min_w1": str(pd.MINIMUM[0]),
    "min_w2": str(pd.MINIMUM[1]),
    "ch1_w": str(gd.START),
}

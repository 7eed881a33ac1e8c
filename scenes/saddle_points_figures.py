"""The saddle L = w₁² − w₂²: its zero gradient at the origin, its level curves (hyperbolas, closed
form), and the descent path from (1, 0.001) with η = 0.1 that lingers near it."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from mathreel.numbers import decimal
from scenes import gradient_descent_figures as gd

w1, w2 = sp.symbols("w1 w2", real=True)
SADDLE = w1**2 - w2**2
GRADIENT = (sp.diff(SADDLE, w1), sp.diff(SADDLE, w2))  # (2w₁, −2w₂)
CRITICAL = sp.solve(GRADIENT, (w1, w2), dict=True)  # [{w1: 0, w2: 0}]
CURVATURES = (sp.diff(SADDLE, w1, 2), sp.diff(SADDLE, w2, 2))  # (2, −2)

ETA = gd.LEARNING_RATE  # 0.1
START = (sp.Integer(1), sp.Rational(1, 1000))
#: Per step, w₁ is multiplied by 1 − 2η = 0.8 and w₂ by 1 + 2η = 1.2.
FACTORS = tuple(sp.expand(1 - ETA * c) for c in CURVATURES)


def path(steps: int, start=START) -> tuple[tuple[sp.Expr, sp.Expr], ...]:
    points = [start]
    for _ in range(steps):
        a, b = points[-1]
        at = {w1: a, w2: b}
        points.append((a - ETA * GRADIENT[0].subs(at), b - ETA * GRADIENT[1].subs(at)))
    return tuple(points)


LINGER_STEPS = 10
#: Steps until w₂ reaches 1: 0.001 · 1.2ᵏ ≥ 1.
ESCAPE_TARGET = sp.Integer(1)
ESCAPE_STEPS = next(k for k in range(1000) if START[1] * FACTORS[1] ** k >= ESCAPE_TARGET)
PATH = path(ESCAPE_STEPS)
AFTER_LINGER = PATH[LINGER_STEPS]  # ≈ (0.107, 0.0062)
#: Started exactly on the line into the saddle, w₂ stays 0 and w₁ → 0: it converges to the saddle.
ON_LINE = path(LINGER_STEPS, (sp.Integer(1), sp.Integer(0)))

#: Level curves drawn on the map (the saddle's own level, 0, is the two crossing lines w₂ = ±w₁).
LEVELS = (sp.Rational(-1, 1), sp.Rational(-1, 4), sp.Rational(1, 4), sp.Integer(1))
HALF_WIDTH = 1.3


def hyperbola(level: float, sign: float, samples: int = 120) -> np.ndarray:
    """One branch of w₁² − w₂² = ``level`` inside the square |w| ≤ HALF_WIDTH, from its closed
    form: w₁ = ±√(c + t²), t = w₂ (c > 0), or w₂ = ±√(−c + t²), t = w₁ (c < 0)."""
    c = float(level)
    reach = math.sqrt(HALF_WIDTH**2 - abs(c))
    t = np.linspace(-reach, reach, samples)
    other = sign * np.sqrt(abs(c) + t * t)
    return np.column_stack([other, t]) if c > 0 else np.column_stack([t, other])


SHOWN = {
    "eta": decimal(ETA, 1),
    "start_w1": str(START[0]),
    "start_w2": decimal(START[1], 3),
    "f1": decimal(FACTORS[0], 1),
    "f2": decimal(FACTORS[1], 1),
    "g1": str(GRADIENT[0].coeff(w1)),
    "g2": str(-GRADIENT[1].coeff(w2)),
    "zero": str(CRITICAL[0][w1]),
    "linger": str(LINGER_STEPS),
    "after_w1": decimal(AFTER_LINGER[0], 3),
    "after_w2": decimal(AFTER_LINGER[1], 4),
    "escape": str(ESCAPE_STEPS),
    "one": str(ESCAPE_TARGET),
}

"""Every number of Chapter 2's three questions: a gradient with a cross term, the gradient among
four arrows on a contour map, and a learning rate beyond a bowl's cap."""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathreel.numbers import decimal

w1, w2 = sp.symbols("w1 w2", real=True)

# -- Q1: a cross term: ∂L/∂w₁ = 2w₁ + w₂ depends on w₂ ------------------------------------------------
Q1_LOSS = w1**2 + w1 * w2 + w2**2
Q1_POINT = (sp.Integer(1), sp.Integer(2))
Q1_AT = dict(zip((w1, w2), Q1_POINT, strict=True))
Q1_PARTIALS = tuple(sp.diff(Q1_LOSS, v) for v in (w1, w2))  # 2w₁ + w₂, w₁ + 2w₂
Q1_GRADIENT = tuple(p.subs(Q1_AT) for p in Q1_PARTIALS)  # (4, 5)
#: The cross term left out: the derivatives of w₁² and w₂² alone.
Q1_NO_CROSS = tuple(sp.diff(w**2, w).subs(Q1_AT) for w in (w1, w2))  # (2, 4)
Q1_SWAPPED = Q1_GRADIENT[::-1]  # (5, 4)
#: A zero gradient: what a critical point would have.
Q1_ZERO = (sp.Integer(0), sp.Integer(0))
#: The parts of each entry, as said in steps: 2·1 = 2 and w₂ = 2; w₁ = 1 and 2·2 = 4.
Q1_PARTS = (
    (sp.diff(Q1_LOSS, w1).subs(w2, 0).subs(Q1_AT), Q1_POINT[1]),
    (Q1_POINT[0], sp.diff(Q1_LOSS, w2).subs(w1, 0).subs(Q1_AT)),
)

# -- Q2: which arrow is the gradient? L = 4w₁² + w₂² at (1, 2) -------------------------------------------
Q2_LOSS = 4 * w1**2 + w2**2
Q2_POINT = (sp.Integer(1), sp.Integer(2))
Q2_AT = dict(zip((w1, w2), Q2_POINT, strict=True))
Q2_LEVEL = Q2_LOSS.subs(Q2_AT)  # 8
Q2_GRADIENT = tuple(sp.diff(Q2_LOSS, v).subs(Q2_AT) for v in (w1, w2))  # (8, 4)
#: The four arrows, lettered as on screen: along the level curve, the gradient, against it, and
#: toward the minimum.
Q2_ARROWS = (
    (-Q2_GRADIENT[1], Q2_GRADIENT[0]),
    Q2_GRADIENT,
    tuple(-g for g in Q2_GRADIENT),
    tuple(-c for c in Q2_POINT),
)
Q2_ANSWER = 1


def q2_level_curve(samples: int = 200) -> np.ndarray:
    """The ellipse 4w₁² + w₂² = 8 through the point, from its closed form."""
    t = np.linspace(0, 2 * np.pi, samples)
    level = float(Q2_LEVEL)
    return np.column_stack([np.sqrt(level / 4) * np.cos(t), np.sqrt(level) * np.sin(t)])


# -- Q3: L = w₁² + 10w₂² with η = 0.15: beyond the cap 2/20 ------------------------------------------
Q3_LOSS = w1**2 + 10 * w2**2
Q3_ETA = sp.Rational(15, 100)
Q3_START = (sp.Integer(1), sp.Integer(1))
Q3_CURVATURES = tuple(sp.diff(Q3_LOSS, v, 2) for v in (w1, w2))  # (2, 20)
Q3_FACTORS = tuple(1 - Q3_ETA * c for c in Q3_CURVATURES)  # (0.7, −2)
Q3_CAP = 2 / max(Q3_CURVATURES)  # 0.1

SHOWN = {
    "q1_w1": str(Q1_POINT[0]),
    "q1_w2": str(Q1_POINT[1]),
    "q1_g1": str(Q1_GRADIENT[0]),
    "q1_g2": str(Q1_GRADIENT[1]),
    "q1_a1": str(Q1_PARTS[0][0]),
    "q1_b1": str(Q1_PARTS[0][1]),
    "q1_a2": str(Q1_PARTS[1][0]),
    "q1_b2": str(Q1_PARTS[1][1]),
    "q1_n1": str(Q1_NO_CROSS[0]),
    "q1_n2": str(Q1_NO_CROSS[1]),
    "q1_zero": str(Q1_ZERO[0]),
    "q2_w1": str(Q2_POINT[0]),
    "q2_w2": str(Q2_POINT[1]),
    "q2_level": str(Q2_LEVEL),
    "q2_g1": str(Q2_GRADIENT[0]),
    "q2_g2": str(Q2_GRADIENT[1]),
    "q3_eta": decimal(Q3_ETA, 2),
    "q3_s1": str(Q3_START[0]),
    "q3_s2": str(Q3_START[1]),
    "q3_c1": str(Q3_CURVATURES[0]),
    "q3_c2": str(Q3_CURVATURES[1]),
    "q3_f1": decimal(Q3_FACTORS[0], 1),
    "q3_prod": str(Q3_ETA * Q3_CURVATURES[1]),
    "q3_f2": str(Q3_FACTORS[1]),
    "q3_f2_size": str(abs(Q3_FACTORS[1])),
    "q3_cap": decimal(Q3_CAP, 1),
    "q3_stretch": str(Q3_LOSS.coeff(w2**2)),
    "two": str(Q3_CAP * max(Q3_CURVATURES)),
}

"""Exact figures for the gradient-descent scene: the loss (w − 3)², one step from w = 5, and the steps after."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from mathreel.numbers import decimal
from scenes.common.calculus import derivative

w = sp.Symbol("w", real=True)

#: The source's one-weight loss and its minimum.
LOSS = (w - 3) ** 2
LOSS_PRIME = derivative(LOSS, w)  # 2w − 6, i.e. 2(w − 3)
MINIMUM = sp.solve(sp.Eq(LOSS_PRIME, 0), w)[0]  # 3

START = sp.Integer(5)
LEARNING_RATE = sp.Rational(1, 10)

#: How many steps the scene's table lists one by one, and the far step it jumps to.
TABLE_STEPS = 3  # w = 5, 4.6, 4.28, 4.024: the values the narration reads
FAR_STEP = 20

#: Seconds of silence after the prediction prompt, counted down on screen.
PREDICTION_PAUSE = 4

#: Where the sliding tangent shows a large negative and a large positive slope.
STEEP_LEFT = sp.Rational(1, 2)
STEEP_RIGHT = sp.Rational(11, 2)


# Plain substitution, not calculus.value_at / slope_at: those pass the point through
# sp.nsimplify, which turns long rationals (w after 12 steps) into products of radicals.
def loss_at(weight: sp.Expr) -> sp.Expr:
    return LOSS.subs(w, sp.sympify(weight))


def slope(weight: sp.Expr) -> sp.Expr:
    return LOSS_PRIME.subs(w, sp.sympify(weight))


def step(weight: sp.Expr) -> sp.Expr:
    """One gradient-descent update: w_new = w − η · L′(w)."""
    return sp.expand(sp.sympify(weight) - LEARNING_RATE * slope(weight))


@dataclass(frozen=True)
class Step:
    """The state after ``k`` updates: weight, loss and slope, exact."""

    k: int
    w: sp.Expr
    loss: sp.Expr
    slope: sp.Expr


def descent(start: sp.Expr, count: int, rate: sp.Expr = LEARNING_RATE) -> tuple[Step, ...]:
    """The states after 0, 1, ..., ``count`` updates from ``start`` with learning rate ``rate``."""
    states, weight = [], sp.Rational(start)
    for k in range(count + 1):
        states.append(Step(k, weight, loss_at(weight), slope(weight)))
        weight = sp.expand(weight - rate * slope(weight))
    return tuple(states)


def shown(value: sp.Expr) -> str:
    """A value as the table prints it: exact when it has at most 3 decimals, else to 3 places."""
    for places in range(4):
        text = decimal(value, places)
        if sp.Rational(text) == value:
            return text
    return decimal(value, 3)


#: The symbolic step: w_new − 3 = (1 − 2η)(w − 3), so the distance to 3 shrinks by this factor.
SHRINK = sp.simplify((step(w) - MINIMUM) / (w - MINIMUM))

STEPS = descent(START, FAR_STEP)
FIRST, SECOND = STEPS[0], STEPS[1]
FAR = STEPS[FAR_STEP]

START_SLOPE = FIRST.slope  # L′(5) = 4
START_GAP = START - MINIMUM  # 5 − 3 = 2, inside L′(5) = 2(5 − 3)
NEW_WEIGHT = SECOND.w  # 4.6
START_LOSS = FIRST.loss  # 4
NEW_LOSS = SECOND.loss  # 2.56

# -- predicting the step's effect from the slope (the tangent: the curve zoomed in) ------------
STEP_CHANGE = NEW_WEIGHT - START  # Δw = −η·L′(5) = −0.4
STEP_SIZE = abs(STEP_CHANGE)  # 0.4, said as "0.1 times 4, which is 0.4"
PREDICTED_CHANGE = START_SLOPE * STEP_CHANGE  # ΔL ≈ L′(5)·Δw = −1.6
PREDICTED_LOSS = START_LOSS + PREDICTED_CHANGE  # 2.4: where the tangent is at w = 4.6
ACTUAL_CHANGE = NEW_LOSS - START_LOSS  # −1.44
#: What the tangent misses: the curve bends away from it. For this loss, exactly (Δw)².
CURVATURE_GAP = ACTUAL_CHANGE - PREDICTED_CHANGE  # 0.16

# -- too large a learning rate: each step overshoots further ----------------------------------
LARGE_RATE = sp.Rational(11, 10)
#: w_new − 3 = (1 − 2η)(w − 3): below −1, so the distance to 3 grows and flips side each step.
LARGE_FACTOR = sp.simplify((w - LARGE_RATE * LOSS_PRIME - MINIMUM) / (w - MINIMUM))
LARGE_STEPS = descent(START, 2, LARGE_RATE)

#: Display strings, shared by the screen and checked against the narration.
LEARNING_RATE_TEXT = decimal(LEARNING_RATE, 1)  # "0.1"
SHRINK_TEXT = decimal(SHRINK, 1)  # "0.8"
NEW_WEIGHT_TEXT = shown(NEW_WEIGHT)  # "4.6"
NEW_LOSS_TEXT = shown(NEW_LOSS)  # "2.56"
FAR_WEIGHT_TEXT = decimal(FAR.w, 3)  # "3.023"
STEP_SIZE_TEXT = shown(STEP_SIZE)  # "0.4"
PREDICTED_DROP_TEXT = shown(-PREDICTED_CHANGE)  # "1.6"
ACTUAL_DROP_TEXT = shown(-ACTUAL_CHANGE)  # "1.44"
GAP_TEXT = shown(CURVATURE_GAP)  # "0.16"

# -- the caveat: a one-weight loss with a flat shelf ------------------------------------------
#: L′ = (w − 1)²(w − 3): zero at w = 1 without a turn (a shelf: L′ touches zero there, as 3x²
#: does for x³), and at w = 3 (the real minimum, where L′ crosses zero).
#: The constant only lifts the curve so the loss stays positive on screen.
SHELF_LOSS = (w - 1) ** 4 / 4 - 2 * (w - 1) ** 3 / 3 + 2
SHELF_PRIME = derivative(SHELF_LOSS, w)
SHELF_FLAT, SHELF_MIN = sorted(sp.solve(sp.Eq(SHELF_PRIME, 0), w), key=float)

# -- two weights: a saddle ---------------------------------------------------------------------
#: The simplest two-weight loss with a saddle: zero gradient at the origin, rising along w₁,
#: falling along w₂. Drawn as level curves (hyperbolas); the scene says no number about it.
w1, w2 = sp.symbols("w1 w2", real=True)
SADDLE = w1**2 - w2**2
SADDLE_GRADIENT = (derivative(SADDLE, w1), derivative(SADDLE, w2))
SADDLE_POINT = {w1: 0, w2: 0}
#: Levels drawn (plus the two crossing lines where the loss equals its value at the saddle, 0).
SADDLE_LEVELS = (-3, -2, -1, 1, 2, 3)
#: The square the map shows: |w₁|, |w₂| up to this.
SADDLE_HALF_WIDTH = 2


def saddle_branches(level: int) -> list[tuple[str, float, float]]:
    """Each level curve of ``SADDLE`` inside the square as (which weight is solved for, sign, t
    range): for a level c > 0, w₁ = ±√(c + t²) with t = w₂; for c < 0, w₂ = ±√(−c + t²), t = w₁.
    t runs where the solved weight stays within the square: t² ≤ half_width² − |c|."""
    reach = float(sp.sqrt(SADDLE_HALF_WIDTH**2 - abs(level)))
    solved = "w1" if level > 0 else "w2"
    return [(solved, sign, reach) for sign in (1.0, -1.0)]


#: Every number the scene shows or the narration says, as printed (ASCII minus).
SHOWN = {
    "minimum": str(MINIMUM),
    "prime_coeff": str(sp.factor(LOSS_PRIME).as_coeff_Mul()[0]),  # the 2 in 2(w − 3)
    "start": str(START),
    "start_slope": shown(START_SLOPE),
    "eta": LEARNING_RATE_TEXT,
    "new_weight": NEW_WEIGHT_TEXT,
    "start_loss": shown(START_LOSS),
    "new_loss": NEW_LOSS_TEXT,
    "third_weight": shown(STEPS[2].w),
    "fourth_weight": shown(STEPS[3].w),
    "shrink": SHRINK_TEXT,
    "far_step": str(FAR_STEP),
    "far_weight": FAR_WEIGHT_TEXT,
    "step_size": STEP_SIZE_TEXT,
    "predicted_drop": PREDICTED_DROP_TEXT,
    "actual_drop": ACTUAL_DROP_TEXT,
    "gap": GAP_TEXT,
    "large_eta": decimal(LARGE_RATE, 1),
    "large_factor": decimal(LARGE_FACTOR, 1),
    "large_factor_size": decimal(abs(LARGE_FACTOR), 1),
    "large_w1": shown(LARGE_STEPS[1].w),
    "large_w2": shown(LARGE_STEPS[2].w),
    "shelf_flat": str(SHELF_FLAT),
    "shelf_slope": str(SHELF_PRIME.subs(w, SHELF_FLAT)),
}

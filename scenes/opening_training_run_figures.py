"""Exact figures for the opening scene: the source's four loss readings, the rates over three windows, and one possible run through them."""

from __future__ import annotations

import sympy as sp

from mathreel.numbers import decimal
from scenes.common.calculus import derivative, value_at

#: The epoch (the input of the loss curve).
t = sp.Symbol("t", real=True)

#: The source's readings: (epoch, loss).
READINGS: tuple[tuple[int, sp.Rational], ...] = (
    (10, sp.Rational(241, 100)),
    (11, sp.Rational(238, 100)),
    (20, sp.Rational(112, 100)),
    (21, sp.Rational(109, 100)),
)
LOSSES: dict[int, sp.Rational] = dict(READINGS)
#: The two one-epoch windows the source compares.
ONE_EPOCH_WINDOWS: tuple[tuple[int, int], ...] = ((10, 11), (20, 21))
#: The window between them: the same readings, measured over nine epochs.
MIDDLE_WINDOW: tuple[int, int] = (11, 20)
#: Every window the scene measures, in time order.
WINDOWS: tuple[tuple[int, int], ...] = (ONE_EPOCH_WINDOWS[0], MIDDLE_WINDOW, ONE_EPOCH_WINDOWS[1])
#: The epoch both the window before and the window after end or start at: "how fast at epoch 11?"
QUESTION_EPOCH: int = MIDDLE_WINDOW[0]
#: The plotted epoch range.
EPOCH_RANGE: tuple[int, int] = (0, 30)


def average_change(start: int, end: int) -> sp.Rational:
    """Average change of the loss per epoch from ``start`` to ``end``, from the readings."""
    return (LOSSES[end] - LOSSES[start]) / (end - start)


#: Average rate over each window, loss per epoch: -3/100, -14/100, -3/100.
RATES: dict[tuple[int, int], sp.Rational] = {w: average_change(*w) for w in WINDOWS}
#: The middle window: how far the loss fell, over how many epochs.
MIDDLE_DROP: sp.Rational = LOSSES[MIDDLE_WINDOW[0]] - LOSSES[MIDDLE_WINDOW[1]]
MIDDLE_EPOCHS: int = MIDDLE_WINDOW[1] - MIDDLE_WINDOW[0]
#: The windows that end and start at the question epoch.
WINDOW_BEFORE: tuple[int, int] = next(w for w in WINDOWS if w[1] == QUESTION_EPOCH)
WINDOW_AFTER: tuple[int, int] = next(w for w in WINDOWS if w[0] == QUESTION_EPOCH)

# One possible run through the four readings. They are point-symmetric about (15.5, 1.75), so an
# odd S-shape about that centre passes through all four: a plateau, a drop, a plateau, as when a
# run breaks out of a plateau. (A cubic through them rises near epochs 10 and 21, which no loss
# curve should.) Any other smooth run through the readings would do as well; the scene says so.
CENTRE_EPOCH = sp.Rational(31, 2)
CENTRE_LOSS = sp.Rational(7, 4)
#: Width of the drop, in epochs (wider makes the linear part turn upward at the ends).
DROP_WIDTH = sp.Rational(5, 2)

_b, _c = sp.symbols("b c", real=True)
_u = t - CENTRE_EPOCH
_family = CENTRE_LOSS + _b * _u + _c * sp.tanh(_u / DROP_WIDTH)
_solution = sp.solve(
    [_family.subs(t, epoch) - loss for epoch, loss in READINGS[:2]], [_b, _c], dict=True
)[0]
#: Slope of the straight part and height of the S (both negative: the curve falls everywhere).
LINEAR_COEFF: sp.Expr = sp.simplify(_solution[_b])
DROP_COEFF: sp.Expr = sp.simplify(_solution[_c])
#: L(t): the possible run the scene draws, exact.
LOSS: sp.Expr = CENTRE_LOSS + LINEAR_COEFF * _u + DROP_COEFF * sp.tanh(_u / DROP_WIDTH)
#: L′(t), exact.
LOSS_SLOPE: sp.Expr = derivative(LOSS, t)


def loss_at(epoch: sp.Expr | float) -> sp.Expr:
    """L(epoch) on the drawn run, exact."""
    return value_at(LOSS, epoch, t)


def secant_slope(start: sp.Expr | float, end: sp.Expr | float) -> sp.Expr:
    """Average rate of the drawn run from ``start`` to ``end`` (a window of the curve)."""
    return (loss_at(end) - loss_at(start)) / (end - start)


#: L′(11) on the drawn run: where both windows' slopes close in as they shrink toward zero.
TANGENT_SLOPE: sp.Expr = sp.simplify(LOSS_SLOPE.subs(t, QUESTION_EPOCH))
#: The scene shrinks each window to this fraction of its width, never to zero (0/0 has no value).
CLOSEST_FRACTION = sp.Rational(1, 100)
#: The tangent to the drawn run at the question epoch, as an expression in t.
TANGENT_LINE: sp.Expr = loss_at(QUESTION_EPOCH) + TANGENT_SLOPE * (t - QUESTION_EPOCH)

# What the screen shows and the voice says. The run is only one possibility, so its slope is
# rounded to the readings' own precision (hundredths).
PLACES = 2
LOSS_TEXT: dict[int, str] = {epoch: decimal(loss, PLACES) for epoch, loss in READINGS}
RATE_TEXT: dict[tuple[int, int], str] = {w: decimal(r, PLACES) for w, r in RATES.items()}
#: Each rate's size, as said after "minus".
RATE_SIZE_TEXT: dict[tuple[int, int], str] = {w: decimal(-r, PLACES) for w, r in RATES.items()}
#: The size of each one-epoch drop, as said ("fell by 0.03").
DROP_TEXT: dict[tuple[int, int], str] = {
    w: decimal(LOSSES[w[0]] - LOSSES[w[1]], PLACES) for w in ONE_EPOCH_WINDOWS
}
MIDDLE_DROP_TEXT: str = decimal(MIDDLE_DROP, PLACES)
MIDDLE_CHANGE_TEXT: str = decimal(-MIDDLE_DROP, PLACES)
MIDDLE_EPOCHS_TEXT: str = str(MIDDLE_EPOCHS)
TANGENT_SLOPE_TEXT: str = decimal(TANGENT_SLOPE, PLACES)
TANGENT_SLOPE_SIZE_TEXT: str = decimal(-TANGENT_SLOPE, PLACES)

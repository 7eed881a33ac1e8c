"""Exact figures for the opening scene: the training run's loss readings and the smooth curve through them."""

from __future__ import annotations

import sympy as sp

from scenes.calculus import decimal, derivative, value_at

#: The epoch (the input of the loss curve).
t = sp.Symbol("t", real=True)

#: The source's readings: (epoch, loss).
READINGS: tuple[tuple[int, sp.Rational], ...] = (
    (10, sp.Rational(241, 100)),
    (11, sp.Rational(238, 100)),
    (20, sp.Rational(112, 100)),
    (21, sp.Rational(109, 100)),
)
#: The two one-epoch intervals the source compares.
INTERVALS: tuple[tuple[int, int], ...] = ((10, 11), (20, 21))
#: Epochs where the tangent is drawn (the start of each interval).
TANGENT_EPOCHS: tuple[int, ...] = (10, 20)
#: The plotted epoch range.
EPOCH_RANGE: tuple[int, int] = (0, 30)

# The readings are point-symmetric about (15.5, 1.75), so an odd S-shape about that centre can
# pass through all four: a plateau, a drop, a plateau, as when a run breaks out of a plateau.
# A cubic through the same points rises near epochs 10 and 21, which no loss curve should.
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
#: L(t): the loss curve the scene draws, exact.
LOSS: sp.Expr = CENTRE_LOSS + LINEAR_COEFF * _u + DROP_COEFF * sp.tanh(_u / DROP_WIDTH)
#: L′(t), exact.
LOSS_SLOPE: sp.Expr = derivative(LOSS, t)


def loss_at(epoch: sp.Expr | float) -> sp.Expr:
    """L(epoch) on the drawn curve, exact."""
    return value_at(LOSS, epoch, t)


def average_change(start: int, end: int) -> sp.Rational:
    """Average change of the loss per epoch from ``start`` to ``end``, from the readings."""
    losses = dict(READINGS)
    return (losses[end] - losses[start]) / (end - start)


def tangent_slope(epoch: int) -> sp.Expr:
    """L′(epoch): the slope of the tangent to the drawn curve, exact."""
    return sp.simplify(LOSS_SLOPE.subs(t, epoch))


def tangent_line(epoch: int) -> sp.Expr:
    """The tangent to the drawn curve at ``epoch``, as an expression in t."""
    return loss_at(epoch) + tangent_slope(epoch) * (t - epoch)


#: Drop over each interval and the average per epoch (both -3/100).
AVERAGES: dict[tuple[int, int], sp.Rational] = {iv: average_change(*iv) for iv in INTERVALS}
SLOPES: dict[int, sp.Expr] = {e: tangent_slope(e) for e in TANGENT_EPOCHS}

# What the screen shows and the voice says.
LOSS_TEXT: dict[int, str] = {epoch: decimal(loss, 2) for epoch, loss in READINGS}
AVERAGE_TEXT: dict[tuple[int, int], str] = {iv: decimal(v, 2) for iv, v in AVERAGES.items()}
#: The size of each one-epoch drop, as said ("dropped by 0.03").
DROP_TEXT: dict[tuple[int, int], str] = {iv: decimal(-v, 2) for iv, v in AVERAGES.items()}
SLOPE_PLACES = 3
SLOPE_TEXT: dict[int, str] = {e: decimal(s, SLOPE_PLACES) for e, s in SLOPES.items()}
#: The slope's size, as said ("falling by about 0.024 per epoch").
SLOPE_SIZE_TEXT: dict[int, str] = {e: decimal(-s, SLOPE_PLACES) for e, s in SLOPES.items()}

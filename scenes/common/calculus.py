"""Exact calculus for the scenes (sympy), and the numpy functions that draw the same expressions.

Every number a scene shows or says comes from here, from the expression the scene draws.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

x = sp.Symbol("x", real=True)


def exact(value: sp.Expr | float | int) -> sp.Expr:
    """A sympy number as it is, or a Python float made exact (0.1 -> 1/10) without turning rationals into radicals."""
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, int):
        return sp.Integer(value)
    return sp.Rational(str(value))


def derivative(expr: sp.Expr, var: sp.Symbol = x) -> sp.Expr:
    """The exact derivative of ``expr``."""
    return sp.diff(expr, var)


def slope_at(expr: sp.Expr, at: sp.Expr | float, var: sp.Symbol = x) -> sp.Expr:
    """The exact slope of the tangent to ``expr`` at ``var = at``."""
    return sp.simplify(derivative(expr, var).subs(var, exact(at)))


def value_at(expr: sp.Expr, at: sp.Expr | float, var: sp.Symbol = x) -> sp.Expr:
    return sp.simplify(expr.subs(var, exact(at)))


def numeric(expr: sp.Expr, var: sp.Symbol = x) -> Callable[[float], float]:
    """A float function of ``expr`` for plotting (numpy-backed)."""
    f = sp.lambdify(var, expr, "numpy")
    return lambda v: float(f(v))


def tangent_line(expr: sp.Expr, at: sp.Expr | float, var: sp.Symbol = x) -> sp.Expr:
    """The tangent line to ``expr`` at ``at``, as an expression in ``var``."""
    a = exact(at)
    return sp.expand(value_at(expr, a, var) + slope_at(expr, a, var) * (var - a))


def sign_word(value: sp.Expr | float) -> str:
    """ "positive", "negative" or "zero"."""
    v = exact(value)
    return "zero" if v == 0 else ("positive" if v > 0 else "negative")


def samples(expr: sp.Expr, lo: float, hi: float, n: int = 200, var: sp.Symbol = x) -> np.ndarray:
    """Points (t, expr(t)) for checks that the drawn curve passes where the numbers say."""
    f = sp.lambdify(var, expr, "numpy")
    t = np.linspace(lo, hi, n)
    return np.column_stack([t, np.broadcast_to(f(t), t.shape)])

"""Numbers as a lesson shows and says them: one formatter for every scene, figure and quiz.

Values are exact (sympy) where they can be, so what is rounded is the true value, never a float's
neighbour: ``decimal(sp.Rational(5, 2), 0)`` is "3" (half away from zero), and a terminating
decimal is written with exactly the places it needs.
"""

from __future__ import annotations

import sympy as sp

#: How many decimal places :func:`exact_decimal` looks through before calling a value endless.
MAX_PLACES = 30


def decimal(value: sp.Expr | float, places: int) -> str:
    """``value`` rounded half away from zero to ``places`` decimals (−0 shown as 0)."""
    number = sp.Float(sp.N(value, 30), 30)
    quantum = sp.Rational(1, 10**places)
    rounded = sp.floor(abs(number) / quantum + sp.Rational(1, 2)) * quantum
    text = f"{float(rounded):.{places}f}"
    return text if number >= 0 or rounded == 0 else "-" + text


def exact_decimal(value: sp.Expr) -> str:
    """A terminating decimal written out in full, as many places as it needs and no trailing
    zeros: 2.25, 1.002001, 0.0001, 4. A value that does not terminate is a ValueError."""
    v = sp.Rational(value)
    for places in range(MAX_PLACES + 1):
        if (v * 10**places).is_integer:
            return decimal(v, places)
    raise ValueError(f"{value} does not terminate within {MAX_PLACES} decimals")


def whole(value: sp.Expr) -> str:
    """An exact whole number: "3"; anything else is a ValueError."""
    v = sp.nsimplify(value)
    if not v.is_integer:
        raise ValueError(f"{value} is not a whole number")
    return str(int(v))


def scientific(value: sp.Expr, digits: int = 1) -> tuple[str, int]:
    """A positive ``value`` as (mantissa, exponent): 9.5367e-7 → ("9.5", −7)."""
    exponent = int(sp.floor(sp.log(value, 10)))
    mantissa = value / sp.Integer(10) ** exponent
    return decimal(mantissa, digits), exponent


def signed(text: str) -> str:
    """A decimal with its sign always written: "+0.03", "-0.03"."""
    return text if text.startswith("-") else "+" + text


def minus(text: str) -> str:
    """A number as a page or a caption writes it, with a true minus sign: "−0.5"."""
    return text.replace("-", "−")

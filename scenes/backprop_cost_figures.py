"""The cost of a gradient with n weights: nudging each weight against one backward pass, in forward
passes of arithmetic, for n = 10, 1000 and 10⁹ (the bars are drawn on a log scale)."""

from __future__ import annotations

import math

import sympy as sp

WEIGHT_COUNTS = (sp.Integer(10), sp.Integer(1000), sp.Integer(10) ** 9)
#: One forward plus one backward pass: the backward pass does about twice the forward pass's
#: arithmetic (each operation's local derivatives and the products passed on), so about three
#: forward passes in all, whatever n is. A rule of thumb, not an exact count.
BACKPROP_PASSES = sp.Integer(3)


def nudging_passes(n: sp.Integer) -> sp.Integer:
    """One-sided nudges: one forward pass at the start, then one per weight nudged."""
    return n + 1


def central_passes(n: sp.Integer) -> sp.Integer:
    """Central differences (the check's kind): two forward passes per weight."""
    return 2 * n


NUDGING = tuple(nudging_passes(n) for n in WEIGHT_COUNTS)  # 11, 1001, 1000000001
#: How many times more arithmetic nudging costs than backpropagation, for a billion weights.
BILLION_RATIO = NUDGING[-1] / BACKPROP_PASSES


def log10(value: sp.Expr) -> float:
    """Where a bar ends on the log scale."""
    return math.log10(float(value))


def power_of_ten(n: sp.Integer) -> str:
    """10⁹ as LaTeX "10^{9}"; small counts as they are."""
    exponent = sp.multiplicity(10, n)
    return f"10^{{{exponent}}}" if n == 10**exponent and exponent > 3 else str(n)


SHOWN = {
    "counts": [power_of_ten(n) for n in WEIGHT_COUNTS],  # "10", "1000", "10^{9}"
    "nudging": [str(p) for p in NUDGING[:2]] + [f"{power_of_ten(WEIGHT_COUNTS[-1])} + 1"],
    "backprop": str(BACKPROP_PASSES),
    "central": str(central_passes(WEIGHT_COUNTS[0])),
    "billion_ratio_exponent": str(math.floor(math.log10(float(BILLION_RATIO)))),  # 8: over 10⁸
}

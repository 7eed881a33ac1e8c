"""Exact figures for the power-rule scene: the rule, x² at x = 1, and the table of common derivatives."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from scenes import secant_to_tangent_figures as secant
from scenes.common.calculus import derivative, x

#: The exponent of the power rule, any number.
n = sp.Symbol("n")
#: A constant.
c = sp.Symbol("c")
#: A weight, a loss that depends on it, and a predicted probability (for cross-entropy).
w = sp.Symbol("w", real=True)
L = sp.Function("L")(w)
p = sp.Symbol("p", positive=True)

#: The worked example: x², the function of the secant table, at x = 1.
SQUARE = x**2
SQUARE_AT = sp.Integer(1)


def tex(expr: sp.Expr, dot: bool = False) -> str:
    """LaTeX for a derivative as the scene shows it; ``dot`` sets products as n · x (the source's
    power rule) rather than 2 x."""
    return sp.latex(sp.powsimp(expr), mul_symbol="dot" if dot else None)


def power_rule() -> sp.Expr:
    """d/dx xⁿ for symbolic n, in the form n·xⁿ⁻¹."""
    return sp.powsimp(derivative(x**n))


#: The gap of the limit definition.
h = sp.Symbol("h", real=True)
#: The powers the pattern is read from, before the rule is stated.
PATTERN_POWERS = (2, 3)


def secant_quotient(power: int) -> sp.Expr:
    """((x + h)ᵏ − xᵏ)/h with h cancelled (valid for h ≠ 0): 2x + h for k = 2."""
    return sp.expand(sp.cancel(((x + h) ** power - x**power) / h))


#: Each power's secant slope at any x, and what it closes in on as h shrinks toward 0.
PATTERN_QUOTIENTS = {k: secant_quotient(k) for k in PATTERN_POWERS}
PATTERN_LIMITS = {k: sp.limit(q, h, 0) for k, q in PATTERN_QUOTIENTS.items()}


def pattern_tex(power: int) -> tuple[str, str]:
    """The quotient, in rising powers of h, and its limit as the scene writes them:
    ("2 x + h", "2 x"), ("3 x^{2} + 3 x h + h^{2}", "3 x^{2}")."""
    terms = []
    for degree, coeff in enumerate(reversed(sp.Poly(PATTERN_QUOTIENTS[power], h).all_coeffs())):
        if coeff == 0:
            continue
        h_part = "" if degree == 0 else ("h" if degree == 1 else f"h^{{{degree}}}")
        c_part = "" if coeff == 1 and degree else sp.latex(coeff)
        terms.append(" ".join(t for t in (c_part, h_part) if t))
    return " + ".join(terms), sp.latex(PATTERN_LIMITS[power])


#: The power rule with n = 2: d/dx x² = 2x.
SQUARE_DERIVATIVE = power_rule().subs(n, 2)
#: 2(1) = 2: the slope of x² at x = 1 from the rule.
SQUARE_SLOPE_AT_ONE = SQUARE_DERIVATIVE.subs(x, SQUARE_AT)
#: "2(1) = 2" as the scene shows it.
SQUARE_AT_ONE_TEX = f"{SQUARE_DERIVATIVE / x}({SQUARE_AT}) = {SQUARE_SLOPE_AT_ONE}"
#: The secant slopes of the earlier table (three decimals) that this confirms, and their limit.
SECANT_SLOPE_TEXTS = tuple(r.slope_text for r in secant.secant_rows())
SECANT_LIMIT = secant.LIMIT


@dataclass(frozen=True)
class DerivativeRow:
    """A row of the common-derivatives table: f, its derivative, the plain-English reading, and ML use."""

    key: str
    f: sp.Expr
    f_tex: str  # f as the source writes it (sympy would print log(x) for ln x)
    english: str  # LaTeX text mode; spaces only between words, so it can be wrapped there
    ml: str
    ml_tex: str | None = None  # an ML formula, when the source gives one
    ml_note: str | None = None  # a caveat under the formula

    @property
    def derivative(self) -> sp.Expr:
        return sp.powsimp(derivative(self.f))

    @property
    def derivative_tex(self) -> str:
        return tex(self.derivative, dot=True)


#: d/dw (w²), the L2 penalty's derivative.
L2_DERIVATIVE = derivative(w**2, w)
#: d/dp (−ln p): the cross-entropy term's slope with respect to the probability p itself (one
#: variable; reaching a weight through p takes the chain rule, which the chapter has not taught).
CROSS_ENTROPY_DERIVATIVE = derivative(-sp.log(p), p)
#: d/dw (L(w) + c): a constant added to the loss leaves its slope with respect to w as it was.
SHIFTED_LOSS_DERIVATIVE = derivative(L + c, w)

#: Where ln x exists on the real line: x > 0 (its derivative 1/x exists for x < 0 too).
LOG_DOMAIN = sp.calculus.util.continuous_domain(sp.log(x), x, sp.S.Reals)

ROWS = (
    DerivativeRow(
        key="power",
        f=x**n,
        f_tex="x^{n}",
        english="Bring down the exponent, reduce it by 1",
        ml="L2 regularisation penalty",
        ml_tex=rf"\frac{{d}}{{dw}}\left(w^{{2}}\right) = {sp.latex(L2_DERIVATIVE)}",
    ),
    DerivativeRow(
        key="exp",
        f=sp.exp(x),
        f_tex="e^{x}",
        english="The exponential is its own derivative",
        ml="Softmax, exponential learning-rate schedules",
    ),
    DerivativeRow(
        key="log",
        f=sp.log(x),
        f_tex=r"\ln x",
        english=rf"$\ln x$ exists only for $x > {LOG_DOMAIN.inf}$; there, its slope gets smaller as $x$ grows",
        ml=r"Cross-entropy loss $-\ln p$, with $p$ the probability of the right answer",
        ml_tex=rf"\frac{{d}}{{dp}}\left(-\ln p\right) = {sp.latex(CROSS_ENTROPY_DERIVATIVE)}",
        ml_note="Reaching each weight takes the chain rule, not yet covered",
    ),
    DerivativeRow(
        key="constant",
        f=c,
        f_tex="c",
        english="A constant never changes: its derivative is zero",
        ml="A constant added to the loss leaves its slope unchanged",
        # sympy prints L'(w) as d/dw L(w); the tests pin SHIFTED_LOSS_DERIVATIVE == L'(w)
        ml_tex=r"\frac{d}{dw}\left(L(w) + c\right) = L'(w)",
    ),
)


def row(key: str) -> DerivativeRow:
    return next(r for r in ROWS if r.key == key)


# -- the log's picture: tangents to ln x whose slopes, 1/x, get smaller as x grows -------------
#: Where the table_log beat draws tangents to ln x.
LOG_TANGENT_POINTS = (sp.Integer(1), sp.Integer(2), sp.Integer(4))
#: The slope at each, from the table's own derivative of ln x.
LOG_ROW = row("log")
LOG_TANGENT_SLOPES = {a: LOG_ROW.derivative.subs(x, a) for a in LOG_TANGENT_POINTS}
#: The slopes as the picture labels them: 1, 0.5, 0.25.
LOG_SLOPE_TEXT = {a: secant.exact_decimal(s) for a, s in LOG_TANGENT_SLOPES.items()}

"""The power-rule scene's figures: every f′ in the table by sympy, the x² check, and the narration."""

from __future__ import annotations

import re

import sympy as sp

from mathreel.narration.script import parse_narration
from scenes.common.calculus import x
from scenes.power_rule_figures import (
    CROSS_ENTROPY_DERIVATIVE,
    L2_DERIVATIVE,
    LOG_DOMAIN,
    PATTERN_LIMITS,
    PATTERN_POWERS,
    PATTERN_QUOTIENTS,
    ROWS,
    SECANT_LIMIT,
    SECANT_SLOPE_TEXTS,
    SHIFTED_LOSS_DERIVATIVE,
    SQUARE_AT,
    SQUARE_AT_ONE_TEX,
    SQUARE_DERIVATIVE,
    SQUARE_SLOPE_AT_ONE,
    L,
    c,
    h,
    n,
    p,
    pattern_tex,
    power_rule,
    row,
    tex,
    w,
)
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "power_rule.md")


def numbers_in(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


def said(beat_id: str) -> list[str]:
    beat = SCRIPT.beat(beat_id)
    return numbers_in(beat.spoken_text + " " + beat.caption_text)


def test_power_rule_for_symbolic_n():
    assert sp.simplify(power_rule() - n * x ** (n - 1)) == 0
    assert tex(power_rule(), dot=True) == r"n \cdot x^{n - 1}"
    # the rule agrees with differentiation for concrete exponents too
    for k in (0, 1, 2, 3, 7, sp.Rational(1, 2), -1):
        assert sp.simplify(power_rule().subs(n, k) - sp.diff(x**k, x)) == 0


def test_power_rule_applied_to_the_square():
    assert SQUARE_DERIVATIVE == 2 * x
    assert tex(SQUARE_DERIVATIVE) == "2 x"
    assert SQUARE_AT == 1
    assert SQUARE_SLOPE_AT_ONE == 2
    assert SQUARE_AT_ONE_TEX == "2(1) = 2"


def test_it_confirms_the_secant_table():
    assert SECANT_SLOPE_TEXTS == ("3.000", "2.500", "2.100", "2.010", "2.001")
    assert SECANT_LIMIT == SQUARE_SLOPE_AT_ONE == 2


def test_table_derivatives_are_computed_by_sympy():
    assert [r.key for r in ROWS] == ["power", "exp", "log", "constant"]
    assert sp.simplify(row("power").derivative - n * x ** (n - 1)) == 0
    assert row("exp").derivative == sp.exp(x)
    assert row("log").derivative == 1 / x
    assert row("constant").derivative == 0
    assert row("constant").f == c


def test_table_shows_the_computed_derivatives():
    shown = {r.key: r.derivative_tex for r in ROWS}
    assert shown == {
        "power": r"n \cdot x^{n - 1}",
        "exp": "e^{x}",
        "log": r"\frac{1}{x}",
        "constant": "0",
    }
    for r in ROWS:
        assert r.derivative_tex == sp.latex(sp.powsimp(sp.diff(r.f, x)), mul_symbol="dot")


def test_log_exists_only_above_zero_where_its_slope_shrinks():
    # ln x is real only for x > 0 ...
    assert LOG_DOMAIN == sp.Interval.open(0, sp.oo)
    assert sp.log(sp.Symbol("t", positive=True)).is_real
    assert sp.log(sp.Symbol("t", negative=True)).is_real is False
    assert sp.log(sp.Integer(0)) == sp.zoo
    # ... while 1/x is defined for x < 0 too: the domain is the log's, not the slope's
    slope = row("log").derivative
    assert slope.subs(x, -2) == sp.Rational(-1, 2)
    assert sp.diff(slope, x) == -1 / x**2  # negative for every x > 0: the slope shrinks as x grows
    assert row("log").english.startswith(r"$\ln x$ exists only for $x > 0$")
    said = SCRIPT.beat("table_log").spoken_text
    assert (
        f"log exists only for x above {LOG_DOMAIN.inf}" in said
        and "its slope gets smaller as x grows" in said
    )


def test_ml_examples():
    assert L2_DERIVATIVE == 2 * w
    assert row("power").ml_tex.endswith("= 2 w")


def test_cross_entropy_is_shown_in_one_variable_without_the_chain_rule():
    # d/dp (−ln p) = −1/p: the log row applied to p itself, no weight, no chain rule
    assert CROSS_ENTROPY_DERIVATIVE == -1 / p
    assert row("log").ml_tex.endswith(r"= - \frac{1}{p}")
    assert r"\frac{d}{dp}" in row("log").ml_tex and "dw" not in row("log").ml_tex
    # the step to a weight is named, not done
    assert "chain rule" in row("log").ml_note
    said = SCRIPT.beat("log_in_ml").spoken_text.lower()
    assert "with respect to p" in said and "chain rule" in said
    assert "−1/p" in SCRIPT.beat("log_in_ml").caption_text


def test_a_constant_added_to_the_loss_leaves_its_slope_unchanged():
    # the true statement behind the constant row (a bias is a weight, not a constant: its
    # derivative is not zero in general, so the ML column must not say otherwise)
    assert SHIFTED_LOSS_DERIVATIVE == sp.Derivative(L, w)
    assert row("constant").ml_tex.endswith("= L'(w)")
    assert "bias" not in row("constant").ml.lower()
    said = SCRIPT.beat("table_constant").spoken_text
    assert "bias" not in said.lower() and "does not change its slope" in said


def test_table_text_is_the_sources_where_the_source_is_right():
    assert row("power").english == "Bring down the exponent, reduce it by 1"
    assert row("exp").ml == "Softmax, exponential learning-rate schedules"


def test_narration_numbers_match_the_figures():
    numbers = said("apply_to_square")
    assert str(SQUARE_AT) in numbers
    assert str(SQUARE_SLOPE_AT_ONE) in numbers
    caption = SCRIPT.beat("apply_to_square").caption_text.replace(" ", "")
    assert SQUARE_AT_ONE_TEX.replace(" ", "") in caption
    assert tex(SQUARE_DERIVATIVE).replace(" ", "") in caption  # "2x"
    assert numbers_in(SCRIPT.beat("table_constant").caption_text) == [
        str(row("constant").derivative)
    ]
    # "reduce it by 1": the power in the rule is n - 1
    assert x ** (n - 1) in power_rule().args
    assert "1" in said("table_power")
    assert tex(L2_DERIVATIVE).replace(" ", "") in SCRIPT.beat("table_power").caption_text


def test_every_number_in_the_narration_is_a_computed_one():
    computed = {str(SQUARE_AT), str(SQUARE_SLOPE_AT_ONE), str(row("constant").derivative)}
    computed |= {str(LOG_DOMAIN.inf)}
    computed |= {"2"}  # the exponent of x² and w² (and the L2 in "L2 regularisation")
    computed |= {"1"}  # n - 1 and 1/x, 1/p
    # the pattern's powers and the coefficients of its quotients (3x² + 3xh + h²)
    computed |= {str(k) for k in PATTERN_POWERS}
    computed |= {str(c) for q in PATTERN_QUOTIENTS.values() for c in sp.Poly(q, x, h).coeffs()}
    for beat in SCRIPT.beats:
        for number in numbers_in(beat.spoken_text + " " + beat.caption_text):
            assert number in computed, f"{beat.id}: {number} is not a computed figure"


def test_the_rule_is_reached_from_the_pattern_of_n_2_and_3() -> None:
    assert PATTERN_POWERS == (2, 3)
    assert PATTERN_QUOTIENTS[2] == 2 * x + h
    assert PATTERN_QUOTIENTS[3] == 3 * x**2 + 3 * x * h + h**2
    for k in PATTERN_POWERS:
        # The cancelled quotient equals the difference quotient wherever h ≠ 0 ...
        assert sp.simplify(((x + h) ** k - x**k) / h - PATTERN_QUOTIENTS[k]) == 0
        # ... and closes in on the power rule's n · xⁿ⁻¹.
        assert PATTERN_LIMITS[k] == power_rule().subs(n, k)
    assert pattern_tex(2) == ("2 x + h", "2 x")
    assert pattern_tex(3) == ("3 x^{2} + 3 x h + h^{2}", "3 x^{2}")
    said = SCRIPT.beat("slow_limit").spoken_text
    assert "2 x plus h, which closes in on 2 x" in said
    assert (
        "3 x squared, plus 3 times x times h, plus h squared, which closes in on 3 x squared"
        in said
    )


def test_the_log_picture_draws_slopes_one_over_x_that_get_smaller() -> None:
    from scenes.power_rule_figures import (
        LOG_ROW,
        LOG_SLOPE_TEXT,
        LOG_TANGENT_POINTS,
        LOG_TANGENT_SLOPES,
    )

    assert LOG_ROW.f == sp.log(x)
    for a in LOG_TANGENT_POINTS:
        assert a > LOG_DOMAIN.inf  # drawn only where ln x exists
        assert LOG_TANGENT_SLOPES[a] == 1 / a
    slopes = [LOG_TANGENT_SLOPES[a] for a in LOG_TANGENT_POINTS]
    assert all(s > t for s, t in zip(slopes, slopes[1:], strict=False))
    assert [LOG_SLOPE_TEXT[a] for a in LOG_TANGENT_POINTS] == ["1", "0.5", "0.25"]

"""The one number formatter every scene, figure and quiz uses (mathreel.numbers)."""

from __future__ import annotations

import pytest
import sympy as sp

from mathreel.numbers import decimal, exact_decimal, minus, scientific, signed, whole


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (sp.Rational(5, 2), 0, "3"),  # half away from zero, not to even
        (sp.Rational(-5, 2), 0, "-3"),
        (sp.Rational(1, 8), 2, "0.13"),
        (sp.Rational(-1, 1000), 2, "0.00"),  # no "-0.00"
        (2.675, 2, "2.67"),  # the float nearest 2.675 is just below it, and is rounded as it is
        (sp.Integer(7), 1, "7.0"),
    ],
)
def test_decimal_rounds_half_away_from_zero(value, places, text) -> None:
    assert decimal(value, places) == text


def test_exact_decimal_writes_every_place_and_no_more() -> None:
    assert exact_decimal(sp.Rational(1, 10000)) == "0.0001"
    assert exact_decimal(sp.Rational(1002001, 10**6)) == "1.002001"
    assert exact_decimal(sp.Integer(4)) == "4"
    assert exact_decimal(sp.Rational(-3, 100)) == "-0.03"
    with pytest.raises(ValueError, match="does not terminate"):
        exact_decimal(sp.Rational(1, 3))


def test_whole_scientific_signed_minus() -> None:
    assert whole(sp.Integer(6)) == "6" and whole(sp.Float(3.0)) == "3"
    with pytest.raises(ValueError, match="not a whole number"):
        whole(sp.Rational(1, 2))
    assert scientific(sp.Rational(1, 4) ** 10) == ("9.5", -7)
    assert signed("0.03") == "+0.03" and signed("-0.03") == "-0.03"
    assert minus("-0.5") == "−0.5"

"""The secant-to-tangent scene's figures: the source's table, the limit, and the narration's numbers."""

from __future__ import annotations

import re

import pytest
import sympy as sp
from sympy import Rational

from mathreel.narration.script import parse_narration
from mathreel.numbers import exact_decimal
from scenes.common.calculus import x
from scenes.secant_to_tangent_figures import (
    ALGEBRA,
    FINEST_PIXEL_WIDTH,
    LIMIT,
    SECOND_POINT,
    SECOND_POINT_TEX,
    TANGENT_SLOPE,
    X0,
    F,
    clipped_line,
    derivative_by_limit,
    difference_quotient,
    gap_in_pixels,
    h,
    left_row,
    plus_gap_parts,
    quotient_at_zero,
    secant_rows,
    secant_slope_readout,
    unicode_math,
)
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "secant_to_tangent.md")

# The source's table, row by row: second point x, f(x), slope, and the slope as printed.
SOURCE_TABLE = [
    (Rational(2), Rational(4), Rational(3), "2", "4", "3.000"),
    (Rational(3, 2), Rational(9, 4), Rational(5, 2), "1.5", "2.25", "2.500"),
    (Rational(11, 10), Rational(121, 100), Rational(21, 10), "1.1", "1.21", "2.100"),
    (Rational(101, 100), Rational(10201, 10000), Rational(201, 100), "1.01", "1.0201", "2.010"),
    (
        Rational(1001, 1000),
        Rational(1002001, 1000000),
        Rational(2001, 1000),
        "1.001",
        "1.002001",
        "2.001",
    ),
]


def numbers_in(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


def beat_text(beat_id: str) -> str:
    beat = SCRIPT.beat(beat_id)
    return beat.spoken_text + " " + beat.caption_text


def test_secant_slopes_are_the_sources_exactly():
    rows = secant_rows()
    assert len(rows) == len(SOURCE_TABLE)
    for row, (x2, y2, slope, x2_text, y2_text, shown) in zip(rows, SOURCE_TABLE, strict=True):
        assert row.x2 == x2
        assert row.y2 == y2
        assert row.slope == slope
        assert (y2 - 1) / (x2 - 1) == slope
        assert row.x2_text == x2_text
        assert row.y2_text == y2_text
        assert row.slope_text == shown


def test_the_thousandth_row_is_exact():
    assert (Rational(1001, 1000) ** 2 - 1) / Rational(1, 1000) == Rational(2001, 1000)
    assert secant_rows()[-1].slope == Rational(2001, 1000)


def test_table_shows_the_sources_arithmetic():
    assert secant_rows()[0].quotient_tex == r"\frac{4 - 1}{2 - 1}"
    assert secant_rows()[-1].quotient_tex == r"\frac{1.002001 - 1}{1.001 - 1}"


def test_slopes_fall_toward_the_limit_two():
    slopes = [row.slope for row in secant_rows()]
    assert slopes == sorted(slopes, reverse=True)
    assert all(s > 2 for s in slopes)
    assert LIMIT == 2
    assert sp.limit(((x + h) ** 2 - x**2) / h, h, 0).subs(x, 1) == 2
    assert TANGENT_SLOPE == LIMIT


def test_difference_quotient_is_the_general_one():
    assert sp.simplify(difference_quotient() - (2 * x + h)) == 0
    assert derivative_by_limit(at=3) == 6


def test_setting_h_to_zero_gives_zero_over_zero():
    assert quotient_at_zero() == (0, 0)


def test_live_readout_matches_exact_quotient():
    readout = secant_slope_readout()
    for row in secant_rows():
        assert readout(float(row.x2 - 1)) == pytest.approx(float(row.slope), abs=1e-12)


def test_last_second_point_is_within_a_pixel_even_at_4k():
    rows = secant_rows()
    assert gap_in_pixels(rows[-1].x2, FINEST_PIXEL_WIDTH) < 1
    # ... and the row before it is still visibly apart, so the claim is about the last row only
    assert gap_in_pixels(rows[-2].x2, FINEST_PIXEL_WIDTH) > 1


def test_clipped_secant_passes_through_both_points():
    for row in secant_rows():
        (xa, ya), (xb, yb) = clipped_line((1.0, 1.0), float(row.slope))
        for px, py in ((1.0, 1.0), (float(row.x2), float(row.y2))):
            if xa <= px <= xb:
                assert ya + (yb - ya) * (px - xa) / (xb - xa) == pytest.approx(py)


def test_narration_says_each_rows_numbers_in_its_beat():
    beats = ["first_secant", "move_closer", "move_closer", "within_a_pixel", "within_a_pixel"]
    for row, beat_id in zip(secant_rows(), beats, strict=True):
        said = numbers_in(beat_text(beat_id))
        assert row.x2_text in said
        assert row.slope_spoken in said
    first = secant_rows()[0]
    # "It rises 3 over a run of 1": the first secant's rise and run, in that order
    said = numbers_in(SCRIPT.beat("first_secant").spoken_text)
    assert said[-3:] == [exact_decimal(first.rise), first.gap_text, first.slope_spoken]


def test_narration_says_the_slopes_close_in_on_the_limit():
    left = left_row()
    said = numbers_in(SCRIPT.beat("converge").spoken_text)
    assert said == [str(LIMIT), left.x2_text, left.slope_spoken, str(LIMIT)]


def test_the_left_row_approaches_from_below():
    # h < 0: the slope closes in on 2 from the other side (0.9: 1.9).
    left = left_row()
    assert left.gap < 0 and (left.x2_text, left.slope_spoken) == ("0.9", "1.9")
    assert left.slope < LIMIT < min(row.slope for row in secant_rows())
    assert ALGEBRA.simplified.subs(h, left.gap) == left.slope
    assert plus_gap_parts(left) == ("2", "-0.1")
    assert "from either side" in SCRIPT.beat("exactly_two").spoken_text


def test_the_algebra_makes_every_slope_two_plus_h():
    assert ALGEBRA.second_height == (1 + h) ** 2
    assert ALGEBRA.first_height == 1
    assert ALGEBRA.expanded_rise == 2 * h + h**2
    assert ALGEBRA.simplified == 2 + h
    # the simplification holds for every gap h other than 0 ...
    assert sp.simplify(difference_quotient().subs(x, X0) - ALGEBRA.simplified) == 0
    # ... and is the quotient the table computed, row by row
    for row in secant_rows():
        assert ALGEBRA.simplified.subs(h, row.gap) == row.slope
    assert ALGEBRA.constant == LIMIT == 2
    assert ALGEBRA.remainder == h
    assert sp.limit(ALGEBRA.simplified, h, 0) == LIMIT


def test_the_algebra_is_shown_and_captioned_as_computed():
    assert ALGEBRA.tex_steps() == (
        r"\frac{\left(1 + h\right)^{2} - 1}{h}",
        r"\frac{2 h + h^{2}}{h}",
        "2",
        "h",
    )
    assert ALGEBRA.captions() == ("((1 + h)² − 1)/h", "2 + h")
    assert SECOND_POINT == 1 + h and SECOND_POINT_TEX == "1 + h"
    caption = SCRIPT.beat("algebra").caption_text
    quotient, simplest = ALGEBRA.captions()
    assert (
        unicode_math(SECOND_POINT) in caption
        and quotient in caption
        and caption.rstrip(".").endswith(simplest)
    )


def test_each_row_reads_two_plus_its_gap():
    parts = [plus_gap_parts(row) for row in secant_rows()]
    assert parts == [("2", "1"), ("2", "0.5"), ("2", "0.1"), ("2", "0.01"), ("2", "0.001")]
    for row, (constant, gap) in zip(secant_rows(), parts, strict=True):
        assert sp.Rational(constant) + sp.Rational(gap) == row.slope
        assert gap == row.gap_text


def test_narration_reads_the_rows_as_two_plus_the_gap():
    # "2 plus 1, 2 plus 0.5, and on down to 2 plus 0.001": the first two rows and the last
    said = numbers_in(SCRIPT.beat("every_row").spoken_text)
    rows = secant_rows()
    expected = [n for row in (rows[0], rows[1], rows[-1]) for n in plus_gap_parts(row)]
    left = plus_gap_parts(left_row())
    # "from the left, 2 minus 0.1": the left row's gap said as a subtraction
    expected += [left[0], left[1].lstrip("-")]
    assert said == ["2"] + expected  # "each slope is 2 plus its gap:" first
    assert numbers_in(SCRIPT.beat("exactly_two").spoken_text)[-1] == str(LIMIT)
    assert "exactly" in SCRIPT.beat("exactly_two").spoken_text


def test_every_number_in_the_narration_is_a_computed_one():
    rows = [*secant_rows(), left_row()]
    computed = {exact_decimal(X0), exact_decimal(F.subs(x, X0)), str(LIMIT)}
    computed |= (
        {r.x2_text for r in rows} | {r.y2_text for r in rows} | {r.slope_spoken for r in rows}
    )
    computed |= {r.gap_text.lstrip("-") for r in rows} | {exact_decimal(r.rise) for r in rows}
    computed |= {str(ALGEBRA.constant)}
    computed |= {str(v) for v in quotient_at_zero()}
    for beat in SCRIPT.beats:
        for number in numbers_in(beat.spoken_text + " " + beat.caption_text):
            assert number in computed, f"{beat.id}: {number} is not a computed figure"

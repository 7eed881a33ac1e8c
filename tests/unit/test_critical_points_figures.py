"""The critical-points scene's numbers: f′ = 0 on x³ − 3x, local versus global, x³ and x⁴, the second-derivative test."""

from __future__ import annotations

import re

import sympy as sp

from mathreel.narration.script import parse_narration
from scenes import critical_points_figures as fig
from scenes.common.calculus import x
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "critical_points.md")
S = fig.SHOWN
#: The house limit for one beat's narration (one idea, about 55 spoken words).
MAX_BEAT_WORDS = 55


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def caption(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).caption_text


def minus(text: str) -> str:
    """A shown number as the captions print it (typographic minus)."""
    return text.replace("-", "−")


def said(text: str) -> str:
    """A shown number as the voice says it."""
    return "minus " + text[1:] if text.startswith("-") else text


# -- the cubic x³ − 3x -----------------------------------------------------------------------
def test_cubic_critical_points_from_solving_f_prime() -> None:
    assert fig.CUBIC == x**3 - 3 * x
    assert fig.CUBIC_PRIME == 3 * x**2 - 3
    assert [p.x for p in fig.CUBIC_POINTS] == [-1, 1]
    assert [p.y for p in fig.CUBIC_POINTS] == [2, -2]
    assert all(fig.CUBIC_PRIME.subs(x, p.x) == 0 for p in fig.CUBIC_POINTS)


def test_f_prime_changes_sign_at_the_hill_and_the_valley() -> None:
    # + before the hill, − between, + after the valley: f′ crosses zero at both critical points.
    assert fig.PRIME_SIGNS == ("+", "-", "+")
    assert fig.TRACE_FROM < fig.CUBIC_MAX.x < fig.CUBIC_MIN.x < fig.TRACE_TO
    assert sp.solveset(fig.CUBIC_PRIME < 0, x, sp.S.Reals) == sp.Interval.open(-1, 1)


def test_cubic_second_derivative_test() -> None:
    assert fig.CUBIC_SECOND == 6 * x
    assert (fig.CUBIC_MAX.second, fig.CUBIC_MAX.kind) == (-6, "maximum")
    assert (fig.CUBIC_MIN.second, fig.CUBIC_MIN.kind) == (6, "minimum")


def test_the_verdicts_match_the_curve_nearby() -> None:
    """A maximum is higher than its neighbours, a minimum lower: the test agrees with the picture."""
    h = sp.Rational(1, 100)
    peak, valley = fig.CUBIC_MAX, fig.CUBIC_MIN
    assert fig.CUBIC.subs(x, peak.x - h) < peak.y > fig.CUBIC.subs(x, peak.x + h)
    assert fig.CUBIC.subs(x, valley.x - h) > valley.y < fig.CUBIC.subs(x, valley.x + h)
    assert fig.extremum(fig.CUBIC, peak.x) == "maximum"
    assert fig.extremum(fig.CUBIC, valley.x) == "minimum"


def test_the_extrema_are_local_not_global_and_the_picture_shows_it() -> None:
    assert (fig.PEAK_AGAIN, fig.VALLEY_AGAIN) == (2, -2)
    # The drawn curve reaches past both points, so it visibly climbs above the peak on the right
    # and drops below the valley on the left.
    lo, hi = fig.CUBIC_DRAWN
    assert lo < fig.VALLEY_AGAIN and fig.CUBIC.subs(x, lo) < fig.CUBIC_MIN.y
    assert hi > fig.PEAK_AGAIN and fig.CUBIC.subs(x, hi) > fig.CUBIC_MAX.y
    # ... and it stays inside the upper graph's window, |f| <= 3.5.
    assert all(abs(fig.CUBIC.subs(x, end)) <= sp.Rational(7, 2) for end in (lo, hi))
    # No global extreme at all: the cubic is unbounded both ways.
    assert sp.limit(fig.CUBIC, x, sp.oo) == sp.oo and sp.limit(fig.CUBIC, x, -sp.oo) == -sp.oo
    assert not fig.is_global_minimum(fig.CUBIC, fig.CUBIC_MIN.x)


# -- x³: flat tangent, no turn ---------------------------------------------------------------
def test_x_cubed_is_flat_at_zero_yet_neither() -> None:
    assert fig.FLAT_CUBIC == x**3
    assert fig.FLAT_PRIME == 3 * x**2
    assert fig.FLAT_SLOPE == 0 and fig.FLAT_POINT.x == 0
    assert (fig.FLAT_POINT.second, fig.FLAT_POINT.kind) == (0, "inconclusive")
    assert fig.FLAT_VERDICT == "neither"


def test_x_cubed_slope_touches_zero_without_crossing() -> None:
    assert sp.solveset(fig.FLAT_PRIME < 0, x, sp.S.Reals) == sp.S.EmptySet
    assert sp.roots(sp.Poly(fig.FLAT_PRIME, x)) == {0: 2}  # a double root: it touches


# -- x⁴: f″(0) = 0 as well, yet a minimum -----------------------------------------------------
def test_x_to_the_fourth_makes_inconclusive_mean_something() -> None:
    assert fig.QUARTIC == x**4
    assert fig.QUARTIC_SECOND == 12 * x**2
    assert (fig.QUARTIC_POINT.x, fig.QUARTIC_POINT.second) == (0, 0)
    assert fig.QUARTIC_POINT.kind == fig.FLAT_POINT.kind == "inconclusive"  # same test result
    assert fig.QUARTIC_VERDICT == "minimum" != fig.FLAT_VERDICT  # different answers
    assert fig.QUARTIC_IS_GLOBAL


def test_extremum_follows_the_first_nonzero_derivative() -> None:
    assert fig.extremum(x**5, 0) == "neither"
    assert fig.extremum(-(x**6), 0) == "maximum"
    assert fig.extremum(x**2, 0) == "minimum"


def test_classify() -> None:
    assert fig.classify(sp.Integer(3)) == "minimum"
    assert fig.classify(sp.Rational(-1, 2)) == "maximum"
    assert fig.classify(sp.Integer(0)) == "inconclusive"


def test_shown_strings() -> None:
    assert S == {
        "cubic_coeff": "3",
        "prime_coeff": "3",
        "prime_const": "3",
        "max_at": "-1",
        "min_at": "1",
        "second_coeff": "6",
        "max_second": "-6",
        "min_second": "6",
        "flat_at": "0",
        "flat_slope": "0",
        "flat_second": "0",
        "quartic_power": "4",
        "quartic_second": "0",
    }
    assert fig.tex(fig.CUBIC) == "x^{3} - 3 x"
    assert fig.tex(fig.CUBIC_PRIME) == "3 x^{2} - 3"


# -- the narration says what the scene computes ---------------------------------------------------
def test_narration_cubic_and_its_slope_graph() -> None:
    assert f"x cubed minus {S['cubic_coeff']} x" in spoken("horizontal_tangent")
    assert f"f(x) = x³ − {S['cubic_coeff']}x" in caption("horizontal_tangent")
    text = spoken("slope_graph")
    assert f"{S['prime_coeff']} x squared minus {S['prime_const']}" in text
    words = {"+": "plus", "-": "minus"}
    before, between, after = (words[s] for s in fig.PRIME_SIGNS)
    assert f"under the hill, from {before} to {between}" in text
    assert f"under the valley, from {between} to {after}" in text


def test_narration_critical_points() -> None:
    text = spoken("critical_points")
    assert f"{S['prime_coeff']} x squared minus {S['prime_const']} equals zero" in text
    assert f"x equals {said(S['max_at'])} and x equals {said(S['min_at'])}" in text
    assert f"x = {minus(S['max_at'])} and x = {minus(S['min_at'])}" in caption("critical_points")
    assert "candidates for local maxima and minima" in text


def test_narration_local_versus_global() -> None:
    text = spoken("local_not_global")
    assert "climbs above the peak" in text and "drops below the valley" in text
    assert "Neither is a global maximum or minimum" in text


def test_narration_x_cubed() -> None:
    text = spoken("not_sufficient")
    assert f"f prime of {S['flat_at']} equals {S['flat_slope']}" in text
    # "neither a minimum nor a maximum" is heard as "... or a maximum": said in two plain parts.
    assert fig.FLAT_VERDICT == "neither"
    assert f"{S['flat_at']} is not a minimum, and not a maximum either" in text
    assert "f′(0) = 0" in caption("not_sufficient")
    why = spoken("touches_zero")
    assert "touches zero without crossing" in why and "positive on both sides" in why
    # Named truthfully: a flat (stationary) inflection point; "saddle" is kept for several weights.
    assert "flat, or stationary, inflection point" in why
    assert "saddle point" not in why and "saddle is kept for functions of several weights" in why


def test_narration_second_derivative_test() -> None:
    text, cap = spoken("second_derivative_test"), caption("second_derivative_test")
    # f″ defined where it first appears: the slope of the slope graph drawn below.
    assert "is the slope of the slope graph below" in text
    assert f"here {S['second_coeff']} x" in text
    assert "usually tells the cases apart" in text
    assert f"f″(x) = {S['second_coeff']}x" in cap
    assert f"At {said(S['max_at'])} it is {said(S['max_second'])}: the curve bends down" in text
    assert f"At {S['min_at']} it is {S['min_second']}: it bends up like a bowl" in text
    for point in (fig.CUBIC_MAX, fig.CUBIC_MIN):
        assert f"a local {point.kind}" in text


def test_narration_inconclusive_with_x_to_the_fourth() -> None:
    text, cap = spoken("inconclusive"), caption("inconclusive")
    assert "the test is inconclusive" in text
    assert f"x to the fourth has f double prime of 0 equals {S['quartic_second']}" in text
    assert f"x⁴ has f″(0) = {S['quartic_second']}, just like x³" in cap
    assert f"yet 0 is its {fig.QUARTIC_VERDICT}, local and global" in text


def test_narration_points_to_higher_dimensions() -> None:
    text = spoken("higher_dimensions")
    assert "higher dimensions" in text and "next chapter" in text


def test_extrema_are_called_local_where_local() -> None:
    """Every "maximum"/"minimum" is qualified: local, global, or the flat points' verdicts."""
    allowed = re.compile(
        r"local maxima and minima|local (maximum|minimum)|global maximum or minimum"
        r"|not a minimum, and not a maximum either|its minimum, local and global"
    )
    for beat in SCRIPT.beats:
        bare = allowed.sub("", beat.spoken_text)
        assert not re.search(r"maxim|minim", bare), (beat.id, bare)


def test_beats_are_short() -> None:
    for beat in SCRIPT.beats:
        assert len(beat.spoken_text.split()) <= MAX_BEAT_WORDS, beat.id


def test_every_number_in_the_narration_is_accounted_for() -> None:
    computed = set(S.values()) | {v.lstrip("-") for v in S.values()}
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text + " " + beat.caption_text):
            assert number in computed, (beat.id, number)

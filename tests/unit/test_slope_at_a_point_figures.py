"""The slope-at-a-point scene's figures: tangents to x², the zoom, a small step, the explorer's signs, and x³ at 0."""

from __future__ import annotations

import re

import pytest
import sympy as sp

from mathreel.narration.script import Mark, Pause, parse_narration
from scenes import slope_at_a_point_figures as fig
from scenes.common.calculus import x
from tests.course import NARRATION_DIR

NARRATION = parse_narration(NARRATION_DIR / "slope_at_a_point.md")
BEATS = {b.id: b for b in NARRATION.beats}
SPOKEN = " ".join(b.spoken_text for b in NARRATION.beats)


def test_functions_drawn() -> None:
    assert fig.PARABOLA == x**2
    assert fig.PARABOLA_SLOPE == 2 * x
    assert fig.CUBIC == x**3
    assert fig.CUBIC_SLOPE == 3 * x**2


@pytest.mark.parametrize(("at", "slope"), [(0, 0), (1, 2), (3, 6)])
def test_parabola_slopes_are_the_sources(at: int, slope: int) -> None:
    assert fig.TANGENT_SLOPES[at] == slope
    assert fig.TANGENT_SLOPE_TEXT[at] == str(slope)


def test_tangent_lines_touch_the_parabola() -> None:
    for at, line in fig.TANGENT_LINES.items():
        assert line.subs(x, at) == fig.PARABOLA.subs(x, at)
        assert sp.diff(line, x) == fig.TANGENT_SLOPES[at]
        # A tangent to an upward parabola stays on or below it: touching, not crossing.
        assert sp.expand(fig.PARABOLA - line - (x - at) ** 2) == 0


def test_straight_line_has_one_slope_everywhere() -> None:
    assert fig.STRAIGHT_LINE == 2 * x - 1
    assert fig.STRAIGHT_LINE_SLOPE == 2
    assert fig.STRAIGHT_LINE_SLOPE_TEXT == "2"
    assert set(fig.TRIANGLE_RISES.values()) == {2}
    assert set(fig.TRIANGLE_RISE_TEXT.values()) == {"2"}


@pytest.mark.parametrize(
    ("zoom", "gap", "text"),
    [(1, 1, "1"), (10, sp.Rational(1, 100), "0.01"), (100, sp.Rational(1, 10000), "0.0001")],
)
def test_zoom_gap_at_the_window_edge_is_the_half_width_squared(
    zoom: int, gap: sp.Rational, text: str
) -> None:
    assert zoom in fig.ZOOM_FACTORS
    h = fig.HALF_WIDTHS[zoom]
    assert h == sp.Rational(1, zoom)
    # x² at 1 + h minus its tangent 2x − 1 there: (1 + h)² − (1 + 2h) = h².
    assert fig.EDGE_GAPS[zoom] == gap == h**2
    assert fig.EDGE_GAP_TEXT[zoom] == text
    assert fig.ZOOM_TEXT[zoom] == str(zoom)


def test_zoom_is_on_the_drawn_tangent_at_one() -> None:
    assert fig.ZOOM_POINT == 1
    assert fig.ZOOM_TANGENT == fig.TANGENT_LINES[1] == 2 * x - 1
    assert fig.ZOOM_FACTORS == (1, 10, 100)


def test_gap_shrinks_faster_than_the_window() -> None:
    # What "cannot be told from its tangent" rests on: gap / window width = h / 2 -> 0.
    ratios = [fig.EDGE_GAPS[z] / (2 * fig.HALF_WIDTHS[z]) for z in fig.ZOOM_FACTORS]
    assert ratios == [sp.Rational(1, 2), sp.Rational(1, 20), sp.Rational(1, 200)]


@pytest.mark.parametrize(
    ("slope", "change", "text"),
    [(3, sp.Rational(3, 100), "+0.03"), (-3, sp.Rational(-3, 100), "-0.03")],
)
def test_small_step_is_the_sources_example(slope: int, change: sp.Rational, text: str) -> None:
    assert fig.STEP_AT == 2
    assert fig.STEP == sp.Rational(1, 100)
    assert fig.STEP_TEXT == "0.01"
    assert fig.STEP_CHANGES[slope] == change == slope * fig.STEP
    assert fig.STEP_CHANGE_TEXT[slope] == text
    assert fig.STEP_CHANGE_SIZE_TEXT[slope] == "0.03"
    assert fig.STEP_SLOPE_TEXT[slope] == str(slope)


def test_small_step_on_the_drawn_parabola_is_close_to_the_tangent_estimate() -> None:
    # Δy ≈ f′(x)·Δx holds on the scene's own curve: x² from 1 to 1.01 rises 0.0201, estimate 0.02.
    actual = fig.PARABOLA.subs(x, 1 + fig.STEP) - fig.PARABOLA.subs(x, 1)
    estimate = fig.PARABOLA_SLOPE.subs(x, 1) * fig.STEP
    assert actual - estimate == fig.STEP**2


def test_explorer_signs_either_side_of_the_vertex() -> None:
    assert fig.RIGHT_STOP > fig.VERTEX > fig.LEFT_STOP
    assert fig.EXPLORER_SLOPES[fig.RIGHT_STOP] == 3
    assert fig.EXPLORER_SLOPES[fig.LEFT_STOP] == -3
    assert fig.EXPLORER_SIGN[fig.RIGHT_STOP] == "positive"
    assert fig.EXPLORER_SIGN[fig.LEFT_STOP] == "negative"
    assert fig.EXPLORER_SIGN[sp.Integer(fig.VERTEX)] == "zero"
    assert fig.EXPLORER_SLOPE_TEXT == {
        fig.RIGHT_STOP: "3.00",
        fig.LEFT_STOP: "-3.00",
        sp.Integer(0): "0.00",
    }


@pytest.mark.parametrize("at", [sp.Rational(k, 10) for k in range(1, 33)])
def test_every_point_right_of_vertex_rises_and_left_falls(at: sp.Rational) -> None:
    assert fig.PARABOLA_SLOPE.subs(x, at) > 0
    assert fig.PARABOLA_SLOPE.subs(x, -at) < 0


def test_slope_rises_to_zero_toward_the_vertex_as_its_steepness_shrinks() -> None:
    path = [fig.LEFT_STOP + sp.Rational(k, 10) * (0 - fig.LEFT_STOP) for k in range(11)]
    slopes = [fig.PARABOLA_SLOPE.subs(x, p) for p in path]
    assert all(a < b for a, b in zip(slopes, slopes[1:], strict=False))  # rises
    sizes = [abs(v) for v in slopes]
    assert all(a > b for a, b in zip(sizes, sizes[1:], strict=False))  # steepness shrinks
    assert (slopes[0], slopes[-1]) == (-3, 0)
    assert fig.SLIDE_SLOPE_TEXT == ("-3", "0")


def test_cubic_flat_at_zero_but_not_a_minimum() -> None:
    assert fig.CUBIC_SLOPE_AT_POINT == 0
    assert fig.CUBIC_SLOPE_TEXT == "0"
    assert fig.CUBIC_SIDE_VALUES == {-1: -1, 1: 1}
    assert fig.CUBIC_SIDE_TEXT == {-1: "-1", 1: "1"}
    assert fig.CUBIC_VALUE_AT_POINT == 0
    assert fig.CUBIC_SIDE_VALUES[-1] < fig.CUBIC_VALUE_AT_POINT < fig.CUBIC_SIDE_VALUES[1]
    assert fig.CUBIC_ZERO_IS_MINIMUM is False
    # Increasing on both sides, the source's check: f(−0.1) = −0.001 < 0 < f(0.1) = 0.001.
    assert fig.CUBIC.subs(x, sp.Rational(-1, 10)) == sp.Rational(-1, 1000)
    assert fig.CUBIC.subs(x, sp.Rational(1, 10)) == sp.Rational(1, 1000)


def test_cubic_zero_is_not_even_a_local_minimum() -> None:
    # Every x < 0, however close to 0, has x³ below f(0) = 0.
    assert fig.CUBIC_BELOW_ZERO_POINT == sp.Interval.open(-sp.oo, 0)


def test_parabola_vertex_is_a_minimum_by_the_same_check() -> None:
    assert fig.is_minimum_by_neighbours(fig.PARABOLA, 0, (-1, 1)) is True


def test_narration_says_the_computed_numbers() -> None:
    tangents = BEATS["parabola_tangents"].spoken_text
    for at in fig.TANGENT_POINTS:
        slope = fig.TANGENT_SLOPE_TEXT[at]
        assert re.search(rf"\bslope (is exactly )?{slope}\b", tangents), (at, slope)
    assert f"one slope everywhere: here, {fig.STRAIGHT_LINE_SLOPE_TEXT}." in (
        BEATS["line_vs_curve"].spoken_text
    )
    zoom = BEATS["zoom_until_straight"].spoken_text
    assert f"on the curve at {fig.ZOOM_POINT}." in zoom
    for factor in fig.ZOOM_FACTORS[1:]:
        assert f"{fig.ZOOM_TEXT[factor]} times closer" in zoom
    step = BEATS["small_step"].spoken_text
    up, down = fig.STEP_SLOPES
    assert f"f prime of {fig.STEP_AT} is {fig.STEP_SLOPE_TEXT[up]}" in step
    assert f"a step of {fig.STEP_TEXT} raises y by about {fig.STEP_CHANGE_SIZE_TEXT[up]}" in step
    sign = BEATS["sign_and_size"].spoken_text
    assert f"f prime of {fig.STEP_AT} is minus {fig.STEP_SLOPE_TEXT[up]}" in sign
    assert fig.STEP_SLOPE_TEXT[down] == "-" + fig.STEP_SLOPE_TEXT[up]
    assert f"lowers y by about {fig.STEP_CHANGE_SIZE_TEXT[down]}" in sign
    right = BEATS["right_answer"].spoken_text
    assert fig.EXPLORER_SIGN[fig.RIGHT_STOP].capitalize() in right
    assert (
        f"at {float(fig.RIGHT_STOP):g}, the slope is {int(fig.EXPLORER_SLOPES[fig.RIGHT_STOP])}"
        in right
    )
    left = BEATS["left_answer"].spoken_text
    assert fig.EXPLORER_SIGN[fig.LEFT_STOP].capitalize() in left
    assert (
        f"at minus {abs(float(fig.LEFT_STOP)):g}, the slope is minus {abs(int(fig.EXPLORER_SLOPES[fig.LEFT_STOP]))}"
        in left
    )
    start, end = fig.SLIDE_SLOPE_TEXT
    assert f"rises from minus {start.lstrip('-')} to {end}" in BEATS["slide_answer"].spoken_text
    cubic = BEATS["cubic_answer"].spoken_text
    # Said from the picture: the power rule (3x²) comes in a later scene.
    assert "Zero:" in cubic and "tangent there is flat" in cubic and "squared" not in cubic
    verdict = BEATS["zero_not_minimum"].spoken_text
    assert "f of minus 1 is minus 1" in verdict and fig.CUBIC_SIDE_TEXT[-1] == "-1"
    assert "f of 0, which is 0" in verdict
    assert "not even a local minimum" in verdict
    # "Not even locally" needs points arbitrarily close: every x just left of 0, e.g. −0.1.
    assert (fig.CUBIC_NEAR_TEXT, fig.CUBIC_NEAR_VALUE_TEXT) == ("-0.1", "-0.001")
    assert fig.CUBIC_NEAR_VALUE < fig.CUBIC_VALUE_AT_POINT
    assert sp.Interval.open(fig.CUBIC_NEAR, 0).is_subset(fig.CUBIC_BELOW_ZERO_POINT)
    assert "however close" in verdict
    assert "f of minus 0.1 is minus 0.001" in verdict
    assert "rises right through 0" in verdict and "straight" not in verdict
    # One reading per prompt: the signed value, and a minimum "even locally".
    assert "slope's value rise, fall, or stay the same" in BEATS["slide_to_vertex"].spoken_text
    assert "even just locally" in BEATS["lowest_point"].spoken_text


def test_every_prediction_pauses_for_the_countdown() -> None:
    prompts = ("predict_right", "predict_left", "slide_to_vertex", "cubic_at_zero", "lowest_point")
    for beat in NARRATION.beats:
        pauses = [seg.seconds for seg in beat.segments if isinstance(seg, Pause)]
        if beat.id in prompts:
            # The pause ends the beat's speech, where the countdown runs (to the mark after it).
            assert pauses == [fig.PREDICTION_PAUSE], beat.id
            assert isinstance(beat.segments[-2], Pause) and isinstance(beat.segments[-1], Mark)
            assert beat.segments[-1].name == "times_up"
        else:
            assert pauses == [], beat.id
    assert fig.PREDICTION_PAUSE >= 4


def test_narration_gives_no_instruction_a_viewer_cannot_follow() -> None:
    lowered = SPOKEN.lower()
    for phrase in ("pick a point", "move to", "drag", "slide the", "explore", "try "):
        assert phrase not in lowered, phrase


def test_narration_has_no_number_the_figures_do_not_give() -> None:
    allowed = (
        set(fig.TANGENT_SLOPE_TEXT.values())
        | {str(a) for a in fig.TANGENT_POINTS}
        | set(fig.ZOOM_TEXT.values())
        | {str(fig.STEP_AT), fig.STEP_TEXT}
        | {t.lstrip("-") for t in fig.STEP_SLOPE_TEXT.values()}
        | set(fig.STEP_CHANGE_SIZE_TEXT.values())
        | {f"{abs(float(s)):g}" for s in fig.EXPLORER_STOPS}
        | {str(abs(int(v))) for v in fig.EXPLORER_SLOPES.values()}
        | {fig.CUBIC_SLOPE_TEXT, "3"}  # f′(x) = 3x², f′(0) = 0
        | {str(abs(a)) for a in fig.CUBIC_SIDES}
        | {fig.CUBIC_NEAR_TEXT.lstrip("-"), fig.CUBIC_NEAR_VALUE_TEXT.lstrip("-")}
    )
    said = set(re.findall(r"\d+(?:\.\d+)?", SPOKEN))
    assert said <= allowed, said - allowed

"""The opening scene's figures: the source's readings, the rate over three windows, and one possible run."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy as sp

from mathreel.narration.script import parse_narration
from mathreel.numbers import decimal
from scenes import opening_training_run_figures as fig
from tests.course import NARRATION_DIR

NARRATION = parse_narration(NARRATION_DIR / "opening_training_run.md")
BEATS = {b.id: b for b in NARRATION.beats}
SPOKEN = " ".join(b.spoken_text for b in NARRATION.beats)
CAPTIONS = " ".join(b.caption_text for b in NARRATION.beats)


def test_readings_are_the_sources() -> None:
    assert fig.READINGS == (
        (10, sp.Rational(241, 100)),
        (11, sp.Rational(238, 100)),
        (20, sp.Rational(112, 100)),
        (21, sp.Rational(109, 100)),
    )
    assert fig.LOSS_TEXT == {10: "2.41", 11: "2.38", 20: "1.12", 21: "1.09"}


@pytest.mark.parametrize("window", [(10, 11), (20, 21)])
def test_both_one_epoch_rates_are_minus_three_hundredths_exactly(window: tuple[int, int]) -> None:
    assert window in fig.ONE_EPOCH_WINDOWS
    assert fig.RATES[window] == sp.Rational(-3, 100)
    assert fig.RATE_TEXT[window] == "-0.03"
    assert fig.DROP_TEXT[window] == "0.03"


def test_middle_window_falls_1_26_in_9_epochs_that_is_minus_0_14_per_epoch() -> None:
    assert fig.MIDDLE_WINDOW == (11, 20)
    assert fig.MIDDLE_DROP == sp.Rational(126, 100)
    assert fig.MIDDLE_EPOCHS == 9
    assert fig.RATES[fig.MIDDLE_WINDOW] == sp.Rational(-14, 100)  # exact, not rounded
    assert (fig.MIDDLE_DROP_TEXT, fig.MIDDLE_CHANGE_TEXT) == ("1.26", "-1.26")
    assert fig.MIDDLE_EPOCHS_TEXT == "9"
    assert fig.RATE_TEXT[fig.MIDDLE_WINDOW] == "-0.14"
    assert fig.RATE_SIZE_TEXT[fig.MIDDLE_WINDOW] == "0.14"


def test_the_windows_before_and_after_epoch_11_disagree() -> None:
    assert fig.QUESTION_EPOCH == 11
    assert fig.WINDOW_BEFORE == (10, 11) and fig.WINDOW_AFTER == (11, 20)
    assert fig.RATES[fig.WINDOW_BEFORE] != fig.RATES[fig.WINDOW_AFTER]


@pytest.mark.parametrize(("epoch", "loss"), fig.READINGS)
def test_run_passes_through_every_reading_exactly(epoch: int, loss: sp.Rational) -> None:
    assert sp.simplify(fig.loss_at(epoch) - loss) == 0


@pytest.mark.parametrize("window", [(10, 11), (11, 20), (20, 21)])
def test_run_over_each_window_has_the_readings_rate(window: tuple[int, int]) -> None:
    assert sp.simplify(fig.secant_slope(*window) - fig.RATES[window]) == 0


def test_run_decreases_everywhere() -> None:
    # L′(t) = b + (c / w) sech²(...) with b < 0 and c < 0: negative for every t.
    assert sp.N(fig.LINEAR_COEFF) < 0
    assert sp.N(fig.DROP_COEFF) < 0
    assert fig.DROP_WIDTH > 0
    slope = sp.lambdify(fig.t, fig.LOSS_SLOPE, "numpy")
    epochs = np.linspace(*fig.EPOCH_RANGE, 3001)
    assert np.all(slope(epochs) < 0)
    values = sp.lambdify(fig.t, fig.LOSS, "numpy")(epochs)
    assert np.all(np.diff(values) < 0)


def test_run_stays_a_plausible_loss_over_the_plot() -> None:
    lo, hi = fig.EPOCH_RANGE
    assert 0.5 < float(fig.loss_at(hi)) < float(fig.loss_at(lo)) < 3.0


def test_tangent_slope_is_the_derivative_of_the_drawn_run() -> None:
    f = sp.lambdify(fig.t, fig.LOSS, "numpy")
    h = 1e-6
    e = fig.QUESTION_EPOCH
    assert (f(e + h) - f(e - h)) / (2 * h) == pytest.approx(float(fig.TANGENT_SLOPE), abs=1e-8)
    assert sp.simplify(fig.TANGENT_LINE.subs(fig.t, e) - fig.loss_at(e)) == 0
    assert sp.simplify(sp.diff(fig.TANGENT_LINE, fig.t) - fig.TANGENT_SLOPE) == 0


@pytest.mark.parametrize(("window", "side"), [((10, 11), -1), ((11, 20), 1)])
def test_shrinking_either_window_closes_in_on_the_tangent(
    window: tuple[int, int], side: int
) -> None:
    # The scene shrinks each window toward epoch 11 along the drawn run: the slopes approach L′(11).
    width = window[1] - window[0]
    fractions = [sp.Integer(1), sp.Rational(1, 3), sp.Rational(1, 10), sp.Rational(1, 100)]
    here = fig.QUESTION_EPOCH
    tangent = sp.N(fig.TANGENT_SLOPE, 30)
    gaps = []
    for f in fractions:
        other = here + side * width * f
        rise = sp.N(fig.LOSS.subs(fig.t, other) - fig.LOSS.subs(fig.t, here), 30)
        gaps.append(abs(float(rise / (other - here) - tangent)))
    # At the full width the window's slope is the readings' rate.
    assert gaps[0] == pytest.approx(abs(float(fig.RATES[window] - tangent)), abs=1e-12)
    assert all(a > b for a, b in zip(gaps, gaps[1:], strict=False))
    assert gaps[-1] < 1e-3
    # The tangent lies between the two windows' rates: they close in from either side.
    assert fig.RATES[fig.WINDOW_AFTER] < fig.TANGENT_SLOPE < fig.RATES[fig.WINDOW_BEFORE]


def test_tangent_slope_is_rounded_to_hundredths() -> None:
    assert float(fig.TANGENT_SLOPE) == pytest.approx(-0.0375689057, abs=1e-9)
    assert fig.TANGENT_SLOPE_TEXT == "-0.04"
    assert fig.TANGENT_SLOPE_SIZE_TEXT == "0.04"


def test_narration_says_the_computed_numbers() -> None:
    for text in fig.LOSS_TEXT.values():
        assert text in SPOKEN
    assert f"fell by {fig.DROP_TEXT[(10, 11)]} in one epoch" in BEATS["equal_drops"].spoken_text
    assert f"minus {fig.RATE_SIZE_TEXT[(10, 11)]} per epoch" in BEATS["equal_drops"].spoken_text
    middle = BEATS["middle_window"].spoken_text
    assert (
        f"From epoch {fig.MIDDLE_WINDOW[0]} to epoch {fig.MIDDLE_WINDOW[1]}, the loss fell by "
        f"{fig.MIDDLE_DROP_TEXT} over those {fig.MIDDLE_EPOCHS_TEXT} epochs" in middle
    )
    assert f"minus {fig.RATE_SIZE_TEXT[fig.MIDDLE_WINDOW]} per epoch" in middle
    which = BEATS["which_rate"].spoken_text
    assert f"at epoch {fig.QUESTION_EPOCH}?" in which
    assert f"minus {fig.RATE_SIZE_TEXT[fig.WINDOW_BEFORE]} per epoch" in which
    assert f"minus {fig.RATE_SIZE_TEXT[fig.WINDOW_AFTER]}" in which
    assert f"about minus {fig.TANGENT_SLOPE_SIZE_TEXT} per epoch" in (
        BEATS["shrink_window"].spoken_text
    )
    for shown in (*fig.RATE_TEXT.values(), fig.TANGENT_SLOPE_TEXT):
        assert shown.replace("-", "−") in CAPTIONS


def test_narration_names_the_run_as_one_possibility_and_the_rate_per_epoch() -> None:
    assert "one possible run" in BEATS["shrink_window"].spoken_text
    assert "on this run" in BEATS["shrink_window"].spoken_text
    assert "per epoch" in BEATS["derivative"].spoken_text
    assert "one weight is nudged" in BEATS["per_weight"].spoken_text


def test_narration_has_no_number_the_figures_do_not_give() -> None:
    allowed = (
        set(fig.LOSS_TEXT.values())
        | set(fig.DROP_TEXT.values())
        | set(fig.RATE_SIZE_TEXT.values())
        | {fig.MIDDLE_DROP_TEXT, fig.MIDDLE_EPOCHS_TEXT, fig.TANGENT_SLOPE_SIZE_TEXT}
        | {str(e) for e, _ in fig.READINGS}
    )
    said = set(re.findall(r"\d+(?:\.\d+)?", SPOKEN))
    assert said <= allowed, said - allowed


@pytest.mark.parametrize("window", [(10, 11), (11, 20)])
def test_the_closest_windows_read_the_tangent_slope_yet_are_not_zero(
    window: tuple[int, int],
) -> None:
    # The animation stops at CLOSEST_FRACTION of each width: a window, not a point (0/0).
    assert 0 < fig.CLOSEST_FRACTION < 1
    width = (window[1] - window[0]) * fig.CLOSEST_FRACTION
    here = fig.QUESTION_EPOCH
    other = here + (width if window[0] == here else -width)
    rate = sp.N((fig.LOSS.subs(fig.t, other) - fig.LOSS.subs(fig.t, here)) / (other - here), 30)
    assert decimal(rate, fig.PLACES) == fig.TANGENT_SLOPE_TEXT


def test_limits_are_approached_and_claims_stay_true() -> None:
    lowered = SPOKEN.lower()
    assert "nothing" not in lowered  # no window shrunk to nothing: 0/0 has no rate
    assert "shrinks toward zero" in BEATS["derivative"].spoken_text
    assert "closes in on one value" in BEATS["derivative"].spoken_text
    # t is named before L′(t) is said.
    derivative = BEATS["derivative"].spoken_text
    assert derivative.index("Call the epoch t") < derivative.index("L prime of t")
    # Many methods learn without derivatives: say what is true, not "no learning".
    assert "no learning" not in lowered
    assert "no training of neural networks as we know it" in BEATS["why_derivatives"].spoken_text
    # The slopes close in on a number, the lines on the tangent (not "slopes close in on a line").
    assert "slopes close in on one number" in BEATS["shrink_window"].spoken_text
    assert "lines close in on the tangent" in BEATS["shrink_window"].spoken_text
    # "How fast is the loss falling? minus 0.03" is a double negative: ask for the rate of change.
    assert "falling" not in BEATS["which_rate"].spoken_text

"""The opening scene's figures: the source's readings, the curve through them, and its two tangent slopes."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy as sp

from mathreel.narration import parse_narration
from mathreel.paths import NARRATION_DIR
from scenes import opening_training_run_figures as fig
from scenes.calculus import decimal

NARRATION = parse_narration(NARRATION_DIR / "opening_training_run.md")
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


@pytest.mark.parametrize("interval", [(10, 11), (20, 21)])
def test_both_averages_are_minus_three_hundredths_exactly(interval: tuple[int, int]) -> None:
    assert fig.AVERAGES[interval] == sp.Rational(-3, 100)
    assert fig.AVERAGE_TEXT[interval] == "-0.03"
    assert fig.DROP_TEXT[interval] == "0.03"


@pytest.mark.parametrize(("epoch", "loss"), fig.READINGS)
def test_curve_passes_through_every_reading_exactly(epoch: int, loss: sp.Rational) -> None:
    assert sp.simplify(fig.LOSS.subs(fig.t, epoch) - loss) == 0


@pytest.mark.parametrize("interval", [(10, 11), (20, 21)])
def test_curve_average_over_each_interval_is_the_readings_average(
    interval: tuple[int, int],
) -> None:
    start, end = interval
    on_curve = (fig.LOSS.subs(fig.t, end) - fig.LOSS.subs(fig.t, start)) / (end - start)
    assert sp.simplify(on_curve - sp.Rational(-3, 100)) == 0


def test_tangent_slopes_differ_and_straddle_the_average() -> None:
    slope_10, slope_20 = (sp.N(fig.SLOPES[e], 30) for e in (10, 20))
    # What the scene shows and says: the curve's own slopes at those instants.
    assert fig.SLOPE_TEXT == {10: "-0.024", 20: "-0.038"}
    assert fig.SLOPE_SIZE_TEXT == {10: "0.024", 20: "0.038"}
    assert float(slope_10) == pytest.approx(-0.0240794513, abs=1e-9)
    assert float(slope_20) == pytest.approx(-0.0375689057, abs=1e-9)
    # "More slowly than the average" at 10, "faster than the average" at 20.
    assert -sp.Rational(3, 100) < slope_10 < 0
    assert slope_20 < -sp.Rational(3, 100)


def test_slopes_are_the_derivative_of_the_drawn_curve() -> None:
    f = sp.lambdify(fig.t, fig.LOSS, "numpy")
    h = 1e-6
    for epoch in fig.TANGENT_EPOCHS:
        numeric = (f(epoch + h) - f(epoch - h)) / (2 * h)
        assert numeric == pytest.approx(float(fig.SLOPES[epoch]), abs=1e-8)


def test_fall_speeds_up_at_ten_and_eases_off_at_twenty() -> None:
    # The narration says so: |L′| grows through epoch 10 and shrinks through epoch 20.
    second = sp.diff(fig.LOSS, fig.t, 2)
    assert sp.N(second.subs(fig.t, 10)) < 0  # slope getting more negative
    assert sp.N(second.subs(fig.t, 20)) > 0  # slope getting less negative


def test_curve_decreases_everywhere() -> None:
    # L′(t) = b + (c / w) sech²(...) with b < 0 and c < 0: negative for every t.
    assert fig.LINEAR_COEFF.is_negative or sp.N(fig.LINEAR_COEFF) < 0
    assert sp.N(fig.DROP_COEFF) < 0
    assert fig.DROP_WIDTH > 0
    slope = sp.lambdify(fig.t, fig.LOSS_SLOPE, "numpy")
    epochs = np.linspace(*fig.EPOCH_RANGE, 3001)
    assert np.all(slope(epochs) < 0)
    values = sp.lambdify(fig.t, fig.LOSS, "numpy")(epochs)
    assert np.all(np.diff(values) < 0)


def test_curve_stays_a_plausible_loss_over_the_plot() -> None:
    lo, hi = fig.EPOCH_RANGE
    assert 0.5 < float(fig.loss_at(hi)) < float(fig.loss_at(lo)) < 3.0


def test_tangent_line_touches_the_curve() -> None:
    for epoch in fig.TANGENT_EPOCHS:
        line = fig.tangent_line(epoch)
        assert sp.simplify(line.subs(fig.t, epoch) - fig.loss_at(epoch)) == 0
        assert sp.simplify(sp.diff(line, fig.t) - fig.SLOPES[epoch]) == 0


def test_narration_says_the_computed_numbers() -> None:
    for text in fig.LOSS_TEXT.values():
        assert text in SPOKEN
    assert f"fell by {fig.DROP_TEXT[(10, 11)]}" in SPOKEN
    assert f"minus {decimal(-fig.AVERAGES[(10, 11)], 2)}" in SPOKEN
    for epoch in fig.TANGENT_EPOCHS:
        assert f"minus {fig.SLOPE_SIZE_TEXT[epoch]}" in SPOKEN
        assert fig.SLOPE_TEXT[epoch].replace("-", "−") in CAPTIONS


def test_narration_has_no_number_the_figures_do_not_give() -> None:
    allowed = (
        set(fig.LOSS_TEXT.values())
        | set(fig.DROP_TEXT.values())
        | set(fig.SLOPE_SIZE_TEXT.values())
        | {str(e) for e, _ in fig.READINGS}
    )
    said = set(re.findall(r"\d+(?:\.\d+)?", SPOKEN))
    assert said <= allowed, said - allowed

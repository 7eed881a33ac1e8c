"""The gradient-descent scene's numbers: L(w) = (w − 3)², one step from w = 5, and the steps after."""

from __future__ import annotations

import re

import pytest
import sympy as sp

from mathreel.narration.script import Mark, Pause, parse_narration
from scenes import gradient_descent_figures as fig
from scenes.common.calculus import tangent_line
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "gradient_descent.md")
S = fig.SHOWN
w = fig.w
#: Small whole numbers as the narration says them when it works arithmetic out in steps.
WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}
#: The house limit for one beat's narration (one idea, about 55 spoken words).
MAX_BEAT_WORDS = 55


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def caption(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).caption_text


def test_loss_and_its_derivative() -> None:
    assert fig.LOSS == (w - 3) ** 2
    assert fig.LOSS_PRIME.equals(2 * (w - 3))
    assert sp.factor(fig.LOSS_PRIME).as_coeff_Mul() == (2, w - 3)  # the form shown: 2(w − 3)
    assert fig.MINIMUM == 3


def test_the_first_step_from_five() -> None:
    assert fig.START == 5
    assert fig.START_SLOPE == 4 == 2 * (5 - 3)
    assert fig.START_GAP == fig.START - fig.MINIMUM == 2  # the bracket in 2(5 − 3)
    assert fig.START_SLOPE > 0  # the loss increases with w, so w must decrease
    assert fig.LEARNING_RATE == sp.Rational(1, 10)
    assert fig.NEW_WEIGHT == sp.Rational(23, 5)
    assert fig.NEW_WEIGHT < fig.START
    assert fig.START_LOSS == 4
    assert fig.NEW_LOSS == sp.Rational(64, 25)
    assert fig.NEW_LOSS < fig.START_LOSS


def test_further_steps_are_exact() -> None:
    weights = [s.w for s in fig.STEPS[:5]]
    assert weights == [
        5,
        sp.Rational(23, 5),
        sp.Rational(107, 25),
        sp.Rational(503, 125),
        sp.Rational(2387, 625),
    ]
    assert [fig.shown(v) for v in weights] == ["5", "4.6", "4.28", "4.024", "3.819"]
    assert all(isinstance(s.w, sp.Rational) for s in fig.STEPS)  # never radicals or floats
    assert [s.slope for s in fig.STEPS[:3]] == [4, sp.Rational(16, 5), sp.Rational(64, 25)]
    assert [s.loss for s in fig.STEPS[:3]] == [4, sp.Rational(64, 25), sp.Rational(1024, 625)]


def test_the_step_is_predicted_from_the_tangent() -> None:
    assert fig.STEP_CHANGE == sp.Rational(-2, 5) == -fig.LEARNING_RATE * fig.START_SLOPE
    assert fig.STEP_SIZE == sp.Rational(2, 5)
    assert fig.PREDICTED_CHANGE == sp.Rational(-8, 5)  # ΔL ≈ L′(5)·Δw = 4 × (−0.4)
    tangent = tangent_line(fig.LOSS, fig.START, w)
    assert fig.PREDICTED_LOSS == tangent.subs(w, fig.NEW_WEIGHT) == sp.Rational(12, 5)
    assert fig.ACTUAL_CHANGE == sp.Rational(-36, 25)  # 2.56 − 4
    assert fig.CURVATURE_GAP == sp.Rational(4, 25) == fig.STEP_CHANGE**2  # 0.16 = 0.4²


def test_the_gap_is_the_square_of_the_step_for_every_step() -> None:
    """Why a small η is safe: the tangent misses by (Δw)², tiny beside the predicted |L′|·|Δw|."""
    d = sp.Symbol("d", real=True)
    miss = fig.loss_at(fig.START + d) - fig.START_LOSS - fig.START_SLOPE * d
    assert sp.expand(miss - d**2) == 0
    assert fig.CURVATURE_GAP < abs(fig.PREDICTED_CHANGE)  # so the step still lowers the loss


def test_each_step_multiplies_the_gap_by_four_fifths() -> None:
    assert fig.SHRINK == sp.Rational(4, 5)
    assert sp.expand(fig.step(w) - 3 - fig.SHRINK * (w - 3)) == 0
    for k, s in enumerate(fig.STEPS):
        assert s.w - 3 == 2 * sp.Rational(4, 5) ** k


def test_convergence_toward_three() -> None:
    ws = [s.w for s in fig.STEPS]
    assert all(a > b > 3 for a, b in zip(ws, ws[1:], strict=False))
    losses = [s.loss for s in fig.STEPS]
    slopes = [s.slope for s in fig.STEPS]
    assert all(a > b for a, b in zip(losses, losses[1:], strict=False))
    assert all(a > b > 0 for a, b in zip(slopes, slopes[1:], strict=False))
    assert fig.FAR.k == 20
    assert fig.FAR.w - 3 < sp.Rational(1, 40)
    assert fig.FAR_WEIGHT_TEXT == "3.023"
    assert [fig.shown(fig.FAR.loss), fig.shown(fig.FAR.slope)] == ["0.001", "0.046"]


def test_table_strings() -> None:
    assert fig.shown(sp.Rational(64, 25)) == "2.56"
    assert fig.shown(sp.Rational(1024, 625)) == "1.638"  # 1.6384 to 3 places
    assert fig.shown(sp.Integer(4)) == "4"


def test_shelf_is_flat_without_being_a_minimum() -> None:
    assert fig.SHELF_FLAT == 1 and fig.SHELF_MIN == 3
    assert fig.SHELF_PRIME.subs(w, fig.SHELF_FLAT) == 0
    # L′ touches zero at the shelf (a double root, like 3x² for x³) and crosses it at the minimum.
    assert sp.factor(fig.SHELF_PRIME) == (w - 1) ** 2 * (w - 3)
    # Still falling on both sides of the shelf, and the true minimum is lower.
    h = sp.Rational(1, 10)
    at = fig.SHELF_LOSS.subs
    assert at(w, 1 - h) > at(w, 1) > at(w, 1 + h)
    assert at(w, fig.SHELF_MIN) < at(w, fig.SHELF_FLAT)
    assert sp.diff(fig.SHELF_LOSS, w, 2).subs(w, fig.SHELF_MIN) > 0
    assert min(at(w, v) for v in sp.Range(0, 5)) > 0  # a loss that stays positive on screen


def test_shown_strings() -> None:
    assert S == {
        "minimum": "3",
        "prime_coeff": "2",
        "start": "5",
        "start_slope": "4",
        "eta": "0.1",
        "new_weight": "4.6",
        "start_loss": "4",
        "new_loss": "2.56",
        "third_weight": "4.28",
        "fourth_weight": "4.024",
        "shrink": "0.8",
        "far_step": "20",
        "far_weight": "3.023",
        "step_size": "0.4",
        "predicted_drop": "1.6",
        "actual_drop": "1.44",
        "gap": "0.16",
        "large_eta": "1.1",
        "large_factor": "-1.2",
        "large_factor_size": "1.2",
        "large_w1": "0.6",
        "large_w2": "5.88",
        "shelf_flat": "1",
        "shelf_slope": "0",
    }


# -- the narration says what the scene computes ---------------------------------------------------
def test_narration_loss_and_slope() -> None:
    text = spoken("loss_curve")
    assert f"w minus {S['minimum']}, all squared" in text
    assert f"{WORDS[int(S['prime_coeff'])]} times the quantity w minus {S['minimum']}" in text
    assert f"The weight starts at {S['start']}" in text
    # L′(5) = 2(5 − 3) = 4, said in steps so it cannot be heard as 2·5 − 3.
    steps = (
        f"{WORDS[fig.START]} minus {WORDS[fig.MINIMUM]} is {WORDS[fig.START_GAP]}, "
        f"and twice {WORDS[fig.START_GAP]} is {WORDS[fig.START_SLOPE]}"
    )
    assert int(S["prime_coeff"]) == 2  # "twice"
    assert steps in spoken("slope_at_five")
    assert f"L′({S['start']}) = {S['start_slope']}" in caption("slope_at_five")
    assert "w should decrease" in spoken("slope_at_five")


def test_narration_one_step() -> None:
    text = spoken("one_step")
    assert f"With a learning rate of {S['eta']}," in text
    assert f"the step is {S['eta']} times {S['start_slope']}, which is {S['step_size']}" in text
    assert f"the new weight is {S['new_weight']}" in text


def test_narration_predicts_then_checks_the_step() -> None:
    # A real prediction: the question, then a counted-down pause, then what it asked for.
    ask = SCRIPT.beat("predict_loss")
    assert "about how much will the loss drop?" in ask.spoken_text
    assert f"from {S['start']} to {S['new_weight']}" in ask.spoken_text
    pauses = [s.seconds for s in ask.segments if isinstance(s, Pause)]
    assert pauses == [fig.PREDICTION_PAUSE] and fig.PREDICTION_PAUSE >= 4
    assert isinstance(ask.segments[-1], Mark) and ask.segments[-1].name == "times_up"
    text = spoken("tangent_estimate")
    assert "nearly its tangent" in text and "slope times step" in text
    assert f"{S['start_slope']} times {S['step_size']}, which is {S['predicted_drop']}" in text
    text = spoken("actual_loss")
    assert f"from {S['start_loss']} to {S['new_loss']}: by {S['actual_drop']}" in text
    # The miss is the step squared only because L″ = 2 here: said for this loss.
    assert f"For this loss, the miss, {S['gap']}, is {S['step_size']} squared" in text
    assert "small learning rate is safe" in text


def test_narration_sign_rule() -> None:
    text = spoken("sign_rule")
    assert "negative, increase w" in text and "where positive, decrease it" in text
    # Flat to first order only: the bottom of (w − 3)² is not flat, its tangent is horizontal.
    assert "locally flat" not in text
    assert "tangent is horizontal" in text and "flat to first order" in text
    assert "predicts no drop" in text


def test_narration_more_steps() -> None:
    text = spoken("more_steps")
    assert (
        f"from {S['start']}, the weight goes to {S['new_weight']}, "
        f"then {S['third_weight']}, then {S['fourth_weight']}" in text
    )
    assert f"multiplies the distance to {S['minimum']} by {S['shrink']}" in text
    assert f"After {S['far_step']} steps, w is about {S['far_weight']}" in text


def test_narration_caveat_names_saddle_points_and_adam() -> None:
    text = spoken("saddle_caveat")
    assert "for every weight" in text and "does not guarantee a minimum" in text
    assert "flat shelf" in text
    text = spoken("saddle_points")
    assert "saddle point" in text and "Adam" in text
    assert "momentum and adaptive learning rates" in text
    # A saddle needs two weights: said over the two-weight map, and Adam is not sold as an escape
    # from saddles and plateaus alike.
    assert "two or more weights" in text and "this map" in text
    assert "escape" not in text
    assert "ideally until every slope is near zero" in spoken("saddle_caveat")


def test_no_overclaims() -> None:
    """A zero slope may be a shelf: never "converged" on its strength, never "everywhere"."""
    for beat in SCRIPT.beats:
        assert "converged" not in beat.spoken_text, beat.id
        assert "everywhere" not in beat.spoken_text, beat.id


def test_beats_are_short() -> None:
    for beat in SCRIPT.beats:
        assert len(beat.spoken_text.split()) <= MAX_BEAT_WORDS, beat.id


def test_every_number_in_the_narration_is_accounted_for() -> None:
    computed = set(S.values())
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text + " " + beat.caption_text):
            assert number in computed, (beat.id, number)


def test_the_table_lists_the_steps_the_narration_reads() -> None:
    listed = [fig.shown(s.w) for s in fig.STEPS[1 : fig.TABLE_STEPS + 1]]
    assert listed == [S["new_weight"], S["third_weight"], S["fourth_weight"]]


def test_the_saddle_map_is_a_saddle() -> None:
    SADDLE, w1, w2 = fig.SADDLE, fig.w1, fig.w2
    SADDLE_GRADIENT, SADDLE_POINT = fig.SADDLE_GRADIENT, fig.SADDLE_POINT
    SADDLE_LEVELS, SADDLE_HALF_WIDTH, saddle_branches = (
        fig.SADDLE_LEVELS,
        fig.SADDLE_HALF_WIDTH,
        fig.saddle_branches,
    )
    # Zero gradient at the middle of the map ...
    assert [g.subs(SADDLE_POINT) for g in SADDLE_GRADIENT] == [0, 0]
    # ... yet the loss rises along w₁ and falls along w₂, however close: not a minimum.
    t = sp.Symbol("t", positive=True)
    assert sp.simplify(SADDLE.subs({w1: t, w2: 0})) == t**2
    assert sp.simplify(SADDLE.subs({w1: 0, w2: t})) == -(t**2)
    # Each drawn branch lies on its level and stays inside the square.
    for level in SADDLE_LEVELS:
        for solved, sign, reach in saddle_branches(level):
            for tv in (-reach, 0.0, reach):
                other = sign * float(sp.sqrt(abs(level) + tv**2))
                point = {w1: other, w2: tv} if solved == "w1" else {w1: tv, w2: other}
                assert float(SADDLE.subs(point)) == pytest.approx(level)
                assert abs(other) <= SADDLE_HALF_WIDTH + 1e-9


def test_too_large_a_rate_overshoots_further_each_step() -> None:
    # w_new − 3 = (1 − 2η)(w − 3): with η = 1.1 the factor is −1.2, beyond −1.
    assert fig.LARGE_RATE == sp.Rational(11, 10)
    assert fig.LARGE_FACTOR == sp.Rational(-6, 5) and fig.LARGE_FACTOR < -1
    path = [s.w for s in fig.LARGE_STEPS]
    assert path == [5, sp.Rational(3, 5), sp.Rational(147, 25)]
    gaps = [abs(v - fig.MINIMUM) for v in path]
    assert gaps[0] < gaps[1] < gaps[2]  # further from 3 each time
    losses = [s.loss for s in fig.LARGE_STEPS]
    assert losses[0] < losses[1] < losses[2]  # and the loss rises
    assert (S["large_eta"], S["large_factor"], S["large_w1"], S["large_w2"]) == (
        "1.1",
        "-1.2",
        "0.6",
        "5.88",
    )
    text = spoken("too_large")
    assert f"with a learning rate of {S['large_eta']}," in text
    assert f"by minus {S['large_factor_size']}" in text
    assert f"From {S['start']}, w jumps to {S['large_w1']}, then to {S['large_w2']}" in text
    assert "safe, but slow" in text

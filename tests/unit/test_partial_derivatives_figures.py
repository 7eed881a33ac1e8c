"""The partial-derivatives scene's numbers: the bowl (w₁ − 3)² + 4(w₂ − 1)² at (5, 2), its two
slices and their slopes, and the gradient (4, 8); the narration says what the figures compute."""

from __future__ import annotations

import re

import sympy as sp

from mathreel.narration.script import parse_narration
from scenes import gradient_descent_figures as gd
from scenes import partial_derivatives_figures as fig
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "partial_derivatives.md")
S = fig.SHOWN
w1, w2 = fig.w1, fig.w2
#: The house limit for one beat's narration (one idea, about 55 spoken words).
MAX_BEAT_WORDS = 55


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def test_the_running_loss_and_its_minimum() -> None:
    assert sp.expand(fig.LOSS - ((w1 - 3) ** 2 + 4 * (w2 - 1) ** 2)) == 0
    assert fig.MINIMUM == (3, 1) and fig.LOSS.subs({w1: 3, w2: 1}) == 0
    assert fig.POINT == (5, 2) and fig.LOSS_AT_POINT == 8


def test_partial_derivatives_and_the_gradient() -> None:
    assert sp.expand(fig.PARTIALS[0] - 2 * (w1 - 3)) == 0
    assert sp.expand(fig.PARTIALS[1] - 8 * (w2 - 1)) == 0
    assert fig.GRADIENT == (4, 8)
    assert (S["c1"], S["c2"]) == ("2", "8")


def test_the_slices_are_one_weight_curves_with_those_slopes() -> None:
    # w₂ = 2: Chapter 1's curve lifted by 4, so the same slope at w₁ = 5.
    assert sp.expand(fig.SLICE_W1 - (gd.LOSS.subs(gd.w, w1) + 4)) == 0
    assert fig.SLICE_LIFT == 4
    assert fig.SLICE_W1_SLOPE == gd.START_SLOPE == fig.GRADIENT[0] == 4
    # w₁ = 5: 4 + 4(w₂ − 1)², slope 8 at w₂ = 2.
    assert sp.expand(fig.SLICE_W2 - (4 + 4 * (w2 - 1) ** 2)) == 0
    assert fig.SLICE_W2_SLOPE == fig.GRADIENT[1] == 8
    # A partial derivative is the slope of the slice: the limit of the slice's difference quotient.
    h = sp.Symbol("h")
    quotient = (fig.LOSS.subs({w1: 5 + h, w2: 2}) - fig.LOSS_AT_POINT) / h
    assert sp.limit(quotient, h, 0) == 4


def test_shown_strings() -> None:
    assert S == {
        "min_w1": "3",
        "min_w2": "1",
        "stretch": "4",
        "p_w1": "5",
        "p_w2": "2",
        "loss": "8",
        "c1": "2",
        "c2": "8",
        "g1": "4",
        "g2": "8",
        "lift": "4",
        "eta": "0.1",
        "ch1_new": "4.6",
        "min_loss": "0",
    }


def test_narration_says_the_figures() -> None:
    assert (
        f"from {S['p_w1']}, one step with a learning rate of {S['eta']} took it to {S['ch1_new']}"
        in (spoken("two_weights"))
    )
    assert "plus 4 times the quantity w-two minus 1, all squared" in spoken("two_weights")
    assert (
        f"lowest where w-one is {S['min_w1']} and w-two is {S['min_w2']}, "
        f"where the loss is {S['min_loss']}"
    ) in spoken("surface")
    assert f"w-one is {S['p_w1']} and w-two is {S['p_w2']}. There the loss is {S['loss']}" in (
        spoken("start_point")
    )
    assert f"lifted by {S['lift']}" in spoken("slice_w1")
    assert f"the same slope, {S['g1']}" in spoken("slice_w1")
    assert "5 minus 3 is 2, and twice 2 is 4" in spoken("partial_w1")
    assert "eight times the quantity w-two minus 1" in spoken("slice_w2")
    assert f"it equals {S['g2']}" in spoken("slice_w2")
    assert f"the gradient is {S['g1']} for w-one and {S['g2']} for w-two" in spoken("gradient")


def test_partial_derivatives_hold_the_others_fixed() -> None:
    text = " ".join(b.spoken_text for b in SCRIPT.beats)
    assert "held fixed" in text and "ignor" not in text
    assert "ball" not in text


def test_every_number_in_the_narration_is_computed() -> None:
    computed = set(S.values())
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text + " " + beat.caption_text):
            assert number in computed, (beat.id, number)


def test_beats_are_short() -> None:
    for beat in SCRIPT.beats:
        assert len(beat.spoken_text.split()) <= MAX_BEAT_WORDS, beat.id

"""The questions scene's numbers: one weight after the other against both at once, the divergence
factor, and the same loss with w₂ measured in half-units."""

from __future__ import annotations

import re

import sympy as sp

from mathreel.narration.script import parse_narration
from scenes import gradient_questions_figures as fig
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "gradient_questions.md")
S = fig.SHOWN
MAX_BEAT_WORDS = 55
w1, v = fig.w1, fig.v


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def test_one_after_another_agrees_only_because_the_loss_separates() -> None:
    assert fig.TOGETHER == fig.SEQUENTIAL == (sp.Rational(23, 5), sp.Rational(6, 5))
    # With a cross term the two methods part: the second slope sees the moved first weight.
    a, b = sp.symbols("a b")
    cross = a**2 + a * b + b**2
    eta, start = sp.Rational(1, 10), {a: 1, b: 2}
    together_b = 2 - eta * sp.diff(cross, b).subs(start)
    moved_a = 1 - eta * sp.diff(cross, a).subs(start)
    sequential_b = 2 - eta * sp.diff(cross, b).subs({a: moved_a, b: 2})
    assert together_b != sequential_b


def test_the_round_bowl() -> None:
    assert sp.expand(fig.ROUND - ((w1 - 3) ** 2 + (v - 2) ** 2)) == 0
    assert fig.ROUND_POINT == (5, 4) and fig.ROUND_MINIMUM == (3, 2)
    assert fig.ROUND_GRADIENT == (4, 4)
    assert fig.ROUND_CROSS == 0  # −∇L is parallel to the way to the minimum ...
    assert sum(g * d for g, d in zip(fig.ROUND_GRADIENT, fig.ROUND_TO_MINIMUM, strict=True)) < 0
    assert fig.ROUND_LEVEL == 8  # ... at the same point, with the same loss


def test_narration_says_the_figures() -> None:
    assert "exactly the gradient step" in spoken("faq_separately")
    assert f"the same point here, {S['new_w1']} and {S['new_w2']}" in spoken("faq_one_after")
    assert "a different method" in spoken("faq_one_after")
    assert "wherever the gradient is not zero" in spoken("faq_perpendicular")
    text = spoken("faq_diverge")
    assert f"exceeds {S['two']} over the curvature" in text
    assert f"With {S['big_eta']} on our bowl: minus {S['big_factor_size']}" in text
    assert "vee equals 2 w-two" in spoken("faq_units")
    assert (
        f"w-one is {S['rp_w1']} and v is {S['rp_v']}, the gradient is {S['rg1']} and {S['rg2']}"
        in (spoken("faq_round"))
    )
    assert "points straight at the minimum" in spoken("faq_round")


def test_every_number_in_the_narration_is_computed() -> None:
    computed = set(S.values()) | {"1", "3"}  # "1 minus eta times"; the minimum's w₁
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text + " " + beat.caption_text):
            assert number in computed, (beat.id, number)


def test_beats_are_short() -> None:
    for beat in SCRIPT.beats:
        assert len(beat.spoken_text.split()) <= MAX_BEAT_WORDS, beat.id

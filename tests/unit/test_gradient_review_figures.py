"""Chapter 2's quiz numbers: the cross-term gradient, the arrows on the contour map, and the
learning rate beyond the cap; the narration's countdowns and numbers."""

from __future__ import annotations

import re

import numpy as np
import sympy as sp

from mathreel.narration.script import Mark, Pause, parse_narration
from scenes import gradient_review_figures as fig
from scenes import gradient_review_quiz as quiz
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "gradient_review.md")
S = fig.SHOWN
MAX_BEAT_WORDS = 70  # an ask beat reads four lettered choices


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def test_q1_cross_term() -> None:
    w1, w2 = fig.w1, fig.w2
    assert fig.Q1_PARTIALS == (2 * w1 + w2, w1 + 2 * w2)
    assert fig.Q1_GRADIENT == (4, 5)
    assert fig.Q1_NO_CROSS == (2, 4) and fig.Q1_SWAPPED == (5, 4)
    assert fig.Q1_PARTS == ((2, 2), (1, 4))
    assert [c.text for c in quiz.Q1.choices][quiz.Q1.answer] == "(4, 5)"


def test_q2_the_gradient_is_the_outward_normal() -> None:
    assert fig.Q2_LEVEL == 8 and fig.Q2_GRADIENT == (8, 4)
    along, gradient, against, to_min = (np.array([float(c) for c in a]) for a in fig.Q2_ARROWS)
    assert along @ gradient == 0  # A runs along the level curve
    assert np.allclose(against, -gradient)  # C is −∇L
    assert np.allclose(to_min, -np.array([1.0, 2.0]))  # D aims at the minimum (0, 0)
    cross = to_min[0] * against[1] - to_min[1] * against[0]
    assert cross != 0  # ... which is not the steepest-descent direction
    # The drawn level curve passes through the point and is the closed-form ellipse.
    pts = fig.q2_level_curve()
    assert np.allclose(4 * pts[:, 0] ** 2 + pts[:, 1] ** 2, 8)
    assert np.min(np.linalg.norm(pts - np.array([1.0, 2.0]), axis=1)) < 0.05
    # The tangent of the ellipse at (1, 2), from its parametrisation, is perpendicular to ∇L.
    t = sp.Symbol("t")
    curve = (sp.sqrt(2) * sp.cos(t), 2 * sp.sqrt(2) * sp.sin(t))
    t0 = sp.pi / 4
    assert tuple(sp.simplify(c.subs(t, t0)) for c in curve) == (1, 2)
    tangent = [sp.diff(c, t).subs(t, t0) for c in curve]
    assert sp.simplify(sum(g * d for g, d in zip(fig.Q2_GRADIENT, tangent, strict=True))) == 0
    assert quiz.Q2.answer == fig.Q2_ANSWER == 1


def test_q3_beyond_the_cap() -> None:
    assert fig.Q3_CURVATURES == (2, 20)
    assert fig.Q3_CAP == sp.Rational(1, 10) and fig.Q3_ETA > fig.Q3_CAP
    assert fig.Q3_FACTORS == (sp.Rational(7, 10), -2)
    # From (1, 1), w₂ doubles in size and flips sign every step while w₁ settles.
    a, b = fig.Q3_START
    for _ in range(5):
        a, b = a * fig.Q3_FACTORS[0], b * fig.Q3_FACTORS[1]
    assert b == -32 and abs(a) < 1
    assert quiz.Q3.choices[quiz.Q3.answer].text == "it diverges along w₂"


def test_the_quiz_pauses_are_counted_down() -> None:
    for beat_id in ("q1_ask", "q2_ask", "q3_ask"):
        ask = SCRIPT.beat(beat_id)
        pauses = [s.seconds for s in ask.segments if isinstance(s, Pause)]
        assert pauses == [5], beat_id
        assert isinstance(ask.segments[-1], Mark) and ask.segments[-1].name == "times_up"


def test_narration_says_the_figures() -> None:
    assert "2 plus 2, which is 4" in spoken("q1_answer") and "1 plus 4, which is 5" in spoken(
        "q1_answer"
    )
    assert f"{S['q2_g1']} for w-one and {S['q2_g2']} for w-two" in spoken("q2_answer")
    assert "at a right angle" in spoken("q2_answer")
    assert f"the learning rate is {S['q3_eta']}" in spoken("q3_ask")
    assert f"2 over {S['q3_c2']}, which is {S['q3_cap']}" in spoken("q3_answer")
    assert f"by minus {S['q3_f2_size']}" in spoken("q3_answer")


def test_every_number_in_the_narration_is_computed() -> None:
    computed = set(S.values()) | {"1", "2", "3"}  # question numbers
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text + " " + beat.caption_text):
            assert number in computed, (beat.id, number)


def test_beats_are_short() -> None:
    for beat in SCRIPT.beats:
        assert len(beat.spoken_text.split()) <= MAX_BEAT_WORDS, beat.id

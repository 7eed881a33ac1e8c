"""The saddle scene's numbers: w₁² − w₂², its zero gradient at the origin, the hyperbolas drawn,
and the descent path from (1, 0.001) with η = 0.1."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy as sp

from mathreel.narration.script import parse_narration
from scenes import saddle_points_figures as fig
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "saddle_points.md")
S = fig.SHOWN
MAX_BEAT_WORDS = 55
w1, w2 = fig.w1, fig.w2


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def test_zero_gradient_at_a_saddle() -> None:
    assert fig.GRADIENT == (2 * w1, -2 * w2)
    assert fig.CRITICAL == [{w1: 0, w2: 0}]
    assert fig.CURVATURES == (2, -2)  # a minimum along w₁, a maximum along w₂
    t = sp.Symbol("t", positive=True)
    assert fig.SADDLE.subs({w1: t, w2: 0}) > 0 > fig.SADDLE.subs({w1: 0, w2: t})


def test_the_descent_path() -> None:
    assert fig.FACTORS == (sp.Rational(4, 5), sp.Rational(6, 5))
    for k, (a, b) in enumerate(fig.PATH):
        assert a == sp.Rational(4, 5) ** k and b == sp.Rational(1, 1000) * sp.Rational(6, 5) ** k
    after = [float(v) for v in fig.AFTER_LINGER]
    assert after == pytest.approx([0.107, 0.0062], abs=5e-4)
    assert (S["after_w1"], S["after_w2"]) == ("0.107", "0.0062")
    assert fig.ESCAPE_STEPS == 38
    assert fig.PATH[37][1] < 1 <= fig.PATH[38][1]
    assert all(b == 0 for _, b in fig.ON_LINE)  # exactly on the line: it converges to the saddle
    assert fig.ON_LINE[-1][0] == sp.Rational(4, 5) ** 10


def test_the_hyperbolas_lie_on_their_levels_inside_the_map() -> None:
    for level in fig.LEVELS:
        for sign in (1.0, -1.0):
            points = fig.hyperbola(level, sign)
            assert np.allclose(points[:, 0] ** 2 - points[:, 1] ** 2, float(level))
            assert np.abs(points).max() <= fig.HALF_WIDTH + 1e-9


def test_narration_says_the_figures() -> None:
    assert "w-one is 1, w-two is 0.001, and the learning rate is 0.1" in spoken("descent_start")
    assert f"by {S['f1']}, and w-two by {S['f2']}" in spoken("descent_start")
    assert f"After {S['linger']} steps" in spoken("lingers")
    assert f"w-one is {S['after_w1']} and w-two is {S['after_w2']}" in spoken("lingers")
    assert f"needs {S['escape']} steps to reach {S['one']}" in spoken("lingers")
    assert "converge to the saddle" in spoken("on_the_line")
    assert "stationary inflection point" in spoken("critical_points")
    assert "two or more variables" in spoken("critical_points")


def test_a_descent_path_not_a_ball_and_no_overclaim() -> None:
    text = " ".join(b.spoken_text for b in SCRIPT.beats)
    assert "descent path" in text and "ball" not in text
    assert "always a minimum" not in text


def test_every_number_in_the_narration_is_computed() -> None:
    computed = set(S.values())
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text + " " + beat.caption_text):
            assert number in computed, (beat.id, number)


def test_beats_are_short() -> None:
    for beat in SCRIPT.beats:
        assert len(beat.spoken_text.split()) <= MAX_BEAT_WORDS, beat.id

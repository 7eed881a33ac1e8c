"""The two-weight descent scene's numbers: one step from (5, 2) with η = 0.1, the path after it,
and the angle between −∇L and the way to the minimum."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy as sp

from mathreel.narration.script import parse_narration
from scenes import descent_in_two_weights_figures as fig
from scenes import gradient_descent_figures as gd
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "descent_in_two_weights.md")
S = fig.SHOWN
MAX_BEAT_WORDS = 55
R = sp.Rational


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def test_one_step_from_five_two() -> None:
    assert fig.ETA == R(1, 10)
    assert fig.STEP_VECTOR == (R(2, 5), R(4, 5))
    assert fig.FIRST_STEP == (R(23, 5), R(6, 5))  # (4.6, 1.2)
    assert fig.loss_at(fig.PATH[0]) == 8 and fig.NEW_LOSS == R(68, 25)  # 2.72


def test_w1_follows_chapter_one_and_w2_shrinks_by_a_fifth() -> None:
    assert [p[0] for p in fig.PATH] == [s.w for s in gd.STEPS]
    assert [p[0] for p in fig.PATH[:4]] == [5, R(23, 5), R(107, 25), R(503, 125)]
    assert fig.W2_OFFSETS == (1, R(1, 5), R(1, 25), R(1, 125))
    assert [p[1] for p in fig.PATH[:4]] == [2, R(6, 5), R(26, 25), R(126, 125)]
    assert (fig.FACTORS.w1, fig.FACTORS.w2) == (R(4, 5), R(1, 5))
    eta = sp.Symbol("eta")
    general = fig.factors(eta)
    assert sp.expand(general.w1 - (1 - 2 * eta)) == 0
    assert sp.expand(general.w2 - (1 - 8 * eta)) == 0


def test_after_twenty_steps() -> None:
    far = fig.PATH[20]
    assert (S["far_w1"], S["far_w2"]) == ("3.023", "1.000")
    assert far[0] - 3 == 2 * R(4, 5) ** 20 and far[1] - 1 == R(1, 5) ** 20


def test_steepest_descent_is_not_aimed_at_the_minimum() -> None:
    assert fig.DESCENT == (-4, -8) and fig.TO_MINIMUM == (-2, -1)
    a, b = np.array([-4.0, -8.0]), np.array([-2.0, -1.0])
    degrees = np.degrees(np.arccos(a @ b / np.linalg.norm(a) / np.linalg.norm(b)))
    assert float(fig.ANGLE_DEGREES) == pytest.approx(degrees) == pytest.approx(36.87, abs=0.01)
    assert S["angle"] == "36.9"


def test_shown_strings() -> None:
    assert (S["s1"], S["s2"], S["new_w1"], S["new_w2"], S["new_loss"]) == (
        "0.4",
        "0.8",
        "4.6",
        "1.2",
        "2.72",
    )
    assert (S["w1_3"], S["w1_4"], S["o1"], S["o2"], S["o3"]) == (
        "4.28",
        "4.024",
        "0.2",
        "0.04",
        "0.008",
    )


def test_narration_says_the_figures() -> None:
    assert "w becomes w minus the learning rate times the gradient of L" in spoken("update_rule")
    assert f"{S['s1']} for w-one and {S['s2']} for w-two" in spoken("update_rule")
    assert (
        f"w-one goes from {S['p_w1']} to {S['new_w1']}, and w-two from {S['p_w2']} to {S['new_w2']}"
        in spoken("one_step")
    )
    assert f"from {S['loss']} to {S['new_loss']}" in spoken("one_step")
    assert f"about {S['angle']} degrees apart" in spoken("not_aimed")
    assert "not aimed at the minimum" in spoken("not_aimed")
    assert f"{S['new_w1']}, then {S['w1_3']}, then {S['w1_4']}" in spoken("path_bends")
    assert f"{S['o0']}, {S['o1']}, {S['o2']}, {S['o3']}" in spoken("path_bends")
    assert f"After {S['far_step']} steps, w-one is about {S['far_w1']}" in spoken("path_bends")
    assert f"{S['f1']} for w-one, {S['f2']} for w-two" in spoken("why_separate")


def test_no_ball_and_no_aim_at_the_minimum() -> None:
    text = " ".join(b.spoken_text for b in SCRIPT.beats)
    assert "ball" not in text and "points at the minimum" not in text


def test_every_number_in_the_narration_is_computed() -> None:
    computed = set(S.values())
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text + " " + beat.caption_text):
            assert number in computed, (beat.id, number)


def test_beats_are_short() -> None:
    for beat in SCRIPT.beats:
        assert len(beat.spoken_text.split()) <= MAX_BEAT_WORDS, beat.id

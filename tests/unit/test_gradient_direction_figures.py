"""The contour-map scene's numbers: the level curve L = 8 through (5, 2), its tangent and the
gradient's right angle to it, and the slope ∇L · u in every unit direction."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy as sp

from mathreel.narration.script import Mark, Pause, parse_narration
from scenes import gradient_direction_figures as fig
from scenes import partial_derivatives_figures as pd
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "gradient_direction.md")
S = fig.SHOWN
MAX_BEAT_WORDS = 55
#: The map's scale (scenes/gradient_direction.py: one screen unit per weight unit) and one pixel
#: at 1080p (the frame is 8 units high).
MAP_UNIT = 1.0
PIXEL_1080P = 8 / 1080


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def test_the_level_curve_through_the_point_is_the_ellipse() -> None:
    w1, w2, t = fig.w1, fig.w2, fig.t
    assert fig.LEVEL == 8
    ellipse = (w1 - 3) ** 2 / 8 + (w2 - 1) ** 2 / 2
    on_curve = {w1: fig.ELLIPSE[0], w2: fig.ELLIPSE[1]}
    assert sp.simplify(ellipse.subs(on_curve)) == 1
    assert sp.simplify(pd.LOSS.subs(on_curve)) == 8  # every point of it has loss 8
    assert tuple(c.subs(t, fig.POINT_T) for c in fig.ELLIPSE) == (5, 2)
    assert fig.SEMI_AXES == (2 * sp.sqrt(2), sp.sqrt(2))
    assert (S["a"], S["b"]) == ("2.83", "1.41")


def test_the_drawn_curve_passes_within_a_pixel_of_the_point_at_1080p() -> None:
    points = fig.level_curve(fig.LEVEL) * MAP_UNIT
    p = np.array([5.0, 2.0]) * MAP_UNIT
    a, b = points[:-1], points[1:]
    along = np.clip(np.sum((p - a) * (b - a), axis=1) / np.sum((b - a) ** 2, axis=1), 0, 1)
    nearest = a + along[:, None] * (b - a)
    assert np.min(np.linalg.norm(nearest - p, axis=1)) < PIXEL_1080P
    # And every sample lies on the level: the closed form, not a traced approximation.
    values = (points[:, 0] / MAP_UNIT - 3) ** 2 + 4 * (points[:, 1] / MAP_UNIT - 1) ** 2
    assert np.allclose(values, 8)


def test_the_gradient_is_perpendicular_to_the_tangent() -> None:
    assert fig.TANGENT == (-2, 1)
    assert fig.DOT_WITH_TANGENT == 0 and fig.TANGENT_PRODUCTS == (-8, 8)
    # Numerically too: the chord through points of the curve either side of (5, 2).
    h = 1e-6
    ends = [
        np.array([float(c.subs(fig.t, float(fig.POINT_T) + d)) for c in fig.ELLIPSE])
        for d in (-h, h)
    ]
    chord = ends[1] - ends[0]
    gradient = np.array([float(g) for g in pd.GRADIENT])
    cosine = chord @ gradient / np.linalg.norm(chord) / np.linalg.norm(gradient)
    assert abs(cosine) < 1e-6


def test_directional_slopes() -> None:
    assert fig.SLOPES["w1"] == 4 and fig.SLOPES["w2"] == 8
    assert sp.simplify(fig.SLOPES["diagonal"] - 12 / sp.sqrt(2)) == 0
    assert fig.GRADIENT_LENGTH == sp.sqrt(80)
    assert sp.simplify(fig.SLOPES["gradient"] - sp.sqrt(80)) == 0
    assert sp.simplify(fig.SLOPES["against"] + sp.sqrt(80)) == 0
    assert fig.SLOPES["level"] == 0
    assert (S["diag"], S["max"], S["min"]) == ("8.49", "8.94", "-8.94")
    for name, u in fig.DIRECTIONS.items():
        assert sp.simplify(u[0] ** 2 + u[1] ** 2) == 1, name  # unit arrows


def test_the_largest_directional_slope_is_along_the_gradient_numerically() -> None:
    angles = np.linspace(0, 2 * np.pi, 36000, endpoint=False)
    slopes = np.array([fig.slope_at_angle(a) for a in angles])
    best = angles[np.argmax(slopes)]
    assert best == pytest.approx(fig.ANGLES["gradient"], abs=1e-3)
    assert slopes.max() == pytest.approx(np.sqrt(80), abs=1e-6)
    assert slopes.min() == pytest.approx(-np.sqrt(80), abs=1e-6)
    assert fig.slope_at_angle(fig.ANGLES["level"]) == pytest.approx(0, abs=1e-12)


def test_the_arrow_is_drawn_scaled_and_the_narration_says_so() -> None:
    assert fig.ARROW_SCALE == sp.Rational(1, 8) and S["scale"] == "8"
    # Its true length dwarfs the ellipse's half-widths.
    assert fig.GRADIENT_LENGTH > 3 * fig.SEMI_AXES[0]
    text = spoken("gradient_arrow")
    assert "drawn at one eighth of its length" in text
    assert f"the square root of {S['length_sq']}, about {S['length']}" in text


def test_narration_says_the_figures() -> None:
    assert f"the loss is {S['level']}" in spoken("level_through_point")
    assert f"about {S['a']} along w-one and {S['b']} along w-two" in spoken("level_through_point")
    assert (
        f"{S['g1']} times minus {S['t1_size']} is minus {S['p1_size']}, "
        f"{S['g2']} times {S['t2']} is {S['p2']}, and the sum is {S['dot']}"
    ) in spoken("right_angle")
    assert "at a right angle" in spoken("right_angle")
    assert f"the slope is {S['slope_w1']}" in spoken("sweep")
    assert f"it is {S['slope_w2']}" in spoken("sweep")
    assert f"{S['diag_num']} over the square root of 2, about {S['diag']}" in spoken("sweep")
    assert f"about {S['max']}, the gradient's length" in spoken("steepest")
    assert f"minus {S['min_size']}, the steepest way down" in spoken("steepest")
    assert "the slope is 0" in spoken("steepest")


def test_steepest_descent_is_a_direction_not_an_aim() -> None:
    text = " ".join(b.spoken_text for b in SCRIPT.beats)
    assert "steepest descent" in spoken("summary")
    assert "at the minimum" not in text and "toward the minimum" not in text
    assert "wherever the gradient is not zero" in spoken("why_perpendicular")


def test_the_prediction_pause() -> None:
    ask = SCRIPT.beat("predict_steepest")
    assert [s.seconds for s in ask.segments if isinstance(s, Pause)] == [4]
    assert isinstance(ask.segments[-1], Mark) and ask.segments[-1].name == "times_up"


def test_every_number_in_the_narration_is_computed() -> None:
    computed = set(S.values())
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text + " " + beat.caption_text):
            assert number in computed, (beat.id, number)


def test_beats_are_short() -> None:
    for beat in SCRIPT.beats:
        assert len(beat.spoken_text.split()) <= MAX_BEAT_WORDS, beat.id

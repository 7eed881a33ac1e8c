"""The learning-rate scene's numbers: the four regimes from (5, 2), the cap 2/8 and the curvature
along the gradient."""

from __future__ import annotations

import re

import numpy as np
import sympy as sp

from mathreel.narration.script import Mark, Pause, parse_narration
from scenes import learning_rate_limit_figures as fig
from scenes.common.contour_map import clipped
from tests.course import NARRATION_DIR

SCRIPT = parse_narration(NARRATION_DIR / "learning_rate_limit.md")
S = fig.SHOWN
MAX_BEAT_WORDS = 55
R = sp.Rational


def spoken(beat_id: str) -> str:
    return SCRIPT.beat(beat_id).spoken_text


def test_factors_per_rate() -> None:
    got = [(fig.FACTORS[e].w1, fig.FACTORS[e].w2) for e in fig.RATES]
    assert got == [(R(4, 5), R(1, 5)), (R(3, 5), R(-3, 5)), (R(1, 2), -1), (R(2, 5), R(-7, 5))]
    for eta in fig.RATES:
        for v, m, factor in zip(
            (0, 1), (3, 1), (fig.FACTORS[eta].w1, fig.FACTORS[eta].w2), strict=True
        ):
            path = fig.PATHS[eta]
            assert all(
                b[v] - m == factor * (a[v] - m) for a, b in zip(path, path[1:], strict=False)
            )


def test_the_regimes_sequences() -> None:
    assert fig.ZIGZAG_W2 == (2, R(2, 5), R(34, 25), R(98, 125))  # 2, 0.4, 1.36, 0.784
    assert fig.BOUNCE_W2 == (2, 0, 2, 0)
    assert fig.DIVERGE_W2 == (2, R(-2, 5), R(74, 25), R(-218, 125), R(3026, 625))
    assert (S["d3"], S["d4"]) == ("-1.744", "4.84")
    assert fig.DIVERGE_LOSSES == (8, R(212, 25))  # 8 → 8.48: the loss rises from the first step
    assert fig.DIVERGE_FAR == 1 + R(-7, 5) ** 20 and S["far_w2"] == "838"
    assert (S["smooth_w1"], S["smooth_w2"]) == ("3.023", "1.000")
    # Zigzag converges, bounce neither grows nor shrinks, diverge grows.
    assert abs(fig.PATHS[fig.ZIGZAG][20][1] - 1) < R(1, 1000)
    assert all(abs(p[1] - 1) == 1 for p in fig.PATHS[fig.BOUNCE])
    offsets = [abs(p[1] - 1) for p in fig.PATHS[fig.DIVERGE]]
    assert all(a < b for a, b in zip(offsets, offsets[1:], strict=False))


def test_the_cap_is_two_over_the_largest_curvature() -> None:
    assert fig.CURVATURES == (2, 8)
    assert fig.CAP == R(1, 4) and S["cap"] == "0.25"
    eta = sp.Symbol("eta", positive=True)
    # |1 − 8η| < 1 exactly when 0 < η < 2/8; 1 − 2η is then inside (−1, 1) too.
    assert sp.solve_univariate_inequality(sp.Abs(1 - 8 * eta) < 1, eta, relational=False) == (
        sp.Interval.open(0, R(1, 4))
    )
    assert fig.CURVATURE_ALONG_GRADIENT == R(34, 5) and S["c_grad"] == "6.8"


def test_the_diverging_path_is_clipped_to_the_map() -> None:
    x_range, y_range = [-0.3, 6.5], [-1, 3.2]
    points = [(float(a), float(b)) for a, b in fig.PATHS[fig.DIVERGE][:11]]
    pieces = clipped(points, x_range, y_range)
    ends = np.array([p for piece in pieces for p in piece])
    assert ends[:, 1].min() >= -1 - 1e-9 and ends[:, 1].max() <= 3.2 + 1e-9
    assert len(pieces) == len(points) - 1  # every step crosses the map, each cut at its edge
    assert np.allclose(pieces[0], [points[0], points[1]])  # the first step stays on the map


def test_narration_says_the_figures() -> None:
    assert "0.1, 0.2, 0.25 and 0.3" in spoken("four_rates")
    assert "1 minus 2 eta" in spoken("four_rates") and "1 minus 8 eta" in spoken("four_rates")
    assert f"the factors are {S['f1_1']} and {S['f2_1']}" in spoken("smooth")
    assert f"minus {S['f2_2_size']}" in spoken("zigzag")
    assert f"{S['z0']}, then {S['z1']}, then {S['z2']}, then {S['z3']}" in spoken("zigzag")
    assert f"between {S['b0']} and {S['b1']}" in spoken("bounce") and "forever" in spoken("bounce")
    text = spoken("diverge")
    assert f"minus {S['f2_4_size']}" in text
    assert (
        f"{S['d0']}, minus {S['d1_size']}, {S['d2']}, minus {S['d3_size']}, about {S['d4']}" in text
    )
    assert f"from {S['loss_0']} to {S['loss_1']}" in text and f"about {S['far_w2']}" in text
    assert f"2 over 8, which is {S['cap']}" in spoken("the_cap")
    assert f"is {S['c_grad']}. Yet the cap is still 2 over {S['c2']}" in spoken(
        "curvature_not_slope"
    )
    assert "the largest curvature sets it" in spoken("curvature_not_slope")


def test_the_prediction_has_one_reading_and_a_pause() -> None:
    ask = SCRIPT.beat("predict_rate")
    assert "will the path settle at the minimum?" in ask.spoken_text
    assert [s.seconds for s in ask.segments if isinstance(s, Pause)] == [4]
    assert isinstance(ask.segments[-1], Mark) and ask.segments[-1].name == "times_up"
    assert spoken("diverge").startswith("No. ")
    order = [b.id for b in SCRIPT.beats]
    # Asked after the three runs that settle or bounce, answered by the fourth.
    assert order.index("bounce") < order.index("predict_rate") < order.index("diverge")


def test_every_number_in_the_narration_is_computed() -> None:
    computed = set(S.values()) | {"3"}  # 3: w₁'s minimum, from partial_derivatives_figures
    for beat in SCRIPT.beats:
        for number in re.findall(r"\d+(?:\.\d+)?", beat.spoken_text + " " + beat.caption_text):
            assert number in computed, (beat.id, number)


def test_beats_are_short() -> None:
    for beat in SCRIPT.beats:
        assert len(beat.spoken_text.split()) <= MAX_BEAT_WORDS, beat.id

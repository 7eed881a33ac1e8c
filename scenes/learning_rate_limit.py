"""Four learning rates from (5, 2) side by side: smooth, zigzag, bouncing, diverging; then why the
largest curvature sets the cap, η < 2/8."""

from __future__ import annotations

import numpy as np
from manim import *

from mathreel import NarratedScene, play_countdown
from scenes import gradient_direction_figures as gdir
from scenes import learning_rate_limit_figures as fig
from scenes import partial_derivatives_figures as pd
from scenes.common.contour_map import clipped, level_curves, weight_names, weight_plane
from scenes.common.style import (
    BODY_SIZE,
    FAST,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    MUTED_COLOR,
    NORMAL,
    POINT_COLOR,
    SECOND_DERIVATIVE_COLOR,
    TEXT_COLOR,
    THEME,
    WEIGHT_COLOR,
)

S = fig.SHOWN
X_RANGE, Y_RANGE = [-0.3, 6.5, 1], [-1, 3.2, 1]
UNIT = 0.55
#: Map centres: η = 0.1 and 0.2 on top, 0.25 and 0.3 below.
CENTRES = ([-3.25, 1.45, 0], [3.05, 1.45, 0], [-3.25, -1.75, 0], [3.05, -1.75, 0])
#: Steps drawn on each map: enough to show each regime, few enough that the bouncing and the
#: diverging paths' segments stay apart.
SHOWN_STEPS = (20, 20, 10, 10)
PREDICTION_PAUSE = 4
COUNTDOWN_CENTRE = np.array([5.2, -2.45, 0])


def words(text: str, color: str = TEXT_COLOR, size: float = LABEL_SIZE) -> Tex:
    return Tex(text, font_size=size, color=color, tex_environment="flushleft")


def small_map(centre, eta, factors_tex: str) -> VGroup:
    """(axes and names, level curves, title): one learning rate's map."""
    axes = weight_plane(X_RANGE, Y_RANGE, UNIT, centre)
    names = weight_names(axes, LABEL_SIZE)
    curves = level_curves(axes, gdir.LEVELS, width=2)
    title = MathTex(
        rf"\eta = {eta}:\ {factors_tex}", font_size=LABEL_SIZE, color=TEXT_COLOR
    ).next_to(VGroup(axes, names), UP, buff=0.1)
    return VGroup(VGroup(axes, names), curves, title)


def path_on(axes: Axes, eta, steps: int) -> VGroup:
    """The descent path, clipped where it leaves the map, with a dot at each visit on the map."""
    visited = fig.PATHS[eta][: steps + 1]
    pieces = clipped([(float(a), float(b)) for a, b in visited], X_RANGE, Y_RANGE)
    lines = VGroup(
        *(Line(axes.c2p(*a), axes.c2p(*b), color=WEIGHT_COLOR, stroke_width=3) for a, b in pieces)
    )
    inside = [
        (float(a), float(b))
        for a, b in visited
        if X_RANGE[0] <= a <= X_RANGE[1] and Y_RANGE[0] <= b <= Y_RANGE[1]
    ]
    dots = VGroup(*(Dot(axes.c2p(*p), radius=0.045, color=POINT_COLOR) for p in inside))
    return VGroup(lines, dots)


class CapTheLearningRate(NarratedScene):
    def construct(self) -> None:
        factor_tex = [
            rf"\times {S['f1_1']},\ \times {S['f2_1']}",
            rf"\times {S['f1_2']},\ \times ({S['f2_2']})",
            rf"\times {S['f1_3']},\ \times ({S['f2_3']})",
            rf"\times {S['f1_4']},\ \times ({S['f2_4']})",
        ]
        etas = [S["eta_1"], S["eta_2"], S["eta_3"], S["eta_4"]]
        maps = [small_map(c, e, f) for c, e, f in zip(CENTRES, etas, factor_tex, strict=True)]
        paths = [
            path_on(m[0][0], eta, n) for m, eta, n in zip(maps, fig.RATES, SHOWN_STEPS, strict=True)
        ]
        starts = VGroup(
            *(
                Dot(m[0][0].c2p(*(float(v) for v in pd.POINT)), radius=0.07, color=POINT_COLOR)
                for m in maps
            )
        )
        per_weight = words(
            r"per step: $w_1 - 3$ and $w_2 - 1$ are multiplied by $1 - 2\eta$ and $1 - 8\eta$",
            MUTED_COLOR,
        ).to_edge(DOWN, buff=0.45)

        with self.beat("four_rates") as beat:
            self.play(
                *(FadeIn(m[0]) for m in maps),
                *(Create(m[1]) for m in maps),
                FadeIn(starts),
                run_time=NORMAL,
            )
            self.play(
                LaggedStart(*(FadeIn(m[2]) for m in maps), lag_ratio=0.4),
                run_time=beat.until("factors"),
            )
            self.play(FadeIn(per_weight), run_time=FAST)

        ask = (
            words(
                rf"With $\eta = {S['eta_4']}$, will the path\\settle at the minimum?",
                HIGHLIGHT_COLOR,
            )
            .scale(1.15)
            .move_to([0, 0.4, 0])
        )
        board = VGroup(*maps, starts)

        with self.beat("smooth") as beat:
            self.play(FadeOut(per_weight), run_time=FAST)
            self.play(
                Create(paths[0][0], lag_ratio=1),
                FadeIn(paths[0][1], lag_ratio=1),
                run_time=beat.until("settles"),
            )

        with self.beat("zigzag") as beat:
            self.play(
                Create(paths[1][0], lag_ratio=1),
                FadeIn(paths[1][1], lag_ratio=1),
                run_time=beat.until("converges"),
            )

        with self.beat("bounce") as beat:
            self.play(
                Create(paths[2][0], lag_ratio=1),
                FadeIn(paths[2][1], lag_ratio=1),
                run_time=beat.until("forever"),
            )

        # After three runs, the fourth is predicted. The maps step aside while the question is
        # asked, so nothing is drawn under it.
        drawn = VGroup(board, *paths[:3])

        with self.beat("predict_rate") as beat:
            self.play(FadeOut(drawn), run_time=FAST)
            self.play(FadeIn(ask), run_time=FAST)
            countdown = play_countdown(
                self, beat, PREDICTION_PAUSE, "times_up", COUNTDOWN_CENTRE, theme=THEME
            )

        off_map = words(r"off the map", HIGHLIGHT_COLOR).next_to(maps[3][0][0], DOWN, buff=0.05)
        off_map.align_to(maps[3][0][0], RIGHT)

        with self.beat("diverge") as beat:
            self.play(FadeOut(ask), FadeOut(countdown), run_time=FAST)
            self.play(FadeIn(drawn), run_time=FAST)
            self.play(
                Create(paths[3][0], lag_ratio=1),
                FadeIn(paths[3][1], lag_ratio=1),
                run_time=beat.until("loss"),
            )
            beat.wait_until("far")
            self.play(FadeIn(off_map), run_time=FAST)

        # -- why 2/8 -------------------------------------------------------------------------------
        curvature = VGroup(
            MathTex(
                rf"\frac{{\partial^2 L}}{{\partial w_1^2}} = {S['c1']}",
                font_size=BODY_SIZE,
                color=SECOND_DERIVATIVE_COLOR,
            ),
            MathTex(
                rf"\frac{{\partial^2 L}}{{\partial w_2^2}} = {S['c2']}",
                font_size=BODY_SIZE,
                color=SECOND_DERIVATIVE_COLOR,
            ),
        ).arrange(RIGHT, buff=1.2)
        factor = MathTex(
            r"\text{each step: offset} \times (1 - \eta \cdot \text{curvature})",
            font_size=BODY_SIZE,
            color=WEIGHT_COLOR,
        )
        below = words(
            r"below $-1$ once $\eta > 2/\text{curvature}$: each step lands farther out",
            TEXT_COLOR,
        )
        cap = MathTex(
            rf"\eta < \frac{{{S['two']}}}{{{S['c2']}}} = {S['cap']}",
            font_size=BODY_SIZE + 8,
            color=HIGHLIGHT_COLOR,
        )
        cap_box = VGroup(cap, SurroundingRectangle(cap, color=HIGHLIGHT_COLOR, buff=0.2))
        VGroup(curvature, factor, below, cap_box).arrange(DOWN, buff=0.5).move_to([0, 0.6, 0])

        with self.beat("curvature") as beat:
            self.play(
                *(FadeOut(m) for m in maps),
                FadeOut(VGroup(*paths, starts, off_map)),
                run_time=FAST,
            )
            self.play(Write(curvature), run_time=beat.until("factor"))
            self.play(FadeIn(factor), run_time=NORMAL)
            beat.wait_until("below")
            self.play(FadeIn(below), run_time=FAST)

        with self.beat("the_cap") as beat:
            self.play(FadeIn(cap_box, scale=1.1), run_time=NORMAL)

        slow = words(
            rf"the gentle direction, curvature ${S['c1']}$, makes progress slow",
            TEXT_COLOR,
        )
        adam = words(
            r"Adam, RMSProp: a step size per weight\\"
            r"(works fully when the steep and gentle\\directions lie along the weight axes, as here)",
            MUTED_COLOR,
        )
        exact = words(
            r"$2/\text{curvature}$: exact for bowls like this one,\\approximate elsewhere, near a minimum",
            MUTED_COLOR,
        )
        notes = VGroup(slow, adam, exact).arrange(DOWN, aligned_edge=LEFT, buff=0.35)

        with self.beat("slow_direction") as beat:
            self.play(
                FadeOut(VGroup(factor, below)),
                cap_box.animate.scale(0.8).to_edge(UP, buff=0.5).shift(RIGHT * 3.2),
                curvature.animate.to_edge(UP, buff=0.5).shift(LEFT * 2.4),
                run_time=FAST,
            )
            notes.next_to(VGroup(curvature, cap_box), DOWN, buff=0.6).to_edge(LEFT, buff=0.9)
            self.play(FadeIn(slow), run_time=beat.until("adam"))
            self.play(FadeIn(adam), run_time=FAST)

        with self.beat("exact_limit"):
            self.play(FadeIn(exact), run_time=FAST)

        steepest = words(
            rf"along $\nabla L$ at $({pd.SHOWN['p_w1']}, {pd.SHOWN['p_w2']})$, the steepest"
            rf" direction:\\curvature ${S['c_grad']}$; the cap uses the largest curvature,"
            rf" ${S['c2']}$",
            TEXT_COLOR,
        )

        with self.beat("curvature_not_slope") as beat:
            self.play(FadeOut(notes), run_time=FAST)
            steepest.move_to([0, -0.4, 0])
            self.play(FadeIn(steepest, shift=UP * 0.2), run_time=NORMAL)

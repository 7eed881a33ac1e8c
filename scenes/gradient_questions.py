"""Questions the chapter answers: moving weights one at a time, the right angle, divergence, and a
gradient that changes with the units of a weight (v = 2w₂ makes the bowl round)."""

from __future__ import annotations

import numpy as np
from manim import *

from mathreel import NarratedScene
from scenes import gradient_questions_figures as fig
from scenes.common.contour_map import weight_plane
from scenes.common.style import (
    BODY_SIZE,
    FAST,
    GRADIENT_COLOR,
    HEADING_SIZE,
    HIGHLIGHT_COLOR,
    LOSS_COLOR,
    MUTED_COLOR,
    NORMAL,
    POINT_COLOR,
    TEXT_COLOR,
    TITLE_SIZE,
    WEIGHT_COLOR,
)

S = fig.SHOWN
TEXT_LEFT = -6.0


def question(text: str) -> Tex:
    return (
        Tex(text, font_size=HEADING_SIZE, color=HIGHLIGHT_COLOR)
        .to_edge(UP, buff=0.5)
        .align_to([TEXT_LEFT, 0, 0], LEFT)
    )


def answer(*rows: Mobject, below: Mobject, left: float = TEXT_LEFT) -> VGroup:
    group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
    return group.next_to(below, DOWN, buff=0.6).align_to([left, 0, 0], LEFT)


def words(text: str, color: str = TEXT_COLOR, size: float = BODY_SIZE) -> Tex:
    return Tex(text, font_size=size, color=color, tex_environment="flushleft")


class AnswerGradientQuestions(NarratedScene):
    def construct(self) -> None:
        title = Tex(r"Questions", font_size=TITLE_SIZE, color=TEXT_COLOR)
        subtitle = Tex(r"four that come up", font_size=BODY_SIZE, color=MUTED_COLOR)
        VGroup(title, subtitle).arrange(DOWN, buff=0.4)

        with self.beat("faq_intro") as beat:
            self.play(Write(title), FadeIn(subtitle), run_time=min(NORMAL, beat.until()))

        q1 = question(r"Why not move each weight separately?")
        a1 = answer(
            words(r"every one-weight slope at the current point,\\then all weights at once:"),
            words(r"exactly the gradient step", GRADIENT_COLOR),
            words(
                r"one after another, recomputing in between:\\a different method",
                MUTED_COLOR,
            ),
            words(
                rf"the same here, $({S['new_w1']}, {S['new_w2']})$, only because\\this loss is a sum of one-weight losses",
                MUTED_COLOR,
            ),
            below=q1,
        )

        with self.beat("faq_separately") as beat:
            self.play(FadeOut(VGroup(title, subtitle)), FadeIn(q1), run_time=FAST)
            self.play(FadeIn(a1[0]), run_time=beat.until("exactly"))
            self.play(FadeIn(a1[1]), run_time=FAST)

        with self.beat("faq_one_after") as beat:
            self.play(FadeIn(a1[2]), run_time=FAST)
            beat.wait_until("same")
            self.play(FadeIn(a1[3]), run_time=FAST)

        q2 = question(r"Why is $\nabla L$ perpendicular to level curves?")
        a2 = answer(
            words(r"along a level curve, $L$ does not change"),
            MathTex(
                r"\text{slope along } u = \nabla L \cdot u = 0",
                font_size=BODY_SIZE,
                color=GRADIENT_COLOR,
            ),
            words(r"so $u \perp \nabla L$, wherever $\nabla L \neq 0$"),
            below=q2,
        )

        with self.beat("faq_perpendicular") as beat:
            self.play(FadeOut(VGroup(q1, a1)), run_time=FAST)
            self.play(FadeIn(q2), run_time=FAST)
            self.play(FadeIn(a2[0]), run_time=beat.until("dot"))
            self.play(Write(a2[1]), run_time=NORMAL)
            beat.wait_until("so")
            self.play(FadeIn(a2[2]), run_time=FAST)

        q3 = question(r"Why does a too-large $\eta$ diverge?")
        a3 = answer(
            words(r"each step jumps across the valley and lands\\farther from the bottom"),
            MathTex(
                r"\text{offset} \times (1 - \eta \cdot \text{curvature})",
                font_size=BODY_SIZE,
                color=WEIGHT_COLOR,
            ),
            words(rf"below $-1$ once $\eta > {S['two']}/\text{{curvature}}$"),
            words(
                rf"our bowl, $\eta = {S['big_eta']}$: $1 - {S['big_eta']} \cdot {S['c2']} = {S['big_factor']}$",
                MUTED_COLOR,
            ),
            below=q3,
        )

        with self.beat("faq_diverge") as beat:
            self.play(FadeOut(VGroup(q2, a2)), run_time=FAST)
            self.play(FadeIn(q3), run_time=FAST)
            self.play(FadeIn(a3[0]), run_time=beat.until("factor"))
            self.play(Write(a3[1]), run_time=NORMAL)
            beat.wait_until("below")
            self.play(FadeIn(a3[2]), run_time=FAST)
            beat.wait_until("ours")
            self.play(FadeIn(a3[3]), run_time=FAST)

        q4 = question(r"Does $\nabla L$ depend on the weights' units?")
        rescale = answer(
            MathTex(rf"v = {S['scale']}\,w_2", font_size=BODY_SIZE, color=WEIGHT_COLOR),
            MathTex(
                rf"L = (w_1 - {S['rm_w1']})^2 + (v - {S['rm_v']})^2",
                font_size=BODY_SIZE,
                color=LOSS_COLOR,
            ),
            words(r"a round bowl", MUTED_COLOR),
            below=q4,
            left=1.0,
        )
        plane = weight_plane([-0.2, 6.2, 1], [-1, 5.2, 1], 0.62, [-3.4, -0.75, 0])
        plane_names = VGroup(
            MathTex("w_1", color=WEIGHT_COLOR, font_size=BODY_SIZE).next_to(
                plane.x_axis, RIGHT, 0.15
            ),
            MathTex("v", color=WEIGHT_COLOR, font_size=BODY_SIZE).next_to(plane.y_axis, UP, 0.15),
        )
        centre = np.array([float(c) for c in fig.ROUND_MINIMUM])
        radius = float(np.sqrt(float(fig.ROUND_LEVEL)))
        circle = ParametricFunction(
            lambda t: plane.c2p(*(centre + radius * np.array([np.cos(t), np.sin(t)]))),
            t_range=[0, TAU],
            color=LOSS_COLOR,
        )
        start = np.array([float(c) for c in fig.ROUND_POINT])
        point = Dot(plane.c2p(*start), radius=0.08, color=POINT_COLOR)
        minimum = Dot(plane.c2p(*centre), radius=0.07, color=LOSS_COLOR)
        # Drawn at a quarter of its length, as a direction; the dashed line runs to the minimum.
        descent = -np.array([float(g) for g in fig.ROUND_GRADIENT]) / 4
        to_minimum = DashedLine(plane.c2p(*start), plane.c2p(*centre), color=MUTED_COLOR)
        arrow = Arrow(
            plane.c2p(*start),
            plane.c2p(*(start + descent)),
            buff=0,
            color=GRADIENT_COLOR,
            stroke_width=6,
        )
        aimed = answer(
            MathTex(
                rf"\nabla L({S['rp_w1']}, {S['rp_v']}) = ({S['rg1']},\ {S['rg2']})",
                font_size=BODY_SIZE,
                color=GRADIENT_COLOR,
            ),
            words(r"$-\nabla L$ points straight\\at the minimum", TEXT_COLOR),
            words(r"the honest basis for scaling\\each weight's step", MUTED_COLOR),
            below=rescale,
            left=1.0,
        )

        with self.beat("faq_units") as beat:
            self.play(FadeOut(VGroup(q3, a3)), run_time=FAST)
            self.play(FadeIn(q4), run_time=FAST)
            self.play(FadeIn(rescale[0]), run_time=beat.until("round"))
            self.play(Write(rescale[1]), FadeIn(rescale[2]), run_time=NORMAL)
            self.play(
                Create(plane), FadeIn(plane_names), Create(circle), FadeIn(minimum), run_time=NORMAL
            )

        with self.beat("faq_round") as beat:
            self.play(FadeIn(point), FadeIn(aimed[0]), run_time=beat.until("straight"))
            self.play(Create(to_minimum), GrowArrow(arrow), FadeIn(aimed[1]), run_time=NORMAL)
            beat.wait_until("honest")
            self.play(FadeIn(aimed[2]), run_time=FAST)

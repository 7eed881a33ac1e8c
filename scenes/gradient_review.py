"""Three questions on the gradient, each posed, left for the viewer to think about, then answered."""

from __future__ import annotations

import numpy as np
from manim import *

from mathreel import NarratedScene, play_countdown
from mathreel.quiz import LETTERS
from scenes import gradient_review_figures as fig
from scenes import gradient_review_quiz as quiz
from scenes.check_understanding_figures import TIMES_UP, think_seconds
from scenes.common.contour_map import weight_names, weight_plane
from scenes.common.quiz_drawing import (
    QUIZ_TEXT_LEFT,
    play_question,
    play_quiz_title,
    question_block,
    reveal_choice,
)
from scenes.common.style import (
    BODY_SIZE,
    FAST,
    GRADIENT_COLOR,
    LABEL_SIZE,
    LOSS_COLOR,
    MUTED_COLOR,
    NORMAL,
    POINT_COLOR,
    SECOND_DERIVATIVE_COLOR,
    TEXT_COLOR,
    THEME,
    WEIGHT_COLOR,
)

S = fig.SHOWN
COUNTDOWN_CENTRE = np.array([5.2, -2.45, 0])
#: Question 2's map fills the right: its countdown sits on the left.
LEFT_COUNTDOWN = np.array([-1.4, -2.45, 0])
#: Where an answer's working goes, under the boxed choice.
WORK_LEFT = QUIZ_TEXT_LEFT


def working(*rows: Mobject, top: float = 1.6) -> VGroup:
    group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
    return group.move_to([WORK_LEFT, top, 0], aligned_edge=UL)


def maths(latex: str, color: str, size: float = BODY_SIZE) -> MathTex:
    return MathTex(latex, font_size=size, color=color)


class CheckTheGradient(NarratedScene):
    def countdown(self, beat, centre: np.ndarray = COUNTDOWN_CENTRE) -> None:
        self.countdown_parts = play_countdown(
            self, beat, think_seconds(beat.plan), TIMES_UP, centre, theme=THEME
        )

    def construct(self) -> None:
        with self.beat("intro") as beat:
            opening = play_quiz_title(self, beat, r"three questions on the gradient")

        # -- Q1: a cross term ---------------------------------------------------------------------
        with self.beat("q1_ask") as beat:
            q1, q1_choices = play_question(
                self, beat, 1, quiz.Q1, QUIZ_TEXT_LEFT, top=1.2, clear=opening
            )
            self.countdown(beat)

        with self.beat("q1_answer") as beat:
            answer = reveal_choice(
                self,
                beat,
                q1_choices,
                quiz.Q1.answer,
                q1,
                self.countdown_parts,
                "work",
                QUIZ_TEXT_LEFT,
            )
            rows = working(
                maths(r"L = w_1^2 + w_1 w_2 + w_2^2", LOSS_COLOR),
                maths(
                    rf"\frac{{\partial L}}{{\partial w_1}} = 2w_1 + w_2 = {S['q1_a1']} + {S['q1_b1']} = {S['q1_g1']}",
                    GRADIENT_COLOR,
                ),
                maths(
                    rf"\frac{{\partial L}}{{\partial w_2}} = w_1 + 2w_2 = {S['q1_a2']} + {S['q1_b2']} = {S['q1_g2']}",
                    GRADIENT_COLOR,
                ),
                Tex(
                    r"the slope along $w_1$ depends on where $w_2$ is held",
                    font_size=LABEL_SIZE,
                    color=MUTED_COLOR,
                ),
            )
            self.play(FadeIn(rows[0]), run_time=FAST)
            self.play(Write(rows[1]), run_time=beat.until("second"))
            self.play(Write(rows[2]), run_time=NORMAL)
            beat.wait_until("depends")
            self.play(FadeIn(rows[3]), run_time=FAST)
        q1_all = VGroup(answer, rows)

        # -- Q2: which arrow is the gradient? ----------------------------------------------------------
        plane = weight_plane([-1.6, 3.2, 1], [-3.0, 3.0, 1], 0.8, [3.2, -0.75, 0])
        names = weight_names(plane, LABEL_SIZE)
        names[1].next_to(plane.y_axis.get_top(), LEFT, buff=0.15)  # clear of arrow A's letter
        ellipse_pts = [plane.c2p(a, b) for a, b in fig.q2_level_curve()]
        ellipse = VMobject(stroke_color=LOSS_COLOR, stroke_width=4).set_points_as_corners(
            ellipse_pts
        )
        p = np.array([float(c) for c in fig.Q2_POINT])
        point = Dot(plane.c2p(*p), radius=0.09, color=POINT_COLOR)
        minimum = Dot(plane.c2p(0, 0), radius=0.07, color=LOSS_COLOR)
        arrows, letters = VGroup(), VGroup()
        for letter, direction in zip(LETTERS, fig.Q2_ARROWS, strict=False):
            d = np.array([float(c) for c in direction])
            d = d / np.linalg.norm(d)
            arrow = Arrow(
                plane.c2p(*p), plane.c2p(*(p + 1.4 * d)), buff=0, color=TEXT_COLOR, stroke_width=5
            )
            arrows.add(arrow)
            letters.add(
                Tex(letter, font_size=LABEL_SIZE, color=TEXT_COLOR).move_to(
                    plane.c2p(*(p + 1.7 * d))
                )
            )
        loss_label = maths(r"L = 4w_1^2 + w_2^2", LOSS_COLOR, LABEL_SIZE)
        loss_label.move_to([QUIZ_TEXT_LEFT, 2.2, 0], aligned_edge=UL)
        level_label = Tex(
            rf"level curve $L = {S['q2_level']}$", font_size=LABEL_SIZE, color=LOSS_COLOR
        ).next_to(loss_label, DOWN, buff=0.3, aligned_edge=LEFT)
        legend = VGroup(loss_label, level_label)
        q2_picture = VGroup(plane, names, ellipse, minimum, point, arrows, letters)

        with self.beat("q2_ask") as beat:
            q2 = question_block(QUIZ_TEXT_LEFT, 2, quiz.Q2.prompt_tex)
            self.play(FadeOut(q1_all), run_time=FAST)
            self.play(FadeIn(q2, shift=DOWN * 0.2), run_time=NORMAL)
            self.play(
                Create(plane),
                FadeIn(names),
                Create(ellipse),
                FadeIn(minimum),
                FadeIn(point),
                FadeIn(legend),
                run_time=beat.until("choices"),
            )
            self.play(
                LaggedStart(*(GrowArrow(a) for a in arrows), lag_ratio=0.4),
                FadeIn(letters),
                run_time=beat.until("think"),
            )
            self.countdown(beat, LEFT_COUNTDOWN)

        with self.beat("q2_answer") as beat:
            right = fig.Q2_ANSWER
            box = SurroundingRectangle(letters[right], color=GRADIENT_COLOR, buff=0.1)
            self.play(
                FadeOut(self.countdown_parts),
                arrows[right].animate.set_color(GRADIENT_COLOR),
                letters[right].animate.set_color(GRADIENT_COLOR),
                Create(box),
                *(arrows[i].animate.set_opacity(0.3) for i in range(4) if i != right),
                run_time=NORMAL,
            )
            gradient = maths(
                rf"\nabla L({S['q2_w1']}, {S['q2_w2']}) = ({S['q2_g1']},\ {S['q2_g2']})",
                GRADIENT_COLOR,
                LABEL_SIZE,
            ).next_to(legend, DOWN, buff=0.4, aligned_edge=LEFT)
            notes = (
                VGroup(
                    Tex(
                        r"B: across the level curve\\at a right angle, uphill",
                        font_size=LABEL_SIZE,
                        color=TEXT_COLOR,
                        tex_environment="flushleft",
                    ),
                    Tex(
                        r"C: $-\nabla L$, steepest descent", font_size=LABEL_SIZE, color=MUTED_COLOR
                    ),
                    Tex(r"A: along the curve, slope 0", font_size=LABEL_SIZE, color=MUTED_COLOR),
                    Tex(r"D: toward the minimum", font_size=LABEL_SIZE, color=MUTED_COLOR),
                )
                .arrange(DOWN, aligned_edge=LEFT, buff=0.25)
                .next_to(gradient, DOWN, buff=0.4, aligned_edge=LEFT)
            )
            beat.wait_until("value")
            self.play(Write(gradient), FadeIn(notes[0]), run_time=NORMAL)
            beat.wait_until("others")
            self.play(FadeIn(notes[1:]), run_time=FAST)
        q2_all = VGroup(q2, q2_picture, legend, box, gradient, notes)

        # -- Q3: beyond the cap ---------------------------------------------------------------------
        with self.beat("q3_ask") as beat:
            given = MathTex(
                rf"L = w_1^2 + {S['q3_stretch']}\,w_2^2,\quad \eta = {S['q3_eta']},\quad"
                rf"\text{{from }} ({S['q3_s1']}, {S['q3_s2']})",
                font_size=BODY_SIZE,
                color=LOSS_COLOR,
            )
            q3, q3_choices = play_question(
                self, beat, 3, quiz.Q3, QUIZ_TEXT_LEFT, clear=q2_all, given=given
            )
            self.countdown(beat)

        with self.beat("q3_answer") as beat:
            reveal_choice(
                self,
                beat,
                q3_choices,
                quiz.Q3.answer,
                VGroup(q3, given),
                self.countdown_parts,
                "work",
                QUIZ_TEXT_LEFT,
            )
            rows = working(
                maths(
                    rf"\frac{{\partial^2 L}}{{\partial w_1^2}} = {S['q3_c1']},\qquad \frac{{\partial^2 L}}{{\partial w_2^2}} = {S['q3_c2']}",
                    SECOND_DERIVATIVE_COLOR,
                ),
                maths(
                    rf"\eta < \frac{{{S['two']}}}{{{S['q3_c2']}}} = {S['q3_cap']} \ \text{{needed; here }} \eta = {S['q3_eta']}",
                    TEXT_COLOR,
                ),
                maths(
                    rf"w_2:\ \times (1 - {S['q3_eta']} \cdot {S['q3_c2']}) = \times ({S['q3_f2']})",
                    WEIGHT_COLOR,
                ),
                Tex(
                    rf"each step lands farther out; $w_1$ ($\times {S['q3_f1']}$) still settles",
                    font_size=LABEL_SIZE,
                    color=MUTED_COLOR,
                ),
            )
            self.play(Write(rows[0]), run_time=NORMAL)
            beat.wait_until("cap")
            self.play(FadeIn(rows[1]), run_time=FAST)
            beat.wait_until("factor")
            self.play(FadeIn(rows[2]), run_time=FAST)
            beat.wait_until("farther")
            self.play(FadeIn(rows[3]), run_time=FAST)

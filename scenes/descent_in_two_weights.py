"""Gradient descent with two weights: one step w ← w − η∇L from (5, 2), the steepest-descent
direction that does not aim at the minimum, and the path that bends toward it."""

from __future__ import annotations

from manim import *

from mathreel import NarratedScene
from scenes import descent_in_two_weights_figures as fig
from scenes import gradient_direction_figures as gdir
from scenes import partial_derivatives_figures as pd
from scenes.common.contour_map import level_curves, to_screen, weight_names, weight_plane
from scenes.common.style import (
    BODY_SIZE,
    FAST,
    GRADIENT_COLOR,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    LOSS_COLOR,
    MUTED_COLOR,
    NORMAL,
    POINT_COLOR,
    TEXT_COLOR,
    WEIGHT_COLOR,
)

S = fig.SHOWN
PANEL_X = 1.45


def panel(*rows: Mobject, top: float = 3.0) -> VGroup:
    group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
    return group.move_to([PANEL_X, top, 0], aligned_edge=UL)


def words(text: str, color: str = TEXT_COLOR) -> Tex:
    return Tex(text, font_size=LABEL_SIZE, color=color, tex_environment="flushleft")


def maths(latex: str, color: str, size: float = BODY_SIZE) -> MathTex:
    return MathTex(latex, font_size=size, color=color)


class StepDownTheBowl(NarratedScene):
    def construct(self) -> None:
        axes = weight_plane([-0.3, 6.5, 1], [-1, 3.2, 1], 1.0, [-2.85, -0.5, 0])
        names = weight_names(axes)
        curves = level_curves(axes, gdir.LEVELS)
        points = to_screen(axes, fig.PATH)
        start = Dot(points[0], radius=0.09, color=POINT_COLOR)
        start_label = maths(rf"({S['p_w1']}, {S['p_w2']})", POINT_COLOR, LABEL_SIZE)
        start_label.next_to(start, RIGHT, buff=0.25).shift(UP * 0.12)
        minimum = Dot(axes.c2p(*(float(v) for v in pd.MINIMUM)), radius=0.07, color=LOSS_COLOR)
        rule = maths(r"w \leftarrow w - \eta\,\nabla L", TEXT_COLOR, BODY_SIZE + 4)
        rule_note = words(r"every weight at once", MUTED_COLOR)
        step_text = maths(
            rf"{S['eta']} \cdot ({S['g1']},\ {S['g2']}) = ({S['s1']},\ {S['s2']})",
            WEIGHT_COLOR,
        )
        top_rows = panel(rule, rule_note, step_text)

        with self.beat("update_rule") as beat:
            self.play(Create(axes), FadeIn(names), Create(curves), run_time=NORMAL)
            self.play(FadeIn(minimum), FadeIn(start), FadeIn(start_label), run_time=FAST)
            self.play(Write(rule), run_time=beat.until("once"))
            self.play(FadeIn(rule_note), run_time=FAST)
            beat.wait_until("eta")
            self.play(Write(step_text), run_time=NORMAL)

        step_arrow = Arrow(
            points[0],
            points[1],
            buff=0,
            color=WEIGHT_COLOR,
            stroke_width=6,
            max_tip_length_to_length_ratio=0.3,
        )
        new_dot = Dot(points[1], radius=0.08, color=POINT_COLOR)
        moved = VGroup(
            maths(rf"({S['p_w1']}, {S['p_w2']}) \to ({S['new_w1']}, {S['new_w2']})", WEIGHT_COLOR),
            maths(rf"L:\ {S['loss']} \to {S['new_loss']}", LOSS_COLOR),
            words(r"the step, at its true\\length in weights", MUTED_COLOR),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        moved.next_to(top_rows, DOWN, buff=0.45, aligned_edge=LEFT)

        with self.beat("one_step") as beat:
            self.play(GrowArrow(step_arrow), FadeIn(new_dot), FadeIn(moved[0]), run_time=NORMAL)
            beat.wait_until("loss")
            self.play(FadeIn(moved[1]), run_time=FAST)
            beat.wait_until("true")
            self.play(FadeIn(moved[2]), run_time=FAST)

        to_min = DashedLine(points[0], minimum.get_center(), color=LOSS_COLOR, stroke_width=3)
        aim = panel(
            maths(rf"-\nabla L = ({S['d1']},\ {S['d2']})", GRADIENT_COLOR),
            words(rf"to the minimum:\\along $({S['m1']}, {S['m2']})$", LOSS_COLOR),
            words(
                rf"${S['angle']}^\circ$ apart: the steepest\\way down is not aimed\\at the minimum",
                HIGHLIGHT_COLOR,
            ),
        )
        angle_mark = Angle(
            Line(points[0], minimum.get_center()),
            Line(points[0], points[1]),
            radius=0.7,
            color=HIGHLIGHT_COLOR,
        )

        with self.beat("not_aimed") as beat:
            self.play(FadeOut(top_rows), FadeOut(moved), run_time=FAST)
            self.play(
                FadeIn(aim[0]),
                Indicate(step_arrow, color=GRADIENT_COLOR),
                run_time=beat.until("minimum"),
            )
            self.play(Create(to_min), FadeIn(aim[1]), run_time=NORMAL)
            beat.wait_until("angle")
            self.play(Create(angle_mark), FadeIn(aim[2]), run_time=FAST)

        trail = VGroup(
            *(
                Line(a, b, color=WEIGHT_COLOR, stroke_width=4)
                for a, b in zip(points[1:], points[2:], strict=False)
            )
        )
        crumbs = VGroup(*(Dot(p, radius=0.05, color=POINT_COLOR) for p in points[2:]))
        w1_row = maths(
            rf"w_1:\ {S['p_w1']},\ {S['new_w1']},\ {S['w1_3']},\ {S['w1_4']}",
            WEIGHT_COLOR,
            LABEL_SIZE,
        )
        w1_note = words(r"Chapter 1's path, exactly", MUTED_COLOR)
        w2_row = maths(
            rf"w_2 - {S['min_w2']}:\ {S['o0']},\ {S['o1']},\ {S['o2']},\ {S['o3']}",
            WEIGHT_COLOR,
            LABEL_SIZE,
        )
        w2_note = words(rf"$\times {S['f2']}$ each step", MUTED_COLOR)
        far = words(rf"after {S['far_step']} steps: $({S['far_w1']},\ {S['far_w2']})$", TEXT_COLOR)
        path_rows = panel(w1_row, w1_note, w2_row, w2_note, far)

        with self.beat("path_bends") as beat:
            self.play(FadeOut(aim), FadeOut(angle_mark), FadeOut(to_min), run_time=FAST)
            self.play(
                Create(trail, lag_ratio=1), FadeIn(crumbs, lag_ratio=1), run_time=beat.until("w1")
            )
            self.play(FadeIn(w1_row), FadeIn(w1_note), run_time=FAST)
            beat.wait_until("w2")
            self.play(FadeIn(w2_row), FadeIn(w2_note), run_time=FAST)
            beat.wait_until("far")
            self.play(FadeIn(far), run_time=FAST)

        why = panel(
            words(r"a sum of one-weight losses:"),
            maths(r"\frac{\partial L}{\partial w_1} = 2(w_1 - 3)", GRADIENT_COLOR, LABEL_SIZE),
            maths(r"\frac{\partial L}{\partial w_2} = 8(w_2 - 1)", GRADIENT_COLOR, LABEL_SIZE),
            words(
                rf"each offset shrinks by\\its own factor: ${S['f1']}$\\for $w_1$, ${S['f2']}$ for $w_2$",
                TEXT_COLOR,
            ),
        )

        with self.beat("why_separate") as beat:
            self.play(FadeOut(path_rows), run_time=FAST)
            self.play(FadeIn(why[0]), run_time=beat.until("own"))
            self.play(FadeIn(why[1:3]), run_time=NORMAL)
            beat.wait_until("factors")
            self.play(FadeIn(why[3]), run_time=FAST)

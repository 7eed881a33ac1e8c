"""The chain rule: y = (3x + 1)² at x = 1 on three number lines, a nudge stretched by 3 then by 8,
dy/dx = 24, and the check with x = 1.001."""

from __future__ import annotations

from manim import *

from mathreel import NarratedScene, play_countdown
from scenes import chain_rule_figures as fig
from scenes.check_understanding_figures import TIMES_UP, think_seconds
from scenes.common.style import (
    AXES_COLOR,
    BODY_SIZE,
    FAST,
    FUNCTION_COLOR,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    MUTED_COLOR,
    NORMAL,
    POINT_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
    THEME,
    TITLE_SIZE,
)

S = fig.SHOWN
#: Screen units per unit of value, the same on all three lines, so the nudges' lengths compare.
UNIT = 1.6
#: Where the point sits on every line.
POINT_X = -3.6
#: The values each line shows, from its left end.
LINE_STARTS = (0, 3, 15)
LINE_SPAN = 6
LEFT_EDGE = -5.9
COUNTDOWN_CENTRE = np.array([5.3, 2.95, 0])


def number_line(start: int, height: float, at: float) -> NumberLine:
    """A line from ``start`` to ``start + LINE_SPAN`` with ``at`` placed at POINT_X."""
    line = NumberLine(
        x_range=[start, start + LINE_SPAN, 1],
        unit_size=UNIT,
        color=AXES_COLOR,
        include_numbers=True,
        font_size=SMALL_SIZE,
    )
    line.shift(np.array([POINT_X, height, 0]) - line.n2p(at))
    return line


class NudgesMultiply(NarratedScene):
    def construct(self) -> None:
        with self.beat("promise") as beat:
            title = Tex(r"The Chain Rule and Backpropagation", font_size=TITLE_SIZE)
            title.to_edge(UP, buff=0.7)
            steps = VGroup(
                Tex(r"Chapter 1\\a rate at a point", font_size=LABEL_SIZE, color=TANGENT_COLOR),
                Tex(r"Chapter 2\\a gradient: one slope\\per weight", font_size=LABEL_SIZE),
                Tex(r"Chapter 3\\every slope at once?", font_size=LABEL_SIZE),
            ).arrange(RIGHT, buff=1.2)
            steps[1].set_color(TANGENT_COLOR)
            steps.next_to(title, DOWN, buff=1.3)
            arrows = VGroup(
                *(
                    Arrow(a.get_right(), b.get_left(), buff=0.2, color=MUTED_COLOR)
                    for a, b in zip(steps[:-1], steps[1:], strict=True)
                )
            )
            answer = Tex(
                r"the chain rule, applied in a particular order",
                font_size=BODY_SIZE,
                color=HIGHLIGHT_COLOR,
            ).next_to(steps, DOWN, buff=1.1)
            self.play(Write(title), run_time=NORMAL)
            self.play(FadeIn(steps[0]), FadeIn(steps[1]), GrowArrow(arrows[0]), run_time=NORMAL)
            beat.wait_until("question")
            self.play(GrowArrow(arrows[1]), FadeIn(steps[2]), run_time=NORMAL)
            beat.wait_until("answer")
            self.play(FadeIn(answer, shift=UP * 0.2), run_time=NORMAL)

        whole = MathTex(r"y = (3x + 1)^2", font_size=BODY_SIZE).to_edge(UP, buff=0.5)
        inner = MathTex(r"u = 3x + 1", font_size=BODY_SIZE)
        outer = MathTex(r"y = u^2", font_size=BODY_SIZE)
        parts = VGroup(inner, outer).arrange(RIGHT, buff=1.6).next_to(whole, DOWN, buff=0.45)
        with self.beat("composition") as beat:
            self.play(FadeOut(VGroup(title, steps, arrows, answer)), run_time=FAST)
            self.play(Write(whole), run_time=NORMAL)
            beat.wait_until("split")
            self.play(FadeIn(inner, shift=DOWN * 0.2), run_time=FAST)
            beat.wait_until("square")
            self.play(FadeIn(outer, shift=DOWN * 0.2), run_time=FAST)

        values = (fig.AT, fig.U.value, fig.Y.value)
        heights = (0.6, -0.95, -2.5)
        lines = VGroup(
            *(
                number_line(start, h, float(v))
                for start, h, v in zip(LINE_STARTS, heights, values, strict=True)
            )
        )
        names = VGroup(
            *(
                MathTex(name, font_size=BODY_SIZE, color=color).move_to([LEFT_EDGE, h, 0])
                for name, h, color in zip(
                    "xuy", heights, (TEXT_COLOR, TEXT_COLOR, FUNCTION_COLOR), strict=True
                )
            )
        )
        dots = VGroup(
            *(
                Dot(line.n2p(float(v)), color=POINT_COLOR, radius=0.09)
                for line, v in zip(lines, values, strict=True)
            )
        )
        with self.beat("three_lines") as beat:
            self.play(
                VGroup(whole, parts).animate.scale(0.9).to_edge(UP, buff=0.45),
                Create(lines),
                FadeIn(names),
                run_time=beat.until("values"),
            )
            self.play(LaggedStart(*(FadeIn(d, scale=1.5) for d in dots), lag_ratio=0.4))

        # The nudge drawn on each line: dx, then du = 3 dx, then dy = 8 du (to first order).
        nudge = fig.SHOWN_NUDGE
        sizes = (nudge, fig.DU_DX * nudge, fig.DY_DX * nudge)
        nudges = VGroup(
            *(
                Arrow(
                    line.n2p(float(v)) + UP * 0.35,
                    line.n2p(float(v + size)) + UP * 0.35,
                    buff=0,
                    color=HIGHLIGHT_COLOR,
                    stroke_width=6,
                    max_tip_length_to_length_ratio=0.5,
                    max_stroke_width_to_length_ratio=40,
                )
                for line, v, size in zip(lines, values, sizes, strict=True)
            )
        )
        nudge_labels = VGroup(
            MathTex(r"dx", font_size=LABEL_SIZE, color=HIGHLIGHT_COLOR),
            MathTex(rf"du = {S['du_dx']}\,dx", font_size=LABEL_SIZE, color=HIGHLIGHT_COLOR),
            MathTex(rf"dy = {S['dy_du']}\,du", font_size=LABEL_SIZE, color=HIGHLIGHT_COLOR),
        )
        for label, arrow in zip(nudge_labels, nudges, strict=True):
            label.next_to(arrow, RIGHT, buff=0.25)
        enlarged = Tex(
            r"a small nudge (drawn enlarged)", font_size=SMALL_SIZE, color=MUTED_COLOR
        ).to_corner(DR, buff=0.5)
        enlarged.align_to([6.3, 0, 0], RIGHT).set_y(2.0)
        with self.beat("nudge") as beat:
            self.play(GrowArrow(nudges[0]), FadeIn(nudge_labels[0]), FadeIn(enlarged))
            beat.wait_until("du")
            self.play(
                TransformFromCopy(nudges[0], nudges[1]), FadeIn(nudge_labels[1]), run_time=NORMAL
            )
            beat.wait_until("dy")
            self.play(
                TransformFromCopy(nudges[1], nudges[2]), FadeIn(nudge_labels[2]), run_time=NORMAL
            )

        notation = VGroup(
            MathTex(r"\frac{dy}{dx}", font_size=BODY_SIZE, color=TANGENT_COLOR),
            Tex(r"= the rate of $y$ per unit of $x$", font_size=LABEL_SIZE, color=TEXT_COLOR),
        ).arrange(RIGHT, buff=0.25)
        rule = MathTex(
            r"\frac{dy}{dx}",
            r"=",
            r"\frac{dy}{du}",
            r"\cdot",
            r"\frac{du}{dx}",
            rf"= {S['dy_du']} \cdot {S['du_dx']} = {S['dy_dx']}",
            font_size=BODY_SIZE,
            color=TANGENT_COLOR,
        )
        panel = VGroup(notation, rule)
        for item in panel:
            item.move_to([2.2, 2.55, 0])
        factors = VGroup(
            MathTex(rf"\times {S['du_dx']}", font_size=LABEL_SIZE, color=TANGENT_COLOR),
            MathTex(rf"\times {S['dy_du']}", font_size=LABEL_SIZE, color=TANGENT_COLOR),
        )
        for factor, h_from, h_to in zip(factors, heights[:-1], heights[1:], strict=True):
            factor.move_to([LEFT_EDGE, (h_from + h_to) / 2, 0])
        chain_rule = Tex(
            r"along a chain, nudges multiply", font_size=BODY_SIZE, color=HIGHLIGHT_COLOR
        )
        ask = Tex(
            rf"Overall, is $y$'s nudge {S['added']} times $x$'s,\\or {S['dy_dx']} times?",
            font_size=BODY_SIZE,
            tex_environment="flushleft",
        ).move_to([LEFT_EDGE, 3.0, 0], aligned_edge=LEFT)
        with self.beat("predict_total") as beat:
            self.play(
                FadeOut(VGroup(whole, parts, enlarged), shift=UP * 0.2),
                FadeIn(factors, shift=RIGHT * 0.2),
                FadeIn(ask),
                run_time=FAST,
            )
            countdown = play_countdown(
                self, beat, think_seconds(beat.plan), TIMES_UP, COUNTDOWN_CENTRE, theme=THEME
            )

        with self.beat("multiply") as beat:
            self.play(FadeOut(countdown), run_time=FAST)
            self.play(Indicate(factors, color=HIGHLIGHT_COLOR), run_time=beat.until("notation"))
            self.play(FadeOut(ask), FadeIn(notation), run_time=FAST)

        with self.beat("chain_rule") as beat:
            self.play(ReplacementTransform(notation, rule[:5]), run_time=NORMAL)
            beat.wait_until("numbers")
            self.play(Write(rule[5]), run_time=FAST)
            beat.wait_until("name")
            chain_rule.next_to(rule, DOWN, buff=0.25).set_x(rule.get_x())
            self.play(FadeIn(chain_rule, shift=UP * 0.2), run_time=FAST)

        check = VGroup(
            MathTex(
                rf"x = {S['nudged_at']}:\quad u = {S['nudged_u']},\quad y = {S['nudged_y']}",
                font_size=BODY_SIZE,
            ),
            MathTex(
                rf"\text{{change in }} y = {S['nudged_y']} - {S['y']} = {S['y_change']}",
                font_size=BODY_SIZE,
            ),
            MathTex(
                rf"\text{{predicted: }} {S['dy_dx']} \times {S['nudge']} = {S['predicted_change']}",
                font_size=BODY_SIZE,
                color=TANGENT_COLOR,
            ),
            MathTex(
                rf"\text{{leftover: }} {S['leftover']} = {S['u_change']}^2",
                font_size=BODY_SIZE,
                color=MUTED_COLOR,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        with self.beat("check") as beat:
            self.play(
                FadeOut(VGroup(lines, names, dots, nudges, nudge_labels, factors)),
                run_time=FAST,
            )
            self.play(VGroup(rule, chain_rule).animate.to_edge(UP, buff=0.4).set_x(0))
            check.move_to([0, -0.6, 0])
            self.play(Write(check[0]), run_time=beat.until("change"))
            self.play(FadeIn(check[1], shift=UP * 0.2), run_time=FAST)
            beat.wait_until("predicted")
            self.play(FadeIn(check[2], shift=UP * 0.2), run_time=FAST)
            beat.wait_until("leftover")
            self.play(FadeIn(check[3], shift=UP * 0.2), run_time=FAST)

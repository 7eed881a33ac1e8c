"""The neuron's gradient checked by a central difference (the nudge is the approximation, the
backward pass exact), then one gradient-descent step with η = 0.5 and the loss roughly halved."""

from __future__ import annotations

from manim import *

from mathreel import NarratedScene, plain_axes
from scenes import neuron_backward_figures as fig
from scenes.common.calculus import numeric
from scenes.common.derivative_graph import plot
from scenes.common.drawing import tangent_segment
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
    SMALL_SIZE,
    TEXT_COLOR,
    THEME,
    WEIGHT_COLOR,
)

S = fig.SHOWN
#: The loss along w with b held at −1: the curve whose slope at w = 0.5 is ∂L/∂w.
loss_along_w = numeric(fig.LOSS_ALONG_W, fig.w)
COLUMN_LEFT = 0.5


def column(*rows: Mobject) -> VGroup:
    group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
    return group.move_to([COLUMN_LEFT, 0.6, 0], aligned_edge=LEFT)


class CheckTheGradientAndStep(NarratedScene):
    def construct(self) -> None:
        axes = plain_axes(
            [-1.5, 2.5, 1],
            [0, 1, 0.5],
            (5.2, 3.8),
            [-3.3, 0.2, 0],
            THEME,
            axis_config={"font_size": SMALL_SIZE},
            x_axis_config={"numbers_to_include": [-1, 0, 1, 2]},
            y_axis_config={
                "numbers_to_include": [0.5, 1],
                "decimal_number_config": {"num_decimal_places": 1},
            },
        )
        names = VGroup(
            MathTex("w", font_size=BODY_SIZE, color=WEIGHT_COLOR).next_to(
                axes.x_axis.get_end(), DOWN, buff=0.35
            ),
            MathTex(rf"L \ (b = {S['b']})", font_size=LABEL_SIZE, color=LOSS_COLOR).next_to(
                axes.y_axis.get_end(), RIGHT, buff=0.2
            ),
        )
        curve = plot(axes, loss_along_w, -1.5, 2.5, color=LOSS_COLOR, stroke_width=5)
        at = float(fig.WEIGHT)
        point = Dot(axes.c2p(at, loss_along_w(at)), color=POINT_COLOR)
        tangent = tangent_segment(axes, loss_along_w, float(fig.DL_DW), at, 2.2)
        slope = MathTex(
            rf"\text{{slope }} {{{S['dl_dw']}}}", font_size=LABEL_SIZE, color=GRADIENT_COLOR
        ).next_to(point, UR, buff=0.2)

        difference = MathTex(
            r"\frac{L(w + \varepsilon) - L(w - \varepsilon)}{2\varepsilon}", font_size=BODY_SIZE
        )
        epsilon = MathTex(rf"\varepsilon = 10^{{{S['epsilon_exponent']}}}", font_size=BODY_SIZE)
        estimate = MathTex(rf"\text{{nudge}} \approx {S['finite_difference']}", font_size=BODY_SIZE)
        backprop = MathTex(
            rf"\text{{backward pass: }} \frac{{\partial L}}{{\partial w}} = {S['dl_dw']}",
            font_size=BODY_SIZE,
            color=GRADIENT_COLOR,
        )
        column(difference, epsilon, estimate, backprop)
        with self.beat("nudge_check") as beat:
            self.play(Create(axes), FadeIn(names), Create(curve), run_time=NORMAL)
            self.play(
                FadeIn(point), Create(tangent), FadeIn(slope), FadeIn(backprop), run_time=FAST
            )
            beat.wait_until("formula")
            self.play(Write(difference), run_time=NORMAL)
            beat.wait_until("epsilon")
            self.play(FadeIn(epsilon), run_time=FAST)
            beat.wait_until("result")
            self.play(Write(estimate), run_time=NORMAL)

        error = MathTex(
            rf"\text{{miss}} \approx {S['fd_error_mantissa']} \times 10^{{{S['fd_error_exponent']}}}"
            r"\approx \frac{\varepsilon^2\, L'''}{6}",
            font_size=BODY_SIZE,
            color=MUTED_COLOR,
        )
        third = MathTex(rf"L''' = {S['third_derivative']}", font_size=LABEL_SIZE, color=MUTED_COLOR)
        verdict = VGroup(
            Tex(r"nudging: an approximation", font_size=LABEL_SIZE, color=TEXT_COLOR),
            Tex(
                r"backpropagation: exact,\\up to rounding",
                font_size=LABEL_SIZE,
                color=HIGHLIGHT_COLOR,
                tex_environment="flushleft",
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        with self.beat("exact") as beat:
            self.play(
                FadeOut(VGroup(difference, epsilon)),
                VGroup(estimate, backprop).animate.move_to(
                    [COLUMN_LEFT, 2.6, 0], aligned_edge=LEFT
                ),
                run_time=FAST,
            )
            VGroup(error, third, verdict).arrange(DOWN, aligned_edge=LEFT, buff=0.35).move_to(
                [COLUMN_LEFT, 0.0, 0], aligned_edge=LEFT
            )
            self.play(Write(error), run_time=beat.until("predicted"))
            self.play(FadeIn(third), run_time=FAST)
            beat.wait_until("which")
            self.play(FadeIn(verdict[0]), run_time=FAST)
            beat.wait_until("exact")
            self.play(FadeIn(verdict[1]), run_time=FAST)

        # -- one step: a table of before and after -------------------------------------------------
        rows = (
            ("w", S["w"], S["new_w"], WEIGHT_COLOR),
            ("b", S["b"], S["new_b"], WEIGHT_COLOR),
            ("z", S["z"], S["new_z"], TEXT_COLOR),
            ("a", S["a"], rf"\approx {S['new_a']}", TEXT_COLOR),
            ("L", S["L"], rf"\approx {S['new_L']}", LOSS_COLOR),
        )
        table = VGroup()
        for name, before, after, color in rows:
            table.add(
                VGroup(
                    MathTex(name, font_size=BODY_SIZE, color=color),
                    MathTex(before, font_size=BODY_SIZE, color=color),
                    MathTex(r"\to", font_size=BODY_SIZE, color=MUTED_COLOR),
                    MathTex(after, font_size=BODY_SIZE, color=color),
                )
            )
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                cell.move_to([-5.2 + (0, 1.5, 3.0, 4.5)[j], 1.9 - 0.85 * i, 0], aligned_edge=LEFT)
        rule = MathTex(
            rf"w \leftarrow w - \eta\,\frac{{\partial L}}{{\partial w}},\quad "
            rf"b \leftarrow b - \eta\,\frac{{\partial L}}{{\partial b}},\quad \eta = {S['eta']}",
            font_size=BODY_SIZE,
        ).to_edge(UP, buff=0.45)
        steps = VGroup(
            MathTex(
                rf"{S['eta']} \times ({S['dl_dw']}) = -{S['step_w']}",
                font_size=LABEL_SIZE,
                color=GRADIENT_COLOR,
            ),
            MathTex(
                rf"{S['eta']} \times ({S['dl_db']}) = -{S['step_b']}",
                font_size=LABEL_SIZE,
                color=GRADIENT_COLOR,
            ),
        )
        for step, row in zip(steps, table[:2], strict=True):
            step.move_to([1.9, row.get_y(), 0], aligned_edge=LEFT)
        with self.beat("one_step") as beat:
            self.play(
                FadeOut(VGroup(axes, names, curve, point, tangent, slope, estimate, backprop)),
                FadeOut(VGroup(error, third, verdict)),
                run_time=FAST,
            )
            self.play(Write(rule), *(FadeIn(row[:2]) for row in table), run_time=NORMAL)
            beat.wait_until("w")
            self.play(FadeIn(steps[0]), FadeIn(table[0][2:]), run_time=NORMAL)
            beat.wait_until("b")
            self.play(FadeIn(steps[1]), FadeIn(table[1][2:]), run_time=NORMAL)

        # The loss before and after as bars, on one scale.
        scale = 4.0 / float(fig.LOSS.value)
        bars = VGroup(
            *(
                Rectangle(width=0.7, height=float(v) * scale, color=LOSS_COLOR, fill_opacity=0.7)
                for v in (fig.LOSS.value, fig.AFTER.value)
            )
        ).arrange(RIGHT, buff=0.6, aligned_edge=DOWN)
        bars.move_to([4.6, -1.3, 0], aligned_edge=DOWN)
        bar_names = VGroup(
            Tex("before", font_size=SMALL_SIZE, color=MUTED_COLOR).next_to(
                bars[0], DOWN, buff=0.15
            ),
            Tex("after", font_size=SMALL_SIZE, color=MUTED_COLOR).next_to(bars[1], DOWN, buff=0.15),
        )
        ratio = MathTex(rf"\times {S['ratio']}", font_size=LABEL_SIZE, color=LOSS_COLOR).next_to(
            bars[1], UP, buff=0.15
        )
        with self.beat("new_loss") as beat:
            self.play(FadeOut(steps), run_time=FAST)
            for i, mark in zip((2, 3, 4), ("z", "a", "loss"), strict=True):
                beat.wait_until(mark)
                self.play(FadeIn(table[i][2:]), run_time=FAST)
            self.play(GrowFromEdge(bars[0], DOWN), GrowFromEdge(bars[1], DOWN), FadeIn(bar_names))
            beat.wait_until("ratio")
            self.play(FadeIn(ratio), run_time=FAST)

        bend = VGroup(
            Tex(r"how large a step can be", font_size=LABEL_SIZE),
            Tex(r"depends on how sharply the loss bends", font_size=LABEL_SIZE),
            MathTex(
                rf"\text{{this loss at the start: sharpest bend }} {S['curvature']}",
                font_size=LABEL_SIZE,
                color=LOSS_COLOR,
            ),
            MathTex(
                rf"\text{{Chapter 1's }} (w - 3)^2 \text{{: bend }} {S['chapter_1_curvature']}",
                font_size=LABEL_SIZE,
                color=MUTED_COLOR,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        bend.move_to([-5.2, -0.45, 0], aligned_edge=UL)
        with self.beat("why_safe") as beat:
            self.play(
                FadeOut(table[2:4]),
                table[4].animate.set_y(table[2].get_y()),
                run_time=FAST,
            )
            beat.wait_until("bend")
            self.play(FadeIn(bend[:2]), run_time=FAST)
            beat.wait_until("numbers")
            self.play(FadeIn(bend[2:]), run_time=NORMAL)
            beat.wait_until("check")
            self.play(Indicate(ratio, color=HIGHLIGHT_COLOR), run_time=NORMAL)

"""A derivative gives one slope; a gradient gives one partial slope per weight — then the chapter summary."""

from __future__ import annotations

import numpy as np
import sympy as sp
from manim import *

from mathreel import NarratedScene, plain_axes, redraw
from scenes import derivative_vs_gradient_figures as fig
from scenes.common.calculus import numeric
from scenes.common.drawing import tangent_segment
from scenes.common.style import (
    BODY_SIZE,
    FAST,
    FUNCTION_COLOR,
    GRADIENT_COLOR,
    HEADING_SIZE,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    LOSS_COLOR,
    MUTED_COLOR,
    NORMAL,
    POINT_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
    THEME,
    TITLE_SIZE,
    WEIGHT_COLOR,
)
from scenes.common.text_blocks import text_lines

#: Top edge of the graphics under the takeaway list, so a graph never touches the list.
GRAPHIC_TOP = 1.2
GRAPHIC_BOTTOM = -3.45
#: Centre of the readouts beside a takeaway graph.
READOUT_X = 3.4


def _graphic_axes(x_range: list[float], y_range: list[float]) -> Axes:
    """Axes for a takeaway's picture: left of centre, between the list and the bottom edge."""
    return plain_axes(
        x_range,
        y_range,
        (5.2, GRAPHIC_TOP - GRAPHIC_BOTTOM - 0.2),
        [-1.6, (GRAPHIC_TOP + GRAPHIC_BOTTOM) / 2, 0],
        THEME,
    )


class CompareDerivativeWithGradient(NarratedScene):
    def construct(self) -> None:
        # -- a derivative: one variable in, one number out ----------------------------------
        with self.beat("one_variable") as beat:
            heading = Tex(r"Derivative: one variable", font_size=HEADING_SIZE, color=TEXT_COLOR)
            heading.to_edge(UP, buff=0.55)
            func = MathTex(r"f(x) = " + sp.latex(fig.ONE_VAR_EXPR), font_size=BODY_SIZE + 4)
            func.set_color(FUNCTION_COLOR)
            deriv = MathTex(r"f'(x) = " + sp.latex(fig.ONE_VAR_DERIVATIVE), font_size=BODY_SIZE + 4)
            deriv.set_color(TANGENT_COLOR)
            value = MathTex(
                rf"f'({sp.latex(fig.ONE_VAR_AT)}) = {fig.SHOWN['one_var_slope']}",
                font_size=BODY_SIZE + 4,
                color=TANGENT_COLOR,
            )
            VGroup(func, deriv, value).arrange(DOWN, buff=0.55).move_to(UP * 0.3)
            box = SurroundingRectangle(value, color=HIGHLIGHT_COLOR, buff=0.18)
            scalar_note = Tex(
                r"one number: a scalar slope", font_size=LABEL_SIZE, color=MUTED_COLOR
            )
            scalar_note.next_to(box, DOWN, buff=0.35)
            self.play(FadeIn(heading), Write(func), run_time=NORMAL)
            self.play(FadeIn(deriv, shift=DOWN * 0.2), run_time=beat.until("scalar"))
            self.play(Write(value), run_time=NORMAL)
            self.play(Create(box), FadeIn(scalar_note), run_time=NORMAL)

        # -- a gradient: one partial derivative per variable ---------------------------------
        with self.beat("many_variables") as beat:
            heading2 = Tex(r"Gradient: many variables", font_size=HEADING_SIZE, color=TEXT_COLOR)
            heading2.move_to(heading)
            # The voice says "a loss ... many weights ... one per weight": so does the screen.
            multi = MathTex(
                r"L(w_1,\ w_2,\ \ldots,\ w_n)", font_size=BODY_SIZE + 4, color=LOSS_COLOR
            )
            multi.move_to(UP * 1.6)
            grad = MathTex(
                r"\nabla L",
                r"=",
                r"\Big(\,",
                r"\frac{\partial L}{\partial w_1}",
                r",\quad ",
                r"\frac{\partial L}{\partial w_2}",
                r",\quad \ldots,\quad ",
                r"\frac{\partial L}{\partial w_n}",
                r"\,\Big)",
                font_size=BODY_SIZE + 8,
                color=GRADIENT_COLOR,
            )
            grad.move_to(UP * 0.1)
            per_weight = Tex(
                r"one partial derivative per weight", font_size=LABEL_SIZE, color=MUTED_COLOR
            )
            per_weight.next_to(grad, DOWN, buff=0.45)
            self.play(
                FadeOut(VGroup(func, deriv, value, box, scalar_note)),
                ReplacementTransform(heading, heading2),
                run_time=FAST,
            )
            self.play(Write(multi), run_time=beat.until("gradient"))
            self.play(Write(grad), run_time=NORMAL * 1.5)
            self.play(FadeIn(per_weight), run_time=FAST)
            beat.wait_until("partial")
            first = grad[3]
            focus = SurroundingRectangle(first, color=HIGHLIGHT_COLOR, buff=0.05)
            held = Tex(
                r"slope along $w_1$, with $w_2, \ldots, w_n$ held fixed",
                font_size=LABEL_SIZE,
                color=TEXT_COLOR,
            )
            held.next_to(per_weight, DOWN, buff=0.5)
            self.play(Create(focus), FadeIn(held, shift=UP * 0.2), run_time=NORMAL)

        # -- a worked example, computed with sympy --------------------------------------------
        with self.beat("worked_example") as beat:
            surface = MathTex(
                r"f(w_1, w_2) = " + sp.latex(fig.SURFACE),
                font_size=BODY_SIZE + 4,
                color=FUNCTION_COLOR,
            )
            partial_1 = MathTex(
                r"\frac{\partial f}{\partial w_1} = " + sp.latex(fig.PARTIALS[0]),
                font_size=BODY_SIZE + 4,
                color=TANGENT_COLOR,
            )
            partial_2 = MathTex(
                r"\frac{\partial f}{\partial w_2} = " + sp.latex(fig.PARTIALS[1]),
                font_size=BODY_SIZE + 4,
                color=TANGENT_COLOR,
            )
            partials = VGroup(partial_1, partial_2).arrange(RIGHT, buff=1.2)
            at_point = MathTex(
                r"\nabla f" + fig.point_tex() + " = " + fig.gradient_tex(),
                font_size=BODY_SIZE + 8,
                color=TANGENT_COLOR,
            )
            VGroup(surface, partials, at_point).arrange(DOWN, buff=0.7).move_to(DOWN * 0.2)
            self.play(
                FadeOut(VGroup(heading2, multi, grad, per_weight, focus, held)),
                run_time=FAST,
            )
            self.play(Write(surface), run_time=beat.until("partials"))
            self.play(Write(partial_1), run_time=NORMAL)
            self.play(Write(partial_2), run_time=NORMAL)
            beat.wait_until("evaluate")
            self.play(Write(at_point), run_time=NORMAL)
            grad_box = SurroundingRectangle(at_point, color=HIGHLIGHT_COLOR, buff=0.15)
            self.play(Create(grad_box), run_time=FAST)

        # -- on the contour map: uphill and downhill ---------------------------------------------
        with self.beat("steepest_ascent") as beat:
            unit = 0.8  # equal units on both axes, so right angles look like right angles
            plane = plain_axes(
                [-4, 4, 1],
                [-3, 3, 1],
                (8 * unit, 6 * unit),
                LEFT * 3.1 + DOWN * 0.3,
                THEME,
                axis_config={"include_ticks": True, "tick_size": 0.05},
            )
            w1_label = MathTex("w_1", font_size=LABEL_SIZE, color=WEIGHT_COLOR).next_to(
                plane.x_axis.get_right(), DOWN, buff=0.15
            )
            w2_label = MathTex("w_2", font_size=LABEL_SIZE, color=WEIGHT_COLOR).next_to(
                plane.y_axis.get_top(), LEFT, buff=0.15
            )
            contours = VGroup()
            for level in fig.CONTOUR_LEVELS:
                a, b = (float(v) for v in fig.contour_semi_axes(level))
                contours.add(
                    ParametricFunction(
                        lambda t, a=a, b=b: plane.c2p(a * np.cos(t), b * np.sin(t)),
                        t_range=[0, TAU],
                        color=FUNCTION_COLOR,
                        stroke_width=3,
                        stroke_opacity=1.0 if level == fig.SURFACE_AT_POINT else 0.45,
                    )
                )
            px, py = (float(v) for v in fig.POINT)
            gx, gy = (float(v * fig.ARROW_SCALE) for v in fig.GRADIENT)
            dot = Dot(plane.c2p(px, py), color=POINT_COLOR, radius=0.08)
            up_arrow = Arrow(
                plane.c2p(px, py),
                plane.c2p(px + gx, py + gy),
                buff=0,
                color=GRADIENT_COLOR,
                stroke_width=6,
            )
            down_arrow = Arrow(
                plane.c2p(px, py),
                plane.c2p(px - gx, py - gy),
                buff=0,
                color=WEIGHT_COLOR,
                stroke_width=6,
            )
            up_label = MathTex(r"\nabla f", font_size=LABEL_SIZE, color=TANGENT_COLOR)
            up_label.next_to(up_arrow.get_end(), RIGHT, buff=0.12)
            down_label = MathTex(r"-\nabla f", font_size=LABEL_SIZE, color=WEIGHT_COLOR)
            # Under the downhill tip lies open ground inside the point's own oval: no axis, no contour.
            down_label.next_to(down_arrow.get_end(), DOWN, buff=0.12)

            # The formulas move to a right-hand column beside the map.
            right_x = 3.55
            self.play(FadeOut(grad_box), FadeOut(partials), run_time=FAST)
            # The formulas reach their column before the map is drawn, so they never cross it.
            self.play(
                surface.animate.scale(0.85).move_to([right_x, 2.3, 0]),
                at_point.animate.scale(0.8).move_to([right_x, 1.1, 0]),
                run_time=FAST,
            )
            self.play(Create(plane), FadeIn(w1_label, w2_label), run_time=NORMAL)
            self.play(Create(contours), FadeIn(dot), run_time=beat.until("uphill"))
            ascent = Tex(r"steepest ascent", font_size=LABEL_SIZE, color=TANGENT_COLOR)
            ascent.move_to([right_x, 0.25, 0])
            self.play(GrowArrow(up_arrow), FadeIn(up_label), run_time=NORMAL)
            self.play(FadeIn(ascent), run_time=FAST)
            beat.wait_until("downhill")
            downhill = MathTex(
                r"-\nabla f" + fig.point_tex() + " = " + fig.tuple_tex(fig.DESCENT_DIRECTION),
                font_size=LABEL_SIZE,
                color=WEIGHT_COLOR,
            ).move_to([right_x, -0.9, 0])
            descent = Tex(r"steepest descent", font_size=LABEL_SIZE, color=WEIGHT_COLOR)
            descent.next_to(downhill, DOWN, buff=0.3)
            self.play(GrowArrow(down_arrow), FadeIn(down_label), run_time=NORMAL)
            self.play(Write(downhill), FadeIn(descent), run_time=NORMAL)

        with self.beat("not_at_minimum") as beat:
            # The straight line to the minimum beside the steepest way down: they differ.
            min_point = plane.c2p(*(float(v) for v in fig.MINIMUM_POINT))
            min_dot = Dot(min_point, color=HIGHLIGHT_COLOR, radius=0.08)
            min_label = Tex(r"minimum", font_size=LABEL_SIZE, color=HIGHLIGHT_COLOR)
            min_label.next_to(min_dot, UP + LEFT, buff=0.12)
            to_min = DashedLine(plane.c2p(px, py), min_point, color=MUTED_COLOR, stroke_width=3)
            # Each step takes a fresh gradient, so the path bends in towards the minimum.
            path_points = [plane.c2p(float(a), float(b)) for a, b in fig.SURFACE_PATH]
            path = VMobject(color=WEIGHT_COLOR, stroke_width=3).set_points_as_corners(path_points)
            path_dots = VGroup(*(Dot(p, color=WEIGHT_COLOR, radius=0.06) for p in path_points[1:]))
            self.play(FadeIn(min_dot), FadeIn(min_label), run_time=FAST)
            self.play(Create(to_min), run_time=beat.until("local"))
            # The first step runs along the arrow; the arrow dims so the bend shows.
            self.play(
                VGroup(down_arrow, down_label).animate.set_opacity(0.35),
                Create(path),
                LaggedStart(*(FadeIn(d) for d in path_dots), lag_ratio=0.4),
                run_time=2 * NORMAL,
            )

        # -- takeaways: a list on top, one picture at a time below ---------------------------
        lines = text_lines(
            [
                r"1.\ \ $f'(x)$ is the slope of the tangent at $x$",
                r"2.\ \ $f'(x_0) = 0$ means flat: local min, local max, or neither",
                r"3.\ \ gradient descent steps against the slope, until the slope is near 0",
            ],
            buff=0.28,
        )
        lines.to_edge(UP, buff=0.5).to_edge(LEFT, buff=1.0)

        with self.beat("takeaway_slope") as beat:
            map_group = VGroup(
                plane,
                w1_label,
                w2_label,
                contours,
                dot,
                up_arrow,
                down_arrow,
                up_label,
                down_label,
                min_dot,
                min_label,
                to_min,
                path,
                path_dots,
            )
            self.play(
                FadeOut(map_group),
                FadeOut(VGroup(surface, at_point, ascent, downhill, descent)),
                run_time=FAST,
            )
            axes1 = _graphic_axes([-2, 2, 1], [-1, 4, 1])
            f1 = numeric(fig.SLIDE_EXPR)
            df1 = numeric(fig.ONE_VAR_DERIVATIVE)
            curve1 = axes1.plot(f1, x_range=[-1.95, 1.95], color=FUNCTION_COLOR)
            curve1_label = MathTex(
                "f(x) = " + sp.latex(fig.SLIDE_EXPR), font_size=LABEL_SIZE, color=FUNCTION_COLOR
            ).next_to(axes1.c2p(-1.95, f1(-1.95)), LEFT, buff=0.25)
            at = ValueTracker(float(fig.SLIDE_FROM))
            tangent1 = redraw(
                lambda: tangent_segment(axes1, f1, df1(at.get_value()), at.get_value())
            )
            point1 = redraw(
                lambda: Dot(
                    axes1.c2p(at.get_value(), f1(at.get_value())), color=POINT_COLOR, radius=0.08
                )
            )
            readout_label = MathTex(r"f'(x) =", font_size=BODY_SIZE, color=TANGENT_COLOR)
            readout = DecimalNumber(
                df1(at.get_value()), num_decimal_places=2, font_size=BODY_SIZE, color=TANGENT_COLOR
            )
            # The live slope is the lambdified sympy derivative of the drawn curve.
            readout.add_updater(lambda m: m.set_value(df1(at.get_value())))
            readout_group = VGroup(readout_label, readout).arrange(RIGHT, buff=0.2)
            readout_group.move_to([READOUT_X, -0.9, 0])
            readout.add_updater(lambda m: m.next_to(readout_label, RIGHT, buff=0.2))
            self.play(FadeIn(lines[0], shift=DOWN * 0.2), run_time=beat.until("first"))
            self.play(Create(axes1), Create(curve1), FadeIn(curve1_label), run_time=NORMAL)
            self.play(FadeIn(tangent1, point1, readout_label, readout), run_time=FAST)
            self.play(
                at.animate.set_value(float(fig.SLIDE_TO)), run_time=max(1.0, beat.until() - 0.2)
            )
            tangent1.clear_updaters()
            point1.clear_updaters()
            readout.clear_updaters()

        with self.beat("takeaway_zero") as beat:
            self.play(
                FadeOut(
                    VGroup(axes1, curve1, curve1_label, tangent1, point1, readout_label, readout)
                ),
                lines[0].animate.set_color(MUTED_COLOR),
                FadeIn(lines[1], shift=DOWN * 0.2),
                run_time=NORMAL,
            )
            axes2 = _graphic_axes([-1.5, 1.5, 0.5], [-2.5, 2.5, 1])
            f2 = numeric(fig.CUBIC)
            curve2 = axes2.plot(f2, x_range=[-1.35, 1.35], color=FUNCTION_COLOR)
            curve2_label = MathTex(
                "f(x) = " + sp.latex(fig.CUBIC), font_size=LABEL_SIZE, color=FUNCTION_COLOR
            ).next_to(axes2.c2p(-1.45, 2.2), RIGHT, buff=0.0)
            tangent2 = tangent_segment(
                axes2,
                f2,
                numeric(fig.CUBIC_DERIVATIVE)(float(fig.CUBIC_AT)),
                float(fig.CUBIC_AT),
                3.0,
            )
            point2 = Dot(axes2.c2p(float(fig.CUBIC_AT), 0), color=POINT_COLOR, radius=0.08)
            flat = MathTex(
                rf"f'({sp.latex(fig.CUBIC_AT)}) = {fig.SHOWN['cubic_slope']}",
                font_size=BODY_SIZE,
                color=TANGENT_COLOR,
            ).move_to([READOUT_X, -0.5, 0])
            neither = Tex(r"flat, yet still rising", font_size=LABEL_SIZE, color=TEXT_COLOR)
            neither.next_to(flat, DOWN, buff=0.4)
            self.play(
                Create(axes2), Create(curve2), FadeIn(curve2_label), run_time=beat.until("cubic")
            )
            self.play(Create(tangent2), FadeIn(point2), Write(flat), run_time=NORMAL)
            self.play(FadeIn(neither), run_time=FAST)

        with self.beat("takeaway_descent") as beat:
            self.play(
                FadeOut(VGroup(axes2, curve2, curve2_label, tangent2, point2, flat, neither)),
                lines[1].animate.set_color(MUTED_COLOR),
                FadeIn(lines[2], shift=DOWN * 0.2),
                run_time=NORMAL,
            )
            axes3 = _graphic_axes([0, 6, 1], [0, 7, 1])
            loss = numeric(fig.LOSS, fig.w)
            dloss = numeric(fig.LOSS_DERIVATIVE, fig.w)
            curve3 = axes3.plot(loss, x_range=[0.4, 5.6], color=LOSS_COLOR)
            curve3_label = MathTex(
                "L(w) = " + sp.latex(fig.LOSS), font_size=LABEL_SIZE, color=LOSS_COLOR
            ).next_to(axes3.c2p(5.6, loss(5.6)), RIGHT, buff=0.25)
            # Beside the axis end rather than under it, so the label stays inside the safe area.
            w_label = MathTex("w", font_size=LABEL_SIZE, color=WEIGHT_COLOR).next_to(
                axes3.x_axis.get_right(), RIGHT, buff=0.15
            )
            # At the start the slope points uphill_arrow (tangent colour, as the gradient on the map);
            # the step goes the other way (weight colour, as the negative gradient).
            start = float(fig.DESCENT_PATH[0])
            start_point = axes3.c2p(start, loss(start))
            along = tangent_segment(axes3, loss, dloss(start), start, 2.0)
            uphill_arrow = Arrow(
                start_point, along.get_end(), buff=0, color=TANGENT_COLOR, stroke_width=6
            )
            downhill_arrow = Arrow(
                start_point, along.get_start(), buff=0, color=WEIGHT_COLOR, stroke_width=6
            )
            start_slope = MathTex(
                rf"L'({fig.SHOWN['start']}) = {fig.SHOWN['start_slope']}",
                font_size=BODY_SIZE,
                color=TANGENT_COLOR,
            ).move_to([READOUT_X, -0.2, 0])
            # Each step's loss on the curve, in the colour of the studied point as in the other scenes.
            steps = VGroup(
                *(
                    Dot(axes3.c2p(float(v), loss(float(v))), color=POINT_COLOR, radius=0.065)
                    for v in fig.DESCENT_PATH
                )
            )
            self.play(Create(axes3), Create(curve3), FadeIn(curve3_label, w_label), run_time=NORMAL)
            self.play(
                FadeIn(steps[0]), GrowArrow(uphill_arrow), Write(start_slope), run_time=NORMAL
            )
            self.play(GrowArrow(downhill_arrow), run_time=FAST)
            self.play(
                LaggedStart(*(FadeIn(s, scale=0.5) for s in steps[1:]), lag_ratio=0.6),
                run_time=max(1.0, beat.until("zero") - 0.1),
            )
            minimum = float(fig.LOSS_MINIMUM)
            flat3 = tangent_segment(axes3, loss, dloss(minimum), minimum, 1.6)
            bottom = Dot(axes3.c2p(minimum, loss(minimum)), color=POINT_COLOR, radius=0.08)
            zero = MathTex(
                rf"L'({fig.SHOWN['loss_minimum']}) = {fig.SHOWN['loss_slope_at_minimum']}",
                font_size=BODY_SIZE,
                color=TANGENT_COLOR,
            ).next_to(start_slope, DOWN, buff=0.5)
            self.play(Create(flat3), FadeIn(bottom), Write(zero), run_time=NORMAL)

        with self.beat("next_chapter") as beat:
            self.play(
                FadeOut(
                    VGroup(axes3, curve3, curve3_label, w_label, steps, flat3, bottom, zero, lines),
                    VGroup(uphill_arrow, downhill_arrow, start_slope),
                ),
                run_time=FAST,
            )
            many = MathTex(
                r"L(w_1,\ w_2,\ \ldots,\ w_n)", font_size=BODY_SIZE + 4, color=LOSS_COLOR
            ).move_to(UP * 0.4)
            self.play(Write(many), run_time=beat.until("next"))
            up_next = Tex(r"Next chapter", font_size=LABEL_SIZE, color=MUTED_COLOR).move_to(
                UP * 2.4
            )
            title = Tex(r"The Gradient", font_size=TITLE_SIZE, color=TEXT_COLOR).next_to(
                up_next, DOWN, buff=0.3
            )
            nabla = MathTex(
                r"\nabla L = \Big(\frac{\partial L}{\partial w_1},\ \ldots,\ \frac{\partial L}{\partial w_n}\Big)",
                font_size=BODY_SIZE + 4,
                color=TANGENT_COLOR,
            ).move_to(DOWN * 0.2)
            tagline = Tex(
                r"the derivative in many dimensions",
                font_size=SMALL_SIZE + 4,
                color=MUTED_COLOR,
            ).next_to(nabla, DOWN, buff=0.5)
            # The course plan: computing it efficiently is Chapter 3's (backpropagation), not 2's.
            after = Tex(
                r"then: the chain rule and backpropagation",
                font_size=SMALL_SIZE + 4,
                color=MUTED_COLOR,
            ).next_to(tagline, DOWN, buff=0.35)
            self.play(
                FadeIn(up_next), Write(title), ReplacementTransform(many, nabla), run_time=NORMAL
            )
            self.play(FadeIn(tagline, shift=UP * 0.2), run_time=NORMAL)
            self.play(FadeIn(after, shift=UP * 0.2), run_time=NORMAL)

"""Gradient descent on L(w) = (w − 3)²: one step from w = 5, the sign rule, convergence, and its limits."""

from __future__ import annotations

import sympy as sp
from manim import *

from mathreel.scene import NarratedScene
from scenes.calculus import numeric
from scenes.drawing import tangent_segment
from scenes.gradient_descent_figures import (
    FAR,
    FIRST,
    LEARNING_RATE,
    LEARNING_RATE_TEXT,
    LOSS,
    LOSS_PRIME,
    MINIMUM,
    NEW_LOSS_TEXT,
    NEW_WEIGHT,
    NEW_WEIGHT_TEXT,
    SECOND,
    SHELF_FLAT,
    SHELF_LOSS,
    SHELF_MIN,
    SHELF_PRIME,
    SHRINK_TEXT,
    START,
    START_GAP,
    START_LOSS,
    START_SLOPE,
    STEEP_LEFT,
    STEEP_RIGHT,
    STEPS,
    TABLE_STEPS,
    shown,
    w,
)
from scenes.style import (
    AXES_COLOR,
    BODY_SIZE,
    LABEL_SIZE,
    LOSS_COLOR,
    MUTED_COLOR,
    POINT_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
    WEIGHT_COLOR,
)

loss = numeric(LOSS, w)
loss_slope = numeric(LOSS_PRIME, w)
shelf = numeric(SHELF_LOSS, w)
shelf_slope = numeric(SHELF_PRIME, w)
ETA = float(LEARNING_RATE)

# The graph leaves room under its w-axis for the step arrows.
GRAPH_CENTER = LEFT * 2.75 + UP * 0.6
GRAPH_SIZE = (6.0, 5.6)
ARROW_DROP = 1.0  # step arrows sit this far under the w-axis, clear of its numbers
PANEL_LEFT = 0.9
PANEL_TOP = 2.9
ROW = 0.85
TANGENT_LENGTH = 2.0

# Colour each symbol by meaning inside the formulas: w is the weight, L the loss, L′ a slope.
TEX_COLORS = {"w": WEIGHT_COLOR, "L'": TANGENT_COLOR, "L(": LOSS_COLOR}


def at_row(mobject: Mobject, row: float) -> Mobject:
    """Place a panel entry at row ``row`` (0 at the top), left-aligned."""
    return mobject.move_to([PANEL_LEFT, PANEL_TOP - row * ROW, 0], aligned_edge=LEFT)


def latex_at(expr: sp.Expr, value: sp.Expr) -> str:
    """``c·(w − a)`` with ``w`` replaced by ``value``, unevaluated, as LaTeX: 2(5 − 3)."""
    coeff, bracket = expr.as_coeff_Mul()
    shift = -(bracket - w)  # bracket = w − shift
    return rf"{sp.latex(coeff)}\left({sp.latex(value)} - {sp.latex(shift)}\right)"


class TakeGradientDescentSteps(NarratedScene):
    def construct(self) -> None:
        axes = Axes(
            x_range=[0, 6.5, 1],
            y_range=[0, 9.5, 1],
            x_length=GRAPH_SIZE[0],
            y_length=GRAPH_SIZE[1],
            tips=False,
            axis_config={"color": AXES_COLOR, "stroke_width": 2},
        ).move_to(GRAPH_CENTER)
        axes.x_axis.add_numbers(range(1, 7), font_size=SMALL_SIZE)
        axes.y_axis.add_numbers(range(2, 9, 2), font_size=SMALL_SIZE)
        w_label = MathTex("w", color=WEIGHT_COLOR, font_size=BODY_SIZE).next_to(
            axes.x_axis.get_end(), UP, buff=0.2
        )
        l_label = MathTex("L", color=LOSS_COLOR, font_size=BODY_SIZE).next_to(
            axes.y_axis.get_end(), RIGHT, buff=0.2
        )
        curve = axes.plot(loss, x_range=[0, 6], color=LOSS_COLOR, stroke_width=5)

        # The current weight drives its marker on the w-axis, the point on the curve and the tangent.
        weight = ValueTracker(float(START))
        marker = always_redraw(
            lambda: Dot(axes.c2p(weight.get_value(), 0), color=WEIGHT_COLOR, radius=0.1)
        )
        point = always_redraw(
            lambda: Dot(axes.c2p(weight.get_value(), loss(weight.get_value())), color=POINT_COLOR)
        )
        drop = always_redraw(
            lambda: DashedLine(
                axes.c2p(weight.get_value(), 0),
                axes.c2p(weight.get_value(), loss(weight.get_value())),
                color=MUTED_COLOR,
                stroke_width=2,
            )
        )
        tangent = always_redraw(
            lambda: tangent_segment(
                axes, loss, loss_slope(weight.get_value()), weight.get_value(), TANGENT_LENGTH
            )
        )

        loss_tex = at_row(
            MathTex("L(w) = " + sp.latex(LOSS), font_size=BODY_SIZE, color=LOSS_COLOR), 0
        )
        factored = sp.factor(LOSS_PRIME)  # 2(w − 3), the form the source writes
        prime_tex = at_row(
            MathTex("L'(w) = " + sp.latex(factored), font_size=BODY_SIZE, color=TANGENT_COLOR), 1
        )
        weight_tex = at_row(
            MathTex(f"w = {sp.latex(START)}", font_size=BODY_SIZE, color=WEIGHT_COLOR), 2
        )

        with self.beat("loss_curve") as beat:
            self.play(Create(axes), FadeIn(w_label, l_label), run_time=1.5)
            self.play(Create(curve), Write(loss_tex), run_time=beat.until("derivative"))
            self.play(Write(prime_tex))
            beat.wait_until("weight")
            self.play(FadeIn(marker, scale=1.5), Create(drop), FadeIn(point), Write(weight_tex))

        # ---------------------------------------------------------------- the slope at w = 5
        slope_tex = at_row(
            MathTex(
                f"L'({sp.latex(START)}) = {latex_at(factored, START)} = {sp.latex(START_SLOPE)}",
                font_size=BODY_SIZE,
                color=TANGENT_COLOR,
            ),
            3,
        )
        assert START_GAP == START - MINIMUM  # the bracket on screen is the distance to the minimum
        positive = at_row(
            Text(
                "positive: loss\nrises with w",
                font_size=SMALL_SIZE,
                color=MUTED_COLOR,
                line_spacing=0.8,
                t2c={"[-1:]": WEIGHT_COLOR},  # the weight w, coloured as everywhere else
            ),
            4.2,
        )
        # The step's direction: against the slope, so to the left of w = 5.
        left_arrow = Arrow(
            axes.c2p(float(START), 0) + DOWN * ARROW_DROP,
            axes.c2p(float(START) - 1.4, 0) + DOWN * ARROW_DROP,
            buff=0,
            color=WEIGHT_COLOR,
            stroke_width=5,
        )
        decrease = MathTex(r"\text{decrease } w", font_size=BODY_SIZE, color=WEIGHT_COLOR).next_to(
            left_arrow, LEFT, buff=0.2
        )

        with self.beat("slope_at_five") as beat:
            self.play(Create(tangent), Write(slope_tex), run_time=beat.until("meaning"))
            self.play(FadeIn(positive, shift=UP * 0.2))
            beat.wait_until("direction")
            self.play(GrowArrow(left_arrow), FadeIn(decrease))

        # ---------------------------------------------------------------- one step
        rule = at_row(
            MathTex(
                r"w_{\text{new}} = w - \eta \, L'(w)",
                font_size=BODY_SIZE,
                color=TEXT_COLOR,
                substrings_to_isolate=["w_{\\text{new}}", "L'(w)"],
            ),
            2,
        )
        rule.set_color_by_tex("w_{", WEIGHT_COLOR).set_color_by_tex("L'(w)", TANGENT_COLOR)
        rate = at_row(
            MathTex(rf"\eta = {LEARNING_RATE_TEXT}", font_size=BODY_SIZE, color=TEXT_COLOR), 3
        )
        new_weight = at_row(
            MathTex(
                rf"w_{{\text{{new}}}} = {sp.latex(START)} - {LEARNING_RATE_TEXT} \times "
                rf"{sp.latex(START_SLOPE)} = {NEW_WEIGHT_TEXT}",
                font_size=BODY_SIZE,
                color=WEIGHT_COLOR,
            ),
            4,
        )
        old_loss = at_row(
            MathTex(
                f"L({sp.latex(START)}) = {sp.latex(START_LOSS)}",
                font_size=BODY_SIZE,
                color=LOSS_COLOR,
            ),
            5,
        )
        new_loss = at_row(
            MathTex(
                f"L({NEW_WEIGHT_TEXT}) = {NEW_LOSS_TEXT}", font_size=BODY_SIZE, color=LOSS_COLOR
            ),
            6,
        )
        decreased = Text("decreased", font_size=SMALL_SIZE, color=TEXT_COLOR).next_to(
            new_loss, RIGHT, buff=0.45
        )
        ghost = Dot(axes.c2p(float(START), float(START_LOSS)), color=POINT_COLOR).set_opacity(0.35)
        # Loss levels before and after, read off the L-axis.
        level_old = DashedLine(
            axes.c2p(0, float(START_LOSS)),
            axes.c2p(float(START), float(START_LOSS)),
            color=LOSS_COLOR,
            stroke_width=2,
        )
        level_new = DashedLine(
            axes.c2p(0, float(SECOND.loss)),
            axes.c2p(float(NEW_WEIGHT), float(SECOND.loss)),
            color=LOSS_COLOR,
            stroke_width=2,
        )

        with self.beat("one_step") as beat:
            self.play(
                FadeOut(VGroup(weight_tex, slope_tex, positive, decrease, left_arrow)),
                Write(rule),
                run_time=beat.until("rate"),
            )
            self.play(Write(rate))
            beat.wait_until("step")
            self.play(Write(new_weight))
            self.add(ghost)
            self.play(weight.animate.set_value(float(NEW_WEIGHT)), run_time=1.5)
            beat.wait_until("loss")
            self.play(Write(old_loss), Create(level_old))
            self.play(Write(new_loss), Create(level_new))
            beat.wait_until("decreased")
            self.play(FadeIn(decreased, shift=LEFT * 0.2))

        # ---------------------------------------------------------------- which way: the sign rule
        readout_label = at_row(MathTex("L'(w) =", font_size=BODY_SIZE, color=TANGENT_COLOR), 2)
        readout = DecimalNumber(
            float(SECOND.slope), num_decimal_places=2, font_size=BODY_SIZE, color=TANGENT_COLOR
        )

        def follow(m: DecimalNumber) -> None:
            value = loss_slope(weight.get_value())
            m.set_value(0.0 if abs(value) < 5e-3 else value)  # never "-0.00"
            m.next_to(readout_label, RIGHT, buff=0.2)

        readout.add_updater(follow)
        follow(readout)

        def step_arrow() -> VMobject:
            # The actual next step, w → w − η L′(w), drawn just under the w-axis.
            here = weight.get_value()
            there = here - ETA * loss_slope(here)
            if abs(there - here) < 0.08:
                return VMobject()
            return Arrow(
                axes.c2p(here, 0) + DOWN * ARROW_DROP,
                axes.c2p(there, 0) + DOWN * ARROW_DROP,
                buff=0,
                color=WEIGHT_COLOR,
                stroke_width=5,
                max_tip_length_to_length_ratio=0.45,
            )

        arrow = always_redraw(step_arrow)

        def rule_row(relation: str, verdict: str, row: float) -> MathTex:
            tex = MathTex(
                f"L'(w) {relation} 0",
                r"\;\Rightarrow\;",
                verdict,
                font_size=BODY_SIZE,
            )
            tex[0].set_color(TANGENT_COLOR)
            tex[1].set_color(TEXT_COLOR)
            tex[2].set_color(WEIGHT_COLOR if "w" in verdict else TEXT_COLOR)
            return at_row(tex, row)

        negative_row = rule_row(r"\ll", r"\text{increase } w", 3.2)
        positive_row = rule_row(r"\gg", r"\text{decrease } w", 4.1)
        zero_row = rule_row(r"\approx", r"\text{converged}", 5.0)

        with self.beat("sign_rule") as beat:
            self.play(
                FadeOut(
                    VGroup(
                        rule,
                        rate,
                        new_weight,
                        old_loss,
                        new_loss,
                        decreased,
                        ghost,
                        level_old,
                        level_new,
                    )
                ),
                FadeIn(readout_label),
                FadeIn(readout),
                FadeIn(arrow),
                run_time=1,
            )
            self.play(
                weight.animate.set_value(float(STEEP_LEFT)),
                run_time=max(0.5, beat.until("negative")),
            )
            self.play(FadeIn(negative_row, shift=UP * 0.2))
            beat.wait_until("positive")
            self.play(weight.animate.set_value(float(STEEP_RIGHT)), run_time=2.5)
            self.play(FadeIn(positive_row, shift=UP * 0.2))
            beat.wait_until("zero")
            self.play(weight.animate.set_value(float(MINIMUM)), run_time=2)
            self.play(FadeIn(zero_row, shift=UP * 0.2))

        # ---------------------------------------------------------------- repeated steps
        update = at_row(
            MathTex(
                rf"w \leftarrow w - {LEARNING_RATE_TEXT}\, L'(w)",
                font_size=BODY_SIZE,
                color=TEXT_COLOR,
                substrings_to_isolate=["L'(w)"],
            ),
            0,
        )
        update.set_color_by_tex("L'(w)", TANGENT_COLOR)
        shrink = at_row(
            MathTex(
                rf"w_{{\text{{new}}}} - {sp.latex(MINIMUM)} = {SHRINK_TEXT}\,(w - {sp.latex(MINIMUM)})",
                font_size=BODY_SIZE,
                color=WEIGHT_COLOR,
            ),
            0.85,
        )

        # A small table: one row per step, columns k, w, L(w), L′(w).
        col_x = [PANEL_LEFT + 0.25, PANEL_LEFT + 1.55, PANEL_LEFT + 3.0, PANEL_LEFT + 4.45]
        col_colors = [MUTED_COLOR, WEIGHT_COLOR, LOSS_COLOR, TANGENT_COLOR]
        table_top = 1.3
        row_gap = 0.55

        def table_row(cells: list[str], y: float, size: int = LABEL_SIZE) -> VGroup:
            return VGroup(
                *(
                    MathTex(cell, font_size=size, color=color).move_to([x, y, 0])
                    for cell, x, color in zip(cells, col_x, col_colors, strict=True)
                )
            )

        header = table_row(["k", "w", "L(w)", "L'(w)"], table_top)
        rule_line = Line(
            [PANEL_LEFT - 0.2, table_top - 0.3, 0],
            [6.3, table_top - 0.3, 0],
            color=AXES_COLOR,
            stroke_width=2,
        )
        shown_steps = STEPS[: TABLE_STEPS + 1]
        rows = [
            table_row(
                [str(s.k), shown(s.w), shown(s.loss), shown(s.slope)],
                table_top - 0.65 - i * row_gap,
            )
            for i, s in enumerate(shown_steps)
        ]
        # The dots get a full row's height of their own, clear of the rows above and below.
        dots_y = table_top - 0.65 - (len(shown_steps) - 1) * row_gap - 0.65
        ellipsis = table_row([r"\vdots"] * 4, dots_y)
        far_row = table_row(
            [str(FAR.k), shown(FAR.w), shown(FAR.loss), shown(FAR.slope)], dots_y - 0.65
        )
        rounding = Text("rounded to 3 places", font_size=SMALL_SIZE, color=MUTED_COLOR)
        rounding.next_to(far_row, DOWN, buff=0.3).align_to(header, LEFT)

        crumbs = VGroup()  # the points already visited on the loss: the steps visibly shrink

        def hop(to: sp.Expr, run_time: float) -> Animation:
            here = weight.get_value()
            crumbs.add(
                Dot(axes.c2p(here, loss(here)), radius=0.06, color=POINT_COLOR).set_opacity(0.5)
            )
            return weight.animate(run_time=run_time).set_value(float(to))

        with self.beat("more_steps") as beat:
            readout.clear_updaters()
            self.play(
                FadeOut(
                    VGroup(
                        loss_tex,
                        prime_tex,
                        readout_label,
                        readout,
                        negative_row,
                        positive_row,
                        zero_row,
                    )
                ),
                weight.animate.set_value(float(FIRST.w)),  # back to the start: w = 5
                run_time=1,
            )
            self.add(crumbs)
            self.play(
                FadeIn(update), FadeIn(header), Create(rule_line), FadeIn(rows[0]), run_time=0.8
            )
            per_step = max(0.4, (beat.mark("factor") - beat.elapsed) / TABLE_STEPS)
            for state, row in zip(shown_steps[1:], rows[1:], strict=True):
                self.play(hop(state.w, per_step * 0.6), FadeIn(row), run_time=per_step * 0.6)
                self.wait(per_step * 0.4)
            beat.wait_until("factor")
            self.play(Write(shrink))
            beat.wait_until("converge")
            for state in STEPS[TABLE_STEPS + 1 :]:
                self.play(hop(state.w, 0.12), run_time=0.12)
            self.play(FadeIn(ellipsis), FadeIn(far_row), FadeIn(rounding))

        # ---------------------------------------------------------------- the caveat: flat is not lowest
        shelf_axes = Axes(
            x_range=[0, 4, 1],
            y_range=[0, 4.2, 1],
            x_length=GRAPH_SIZE[0],
            y_length=GRAPH_SIZE[1],
            tips=False,
            axis_config={"color": AXES_COLOR, "stroke_width": 2},
        ).move_to(GRAPH_CENTER)
        shelf_w = MathTex("w", color=WEIGHT_COLOR, font_size=BODY_SIZE).next_to(
            shelf_axes.x_axis.get_end(), UP, buff=0.2
        )
        shelf_l = MathTex("L", color=LOSS_COLOR, font_size=BODY_SIZE).next_to(
            shelf_axes.y_axis.get_top(), RIGHT, buff=0.2
        )
        shelf_curve = shelf_axes.plot(shelf, x_range=[0, 3.75], color=LOSS_COLOR, stroke_width=5)
        flat_w = float(SHELF_FLAT)
        shelf_point = Dot(shelf_axes.c2p(flat_w, shelf(flat_w)), color=POINT_COLOR)
        shelf_tangent = tangent_segment(
            shelf_axes, shelf, shelf_slope(flat_w), flat_w, TANGENT_LENGTH
        )
        flat_label = MathTex(
            f"L'({sp.latex(SHELF_FLAT)}) = {sp.latex(SHELF_PRIME.subs(w, SHELF_FLAT))}",
            color=TANGENT_COLOR,
            font_size=LABEL_SIZE,
        ).next_to(shelf_point, DOWN, buff=0.45)  # under the shelf, where the picture is empty
        low_w = float(SHELF_MIN)
        downhill = CurvedArrow(
            shelf_axes.c2p(flat_w + 0.45, shelf(flat_w) + 0.45),
            shelf_axes.c2p(low_w - 0.05, shelf(low_w) + 0.5),
            angle=-PI / 5,
            color=TEXT_COLOR,
            stroke_width=4,
        )
        lower = Text("lower loss", font_size=SMALL_SIZE, color=TEXT_COLOR).next_to(
            downhill, UP, buff=0.1
        )
        near_zero = at_row(
            Text(
                "repeat until the\ngradient is near zero",
                font_size=LABEL_SIZE,
                color=TEXT_COLOR,
                line_spacing=0.8,
            ),
            0,
        )
        caveat = at_row(
            Text(
                "zero gradient is not\nalways a minimum",
                font_size=LABEL_SIZE,
                color=TEXT_COLOR,
                line_spacing=0.8,
            ),
            0.3,
        )
        saddle = Text(
            "many weights:\nsaddle points",
            font_size=SMALL_SIZE,
            color=MUTED_COLOR,
            line_spacing=0.8,
        ).next_to(caveat, DOWN, buff=0.3, aligned_edge=LEFT)
        # Adam takes the saddle note's place: two short blocks on the right, never three.
        adam = Text(
            "Adam: momentum\nand adaptive\nlearning rates",
            font_size=LABEL_SIZE,
            color=TEXT_COLOR,
            line_spacing=0.8,
        ).next_to(caveat, DOWN, buff=0.5, aligned_edge=LEFT)

        with self.beat("saddle_caveat") as beat:
            self.play(
                FadeOut(
                    VGroup(update, shrink, header, rule_line, *rows, ellipsis, far_row, rounding)
                ),
                run_time=0.6,
            )
            self.play(FadeIn(near_zero, shift=UP * 0.2))
            beat.wait_until("caveat")
            # The bowl morphs into a loss with a flat shelf: zero slope, yet not the lowest point.
            self.play(
                FadeOut(
                    VGroup(
                        axes,
                        w_label,
                        l_label,
                        marker,
                        point,
                        drop,
                        tangent,
                        arrow,
                        crumbs,
                        near_zero,
                    )
                ),
                FadeIn(shelf_axes),
                FadeIn(shelf_w, shelf_l),
                ReplacementTransform(curve, shelf_curve),
                run_time=1.5,
            )
            self.play(FadeIn(caveat, shift=UP * 0.2))
            self.play(FadeIn(shelf_point), Create(shelf_tangent), Write(flat_label))
            self.play(FadeIn(saddle, shift=UP * 0.2))
            beat.wait_until("shelf")
            self.play(Create(downhill), FadeIn(lower))
            beat.wait_until("adam")
            self.play(FadeOut(saddle), FadeIn(adam, shift=UP * 0.2))

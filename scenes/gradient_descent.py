"""Gradient descent on L(w) = (w − 3)²: one step from w = 5, predicted from the tangent, then the sign rule and convergence over L′, and a flat shelf."""

from __future__ import annotations

import sympy as sp
from manim import *

from mathreel import NarratedScene, plain_axes, play_countdown, redraw
from scenes.common.calculus import numeric
from scenes.common.derivative_graph import (
    GRAPH_WIDTH,
    GRAPH_X,
    PANEL_LEFT,
    DerivativeGraph,
    at_row,
    formula,
    note,
    plot,
    stacked_axes,
)
from scenes.common.drawing import tangent_segment
from scenes.common.style import (
    AXES_COLOR,
    BODY_SIZE,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    LOSS_COLOR,
    MUTED_COLOR,
    POINT_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
    THEME,
    WEIGHT_COLOR,
)
from scenes.gradient_descent_figures import (
    ACTUAL_CHANGE,
    CURVATURE_GAP,
    FAR,
    FIRST,
    LARGE_STEPS,
    LEARNING_RATE_TEXT,
    LOSS,
    LOSS_PRIME,
    MINIMUM,
    NEW_LOSS,
    NEW_LOSS_TEXT,
    NEW_WEIGHT,
    NEW_WEIGHT_TEXT,
    PREDICTED_CHANGE,
    PREDICTED_LOSS,
    PREDICTION_PAUSE,
    SADDLE_HALF_WIDTH,
    SADDLE_LEVELS,
    SHELF_FLAT,
    SHELF_LOSS,
    SHELF_MIN,
    SHELF_PRIME,
    SHOWN,
    SHRINK_TEXT,
    START,
    START_LOSS,
    START_SLOPE,
    STEEP_LEFT,
    STEEP_RIGHT,
    STEP_CHANGE,
    STEP_SIZE_TEXT,
    STEPS,
    TABLE_STEPS,
    saddle_branches,
    shown,
    w,
)

loss = numeric(LOSS, w)
loss_slope = numeric(LOSS_PRIME, w)
shelf = numeric(SHELF_LOSS, w)
shelf_slope = numeric(SHELF_PRIME, w)

# One loss graph, tall, until the sign rule; then L over L′ (the derivative graph).
GRAPH_CENTER = [GRAPH_X, 0.6, 0]
GRAPH_SIZE = (GRAPH_WIDTH, 5.6)
ARROW_DROP = 1.0  # the step arrow sits this far under the w-axis, clear of its numbers
TANGENT_LENGTH = 2.0
#: Seconds for a formula to be written.
NORMAL_TIME = 1.2
#: The prediction's countdown ring, low in the right-hand panel.
COUNTDOWN_CENTRE = np.array([5.2, -2.45, 0])
#: The zoomed window around w = 5 where the step is predicted: the curve is nearly its tangent.
ZOOM_W = [4.4, 5.2, 0.2]
ZOOM_L = [2.0, 4.6, 0.4]


def axis_names(axes: Axes) -> VGroup:
    """w along the bottom, L up the side, coloured by meaning."""
    return VGroup(
        MathTex("w", color=WEIGHT_COLOR, font_size=BODY_SIZE).next_to(
            axes.x_axis.get_end(), UP, buff=0.2
        ),
        MathTex("L", color=LOSS_COLOR, font_size=BODY_SIZE).next_to(
            axes.y_axis.get_end(), RIGHT, buff=0.2
        ),
    )


def latex_at(expr: sp.Expr, value: sp.Expr) -> str:
    """``c·(w − a)`` with ``w`` replaced by ``value``, unevaluated, as LaTeX: 2(5 − 3)."""
    coeff, bracket = expr.as_coeff_Mul()
    shift = -(bracket - w)  # bracket = w − shift
    return rf"{sp.latex(coeff)}\left({sp.latex(value)} - {sp.latex(shift)}\right)"


def step_arrow(axes: Axes, here: float, there: float) -> Arrow:
    """A step of the weight along w, drawn under the w-axis."""
    return Arrow(
        axes.c2p(here, 0) + DOWN * ARROW_DROP,
        axes.c2p(there, 0) + DOWN * ARROW_DROP,
        buff=0,
        color=WEIGHT_COLOR,
        stroke_width=5,
        max_tip_length_to_length_ratio=0.45,
    )


def saddle_picture() -> VGroup:
    """The level curves of w₁² − w₂² around its saddle, with the saddle point and the two ways
    out of it: (axes and names, level curves, point, arrows and their words)."""
    half = SADDLE_HALF_WIDTH
    axes = plain_axes(
        [-half, half, 1],
        [-half, half, 1],
        (4.8, 4.8),
        [GRAPH_X, -0.2, 0],
        THEME,
    )
    names = VGroup(
        MathTex("w_1", color=WEIGHT_COLOR, font_size=BODY_SIZE).next_to(axes.x_axis, RIGHT, 0.15),
        MathTex("w_2", color=WEIGHT_COLOR, font_size=BODY_SIZE).next_to(axes.y_axis, UP, 0.15),
        MathTex(r"L = w_1^2 - w_2^2", color=LOSS_COLOR, font_size=BODY_SIZE).next_to(
            axes, UP, buff=0.45
        ),
    )
    levels = VGroup()
    for level in SADDLE_LEVELS:
        # Higher loss brighter: the curves right and left (w₁ large) are high ground.
        opacity = 0.45 + 0.55 * (level - min(SADDLE_LEVELS)) / (
            max(SADDLE_LEVELS) - min(SADDLE_LEVELS)
        )
        for solved, sign, reach in saddle_branches(level):

            def point(t: float, solved=solved, sign=sign, level=level) -> np.ndarray:
                other = sign * np.sqrt(abs(level) + t * t)
                return axes.c2p(other, t) if solved == "w1" else axes.c2p(t, other)

            levels.add(
                ParametricFunction(point, t_range=[-reach, reach], color=LOSS_COLOR).set_stroke(
                    width=3, opacity=opacity
                )
            )
    # The level of the saddle itself: two crossing lines, w₂ = ±w₁.
    for sign in (1, -1):
        levels.add(
            DashedLine(
                axes.c2p(-half, -sign * half), axes.c2p(half, sign * half), color=LOSS_COLOR
            ).set_stroke(width=2, opacity=0.6)
        )
    centre = Dot(axes.c2p(0, 0), radius=0.1, color=POINT_COLOR)
    reach = 0.55 * half
    rises = VGroup(
        Arrow(axes.c2p(0.1, 0), axes.c2p(reach, 0), buff=0, color=TEXT_COLOR, stroke_width=4),
        Arrow(axes.c2p(-0.1, 0), axes.c2p(-reach, 0), buff=0, color=TEXT_COLOR, stroke_width=4),
    )
    falls = VGroup(
        Arrow(axes.c2p(0, 0.1), axes.c2p(0, reach), buff=0, color=TEXT_COLOR, stroke_width=4),
        Arrow(axes.c2p(0, -0.1), axes.c2p(0, -reach), buff=0, color=TEXT_COLOR, stroke_width=4),
    )
    words = VGroup(
        Tex("rises", font_size=SMALL_SIZE, color=TEXT_COLOR).next_to(rises[0], DOWN, buff=0.12),
        Tex("falls", font_size=SMALL_SIZE, color=TEXT_COLOR).next_to(falls[0], RIGHT, buff=0.12),
    )
    return VGroup(VGroup(axes, names), levels, centre, rises, falls, words)


class TakeGradientDescentSteps(NarratedScene):
    def construct(self) -> None:
        axes = plain_axes([0, 6.5, 1], [0, 9.5, 1], GRAPH_SIZE, GRAPH_CENTER, theme=THEME)
        axes.x_axis.add_numbers(range(1, 7), font_size=SMALL_SIZE)
        axes.y_axis.add_numbers(range(2, 9, 2), font_size=SMALL_SIZE)
        names = axis_names(axes)
        curve = plot(axes, loss, 0, 6, color=LOSS_COLOR, stroke_width=5)
        start = float(START)
        marker = Dot(axes.c2p(start, 0), color=WEIGHT_COLOR, radius=0.1)
        point = Dot(axes.c2p(start, loss(start)), color=POINT_COLOR)
        drop = DashedLine(
            axes.c2p(start, 0), axes.c2p(start, loss(start)), color=MUTED_COLOR, stroke_width=2
        )

        factored = sp.factor(LOSS_PRIME)  # 2(w − 3), the form the source writes
        loss_tex = formula("L(w) = " + sp.latex(LOSS), 0, LOSS_COLOR)
        prime_tex = formula("L'(w) = " + sp.latex(factored), 1, TANGENT_COLOR)
        weight_tex = formula(f"w = {sp.latex(START)}", 2, WEIGHT_COLOR)

        with self.beat("loss_curve") as beat:
            self.play(Create(axes), FadeIn(names), run_time=1.5)
            self.play(Create(curve), Write(loss_tex), run_time=beat.until("derivative"))
            self.play(Write(prime_tex))
            beat.wait_until("weight")
            self.play(FadeIn(marker, scale=1.5), Create(drop), FadeIn(point), Write(weight_tex))

        # ---------------------------------------------------------------- the slope at w = 5
        tangent = tangent_segment(axes, loss, float(START_SLOPE), start, TANGENT_LENGTH)
        slope_tex = formula(
            f"L'({sp.latex(START)}) = {latex_at(factored, START)} = {sp.latex(START_SLOPE)}",
            3,
            TANGENT_COLOR,
        )
        positive = note(r"positive: the loss\\rises with $w$", 4)
        decrease_arrow = step_arrow(axes, start, start - 1.4)
        decrease = Tex(r"decrease $w$", font_size=BODY_SIZE, color=WEIGHT_COLOR).next_to(
            decrease_arrow, LEFT, buff=0.2
        )

        with self.beat("slope_at_five") as beat:
            self.play(Create(tangent), Write(slope_tex), run_time=beat.until("meaning"))
            self.play(FadeIn(positive, shift=UP * 0.2))
            beat.wait_until("direction")
            self.play(GrowArrow(decrease_arrow), FadeIn(decrease))

        # ---------------------------------------------------------------- one step, computed
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
        rate = formula(rf"\eta = {LEARNING_RATE_TEXT}", 3, TEXT_COLOR)
        new_weight = formula(
            rf"w_{{\text{{new}}}} = {sp.latex(START)} - {LEARNING_RATE_TEXT} \times "
            rf"{sp.latex(START_SLOPE)} = {NEW_WEIGHT_TEXT}",
            4,
            WEIGHT_COLOR,
        )
        the_step = step_arrow(axes, start, float(NEW_WEIGHT))
        step_label = MathTex(STEP_SIZE_TEXT, font_size=SMALL_SIZE, color=WEIGHT_COLOR).next_to(
            the_step, LEFT, buff=0.2
        )
        target = Dot(axes.c2p(float(NEW_WEIGHT), 0), color=WEIGHT_COLOR, radius=0.1)
        target.set_fill(opacity=0).set_stroke(WEIGHT_COLOR, width=3)

        with self.beat("one_step") as beat:
            self.play(
                FadeOut(VGroup(weight_tex, slope_tex, positive, decrease)),
                Write(rule),
                run_time=beat.until("rate"),
            )
            self.play(Write(rate))
            beat.wait_until("step")
            self.play(ReplacementTransform(decrease_arrow, the_step), FadeIn(step_label))
            beat.wait_until("new")
            self.play(Write(new_weight), FadeIn(target, scale=1.5))

        # ---------------------------------------------------------------- predict: zoom until straight
        # Narrower and shifted right by the room its L numbers take, which stay title-safe.
        zoom = plain_axes(
            ZOOM_W,
            ZOOM_L,
            (GRAPH_SIZE[0] - 0.7, GRAPH_SIZE[1]),
            np.array(GRAPH_CENTER) + RIGHT * 0.35,
            theme=THEME,
        )
        zoom.x_axis.add_numbers([4.6, 5.0], num_decimal_places=1, font_size=SMALL_SIZE)
        # The window starts at L = 2, not 0: its numbers say so.
        zoom.y_axis.add_numbers([2.4, 3.2, 4.0], num_decimal_places=1, font_size=SMALL_SIZE)
        zoom_names = axis_names(zoom)
        # The loss and its tangent at 5 over the window, each cut where it leaves the window.
        zoom_curve = plot(
            zoom,
            loss,
            float(MINIMUM) + ZOOM_L[0] ** 0.5,
            float(MINIMUM) + ZOOM_L[1] ** 0.5,
            color=LOSS_COLOR,
            stroke_width=5,
        )
        slope, level = float(START_SLOPE), float(START_LOSS)

        def on_tangent(at: float) -> np.ndarray:
            return zoom.c2p(at, level + slope * (at - start))

        zoom_tangent = Line(
            on_tangent(start + (ZOOM_L[0] - level) / slope),
            on_tangent(start + (ZOOM_L[1] - level) / slope),
            color=TANGENT_COLOR,
            stroke_width=4,
        )
        zoom_point = Dot(zoom.c2p(start, level), color=POINT_COLOR)
        new_w = float(NEW_WEIGHT)
        run = Arrow(
            zoom.c2p(start, level),
            zoom.c2p(new_w, level),
            buff=0,
            color=WEIGHT_COLOR,
            stroke_width=5,
        )
        run_label = MathTex(shown(STEP_CHANGE), font_size=SMALL_SIZE, color=WEIGHT_COLOR).next_to(
            run, UP, buff=0.15
        )
        predicted = zoom.c2p(new_w, float(PREDICTED_LOSS))
        # A plain drop with a hollow end, so the gap to the curve below stays in sight.
        fall = VGroup(
            Line(zoom.c2p(new_w, level), predicted, color=TANGENT_COLOR, stroke_width=5),
            Dot(predicted, color=TANGENT_COLOR, radius=0.09)
            .set_fill(opacity=0)
            .set_stroke(TANGENT_COLOR, width=3),
        )
        fall_label = MathTex(
            shown(PREDICTED_CHANGE), font_size=SMALL_SIZE, color=TANGENT_COLOR
        ).next_to(fall, LEFT, buff=0.15)
        prediction = VGroup(
            formula(r"\Delta L \approx L'(5)\,\Delta w", 2, TANGENT_COLOR),
            formula(
                rf"= {sp.latex(START_SLOPE)} \times ({shown(STEP_CHANGE)}) = {shown(PREDICTED_CHANGE)}",
                2.85,
                TANGENT_COLOR,
            ),
        )
        zoom_box = Square(0.7, color=TEXT_COLOR, stroke_width=2).move_to(axes.c2p(start, level))
        big_picture = VGroup(
            axes, names, curve, marker, point, drop, tangent, the_step, step_label, target
        )

        # The prediction asks for what is shown next: how far the loss drops over the step.
        ask = note(
            rf"predict: as $w$ moves from ${sp.latex(START)}$\\to ${NEW_WEIGHT_TEXT}$, about how\\much will the loss drop?",
            2,
            TEXT_COLOR,
        )

        with self.beat("predict_loss") as beat:
            self.play(FadeOut(VGroup(rule, rate, new_weight)), FadeIn(ask), run_time=0.6)
            countdown = play_countdown(
                self, beat, PREDICTION_PAUSE, "times_up", COUNTDOWN_CENTRE, theme=THEME
            )

        with self.beat("tangent_estimate") as beat:
            self.play(FadeOut(countdown), FadeOut(ask), Create(zoom_box), run_time=0.6)
            self.play(
                FadeOut(big_picture),
                ReplacementTransform(zoom_box, zoom),
                FadeIn(zoom_names),
                FadeIn(zoom_curve),
                FadeIn(zoom_tangent),
                FadeIn(zoom_point),
                run_time=max(0.6, beat.until("product") - 0.1),
            )
            beat.wait_until("product")
            self.play(GrowArrow(run), FadeIn(run_label))
            self.play(Create(fall), FadeIn(fall_label), Write(prediction))

        # ---------------------------------------------------------------- the actual loss, and the gap
        weight = ValueTracker(start)
        mover = redraw(
            lambda: Dot(zoom.c2p(weight.get_value(), loss(weight.get_value())), color=POINT_COLOR)
        )
        ghost = zoom_point.copy().set_opacity(0.35)
        landed = zoom.c2p(new_w, float(NEW_LOSS))
        gap = Brace(Line(predicted, landed), RIGHT, buff=0.15, color=HIGHLIGHT_COLOR)
        gap_label = MathTex(
            shown(CURVATURE_GAP), font_size=SMALL_SIZE, color=HIGHLIGHT_COLOR
        ).next_to(gap, RIGHT, buff=0.15)
        actual = formula(
            rf"\Delta L = {NEW_LOSS_TEXT} - {sp.latex(START_LOSS)} = {shown(ACTUAL_CHANGE)}",
            3.85,
            LOSS_COLOR,
        )
        miss = formula(
            rf"\text{{gap}} = {shown(CURVATURE_GAP)} = ({shown(-STEP_CHANGE)})^2",
            4.7,
            HIGHLIGHT_COLOR,
        )
        safe = note(r"small steps: a tiny gap,\\so the loss reliably falls", 5.55)

        with self.beat("actual_loss") as beat:
            self.add(ghost)
            self.remove(zoom_point)
            self.add(mover)
            self.play(weight.animate.set_value(new_w), run_time=1.2)
            self.play(Write(actual))
            beat.wait_until("gap")
            self.play(GrowFromCenter(gap), FadeIn(gap_label), Write(miss))
            beat.wait_until("safe")
            self.play(FadeIn(safe, shift=UP * 0.2))

        # ---------------------------------------------------------------- the sign rule, read off L′
        top, bottom = stacked_axes([0, 6.5, 1], [0, 9.5, 2], [-7, 7, 2])
        stacked_names = VGroup(
            axis_names(top),
            MathTex("L'", color=TANGENT_COLOR, font_size=BODY_SIZE).next_to(
                bottom.y_axis.get_end(), RIGHT, buff=0.2
            ),
        )
        # The one w-value named here, set beside the guide that runs down from it.
        # Under the L′ axis, right of where L′ crosses zero: the upper axis is crowded there by
        # the steps' crumbs and the flat tangent.
        three = MathTex(sp.latex(MINIMUM), font_size=SMALL_SIZE, color=TEXT_COLOR).next_to(
            bottom.c2p(float(MINIMUM), 0), DR, buff=0.1
        )
        descent = DerivativeGraph(top, bottom, loss, loss_slope, new_w, TANGENT_LENGTH)
        top_curve = descent.curve(0, 6, color=LOSS_COLOR)
        slider, trace = descent.slider(), descent.trace()
        left, right = float(STEEP_LEFT), float(STEEP_RIGHT)
        prime_line = descent.derivative_curve(left, right)

        def rule_row(relation: str, verdict: str, row: float) -> MathTex:
            tex = MathTex(f"L'(w) {relation} 0", r"\;\Rightarrow\;", verdict, font_size=BODY_SIZE)
            tex[0].set_color(TANGENT_COLOR)
            tex[1].set_color(TEXT_COLOR)
            tex[2].set_color(WEIGHT_COLOR if "w" in verdict else TEXT_COLOR)
            return at_row(tex, row)

        negative_row = rule_row("<", r"\text{increase } w", 2)
        positive_row = rule_row(">", r"\text{decrease } w", 2.85)
        # Flat to first order only: the tangent is horizontal, the curve still bends.
        zero_row = rule_row("=", r"\text{flat tangent}", 3.7)
        flat_note = note(r"flat to first order: slope $\times$\\a small step predicts no drop", 4.4)

        with self.beat("sign_rule") as beat:
            self.play(
                FadeOut(
                    VGroup(
                        zoom, zoom_names, zoom_curve, zoom_tangent, ghost, mover, run, run_label
                    ),
                    VGroup(fall, fall_label, gap, gap_label, prediction, actual, miss, safe),
                ),
                run_time=0.6,
            )
            self.play(
                FadeIn(VGroup(top, bottom, stacked_names, three)),
                Create(top_curve),
                FadeIn(slider),
                run_time=1,
            )
            self.play(descent.x.animate.set_value(left), run_time=beat.until("negative"))
            descent.trace_start.set_value(left)
            self.add(trace)
            self.play(
                descent.x.animate.set_value(float(MINIMUM) - 0.6),
                FadeIn(negative_row),
                run_time=1.5,
            )
            beat.wait_until("positive")
            self.play(
                descent.x.animate.set_value(right),
                FadeIn(positive_row),
                run_time=1.5,
                rate_func=linear,
            )
            self.remove(trace)
            self.add(prime_line)
            beat.wait_until("zero")
            self.play(descent.x.animate.set_value(float(MINIMUM)), run_time=1.2)
            self.play(FadeIn(zero_row, shift=UP * 0.2))
            self.play(FadeIn(flat_note, shift=UP * 0.2))

        # ---------------------------------------------------------------- repeated steps
        update = at_row(
            MathTex(rf"w \leftarrow w - {LEARNING_RATE_TEXT}\,", "L'(w)", font_size=BODY_SIZE), 0
        )
        update[0].set_color(TEXT_COLOR)
        update[1].set_color(TANGENT_COLOR)
        shrink = formula(
            rf"w_{{\text{{new}}}} - {sp.latex(MINIMUM)} = {SHRINK_TEXT}\,(w - {sp.latex(MINIMUM)})",
            0.85,
            WEIGHT_COLOR,
        )

        # A small table: one row per step, columns k, w, L(w), L′(w).
        col_x = [PANEL_LEFT + 0.25, PANEL_LEFT + 1.55, PANEL_LEFT + 3.0, PANEL_LEFT + 4.45]
        col_colors = [MUTED_COLOR, WEIGHT_COLOR, LOSS_COLOR, TANGENT_COLOR]
        table_top = 1.3
        row_gap = 0.55

        def table_row(cells: list[str], y: float) -> VGroup:
            return VGroup(
                *(
                    MathTex(cell, font_size=LABEL_SIZE, color=color).move_to([x, y, 0])
                    for cell, x, color in zip(cells, col_x, col_colors, strict=True)
                )
            )

        def state_row(state, y: float) -> VGroup:
            return table_row(
                [str(state.k), shown(state.w), shown(state.loss), shown(state.slope)], y
            )

        header = table_row(["k", "w", "L(w)", "L'(w)"], table_top)
        rule_line = Line(
            [PANEL_LEFT - 0.2, table_top - 0.3, 0],
            [6.3, table_top - 0.3, 0],
            color=AXES_COLOR,
            stroke_width=2,
        )
        shown_steps = STEPS[: TABLE_STEPS + 1]
        rows = [state_row(s, table_top - 0.65 - i * row_gap) for i, s in enumerate(shown_steps)]
        # The dots get a full row's height of their own, clear of the rows above and below.
        dots_y = table_top - 0.65 - (len(shown_steps) - 1) * row_gap - 0.65
        ellipsis = table_row([r"\vdots"] * 4, dots_y)
        far_row = state_row(FAR, dots_y - 0.65)
        rounding = Tex("rounded to 3 places", font_size=SMALL_SIZE, color=MUTED_COLOR)
        rounding.next_to(far_row, DOWN, buff=0.3).align_to(header, LEFT)

        crumbs = VGroup()  # the points already visited on the loss: the steps visibly shrink

        def hop(to: sp.Expr, run_time: float) -> Animation:
            here = descent.x.get_value()
            crumbs.add(
                Dot(top.c2p(here, loss(here)), radius=0.06, color=POINT_COLOR).set_opacity(0.5)
            )
            return descent.x.animate(run_time=run_time).set_value(float(to))

        with self.beat("more_steps") as beat:
            self.play(
                FadeOut(
                    VGroup(loss_tex, prime_tex, negative_row, positive_row, zero_row, flat_note)
                ),
                descent.x.animate.set_value(float(FIRST.w)),  # back to the start: w = 5
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
            # This beat's pacing only: left in construct, it would be state every later beat
            # can read, and an edit of this beat's narration would draw them all again.
            del per_step
            beat.wait_until("factor")
            self.play(Write(shrink))
            beat.wait_until("converge")
            for state in STEPS[TABLE_STEPS + 1 :]:
                self.play(hop(state.w, 0.12), run_time=0.12)
            self.play(FadeIn(ellipsis), FadeIn(far_row), FadeIn(rounding))

        # ---------------------------------------------------------------- too large a rate
        large_rule = VGroup(
            formula(rf"\eta = {SHOWN['large_eta']}", 0, TEXT_COLOR),
            formula(
                rf"w_{{\text{{new}}}} - {sp.latex(MINIMUM)}"
                rf" = {SHOWN['large_factor']}\,(w - {sp.latex(MINIMUM)})",
                0.85,
                WEIGHT_COLOR,
            ),
        )
        large_path = at_row(
            MathTex(
                r"w:\ " + r"\to ".join(shown(s.w) for s in LARGE_STEPS) + r"\to \cdots",
                font_size=BODY_SIZE,
                color=WEIGHT_COLOR,
            ),
            1.8,
        )
        large_note = note(r"each step lands further\\from the minimum", 2.7)
        # The overshooting steps, hop by hop along the loss curve.
        large_points = [top.c2p(float(s.w), float(s.loss)) for s in LARGE_STEPS]
        large_dots = VGroup(*(Dot(p, radius=0.08, color=WEIGHT_COLOR) for p in large_points))
        large_hops = VGroup(
            *(
                Arrow(a, b, buff=0.1, color=WEIGHT_COLOR, stroke_width=4)
                for a, b in zip(large_points, large_points[1:], strict=False)
            )
        )

        with self.beat("too_large") as beat:
            self.play(
                FadeOut(
                    VGroup(update, shrink, header, rule_line, *rows, ellipsis, far_row, rounding)
                ),
                run_time=beat.until("large"),
            )
            self.play(Write(large_rule), FadeIn(large_dots[0]), run_time=NORMAL_TIME)
            beat.wait_until("path")
            for hop_arrow, dot in zip(large_hops, large_dots[1:], strict=True):
                self.play(GrowArrow(hop_arrow), FadeIn(dot), run_time=0.8)
            self.play(FadeIn(large_path), FadeIn(large_note), run_time=0.8)
        too_large = VGroup(large_rule, large_path, large_note, large_dots, large_hops)

        # ---------------------------------------------------------------- the caveat: flat is not lowest
        shelf_top, shelf_bottom = stacked_axes([0, 4, 1], [0, 4.2, 1], [-3.5, 6, 2])
        shelf_names = VGroup(
            axis_names(shelf_top),
            MathTex("L'", color=TANGENT_COLOR, font_size=BODY_SIZE).next_to(
                shelf_bottom.y_axis.get_end(), RIGHT, buff=0.2
            ),
        )
        flat_w, low_w = float(SHELF_FLAT), float(SHELF_MIN)
        shelf_graph = DerivativeGraph(
            shelf_top, shelf_bottom, shelf, shelf_slope, flat_w, TANGENT_LENGTH
        )
        shelf_curve = shelf_graph.curve(0, 3.75, color=LOSS_COLOR)
        shelf_prime = shelf_graph.derivative_curve(0, 3.75)
        shelf_flat = VGroup(
            tangent_segment(shelf_top, shelf, 0.0, flat_w, TANGENT_LENGTH),
            Dot(shelf_top.c2p(flat_w, shelf(flat_w)), color=POINT_COLOR),
            shelf_graph.link_at(flat_w),
            Dot(shelf_bottom.c2p(flat_w, 0), color=POINT_COLOR),
        )
        downhill = CurvedArrow(
            shelf_top.c2p(flat_w + 0.4, shelf(flat_w) + 0.35),
            shelf_top.c2p(low_w - 0.1, shelf(low_w) + 0.45),
            angle=-PI / 5,
            color=TEXT_COLOR,
            stroke_width=4,
        )
        lower = Tex("lower loss", font_size=SMALL_SIZE, color=TEXT_COLOR).next_to(
            downhill, UP, buff=0.1
        )
        repeat = note(r"repeat for every weight,\\until every slope is near zero", 0, TEXT_COLOR)
        caveat = note(r"a zero slope is not\\always a minimum", 1.8, TEXT_COLOR)
        shelf_word = note(r"here: a flat shelf, with\\lower loss beyond it", 3.2)

        with self.beat("saddle_caveat") as beat:
            self.play(
                FadeOut(too_large),
                FadeIn(repeat, shift=UP * 0.2),
                run_time=beat.until("caveat"),
            )
            self.play(
                FadeOut(VGroup(top, bottom, stacked_names, three, slider, prime_line, crumbs)),
                FadeIn(VGroup(shelf_top, shelf_bottom, shelf_names)),
                ReplacementTransform(top_curve, shelf_curve),
                FadeIn(caveat, shift=UP * 0.2),
                run_time=1.5,
            )
            beat.wait_until("shelf")
            self.play(Create(shelf_prime), FadeIn(shelf_flat), FadeIn(shelf_word))
            self.play(Create(downhill), FadeIn(lower))

        # ---------------------------------------------------------------- two weights: a saddle
        # A saddle needs two weights: the one-weight shelf gives way to a map of w₁² − w₂².
        saddle_map = saddle_picture()
        saddle = note(r"two weights: a saddle point", 0, TEXT_COLOR)
        saddle_word = note(r"zero gradient, yet the loss\\rises one way, falls another", 0.8)
        adam = note(
            r"Adam: momentum and adaptive\\learning rates, partly to cross\\flat stretches faster",
            2.6,
            TEXT_COLOR,
        )

        with self.beat("saddle_points") as beat:
            self.play(*(FadeOut(m) for m in self.mobjects if isinstance(m, VMobject)), run_time=0.6)
            self.play(
                FadeIn(saddle_map[0]),
                Create(saddle_map[1]),
                FadeIn(saddle, shift=UP * 0.2),
                run_time=1.2,
            )
            self.play(
                FadeIn(saddle_map[2:]),
                FadeIn(saddle_word, shift=UP * 0.2),
                run_time=max(0.6, beat.until("adam")),
            )
            self.play(FadeIn(adam, shift=UP * 0.2))

"""Critical points: f′ = 0 where the tangent is flat; x³ shows it is not enough; the second-derivative test."""

from __future__ import annotations

import numpy as np
from manim import *

from mathreel.scene import NarratedScene
from scenes.calculus import numeric
from scenes.critical_points_figures import (
    CUBIC,
    CUBIC_MAX,
    CUBIC_MIN,
    CUBIC_PRIME,
    CUBIC_SECOND,
    FLAT_CUBIC,
    FLAT_LEFT,
    FLAT_LEFT_TEXT,
    FLAT_POINT,
    FLAT_PRIME,
    FLAT_RIGHT,
    FLAT_RIGHT_TEXT,
    FLAT_SLOPE_AT_0,
    ZOOM_STEP,
    ZOOM_STEP_TEXT,
    tex,
)
from scenes.drawing import tangent_segment
from scenes.style import (
    AXES_COLOR,
    BODY_SIZE,
    FUNCTION_COLOR,
    HEADING_SIZE,
    LABEL_SIZE,
    MUTED_COLOR,
    POINT_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
)

f = numeric(CUBIC)
df = numeric(CUBIC_PRIME)
g = numeric(FLAT_CUBIC)

# The graph sits on the left, the equations in a panel on the right.
GRAPH_CENTER = LEFT * 3.0 + DOWN * 0.15
GRAPH_SIZE = (6.0, 6.4)
PANEL_LEFT = 0.9
PANEL_TOP = 2.9
TANGENT_LENGTH = 2.2
# The cubic is drawn where |f| stays inside the y-range.
CUBIC_X = (-2.1, 2.1)


def graph_axes(x_range: list[float], y_range: list[float]) -> Axes:
    return Axes(
        x_range=x_range,
        y_range=y_range,
        x_length=GRAPH_SIZE[0],
        y_length=GRAPH_SIZE[1],
        tips=False,
        axis_config={"color": AXES_COLOR, "stroke_width": 2},
    ).move_to(GRAPH_CENTER)


def panel_line(mobject: Mobject, row: int, gap: float = 0.85) -> Mobject:
    """Place a panel entry at row ``row`` (0 at the top), left-aligned."""
    return mobject.move_to([PANEL_LEFT, PANEL_TOP - row * gap, 0], aligned_edge=LEFT)


def curve_icon(func, x_lo: float, x_hi: float, at: float) -> VGroup:
    """A small piece of a real curve around a critical point: the shape the test describes."""
    ys = [func(v) for v in np.linspace(x_lo, x_hi, 50)]
    pad = 0.05 * (max(ys) - min(ys))
    axes = Axes(
        x_range=[x_lo, x_hi],
        y_range=[min(ys) - pad, max(ys) + pad],
        x_length=1.8,
        y_length=0.9,
        tips=False,
    )
    piece = axes.plot(func, x_range=[x_lo, x_hi], color=FUNCTION_COLOR, stroke_width=5)
    half = 0.3 * (x_hi - x_lo)
    flat = Line(axes.c2p(at - half, func(at)), axes.c2p(at + half, func(at)))
    flat.set_color(TANGENT_COLOR).set_stroke(width=3)
    dot = Dot(axes.c2p(at, func(at)), color=POINT_COLOR, radius=0.07)
    return VGroup(piece, flat, dot)


class FindCriticalPoints(NarratedScene):
    def construct(self) -> None:
        # ---------------------------------------------------------------- the cubic and its flat spots
        axes = graph_axes([-2.5, 2.5, 1], [-3.5, 3.5, 1])
        # Only the critical points' own x-values: a "-2" would sit against the curve's left branch.
        axes.x_axis.add_numbers([-1, 1], font_size=SMALL_SIZE)
        curve = axes.plot(f, x_range=list(CUBIC_X), color=FUNCTION_COLOR, stroke_width=5)
        title = panel_line(
            MathTex("f(x) = " + tex(CUBIC), color=FUNCTION_COLOR, font_size=BODY_SIZE), 0
        )

        x0 = ValueTracker(-1.8)
        tangent = always_redraw(
            lambda: tangent_segment(axes, f, df(x0.get_value()), x0.get_value(), TANGENT_LENGTH)
        )
        dot = always_redraw(
            lambda: Dot(axes.c2p(x0.get_value(), f(x0.get_value())), color=POINT_COLOR)
        )
        slope_label = MathTex("f'(x) =", color=TANGENT_COLOR, font_size=BODY_SIZE)
        panel_line(slope_label, 1)
        slope_value = DecimalNumber(
            0, num_decimal_places=2, color=TANGENT_COLOR, font_size=BODY_SIZE
        )

        def follow_slope(m: DecimalNumber) -> None:
            value = df(x0.get_value())
            m.set_value(0.0 if abs(value) < 5e-3 else value)  # never show "-0.00"
            m.next_to(slope_label, RIGHT, buff=0.2)

        slope_value.add_updater(follow_slope)
        follow_slope(slope_value)

        with self.beat("horizontal_tangent") as beat:
            self.play(Create(axes), Create(curve), Write(title), run_time=2)
            self.play(FadeIn(tangent), FadeIn(dot), FadeIn(slope_label), FadeIn(slope_value))
            self.play(
                x0.animate.set_value(float(CUBIC_MAX.x)),
                run_time=beat.until("peak"),
                rate_func=smooth,
            )
            self.play(Indicate(slope_value, color=TANGENT_COLOR, scale_factor=1.3))
            beat.wait_until("valley")
            self.play(
                x0.animate.set_value(float(CUBIC_MIN.x)),
                run_time=2.5,
                rate_func=smooth,
            )
            self.play(Indicate(slope_value, color=TANGENT_COLOR, scale_factor=1.3))

        # ---------------------------------------------------------------- solving f′(x) = 0
        flats = VGroup(
            *(
                tangent_segment(axes, f, 0.0, float(p.x), TANGENT_LENGTH)
                for p in (CUBIC_MAX, CUBIC_MIN)
            )
        )
        crit_dots = VGroup(
            *(
                Dot(axes.c2p(float(p.x), float(p.y)), color=POINT_COLOR)
                for p in (CUBIC_MAX, CUBIC_MIN)
            )
        )
        equation = panel_line(
            MathTex(
                "f'(x) = " + tex(CUBIC_PRIME) + " = 0", color=TANGENT_COLOR, font_size=BODY_SIZE
            ),
            1,
        )
        roots = panel_line(
            MathTex(
                f"x = {tex(CUBIC_MAX.x)}",
                r"\quad\text{or}\quad",
                f"x = {tex(CUBIC_MIN.x)}",
                font_size=BODY_SIZE,
            ),
            2,
        )
        roots[0].set_color(POINT_COLOR)
        roots[1].set_color(TEXT_COLOR)
        roots[2].set_color(POINT_COLOR)
        name = panel_line(Text("critical points", color=TEXT_COLOR, font_size=LABEL_SIZE), 3.2)
        candidates = Text(
            "candidates for local\nmaxima and minima",
            color=MUTED_COLOR,
            font_size=SMALL_SIZE,
            line_spacing=0.8,
        ).next_to(name, DOWN, buff=0.2, aligned_edge=LEFT)

        with self.beat("critical_points") as beat:
            slope_value.clear_updaters()
            self.play(
                ReplacementTransform(VGroup(slope_label, slope_value), equation),
                FadeOut(tangent),
                FadeOut(dot),
                run_time=1.5,
            )
            beat.wait_until("roots")
            self.play(Write(roots))
            self.play(
                LaggedStart(*(Create(line) for line in flats), lag_ratio=0.4),
                FadeIn(crit_dots),
            )
            beat.wait_until("names")
            self.play(FadeIn(name, shift=UP * 0.2))
            self.play(FadeIn(candidates, shift=UP * 0.2))

        # ---------------------------------------------------------------- x³: flat but no turn
        cubic_group = VGroup(axes, curve, flats, crit_dots)
        flat_axes = graph_axes([-1.6, 1.6, 1], [-3.5, 3.5, 1])
        flat_curve = flat_axes.plot(g, x_range=[-1.5, 1.5], color=FUNCTION_COLOR, stroke_width=5)
        origin = (float(FLAT_POINT.x), float(FLAT_POINT.y))
        flat_tangent = tangent_segment(
            flat_axes, g, float(FLAT_SLOPE_AT_0), origin[0], TANGENT_LENGTH
        )
        flat_dot = Dot(flat_axes.c2p(*origin), color=POINT_COLOR)
        flat_title = panel_line(
            MathTex("f(x) = " + tex(FLAT_CUBIC), color=FUNCTION_COLOR, font_size=BODY_SIZE), 0
        )
        flat_prime = panel_line(
            MathTex("f'(x) = " + tex(FLAT_PRIME), color=TANGENT_COLOR, font_size=BODY_SIZE), 1
        )
        flat_zero = panel_line(
            MathTex(
                f"f'({tex(FLAT_POINT.x)}) = {tex(FLAT_SLOPE_AT_0)}",
                color=TANGENT_COLOR,
                font_size=BODY_SIZE,
            ),
            2,
        )
        question = panel_line(
            Text("minimum?\nmaximum?", color=TEXT_COLOR, font_size=LABEL_SIZE), 3.2
        )
        answer = panel_line(Text("neither", color=TEXT_COLOR, font_size=LABEL_SIZE), 3.2)
        answer_note = Text("rising on both sides", color=MUTED_COLOR, font_size=SMALL_SIZE).next_to(
            answer, DOWN, buff=0.2, aligned_edge=LEFT
        )

        def rising_arrow(x_mid: float) -> Arrow:
            # Drawn beside the curve on its empty side (below the left branch, above the right
            # one), pointing along the rise without covering the curve or the axes.
            start = flat_axes.c2p(x_mid - 0.25, g(x_mid - 0.25))
            end = flat_axes.c2p(x_mid + 0.25, g(x_mid + 0.25))
            normal = rotate_vector(normalize(end - start), PI / 2) * np.sign(x_mid)
            return Arrow(
                start + 0.45 * normal,
                end + 0.45 * normal,
                buff=0,
                color=TEXT_COLOR,
                stroke_width=4,
                max_tip_length_to_length_ratio=0.3,
            )

        arrows = VGroup(rising_arrow(-1.15), rising_arrow(1.15))

        with self.beat("not_sufficient") as beat:
            self.play(
                FadeOut(cubic_group),
                FadeOut(VGroup(title, equation, roots, name, candidates)),
                run_time=1,
            )
            self.play(Create(flat_axes), Create(flat_curve), Write(flat_title), run_time=1.5)
            self.play(Write(flat_prime))
            self.play(Write(flat_zero), Create(flat_tangent), FadeIn(flat_dot))
            beat.wait_until("question")
            self.play(FadeIn(question))
            beat.wait_until("answer")
            self.play(ReplacementTransform(question, answer))
            self.play(LaggedStart(*(GrowArrow(a) for a in arrows), lag_ratio=0.3))
            self.play(FadeIn(answer_note))

        # ---------------------------------------------------------------- zoom in around 0
        step = float(ZOOM_STEP)
        zoom_axes = graph_axes([-0.15, 0.15, 0.05], [-0.0015, 0.0015, 0.0005])
        reach = float(np.cbrt(0.0015))  # where x³ leaves the zoomed y-range
        zoom_curve = zoom_axes.plot(
            g, x_range=[-reach, reach], color=FUNCTION_COLOR, stroke_width=5
        )
        zoom_tangent = Line(
            zoom_axes.c2p(-0.06, 0), zoom_axes.c2p(0.06, 0), color=TANGENT_COLOR, stroke_width=4
        )
        left_pt = (-step, float(FLAT_LEFT))
        right_pt = (step, float(FLAT_RIGHT))
        left_dot = Dot(zoom_axes.c2p(*left_pt), color=POINT_COLOR)
        right_dot = Dot(zoom_axes.c2p(*right_pt), color=POINT_COLOR)
        left_guides = VGroup(
            DashedLine(zoom_axes.c2p(*left_pt), zoom_axes.c2p(left_pt[0], 0), color=MUTED_COLOR),
            DashedLine(zoom_axes.c2p(*left_pt), zoom_axes.c2p(0, left_pt[1]), color=MUTED_COLOR),
        )
        right_guides = VGroup(
            DashedLine(zoom_axes.c2p(*right_pt), zoom_axes.c2p(right_pt[0], 0), color=MUTED_COLOR),
            DashedLine(zoom_axes.c2p(*right_pt), zoom_axes.c2p(0, right_pt[1]), color=MUTED_COLOR),
        )
        # Tick labels sit on the side away from each dashed guide, so guides never cross them.
        left_ticks = VGroup(
            MathTex("-" + ZOOM_STEP_TEXT, font_size=SMALL_SIZE, color=TEXT_COLOR).next_to(
                zoom_axes.c2p(-step, 0), UP, buff=0.2
            ),
            MathTex(FLAT_LEFT_TEXT, font_size=SMALL_SIZE, color=TEXT_COLOR).next_to(
                zoom_axes.c2p(0, left_pt[1]), RIGHT, buff=0.2
            ),
        )
        right_ticks = VGroup(
            MathTex(ZOOM_STEP_TEXT, font_size=SMALL_SIZE, color=TEXT_COLOR).next_to(
                zoom_axes.c2p(step, 0), DOWN, buff=0.2
            ),
            MathTex(FLAT_RIGHT_TEXT, font_size=SMALL_SIZE, color=TEXT_COLOR).next_to(
                zoom_axes.c2p(0, right_pt[1]), LEFT, buff=0.2
            ),
        )
        left_value = panel_line(
            MathTex(
                f"f(-{ZOOM_STEP_TEXT}) = {FLAT_LEFT_TEXT}",
                color=FUNCTION_COLOR,
                font_size=BODY_SIZE,
            ),
            1,
        )
        right_value = panel_line(
            MathTex(
                f"f({ZOOM_STEP_TEXT}) = {FLAT_RIGHT_TEXT}",
                color=FUNCTION_COLOR,
                font_size=BODY_SIZE,
            ),
            2,
        )
        saddle = panel_line(Text("a “saddle point”", color=TEXT_COLOR, font_size=LABEL_SIZE), 3.2)
        inflection = Text(
            "more precisely, an\ninflection point with\na horizontal tangent",
            color=MUTED_COLOR,
            font_size=SMALL_SIZE,
            line_spacing=0.8,
        ).next_to(saddle, DOWN, buff=0.2, aligned_edge=LEFT)
        zoom_box = Square(0.5, color=TEXT_COLOR, stroke_width=2).move_to(flat_axes.c2p(0, 0))

        with self.beat("zoom_in") as beat:
            self.play(
                FadeOut(VGroup(flat_prime, flat_zero, answer, answer_note, arrows)),
                Create(zoom_box),
                run_time=0.6,
            )
            # The small box around 0 grows into the whole picture: the zoomed axes replace the old.
            self.play(
                FadeOut(VGroup(flat_axes, flat_curve, flat_tangent, flat_dot)),
                ReplacementTransform(zoom_box, zoom_axes),
                FadeIn(zoom_curve),
                FadeIn(zoom_tangent),
                run_time=max(0.6, beat.until("left")),
            )
            self.play(
                FadeIn(left_dot, scale=1.5),
                Create(left_guides),
                FadeIn(left_ticks),
                Write(left_value),
            )
            beat.wait_until("right")
            self.play(
                FadeIn(right_dot, scale=1.5),
                Create(right_guides),
                FadeIn(right_ticks),
                Write(right_value),
            )
            beat.wait_until("name")
            self.play(FadeIn(saddle, shift=UP * 0.2))
            self.play(FadeIn(inflection, shift=UP * 0.2))

        # ---------------------------------------------------------------- the second-derivative test
        heading = Text("The second-derivative test", color=TEXT_COLOR, font_size=HEADING_SIZE)
        heading.move_to(UP * 2.9)
        premise = MathTex(
            r"\text{at a critical point } x_0:\ ", "f'(x_0) = 0", font_size=LABEL_SIZE
        ).next_to(heading, DOWN, buff=0.3)
        premise[0].set_color(MUTED_COLOR)
        premise[1].set_color(TANGENT_COLOR)

        row_y = [1.0, -0.65, -2.3]
        icons = [
            curve_icon(f, 0.4, 1.6, float(CUBIC_MIN.x)),  # bowl: the cubic's valley
            curve_icon(f, -1.6, -0.4, float(CUBIC_MAX.x)),  # cap: the cubic's peak
            curve_icon(g, -1.0, 1.0, float(FLAT_POINT.x)),  # x³ at 0: no bend to read
        ]
        conditions = [
            MathTex(r"f''(x_0) > 0", color=TANGENT_COLOR, font_size=BODY_SIZE),
            MathTex(r"f''(x_0) < 0", color=TANGENT_COLOR, font_size=BODY_SIZE),
            MathTex(r"f''(x_0) = 0", color=TANGENT_COLOR, font_size=BODY_SIZE),
        ]
        verdicts = [
            Text("minimum", color=TEXT_COLOR, font_size=BODY_SIZE),
            Text("maximum", color=TEXT_COLOR, font_size=BODY_SIZE),
            Text("inconclusive", color=TEXT_COLOR, font_size=BODY_SIZE),
        ]
        shapes = [
            Text("like a bowl", color=MUTED_COLOR, font_size=SMALL_SIZE),
            Text("like an upturned bowl", color=MUTED_COLOR, font_size=SMALL_SIZE),
            Text("", color=MUTED_COLOR, font_size=SMALL_SIZE),
        ]
        rows = []
        for y, icon, condition, verdict, shape in zip(
            row_y, icons, conditions, verdicts, shapes, strict=True
        ):
            # Columns sit left of centre so the longest note ("like an upturned bowl") stays
            # inside the title-safe area.
            icon.move_to([-5.3, y, 0])
            condition.move_to([-2.6, y, 0])
            arrow = MathTex(r"\Rightarrow", color=TEXT_COLOR, font_size=BODY_SIZE).move_to(
                [-0.5, y, 0]
            )
            verdict.move_to([0.2, y, 0], aligned_edge=LEFT)
            shape.next_to(verdict, DOWN, buff=0.12, aligned_edge=LEFT)
            rows.append(VGroup(icon, condition, arrow, verdict, shape))

        with self.beat("second_derivative_test") as beat:
            self.play(
                FadeOut(
                    VGroup(
                        zoom_axes,
                        zoom_curve,
                        zoom_tangent,
                        left_dot,
                        right_dot,
                        left_guides,
                        right_guides,
                        left_ticks,
                        right_ticks,
                        flat_title,
                        left_value,
                        right_value,
                        saddle,
                        inflection,
                    )
                ),
                run_time=0.8,
            )
            self.play(Write(heading), FadeIn(premise), run_time=beat.until("minimum"))
            self.play(FadeIn(rows[0], shift=RIGHT * 0.2))
            beat.wait_until("maximum")
            self.play(FadeIn(rows[1], shift=RIGHT * 0.2))
            beat.wait_until("zero")
            self.play(FadeIn(rows[2], shift=RIGHT * 0.2))

        # ---------------------------------------------------------------- the test on both curves
        second_title = panel_line(
            MathTex("f''(x) = " + tex(CUBIC_SECOND), color=TANGENT_COLOR, font_size=BODY_SIZE), 1
        )

        def test_line(point, relation: str) -> MathTex:
            return MathTex(
                f"f''({tex(point.x)}) = {tex(point.second)} {relation} 0",
                color=TANGENT_COLOR,
                font_size=BODY_SIZE,
            )

        max_line = panel_line(test_line(CUBIC_MAX, "<"), 2)
        min_line = panel_line(test_line(CUBIC_MIN, ">"), 3)
        # Nudged away from the y-axis so the words never touch its ticks.
        max_word = (
            Text("maximum", color=TEXT_COLOR, font_size=LABEL_SIZE)
            .next_to(crit_dots[0], UP, buff=0.35)
            .shift(LEFT * 0.3)
        )
        min_word = (
            Text("minimum", color=TEXT_COLOR, font_size=LABEL_SIZE)
            .next_to(crit_dots[1], DOWN, buff=0.35)
            .shift(RIGHT * 0.3)
        )
        flat_case = panel_line(
            MathTex(
                f"x^3:\\ f''({tex(FLAT_POINT.x)}) = {tex(FLAT_POINT.second)}",
                color=TANGENT_COLOR,
                font_size=BODY_SIZE,
            ),
            4.3,
        )
        flat_verdict = panel_line(Text("inconclusive", color=TEXT_COLOR, font_size=LABEL_SIZE), 5.0)

        with self.beat("apply_test") as beat:
            self.play(FadeOut(VGroup(heading, premise, *rows)), run_time=0.8)
            self.play(FadeIn(cubic_group), FadeIn(title), Write(second_title), run_time=1.5)
            beat.wait_until("peak")
            self.play(Write(max_line), FadeIn(max_word, shift=DOWN * 0.2))
            beat.wait_until("valley")
            self.play(Write(min_line), FadeIn(min_word, shift=UP * 0.2))
            beat.wait_until("flat")
            self.play(Write(flat_case))
            self.play(FadeIn(flat_verdict))

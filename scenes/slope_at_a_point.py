"""The slope at a point: tangents to y = x², a live slope explorer, and why f′(0) = 0 on x³ is no minimum."""

from __future__ import annotations

from manim import *

from mathreel.scene import NarratedScene
from scenes.calculus import numeric
from scenes.drawing import tangent_segment
from scenes.slope_at_a_point_figures import (
    CUBIC,
    CUBIC_POINT,
    CUBIC_SIDE_TEXT,
    CUBIC_SIDES,
    CUBIC_SLOPE,
    CUBIC_SLOPE_TEXT,
    CUBIC_START,
    LEFT_STOP,
    PARABOLA,
    PARABOLA_SLOPE,
    READOUT_PLACES,
    RIGHT_STOP,
    STRAIGHT_LINE,
    STRAIGHT_LINE_SLOPE_TEXT,
    TANGENT_POINTS,
    TANGENT_SLOPE_TEXT,
    TRIANGLE_RISE_TEXT,
    TRIANGLE_STARTS,
    VERTEX,
)
from scenes.style import (
    AXES_COLOR,
    BODY_SIZE,
    FAST,
    FUNCTION_COLOR,
    HEADING_SIZE,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    MUTED_COLOR,
    NORMAL,
    POINT_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
)

parabola_fn = numeric(PARABOLA)
parabola_slope_fn = numeric(PARABOLA_SLOPE)
cubic_fn = numeric(CUBIC)
cubic_slope_fn = numeric(CUBIC_SLOPE)
line_fn = numeric(STRAIGHT_LINE)

#: Left half of the frame holds the graph; the right column (from COLUMN_LEFT) words and readouts.
GRAPH_CENTER = np.array([-2.9, -0.25, 0])
COLUMN_LEFT = 1.4
#: Tops of the right column's slots: a label or question, then the live readouts.
PROMPT_TOP = 2.8
READOUT_TOP = 0.3
#: Tangent segments have the same length on screen wherever they touch.
TANGENT_LENGTH = 2.6


def graph_axes(x_range: list[float], y_range: list[float], y_numbers: list[float]) -> Axes:
    axes = Axes(
        x_range=x_range,
        y_range=y_range,
        x_length=6.4,
        y_length=6.2,
        axis_config={"color": AXES_COLOR, "include_tip": False, "font_size": SMALL_SIZE},
        x_axis_config={
            "numbers_to_include": [
                n for n in range(-3, 4) if n != 0 and x_range[0] <= n <= x_range[1]
            ],
            "decimal_number_config": {"num_decimal_places": 0},
        },
        y_axis_config={"numbers_to_include": y_numbers},
    )
    axes.move_to(GRAPH_CENTER)
    return axes


def column(*mobs: Mobject, top: float = PROMPT_TOP, buff: float = 0.45) -> VGroup:
    """Stack ``mobs`` in the right-hand column, left-aligned, from ``top`` down."""
    group = VGroup(*mobs).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    group.align_to([COLUMN_LEFT, top, 0], UL)
    return group


def words(text: str, color: str = TEXT_COLOR) -> Tex:
    """Prose with inline math in the right column (LaTeX, so $x = 0$ matches the graph's type)."""
    return Tex(text, font_size=BODY_SIZE, color=color, tex_environment="flushleft")


class FindSlopeAtPoint(NarratedScene):
    def construct(self) -> None:
        axes = graph_axes([-3.5, 3.5, 1], [-1, 11, 1], [5, 10])
        parabola = axes.plot(
            parabola_fn, x_range=[-3.25, 3.25], color=FUNCTION_COLOR, stroke_width=5
        )
        parabola_label = MathTex("y = x^2", font_size=HEADING_SIZE, color=FUNCTION_COLOR)

        tangents, contact_dots, slope_rows = {}, {}, {}
        for a in TANGENT_POINTS:
            tangents[a] = tangent_segment(
                axes, parabola_fn, parabola_slope_fn(a), a, TANGENT_LENGTH, 5
            )
            contact_dots[a] = Dot(axes.c2p(a, parabola_fn(a)), radius=0.09, color=POINT_COLOR)
            row = MathTex(
                f"x = {a}", r"\quad \text{slope}\ ", TANGENT_SLOPE_TEXT[a], font_size=BODY_SIZE
            )
            row[0].set_color(POINT_COLOR)
            row[1:].set_color(TANGENT_COLOR)
            slope_rows[a] = row
        header = column(parabola_label, *slope_rows.values())
        # The tangent at 3 reaches above the axes' top; keep it inside the title-safe frame.
        with self.beat("parabola_tangents") as beat:
            self.play(
                Create(axes), Create(parabola), Write(parabola_label), run_time=beat.until("at_0")
            )
            for a in TANGENT_POINTS:
                beat.wait_until(f"at_{a}")
                self.play(
                    FadeIn(contact_dots[a], scale=1.5),
                    Create(tangents[a]),
                    FadeIn(slope_rows[a], shift=0.2 * LEFT),
                    run_time=NORMAL,
                )

        # The tangent at x = 1 drawn long: a straight line, with slope triangles of run 1.
        long_line = axes.plot(line_fn, x_range=[0, 3.3], color=TANGENT_COLOR, stroke_width=5)
        triangles = VGroup()
        for a in TRIANGLE_STARTS:
            corner = axes.c2p(a + 1, line_fn(a))
            run = Line(axes.c2p(a, line_fn(a)), corner, color=MUTED_COLOR, stroke_width=3)
            rise = Line(
                corner, axes.c2p(a + 1, line_fn(a + 1)), color=TANGENT_COLOR, stroke_width=3
            )
            run_label = MathTex("1", font_size=SMALL_SIZE, color=MUTED_COLOR).next_to(
                run, DOWN, buff=0.1
            )
            rise_label = MathTex(TRIANGLE_RISE_TEXT[a], font_size=SMALL_SIZE, color=TANGENT_COLOR)
            # Low beside the rise: at mid-height it would crowd the next triangle's run label.
            rise_label.next_to(rise, RIGHT, buff=0.1).align_to(rise, DOWN)
            triangles.add(VGroup(run, rise, run_label, rise_label))
        line_note = words(
            f"Straight line:\\\\slope {STRAIGHT_LINE_SLOPE_TEXT} everywhere", TANGENT_COLOR
        )
        curve_note = words(r"Curve: a new slope\\at every point", FUNCTION_COLOR)
        notes = VGroup(line_note, curve_note).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        notes.next_to(header, DOWN, buff=0.6).align_to(header, LEFT)

        with self.beat("line_vs_curve") as beat:
            self.play(
                FadeOut(tangents[0]),
                FadeOut(tangents[3]),
                ReplacementTransform(tangents[1], long_line),
                run_time=NORMAL,
            )
            self.play(FadeIn(line_note), run_time=FAST)
            self.play(
                LaggedStart(*[Create(t) for t in triangles], lag_ratio=0.6),
                run_time=beat.until("curve_changes"),
            )
            self.play(
                FadeIn(curve_note),
                Indicate(VGroup(*slope_rows.values()), color=TANGENT_COLOR),
                run_time=NORMAL,
            )

        # The explorer: a point on the curve, its tangent, and live readouts of x and the slope.
        x_now = ValueTracker(float(RIGHT_STOP))
        current = {"f": parabola_fn, "slope": parabola_slope_fn, "axes": axes}

        def point_here() -> np.ndarray:
            a = x_now.get_value()
            return current["axes"].c2p(a, current["f"](a))

        probe = Dot(point_here(), radius=0.1, color=POINT_COLOR)
        probe.add_updater(lambda m: m.move_to(point_here()))

        def tangent_now() -> Line:
            x0 = x_now.get_value()
            return tangent_segment(
                current["axes"], current["f"], current["slope"](x0), x0, TANGENT_LENGTH, 5
            )

        probe_tangent = always_redraw(tangent_now)

        # The live tangent redraws itself every frame, so it cannot be animated in or out;
        # a still copy is animated instead and swapped with it.
        def reveal_tangent(*others: Animation) -> None:
            still = tangent_now()
            self.play(Create(still), *others, run_time=FAST)
            self.remove(still)
            probe_tangent.update()
            self.add(probe_tangent)
            self.bring_to_front(probe)

        def reveal_slope(hidden: Mobject) -> tuple[Animation, Animation]:
            # Bring the live number up to date first: its updater rebuilds its digits.
            slope_value.update()
            return FadeOut(hidden), FadeIn(slope_value)

        def hide_tangent(*others: Animation) -> None:
            self.remove(probe_tangent)
            self.play(FadeOut(tangent_now()), *others, run_time=FAST)

        x_readout = VGroup(
            MathTex("x =", font_size=HEADING_SIZE, color=POINT_COLOR),
            DecimalNumber(
                0, num_decimal_places=READOUT_PLACES, font_size=HEADING_SIZE, color=POINT_COLOR
            ),
        ).arrange(RIGHT, buff=0.2)
        slope_readout = VGroup(
            MathTex(r"\text{slope} =", font_size=HEADING_SIZE, color=TANGENT_COLOR),
            DecimalNumber(
                0, num_decimal_places=READOUT_PLACES, font_size=HEADING_SIZE, color=TANGENT_COLOR
            ),
        ).arrange(RIGHT, buff=0.2)
        column(x_readout, slope_readout, top=READOUT_TOP, buff=0.35)
        # Numbers stay left-anchored beside their labels as their width changes.
        x_value, slope_value = x_readout[1], slope_readout[1]
        x_anchor = x_value.get_left()
        slope_anchor = slope_value.get_left()
        x_value.add_updater(
            lambda m: m.set_value(x_now.get_value()).move_to(x_anchor, aligned_edge=LEFT)
        )
        slope_value.add_updater(
            lambda m: m.set_value(current["slope"](x_now.get_value())).move_to(
                slope_anchor, aligned_edge=LEFT
            )
        )

        def question_mark() -> MathTex:
            """Stands in for the slope until the viewer has predicted it."""
            return MathTex("?", font_size=HEADING_SIZE, color=TANGENT_COLOR).move_to(
                slope_anchor, aligned_edge=LEFT
            )

        hidden_slope = question_mark()

        def prompt(text: str) -> Tex:
            return column(words(text))[0]

        right_prompt = prompt(r"Right of the vertex:\\positive, negative\\or zero?")
        left_prompt = prompt(r"Left of the vertex:\\which sign?")
        slide_prompt = prompt(r"Slide toward $x = 0$:\\what happens?")

        with self.beat("predict_right") as beat:
            self.play(
                FadeOut(VGroup(long_line, triangles, notes, header, *contact_dots.values())),
                run_time=FAST,
            )
            self.play(
                FadeIn(probe, scale=1.5),
                FadeIn(x_readout),
                FadeIn(slope_readout[0]),
                FadeIn(hidden_slope),
                run_time=FAST,
            )
            self.play(FadeIn(right_prompt), run_time=FAST)
            beat.wait_until("answer")
            reveal_tangent(*reveal_slope(hidden_slope))

        hidden_slope = question_mark()
        with self.beat("predict_left") as beat:
            # Hide the answer before moving, so the readout does not give it away.
            hide_tangent(FadeOut(slope_value), FadeIn(hidden_slope), FadeOut(right_prompt))
            self.play(
                x_now.animate.set_value(float(LEFT_STOP)), FadeIn(left_prompt), run_time=2 * NORMAL
            )
            beat.wait_until("answer")
            reveal_tangent(*reveal_slope(hidden_slope))

        with self.beat("slide_to_vertex") as beat:
            self.play(FadeOut(left_prompt), FadeIn(slide_prompt), run_time=FAST)
            beat.wait_until("slide")
            self.play(
                x_now.animate.set_value(float(VERTEX)), run_time=beat.until(), rate_func=smooth
            )

        # Same explorer on x³: new axes, the point starts right of 0 and moves to 0.
        # A narrow x-range puts x = ±1 about 2.5 units from the y-axis, room for the labels of
        # f(±1) between the curve and the axis; the y-range is about x³ at the ends.
        cubic_end = 1.3
        cubic_axes = graph_axes([-cubic_end, cubic_end, 0.5], [-2.5, 2.5, 1], [-2, 2])
        cubic = cubic_axes.plot(
            cubic_fn, x_range=[-cubic_end, cubic_end], color=FUNCTION_COLOR, stroke_width=5
        )
        # The function's name sits on the graph, left of the curve's upper end, so the right
        # column has room for the question, the readouts and the derivative.
        cubic_label = MathTex("f(x) = x^3", font_size=HEADING_SIZE, color=FUNCTION_COLOR)
        cubic_label.next_to(cubic_axes.c2p(cubic_end, cubic_fn(cubic_end)), LEFT, buff=0.35)
        zero_prompt = prompt(r"Slope at $x = 0$:\\positive, negative\\or zero?")
        derivative_notes = column(
            MathTex(r"f'(x) = 3x^2", font_size=HEADING_SIZE, color=TANGENT_COLOR),
            MathTex(
                rf"f'({CUBIC_POINT}) = {CUBIC_SLOPE_TEXT}",
                font_size=HEADING_SIZE,
                color=TANGENT_COLOR,
            ),
            top=-1.4,
            buff=0.25,
        )
        hidden_slope = question_mark()

        with self.beat("cubic_at_zero") as beat:
            hide_tangent(
                FadeOut(slide_prompt), FadeOut(slope_value), FadeIn(hidden_slope), FadeOut(probe)
            )
            self.play(
                ReplacementTransform(axes, cubic_axes),
                ReplacementTransform(parabola, cubic),
                run_time=NORMAL,
            )
            current.update(f=cubic_fn, slope=cubic_slope_fn, axes=cubic_axes)
            x_now.set_value(float(CUBIC_START))
            self.play(FadeIn(probe, scale=1.5), Write(cubic_label), run_time=FAST)
            self.play(
                x_now.animate.set_value(float(CUBIC_POINT)),
                FadeIn(zero_prompt),
                run_time=2 * NORMAL,
            )
            beat.wait_until("answer")
            reveal_tangent(*reveal_slope(hidden_slope))
            self.play(FadeIn(derivative_notes), run_time=NORMAL)

        # Both sides of 0: the left side of x³ is lower, so a flat tangent here is no minimum.
        min_prompt = prompt(r"Is $x = 0$ the lowest\\point of $x^3$?")
        side_dots, side_labels = {}, {}
        for a in CUBIC_SIDES:
            side_dots[a] = Dot(cubic_axes.c2p(a, cubic_fn(a)), radius=0.09, color=TEXT_COLOR)
            side_labels[a] = MathTex(
                f"f({a}) = {CUBIC_SIDE_TEXT[a]}", font_size=LABEL_SIZE, color=TEXT_COLOR
            )
        # Each value sits in the empty space between its point and the y-axis, clear of the curve.
        side_labels[1].next_to(side_dots[1], UL, buff=0.15)
        side_labels[-1].next_to(side_dots[-1], DR, buff=0.15)
        left_half = cubic_axes.plot(
            cubic_fn, x_range=[-cubic_end, 0], color=HIGHLIGHT_COLOR, stroke_width=7
        )
        # Body size keeps the boxed line inside the title-safe frame; the box gives the emphasis.
        verdict = Tex(r"zero slope $\neq$ minimum", font_size=BODY_SIZE, color=HIGHLIGHT_COLOR)
        verdict_box = SurroundingRectangle(verdict, color=HIGHLIGHT_COLOR, buff=0.2)
        verdict_group = column(VGroup(verdict, verdict_box), top=READOUT_TOP)

        with self.beat("zero_not_minimum") as beat:
            self.play(FadeOut(zero_prompt), FadeIn(min_prompt), run_time=NORMAL)
            beat.wait_until("sides")
            self.play(
                FadeOut(VGroup(x_readout, slope_readout, derivative_notes)),
                FadeIn(side_dots[1]),
                FadeIn(side_labels[1]),
                run_time=FAST,
            )
            self.play(
                Create(left_half),
                FadeIn(side_dots[-1]),
                FadeIn(side_labels[-1]),
                run_time=2 * NORMAL,
            )
            self.bring_to_front(probe)
            beat.wait_until("verdict")
            self.play(FadeIn(verdict_group, scale=1.1), run_time=NORMAL)

"""The slope at a point: tangents to y = x², the curve zoomed until straight, Δy ≈ f′(x)·Δx, predictions of the slope's sign, and why f′(0) = 0 on x³ is no minimum."""

from __future__ import annotations

import sympy as sp
from manim import *

from mathreel import NarratedScene, plain_axes, play_countdown, redraw, show_value
from scenes.common.calculus import numeric
from scenes.common.drawing import tangent_segment
from scenes.common.style import (
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
    THEME,
)
from scenes.common.zoom import close_up, window_box, window_marker
from scenes.slope_at_a_point_figures import (
    CUBIC,
    CUBIC_NEAR_TEXT,
    CUBIC_NEAR_VALUE_TEXT,
    CUBIC_POINT,
    CUBIC_SIDE_TEXT,
    CUBIC_SIDES,
    CUBIC_SLOPE,
    CUBIC_SLOPE_TEXT,
    CUBIC_START,
    EDGE_GAP_TEXT,
    HALF_WIDTHS,
    LEFT_STOP,
    PARABOLA,
    PARABOLA_SLOPE,
    PREDICTION_PAUSE,
    READOUT_PLACES,
    RIGHT_STOP,
    SLIDE_SLOPE_TEXT,
    STEP_AT,
    STEP_CHANGE_TEXT,
    STEP_SLOPE_TEXT,
    STEP_SLOPES,
    STEP_TEXT,
    STRAIGHT_LINE,
    STRAIGHT_LINE_SLOPE_TEXT,
    TANGENT_POINTS,
    TANGENT_SLOPE_TEXT,
    TANGENT_SLOPES,
    TRIANGLE_RISE_TEXT,
    TRIANGLE_STARTS,
    VERTEX,
    ZOOM_FACTORS,
    ZOOM_POINT,
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
#: Where the countdown ring sits during a prediction pause (bottom of the right column).
COUNTDOWN_CENTRE = np.array([5.1, -2.2, 0])
#: Tangent segments have the same length on screen wherever they touch.
TANGENT_LENGTH = 2.6
#: The close-up beside the graph: its size and centre.
CLOSE_UP_SIZE = (4.2, 4.0)
CLOSE_UP_CENTRE = np.array([4.05, 0.55, 0])
#: The step diagrams: an on-screen run standing for Δx (rise drawn at the same scale).
STEP_RUN = 0.8


def graph_axes(x_range: list[float], y_range: list[float], y_numbers: list[float]) -> Axes:
    """The house's plain axes, numbered (x at the whole numbers in range but 0, y at ``y_numbers``)."""
    return plain_axes(
        x_range,
        y_range,
        (6.4, 6.2),
        GRAPH_CENTER,
        THEME,
        axis_config={"font_size": SMALL_SIZE},
        x_axis_config={
            "numbers_to_include": [
                n for n in range(-3, 4) if n != 0 and x_range[0] <= n <= x_range[1]
            ],
            "decimal_number_config": {"num_decimal_places": 0},
        },
        y_axis_config={"numbers_to_include": y_numbers},
    )


def column(*mobs: Mobject, top: float = PROMPT_TOP, buff: float = 0.45) -> VGroup:
    """Stack ``mobs`` in the right-hand column, left-aligned, from ``top`` down."""
    group = VGroup(*mobs).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    group.align_to([COLUMN_LEFT, top, 0], UL)
    return group


def words(text: str, color: str = TEXT_COLOR, size: float = BODY_SIZE) -> Tex:
    """Prose with inline math in the right column (LaTeX, so $x = 0$ matches the graph's type)."""
    return Tex(text, font_size=size, color=color, tex_environment="flushleft")


def words_over_math(
    text: str, text_color: str, tex: str, tex_color: str, top: float, buff: float = 0.45
) -> VGroup:
    """A remark in words over the formula it is about, in the right column from ``top``."""
    return column(
        words(text, text_color),
        MathTex(tex, font_size=HEADING_SIZE, color=tex_color),
        top=top,
        buff=buff,
    )


def step_diagram(slope: int, centre: np.ndarray) -> VGroup:
    """A step of Δx along a tangent of ``slope``, rise drawn to the run's scale, with its labels."""
    rise = slope * STEP_RUN
    start = centre - np.array([STEP_RUN / 2, rise / 2, 0])
    corner = start + np.array([STEP_RUN, 0, 0])
    end = corner + np.array([0, rise, 0])
    along = (end - start) / np.linalg.norm(end - start)
    line = Line(start - 0.6 * along, end + 0.6 * along, color=TANGENT_COLOR, stroke_width=5)
    run = Line(start, corner, color=MUTED_COLOR, stroke_width=3)
    rise_leg = Line(corner, end, color=TANGENT_COLOR, stroke_width=3)
    point = Dot(start, radius=0.09, color=POINT_COLOR)
    # On the run's far side from the rise, starting right of the point: clear of the tangent,
    # which leaves the point on the left.
    run_label = MathTex(rf"\Delta x = {STEP_TEXT}", font_size=SMALL_SIZE, color=MUTED_COLOR)
    run_label.next_to(run, DOWN if slope > 0 else UP, buff=0.15).align_to(start, LEFT)
    run_label.shift(0.15 * RIGHT)
    rise_label = MathTex(
        rf"\Delta y \approx {STEP_CHANGE_TEXT[slope]}", font_size=BODY_SIZE, color=TANGENT_COLOR
    ).next_to(rise_leg, RIGHT, buff=0.2)
    title = MathTex(
        rf"f'({STEP_AT}) = {STEP_SLOPE_TEXT[slope]}", font_size=HEADING_SIZE, color=TANGENT_COLOR
    ).move_to([centre[0], 2.0, 0])
    return VGroup(title, line, run, rise_leg, point, run_label, rise_label)


class FindSlopeAtPoint(NarratedScene):
    def construct(self) -> None:
        self.axes = graph_axes([-3.5, 3.5, 1], [-1, 11, 1], [5, 10])
        self.parabola = self.axes.plot(
            parabola_fn, x_range=[-3.25, 3.25], color=FUNCTION_COLOR, stroke_width=5
        )
        self.tangents_on_the_parabola()
        self.zoom_until_straight()
        self.small_step()
        self.explore_the_parabola()
        self.cubic_at_zero()

    def countdown(self, beat) -> None:
        """The ring that counts the prediction pause down; it is cleared with the answer."""
        self.countdown_parts = play_countdown(
            self, beat, PREDICTION_PAUSE, "times_up", COUNTDOWN_CENTRE, theme=THEME
        )

    # -- x²: three tangents, a line's one slope ---------------------------------------------------
    def tangents_on_the_parabola(self) -> None:
        axes, parabola = self.axes, self.parabola
        parabola_label = MathTex("y = x^2", font_size=HEADING_SIZE, color=FUNCTION_COLOR)
        tangents, contact_dots, slope_rows = {}, {}, {}
        for a in TANGENT_POINTS:
            tangents[a] = tangent_segment(
                axes, parabola_fn, float(TANGENT_SLOPES[a]), a, TANGENT_LENGTH, 5
            )
            contact_dots[a] = Dot(axes.c2p(a, parabola_fn(a)), radius=0.09, color=POINT_COLOR)
            row = MathTex(
                f"x = {a}", r"\quad \text{slope}\ ", TANGENT_SLOPE_TEXT[a], font_size=BODY_SIZE
            )
            row[0].set_color(POINT_COLOR)
            row[1:].set_color(TANGENT_COLOR)
            slope_rows[a] = row
        header = column(parabola_label, *slope_rows.values())
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
        self.long_line = axes.plot(line_fn, x_range=[0, 3.3], color=TANGENT_COLOR, stroke_width=5)
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
                ReplacementTransform(tangents[ZOOM_POINT], self.long_line),
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
        self.contact_dot = contact_dots[ZOOM_POINT]
        self.right_column = VGroup(header, notes)
        self.triangles = triangles
        self.other_dots = VGroup(*(d for a, d in contact_dots.items() if a != ZOOM_POINT))

    # -- zoom until straight ----------------------------------------------------------------------
    def zoom_until_straight(self) -> None:
        """Windows around x = 1, each re-plotted: the curve straightens into its tangent."""
        axes = self.axes
        slope = parabola_slope_fn(ZOOM_POINT)
        # log10 of the zoom factor: 0, 1, 2 at the stops; the window's half-width follows it.
        zoom_power = ValueTracker(0.0)

        def half_width() -> float:
            return float(HALF_WIDTHS[ZOOM_FACTORS[0]]) * 10 ** -zoom_power.get_value()

        frame = Rectangle(
            width=CLOSE_UP_SIZE[0], height=CLOSE_UP_SIZE[1], color=MUTED_COLOR, stroke_width=2
        ).move_to(CLOSE_UP_CENTRE)
        # The curve straightens alone; the tangent (and its gap to the curve) is laid on it after.
        tangent_shown = ValueTracker(0.0)

        def zoomed() -> VGroup:
            view = close_up(parabola_fn, slope, ZOOM_POINT, half_width(), frame)
            for part in (view.tangent, view.gap):
                part.set_stroke(opacity=tangent_shown.get_value())
            # Laid under the curve, wider: both stay in sight where they coincide.
            view.tangent.set_stroke(width=10)
            view.remove(view.tangent)
            view.add_to_back(view.tangent)
            return view

        view = redraw(zoomed)
        marker = redraw(
            lambda: window_marker(axes, window_box(parabola_fn, slope, ZOOM_POINT, half_width()))
        )
        factor = Integer(ZOOM_FACTORS[0], font_size=HEADING_SIZE, color=TEXT_COLOR)
        zoom_label = VGroup(
            Tex("zoom", font_size=HEADING_SIZE, color=TEXT_COLOR),
            MathTex(r"\times", font_size=HEADING_SIZE, color=TEXT_COLOR),
            factor,
        ).arrange(RIGHT, buff=0.15)
        zoom_label.next_to(frame, UP, buff=0.3).align_to(frame, LEFT)
        factor_anchor = factor.get_left()
        factor.add_updater(
            lambda m: m.set_value(round(10 ** zoom_power.get_value())).move_to(
                factor_anchor, aligned_edge=LEFT
            )
        )

        def gap_label(zoom: int) -> VGroup:
            label = VGroup(
                Tex("gap at the edge:", font_size=LABEL_SIZE, color=HIGHLIGHT_COLOR),
                MathTex(EDGE_GAP_TEXT[zoom], font_size=LABEL_SIZE, color=HIGHLIGHT_COLOR),
            ).arrange(RIGHT, buff=0.2)
            return label.next_to(frame, DOWN, buff=0.25).align_to(frame, LEFT)

        gaps = {z: gap_label(z) for z in ZOOM_FACTORS}
        up_close = words(r"the tangent:\\the curve, up close", TANGENT_COLOR)
        up_close.next_to(gaps[ZOOM_FACTORS[-1]], DOWN, buff=0.3).align_to(frame, LEFT)

        with self.beat("zoom_until_straight") as beat:
            self.play(
                FadeOut(self.right_column),
                FadeOut(self.triangles),
                FadeOut(self.other_dots),
                run_time=FAST,
            )
            self.play(
                Create(frame),
                FadeIn(marker),
                FadeIn(view),
                FadeIn(zoom_label),
                run_time=beat.until("ten"),
            )
            for zoom, mark in zip(ZOOM_FACTORS[1:], ("ten", "hundred"), strict=True):
                beat.wait_until(mark)
                self.play(zoom_power.animate.set_value(np.log10(zoom)), run_time=1.5 * NORMAL)
            beat.wait_until("lay")
            self.play(
                tangent_shown.animate.set_value(1.0),
                FadeIn(gaps[ZOOM_FACTORS[-1]]),
                run_time=NORMAL,
            )
            beat.wait_until("tangent")
            self.play(FadeIn(up_close, shift=0.2 * UP), run_time=NORMAL)
        factor.clear_updaters()
        self.zoom_parts = VGroup(frame, view, marker, zoom_label, gaps[ZOOM_FACTORS[-1]], up_close)

    # -- Δy ≈ f′(x)·Δx ----------------------------------------------------------------------------
    def small_step(self) -> None:
        formula = MathTex(
            r"\Delta y \approx f'(x)\,\Delta x", font_size=HEADING_SIZE + 6, color=TEXT_COLOR
        )
        formula.move_to([0, 3.0, 0])
        diagrams = {
            s: step_diagram(s, np.array([x, -0.55, 0]))
            for s, x in zip(STEP_SLOPES, (-3.6, 2.4), strict=True)
        }
        meaning = Tex(
            r"sign: direction \qquad size: steepness", font_size=BODY_SIZE, color=HIGHLIGHT_COLOR
        ).move_to([0, -3.15, 0])
        graph = VGroup(self.axes, self.parabola, self.long_line, self.contact_dot)
        # A step of 0.01 would be invisible: the diagrams are magnified, both legs alike.
        scale_note = Tex(
            r"magnified: $\Delta x$ and $\Delta y$ drawn to one scale",
            font_size=SMALL_SIZE,
            color=MUTED_COLOR,
        ).move_to([0, -2.5, 0])

        with self.beat("small_step") as beat:
            self.play(FadeOut(graph), FadeOut(self.zoom_parts), run_time=FAST)
            self.play(Write(formula), FadeIn(scale_note), run_time=beat.until("plus"))
            self.play(FadeIn(diagrams[STEP_SLOPES[0]], lag_ratio=0.1), run_time=2 * NORMAL)

        with self.beat("sign_and_size") as beat:
            self.play(
                FadeIn(diagrams[STEP_SLOPES[1]], lag_ratio=0.1), run_time=beat.until("meaning")
            )
            self.play(FadeIn(meaning, shift=0.2 * UP), run_time=NORMAL)
        self.step_parts = VGroup(formula, scale_note, *diagrams.values(), meaning)

    # -- predictions on x² ------------------------------------------------------------------------
    def explore_the_parabola(self) -> None:
        """A point on the curve, its tangent, and live readouts of x and the slope."""
        self.x_now = ValueTracker(float(RIGHT_STOP))
        self.current = {"f": parabola_fn, "slope": parabola_slope_fn, "axes": self.axes}

        def point_here() -> np.ndarray:
            a = self.x_now.get_value()
            return self.current["axes"].c2p(a, self.current["f"](a))

        self.probe = Dot(point_here(), radius=0.1, color=POINT_COLOR)
        self.probe.add_updater(lambda m: m.move_to(point_here()))
        self.probe_tangent = redraw(self.tangent_now)

        self.x_readout = VGroup(
            MathTex("x =", font_size=HEADING_SIZE, color=POINT_COLOR),
            DecimalNumber(
                0, num_decimal_places=READOUT_PLACES, font_size=HEADING_SIZE, color=POINT_COLOR
            ),
        ).arrange(RIGHT, buff=0.2)
        self.slope_readout = VGroup(
            MathTex(r"\text{slope} =", font_size=HEADING_SIZE, color=TANGENT_COLOR),
            DecimalNumber(
                0, num_decimal_places=READOUT_PLACES, font_size=HEADING_SIZE, color=TANGENT_COLOR
            ),
        ).arrange(RIGHT, buff=0.2)
        column(self.x_readout, self.slope_readout, top=READOUT_TOP, buff=0.35)
        # Numbers stay left-anchored beside their labels as their width changes.
        x_value, self.slope_value = self.x_readout[1], self.slope_readout[1]
        x_anchor = x_value.get_left()
        self.slope_anchor = self.slope_value.get_left()
        x_value.add_updater(
            lambda m: show_value(m, self.x_now.get_value()).move_to(x_anchor, aligned_edge=LEFT)
        )
        self.slope_value.add_updater(
            lambda m: show_value(m, self.current["slope"](self.x_now.get_value())).move_to(
                self.slope_anchor, aligned_edge=LEFT
            )
        )

        def prompt(text: str) -> Tex:
            return column(words(text))[0]

        right_prompt = prompt(r"Right of the vertex:\\positive, negative\\or zero?")
        left_prompt = prompt(r"Left of the vertex:\\which sign?")
        # One reading: the signed value (it rises), not its size (which shrinks).
        self.slide_prompt = prompt(
            r"Toward the vertex, does\\the slope's value rise,\\fall, or stay the same?"
        )
        hidden_slope = self.question_mark()

        with self.beat("predict_right") as beat:
            self.play(FadeOut(self.step_parts), run_time=FAST)
            self.play(FadeIn(self.axes), FadeIn(self.parabola), run_time=FAST)
            self.play(
                FadeIn(self.probe, scale=1.5),
                FadeIn(self.x_readout),
                FadeIn(self.slope_readout[0]),
                FadeIn(hidden_slope),
                FadeIn(right_prompt),
                run_time=FAST,
            )
            self.countdown(beat)

        with self.beat("right_answer"):
            self.answer(hidden_slope)

        hidden_slope = self.question_mark()
        with self.beat("predict_left") as beat:
            # Hide the answer before moving, so the readout does not give it away.
            self.hide_tangent(
                FadeOut(self.slope_value), FadeIn(hidden_slope), FadeOut(right_prompt)
            )
            self.ask_at(beat, LEFT_STOP, left_prompt)

        with self.beat("left_answer"):
            self.answer(hidden_slope)

        with self.beat("slide_to_vertex") as beat:
            self.play(FadeOut(left_prompt), FadeIn(self.slide_prompt), run_time=FAST)
            self.countdown(beat)

        # Coming from the left the slope rises, negative to zero, while its size shrinks.
        slide_note = words(
            rf"rises from ${SLIDE_SLOPE_TEXT[0]}$ to ${SLIDE_SLOPE_TEXT[1]}$:\\"
            r"steepness shrinks",
            TANGENT_COLOR,
        )
        slide_note.next_to(self.slope_readout, DOWN, buff=0.6).align_to(self.slope_readout, LEFT)

        # The slope traced as a height while the point slides: f′(x) = 2x drawn under the voice's
        # "rises from −3 to 0", in place of the answered question. No numbers: the live readouts
        # beside it give them (numbers at ±1 would sit on the trace).
        inset = plain_axes(
            [-2, 2, 1],
            [-4, 4, 2],
            (3.4, 1.5),
            None,
            THEME,
        )
        inset_label = MathTex(
            rf"\text{{slope: }} f'(x) = {sp.latex(PARABOLA_SLOPE)}",
            font_size=LABEL_SIZE,
            color=TANGENT_COLOR,
        )
        inset_label.align_to([COLUMN_LEFT, PROMPT_TOP, 0], UL)
        inset.next_to(inset_label, DOWN, buff=0.1).align_to([COLUMN_LEFT + 0.5, 0, 0], LEFT)
        start_x = self.x_now.get_value()

        def traced() -> VGroup:
            here = self.x_now.get_value()
            line = Line(
                inset.c2p(start_x, parabola_slope_fn(start_x)),
                inset.c2p(here, parabola_slope_fn(here)),
                color=TANGENT_COLOR,
                stroke_width=4,
            )
            dot = Dot(inset.c2p(here, parabola_slope_fn(here)), radius=0.07, color=POINT_COLOR)
            return VGroup(line, dot)

        trace = redraw(traced)

        with self.beat("slide_answer") as beat:
            self.play(
                FadeOut(self.countdown_parts),
                FadeOut(self.slide_prompt),
                FadeIn(inset),
                FadeIn(inset_label),
                run_time=FAST,
            )
            self.add(trace)
            self.play(
                self.x_now.animate.set_value(float(VERTEX)),
                FadeIn(slide_note),
                run_time=beat.until(),
                rate_func=smooth,
            )
            trace.clear_updaters()
        self.slide_note = slide_note
        # What the next beat clears in the question's place.
        self.slide_prompt = VGroup(inset, inset_label, trace)

    def ask_at(self, beat, x_value: float, prompt: Mobject) -> None:
        """Move the point to ``x_value`` as the question appears, then count the pause down."""
        self.play(self.x_now.animate.set_value(float(x_value)), FadeIn(prompt), run_time=2 * NORMAL)
        self.countdown(beat)

    def answer(self, hidden_slope: Mobject) -> None:
        """Clear the countdown; show the tangent and the slope the question mark stood for."""
        self.reveal_tangent(FadeOut(self.countdown_parts), *self.reveal_slope(hidden_slope))

    def tangent_now(self) -> Line:
        x0 = self.x_now.get_value()
        return tangent_segment(
            self.current["axes"],
            self.current["f"],
            self.current["slope"](x0),
            x0,
            TANGENT_LENGTH,
            5,
        )

    def reveal_tangent(self, *others: Animation) -> None:
        """Draw the tangent at the point, then hand over to the live one that follows the point.

        The live tangent redraws itself every frame, so it cannot be animated in or out; a still
        copy is animated instead and swapped with it."""
        still = self.tangent_now()
        self.play(Create(still), *others, run_time=FAST)
        self.remove(still)
        self.probe_tangent.update()
        self.add(self.probe_tangent)
        self.bring_to_front(self.probe)

    def hide_tangent(self, *others: Animation) -> None:
        self.remove(self.probe_tangent)
        self.play(FadeOut(self.tangent_now()), *others, run_time=FAST)

    def reveal_slope(self, hidden: Mobject) -> tuple[Animation, Animation]:
        # Bring the live number up to date first: its updater rebuilds its digits.
        self.slope_value.update()
        return FadeOut(hidden), FadeIn(self.slope_value)

    def question_mark(self) -> MathTex:
        """Stands in for the slope until the viewer has predicted it."""
        return MathTex("?", font_size=HEADING_SIZE, color=TANGENT_COLOR).move_to(
            self.slope_anchor, aligned_edge=LEFT
        )

    # -- x³ at 0 ----------------------------------------------------------------------------------
    def cubic_at_zero(self) -> None:
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
        zero_prompt = column(words(r"Slope at $x = 0$:\\positive, negative\\or zero?"))[0]
        # Said from the picture: the power rule (3x²) is not taught until a later scene.
        derivative_notes = words_over_math(
            r"flat tangent:\\the $x$-axis itself",
            TANGENT_COLOR,
            rf"f'({CUBIC_POINT}) = {CUBIC_SLOPE_TEXT}",
            TANGENT_COLOR,
            top=-1.4,
            buff=0.25,
        )
        hidden_slope = self.question_mark()

        with self.beat("cubic_at_zero") as beat:
            self.hide_tangent(
                FadeOut(self.slide_prompt),
                FadeOut(self.slide_note),
                FadeOut(self.slope_value),
                FadeIn(hidden_slope),
                FadeOut(self.probe),
            )
            self.play(
                ReplacementTransform(self.axes, cubic_axes),
                ReplacementTransform(self.parabola, cubic),
                run_time=NORMAL,
            )
            self.current.update(f=cubic_fn, slope=cubic_slope_fn, axes=cubic_axes)
            self.x_now.set_value(float(CUBIC_START))
            self.play(FadeIn(self.probe, scale=1.5), Write(cubic_label), run_time=FAST)
            self.ask_at(beat, CUBIC_POINT, zero_prompt)

        with self.beat("cubic_answer"):
            self.answer(hidden_slope)
            self.play(FadeIn(derivative_notes), run_time=NORMAL)

        # Both sides of 0: the left side of x³ is lower, so a flat tangent here is no minimum.
        min_prompt = column(words(r"Is $x = 0$ a minimum\\of $x^3$, even locally?"))[0]
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
        # Body size keeps the boxed lines inside the title-safe frame; the box gives the emphasis.
        verdict = words(r"zero slope, yet not even\\a local minimum", HIGHLIGHT_COLOR)
        verdict_box = SurroundingRectangle(verdict, color=HIGHLIGHT_COLOR, buff=0.2)
        # Not even locally: every x left of 0, however close, is lower (the picture's whole
        # highlighted left half), e.g. just left of 0.
        near_note = words_over_math(
            r"every $x < 0$ is lower:",
            HIGHLIGHT_COLOR,
            rf"f({CUBIC_NEAR_TEXT}) = {CUBIC_NEAR_VALUE_TEXT}",
            TEXT_COLOR,
            top=READOUT_TOP,
            buff=0.25,
        )
        verdict_group = column(VGroup(verdict, verdict_box), top=near_note.get_bottom()[1] - 0.45)

        with self.beat("lowest_point") as beat:
            self.play(FadeOut(zero_prompt), FadeIn(min_prompt), run_time=NORMAL)
            self.countdown(beat)

        with self.beat("zero_not_minimum") as beat:
            self.play(
                FadeOut(self.countdown_parts),
                FadeOut(VGroup(self.x_readout, self.slope_readout, derivative_notes)),
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
            self.bring_to_front(self.probe)
            beat.wait_until("near")
            self.play(FadeIn(near_note, shift=UP * 0.2), run_time=NORMAL)
            beat.wait_until("verdict")
            self.play(FadeIn(verdict_group, scale=1.1), run_time=NORMAL)

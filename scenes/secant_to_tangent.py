"""The secant through (1, 1) on y = x² turns into the tangent; then the limit definition of f′(x)."""

from __future__ import annotations

import numpy as np
from manim import *

from mathreel import NarratedScene, plain_axes, redraw
from scenes.common.calculus import numeric
from scenes.common.style import (
    AXES_COLOR,
    BODY_SIZE,
    FUNCTION_COLOR,
    HEADING_SIZE,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    MUTED_COLOR,
    POINT_COLOR,
    SECANT_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
    THEME,
)
from scenes.secant_to_tangent_figures import (
    ALGEBRA,
    FINEST_PIXEL_WIDTH,
    GENERAL_GAP,
    LIMIT,
    SECOND_POINT_TEX,
    SECOND_POINTS,
    X0,
    X_LENGTH,
    X_RANGE,
    Y_LENGTH,
    Y_RANGE,
    F,
    clipped_line,
    gap_in_pixels,
    left_row,
    plus_gap_parts,
    quotient_at_zero,
    screen_units_per_step,
    secant_rows,
    secant_slope_readout,
)

# The narration says the last second point is within a pixel of the first; refuse to render a
# picture where that is false.
assert gap_in_pixels(SECOND_POINTS[-1], FINEST_PIXEL_WIDTH) < 1

f = numeric(F)
slope_for_gap = secant_slope_readout()
X0_F = float(X0)
ROWS = secant_rows()
#: The source's rows (second points right of 1), then one from the left.
ALL_ROWS = [*ROWS, left_row()]
LEFT_INDEX = len(ROWS)
ROW_PARTS = [plus_gap_parts(row) for row in ALL_ROWS]
#: Height of one table row: six stacked fractions fit above the limit and the verdict.
ROW_PITCH = 0.85
#: Where the table's columns sit (manim units): the x column's centre, every row's "=".
COL_X, EQ_X = 0.95, 4.75
#: After the algebra the table closes up (single-line rows) to make room for the formula below it.
COMPACT_TOP, COMPACT_PITCH = 2.4, 0.6
FORMULA_Y, VERDICT_Y = -1.95, -3.1
#: The boxed definition: large enough that its "h -> 0" subscript (LaTeX sets it at 70 %) stays
#: near the 36 pt floor.
DEFINITION_SIZE = HEADING_SIZE + 6


class SecantBecomesTangent(NarratedScene):
    def construct(self) -> None:
        axes = plain_axes(
            [X_RANGE[0], X_RANGE[1], 1],
            [Y_RANGE[0], Y_RANGE[1], 1],
            (X_LENGTH, Y_LENGTH),
            None,
            THEME,
        )
        axes.x_axis.add_numbers(font_size=SMALL_SIZE, num_decimal_places=0)
        axes.y_axis.add_numbers(font_size=SMALL_SIZE, num_decimal_places=0)
        # Origin placed so tick numbers and the later "x + h" label stay inside the title-safe area.
        axes.shift(np.array([-5.75, -2.95, 0]) - axes.c2p(0, 0))
        # add_numbers returns the axis itself: take the numbers out as their own group, so fading
        # them for the general case leaves the axis (and its ticks) on screen.
        x_numbers = axes.x_axis.numbers
        axes.x_axis.remove(x_numbers)
        curve = axes.plot(f, x_range=[X_RANGE[0], float(np.sqrt(Y_RANGE[1]))], color=FUNCTION_COLOR)
        curve_label = MathTex("y = x^2", color=FUNCTION_COLOR, font_size=BODY_SIZE).move_to(
            axes.c2p(0.55, 3.9)
        )

        # The second point's x drives the secant, its dot and (later) the rise/run guides.
        x2 = ValueTracker(float(SECOND_POINTS[0]))

        def second_point() -> tuple[float, float]:
            return x2.get_value(), f(x2.get_value())

        def secant_line() -> Line:
            gap = x2.get_value() - X0_F
            if abs(gap) < 1e-6:  # passing through x = 1 between sides: no secant, keep its slope
                gap = 1e-6
            slope = (f(x2.get_value()) - f(X0_F)) / gap  # through the two actual points
            return line_through_point(axes, slope, SECANT_COLOR, stroke_width=4)

        secant = redraw(secant_line)
        second_dot = redraw(lambda: Dot(axes.c2p(*second_point()), radius=0.08, color=SECANT_COLOR))
        point = Dot(axes.c2p(X0_F, f(X0_F)), radius=0.09, color=POINT_COLOR)
        point_label = MathTex("(1, 1)", color=POINT_COLOR, font_size=LABEL_SIZE).next_to(
            point, UL, buff=0.12
        )

        table = self.secant_table()

        with self.beat("first_secant") as beat:
            self.add(axes, x_numbers)
            self.play(Create(curve), Write(curve_label), run_time=min(2.0, beat.until()))
            self.play(FadeIn(point, scale=0.5), Write(point_label))
            beat.wait_until("second_point")
            self.play(FadeIn(second_dot, scale=0.5))
            # the studied point stays visible as the second one lands on it
            self.bring_to_front(point)
            beat.wait_until("secant")
            self.play(Create(secant), run_time=1.0)
            self.play(FadeIn(table["header"]))
            beat.wait_until("slope")
            self.play(Write(table["rows"][0]), run_time=1.5)

        with self.beat("move_closer") as beat:
            for index, mark in ((1, "row_two"), (2, "row_three")):
                self.move_second_point(x2, index, table, run_time=beat.until(mark))

        tangent = self.tangent_line(axes)
        with self.beat("within_a_pixel") as beat:
            beat.wait_until("row_four")
            self.move_second_point(x2, 3, table, run_time=1.5)
            beat.wait_until("row_five")
            self.move_second_point(x2, 4, table, run_time=1.5)
            beat.wait_until("tangent")
            # The secant is now indistinguishable from the tangent: draw the tangent over it.
            self.play(Create(tangent), run_time=1.5)
            self.bring_to_front(point)

        with self.beat("converge") as beat:
            slopes = VGroup(*(row[1][2] for row in table["rows"][:LEFT_INDEX]))
            self.play(
                LaggedStart(*(Indicate(s, color=SECANT_COLOR, scale_factor=1.15) for s in slopes)),
                run_time=1.5,
            )
            # From the left: h < 0, and the slope closes in on 2 from below.
            beat.wait_until("left")
            self.play(x2.animate.set_value(float(ALL_ROWS[LEFT_INDEX].x2)), run_time=1.5)
            self.bring_to_front(point)
            self.play(Write(table["rows"][LEFT_INDEX]), run_time=1.2)
            self.play(Write(table["limit"]))
            beat.wait_until("why")
            self.play(FadeIn(table["question"]))

        # The algebra: the arithmetic column gives way to h, and the table closes up to make room.
        algebra = self.algebra_pieces(table)
        with self.beat("algebra") as beat:
            self.play(
                *(FadeOut(row[1][0]) for row in table["rows"]),
                *(
                    VGroup(row[0], row[1][1:]).animate.shift(UP * shift)
                    for row, shift in zip(table["rows"], algebra["row_shifts"], strict=True)
                ),
                table["limit"].animate.shift(UP * algebra["row_shifts"][-1]),
                Transform(table["header"][0][0], algebra["header"]),
                run_time=1.5,
            )
            beat.wait_until("quotient")
            formula = algebra["formula"]
            self.play(Write(formula[0]), run_time=1.5)
            beat.wait_until("simplify")
            self.play(Write(formula[1:3]), run_time=1.2)
            self.play(Write(formula[3:]), FadeIn(algebra["condition"]))

        with self.beat("every_row") as beat:
            beat.wait_until("rows")
            self.play(
                LaggedStart(*(Write(p) for p in algebra["plus_rows"]), lag_ratio=0.5),
                run_time=beat.until(),
            )

        with self.beat("exactly_two") as beat:
            twos = VGroup(formula[4], *(p[0] for p in algebra["plus_rows"]))
            # h -> 0: the part that shrinks with h fades; the 2 that stays is the derivative.
            self.play(
                formula[5:].animate.set_opacity(0.3),
                LaggedStart(*(Indicate(t, color=TANGENT_COLOR) for t in twos), lag_ratio=0.15),
                run_time=min(2.0, beat.until("exact")),
            )
            beat.wait_until("exact")
            self.play(ReplacementTransform(table["question"], table["exact"]))

        # The general case: the point is any x now, so the numbered axis gives way to x and x + h.
        general_label = MathTex("y = f(x)", color=FUNCTION_COLOR, font_size=BODY_SIZE).move_to(
            curve_label, aligned_edge=LEFT
        )
        with self.beat("general_gap") as beat:
            self.play(
                FadeOut(algebra["on_screen"]),
                FadeOut(tangent),
                FadeOut(point_label),
                FadeOut(x_numbers),
                # The voice now speaks of any x and any f: the label says so too.
                Transform(curve_label, general_label),
                run_time=1.0,
            )
            self.play(x2.animate.set_value(float(X0 + GENERAL_GAP)), run_time=1.0)
            guides = self.gap_guides(axes, x2)
            self.play(FadeIn(guides["run"]), FadeIn(guides["x_label"]), FadeIn(guides["drops"]))
            beat.wait_until("second")
            self.play(FadeIn(guides["x2_label"]))
            beat.wait_until("rise")
            self.play(FadeIn(guides["rise"]))
            quotient = MathTex(
                r"\text{slope} = {f(x+h) - f(x) \over h}",
                font_size=BODY_SIZE + 4,
                color=TEXT_COLOR,
            ).move_to(RIGHT * 3.6 + UP * 2.3)
            quotient[0][:5].set_color(SECANT_COLOR)
            beat.wait_until("quotient")
            self.play(Write(quotient))

        with self.beat("zero_over_zero") as beat:
            rise0, run0 = quotient_at_zero()
            beat.wait_until("collapse")
            # h = 0: the two dots merge and the secant has no second point to pass through.
            second_dot.clear_updaters()
            self.play(
                FadeOut(guides["rise"]),
                FadeOut(guides["run"]),
                FadeOut(guides["x2_label"]),
                FadeOut(guides["drops"]),
                FadeOut(secant),
                second_dot.animate.move_to(point),
                run_time=1.5,
            )
            # Through one point, every tilt is possible: a fan of lines, none of them singled out.
            fan = VGroup(
                *(
                    line_through_point(axes, slope, MUTED_COLOR, stroke_width=2)
                    for slope in fan_slopes()
                )
            )
            beat.wait_until("fan")
            self.play(LaggedStart(*(Create(line) for line in fan), lag_ratio=0.15), run_time=1.5)
            self.bring_to_front(second_dot, point)
            zero = MathTex(
                rf"h = 0:\quad {{f(x) - f(x) \over 0}} = {{{rise0} \over {run0}}}",
                font_size=BODY_SIZE + 4,
                color=TEXT_COLOR,
            ).next_to(quotient, DOWN, buff=0.7)
            # under the 0/0 it describes
            no_value = Tex("no value", font_size=LABEL_SIZE, color=MUTED_COLOR)
            no_value.next_to(zero, DOWN, buff=0.3).align_to(zero, RIGHT)
            beat.wait_until("zero")
            self.play(Write(zero))
            self.play(FadeIn(no_value))

        with self.beat("take_the_limit") as beat:
            self.play(FadeOut(zero), FadeOut(no_value), FadeOut(quotient), FadeOut(fan))
            definition = MathTex(
                r"f'(x)",
                r"= \lim_{h \to 0} {f(x+h) - f(x) \over h}",
                font_size=DEFINITION_SIZE,
                color=TEXT_COLOR,
            )
            definition.move_to(UP * 2.2).to_edge(RIGHT, buff=1.0)
            definition[0].set_color(TANGENT_COLOR)
            box = SurroundingRectangle(definition, color=HIGHLIGHT_COLOR, buff=0.2)
            beat.wait_until("formula")
            self.play(Write(definition), run_time=2.0)
            self.play(Create(box))

        with self.beat("swing_to_tangent") as beat:
            # Re-open the gap, then shrink it geometrically so every decade of h gets equal time.
            x2.set_value(float(X0 + GENERAL_GAP))
            second_dot.add_updater(lambda d: d.move_to(axes.c2p(*second_point())))
            secant = redraw(secant_line)
            readout = self.gap_readout(x2).next_to(box, DOWN, buff=0.6)
            self.play(
                FadeIn(secant),
                FadeIn(readout),
                second_dot.animate.move_to(axes.c2p(*second_point())),
            )
            final_gap = float(SECOND_POINTS[-1] - X0)
            start_gap = float(GENERAL_GAP)
            progress = ValueTracker(0.0)
            x2.add_updater(
                lambda t: t.set_value(
                    X0_F + start_gap * (final_gap / start_gap) ** progress.get_value()
                )
            )
            self.add(x2)
            self.play(progress.animate.set_value(1.0), run_time=max(1.0, beat.until("same")))
            x2.clear_updaters()
            self.play(Create(tangent), run_time=1.2)
            self.bring_to_front(point)
            self.play(Indicate(definition[0], color=TANGENT_COLOR))

    # -- pieces ---------------------------------------------------------------------------------
    def secant_table(self) -> dict[str, Mobject]:
        """The source's table: second point x | its secant slope, with the arithmetic shown."""
        # One-line header and a full unit per row: the stacked fractions keep a clear gap between
        # rows at 36 pt, and the limit and the verdict still fit below the last row.
        header = VGroup(
            Tex("second point $x$", font_size=LABEL_SIZE, color=MUTED_COLOR),
            Tex("slope of secant", font_size=LABEL_SIZE, color=MUTED_COLOR),
        )
        header[0].move_to([COL_X, 3.3, 0])
        header[1].move_to([4.2, 3.3, 0])
        rule = Line([0.2, 2.95, 0], [6.3, 2.95, 0], color=AXES_COLOR, stroke_width=2)
        rows = VGroup()
        for i, row in enumerate(ALL_ROWS):
            y = 2.3 - ROW_PITCH * i
            x_text = MathTex(row.x2_text, font_size=LABEL_SIZE, color=TEXT_COLOR).move_to(
                [COL_X, y, 0]
            )
            slope = equals_at(
                MathTex(row.quotient_tex, "=", row.slope_text, font_size=LABEL_SIZE), 1, y
            )
            slope[2].set_color(SECANT_COLOR)
            rows.add(VGroup(x_text, slope))
        slope_column = rows[0][1][2]
        limit = MathTex(r"\to", str(LIMIT), font_size=BODY_SIZE, color=TANGENT_COLOR)
        limit.next_to(rows[-1][1][2], DOWN, buff=0.35).align_to(slope_column, LEFT)
        question = Tex(f"exactly ${LIMIT}$?", font_size=BODY_SIZE, color=MUTED_COLOR)
        exact = MathTex(
            r"\text{slope at } x = 1 \text{ is exactly }",
            str(LIMIT),
            font_size=BODY_SIZE,
            color=TEXT_COLOR,
        )
        exact[1].set_color(TANGENT_COLOR)
        for verdict in (question, exact):
            verdict.move_to([3.25, VERDICT_Y, 0])
        return {
            "header": VGroup(header, rule),
            "rows": rows,
            "limit": limit,
            "question": question,
            "exact": exact,
        }

    def algebra_pieces(self, table: dict[str, Mobject]) -> dict[str, Mobject]:
        """Under the closed-up table, ((1 + h)² − 1)/h = (2h + h²)/h = 2 + h; beside each row, 2 + its gap."""
        rows = table["rows"]
        shifts = [
            (COMPACT_TOP - COMPACT_PITCH * i) - row[1][1].get_y() for i, row in enumerate(rows)
        ]
        header = Tex(f"second point ${SECOND_POINT_TEX}$", font_size=LABEL_SIZE, color=MUTED_COLOR)
        header.move_to(table["header"][0][0])
        plus_rows = VGroup()
        for row, numbers, shift in zip(rows, ROW_PARTS, shifts, strict=True):
            constant, gap = numbers
            # A negative gap reads 2 − 0.1, not 2 + −0.1.
            sign, size = ("-", gap[1:]) if gap.startswith("-") else ("+", gap)
            full = equals_at(
                MathTex(
                    constant, sign, size, "=", row[1][2].get_tex_string(), font_size=LABEL_SIZE
                ),
                3,
                row[1][1].get_y() + shift,
            )
            full[0].set_color(TANGENT_COLOR)
            plus_rows.add(full[:3])
        quotient, expanded, constant, remainder = ALGEBRA.tex_steps()
        formula = MathTex(
            quotient,
            "=",
            expanded,
            "=",
            constant,
            "+",
            remainder,
            font_size=BODY_SIZE,
            color=TEXT_COLOR,
        ).move_to([3.25, FORMULA_Y, 0])
        formula[4].set_color(TANGENT_COLOR)
        # Cancelling h divides by it: the simplification holds only for a gap other than zero.
        condition = MathTex(r"(h \neq 0)", font_size=LABEL_SIZE, color=MUTED_COLOR)
        condition.next_to(formula, LEFT, buff=0.3)
        on_screen = VGroup(
            condition,
            table["header"],
            *(VGroup(row[0], row[1][1:]) for row in rows),
            table["limit"],
            table["exact"],
            plus_rows,
            formula,
        )
        return {
            "row_shifts": shifts,
            "header": header,
            "plus_rows": plus_rows,
            "formula": formula,
            "condition": condition,
            "on_screen": on_screen,
        }

    def move_second_point(
        self, x2: ValueTracker, index: int, table: dict[str, Mobject], run_time: float
    ) -> None:
        """Slide the second point to the source's ``index``-th x, then write that row of the table."""
        self.play(x2.animate.set_value(float(SECOND_POINTS[index])), run_time=run_time)
        self.play(Write(table["rows"][index]), run_time=1.2)

    def tangent_line(self, axes: Axes) -> Line:
        return line_through_point(axes, float(LIMIT), TANGENT_COLOR, stroke_width=5)

    def gap_guides(self, axes: Axes, x2: ValueTracker) -> dict[str, Mobject]:
        """Run h and rise f(x + h) − f(x) drawn between the point and the second point."""
        y0 = f(X0_F)
        run = VGroup(
            DashedLine(axes.c2p(X0_F, y0), axes.c2p(x2.get_value(), y0), color=MUTED_COLOR),
        )
        run_brace = Brace(run[0], DOWN, buff=0.08, color=MUTED_COLOR)
        run_label = MathTex("h", font_size=BODY_SIZE, color=TEXT_COLOR).next_to(
            run_brace, DOWN, buff=0.1
        )
        run.add(run_brace, run_label)
        top = axes.c2p(x2.get_value(), f(x2.get_value()))
        corner = axes.c2p(x2.get_value(), y0)
        rise_line = DashedLine(corner, top, color=MUTED_COLOR)
        rise_brace = Brace(rise_line, RIGHT, buff=0.08, color=MUTED_COLOR)
        rise_label = MathTex("f(x+h) - f(x)", font_size=LABEL_SIZE, color=TEXT_COLOR).next_to(
            rise_brace, RIGHT, buff=0.1
        )
        drops = VGroup(
            DashedLine(axes.c2p(X0_F, 0), axes.c2p(X0_F, y0), color=AXES_COLOR, stroke_width=2),
            DashedLine(corner, axes.c2p(x2.get_value(), 0), color=AXES_COLOR, stroke_width=2),
        )
        x_label = MathTex("x", font_size=LABEL_SIZE, color=POINT_COLOR).next_to(
            axes.c2p(X0_F, 0), DOWN, buff=0.2
        )
        x2_label = MathTex("x + h", font_size=LABEL_SIZE, color=SECANT_COLOR).next_to(
            axes.c2p(x2.get_value(), 0), DOWN, buff=0.2
        )
        return {
            "run": run,
            "rise": VGroup(rise_line, rise_brace, rise_label),
            "drops": drops,
            "x_label": x_label,
            "x2_label": x2_label,
        }

    def gap_readout(self, x2: ValueTracker) -> VGroup:
        """Live h and secant slope; the slope is the lambdified difference quotient of the drawn f."""
        h_label = MathTex("h =", font_size=BODY_SIZE, color=TEXT_COLOR)
        h_value = DecimalNumber(0, num_decimal_places=3, font_size=BODY_SIZE, color=TEXT_COLOR)
        s_label = MathTex(r"\text{slope} =", font_size=BODY_SIZE, color=SECANT_COLOR)
        s_value = DecimalNumber(0, num_decimal_places=3, font_size=BODY_SIZE, color=SECANT_COLOR)
        h_value.add_updater(lambda m: m.set_value(x2.get_value() - X0_F))
        s_value.add_updater(lambda m: m.set_value(slope_for_gap(x2.get_value() - X0_F)))
        h_row = VGroup(h_label, h_value).arrange(RIGHT, buff=0.2)
        s_row = VGroup(s_label, s_value).arrange(RIGHT, buff=0.2)
        group = VGroup(h_row, s_row).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        h_value.update()
        s_value.update()
        return group


def line_through_point(axes: Axes, slope: float, color: str, stroke_width: float) -> Line:
    """The line through the studied point (1, 1) with ``slope``, clipped to the plot window."""
    a, b = clipped_line((X0_F, f(X0_F)), slope)
    return Line(axes.c2p(*a), axes.c2p(*b), color=color, stroke_width=stroke_width)


def fan_slopes(count: int = 8) -> list[float]:
    """Slopes of lines through one point at evenly spread on-screen angles (none singled out)."""
    units_per_x, units_per_y = screen_units_per_step()
    angles = np.radians(np.linspace(-60, 80, count))
    return [float(np.tan(a)) * units_per_x / units_per_y for a in angles]


def equals_at(row: MathTex, index: int, y: float) -> MathTex:
    """Place ``row`` so its "=" (part ``index``) sits in the table's "=" column at height ``y``."""
    row.set_color(TEXT_COLOR)
    return row.shift(np.array([EQ_X, y, 0]) - row[index].get_center())

"""The secant through (1, 1) on y = x² turns into the tangent; then the limit definition of f′(x)."""

from __future__ import annotations

import numpy as np
from manim import *

from mathreel.scene import NarratedScene
from scenes.calculus import numeric
from scenes.secant_to_tangent_figures import (
    FINEST_PIXEL_WIDTH,
    GENERAL_GAP,
    LIMIT,
    SECOND_POINTS,
    X0,
    X_LENGTH,
    X_RANGE,
    Y_LENGTH,
    Y_RANGE,
    F,
    clipped_line,
    gap_in_pixels,
    quotient_at_zero,
    secant_rows,
    secant_slope_readout,
)
from scenes.style import (
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
)

# The narration says the last second point is within a pixel of the first; refuse to render a
# picture where that is false.
assert gap_in_pixels(SECOND_POINTS[-1], FINEST_PIXEL_WIDTH) < 1

f = numeric(F)
slope_for_gap = secant_slope_readout()
X0_F = float(X0)
ROWS = secant_rows()
#: The boxed definition: large enough that its "h -> 0" subscript (LaTeX sets it at 70 %) stays
#: near the 36 pt floor.
DEFINITION_SIZE = HEADING_SIZE + 6


class SecantBecomesTangent(NarratedScene):
    def construct(self) -> None:
        axes = Axes(
            x_range=[X_RANGE[0], X_RANGE[1], 1],
            y_range=[Y_RANGE[0], Y_RANGE[1], 1],
            x_length=X_LENGTH,
            y_length=Y_LENGTH,
            tips=False,
            axis_config={"color": AXES_COLOR, "stroke_width": 2},
        )
        x_numbers = axes.x_axis.add_numbers(font_size=SMALL_SIZE, num_decimal_places=0)
        axes.y_axis.add_numbers(font_size=SMALL_SIZE, num_decimal_places=0)
        # Origin placed so tick numbers and the later "x + h" label stay inside the title-safe area.
        axes.shift(np.array([-5.75, -2.95, 0]) - axes.c2p(0, 0))
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
            slope = (f(x2.get_value()) - f(X0_F)) / gap  # through the two actual points
            a, b = clipped_line((X0_F, f(X0_F)), slope)
            return Line(axes.c2p(*a), axes.c2p(*b), color=SECANT_COLOR, stroke_width=4)

        secant = always_redraw(secant_line)
        second_dot = always_redraw(
            lambda: Dot(axes.c2p(*second_point()), radius=0.08, color=SECANT_COLOR)
        )
        point = Dot(axes.c2p(X0_F, f(X0_F)), radius=0.09, color=POINT_COLOR)
        point_label = MathTex("(1, 1)", color=POINT_COLOR, font_size=LABEL_SIZE).next_to(
            point, UL, buff=0.12
        )

        table = self.secant_table()

        with self.beat("first_secant") as beat:
            self.add(axes)
            self.play(Create(curve), Write(curve_label), run_time=min(2.0, beat.until()))
            self.play(FadeIn(point, scale=0.5), Write(point_label))
            beat.wait_until("second_point")
            self.play(FadeIn(second_dot, scale=0.5))
            self.bring_to_front(
                point
            )  # the studied point stays visible as the second one lands on it
            beat.wait_until("secant")
            self.play(Create(secant), run_time=1.0)
            self.play(FadeIn(table["header"]))
            beat.wait_until("slope")
            self.play(Write(table["rows"][0]), run_time=1.5)

        with self.beat("move_closer") as beat:
            for index, mark in ((1, "row_two"), (2, "row_three")):
                self.play(
                    x2.animate.set_value(float(SECOND_POINTS[index])), run_time=beat.until(mark)
                )
                self.play(Write(table["rows"][index]), run_time=1.2)

        tangent = self.tangent_line(axes)
        with self.beat("within_a_pixel") as beat:
            self.play(x2.animate.set_value(float(SECOND_POINTS[3])), run_time=1.5)
            self.play(Write(table["rows"][3]), run_time=1.0)
            beat.wait_until("row_five")
            self.play(x2.animate.set_value(float(SECOND_POINTS[4])), run_time=1.5)
            self.play(Write(table["rows"][4]), run_time=1.0)
            beat.wait_until("tangent")
            # The secant is now indistinguishable from the tangent: draw the tangent over it.
            self.play(Create(tangent), run_time=1.5)
            self.bring_to_front(point)

        with self.beat("converge") as beat:
            slopes = VGroup(*(row[1][2] for row in table["rows"]))
            self.play(
                LaggedStart(*(Indicate(s, color=SECANT_COLOR, scale_factor=1.15) for s in slopes)),
                run_time=beat.until("limit"),
            )
            self.play(Write(table["limit"]))
            beat.wait_until("exact")
            self.play(Write(table["exact"]))

        # The general case: the point is any x now, so the numbered axis gives way to x and x + h.
        with self.beat("general_gap") as beat:
            self.play(
                FadeOut(table["all"]),
                FadeOut(tangent),
                FadeOut(point_label),
                FadeOut(x_numbers),
                run_time=1.0,
            )
            self.play(x2.animate.set_value(float(X0 + GENERAL_GAP)), run_time=1.0)
            guides = self.gap_guides(axes, x2)
            beat.wait_until("gap")
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
            self.play(FadeOut(zero), FadeOut(no_value), FadeOut(quotient))
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

            # Re-open the gap, then shrink it geometrically so every decade of h gets equal time.
            x2.set_value(float(X0 + GENERAL_GAP))
            second_dot.add_updater(lambda d: d.move_to(axes.c2p(*second_point())))
            secant = always_redraw(secant_line)
            readout = self.gap_readout(x2).next_to(box, DOWN, buff=0.6)
            beat.wait_until("shrink")
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
            self.play(progress.animate.set_value(1.0), run_time=max(1.0, beat.until("same") - 1.5))
            x2.clear_updaters()
            self.play(Create(tangent), run_time=1.2)
            self.bring_to_front(point)
            self.play(Indicate(definition[0], color=TANGENT_COLOR))

    # -- pieces ---------------------------------------------------------------------------------
    def secant_table(self) -> dict[str, Mobject]:
        """The source's table: second point x | its secant slope, with the arithmetic shown."""
        col_x, eq_x = 0.95, 4.75  # centre of the x column; where every row's "=" sits
        # One-line header and a full unit per row: the stacked fractions keep a clear gap between
        # rows at 36 pt, and the limit and the verdict still fit below the last row.
        header = VGroup(
            Tex("second point $x$", font_size=LABEL_SIZE, color=MUTED_COLOR),
            Tex("slope of secant", font_size=LABEL_SIZE, color=MUTED_COLOR),
        )
        header[0].move_to([col_x, 3.3, 0])
        header[1].move_to([4.2, 3.3, 0])
        rule = Line([0.2, 2.95, 0], [6.3, 2.95, 0], color=AXES_COLOR, stroke_width=2)
        rows = VGroup()
        for i, row in enumerate(ROWS):
            y = 2.3 - 1.0 * i
            x_text = MathTex(row.x2_text, font_size=LABEL_SIZE, color=TEXT_COLOR).move_to(
                [col_x, y, 0]
            )
            slope = MathTex(
                row.quotient_tex, "=", row.slope_text, font_size=LABEL_SIZE, color=TEXT_COLOR
            )
            slope[2].set_color(SECANT_COLOR)
            # "=" of every row in one column so the slopes line up
            slope.shift(np.array([eq_x, y, 0]) - slope[1].get_center())
            rows.add(VGroup(x_text, slope))
        slope_column = rows[0][1][2]
        limit = MathTex(r"\to", str(LIMIT), font_size=BODY_SIZE, color=TANGENT_COLOR)
        limit.next_to(rows[-1][1][2], DOWN, buff=0.35).align_to(slope_column, LEFT)
        exact = MathTex(
            r"\text{slope at } x = 1 \text{ is exactly }",
            str(LIMIT),
            font_size=BODY_SIZE,
            color=TEXT_COLOR,
        )
        exact[1].set_color(TANGENT_COLOR)
        exact.move_to([3.25, -3.25, 0])
        heading = VGroup(header, rule)
        return {
            "header": heading,
            "rows": rows,
            "limit": limit,
            "exact": exact,
            "all": VGroup(heading, rows, limit, exact),
        }

    def tangent_line(self, axes: Axes) -> Line:
        a, b = clipped_line((X0_F, f(X0_F)), float(LIMIT))
        return Line(axes.c2p(*a), axes.c2p(*b), color=TANGENT_COLOR, stroke_width=5)

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

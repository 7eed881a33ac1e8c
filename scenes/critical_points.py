"""Critical points: f′ drawn under f crosses zero at the hill and the valley; x³ and x⁴ show what f′ = 0 and f″ = 0 leave open."""

from __future__ import annotations

from manim import *

from mathreel import NarratedScene, plain_axes
from scenes.common.calculus import numeric
from scenes.common.derivative_graph import (
    DerivativeGraph,
    at_row,
    formula,
    note,
    plot,
    stacked_axes,
)
from scenes.common.drawing import tangent_segment
from scenes.common.style import (
    BODY_SIZE,
    FUNCTION_COLOR,
    HEADING_SIZE,
    HIGHLIGHT_COLOR,
    MUTED_COLOR,
    POINT_COLOR,
    SECOND_DERIVATIVE_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
    THEME,
)
from scenes.critical_points_figures import (
    CUBIC,
    CUBIC_DRAWN,
    CUBIC_MAX,
    CUBIC_MIN,
    CUBIC_PRIME,
    CUBIC_SECOND,
    FLAT_CUBIC,
    FLAT_POINT,
    FLAT_PRIME,
    FLAT_SLOPE,
    FLAT_VERDICT,
    PEAK_AGAIN,
    PRIME_SIGNS,
    QUARTIC,
    QUARTIC_IS_GLOBAL,
    QUARTIC_POINT,
    QUARTIC_VERDICT,
    TRACE_FROM,
    TRACE_TO,
    VALLEY_AGAIN,
    tex,
)

f = numeric(CUBIC)
df = numeric(CUBIC_PRIME)
g = numeric(FLAT_CUBIC)
dg = numeric(FLAT_PRIME)
d2f = numeric(CUBIC_SECOND)
h = numeric(QUARTIC)

TANGENT_LENGTH = 1.8
START, END = float(TRACE_FROM), float(TRACE_TO)
# x³ and x⁴ stay inside the graphs' ±3.5 window up to these x.
FLAT_DRAWN = 1.5
#: Where the sliding tangent on x³ stops: further right it is so steep its ends leave the frame.
FLAT_SWEEP_END = 1.2
QUARTIC_DRAWN = 1.35


def flat_at(axes: Axes, func, at: float) -> VGroup:
    """The flat tangent and the point at a critical point."""
    return VGroup(
        tangent_segment(axes, func, 0.0, at, TANGENT_LENGTH),
        Dot(axes.c2p(at, func(at)), color=POINT_COLOR),
    )


def zero_dot(axes: Axes, at: float) -> Dot:
    """Where f′ meets zero, on the lower axes."""
    return Dot(axes.c2p(at, 0), color=POINT_COLOR)


def sign_label(axes: Axes, sign: str, at: float, height: float) -> MathTex:
    return MathTex(sign, font_size=HEADING_SIZE, color=TANGENT_COLOR).move_to(axes.c2p(at, height))


class FindCriticalPoints(NarratedScene):
    def construct(self) -> None:
        # ---------------------------------------------------------------- f over f′
        # No x-numbers: the guides from the critical points would run through them; the panel
        # gives the x-values.
        top, bottom = stacked_axes([-2.5, 2.5, 1], [-3.5, 3.5, 1], [-4, 7, 2])
        f_label = MathTex("f", font_size=BODY_SIZE, color=FUNCTION_COLOR)
        f_label.next_to(top.y_axis.get_top(), RIGHT, buff=0.2)
        # The lower axes hold "the slope" until the narration names it: the derivative, f′.
        slope_word = Tex("slope", font_size=BODY_SIZE, color=TANGENT_COLOR)
        slope_word.next_to(bottom.y_axis.get_top(), LEFT, buff=0.2)
        slope_label = MathTex("f'", font_size=BODY_SIZE, color=TANGENT_COLOR)
        slope_label.next_to(bottom.y_axis.get_top(), RIGHT, buff=0.2)
        frame = VGroup(top, bottom, f_label)

        cubic = DerivativeGraph(top, bottom, f, df, START, TANGENT_LENGTH)
        curve = cubic.curve(*(float(v) for v in CUBIC_DRAWN))
        slider, trace = cubic.slider(), cubic.trace()
        title = formula("f(x) = " + tex(CUBIC), 0, FUNCTION_COLOR)

        with self.beat("horizontal_tangent") as beat:
            self.play(Create(frame), Create(curve), Write(title), run_time=2)
            self.play(FadeIn(slider), FadeIn(slope_word), run_time=1)
            self.add(trace)
            self.play(
                cubic.x.animate.set_value(float(CUBIC_MAX.x)),
                run_time=max(1, beat.until("peak")),
                rate_func=linear,
            )
            beat.wait_until("valley")
            self.play(cubic.x.animate.set_value(float(CUBIC_MIN.x)), run_time=2.5, rate_func=linear)

        # ---------------------------------------------------------------- the trace is f′; it crosses zero
        prime_title = formula("f'(x) = " + tex(CUBIC_PRIME), 1, TANGENT_COLOR)
        roots_x = [float(p.x) for p in (CUBIC_MAX, CUBIC_MIN)]
        links = VGroup(*(cubic.link_at(a) for a in roots_x))
        zeros = VGroup(*(zero_dot(bottom, a) for a in roots_x))
        # Each sign sits in its own stretch of x, clear of the curve and the guides.
        signs = VGroup(
            *(
                sign_label(bottom, sign, at, height)
                for sign, at, height in zip(
                    PRIME_SIGNS, (START - 0.45, 0.45, END + 0.45), (1.5, -1.2, 1.5), strict=True
                )
            )
        )
        prime_curve = cubic.derivative_curve(START, END)
        flats = VGroup(*(flat_at(top, f, a) for a in roots_x))

        with self.beat("slope_graph") as beat:
            self.play(
                cubic.x.animate.set_value(END),
                Write(prime_title),
                ReplacementTransform(slope_word, slope_label),
                run_time=beat.until("cross"),
                rate_func=linear,
            )
            frame.add(slope_label)
            self.remove(trace)
            self.add(prime_curve)
            self.play(FadeOut(slider), FadeIn(flats), Create(links), FadeIn(zeros), run_time=1)
            self.play(LaggedStart(*(FadeIn(s, scale=1.3) for s in signs), lag_ratio=0.5))

        # ---------------------------------------------------------------- solving f′(x) = 0
        equation = formula("f'(x) = " + tex(CUBIC_PRIME) + " = 0", 1, TANGENT_COLOR)
        roots = at_row(
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
        name = at_row(Tex("critical points", font_size=BODY_SIZE, color=TEXT_COLOR), 3.1)
        candidates = note(r"candidates for local\\maxima and minima", 3.7)

        with self.beat("critical_points") as beat:
            self.play(ReplacementTransform(prime_title, equation), run_time=beat.until("roots"))
            self.play(Write(roots))
            beat.wait_until("names")
            self.play(FadeIn(name, shift=UP * 0.2))
            self.play(FadeIn(candidates, shift=UP * 0.2))

        # ---------------------------------------------------------------- local, not global
        right_end, left_end = float(CUBIC_DRAWN[1]), float(CUBIC_DRAWN[0])
        peak, valley = (
            (float(CUBIC_MAX.x), float(CUBIC_MAX.y)),
            (float(CUBIC_MIN.x), float(CUBIC_MIN.y)),
        )

        def level(start: tuple[float, float], end_x: float) -> DashedLine:
            return DashedLine(
                top.c2p(*start), top.c2p(end_x, start[1]), color=MUTED_COLOR, stroke_width=2
            )

        def beyond(lo: float, hi: float) -> VMobject:
            return plot(top, f, lo, hi, color=HIGHLIGHT_COLOR, stroke_width=8)

        higher = VGroup(level(peak, right_end), beyond(float(PEAK_AGAIN), right_end))
        lower = VGroup(level(valley, left_end), beyond(left_end, float(VALLEY_AGAIN)))
        max_word = note(rf"local {CUBIC_MAX.kind} at $x = {tex(CUBIC_MAX.x)}$", 2, TEXT_COLOR)
        higher_word = note("higher further right", 2.55)
        min_word = note(rf"local {CUBIC_MIN.kind} at $x = {tex(CUBIC_MIN.x)}$", 3.35, TEXT_COLOR)
        lower_word = note("lower further left", 3.9)
        no_global = note(r"neither is a global\\maximum or minimum", 4.9, TEXT_COLOR)

        with self.beat("local_not_global") as beat:
            self.play(
                FadeOut(VGroup(roots, name, candidates)),
                FadeIn(max_word),
                FadeIn(min_word),
                run_time=beat.until("higher"),
            )
            self.play(Create(higher), FadeIn(higher_word))
            beat.wait_until("lower")
            self.play(Create(lower), FadeIn(lower_word))
            beat.wait_until("global")
            self.play(FadeIn(no_global, shift=UP * 0.2))

        # ---------------------------------------------------------------- x³: flat, yet no turn
        flat = DerivativeGraph(top, bottom, g, dg, -FLAT_DRAWN, TANGENT_LENGTH)
        flat_curve = flat.curve(-FLAT_DRAWN, FLAT_DRAWN)
        flat_title = formula("f(x) = " + tex(FLAT_CUBIC), 0, FUNCTION_COLOR)
        flat_zero = formula(f"f'({tex(FLAT_POINT.x)}) = {tex(FLAT_SLOPE)}", 1, TANGENT_COLOR)
        origin = flat_at(top, g, float(FLAT_POINT.x))
        # What x³ has at 0, as computed (the higher-order test), in the scene's words.
        neither_words = rf"{FLAT_VERDICT} a minimum\\nor a maximum"
        neither = note(neither_words, 2, TEXT_COLOR)

        with self.beat("not_sufficient") as beat:
            self.play(
                FadeOut(
                    VGroup(
                        higher,
                        lower,
                        max_word,
                        higher_word,
                        min_word,
                        lower_word,
                        no_global,
                        flats,
                        links,
                        zeros,
                        signs,
                        prime_curve,
                        equation,
                    )
                ),
                ReplacementTransform(curve, flat_curve),
                ReplacementTransform(title, flat_title),
                run_time=1.5,
            )
            self.play(Write(flat_zero), FadeIn(origin))
            beat.wait_until("answer")
            self.play(FadeIn(neither, shift=UP * 0.2))

        # ---------------------------------------------------------------- why: f′ = 3x² touches zero
        flat_prime = formula("f'(x) = " + tex(FLAT_PRIME), 1, TANGENT_COLOR)
        flat_slider, flat_trace = flat.slider(), flat.trace()
        flat_prime_curve = flat.derivative_curve(-FLAT_DRAWN, FLAT_DRAWN)
        touch = zero_dot(bottom, float(FLAT_POINT.x))
        both_plus = VGroup(
            *(sign_label(bottom, "+", at, 1.3) for at in (-FLAT_DRAWN + 0.4, FLAT_DRAWN - 0.4))
        )
        rising = note(r"touches zero, never crosses:\\rising on both sides", 2)
        saddle = note(
            r"a flat (stationary)\\inflection point; the word\\saddle is kept for\\several weights",
            3.3,
            TEXT_COLOR,
        )

        with self.beat("touches_zero") as beat:
            self.play(
                FadeOut(neither),
                ReplacementTransform(flat_zero, flat_prime),
                FadeOut(origin),
                FadeIn(flat_slider),
                run_time=1,
            )
            self.add(flat_trace)
            self.play(
                flat.x.animate.set_value(FLAT_SWEEP_END),
                run_time=beat.until("sides"),
                rate_func=linear,
            )
            self.remove(flat_trace)
            self.add(flat_prime_curve)
            self.play(FadeOut(flat_slider), FadeIn(origin), FadeIn(touch), run_time=0.8)
            self.play(
                LaggedStart(*(FadeIn(s, scale=1.3) for s in both_plus), lag_ratio=0.5),
                FadeIn(rising, shift=UP * 0.2),
            )
            beat.wait_until("name")
            self.play(FadeIn(saddle, shift=UP * 0.2))

        # ---------------------------------------------------------------- the second-derivative test
        curve = cubic.curve(*(float(v) for v in CUBIC_DRAWN))
        title = formula("f(x) = " + tex(CUBIC), 0, FUNCTION_COLOR)
        # f″ in its own colour: the slope of the f′ graph, drawn as that graph's tangents.
        second_title = formula("f''(x) = " + tex(CUBIC_SECOND), 1, SECOND_DERIVATIVE_COLOR)
        slope_of_slope = VGroup(
            *(
                tangent_segment(bottom, df, d2f(a), a, TANGENT_LENGTH).set_color(
                    SECOND_DERIVATIVE_COLOR
                )
                for a in roots_x
            )
        )
        prime_curve = cubic.derivative_curve(START, END)
        flats = VGroup(*(flat_at(top, f, a) for a in roots_x))

        def verdict(point, row: float) -> VGroup:
            """f″ at a critical point, its sign, and what the sign says about the bend."""
            relation, bend = ("<", "down") if point.second < 0 else (">", "up")
            line = formula(
                f"f''({tex(point.x)}) = {tex(point.second)} {relation} 0",
                row,
                SECOND_DERIVATIVE_COLOR,
            )
            words = note(rf"bends {bend}: a local {point.kind}", row + 0.6, TEXT_COLOR)
            return VGroup(line, words)

        max_verdict = verdict(CUBIC_MAX, 2)
        min_verdict = verdict(CUBIC_MIN, 3.5)

        with self.beat("second_derivative_test") as beat:
            self.play(
                FadeOut(VGroup(flat_prime, touch, both_plus, rising, saddle, origin)),
                ReplacementTransform(flat_curve, curve),
                ReplacementTransform(flat_prime_curve, prime_curve),
                ReplacementTransform(flat_title, title),
                run_time=1.5,
            )
            self.play(
                FadeIn(flats),
                Write(second_title),
                Create(slope_of_slope),
                run_time=max(0.5, beat.until("peak")),
            )
            self.play(Write(max_verdict), Indicate(flats[0], color=HIGHLIGHT_COLOR))
            beat.wait_until("valley")
            self.play(Write(min_verdict), Indicate(flats[1], color=HIGHLIGHT_COLOR))

        # ---------------------------------------------------------------- f″ = 0: x³ beside x⁴
        heading = Tex(
            r"$f''(0) = 0$: the test is inconclusive", font_size=HEADING_SIZE, color=TEXT_COLOR
        ).move_to(UP * 3.2)
        pair_axes = [
            plain_axes([-1.6, 1.6, 1], [-3.5, 3.5, 1], (4.6, 3.2), [x_mid, 0.4, 0], theme=THEME)
            for x_mid in (-3.3, 3.3)
        ]
        # What each flat point really is, in words: the verdicts the figures compute.
        quartic_words = f"a {QUARTIC_VERDICT}" + (
            r",\\local and global" if QUARTIC_IS_GLOBAL else ""
        )
        pair = [
            (FLAT_CUBIC, g, FLAT_DRAWN, FLAT_POINT, neither_words),
            (QUARTIC, h, QUARTIC_DRAWN, QUARTIC_POINT, quartic_words),
        ]
        panels, seconds, verdicts = [], [], []
        for axes, (expr, func, reach, point, said) in zip(pair_axes, pair, strict=True):
            piece = plot(axes, func, -reach, reach, color=FUNCTION_COLOR, stroke_width=5)
            name_tex = MathTex(f"f(x) = {tex(expr)}", font_size=BODY_SIZE, color=FUNCTION_COLOR)
            name_tex.next_to(axes, UP, buff=0.1)
            panels.append(VGroup(axes, piece, name_tex, flat_at(axes, func, float(point.x))))
            second = MathTex(
                f"f''({tex(point.x)}) = {tex(point.second)}",
                font_size=BODY_SIZE,
                color=SECOND_DERIVATIVE_COLOR,
            ).next_to(axes, DOWN, buff=0.15)
            seconds.append(second)
            verdicts.append(
                Tex(said, font_size=BODY_SIZE, color=TEXT_COLOR).next_to(second, DOWN, buff=0.2)
            )

        with self.beat("inconclusive") as beat:
            self.play(
                FadeOut(VGroup(frame, curve, prime_curve, flats, title, second_title)),
                FadeOut(slope_of_slope),
                FadeOut(VGroup(max_verdict, min_verdict)),
                run_time=0.8,
            )
            self.play(Write(heading), FadeIn(panels[0]), run_time=max(0.5, beat.until("pair")))
            self.play(FadeIn(panels[1]), FadeIn(VGroup(*seconds)))
            beat.wait_until("verdicts")
            self.play(LaggedStart(*(FadeIn(v, shift=UP * 0.2) for v in verdicts), lag_ratio=0.5))

        # ---------------------------------------------------------------- pointer forward
        onward = Tex(
            r"The test returns in higher dimensions, where the next chapter begins.",
            font_size=SMALL_SIZE,
            color=MUTED_COLOR,
        ).move_to(DOWN * 3.3)

        with self.beat("higher_dimensions") as beat:
            self.play(FadeIn(onward, shift=UP * 0.2), run_time=beat.until())

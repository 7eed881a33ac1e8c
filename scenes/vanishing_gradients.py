"""Vanishing and exploding gradients: σ′ is at most 0.25, so ten sigmoid factors multiply to at most
0.25¹⁰ ≈ 9.5 × 10⁻⁷ (bars shrinking on a log scale), factors above 1 grow instead; ReLU's derivative
and the usual remedies."""

from __future__ import annotations

import math

from manim import *

from mathreel import NarratedScene, plain_axes
from scenes import vanishing_gradients_figures as fig
from scenes.common.calculus import numeric
from scenes.common.derivative_graph import plot
from scenes.common.style import (
    AXES_COLOR,
    BODY_SIZE,
    FAST,
    GRADIENT_COLOR,
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

S = fig.SHOWN
sigmoid_slope = numeric(fig.SIGMOID_PRIME, fig.z)
#: The log axis of the product: screen units per power of ten, and where 1 (10⁰) sits.
DECADE = 0.42
BASELINE = 0.55
LOW_EXPONENT, HIGH_EXPONENT = -7, 2
BAR_X0, BAR_STEP = -3.6, 0.82


def log_height(value) -> float:
    return BASELINE + DECADE * math.log10(float(value))


def product_bar(k: int, value, colour: str, opacity: float) -> Rectangle:
    """The product after ``k`` layers as a bar from 1 to ``value`` on the log axis."""
    top, bottom = sorted((BASELINE, log_height(value)))[::-1]
    return Rectangle(
        width=0.5,
        height=top - bottom,
        color=colour,
        fill_opacity=opacity,
        stroke_width=2,
    ).move_to([BAR_X0 + BAR_STEP * (k - 1), (top + bottom) / 2, 0])


class WatchTheGradientShrink(NarratedScene):
    def construct(self) -> None:
        axes = plain_axes(
            [-6, 6, 2],
            [0, 0.3, 0.1],
            (9.0, 4.2),
            [0, -0.4, 0],
            THEME,
            axis_config={"font_size": SMALL_SIZE},
            x_axis_config={"numbers_to_include": [-4, 0, 4]},
        )
        names = VGroup(
            MathTex("z", font_size=BODY_SIZE).next_to(axes.x_axis.get_end(), DOWN, buff=0.3),
            MathTex(r"\sigma'(z)", font_size=BODY_SIZE, color=TANGENT_COLOR).next_to(
                axes.y_axis.get_end(), LEFT, buff=0.25
            ),
        )
        curve = plot(axes, sigmoid_slope, -6, 6, color=TANGENT_COLOR, stroke_width=5)
        peak = float(fig.PEAK)
        top = Dot(axes.c2p(float(fig.PEAK_AT), peak), color=POINT_COLOR)
        ceiling = DashedLine(axes.c2p(-6, peak), axes.c2p(6, peak), color=MUTED_COLOR)
        peak_label = MathTex(
            rf"\sigma'({S['peak_at']}) = {S['peak']}", font_size=LABEL_SIZE, color=TANGENT_COLOR
        ).next_to(top, UR, buff=0.2)
        with self.beat("sigmoid_slope") as beat:
            self.play(Create(axes), FadeIn(names), run_time=beat.until("curve"))
            self.play(Create(curve), run_time=NORMAL)
            beat.wait_until("peak")
            self.play(FadeIn(top, scale=1.5), Create(ceiling), FadeIn(peak_label))

        # -- ten sigmoid layers, and the product's bound layer by layer ------------------------------
        chain = VGroup(
            *(
                VGroup(
                    RoundedRectangle(corner_radius=0.1, width=0.6, height=0.55, color=AXES_COLOR),
                    MathTex(r"\sigma", font_size=LABEL_SIZE),
                )
                for _ in range(fig.LAYERS)
            )
        ).arrange(RIGHT, buff=0.22)
        chain.move_to([0, 3.05, 0])
        at_most = MathTex(
            rf"\text{{each factor}} \le {S['peak']}", font_size=LABEL_SIZE, color=TANGENT_COLOR
        ).next_to(chain, DOWN, buff=0.2)
        axis = Line(
            [-4.3, log_height(10**LOW_EXPONENT), 0], [-4.3, log_height(10**HIGH_EXPONENT), 0]
        )
        axis.set_color(AXES_COLOR)
        one_line = DashedLine([-4.3, BASELINE, 0], [4.2, BASELINE, 0], color=MUTED_COLOR)
        ticks = VGroup(
            *(
                MathTex(
                    rf"10^{{{e}}}" if e else "1", font_size=SMALL_SIZE, color=MUTED_COLOR
                ).move_to([-4.9, log_height(10**e), 0])
                for e in (-6, -3, 0)
            )
        )
        axis_name = (
            Tex(r"product (log scale)", font_size=SMALL_SIZE, color=MUTED_COLOR)
            .rotate(PI / 2)
            .move_to([-5.85, log_height(10**-3), 0])
        )
        shrinking = VGroup(
            *(product_bar(k, p, GRADIENT_COLOR, 0.8) for k, p in enumerate(fig.PRODUCTS, start=1))
        )
        # The bound layer by layer, read off under the bars: the first three, then the tenth.
        readout = MathTex(
            rf"{S['peak']},\ ",
            rf"{S['products'][1]},\ ",
            rf"\approx {S['products'][2]},\ ",
            r"\ldots,\ ",
            rf"{S['peak']}^{{{S['layers']}}} \approx {S['bound']}",
            font_size=LABEL_SIZE,
            color=GRADIENT_COLOR,
        ).move_to([0, -2.55, 0])
        with self.beat("ten_layers") as beat:
            self.play(
                FadeOut(VGroup(axes, names, curve, top, ceiling)),
                peak_label.animate.move_to([4.2, 1.9, 0]),
                FadeIn(chain, lag_ratio=0.1),
                run_time=beat.until("product"),
            )
            self.play(FadeIn(at_most), FadeOut(peak_label), run_time=FAST)
            beat.wait_until("shrink")
            self.play(
                Create(axis), Create(one_line), FadeIn(ticks), FadeIn(axis_name), run_time=FAST
            )
            for bar, value in zip(shrinking[:3], readout[:3], strict=True):
                self.play(GrowFromEdge(bar, UP), FadeIn(value), run_time=0.6)
            beat.wait_until("bound")
            self.play(
                LaggedStart(*(GrowFromEdge(b, UP) for b in shrinking[3:]), lag_ratio=0.3),
                run_time=NORMAL,
            )
            self.play(FadeIn(readout[3:]), run_time=FAST)

        vanish = Tex(
            r"the early layers learn slowly; remedies exist",
            font_size=LABEL_SIZE,
            color=TEXT_COLOR,
        ).move_to([0, -3.2, 0])
        growing = VGroup(
            *(
                product_bar(k, fig.EXPLODING_FACTOR**k, HIGHLIGHT_COLOR, 0.5)
                for k in range(1, fig.LAYERS + 1)
            )
        )
        explode = MathTex(
            rf"|w\,\sigma'| = {S['exploding_factor']}:\ {S['exploding_factor']}^{{{S['layers']}}} \approx {S['exploded']}",
            font_size=LABEL_SIZE,
            color=HIGHLIGHT_COLOR,
        ).move_to([-0.6, 1.9, 0])
        factor_note = MathTex(
            r"\text{each factor: } w \times \sigma'(z);\ ",
            r"\text{these bars: } |w| \le 1",
            font_size=LABEL_SIZE,
            color=TANGENT_COLOR,
        ).move_to(at_most)
        factor_note[1].set_color(GRADIENT_COLOR)  # the colour of the bars it describes
        names_of = VGroup(
            Tex("exploding", font_size=LABEL_SIZE, color=HIGHLIGHT_COLOR).move_to([5.25, 1.0, 0]),
            Tex("vanishing", font_size=LABEL_SIZE, color=GRADIENT_COLOR).move_to([5.25, -1.2, 0]),
        )
        with self.beat("weights_too") as beat:
            self.play(ReplacementTransform(at_most, factor_note), run_time=FAST)
            beat.wait_until("vanish")
            self.play(FadeIn(vanish), run_time=FAST)

        with self.beat("exploding") as beat:
            self.play(
                LaggedStart(*(GrowFromEdge(b, DOWN) for b in growing), lag_ratio=0.2),
                FadeIn(explode),
                run_time=NORMAL,
            )
            beat.wait_until("name")
            self.play(FadeIn(names_of), run_time=FAST)

        relu_axes = plain_axes(
            [-3, 3, 1],
            [0, 1.5, 1],
            (5.0, 2.6),
            [-3.0, 0.3, 0],
            THEME,
            axis_config={"font_size": SMALL_SIZE},
            y_axis_config={"numbers_to_include": [1]},
        )
        relu_name = MathTex(r"\mathrm{ReLU}'(z)", font_size=BODY_SIZE, color=TANGENT_COLOR).next_to(
            relu_axes.y_axis.get_end(), RIGHT, buff=0.2
        )
        z_name = MathTex("z", font_size=BODY_SIZE).next_to(
            relu_axes.x_axis.get_end(), DOWN, buff=0.3
        )
        off = Line(relu_axes.c2p(-3, 0), relu_axes.c2p(0, 0), color=TANGENT_COLOR, stroke_width=6)
        on = Line(relu_axes.c2p(0, 1), relu_axes.c2p(3, 1), color=TANGENT_COLOR, stroke_width=6)
        open_end = Circle(radius=0.08, color=TANGENT_COLOR, stroke_width=3).move_to(
            relu_axes.c2p(0, 1)
        )
        closed_end = Dot(relu_axes.c2p(0, 0), color=TANGENT_COLOR, radius=0.08)
        relu_words = VGroup(
            Tex(r"active ($z > 0$): factor 1", font_size=LABEL_SIZE),
            Tex(r"inactive ($z < 0$): factor 0,", font_size=LABEL_SIZE),
            Tex(r"the unit stops learning", font_size=LABEL_SIZE, color=MUTED_COLOR),
            Tex(r"at $z = 0$ frameworks use 0", font_size=LABEL_SIZE, color=MUTED_COLOR),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        relu_words.move_to([3.3, 0.3, 0])
        with self.beat("relu") as beat:
            self.play(
                FadeOut(
                    VGroup(chain, factor_note, axis, axis_name, one_line, ticks, shrinking, readout)
                ),
                FadeOut(VGroup(vanish, growing, explode, names_of)),
                run_time=FAST,
            )
            self.play(
                Create(relu_axes),
                FadeIn(relu_name),
                FadeIn(z_name),
                run_time=beat.until("derivative"),
            )
            self.play(
                Create(off), Create(on), FadeIn(open_end), FadeIn(closed_end), run_time=NORMAL
            )
            beat.wait_until("active")
            self.play(FadeIn(relu_words[0]), run_time=FAST)
            beat.wait_until("dead")
            self.play(FadeIn(relu_words[1:]), run_time=NORMAL)

        heading = Tex(r"The usual remedies", font_size=HEADING_SIZE).to_edge(UP, buff=0.5)
        remedies = VGroup(
            Tex(r"ReLU-like activations", font_size=BODY_SIZE),
            Tex(r"residual connections: a shortcut path (paths add)", font_size=BODY_SIZE),
            Tex(r"normalisation", font_size=BODY_SIZE),
            Tex(r"careful initialisation: factors near 1", font_size=BODY_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        remedies.move_to([0, -0.3, 0])
        with self.beat("remedies") as beat:
            self.play(
                FadeOut(
                    VGroup(relu_axes, relu_name, z_name, off, on, open_end, closed_end, relu_words)
                ),
                FadeIn(heading),
                FadeIn(remedies[0]),
                run_time=FAST,
            )
            for row, mark in zip(remedies[1:], ("residual", "norm", "init"), strict=True):
                beat.wait_until(mark)
                self.play(FadeIn(row, shift=UP * 0.2), run_time=FAST)

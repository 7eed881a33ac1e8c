"""What a gradient costs: n + 1 forward passes by nudging against about 3 for backpropagation, as
bars on a log scale for n = 10, 1000 and 10⁹; the price in memory; why backwards; what backward()
does in a framework."""

from __future__ import annotations

from manim import *

from mathreel import NarratedScene
from scenes import backprop_cost_figures as fig
from scenes.common.style import (
    AXES_COLOR,
    BODY_SIZE,
    FAST,
    GRADIENT_COLOR,
    HEADING_SIZE,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    LOSS_COLOR,
    MUTED_COLOR,
    NORMAL,
    SECANT_COLOR,
    SMALL_SIZE,
    TEXT_COLOR,
    WEIGHT_COLOR,
)

S = fig.SHOWN
#: Nudging's bars: finite differences are secant slopes, so the secant colour.
NUDGING_COLOR = SECANT_COLOR
BAR_WIDTH = 0.55
#: The log axis: 10⁰ to 10⁹ forward passes.
DECADES = 9


def lines(*rows: Mobject, buff: float = 0.3) -> VGroup:
    return VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=buff)


class CountTheCost(NarratedScene):
    def construct(self) -> None:
        heading = Tex(r"The cost of a gradient with $n$ weights", font_size=HEADING_SIZE)
        heading.to_edge(UP, buff=0.5)
        nudging = lines(
            MathTex(r"\text{nudging: } n + 1 \text{ forward passes}", font_size=BODY_SIZE),
            MathTex(r"\text{central differences: } 2n", font_size=BODY_SIZE, color=MUTED_COLOR),
        )
        nudging[0].set_color(NUDGING_COLOR)
        backprop = lines(
            MathTex(r"\text{backpropagation: 1 forward} + 1 \text{ backward}", font_size=BODY_SIZE),
            MathTex(
                rf"\approx {S['backprop']} \text{{ forward passes, for any }} n",
                font_size=BODY_SIZE,
            ),
        ).set_color(GRADIENT_COLOR)
        lines(nudging, backprop, buff=0.7).move_to([0, -0.3, 0])
        with self.beat("nudging_cost") as beat:
            self.play(Write(heading), run_time=beat.until("nudge"))
            self.play(FadeIn(nudging[0], shift=UP * 0.2), run_time=FAST)
            beat.wait_until("central")
            self.play(FadeIn(nudging[1], shift=UP * 0.2), run_time=FAST)

        with self.beat("backprop_cost") as beat:
            self.play(FadeIn(backprop[0], shift=UP * 0.2), run_time=beat.until("three"))
            beat.wait_until("any_n")
            self.play(FadeIn(backprop[1], shift=UP * 0.2), run_time=FAST)

        # -- the bars, on a log scale ---------------------------------------------------------------
        axis = NumberLine(
            x_range=[0, DECADES, 3],
            length=4.6,
            rotation=PI / 2,
            color=AXES_COLOR,
            include_tip=False,
        ).move_to([-4.6, -0.55, 0])
        base = axis.n2p(0)[1]
        ticks = VGroup(
            *(
                MathTex(
                    rf"10^{{{d}}}" if d else "1", font_size=SMALL_SIZE, color=MUTED_COLOR
                ).next_to(axis.n2p(d), LEFT, buff=0.2)
                for d in range(0, DECADES + 1, 3)
            )
        )
        axis_name = (
            Tex(r"forward passes (log scale)", font_size=SMALL_SIZE, color=MUTED_COLOR)
            .next_to(axis, UP, buff=0.25)
            .align_to(ticks, LEFT)
        )

        def bar(passes, x: float, color: str) -> Rectangle:
            height = axis.n2p(fig.log10(passes))[1] - base
            return Rectangle(
                width=BAR_WIDTH,
                height=max(height, 0.02),
                color=color,
                fill_opacity=0.8,
                stroke_width=2,
            ).move_to([x, base, 0], aligned_edge=DOWN)

        groups = VGroup()
        for i, passes in enumerate(fig.NUDGING):
            x = -2.4 + 3.0 * i
            nudge_bar = bar(passes, x - 0.35, NUDGING_COLOR)
            back_bar = bar(fig.BACKPROP_PASSES, x + 0.35, GRADIENT_COLOR)
            nudge_value = MathTex(S["nudging"][i], font_size=SMALL_SIZE, color=NUDGING_COLOR)
            nudge_value.next_to(nudge_bar, UP, buff=0.12)
            back_value = MathTex(
                rf"\approx {S['backprop']}", font_size=SMALL_SIZE, color=GRADIENT_COLOR
            )
            back_value.next_to(back_bar, UP, buff=0.12)
            name = MathTex(rf"n = {S['counts'][i]}", font_size=LABEL_SIZE, color=WEIGHT_COLOR)
            name.move_to([x, base - 0.4, 0])
            groups.add(VGroup(name, nudge_bar, nudge_value, back_bar, back_value))
        legend = VGroup(
            Tex(r"nudging", font_size=SMALL_SIZE, color=NUDGING_COLOR),
            Tex(r"backpropagation", font_size=SMALL_SIZE, color=GRADIENT_COLOR),
        ).arrange(RIGHT, buff=0.6)
        legend.to_edge(UP, buff=0.5).align_to([6.3, 0, 0], RIGHT)
        ratio = VGroup(
            MathTex(
                rf"\text{{at }} n = {S['counts'][2]}\text{{, nudging costs}}", font_size=LABEL_SIZE
            ),
            MathTex(
                rf"\text{{over }} 10^{{{S['billion_ratio_exponent']}}} \text{{ times as much}}",
                font_size=LABEL_SIZE,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        ratio.set_color(HIGHLIGHT_COLOR).move_to([-0.9, 1.2, 0])
        with self.beat("bars") as beat:
            self.play(FadeOut(VGroup(heading, nudging, backprop)), run_time=FAST)
            self.play(Create(axis), FadeIn(ticks), FadeIn(axis_name), FadeIn(legend))
            for group, mark in zip(groups, ("ten", "thousand", "billion"), strict=True):
                beat.wait_until(mark)
                self.play(
                    FadeIn(group[0]),
                    GrowFromEdge(group[1], DOWN),
                    FadeIn(group[2]),
                    GrowFromEdge(group[3], DOWN),
                    FadeIn(group[4]),
                    run_time=NORMAL,
                )
            self.play(FadeIn(ratio), run_time=FAST)
            beat.wait_until("flat")
            self.play(*(Indicate(g[3], color=HIGHLIGHT_COLOR) for g in groups), run_time=NORMAL)

        price = lines(
            Tex(r"the price: memory", font_size=HEADING_SIZE, color=HIGHLIGHT_COLOR),
            Tex(
                r"every intermediate value of the forward pass\\is kept until the backward pass uses it",
                font_size=BODY_SIZE,
                tex_environment="flushleft",
            ),
        ).move_to([0, 0, 0])
        bars_picture = VGroup(axis, ticks, axis_name, groups, legend, ratio)
        with self.beat("memory") as beat:
            self.play(FadeOut(bars_picture), FadeIn(price[0]), run_time=beat.until("stored"))
            self.play(FadeIn(price[1], shift=UP * 0.2), run_time=FAST)

        # -- forward mode against reverse mode: fan out from one input, fan in to one output --------
        def fan(centre: np.ndarray, reverse: bool) -> VGroup:
            """One node joined to five: out from one input (forward mode) or, arrows pointing
            back, from one loss to every input (reverse mode)."""
            many = VGroup(*(Dot(radius=0.08) for _ in range(5))).arrange(DOWN, buff=0.38)
            one = Dot(radius=0.1)
            if reverse:
                many.set_color(WEIGHT_COLOR).move_to(centre + LEFT * 1.3)
                one.set_color(LOSS_COLOR).move_to(centre + RIGHT * 1.3)
            else:
                many.set_color(LOSS_COLOR).move_to(centre + RIGHT * 1.3)
                one.set_color(WEIGHT_COLOR).move_to(centre + LEFT * 1.3)
            arrows = VGroup(
                *(
                    Arrow(
                        one.get_center(),
                        d.get_center(),
                        buff=0.14,
                        stroke_width=3,
                        tip_length=0.16,
                        color=GRADIENT_COLOR if reverse else TEXT_COLOR,
                    )
                    for d in many
                )
            )
            return VGroup(many, one, arrows)

        forward_fan = fan(np.array([-3.3, 0.1, 0]), reverse=False)
        reverse_fan = fan(np.array([3.3, 0.1, 0]), reverse=True)
        forward_words = Tex(
            r"forward mode, one pass:\\every output, along\\one input direction",
            font_size=LABEL_SIZE,
        ).next_to(forward_fan, DOWN, buff=0.35)
        reverse_words = Tex(
            r"reverse mode, one pass:\\one output, with respect\\to every input",
            font_size=LABEL_SIZE,
            color=GRADIENT_COLOR,
        ).next_to(reverse_fan, DOWN, buff=0.35)
        ends = VGroup(
            Tex("input", font_size=SMALL_SIZE, color=MUTED_COLOR).next_to(forward_fan[1], UP),
            Tex("outputs", font_size=SMALL_SIZE, color=MUTED_COLOR).next_to(forward_fan[0], UP),
            Tex("weights", font_size=SMALL_SIZE, color=MUTED_COLOR).next_to(reverse_fan[0], UP),
            Tex("loss", font_size=SMALL_SIZE, color=LOSS_COLOR).next_to(reverse_fan[1], UP),
        )
        question = Tex(r"Why backwards?", font_size=HEADING_SIZE).to_edge(UP, buff=0.5)
        one_number = Tex(
            r"the loss is one number: one backward pass gives every $\partial L/\partial w$",
            font_size=LABEL_SIZE,
            color=HIGHLIGHT_COLOR,
        ).to_edge(DOWN, buff=0.5)
        with self.beat("why_backwards") as beat:
            self.play(FadeOut(price), FadeIn(question), run_time=beat.until("forward_mode"))
            self.play(FadeIn(forward_fan), FadeIn(forward_words), FadeIn(ends[:2]), run_time=NORMAL)

        with self.beat("reverse_mode") as beat:
            self.play(FadeIn(reverse_fan), FadeIn(reverse_words), FadeIn(ends[2:]), run_time=NORMAL)
            beat.wait_until("one_output")
            self.play(FadeIn(one_number, shift=UP * 0.2), run_time=FAST)

        framework = lines(
            Tex(r"1. forward: record each operation and its values", font_size=BODY_SIZE),
            Tex(r"2. backward: walk the graph from the loss", font_size=BODY_SIZE),
            Tex(r"3. on whole arrays of numbers at a time", font_size=BODY_SIZE),
            buff=0.45,
        ).move_to([0, -0.2, 0])
        framework[1].set_color(GRADIENT_COLOR)
        call = MathTex(r"\texttt{loss.backward()}", font_size=HEADING_SIZE).to_edge(UP, buff=0.6)
        with self.beat("frameworks") as beat:
            self.play(
                FadeOut(VGroup(question, forward_fan, forward_words, reverse_fan, reverse_words)),
                FadeOut(VGroup(ends, one_number)),
                FadeIn(call),
                run_time=beat.until("record"),
            )
            for row, mark in zip(framework, ("record", "walk", "tensors"), strict=True):
                beat.wait_until(mark)
                self.play(FadeIn(row, shift=UP * 0.2), run_time=FAST)

"""The gradient on the contour map: level curves, the gradient crossing the level curve through
(5, 2) at a right angle, and the slope ∇L · u as a unit arrow u sweeps round the point."""

from __future__ import annotations

import numpy as np
from manim import *

from mathreel import NarratedScene, play_countdown, redraw, show_value
from scenes import gradient_direction_figures as fig
from scenes import partial_derivatives_figures as pd
from scenes.common.contour_map import level_curves, weight_names, weight_plane
from scenes.common.style import (
    BODY_SIZE,
    FAST,
    GRADIENT_COLOR,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    LOSS_COLOR,
    MUTED_COLOR,
    NORMAL,
    POINT_COLOR,
    TANGENT_COLOR,
    TEXT_COLOR,
    THEME,
)

S = fig.SHOWN
P = (float(pd.POINT[0]), float(pd.POINT[1]))
#: Left edge of the panel beside the map.
PANEL_X = 1.45
#: Seconds of silence after the prediction prompt, counted down on screen.
PREDICTION_PAUSE = 4
COUNTDOWN_CENTRE = np.array([5.2, -2.45, 0])


def panel(*rows: Mobject, top: float = 3.0) -> VGroup:
    group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
    return group.move_to([PANEL_X, top, 0], aligned_edge=UL)


def words(text: str, color: str = TEXT_COLOR) -> Tex:
    return Tex(text, font_size=LABEL_SIZE, color=color, tex_environment="flushleft")


class PointTheGradientUphill(NarratedScene):
    def construct(self) -> None:
        axes = weight_plane([-0.3, 6.5, 1], [-1, 3.2, 1], 1.0, [-2.85, -0.5, 0])
        names = weight_names(axes)
        curves = level_curves(axes, fig.LEVELS)
        own = curves[list(fig.LEVELS).index(fig.LEVEL)]
        centre = Dot(axes.c2p(*(float(v) for v in pd.MINIMUM)), radius=0.07, color=LOSS_COLOR)
        point = Dot(axes.c2p(*P), radius=0.09, color=POINT_COLOR)
        point_label = (
            MathTex(rf"({S['p_w1']}, {S['p_w2']})", font_size=LABEL_SIZE, color=POINT_COLOR)
            .next_to(point, RIGHT, buff=0.25)
            .shift(UP * 0.12)
        )
        centre_label = MathTex(
            rf"({S['min_w1']}, {S['min_w2']})", font_size=LABEL_SIZE, color=LOSS_COLOR
        ).next_to(centre, DOWN, buff=0.15)
        title = words(r"level curves:\\where $L$ is constant", LOSS_COLOR)
        same = words(r"the same scale\\on both axes", MUTED_COLOR)
        top_text = panel(title, same)

        with self.beat("contour_map") as beat:
            self.play(Create(axes), FadeIn(names), run_time=NORMAL)
            self.play(
                Create(curves),
                FadeIn(centre),
                FadeIn(centre_label),
                FadeIn(title),
                run_time=beat.until("equal"),
            )
            self.play(FadeIn(same), run_time=FAST)

        ellipse = MathTex(
            rf"\frac{{(w_1 - {S['min_w1']})^2}}{{{S['a2']}}} + \frac{{(w_2 - {S['min_w2']})^2}}{{{S['b2']}}} = 1",
            font_size=BODY_SIZE,
            color=LOSS_COLOR,
        )
        halves = words(rf"half-widths\\${S['a']}$ and ${S['b']}$", MUTED_COLOR)
        level_text = panel(
            MathTex(rf"L = {S['level']}", font_size=BODY_SIZE, color=LOSS_COLOR), ellipse, halves
        )

        with self.beat("level_through_point") as beat:
            self.play(FadeOut(top_text), FadeIn(point), FadeIn(point_label), run_time=FAST)
            self.play(
                own.animate.set_stroke(width=6, opacity=1),
                FadeIn(level_text[0]),
                run_time=beat.until("ellipse"),
            )
            self.play(Write(ellipse), run_time=NORMAL)
            beat.wait_until("halves")
            self.play(FadeIn(halves), run_time=FAST)

        scale = float(fig.ARROW_SCALE)
        tip = (P[0] + scale * float(pd.GRADIENT[0]), P[1] + scale * float(pd.GRADIENT[1]))
        arrow = Arrow(axes.c2p(*P), axes.c2p(*tip), buff=0, color=GRADIENT_COLOR, stroke_width=6)
        gradient_text = MathTex(
            rf"\nabla L({S['p_w1']}, {S['p_w2']}) = ({S['g1']},\ {S['g2']})",
            font_size=BODY_SIZE,
            color=GRADIENT_COLOR,
        )
        scaled = words(
            rf"drawn at $\tfrac{{1}}{{{S['scale']}}}$ of its length:\\"
            rf"$|\nabla L| = \sqrt{{{S['length_sq']}}} \approx {S['length']}$,\\"
            r"a rate (loss per unit\\weight), not a distance",
            MUTED_COLOR,
        )
        arrow_text = panel(gradient_text, scaled)

        with self.beat("gradient_arrow") as beat:
            self.play(FadeOut(level_text), run_time=FAST)
            self.play(GrowArrow(arrow), Write(gradient_text), run_time=NORMAL)
            beat.wait_until("scaled")
            self.play(FadeIn(scaled), run_time=FAST)

        step = 0.9  # the tangent segment's half-length, in weight units along (−2, 1)
        direction = np.array([float(fig.TANGENT[0]), float(fig.TANGENT[1])])
        direction /= np.linalg.norm(direction)
        tangent = Line(
            axes.c2p(*(np.array(P) - step * direction)),
            axes.c2p(*(np.array(P) + step * direction)),
            color=MUTED_COLOR,
            stroke_width=4,
        )
        corner = RightAngle(
            Line(axes.c2p(*P), axes.c2p(*(np.array(P) + direction))),
            arrow,
            length=0.25,
            color=HIGHLIGHT_COLOR,
        )
        right_text = panel(
            words(rf"the curve's tangent:\\along $({S['t1']}, {S['t2']})$"),
            MathTex(
                rf"({S['g1']})({S['t1']}) + ({S['g2']})({S['t2']}) = {S['dot']}",
                font_size=BODY_SIZE,
                color=GRADIENT_COLOR,
            ),
            words(r"the gradient crosses\\the level curve\\at a right angle", HIGHLIGHT_COLOR),
            top=3.0,
        )

        with self.beat("right_angle") as beat:
            self.play(FadeOut(arrow_text), run_time=FAST)
            self.play(Create(tangent), FadeIn(right_text[0]), run_time=beat.until("dot"))
            self.play(Write(right_text[1]), run_time=NORMAL)
            beat.wait_until("right")
            self.play(Create(corner), FadeIn(right_text[2]), run_time=FAST)

        # -- the slope in every direction -----------------------------------------------------------
        angle = ValueTracker(0.0)

        def unit_arrow() -> Arrow:
            a = angle.get_value()
            end = (P[0] + np.cos(a), P[1] + np.sin(a))
            return Arrow(axes.c2p(*P), axes.c2p(*end), buff=0, color=TEXT_COLOR, stroke_width=5)

        u_arrow = redraw(unit_arrow)
        u_label = redraw(
            lambda: MathTex("u", font_size=BODY_SIZE, color=TEXT_COLOR).move_to(
                axes.c2p(
                    P[0] + 1.35 * np.cos(angle.get_value()),
                    P[1] + 1.35 * np.sin(angle.get_value()),
                )
            )
        )
        formula = MathTex(
            r"\text{slope} = \nabla L \cdot u",
            font_size=BODY_SIZE,
            color=TANGENT_COLOR,
        )
        entries = MathTex(
            rf"= {S['g1']}\,u_1 + {S['g2']}\,u_2", font_size=BODY_SIZE, color=TANGENT_COLOR
        )
        unit = words(rf"$u$: a unit arrow,\\length ${S['unit']}$")
        named = words(r"the directional derivative", MUTED_COLOR)
        readout_label = MathTex(r"\nabla L \cdot u =", font_size=BODY_SIZE + 4, color=TANGENT_COLOR)
        readout = DecimalNumber(
            fig.slope_at_angle(0.0),
            num_decimal_places=2,
            font_size=BODY_SIZE + 4,
            color=TANGENT_COLOR,
        )
        readout.add_updater(
            lambda m: show_value(m, fig.slope_at_angle(angle.get_value())).next_to(
                readout_label, RIGHT, buff=0.2
            )
        )
        sweep_text = panel(unit, formula, entries, named, VGroup(readout_label), top=3.0)
        readout.next_to(readout_label, RIGHT, buff=0.2)

        with self.beat("directional_slope") as beat:
            self.play(FadeOut(right_text), FadeOut(corner), FadeOut(tangent), run_time=FAST)
            self.play(
                FadeOut(point_label),
                FadeIn(u_arrow),
                FadeIn(u_label),
                FadeIn(unit),
                run_time=beat.until("dot"),
            )
            self.play(Write(formula), run_time=NORMAL)
            beat.wait_until("entries")
            self.play(Write(entries), FadeIn(named), run_time=NORMAL)

        ask = words(r"Which direction $u$\\gives the largest slope?", HIGHLIGHT_COLOR)
        ask.next_to(sweep_text, DOWN, buff=0.5, aligned_edge=LEFT)

        with self.beat("predict_steepest") as beat:
            self.play(FadeIn(ask), run_time=FAST)
            countdown = play_countdown(
                self, beat, PREDICTION_PAUSE, "times_up", COUNTDOWN_CENTRE, theme=THEME
            )

        def turn_to(name: str, run_time: float) -> None:
            self.play(angle.animate.set_value(fig.ANGLES[name]), run_time=run_time)

        with self.beat("sweep") as beat:
            self.play(FadeOut(countdown), FadeOut(ask), FadeIn(readout_label), FadeIn(readout))
            beat.wait_until("w2")
            turn_to("w2", 1.0)
            beat.wait_until("diagonal")
            turn_to("diagonal", 0.8)

        with self.beat("steepest") as beat:
            turn_to("gradient", beat.until("length"))
            self.play(Indicate(arrow, color=HIGHLIGHT_COLOR), run_time=NORMAL)
            beat.wait_until("flat")
            turn_to("level", 1.2)
            beat.wait_until("against")
            self.play(angle.animate.set_value(fig.ANGLES["against"] + TAU), run_time=1.2)

        summary = panel(
            words(r"$\nabla L$: the direction\\of steepest ascent", GRADIENT_COLOR),
            words(r"its length: that\\steepest slope", GRADIENT_COLOR),
            words(r"perpendicular to\\the level curve", GRADIENT_COLOR),
            words(r"$-\nabla L$: the direction\\of steepest descent", TEXT_COLOR),
            top=3.0,
        )

        with self.beat("summary") as beat:
            readout.clear_updaters()
            self.play(FadeOut(VGroup(sweep_text, readout, u_arrow, u_label)), run_time=FAST)
            self.play(
                LaggedStart(*(FadeIn(r, shift=UP * 0.2) for r in summary[:3]), lag_ratio=0.6),
                run_time=beat.until("descent"),
            )
            self.play(FadeIn(summary[3], shift=UP * 0.2), run_time=FAST)

        why = panel(
            words(r"along a level curve,\\$L$ does not change:"),
            MathTex(r"\nabla L \cdot u = 0", font_size=BODY_SIZE, color=TANGENT_COLOR),
            words(r"so $u \perp \nabla L$,\\wherever $\nabla L \neq 0$"),
            top=3.0,
        )

        with self.beat("why_perpendicular") as beat:
            self.play(FadeOut(summary), Create(tangent), run_time=FAST)
            self.play(FadeIn(why[0]), run_time=beat.until("zero"))
            self.play(Write(why[1]), run_time=FAST)
            beat.wait_until("perpendicular")
            self.play(FadeIn(why[2]), Create(corner), run_time=FAST)

"""Three questions on the derivative, each posed, left for the viewer to think about, then answered."""

from __future__ import annotations

import numpy as np
import sympy as sp
from manim import *

from mathreel import NarratedScene, plain_axes, play_countdown
from scenes import check_understanding_figures as fig
from scenes import check_understanding_quiz as quiz
from scenes.common.calculus import numeric, sign_word
from scenes.common.drawing import tangent_segment
from scenes.common.quiz_drawing import (
    QUIZ_TEXT_LEFT,
    play_question,
    play_quiz_title,
    question_block,
    reveal_choice,
)
from scenes.common.style import (
    BODY_SIZE,
    FAST,
    FUNCTION_COLOR,
    HEADING_SIZE,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    LOSS_COLOR,
    MUTED_COLOR,
    NORMAL,
    POINT_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
    THEME,
    WEIGHT_COLOR,
)

#: Left edge of question and choice text.
TEXT_LEFT = QUIZ_TEXT_LEFT
#: Where a graph sits under an answer, and where its readouts go.
GRAPH_CENTRE = np.array([-2.6, -1.05, 0])
READOUT_X = 3.3
#: The countdown ring, bottom right, clear of the choices.
COUNTDOWN_CENTRE = np.array([5.2, -2.45, 0])


def _answer_axes(
    x_range: list[float],
    y_range: list[float],
    x_length: float,
    y_length: float,
    centre: np.ndarray = GRAPH_CENTRE,
) -> Axes:
    """Plain axes for an answer's worked example, left of the readouts."""
    return plain_axes(x_range, y_range, (x_length, y_length), centre, THEME)


class CheckUnderstanding(NarratedScene):
    def countdown(self, beat) -> None:
        """The thinking pause, counted down on screen for exactly as long as the narration is silent."""
        self.countdown_parts = play_countdown(
            self, beat, fig.think_seconds(beat.plan), fig.TIMES_UP, COUNTDOWN_CENTRE, theme=THEME
        )

    def construct(self) -> None:
        with self.beat("intro") as beat:
            opening = play_quiz_title(self, beat, r"three questions")

        # -- Q1: what does f'(x0) measure? ------------------------------------------------------------
        with self.beat("q1_ask") as beat:
            q1, q1_choices = play_question(
                self, beat, 1, quiz.Q1, TEXT_LEFT, top=1.2, clear=opening
            )
            self.countdown(beat)

        with self.beat("q1_answer") as beat:
            answer = reveal_choice(
                self,
                beat,
                q1_choices,
                quiz.Q1.answer,
                q1,
                self.countdown_parts,
                "graph",
                TEXT_LEFT,
            )

            axes = _answer_axes([-1, 3, 1], [-1, 6, 1], 5.4, 5.0)
            f = numeric(fig.Q1_CURVE)
            at = float(fig.Q1_AT)
            curve = axes.plot(f, x_range=[-1, 2.42], color=FUNCTION_COLOR)
            # The tangent is drawn from its sympy line, long enough to be the slope triangle's side.
            tangent = axes.plot(
                numeric(fig.Q1_TANGENT),
                x_range=[at - 0.55, at + float(fig.Q1_RUN) + 0.15],
                color=TANGENT_COLOR,
            )
            point = Dot(axes.c2p(at, f(at)), color=POINT_COLOR, radius=0.08)
            x0_tick = MathTex(
                rf"x_0 = {fig.SHOWN['q1_at']}", font_size=LABEL_SIZE, color=POINT_COLOR
            ).next_to(axes.c2p(at, 0), DOWN, buff=0.2)
            x0_line = DashedLine(
                axes.c2p(at, 0), axes.c2p(at, f(at)), color=POINT_COLOR, stroke_width=2
            )
            # Slope triangle: one unit across, the slope's worth up, along the tangent.
            run, rise = float(fig.Q1_RUN), float(fig.Q1_RISE)
            run_line = DashedLine(
                axes.c2p(at, f(at)), axes.c2p(at + run, f(at)), color=TANGENT_COLOR, stroke_width=3
            )
            rise_line = DashedLine(
                axes.c2p(at + run, f(at)),
                axes.c2p(at + run, f(at) + rise),
                color=TANGENT_COLOR,
                stroke_width=3,
            )
            run_label = MathTex(
                fig.SHOWN["q1_run"], font_size=LABEL_SIZE, color=TANGENT_COLOR
            ).next_to(run_line, DOWN, buff=0.12)
            rise_label = MathTex(
                fig.SHOWN["q1_rise"], font_size=LABEL_SIZE, color=TANGENT_COLOR
            ).next_to(rise_line, RIGHT, buff=0.12)
            func_label = MathTex(
                "f(x) = " + sp.latex(fig.Q1_CURVE), font_size=LABEL_SIZE + 2, color=FUNCTION_COLOR
            )
            slope_label = MathTex(
                rf"f'({fig.SHOWN['q1_at']}) = {fig.SHOWN['q1_slope']}",
                font_size=BODY_SIZE + 2,
                color=TANGENT_COLOR,
            )
            # A rate, not a rise of the curve: the triangle is on the tangent (x² itself rises 4
            # from 1.5 to 2.5), and near x₀ a small step Δx raises f by about f′(x₀)·Δx.
            rate_label = VGroup(
                Tex(
                    rf"along the tangent: {fig.SHOWN['q1_rise']} up per {fig.SHOWN['q1_run']} across",
                    font_size=SMALL_SIZE,
                    color=TANGENT_COLOR,
                ),
                Tex(
                    rf"near $x_0$: a small step $\Delta x$\\raises $f$ by about ${fig.SHOWN['q1_slope']}\,\Delta x$",
                    font_size=SMALL_SIZE,
                    color=TEXT_COLOR,
                ),
            ).arrange(DOWN, buff=0.3)
            readouts = VGroup(func_label, slope_label, rate_label).arrange(DOWN, buff=0.45)
            readouts.move_to([READOUT_X, -0.9, 0])
            self.play(Create(axes), Create(curve), FadeIn(func_label), run_time=NORMAL)
            self.play(FadeIn(point), Create(x0_line), FadeIn(x0_tick), run_time=FAST)
            self.play(Create(tangent), Write(slope_label), run_time=NORMAL)
            self.play(
                Create(run_line),
                FadeIn(run_label),
                Create(rise_line),
                FadeIn(rise_label),
                FadeIn(rate_label),
                run_time=NORMAL,
            )
            q1_graph = VGroup(
                axes,
                curve,
                tangent,
                point,
                x0_tick,
                x0_line,
                run_line,
                rise_line,
                run_label,
                rise_label,
            )
            q1_rest = VGroup(answer, readouts)

        # -- Q2: is a zero derivative always a minimum? -------------------------------------------------
        with self.beat("q2_ask") as beat:
            q2 = question_block(TEXT_LEFT, 2, r"True or false?")
            statement = Tex(
                r"If $f'(x_0) = 0$, then $x_0$ must be a local minimum of $f$.",
                font_size=BODY_SIZE + 2,
                color=TEXT_COLOR,
            ).next_to(q2, DOWN, buff=0.5, aligned_edge=LEFT)
            true_card, false_card = (
                Tex(c.text, font_size=HEADING_SIZE, color=TEXT_COLOR) for c in quiz.Q2.choices
            )
            cards = VGroup(true_card, false_card).arrange(RIGHT, buff=2.4).move_to(DOWN * 0.6)
            frames = VGroup(
                *(
                    SurroundingRectangle(
                        c, color=MUTED_COLOR, buff=0.3, corner_radius=0.1
                    ).stretch_to_fit_width(2.6)
                    for c in cards
                )
            )
            self.play(FadeOut(q1_graph), FadeOut(q1_rest), run_time=FAST)
            self.play(
                FadeIn(q2, shift=DOWN * 0.2), FadeIn(statement, shift=DOWN * 0.2), run_time=NORMAL
            )
            self.play(FadeIn(cards), Create(frames), run_time=beat.until("think"))
            self.countdown(beat)

        with self.beat("q2_answer") as beat:
            verdict = (true_card, false_card)[quiz.Q2.answer]
            wrong = true_card if verdict is false_card else false_card
            wrong_frame = frames[0] if wrong is true_card else frames[1]
            right_frame = frames[1] if wrong is true_card else frames[0]
            self.play(
                FadeOut(self.countdown_parts),
                # The wrong card and the question tag leave now, so the statement's and the
                # verdict's moves to the top cross nothing.
                FadeOut(VGroup(wrong, wrong_frame), shift=DOWN * 0.2),
                FadeOut(q2),
                right_frame.animate.set_color(HIGHLIGHT_COLOR),
                run_time=min(FAST, beat.until("cubic")),
            )
            # Keep the statement on screen with the verdict under it (the statement fills the top
            # line), and bring in x^3.
            verdict_group = VGroup(verdict, right_frame)
            self.play(
                statement.animate.to_edge(UP, buff=0.5).align_to([TEXT_LEFT, 0, 0], LEFT),
                verdict_group.animate.scale(0.8)
                .to_edge(UP, buff=1.3)
                .align_to([TEXT_LEFT, 0, 0], LEFT),
                run_time=NORMAL,
            )
            axes2 = _answer_axes([-1.5, 1.5, 0.5], [-3, 3, 1], 4.6, 4.6)
            g = numeric(fig.Q2_CURVE)
            dg = numeric(fig.Q2_DERIVATIVE)
            curve2 = axes2.plot(g, x_range=[-1.42, 1.42], color=FUNCTION_COLOR)
            at2 = float(fig.Q2_AT)
            flat = tangent_segment(axes2, g, dg(at2), at2, 2.8)
            point2 = Dot(axes2.c2p(at2, g(at2)), color=POINT_COLOR, radius=0.08)
            # Above the curve, which is redrawn under them as x^3 becomes the hill.
            VGroup(flat, point2).set_z_index(1)
            cubic_label = MathTex(
                "f(x) = " + sp.latex(fig.Q2_CURVE), font_size=LABEL_SIZE + 2, color=FUNCTION_COLOR
            )
            deriv_label = MathTex(
                r"f'(x) = " + sp.latex(fig.Q2_DERIVATIVE),
                font_size=LABEL_SIZE + 2,
                color=TANGENT_COLOR,
            )
            zero_label = MathTex(
                rf"f'({fig.SHOWN['q2_at']}) = {fig.SHOWN['q2_slope']}",
                font_size=BODY_SIZE + 2,
                color=TANGENT_COLOR,
            )
            top_readouts = VGroup(cubic_label, deriv_label, zero_label).arrange(DOWN, buff=0.35)
            top_readouts.move_to([READOUT_X, 1.0, 0])
            stacked = VGroup(
                *(
                    MathTex(
                        rf"f({fig.SHOWN[at_key]}) = {fig.SHOWN[value_key]}",
                        font_size=LABEL_SIZE,
                        color=TEXT_COLOR,
                    )
                    for at_key, value_key in (
                        ("q2_right_at", "q2_right"),
                        ("q2_at", "q2_centre"),
                        ("q2_left_at", "q2_left"),
                    )
                )
            )
            # Largest value on top, so "rising" reads upward like the curve.
            stacked.arrange(DOWN, aligned_edge=LEFT, buff=0.25).move_to([READOUT_X + 0.4, -1.35, 0])
            rising_arrow = Arrow(
                stacked.get_corner(DL) + LEFT * 0.35,
                stacked.get_corner(UL) + LEFT * 0.35,
                buff=0,
                color=MUTED_COLOR,
                stroke_width=3,
            )
            rising = Tex(r"rising", font_size=SMALL_SIZE, color=MUTED_COLOR)
            rising.next_to(rising_arrow, LEFT, buff=0.12)
            neither = Tex(
                r"neither a minimum nor a maximum", font_size=LABEL_SIZE, color=TEXT_COLOR
            )
            neither.move_to([READOUT_X, -3.0, 0])
            self.play(Create(axes2), Create(curve2), FadeIn(cubic_label), run_time=NORMAL)
            self.play(FadeIn(deriv_label), run_time=FAST)
            self.play(Write(zero_label), Create(flat), FadeIn(point2), run_time=NORMAL)
            beat.wait_until("sides")
            self.play(
                LaggedStart(
                    *(FadeIn(s, shift=UP * 0.15) for s in reversed(stacked)), lag_ratio=0.6
                ),
                run_time=2 * NORMAL,
            )
            self.play(GrowArrow(rising_arrow), FadeIn(rising), run_time=FAST)
            beat.wait_until("neither")
            self.play(FadeIn(neither, shift=UP * 0.2), run_time=NORMAL)

        with self.beat("q2_maximum") as beat:
            # The same flat tangent at 0, now on a hill: f'(0) = 0 at a local maximum.
            evidence = VGroup(stacked, rising, rising_arrow, neither)
            hill = axes2.plot(numeric(fig.Q2_HILL), x_range=[-1.42, 1.42], color=FUNCTION_COLOR)
            hill_label = MathTex(
                "f(x) = " + sp.latex(fig.Q2_HILL), font_size=LABEL_SIZE + 2, color=FUNCTION_COLOR
            ).move_to(cubic_label)
            hill_deriv = MathTex(
                r"f'(x) = " + sp.latex(fig.Q2_HILL_DERIVATIVE),
                font_size=LABEL_SIZE + 2,
                color=TANGENT_COLOR,
            ).move_to(deriv_label)
            hill_zero = MathTex(
                rf"f'({fig.SHOWN['q2_at']}) = {fig.SHOWN['q2_hill_slope']}",
                font_size=BODY_SIZE + 2,
                color=TANGENT_COLOR,
            ).move_to(zero_label)
            maximum = Tex(r"a local maximum", font_size=LABEL_SIZE, color=TEXT_COLOR)
            maximum.next_to(hill_zero, DOWN, buff=0.5)
            self.play(FadeOut(evidence), run_time=min(FAST, beat.until("hill")))
            beat.wait_until("hill")
            self.play(
                ReplacementTransform(curve2, hill),
                ReplacementTransform(cubic_label, hill_label),
                ReplacementTransform(deriv_label, hill_deriv),
                ReplacementTransform(zero_label, hill_zero),
                run_time=NORMAL,
            )
            self.play(FadeIn(maximum, shift=UP * 0.2), run_time=FAST)
            q2_all = VGroup(
                statement,
                verdict_group,
                axes2,
                hill,
                flat,
                point2,
                hill_label,
                hill_deriv,
                hill_zero,
                maximum,
            )

        # -- Q3: which way does a step go from w = 1, where the slope is negative? ----------------------
        with self.beat("q3_ask") as beat:
            # The voice gives the setting before the question: the screen shows it too.
            given = MathTex(
                rf"L(w) = {sp.latex(fig.LOSS)},\qquad L'({fig.SHOWN['w_start']}) = "
                rf"{fig.SHOWN['slope_at_start']}",
                font_size=BODY_SIZE + 2,
                color=LOSS_COLOR,
            )
            given[0][-len(fig.SHOWN["slope_at_start"]) - 6 :].set_color(TANGENT_COLOR)
            q3, q3_choices = play_question(
                self, beat, 3, quiz.Q3, TEXT_LEFT, clear=q2_all, given=given
            )
            self.countdown(beat)

        with self.beat("q3_answer") as beat:
            reveal_choice(
                self,
                beat,
                q3_choices,
                quiz.Q3.answer,
                VGroup(q3, given),
                self.countdown_parts,
                "example",
                TEXT_LEFT,
            )
            axes3 = _answer_axes([0, 5, 1], [0, 6, 1], 6.0, 4.6, centre=GRAPH_CENTRE + LEFT * 0.2)
            loss = numeric(fig.LOSS, fig.w)
            dloss = numeric(fig.LOSS_DERIVATIVE, fig.w)
            # Starts clear of the vertical axis, so the curve never runs along it.
            curve3 = axes3.plot(loss, x_range=[0.6, 5.4], color=LOSS_COLOR)
            # Beside the axis end rather than under it, so the label stays inside the safe area.
            w_axis_label = MathTex("w", font_size=LABEL_SIZE, color=WEIGHT_COLOR).next_to(
                axes3.x_axis.get_right(), RIGHT, buff=0.15
            )
            w0 = float(fig.W_START)
            w1 = float(fig.W_NEW)
            start_dot = Dot(axes3.c2p(w0, loss(w0)), color=POINT_COLOR, radius=0.08)
            tangent3 = tangent_segment(axes3, loss, dloss(w0), w0, 1.5)
            w0_mark = Dot(axes3.c2p(w0, 0), color=WEIGHT_COLOR, radius=0.07)
            # Weight values label the dots on the curve; under the axis they would collide. The
            # tangent falls to the right of the start, so its label sits up and to the right.
            w0_tick = MathTex(
                rf"w = {fig.SHOWN['w_start']}", font_size=LABEL_SIZE, color=WEIGHT_COLOR
            ).next_to(start_dot, UR, buff=0.2)
            loss_label = MathTex(
                "L(w) = " + sp.latex(fig.LOSS), font_size=LABEL_SIZE + 2, color=LOSS_COLOR
            )
            slope3 = MathTex(
                rf"L'({fig.SHOWN['w_start']}) = {fig.SHOWN['slope_at_start']}",
                font_size=BODY_SIZE + 2,
                color=TANGENT_COLOR,
            )
            moves = "increase" if fig.SLOPE_AT_START < 0 else "decrease"
            sign = Tex(
                rf"{sign_word(fig.SLOPE_AT_START)}: $w$ should {moves}",
                font_size=LABEL_SIZE,
                color=TEXT_COLOR,
            )
            readouts3 = VGroup(loss_label, slope3, sign).arrange(DOWN, buff=0.4)
            readouts3.move_to([READOUT_X + 0.3, 0.2, 0])
            self.play(
                Create(axes3), Create(curve3), FadeIn(loss_label, w_axis_label), run_time=NORMAL
            )
            self.play(FadeIn(start_dot), FadeIn(w0_mark), FadeIn(w0_tick), run_time=FAST)
            self.play(Create(tangent3), Write(slope3), run_time=min(NORMAL, beat.until("sign")))
            beat.wait_until("sign")
            self.play(FadeIn(sign, shift=UP * 0.2), run_time=FAST)

        with self.beat("q3_step") as beat:
            # The step in the order it is spoken: its size, the new weight, the new loss.
            step_size = MathTex(
                r"\eta\, L'(" + fig.SHOWN["w_start"] + ") = ",
                rf"{fig.SHOWN['eta']} \cdot ({fig.SHOWN['slope_at_start']})",
                rf"= {fig.SHOWN['step_size']}",
                font_size=LABEL_SIZE + 2,
                color=WEIGHT_COLOR,
            )
            move = MathTex(
                rf"w:\ {fig.SHOWN['w_start']} - ({fig.SHOWN['step_size']}) = {fig.SHOWN['w_new']}",
                font_size=LABEL_SIZE + 2,
                color=WEIGHT_COLOR,
            )
            loss_drop = MathTex(
                rf"L:\ {fig.SHOWN['loss_start']} \ \to\ {fig.SHOWN['loss_new']}",
                font_size=LABEL_SIZE + 2,
                color=LOSS_COLOR,
            )
            steps = VGroup(step_size, move, loss_drop).arrange(DOWN, buff=0.4)
            steps.next_to(slope3, DOWN, buff=0.45)
            new_mark = Dot(axes3.c2p(w1, 0), color=WEIGHT_COLOR, radius=0.07)
            step_arrow = Arrow(
                axes3.c2p(w0, 0) + UP * 0.22,
                axes3.c2p(w1, 0) + UP * 0.22,
                buff=0,
                color=WEIGHT_COLOR,
                stroke_width=5,
                max_tip_length_to_length_ratio=0.45,
            )
            new_dot = Dot(axes3.c2p(w1, loss(w1)), color=POINT_COLOR, radius=0.08)
            new_tick = MathTex(
                rf"w = {fig.SHOWN['w_new']}", font_size=LABEL_SIZE, color=WEIGHT_COLOR
            ).next_to(new_dot, RIGHT, buff=0.3)
            self.play(FadeOut(sign), run_time=FAST)
            self.play(Write(step_size), run_time=beat.until("new_weight"))
            self.play(
                FadeIn(move),
                GrowArrow(step_arrow),
                TransformFromCopy(w0_mark, new_mark),
                run_time=beat.until("loss"),
            )
            # The old label leaves as the new one arrives, so the two never overlap.
            self.play(
                TransformFromCopy(start_dot, new_dot),
                FadeOut(w0_tick),
                FadeIn(new_tick),
                FadeIn(loss_drop),
                run_time=NORMAL,
            )
            beat.wait_until("without")
            self.play(Circumscribe(slope3, color=HIGHLIGHT_COLOR), run_time=NORMAL)

"""Three transfer questions on the chain rule and backpropagation, each posed, counted down and
answered; then the close of the Derivatives module, tying its three chapters together."""

from __future__ import annotations

from manim import *

from mathreel import NarratedScene, play_countdown
from scenes import backprop_check_figures as fig
from scenes import backprop_check_quiz as quiz
from scenes.check_understanding_figures import TIMES_UP, think_seconds
from scenes.common.graph_drawing import NodePicture, backward_arrow, edge, edge_label
from scenes.common.quiz_drawing import (
    play_question,
    play_quiz_title,
    reveal_choice,
)
from scenes.common.style import (
    BODY_SIZE,
    FAST,
    GRADIENT_COLOR,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    MUTED_COLOR,
    NORMAL,
    TANGENT_COLOR,
    TEXT_COLOR,
    THEME,
    TITLE_SIZE,
    WEIGHT_COLOR,
)

S = fig.SHOWN
TEXT_LEFT = -5.9
COUNTDOWN_CENTRE = np.array([5.2, -2.45, 0])
#: Where a worked answer's lines start, under the lifted answer.
WORK_TOP = 1.6


def worked(*latex: str, color: str = TEXT_COLOR) -> VGroup:
    rows = VGroup(*(MathTex(t, font_size=BODY_SIZE, color=color) for t in latex))
    rows.arrange(DOWN, aligned_edge=LEFT, buff=0.4)
    return rows.move_to([TEXT_LEFT + 0.3, WORK_TOP, 0], aligned_edge=UL)


class CheckBackpropagation(NarratedScene):
    def ask(self, beat, number: int, question, top: float, extra: Mobject | None = None) -> tuple:
        """Pose a question: its text, its lettered choices, then the countdown."""
        block, choices = play_question(
            self, beat, number, question, TEXT_LEFT, top, extra=extra, tex_environment="flushleft"
        )
        countdown = play_countdown(
            self, beat, think_seconds(beat.plan), TIMES_UP, COUNTDOWN_CENTRE, theme=THEME
        )
        return block, choices, countdown

    def construct(self) -> None:
        with self.beat("intro") as beat:
            opening = play_quiz_title(self, beat, r"three questions on backpropagation")

        # -- Q1: the chain rule on a new composition -------------------------------------------------
        with self.beat("q1_ask") as beat:
            self.play(FadeOut(opening), run_time=FAST)
            q1, q1_choices, countdown = self.ask(beat, 1, quiz.Q1, top=1.0)

        q1_work = worked(
            rf"u = 2x - 1 = {S['q1_u']},\quad \frac{{du}}{{dx}} = {S['q1_inner']}",
            rf"\frac{{dy}}{{du}} = 3u^2 = {S['q1_outer']}",
            rf"\frac{{dy}}{{dx}} = {S['q1_outer']} \times {S['q1_inner']} = {S['q1_answer']}",
        )
        q1_work[1:].set_color(TANGENT_COLOR)
        slip = Tex(
            rf"not ${S['q1_outer']} + {S['q1_inner']} = {S['q1_added']}$: along a chain, rates multiply",
            font_size=LABEL_SIZE,
            color=MUTED_COLOR,
        ).next_to(q1_work, DOWN, buff=0.5, aligned_edge=LEFT)
        with self.beat("q1_answer") as beat:
            answer = reveal_choice(
                self, beat, q1_choices, quiz.Q1.answer, q1, countdown, "inner", TEXT_LEFT
            )
            self.play(FadeIn(q1_work[0]), run_time=FAST)
            beat.wait_until("outer")
            self.play(FadeIn(q1_work[1]), run_time=FAST)
            beat.wait_until("multiply")
            self.play(FadeIn(q1_work[2]), run_time=FAST)
            self.play(FadeIn(slip), run_time=FAST)

        # -- Q2: a node used twice -------------------------------------------------------------------
        g1, g2 = S["q2_arriving"]
        w = NodePicture("w", None, [1.6, 0.45, 0], color=WEIGHT_COLOR)
        x = NodePicture("x", S["q2_x"], [1.6, -0.75, 0], color=MUTED_COLOR, data=True)
        x.remove(x.empty).add(x.filled)
        h = NodePicture("h", None, [3.6, -0.15, 0])
        u = NodePicture("u", None, [5.7, 0.75, 0])
        v = NodePicture("v", None, [5.7, -1.05, 0])
        edges = VGroup(edge(w, h), edge(x, h), edge(h, u), edge(h, v))
        backs = VGroup(backward_arrow(edges[2], offset=-0.22), backward_arrow(edges[3]))
        arriving = VGroup(
            edge_label(edges[2], g1, clearance=0.45),
            edge_label(edges[3], g2, left=False, clearance=0.45),
        )
        graph = VGroup(w, x, h, u, v, edges, backs, arriving)
        with self.beat("q2_ask") as beat:
            self.play(FadeOut(VGroup(answer, q1_work, slip)), run_time=FAST)
            q2, q2_choices, countdown = self.ask(beat, 2, quiz.Q2, top=0.6, extra=graph)

        q2_work = worked(
            rf"\text{{arriving at }} h:\ {g1} + {g2} = {S['q2_sum']}",
            rf"\frac{{\partial L}}{{\partial w}} = ({S['q2_sum']}) \times {S['q2_x']} = {S['q2_answer']}",
            color=GRADIENT_COLOR,
        )
        h_sum = h.gradient(S["q2_sum"])
        w_grad = w.gradient(S["q2_answer"], side=UP)
        back_w = backward_arrow(edges[0], offset=-0.22)
        slips = VGroup(
            Tex(rf"one path only: ${S['q2_one_path']}$", font_size=LABEL_SIZE),
            Tex(rf"no local derivative: ${S['q2_sum']}$", font_size=LABEL_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        slips.set_color(MUTED_COLOR).next_to(q2_work, DOWN, buff=0.5, aligned_edge=LEFT)
        with self.beat("q2_answer") as beat:
            answer = reveal_choice(
                self, beat, q2_choices, quiz.Q2.answer, q2, countdown, "sum", TEXT_LEFT
            )
            self.play(FadeIn(q2_work[0]), TransformFromCopy(arriving, h_sum), run_time=NORMAL)
            beat.wait_until("local")
            self.play(
                FadeIn(q2_work[1]),
                GrowArrow(back_w),
                TransformFromCopy(h_sum, w_grad),
                run_time=NORMAL,
            )
            beat.wait_until("slips")
            self.play(FadeIn(slips), run_time=FAST)

        # -- Q3: the cost of a million-weight gradient ------------------------------------------------
        with self.beat("q3_ask") as beat:
            self.play(
                FadeOut(VGroup(answer, q2_work, slips, graph, h_sum, w_grad, back_w)),
                run_time=FAST,
            )
            q3, q3_choices, countdown = self.ask(beat, 3, quiz.Q3, top=0.4)

        q3_work = worked(
            rf"\text{{nudging: }} 1 + {S['q3_weights'].replace(',', '{,}')}"
            rf" = {S['q3_nudging'].replace(',', '{,}')} \text{{ forward passes}}",
            r"\text{backpropagation: 1 forward} + 1 \text{ backward}",
            rf"\approx {S['q3_backprop']} \text{{ forward passes' worth; extra price: memory}}",
        )
        q3_work[1].set_color(GRADIENT_COLOR)
        q3_work[2].set_color(GRADIENT_COLOR)
        with self.beat("q3_answer") as beat:
            answer = reveal_choice(
                self, beat, q3_choices, quiz.Q3.answer, q3, countdown, "nudging", TEXT_LEFT
            )
            self.play(FadeIn(q3_work[0]), run_time=FAST)
            beat.wait_until("backprop")
            self.play(FadeIn(q3_work[1]), run_time=FAST)
            beat.wait_until("memory")
            self.play(FadeIn(q3_work[2]), run_time=FAST)

        # -- the module's close -----------------------------------------------------------------------
        heading = Tex(r"Derivatives: the module in three steps", font_size=TITLE_SIZE - 8)
        heading.to_edge(UP, buff=0.6)
        steps = VGroup(
            Tex(r"Chapter 1\\a rate at a point", font_size=LABEL_SIZE, color=TANGENT_COLOR),
            Tex(r"Chapter 2\\the gradient:\\one rate per weight", font_size=LABEL_SIZE),
            Tex(r"Chapter 3\\all of them in\\one backward pass", font_size=LABEL_SIZE),
        ).arrange(RIGHT, buff=1.3)
        steps[1].set_color(GRADIENT_COLOR)
        steps[2].set_color(HIGHLIGHT_COLOR)
        steps.move_to([0, 0.4, 0])
        arrows = VGroup(
            *(
                Arrow(a.get_right(), b.get_left(), buff=0.2, color=MUTED_COLOR)
                for a, b in zip(steps[:-1], steps[1:], strict=True)
            )
        )
        how = Tex(
            r"the chain rule, from the loss backwards, each shared factor computed once",
            font_size=LABEL_SIZE,
            color=TEXT_COLOR,
        ).next_to(steps, DOWN, buff=0.8)
        next_step = MathTex(
            r"w \leftarrow w - \eta\,\frac{\partial L}{\partial w}",
            font_size=BODY_SIZE,
            color=WEIGHT_COLOR,
        ).next_to(how, DOWN, buff=0.5)
        with self.beat("module_close") as beat:
            self.play(FadeOut(VGroup(answer, q3_work)), FadeIn(heading), run_time=FAST)
            beat.wait_until("ch1")
            self.play(FadeIn(steps[0]), run_time=FAST)
            beat.wait_until("ch2")
            self.play(GrowArrow(arrows[0]), FadeIn(steps[1]), run_time=FAST)
            beat.wait_until("ch3")
            self.play(GrowArrow(arrows[1]), FadeIn(steps[2]), run_time=FAST)
            self.play(FadeIn(how), run_time=FAST)
            beat.wait_until("step")
            self.play(Write(next_step), run_time=NORMAL)

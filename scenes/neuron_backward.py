"""One neuron as a computational graph: its forward values filled in left to right, then the
backward pass from the loss, edge by edge right to left, each node filling in its gradient."""

from __future__ import annotations

from manim import *

from mathreel import NarratedScene, plain_axes, play_countdown
from scenes import neuron_backward_figures as fig
from scenes import vanishing_gradients_figures as vg
from scenes.check_understanding_figures import TIMES_UP, think_seconds
from scenes.common.calculus import numeric
from scenes.common.graph_drawing import NodePicture, backward_arrow, edge, edge_label
from scenes.common.style import (
    BODY_SIZE,
    FAST,
    GRADIENT_COLOR,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    LOSS_COLOR,
    MUTED_COLOR,
    NORMAL,
    SMALL_SIZE,
    TEXT_COLOR,
    THEME,
    WEIGHT_COLOR,
)

S = fig.SHOWN
#: The graph: the leaves' column, then z, a and L along the middle row.
LEAF_X, ROW_Y = -5.15, 0.45
Z_X, A_X, L_X = -1.9, 1.15, 4.2
#: Where the formula above each node sits, and the explanation rows under the graph.
FORMULA_Y = 2.2
PANEL_Y = (-2.0, -2.95)
COUNTDOWN_CENTRE = np.array([5.2, -2.45, 0])


def panel(latex: str, row: int, color: str = GRADIENT_COLOR) -> MathTex:
    return MathTex(latex, font_size=BODY_SIZE, color=color).move_to([0, PANEL_Y[row], 0])


class BackpropagateOneNeuron(NarratedScene):
    def construct(self) -> None:
        w = NodePicture("w", S["w"], [LEAF_X, ROW_Y + 1.25, 0], color=WEIGHT_COLOR)
        x = NodePicture("x", S["x"], [LEAF_X, ROW_Y, 0], color=MUTED_COLOR, data=True)
        b = NodePicture("b", S["b"], [LEAF_X, ROW_Y - 1.25, 0], color=WEIGHT_COLOR)
        z = NodePicture("z", S["z"], [Z_X, ROW_Y, 0])
        a = NodePicture("a", S["a"], [A_X, ROW_Y, 0])
        L = NodePicture("L", S["L"], [L_X, ROW_Y, 0], color=LOSS_COLOR)
        w_z, x_z, b_z, z_a, a_L = edge(w, z), edge(x, z), edge(b, z), edge(z, a), edge(a, L)
        formulas = VGroup(
            MathTex(r"z = wx + b", font_size=LABEL_SIZE).move_to([Z_X, FORMULA_Y, 0]),
            MathTex(r"a = \sigma(z)", font_size=LABEL_SIZE).move_to([A_X, FORMULA_Y, 0]),
            MathTex(r"L = (a - t)^2", font_size=LABEL_SIZE, color=LOSS_COLOR).move_to(
                [L_X, FORMULA_Y, 0]
            ),
        )
        sigma_note = Tex(
            r"$\sigma$: squashes any number to between 0 and 1",
            font_size=SMALL_SIZE,
            color=MUTED_COLOR,
        ).move_to([0, PANEL_Y[0], 0])
        # The sigmoid itself, small, while it is introduced: from 0 on the left up to 1 on the right.
        sigmoid_axes = plain_axes(
            [-6, 6, 2],
            [0, 1, 1],
            (4.4, 1.6),
            [0, 0.2, 0],
            THEME,
            axis_config={"font_size": SMALL_SIZE},
            y_axis_config={"numbers_to_include": [0, 1]},
        )
        sigmoid_curve = sigmoid_axes.plot(
            numeric(vg.SIGMOID, vg.z), x_range=[-6, 6], color=TEXT_COLOR
        )
        sigmoid_picture = VGroup(sigmoid_axes, sigmoid_curve)
        target = MathTex(
            rf"\text{{target }} t = {S['t']}", font_size=LABEL_SIZE, color=MUTED_COLOR
        ).move_to([L_X, FORMULA_Y + 0.85, 0])

        with self.beat("neuron_graph") as beat:
            beat.wait_until("z")
            self.play(FadeIn(formulas[0], shift=DOWN * 0.2), run_time=FAST)
            beat.wait_until("a")
            self.play(FadeIn(formulas[1], shift=DOWN * 0.2), FadeIn(sigma_note), run_time=FAST)
            self.play(Create(sigmoid_picture), run_time=NORMAL)

        with self.beat("loss_and_graph") as beat:
            self.play(FadeIn(formulas[2], shift=DOWN * 0.2), FadeIn(target), run_time=FAST)
            beat.wait_until("graph")
            self.play(
                FadeOut(VGroup(sigma_note, sigmoid_picture)), FadeIn(VGroup(w, x, b)), run_time=FAST
            )
            for node, arrows in ((z, (w_z, x_z, b_z)), (a, (z_a,)), (L, (a_L,))):
                self.play(*(GrowArrow(e) for e in arrows), FadeIn(node), run_time=0.5)

        forward_steps = (
            panel(rf"z = {S['w']} \times {S['x']} + ({S['b']}) = {S['z']}", 0, TEXT_COLOR),
            panel(rf"a = \sigma({S['z']}) = {S['a']}", 0, TEXT_COLOR),
            panel(
                rf"L = ({S['a']} - {S['t']})^2 = {S['L']}",
                0,
                LOSS_COLOR,
            ),
        )
        stored = Tex(r"every value is stored", font_size=SMALL_SIZE, color=MUTED_COLOR).move_to(
            [0, PANEL_Y[1], 0]
        )

        def fill(node: NodePicture, step: MathTex, *gone: Mobject) -> None:
            """A node fills in its forward value as its arithmetic shows underneath."""
            self.play(
                ReplacementTransform(node.empty, node.filled),
                *(FadeOut(m) for m in gone),
                FadeIn(step),
                run_time=FAST,
            )

        with self.beat("forward") as beat:
            for leaf in (w, x, b):
                self.play(ReplacementTransform(leaf.empty, leaf.filled), run_time=0.3)
            beat.wait_until("z")
            fill(z, forward_steps[0])

        with self.beat("forward_output") as beat:
            fill(a, forward_steps[1], forward_steps[0])
            beat.wait_until("loss")
            fill(L, forward_steps[2], forward_steps[1])
            self.play(FadeIn(stored), run_time=FAST)
        shown = forward_steps[2]

        ask = Tex(r"To lower the loss, should $w$ go up or down?", font_size=BODY_SIZE).move_to(
            [-0.8, PANEL_Y[0], 0]
        )
        with self.beat("predict_w") as beat:
            self.play(FadeOut(shown), FadeOut(stored), FadeIn(ask), run_time=FAST)
            countdown = play_countdown(
                self, beat, think_seconds(beat.plan), TIMES_UP, COUNTDOWN_CENTRE, theme=THEME
            )

        up = Tex(r"Up: $a$ below $t$, so $a$ and $z$ should grow;", font_size=LABEL_SIZE)
        up_reason = Tex(r"$z = wx + b$ grows with $w$ since $x > 0$", font_size=LABEL_SIZE)
        answer = VGroup(up, up_reason).arrange(DOWN, buff=0.2).move_to([0, -2.45, 0])
        answer.set_color(HIGHLIGHT_COLOR)
        with self.beat("w_answer") as beat:
            self.play(FadeOut(countdown), FadeOut(ask), FadeIn(up), run_time=FAST)
            beat.wait_until("reason")
            self.play(FadeIn(up_reason), run_time=FAST)

        notation = panel(
            r"\frac{\partial L}{\partial w}:\ \text{the rate of } L \text{ as } w \text{ alone moves}",
            0,
        ).set_y(-2.45)
        L_grad = L.gradient("1")
        legend = MathTex(
            r"\text{gradient: } \partial L / \partial(\text{node})",
            font_size=LABEL_SIZE,
            color=GRADIENT_COLOR,
        ).move_to([-6.3, 3.45, 0], aligned_edge=UL)
        local_L = edge_label(a_L, r"\times (-1)")
        back_L = backward_arrow(a_L)
        step_L = panel(
            rf"\frac{{\partial L}}{{\partial a}} = 2(a - t) = 2({S['a']} - {S['t']}) = {S['dl_da']}",
            0,
        ).set_y(-2.45)
        a_grad = a.gradient(S["dl_da"])
        with self.beat("backward_loss") as beat:
            self.play(FadeOut(answer), run_time=FAST)
            beat.wait_until("notation")
            self.play(FadeIn(notation), run_time=FAST)

        with self.beat("loss_edge") as beat:
            self.play(FadeIn(L_grad, scale=1.3), FadeIn(legend), run_time=FAST)
            beat.wait_until("local")
            self.play(FadeOut(notation), GrowArrow(back_L), FadeIn(local_L), Write(step_L))
            beat.wait_until("arrive")
            self.play(TransformFromCopy(L_grad, a_grad), run_time=NORMAL)

        local_a = edge_label(z_a, rf"\times {S['da_dz']}")
        back_a = backward_arrow(z_a)
        step_a = VGroup(
            panel(
                rf"\frac{{\partial a}}{{\partial z}} = \sigma(z)\,(1 - \sigma(z)) = {S['a']} \times {S['one_minus_a']} = {S['da_dz']}",
                0,
            ),
            panel(
                rf"\frac{{\partial L}}{{\partial z}} = ({S['dl_da']}) \times {S['da_dz']} = {S['dl_dz']}",
                1,
            ),
        )
        z_grad = z.gradient(S["dl_dz"])
        with self.beat("backward_sigmoid") as beat:
            self.play(FadeOut(step_L), GrowArrow(back_a), FadeIn(local_a), Write(step_a[0]))
            beat.wait_until("product")
            self.play(TransformFromCopy(a_grad, z_grad), Write(step_a[1]), run_time=NORMAL)

        # The backward arrows run on the outer side of the two slanted edges, their labels beyond.
        local_w = edge_label(w_z, rf"\times {S['dz_dw']}", clearance=0.45)
        local_b = edge_label(b_z, rf"\times {S['dz_db']}", left=False, clearance=0.45)
        back_w, back_b = backward_arrow(w_z, offset=-0.22), backward_arrow(b_z)
        w_grad = w.gradient(S["dl_dw"], side=UP)
        b_grad = b.gradient(S["dl_db"], side=DOWN)
        step_w = panel(
            rf"\frac{{\partial L}}{{\partial w}} = ({S['dl_dz']}) \times x = ({S['dl_dz']}) \times {S['x']} = {S['dl_dw']}",
            0,
        )
        step_b = panel(
            rf"\frac{{\partial L}}{{\partial b}} = ({S['dl_dz']}) \times 1 = {S['dl_db']}", 1
        )
        with self.beat("backward_weights") as beat:
            self.play(FadeOut(step_a), run_time=FAST)
            beat.wait_until("w")
            self.play(GrowArrow(back_w), FadeIn(local_w), run_time=FAST)
            beat.wait_until("w_product")
            self.play(TransformFromCopy(z_grad, w_grad), Write(step_w), run_time=NORMAL)
            beat.wait_until("b")
            self.play(GrowArrow(back_b), FadeIn(local_b), run_time=FAST)
            beat.wait_until("b_product")
            self.play(TransformFromCopy(z_grad, b_grad), Write(step_b), run_time=NORMAL)
            beat.wait_until("sign")
            self.play(Indicate(w_grad, color=HIGHLIGHT_COLOR), run_time=NORMAL)

        gradient = panel(
            rf"\nabla L = \left({S['dl_dw']},\ {S['dl_db']}\right) \quad \text{{for }} (w, b)",
            0,
        )
        shared = Tex(
            rf"${S['dl_dz']}$",
            r" at $z$: computed once, used for $w$ and $b$",
            font_size=LABEL_SIZE,
            color=TEXT_COLOR,
        ).move_to([0, PANEL_Y[1], 0])
        shared[0].set_color(GRADIENT_COLOR)
        no_rerun = Tex(
            r"local derivatives read stored values: no extra forward pass",
            font_size=LABEL_SIZE,
            color=TEXT_COLOR,
        ).move_to([0, PANEL_Y[1], 0])
        with self.beat("gradient") as beat:
            self.play(FadeOut(VGroup(step_w, step_b)), Write(gradient), run_time=NORMAL)

        with self.beat("reuse") as beat:
            self.play(
                FadeIn(shared),
                Circumscribe(z_grad, color=HIGHLIGHT_COLOR),
                run_time=NORMAL,
            )
            beat.wait_until("stored")
            self.play(FadeOut(shared), FadeIn(no_rerun), run_time=FAST)

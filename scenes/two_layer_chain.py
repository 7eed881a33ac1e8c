"""A two-layer chain with a ReLU: forward values, then the backward pass from the loss, with the
shared factor ∂L/∂h computed once and reused for w₁ and b₁, and w₁'s gradient as the product of the
local derivatives along its path."""

from __future__ import annotations

from manim import *

from mathreel import NarratedScene, play_countdown
from scenes import two_layer_chain_figures as fig
from scenes.check_understanding_figures import TIMES_UP, think_seconds
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
    THEME,
    WEIGHT_COLOR,
)

S = fig.SHOWN
ROW_Y = 0.35
LEAF_GAP = 1.35
PANEL_Y = (-2.15, -3.0)
COUNTDOWN_CENTRE = np.array([5.2, -2.45, 0])
#: Columns: the first layer's leaves, z, h, the second layer's leaves, y, L.
COLUMNS = {"leaves_1": -5.45, "z": -3.15, "h": -1.2, "leaves_2": 0.5, "y": 3.0, "L": 5.35}


def panel(latex: str, row: int, color: str = GRADIENT_COLOR) -> MathTex:
    return MathTex(latex, font_size=BODY_SIZE, color=color).move_to([0, PANEL_Y[row], 0])


def times(value: str) -> str:
    """A local derivative as an edge shows it: ×2, ×(−0.5)."""
    return rf"\times ({value})" if value.startswith("-") else rf"\times {value}"


class ReuseTheSharedFactor(NarratedScene):
    def construct(self) -> None:
        c = COLUMNS
        w1 = NodePicture("w_1", S["w1"], [c["leaves_1"], ROW_Y + LEAF_GAP, 0], color=WEIGHT_COLOR)
        x = NodePicture("x", S["x"], [c["leaves_1"], ROW_Y, 0], color=MUTED_COLOR, data=True)
        b1 = NodePicture("b_1", S["b1"], [c["leaves_1"], ROW_Y - LEAF_GAP, 0], color=WEIGHT_COLOR)
        z = NodePicture("z", S["z"], [c["z"], ROW_Y, 0])
        h = NodePicture("h", S["h"], [c["h"], ROW_Y, 0])
        w2 = NodePicture("w_2", S["w2"], [c["leaves_2"], ROW_Y + LEAF_GAP, 0], color=WEIGHT_COLOR)
        b2 = NodePicture("b_2", S["b2"], [c["leaves_2"], ROW_Y - LEAF_GAP, 0], color=WEIGHT_COLOR)
        y = NodePicture("y", S["y"], [c["y"], ROW_Y, 0])
        L = NodePicture("L", S["L"], [c["L"], ROW_Y, 0], color=LOSS_COLOR)
        e = {
            "w1": edge(w1, z),
            "x": edge(x, z),
            "b1": edge(b1, z),
            "z": edge(z, h),
            "h": edge(h, y),
            "w2": edge(w2, y),
            "b2": edge(b2, y),
            "y": edge(y, L),
        }
        formulas = MathTex(
            r"z = w_1 x + b_1,",
            r"\quad h = \mathrm{ReLU}(z),",
            r"\quad y = w_2 h + b_2,",
            r"\quad L = (y - t)^2",
            font_size=LABEL_SIZE,
        ).to_edge(UP, buff=0.45)
        formulas[3].set_color(LOSS_COLOR)
        relu_note = Tex(
            r"ReLU: keeps a positive number, turns a negative one into 0",
            font_size=LABEL_SIZE,
            color=MUTED_COLOR,
        ).move_to([0, PANEL_Y[0], 0])

        with self.beat("two_layers") as beat:
            self.play(FadeIn(VGroup(w1, x, b1)), run_time=FAST)
            self.play(*(GrowArrow(e[k]) for k in ("w1", "x", "b1")), FadeIn(z), run_time=FAST)
            self.play(GrowArrow(e["z"]), FadeIn(h), FadeIn(formulas[:2]), FadeIn(relu_note))
            beat.wait_until("second")
            self.play(FadeIn(VGroup(w2, b2)), run_time=FAST)
            self.play(*(GrowArrow(e[k]) for k in ("h", "w2", "b2")), FadeIn(y), FadeIn(formulas[2]))
            beat.wait_until("loss")
            self.play(GrowArrow(e["y"]), FadeIn(L), FadeIn(formulas[3]), run_time=FAST)

        target = MathTex(rf"t = {S['t']}", font_size=LABEL_SIZE, color=MUTED_COLOR).next_to(
            L, UP, buff=0.35
        )
        with self.beat("forward") as beat:
            self.play(FadeOut(relu_note), FadeIn(target), run_time=FAST)
            for leaf in (w1, x, b1, w2, b2):
                self.play(ReplacementTransform(leaf.empty, leaf.filled), run_time=0.3)
            for node, mark in ((z, "z"), (h, "h")):
                beat.wait_until(mark)
                self.play(ReplacementTransform(node.empty, node.filled), run_time=FAST)

        with self.beat("forward_output") as beat:
            self.play(ReplacementTransform(y.empty, y.filled), run_time=FAST)
            beat.wait_until("loss")
            self.play(ReplacementTransform(L.empty, L.filled), run_time=FAST)

        local = {
            "y": edge_label(e["y"], times(S["path"][0])),
            "w2": edge_label(e["w2"], times(S["h"]), clearance=0.45),
            "b2": edge_label(e["b2"], times("1"), left=False, clearance=0.45),
            "h": edge_label(e["h"], times(S["w2"]), left=False, clearance=0.35),
            "z": edge_label(e["z"], times(S["relu_slope"])),
            "w1": edge_label(e["w1"], times(S["x"]), clearance=0.45),
            "b1": edge_label(e["b1"], times("1"), left=False, clearance=0.45),
        }
        back = {
            "y": backward_arrow(e["y"]),
            "w2": backward_arrow(e["w2"], offset=-0.22),
            "b2": backward_arrow(e["b2"]),
            "h": backward_arrow(e["h"], offset=-0.22),
            "z": backward_arrow(e["z"]),
            "w1": backward_arrow(e["w1"], offset=-0.22),
            "b1": backward_arrow(e["b1"]),
        }
        grads = {
            "L": L.gradient(S["d_L"]),
            "y": y.gradient(S["d_y"]),
            "w2": w2.gradient(S["d_w2"], side=UP),
            "b2": b2.gradient(S["d_b2"]),
            "h": h.gradient(S["d_h"]),
            "z": z.gradient(S["d_z"]),
            "w1": w1.gradient(S["d_w1"], side=UP),
            "b1": b1.gradient(S["d_b1"]),
        }

        def send(key: str, source: str) -> None:
            """One message of the backward pass: the arrow, its local derivative, the product."""
            self.play(GrowArrow(back[key]), FadeIn(local[key]), run_time=FAST)
            self.play(TransformFromCopy(grads[source], grads[key]), run_time=FAST)

        dy = panel(rf"\frac{{\partial L}}{{\partial y}} = 2(y - t) = {S['d_y']}", 0)
        with self.beat("backward_top") as beat:
            self.play(FadeIn(grads["L"]), run_time=FAST)
            beat.wait_until("dy")
            self.play(Write(dy), run_time=FAST)
            send("y", "L")
            beat.wait_until("w2")
            send("w2", "y")
            beat.wait_until("b2")
            send("b2", "y")

        dh = panel(
            rf"\frac{{\partial L}}{{\partial h}} = ({S['d_y']}) \times ({S['w2']}) = {S['d_h']}", 0
        )
        once = Tex(
            r"computed once, reused by everything behind it",
            font_size=LABEL_SIZE,
            color=HIGHLIGHT_COLOR,
        ).move_to([0, PANEL_Y[1], 0])
        ask = Tex(
            r"Will the gradient for $w_1$ be positive or negative?", font_size=BODY_SIZE
        ).move_to([-0.8, PANEL_Y[0], 0])
        with self.beat("predict_w1") as beat:
            self.play(FadeOut(dy), FadeIn(ask), run_time=FAST)
            countdown = play_countdown(
                self, beat, think_seconds(beat.plan), TIMES_UP, COUNTDOWN_CENTRE, theme=THEME
            )

        signs = Tex(
            r"Positive: two negative factors on its path",
            font_size=BODY_SIZE,
            color=HIGHLIGHT_COLOR,
        ).move_to([0, PANEL_Y[0], 0])
        with self.beat("shared_factor") as beat:
            self.play(FadeOut(countdown), ReplacementTransform(ask, signs), run_time=FAST)
            beat.wait_until("reach")
            self.play(FadeOut(signs), GrowArrow(back["h"]), FadeIn(local["h"]), run_time=FAST)
            beat.wait_until("dh")
            self.play(TransformFromCopy(grads["y"], grads["h"]), Write(dh), run_time=FAST)
            beat.wait_until("once")
            self.play(
                FadeIn(once), Circumscribe(grads["h"], color=HIGHLIGHT_COLOR), run_time=NORMAL
            )

        with self.beat("first_layer") as beat:
            send("z", "h")
            beat.wait_until("w1")
            send("w1", "z")
            beat.wait_until("b1")
            send("b1", "z")

        path = ("y", "h", "z", "w1")
        bracketed = [f"({f})" if f.startswith("-") else f for f in S["path"]]
        factors = r",\ ".join(bracketed)
        product = panel(r" \times ".join(bracketed) + f" = {S['d_w1']}", 0)
        listing = panel(rf"\text{{local derivatives: }} {factors}", 0)
        multiply = Tex(
            r"along one path, derivatives multiply", font_size=LABEL_SIZE, color=HIGHLIGHT_COLOR
        ).move_to([0, PANEL_Y[1], 0])
        node_rule = Tex(
            r"at each node: add what arrives, multiply by each local derivative, pass on",
            font_size=LABEL_SIZE,
            color=HIGHLIGHT_COLOR,
        ).move_to([0, PANEL_Y[1], 0])
        with self.beat("path_product") as beat:
            self.play(FadeOut(VGroup(dh, once)), run_time=FAST)
            beat.wait_until("factors")
            self.play(
                *(back[k].animate.set_color(HIGHLIGHT_COLOR) for k in path),
                *(local[k].animate.set_color(HIGHLIGHT_COLOR) for k in path),
                FadeIn(listing),
                run_time=NORMAL,
            )
            beat.wait_until("product")
            self.play(ReplacementTransform(listing, product), FadeIn(multiply), run_time=NORMAL)

        with self.beat("node_rule") as beat:
            self.play(FadeOut(multiply), FadeIn(node_rule), run_time=FAST)
            beat.wait_until("order")
            self.play(Indicate(grads["h"], color=HIGHLIGHT_COLOR), run_time=NORMAL)

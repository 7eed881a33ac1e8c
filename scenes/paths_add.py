"""Paths add: L = f·g with f = x², g = 3x at x = 2; each path's rates multiply (24 and 12) and the
two paths add to dL/dx = 36, checked against L = 3x³."""

from __future__ import annotations

from manim import *

from mathreel import NarratedScene
from scenes import chain_rule_figures as fig
from scenes.common.graph_drawing import NodePicture, edge, edge_label
from scenes.common.style import (
    BODY_SIZE,
    FAST,
    GRADIENT_COLOR,
    HIGHLIGHT_COLOR,
    NORMAL,
    TEXT_COLOR,
)

S = fig.SHOWN
#: Where the nodes sit, and the left edge of the column of path products.
X_AT, F_AT, G_AT, L_AT = (-5.0, 0.0, 0), (-1.6, 1.35, 0), (-1.6, -1.35, 0), (1.6, 0.0, 0)
PRODUCTS_LEFT = 3.0


def product(text: str, height: float) -> MathTex:
    tex = MathTex(text, font_size=BODY_SIZE, color=GRADIENT_COLOR)
    return tex.move_to([PRODUCTS_LEFT, height, 0], aligned_edge=LEFT)


def highlight(*arrows: Arrow) -> list[Animation]:
    return [a.animate.set_color(GRADIENT_COLOR).set_stroke(width=6) for a in arrows]


class PathsAdd(NarratedScene):
    def construct(self) -> None:
        formulas = MathTex(
            r"L = f \cdot g,", r"\quad f = x^2,", r"\quad g = 3x", font_size=BODY_SIZE
        ).to_edge(UP, buff=0.5)
        x = NodePicture("x", S["paths_at"], X_AT)
        f = NodePicture("f", S["paths_f"], F_AT)
        g = NodePicture("g", S["paths_g"], G_AT)
        L = NodePicture("L", S["paths_l"], L_AT)
        x_f, x_g, f_L, g_L = edge(x, f), edge(x, g), edge(f, L), edge(g, L)
        edges = VGroup(x_f, x_g, f_L, g_L)
        nodes = VGroup(x, f, g, L)

        with self.beat("two_routes") as beat:
            self.play(Write(formulas), run_time=beat.until("graph"))
            self.play(FadeIn(nodes), Create(edges), run_time=NORMAL)
            beat.wait_until("values")
            for node in nodes:
                self.play(ReplacementTransform(node.empty, node.filled), run_time=0.4)

        x_f_rate = edge_label(x_f, rf"\times {S['df_dx']}")
        f_L_rate = edge_label(f_L, rf"\times {S['dl_df']}")
        top = product(rf"{S['dl_df']} \times {S['df_dx']} = {S['via_f']}", F_AT[1])
        with self.beat("route_f") as beat:
            beat.wait_until("top")
            self.play(*highlight(x_f), FadeIn(x_f_rate), run_time=FAST)
            beat.wait_until("top_l")
            self.play(*highlight(f_L), FadeIn(f_L_rate), run_time=FAST)
            beat.wait_until("top_product")
            self.play(Write(top), run_time=NORMAL)

        x_g_rate = edge_label(x_g, rf"\times {S['dg_dx']}", left=False)
        g_L_rate = edge_label(g_L, rf"\times {S['dl_dg']}", left=False)
        bottom = product(rf"{S['dl_dg']} \times {S['dg_dx']} = {S['via_g']}", G_AT[1])
        with self.beat("route_g") as beat:
            self.play(*highlight(x_g), FadeIn(x_g_rate), run_time=FAST)
            beat.wait_until("bottom_l")
            self.play(*highlight(g_L), FadeIn(g_L_rate), run_time=FAST)
            beat.wait_until("bottom_product")
            self.play(Write(bottom), run_time=NORMAL)

        total = MathTex(
            rf"\frac{{dL}}{{dx}} = {S['via_f']} + {S['via_g']} = {S['total']}",
            font_size=BODY_SIZE,
            color=GRADIENT_COLOR,
        ).move_to([-1.6, -2.85, 0])
        direct = MathTex(
            rf"L = 3x^3,\quad \frac{{dL}}{{dx}} = 9x^2 = {S['direct']}",
            font_size=BODY_SIZE,
            color=TEXT_COLOR,
        ).move_to([3.9, -2.85, 0])
        with self.beat("paths_sum") as beat:
            self.play(TransformFromCopy(VGroup(top, bottom), total), run_time=beat.until("direct"))
            self.play(FadeIn(direct, shift=UP * 0.2), run_time=FAST)

        halves = VGroup(
            Tex(r"along one path: multiply", font_size=BODY_SIZE, color=HIGHLIGHT_COLOR),
            Tex(r"where paths meet: add", font_size=BODY_SIZE, color=HIGHLIGHT_COLOR),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        halves.to_edge(UP, buff=0.45)
        with self.beat("rule") as beat:
            self.play(FadeOut(formulas), FadeOut(direct), run_time=FAST)
            beat.wait_until("multiply")
            self.play(FadeIn(halves[0], shift=DOWN * 0.2), run_time=FAST)
            beat.wait_until("add")
            self.play(FadeIn(halves[1], shift=DOWN * 0.2), run_time=FAST)

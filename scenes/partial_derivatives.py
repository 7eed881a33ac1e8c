"""From one weight to two: the loss surface of (w₁ − 3)² + 4(w₂ − 1)², its slices through (5, 2)
as partial derivatives, and the gradient they make."""

from __future__ import annotations

import sympy as sp
from manim import *

from mathreel import NarratedScene
from scenes import partial_derivatives_figures as fig
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
    WEIGHT_COLOR,
)
from scenes.common.surface_drawing import (
    VIEW_PHI,
    VIEW_THETA,
    curve_on_surface,
    fix_in_frame,
    loss_surface,
    screen_to_space,
    surface_axes,
    tangent_in_space,
)

S = fig.SHOWN
loss = sp.lambdify(fig.WEIGHTS, fig.LOSS, "numpy")
P1, P2 = (float(v) for v in fig.POINT)
PL = float(fig.LOSS_AT_POINT)
#: Where the surface's picture sits on screen (the text panel is on the right), and how far it
#: is set back from the camera (see surface_drawing.screen_to_space).
PICTURE_SHIFT = (-3.1, -1.2, -2.2)
#: The camera turns this far round the bowl while it is introduced, to show its depth.
TURN = 24 * DEGREES
#: Left edge of the text panel.
PANEL_X = 0.9


def panel(*rows: Mobject, top: float = 2.2) -> VGroup:
    """Rows of the right-hand panel, left aligned under each other."""
    group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
    return group.move_to([PANEL_X, top, 0], aligned_edge=UL)


def tex(latex: str, color: str, size: float = BODY_SIZE) -> MathTex:
    return MathTex(latex, font_size=size, color=color)


class SliceTheLossSurface(NarratedScene, ThreeDScene):
    def construct(self) -> None:
        self.set_camera_orientation(phi=VIEW_PHI, theta=VIEW_THETA)
        axes = surface_axes([0, 6, 1], [0, 2.5, 1], [0, 18, 4], (5.4, 2.25, 3.0))
        # Moved so it is seen left of centre; the camera's own frame centre would move the
        # text fixed in the frame with it.
        base = -screen_to_space(self, PICTURE_SHIFT)  # where the axes' centre would sit unmoved
        axes.shift(-base)
        pivot = axes.c2p(*(float(v) for v in fig.MINIMUM), 0)
        # The w₂ axis is drawn along the bowl's near edge, w₁ = 6: at w₁ = 0 the bowl hides it.
        w2_axis = axes.y_axis.copy().shift(axes.c2p(6, 0, 0) - axes.c2p(0, 0, 0))
        axes.remove(axes.y_axis)
        # Axis names face the camera (fixed orientation) at the axes' ends.
        names = VGroup(
            tex("w_1", WEIGHT_COLOR).move_to(axes.c2p(6.45, 0, 0)),
            tex("w_2", WEIGHT_COLOR).move_to(axes.c2p(6, 2.85, 0)),
            tex("L", LOSS_COLOR).move_to(axes.c2p(0, 0, 19.5)),
        )
        surface = loss_surface(
            axes, loss, fig.W1_RANGE, fig.W2_RANGE, (LOSS_COLOR, "#006E50"), opacity=0.6
        )
        top_line = tex(
            r"L(w_1, w_2) = (w_1 - 3)^2 + 4\,(w_2 - 1)^2", LOSS_COLOR, BODY_SIZE
        ).to_edge(UP, buff=0.45)
        recap = Tex(
            rf"Chapter 1: one weight, $w: {S['p_w1']} \to {S['ch1_new']}$ with $\eta = {S['eta']}$",
            font_size=LABEL_SIZE,
            color=MUTED_COLOR,
        ).next_to(top_line, DOWN, buff=0.35)
        fix_in_frame(self, top_line, recap)

        with self.beat("two_weights") as beat:
            self.play(FadeIn(recap, shift=DOWN * 0.2), run_time=beat.until("two"))
            self.play(Write(top_line), run_time=NORMAL)

        point = Dot3D(axes.c2p(P1, P2, PL), radius=0.09, color=POINT_COLOR)
        floor = Dot3D(axes.c2p(P1, P2, 0), radius=0.07, color=WEIGHT_COLOR)
        drop = DashedLine(axes.c2p(P1, P2, 0), axes.c2p(P1, P2, PL), color=MUTED_COLOR)
        bottom = Dot3D(pivot, radius=0.08, color=POINT_COLOR)
        bowl_note = panel(
            Tex(
                rf"lowest at $({S['min_w1']}, {S['min_w2']})$: $L = {S['min_loss']}$",
                font_size=LABEL_SIZE,
                color=TEXT_COLOR,
            ),
            Tex(r"steeper along $w_2$", font_size=LABEL_SIZE, color=TEXT_COLOR),
            Tex(
                rf"start: $({S['p_w1']}, {S['p_w2']})$, $L = {S['loss']}$",
                font_size=LABEL_SIZE,
                color=POINT_COLOR,
            ),
        )
        fix_in_frame(self, *bowl_note)
        # Everything placed by axes.c2p is made first, seen from the final angle; the camera then
        # starts TURN further round and turns back. As it turns, the bowl is moved so that it stays
        # left of centre on the screen: the camera orbits the bowl, not the scene's origin.
        world = VGroup(axes, w2_axis, surface, bottom, point, floor, drop)
        centre = axes.get_center() + base

        def follow(_: Mobject) -> None:
            world.shift(centre + screen_to_space(self, PICTURE_SHIFT) - axes.get_center())

        self.set_camera_orientation(phi=VIEW_PHI, theta=VIEW_THETA - TURN)
        follow(axes)

        with self.beat("surface") as beat:
            self.play(FadeOut(recap), Create(axes), Create(w2_axis), run_time=FAST)
            self.play(Create(surface), run_time=beat.until("bowl"))
            self.play(FadeIn(bottom), FadeIn(bowl_note[0]), run_time=FAST)

        with self.beat("start_point") as beat:
            # The one camera move: turning round the bowl shows it is a surface, not a picture.
            axes.add_updater(follow)
            self.move_camera(theta=VIEW_THETA, run_time=beat.until("point") - FAST)
            axes.remove_updater(follow)
            self.add_fixed_orientation_mobjects(*names)
            self.play(FadeIn(names), FadeIn(bowl_note[1]), run_time=FAST)
            self.play(
                Create(drop), FadeIn(floor), FadeIn(point), FadeIn(bowl_note[2]), run_time=FAST
            )

        # -- the slice w₂ = 2 ---------------------------------------------------------------------
        plane1 = Polygon(
            axes.c2p(0, P2, 0),
            axes.c2p(6, P2, 0),
            axes.c2p(6, P2, 18),
            axes.c2p(0, P2, 18),
            stroke_width=0,
            fill_color=MUTED_COLOR,
            fill_opacity=0.18,
        )
        slice1 = curve_on_surface(
            axes,
            lambda t: (t, P2, loss(t, P2)),
            (float(fig.W1_RANGE[0]), float(fig.W1_RANGE[1])),
            LOSS_COLOR,
            width=6,
        ).set_color(HIGHLIGHT_COLOR)
        tangent1 = tangent_in_space(axes, (P1, P2, PL), (1, 0, float(fig.SLICE_W1_SLOPE)), 0.8)
        slice1_text = panel(
            tex(r"w_2 = " + S["p_w2"] + r"\ \text{held fixed}", WEIGHT_COLOR, LABEL_SIZE),
            tex(
                r"L(w_1, " + S["p_w2"] + r") = (w_1 - 3)^2 + " + S["lift"],
                HIGHLIGHT_COLOR,
                LABEL_SIZE,
            ),
            Tex(
                rf"Chapter 1's curve, lifted by {S['lift']}",
                font_size=LABEL_SIZE,
                color=MUTED_COLOR,
            ),
            tex(
                r"\frac{\partial L}{\partial w_1} = " + S["c1"] + r"(w_1 - 3) = " + S["g1"],
                TANGENT_COLOR,
            ),
        )
        fix_in_frame(self, *slice1_text)

        with self.beat("slice_w1") as beat:
            self.play(FadeOut(bowl_note), run_time=FAST)
            self.play(FadeIn(slice1_text[0]), run_time=beat.until("cut"))
            self.play(FadeIn(plane1), Create(slice1), FadeIn(slice1_text[1]), run_time=NORMAL)
            beat.wait_until("shifted")
            self.play(FadeIn(slice1_text[2]), Create(tangent1), run_time=NORMAL)

        with self.beat("partial_w1") as beat:
            self.play(Indicate(tangent1, color=TANGENT_COLOR), run_time=NORMAL)
            beat.wait_until("formula")
            self.play(Write(slice1_text[3]), run_time=NORMAL)

        # -- the slice w₁ = 5 ---------------------------------------------------------------------
        plane2 = Polygon(
            axes.c2p(P1, 0, 0),
            axes.c2p(P1, 2.5, 0),
            axes.c2p(P1, 2.5, 18),
            axes.c2p(P1, 0, 18),
            stroke_width=0,
            fill_color=MUTED_COLOR,
            fill_opacity=0.18,
        )
        slice2 = curve_on_surface(
            axes,
            lambda t: (P1, t, loss(P1, t)),
            (float(fig.W2_RANGE[0]), float(fig.W2_RANGE[1])),
            HIGHLIGHT_COLOR,
            width=6,
        )
        tangent2 = tangent_in_space(axes, (P1, P2, PL), (0, 1, float(fig.SLICE_W2_SLOPE)), 0.35)
        slice2_text = panel(
            tex(r"w_1 = " + S["p_w1"] + r"\ \text{held fixed}", WEIGHT_COLOR, LABEL_SIZE),
            tex(
                r"L(" + S["p_w1"] + r", w_2) = " + S["lift"] + r" + 4\,(w_2 - 1)^2",
                HIGHLIGHT_COLOR,
                LABEL_SIZE,
            ),
            tex(
                r"\frac{\partial L}{\partial w_2} = " + S["c2"] + r"(w_2 - 1) = " + S["g2"],
                TANGENT_COLOR,
            ),
        )
        fix_in_frame(self, *slice2_text)

        with self.beat("slice_w2") as beat:
            self.play(
                FadeOut(slice1_text),
                FadeOut(plane1),
                FadeOut(slice1),
                FadeOut(tangent1),
                run_time=FAST,
            )
            self.play(FadeIn(slice2_text[0]), run_time=beat.until("cut"))
            self.play(FadeIn(plane2), Create(slice2), FadeIn(slice2_text[1]), run_time=NORMAL)
            beat.wait_until("partial")
            self.play(Create(tangent2), Write(slice2_text[2]), run_time=NORMAL)

        both = Tex(
            r"a partial derivative: the slope\\of the slice, the other\\weights held fixed",
            font_size=LABEL_SIZE,
            color=TEXT_COLOR,
            tex_environment="flushleft",
        ).next_to(slice2_text, DOWN, buff=0.5, aligned_edge=LEFT)
        fix_in_frame(self, both)

        with self.beat("partial_meaning") as beat:
            self.play(FadeIn(tangent1), FadeIn(both, shift=UP * 0.2), run_time=NORMAL)

        # -- the gradient ------------------------------------------------------------------------
        gradient = panel(
            tex(
                r"\nabla L = \begin{pmatrix} \partial L / \partial w_1 \\ \partial L / \partial w_2"
                r"\end{pmatrix}",
                GRADIENT_COLOR,
            ),
            tex(
                rf"\nabla L({S['p_w1']}, {S['p_w2']}) = \begin{{pmatrix}} {S['g1']} \\ {S['g2']}"
                r"\end{pmatrix}",
                GRADIENT_COLOR,
            ),
            Tex(
                r"one entry per weight: a column,\\the same shape as $w$",
                font_size=LABEL_SIZE,
                color=TEXT_COLOR,
                tex_environment="flushleft",
            ),
            Tex(
                r"units: loss per unit\\of each weight",
                font_size=LABEL_SIZE,
                color=MUTED_COLOR,
                tex_environment="flushleft",
            ),
            top=2.6,
        )
        fix_in_frame(self, *gradient)

        with self.beat("gradient") as beat:
            self.play(
                FadeOut(slice2_text),
                FadeOut(both),
                FadeOut(plane2),
                FadeOut(slice2),
                run_time=FAST,
            )
            self.play(Write(gradient[0]), run_time=beat.until("value"))
            self.play(Write(gradient[1]), run_time=NORMAL)
            beat.wait_until("shape")
            self.play(FadeIn(gradient[2], shift=UP * 0.2), run_time=FAST)
            beat.wait_until("units")
            self.play(FadeIn(gradient[3], shift=UP * 0.2), run_time=FAST)

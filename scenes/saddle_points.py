"""A zero gradient that is not a minimum: the saddle w₁² − w₂² as a surface, then as level curves
with the descent path from (1, 0.001) that lingers near it before it escapes."""

from __future__ import annotations

import sympy as sp
from manim import *

from mathreel import NarratedScene
from scenes import saddle_points_figures as fig
from scenes.common.contour_map import clipped, to_screen, weight_names, weight_plane
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
    TEXT_COLOR,
    WEIGHT_COLOR,
)
from scenes.common.surface_drawing import (
    VIEW_PHI,
    curve_on_surface,
    fix_in_frame,
    loss_surface,
    screen_to_space,
    surface_axes,
)

S = fig.SHOWN
saddle = sp.lambdify((fig.w1, fig.w2), fig.SADDLE, "numpy")
PICTURE_SHIFT = (-3.2, -0.8, -1.7)
VIEW_THETA = -50 * DEGREES
PANEL_X = 1.45
HALF = fig.HALF_WIDTH


def panel(*rows: Mobject, top: float = 2.9) -> VGroup:
    group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
    return group.move_to([PANEL_X, top, 0], aligned_edge=UL)


def words(text: str, color: str = TEXT_COLOR) -> Tex:
    return Tex(text, font_size=LABEL_SIZE, color=color, tex_environment="flushleft")


class LingerNearASaddle(NarratedScene, ThreeDScene):
    def construct(self) -> None:
        self.set_camera_orientation(phi=VIEW_PHI, theta=VIEW_THETA)
        axes = surface_axes([-1.5, 1.5, 1], [-1.5, 1.5, 1], [-2.25, 2.25, 1], (4.6, 4.6, 3.4))
        axes.shift(screen_to_space(self, PICTURE_SHIFT))
        surface = loss_surface(
            axes, saddle, (-1.5, 1.5), (-1.5, 1.5), (LOSS_COLOR, "#006E50"), opacity=0.7
        )
        names = VGroup(
            MathTex("w_1", font_size=BODY_SIZE, color=WEIGHT_COLOR).move_to(axes.c2p(2.05, 0, 0)),
            MathTex("w_2", font_size=BODY_SIZE, color=WEIGHT_COLOR).move_to(axes.c2p(0, 2.05, 0)),
            MathTex("L", font_size=BODY_SIZE, color=LOSS_COLOR).move_to(axes.c2p(0, 0, 2.75)),
        )
        centre = Dot3D(axes.c2p(0, 0, 0), radius=0.08, color=POINT_COLOR)
        up_curve = curve_on_surface(axes, lambda t: (t, 0, t * t), (-1.5, 1.5), HIGHLIGHT_COLOR)
        down_curve = curve_on_surface(axes, lambda t: (0, t, -t * t), (-1.5, 1.5), TEXT_COLOR)
        title = MathTex(r"L = w_1^2 - w_2^2", font_size=BODY_SIZE + 4, color=LOSS_COLOR).to_edge(
            UP, buff=0.45
        )
        gradient = MathTex(
            rf"\nabla L = ({S['g1']}w_1,\ -{S['g2']}w_2)", font_size=BODY_SIZE, color=GRADIENT_COLOR
        )
        zero = MathTex(
            rf"\nabla L({S['zero']}, {S['zero']}) = ({S['zero']}, {S['zero']})",
            font_size=BODY_SIZE,
            color=GRADIENT_COLOR,
        )
        first = panel(gradient, zero, top=2.3)
        fix_in_frame(self, title, *first)

        with self.beat("saddle_surface") as beat:
            self.play(Write(title), Create(axes), run_time=NORMAL)
            self.play(Create(surface), run_time=beat.until("gradient"))
            self.add_fixed_orientation_mobjects(*names)
            self.play(FadeIn(names), Write(gradient), run_time=NORMAL)
            beat.wait_until("zero")
            self.play(FadeIn(centre), Write(zero), run_time=NORMAL)

        shape = panel(
            words(r"along $w_1$: curves up,\\a minimum on that line", HIGHLIGHT_COLOR),
            words(r"along $w_2$: curves down,\\a maximum on that line", TEXT_COLOR),
            words(r"a saddle point"),
            top=0.4,
        )
        fix_in_frame(self, *shape)

        with self.beat("saddle_shape") as beat:
            self.play(Create(up_curve), FadeIn(shape[0]), run_time=NORMAL)
            beat.wait_until("down")
            self.play(Create(down_curve), FadeIn(shape[1]), run_time=NORMAL)
            beat.wait_until("saddle")
            self.play(FadeIn(shape[2]), Indicate(centre, color=HIGHLIGHT_COLOR), run_time=NORMAL)

        # -- the same loss from above -----------------------------------------------------------------
        plane = weight_plane([-HALF, HALF, 1], [-HALF, HALF, 1], 2.3, [-3.0, -0.45, 0])
        plane_names = weight_names(plane)
        curves = VGroup()
        for level in fig.LEVELS:
            for sign in (1.0, -1.0):
                branch = VMobject(stroke_color=LOSS_COLOR, stroke_width=3)
                branch.set_points_smoothly([plane.c2p(a, b) for a, b in fig.hyperbola(level, sign)])
                curves.add(branch.set_stroke(opacity=0.55 + 0.45 * (float(level) > 0)))
        crossing = VGroup(
            *(
                DashedLine(plane.c2p(-HALF, -s * HALF), plane.c2p(HALF, s * HALF), color=LOSS_COLOR)
                for s in (1, -1)
            )
        )
        flat_centre = Dot(plane.c2p(0, 0), radius=0.08, color=POINT_COLOR)
        map_notes = panel(
            words(r"level curves: hyperbolas", LOSS_COLOR),
            words(r"the saddle's own level, $L = 0$:\\two crossing lines", MUTED_COLOR),
            top=2.9,
        )

        with self.beat("saddle_map") as beat:
            self.play(
                FadeOut(VGroup(surface, axes, up_curve, down_curve, centre)),
                FadeOut(names),
                FadeOut(title),
                FadeOut(first),
                FadeOut(shape),
                run_time=FAST,
            )
            self.set_camera_orientation(phi=0, theta=-90 * DEGREES)
            self.play(
                Create(plane), FadeIn(plane_names), Create(curves), run_time=beat.until("own")
            )
            self.play(Create(crossing), FadeIn(flat_centre), FadeIn(map_notes), run_time=NORMAL)

        points = to_screen(plane, fig.PATH)
        start = Dot(points[0], radius=0.08, color=POINT_COLOR)
        start_note = panel(
            words(
                rf"start: $w_1 = {S['start_w1']}$, $w_2 = {S['start_w2']}$,"
                rf"\\$\eta = {S['eta']}$"
            ),
            words(rf"per step: $w_1 \times {S['f1']}$, $w_2 \times {S['f2']}$", WEIGHT_COLOR),
            top=2.9,
        )

        with self.beat("descent_start") as beat:
            self.play(FadeOut(map_notes), FadeIn(start), run_time=FAST)
            self.play(FadeIn(start_note[0]), run_time=FAST)
            beat.wait_until("factors")
            self.play(FadeIn(start_note[1]), run_time=FAST)

        visited = [(float(a), float(b)) for a, b in fig.PATH]
        pieces = clipped(visited, [-HALF, HALF], [-HALF, HALF])
        trail = VGroup(
            *(
                Line(plane.c2p(*a), plane.c2p(*b), color=WEIGHT_COLOR, stroke_width=4)
                for a, b in pieces
            )
        )
        crumbs = VGroup(*(Dot(p, radius=0.04, color=POINT_COLOR) for p in points[1:]))
        linger = words(
            rf"after {S['linger']} steps: $({S['after_w1']},\ {S['after_w2']})$", TEXT_COLOR
        )
        escape = words(rf"$w_2$ reaches ${S['one']}$ after {S['escape']} steps", TEXT_COLOR)
        exact = words(
            rf"from exactly $w_2 = {S['zero']}$, it would\\converge to the saddle", MUTED_COLOR
        )
        path_notes = VGroup(linger, escape, exact).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        path_notes.next_to(start_note, DOWN, buff=0.5, aligned_edge=LEFT)
        n = fig.LINGER_STEPS

        with self.beat("lingers") as beat:
            self.play(
                Create(trail[:n], lag_ratio=1),
                FadeIn(crumbs[:n], lag_ratio=1),
                run_time=beat.until("there"),
            )
            self.play(FadeIn(linger), run_time=FAST)
            beat.wait_until("escape")
            self.play(Create(trail[n:], lag_ratio=1), FadeIn(crumbs[n:], lag_ratio=1), run_time=2.4)
            self.play(FadeIn(escape), run_time=FAST)

        with self.beat("on_the_line") as beat:
            self.play(FadeIn(exact), run_time=FAST)

        kinds = panel(
            words(r"$\nabla L = 0$: a critical point", GRADIENT_COLOR),
            words(r"a minimum, a maximum,\\a saddle, or a flatter,\\degenerate case"),
            words(r"one variable: $x^3$ at $0$,\\a stationary inflection point", MUTED_COLOR),
            words(r"a saddle needs two or\\more variables", MUTED_COLOR),
            top=2.9,
        )

        with self.beat("critical_points") as beat:
            self.play(FadeOut(start_note), FadeOut(path_notes), run_time=FAST)
            self.play(FadeIn(kinds[0]), run_time=FAST)
            self.play(FadeIn(kinds[1]), run_time=beat.until("inflection"))
            self.play(FadeIn(kinds[2]), run_time=FAST)
            beat.wait_until("two")
            self.play(FadeIn(kinds[3]), run_time=FAST)

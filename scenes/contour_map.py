"""The weight plane seen from above: axes with equal scales (so a right angle looks like one) and
the bowl's level curves drawn from their closed form, ellipses about the minimum."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import RIGHT, UP, Axes, MathTex, VGroup, VMobject

from scenes import gradient_direction_figures as gdir
from scenes.style import AXES_COLOR, BODY_SIZE, LOSS_COLOR, WEIGHT_COLOR


def weight_plane(
    x_range: Sequence[float], y_range: Sequence[float], unit: float, centre: Sequence[float]
) -> Axes:
    """Axes of (w₁, w₂) with ``unit`` screen units per weight unit on both."""
    return Axes(
        x_range=x_range,
        y_range=y_range,
        x_length=(x_range[1] - x_range[0]) * unit,
        y_length=(y_range[1] - y_range[0]) * unit,
        tips=False,
        axis_config={"color": AXES_COLOR, "stroke_width": 2},
    ).move_to(centre)


def weight_names(axes: Axes, size: float = BODY_SIZE) -> VGroup:
    return VGroup(
        MathTex("w_1", color=WEIGHT_COLOR, font_size=size).next_to(axes.x_axis, RIGHT, 0.15),
        MathTex("w_2", color=WEIGHT_COLOR, font_size=size).next_to(axes.y_axis, UP, 0.15),
    )


def level_curves(axes: Axes, levels: Sequence, width: float = 3) -> VGroup:
    """One closed ellipse per level, brighter for higher loss."""
    curves = VGroup()
    top = float(max(levels))
    for level in levels:
        points = [axes.c2p(a, b) for a, b in gdir.level_curve(level)]
        curve = VMobject(stroke_color=LOSS_COLOR, stroke_width=width)
        curve.set_points_as_corners(points)
        curves.add(curve.set_stroke(opacity=0.45 + 0.55 * float(level) / top))
    return curves


def to_screen(axes: Axes, path: Sequence[Sequence[float]]) -> list[np.ndarray]:
    return [axes.c2p(float(a), float(b)) for a, b in path]

"""The weight plane seen from above: axes with equal scales (so a right angle looks like one) and
the bowl's level curves drawn from their closed form, ellipses about the minimum."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import RIGHT, UP, Axes, MathTex, VGroup, VMobject

from mathreel import plain_axes
from scenes import gradient_direction_figures as gdir
from scenes.common.style import BODY_SIZE, LOSS_COLOR, THEME, WEIGHT_COLOR


def weight_plane(
    x_range: Sequence[float], y_range: Sequence[float], unit: float, centre: Sequence[float]
) -> Axes:
    """Axes of (w₁, w₂) with ``unit`` screen units per weight unit on both."""
    return plain_axes(
        x_range,
        y_range,
        ((x_range[1] - x_range[0]) * unit, (y_range[1] - y_range[0]) * unit),
        centre,
        THEME,
    )


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


def clipped(
    points: Sequence[Sequence[float]], x_range, y_range
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The segments of a path of (w₁, w₂) points that lie on the map, each cut at its edge
    (Liang–Barsky): a diverging path is drawn up to where it leaves the map."""
    lo = np.array([x_range[0], y_range[0]], dtype=float)
    hi = np.array([x_range[1], y_range[1]], dtype=float)
    pieces = []
    for a, b in zip(points, points[1:], strict=False):
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        d = b - a
        t0, t1 = 0.0, 1.0
        for axis in (0, 1):
            for bound, sign in ((lo[axis], -1.0), (hi[axis], 1.0)):
                q = sign * (bound - a[axis])
                p = sign * d[axis]
                if p == 0:
                    if q < 0:
                        t0, t1 = 1.0, 0.0
                    continue
                t = q / p
                if p > 0:
                    t1 = min(t1, t)
                else:
                    t0 = max(t0, t)
        if t0 < t1:
            pieces.append((a + t0 * d, a + t1 * d))
    return pieces

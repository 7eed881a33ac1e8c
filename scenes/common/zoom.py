"""A close-up of a curve and its tangent near a point: the window re-plotted at each zoom, never the drawing scaled."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import Axes, Dot, Line, Mobject, Rectangle, VGroup, VMobject

from scenes.common.style import (
    FUNCTION_COLOR,
    HIGHLIGHT_COLOR,
    MUTED_COLOR,
    POINT_COLOR,
    TANGENT_COLOR,
)

#: Space kept above and below the curve inside a close-up, as a fraction of its height.
PAD = 0.06
#: Points the curve is drawn through, evenly across the window.
SAMPLES = 81

Box = tuple[tuple[float, float], tuple[float, float]]


def window_box(func: Callable[[float], float], slope: float, x0: float, half_width: float) -> Box:
    """The x and y ranges of the window ``x0 ± half_width`` that hold both the curve and its tangent."""
    xs = np.linspace(x0 - half_width, x0 + half_width, 101)
    ys = [func(v) for v in xs] + [func(x0) + slope * (v - x0) for v in xs]
    lo, hi = min(ys), max(ys)
    pad = PAD * (hi - lo)
    return (x0 - half_width, x0 + half_width), (lo - pad, hi + pad)


def window_marker(axes: Axes, box: Box) -> Rectangle:
    """Outline, on ``axes``, of the region a close-up shows."""
    (x_lo, x_hi), (y_lo, y_hi) = box
    corner_lo, corner_hi = axes.c2p(x_lo, y_lo), axes.c2p(x_hi, y_hi)
    return Rectangle(
        width=corner_hi[0] - corner_lo[0],
        height=corner_hi[1] - corner_lo[1],
        color=MUTED_COLOR,
        stroke_width=2,
    ).move_to((corner_lo + corner_hi) / 2)


def close_up(
    func: Callable[[float], float],
    slope: float,
    x0: float,
    half_width: float,
    frame: Mobject,
    stroke_width: float = 5,
) -> VGroup:
    """The curve and its tangent over ``x0 ± half_width``, plotted afresh to fill ``frame``.

    Plotting the narrow window anew keeps the curve exact at any zoom (scaling a drawn curve would
    magnify its Bezier approximation instead). Returns the group with ``.curve``, ``.tangent``,
    ``.point`` and ``.gap``: the vertical segment between tangent and curve at the right edge.
    """
    (x_lo, x_hi), (y_lo, y_hi) = window_box(func, slope, x0, half_width)
    left, bottom = frame.get_left()[0], frame.get_bottom()[1]
    sx, sy = frame.width / (x_hi - x_lo), frame.height / (y_hi - y_lo)

    def to_screen(u: float, v: float) -> np.ndarray:
        return np.array([left + (u - x_lo) * sx, bottom + (v - y_lo) * sy, 0.0])

    def tangent_at(u: float) -> float:
        return func(x0) + slope * (u - x0)

    # Samples from edge to edge (a parametric curve's fixed t-step would leave too few, or a
    # doubled end point, in a narrow window, and its smoothing would overshoot the frame).
    curve = VMobject(color=FUNCTION_COLOR, stroke_width=stroke_width).set_points_smoothly(
        [to_screen(u, func(u)) for u in np.linspace(x_lo, x_hi, SAMPLES)]
    )
    tangent = Line(
        to_screen(x_lo, tangent_at(x_lo)),
        to_screen(x_hi, tangent_at(x_hi)),
        color=TANGENT_COLOR,
        stroke_width=stroke_width - 1,
    )
    gap = Line(
        to_screen(x_hi, tangent_at(x_hi)),
        to_screen(x_hi, func(x_hi)),
        color=HIGHLIGHT_COLOR,
        stroke_width=stroke_width + 1,
    )
    point = Dot(to_screen(x0, func(x0)), radius=0.09, color=POINT_COLOR)
    group = VGroup(curve, tangent, gap, point)
    group.curve, group.tangent, group.gap, group.point = curve, tangent, gap, point
    return group

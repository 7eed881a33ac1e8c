"""Drawing helpers shared by the scenes: pieces of picture that mean the same thing everywhere."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import Axes, Line

from scenes.common.style import TANGENT_COLOR


def tangent_segment(
    axes: Axes,
    func: Callable[[float], float],
    slope: float,
    x0: float,
    length: float = 2.4,
    stroke_width: float = 4,
) -> Line:
    """The tangent at ``x0`` as a segment of fixed on-screen ``length`` centred on the point of contact.

    Its tilt is ``slope`` (a computed derivative) mapped through the axes' own x and y scales.
    """
    centre = axes.c2p(x0, func(x0))
    direction = axes.c2p(x0 + 1, func(x0) + slope) - centre
    direction = direction / np.linalg.norm(direction)
    return Line(
        centre - direction * length / 2,
        centre + direction * length / 2,
        color=TANGENT_COLOR,
        stroke_width=stroke_width,
    )

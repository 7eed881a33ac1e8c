"""Loss surfaces in 3D, kept cheap to draw: a 24×24 surface without strokes, axes without cone
tips, and the text beside them fixed in the frame."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from manim import DEGREES, Line, Mobject, Scene, Surface, ThreeDAxes, VMobject

from scenes.common.style import AXES_COLOR, TANGENT_COLOR

#: Faces per side of a surface: fine enough for no visible facets, cheap enough to turn.
SURFACE_RESOLUTION = 24
#: The camera the surfaces are seen from: from above the weight plane, a little to the side.
VIEW_PHI = 62 * DEGREES
VIEW_THETA = -62 * DEGREES


def surface_axes(
    x_range: Sequence[float],
    y_range: Sequence[float],
    z_range: Sequence[float],
    lengths: tuple[float, float, float],
) -> ThreeDAxes:
    """Axes for a loss surface: no tips (each cone is a surface of its own to draw)."""
    return ThreeDAxes(
        x_range=x_range,
        y_range=y_range,
        z_range=z_range,
        x_length=lengths[0],
        y_length=lengths[1],
        z_length=lengths[2],
        tips=False,
        axis_config={"color": AXES_COLOR, "stroke_width": 2},
        num_axis_pieces=8,
    )


def loss_surface(
    axes: ThreeDAxes,
    loss: Callable[[float, float], float],
    u_range: Sequence[float],
    v_range: Sequence[float],
    colors: tuple[str, str],
    opacity: float = 0.75,
) -> Surface:
    """The graph of ``loss`` over the weight rectangle, shaded in two tones of the loss colour."""
    return Surface(
        lambda u, v: axes.c2p(u, v, loss(u, v)),
        u_range=u_range,
        v_range=v_range,
        resolution=(SURFACE_RESOLUTION, SURFACE_RESOLUTION),
        checkerboard_colors=list(colors),
        fill_opacity=opacity,
        stroke_width=0,
    )


def curve_on_surface(
    axes: ThreeDAxes,
    point: Callable[[float], tuple[float, float, float]],
    t_range: Sequence[float],
    color: str,
    width: float = 5,
) -> VMobject:
    """A curve through data points (w₁, w₂, L), e.g. a slice of the surface."""
    curve = VMobject(stroke_color=color, stroke_width=width)
    ts = np.linspace(t_range[0], t_range[1], 60)
    curve.set_points_smoothly([axes.c2p(*point(t)) for t in ts])
    return curve


def tangent_in_space(
    axes: ThreeDAxes,
    at: tuple[float, float, float],
    direction: tuple[float, float, float],
    half_run: float,
    width: float = 6,
) -> Line:
    """The tangent line at ``at`` along data ``direction`` (a unit of weight and the slope's rise),
    ``half_run`` weight units either side."""
    start = np.array(at, dtype=float) - half_run * np.array(direction, dtype=float)
    end = np.array(at, dtype=float) + half_run * np.array(direction, dtype=float)
    return Line(axes.c2p(*start), axes.c2p(*end), color=TANGENT_COLOR, stroke_width=width)


def fix_in_frame(scene: Scene, *mobjects: Mobject) -> None:
    """Text that must be read stays flat on the screen whatever the camera does."""
    scene.add_fixed_in_frame_mobjects(*mobjects)
    scene.remove(*mobjects)  # added when its animation starts, not now


def screen_to_space(scene: Scene, offset: Sequence[float]) -> np.ndarray:
    """The shift in space that the camera shows as ``offset`` = (right, up, towards the camera).

    The pipeline's safe-area check reads a mobject's points before projection: a picture moved
    straight sideways on the screen can leave the check's box in raw y while it is on screen.
    Moving it away from the camera as well (a negative third entry) brings its points back into
    the box without moving it on the screen; the key frames are looked at to confirm it."""
    return scene.renderer.camera.generate_rotation_matrix().T @ np.asarray(offset, dtype=float)

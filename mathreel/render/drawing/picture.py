"""Checks of the picture as the camera shows it: content inside the title-safe area and text large
enough to read, judged on the frame (a 3D camera's projection, a moved or zoomed camera frame,
mobjects fixed in the frame), not on the mobjects' raw points.

A plain Manim ``Camera`` shows points as they are, so its checks read the points directly; any
other camera maps them through ``points_to_subpixel_coords``, which applies the camera's own
projection and frame, exactly as it does when it paints.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from manim import Camera, ThreeDCamera, VMobject, config

#: Fraction of the frame kept clear on each side (title-safe area).
SAFE_MARGIN = 0.05
#: Smallest text allowed, as an em size in pixels at 854x480 ("about 24 px", with 10 % latitude).
MIN_TEXT_PX = 21.5
#: Em size in 480p pixels per Manim font-size point, measured from cap heights (cap ~ 0.7 em):
#: MathTex/Tex "H" at font_size 28 is 11.9 px tall, Pango Text "H" 17.0 px.
_EM_PX_PER_POINT = {"tex": 11.9 / 28 / 0.7, "text": 17.0 / 28 / 0.7}


def visible(mobject) -> bool:
    if isinstance(mobject, VMobject):
        fill = mobject.get_fill_opacity()
        stroke = mobject.get_stroke_opacity() if mobject.get_stroke_width() > 0 else 0.0
        return max(float(fill), float(stroke)) > 0.01
    return True


def _plain(camera: Camera) -> bool:
    """A camera that shows points as they are: Manim's own, on the configured frame."""
    return type(camera) is Camera and np.allclose(camera.frame_center, 0)


def on_screen(camera: Camera, mobject) -> np.ndarray:
    """``mobject``'s own points where the camera shows them, in frame units of the configured
    frame (x right, y up, the origin at the centre of the picture)."""
    if _plain(camera):
        return mobject.points[:, :2]
    pixels = camera.points_to_subpixel_coords(mobject, mobject.points)
    x = (pixels[:, 0] / camera.pixel_width - 0.5) * config.frame_width
    y = (0.5 - pixels[:, 1] / camera.pixel_height) * config.frame_height
    return np.column_stack([x, y])


def _current(camera: Camera) -> Camera:
    """The camera with its projection brought up to date: a 3D camera refreshes its rotation
    only when it paints, and a skipped play paints nothing."""
    if isinstance(camera, ThreeDCamera):
        camera.reset_rotation_matrix()
    return camera


def safe_area_violations(camera: Camera, mobjects: Iterable) -> list[str]:
    """Visible mobjects reaching outside the title-safe area (5 % margin on each side) of the
    picture the camera shows."""
    camera = _current(camera)
    half_w = config.frame_width / 2 * (1 - 2 * SAFE_MARGIN)
    half_h = config.frame_height / 2 * (1 - 2 * SAFE_MARGIN)
    found = []
    for top in mobjects:
        points = [on_screen(camera, m) for m in top.get_family() if m.has_points() and visible(m)]
        if not points:
            continue
        allp = np.concatenate(points)
        lo, hi = allp.min(axis=0), allp.max(axis=0)
        if (
            lo[0] < -half_w - 1e-3
            or hi[0] > half_w + 1e-3
            or lo[1] < -half_h - 1e-3
            or hi[1] > half_h + 1e-3
        ):
            found.append(
                f"{type(top).__name__} spans x {lo[0]:.2f}..{hi[0]:.2f}, y {lo[1]:.2f}..{hi[1]:.2f} "
                f"(safe: |x| <= {half_w:.2f}, |y| <= {half_h:.2f})"
            )
    return found


def shown_scale(camera: Camera, mobject) -> float:
    """How large the camera shows a flat mobject (a label) against the same mobject drawn flat on
    the configured frame: the smaller principal stretch of the best affine fit from the label's
    own plane to the picture, so a label seen edge-on, or in a zoomed-out frame, counts small."""
    if _plain(camera):
        return 1.0
    members = [m for m in mobject.get_family() if m.has_points()]
    raw = np.concatenate([m.points for m in members])
    shown = np.concatenate([on_screen(camera, m) for m in members])
    centred = raw - raw.mean(axis=0)
    _, spread, axes = np.linalg.svd(centred, full_matrices=False)
    if spread[1] <= 1e-9:
        return 1.0
    plane = centred @ axes[:2].T  # the label's coordinates in its own plane
    fit, *_ = np.linalg.lstsq(
        np.column_stack([plane, np.ones(len(plane))]), shown - shown.mean(axis=0), rcond=None
    )
    return float(np.linalg.svd(fit[:2], compute_uv=False).min())


def small_text(camera: Camera, mobjects: Iterable) -> list[str]:
    """Visible text whose em size, as the camera shows it at 854x480, is under
    :data:`MIN_TEXT_PX`."""
    from manim import MarkupText, SingleStringMathTex, Text

    camera = _current(camera)
    found = []

    def visit(mob) -> None:
        kind = (
            "tex"
            if isinstance(mob, SingleStringMathTex)
            else ("text" if isinstance(mob, Text | MarkupText) else None)
        )
        if kind is None:
            for sub in mob.submobjects:
                visit(sub)
            return
        if mob.height <= 0 or not any(visible(m) for m in mob.get_family() if m.has_points()):
            return
        nominal = float(mob.font_size) * _EM_PX_PER_POINT[kind] * 8.0 / config.frame_height
        px = nominal * shown_scale(camera, mob)
        if px < MIN_TEXT_PX - 1e-6:
            label = getattr(mob, "tex_string", None) or getattr(mob, "text", "")
            found.append(
                f"{type(mob).__name__} {label[:40]!r} at {px:.1f} px (min {MIN_TEXT_PX:g})"
            )

    for top in mobjects:
        visit(top)
    return found

"""The safe-area and type-size checks judge the picture the camera shows: a 3D camera's
projection, a zoomed or moved camera frame, labels fixed in the frame (Chapter 2's cameras), and
the plain camera as before."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DEGREES, UP, Dot, MathTex, MovingCamera, Text, ThreeDCamera
from manim.camera.camera import Camera

from mathreel.render.drawing.picture import (
    MIN_TEXT_PX,
    safe_area_violations,
    shown_scale,
    small_text,
)


def three_d(phi: float = 75, theta: float = -90) -> ThreeDCamera:
    camera = ThreeDCamera()
    camera.set_phi(phi * DEGREES)
    camera.set_theta(theta * DEGREES)
    return camera


def test_plain_camera_reads_points_as_they_are() -> None:
    camera = Camera()
    assert safe_area_violations(camera, [Dot([6.0, 3.2, 0], radius=0.05)]) == []
    assert safe_area_violations(camera, [Dot([6.6, 0, 0], radius=0.05)])
    label = MathTex("x", font_size=36)
    assert shown_scale(camera, label) == 1.0 and small_text(camera, [label]) == []
    assert small_text(camera, [MathTex("x", font_size=24)])


def test_a_zoomed_camera_frame_moves_content_out_and_shrinks_text() -> None:
    zoomed_in = MovingCamera()
    zoomed_in.frame.scale(0.5)
    dot = Dot([4.0, 0, 0], radius=0.05)
    assert safe_area_violations(Camera(), [dot]) == []
    assert safe_area_violations(zoomed_in, [dot])  # shown at x = 8: off the picture

    zoomed_out = MovingCamera()
    zoomed_out.frame.scale(2)
    label = MathTex(r"L(w)", font_size=40)
    assert small_text(Camera(), [label]) == []
    assert shown_scale(zoomed_out, label) == pytest.approx(0.5, rel=1e-3)
    assert small_text(zoomed_out, [label])

    moved = MovingCamera()
    moved.frame.shift(3 * UP)
    assert safe_area_violations(moved, [Dot([0, -1.2, 0], radius=0.05)])  # shown at y = -4.2


def test_a_3d_camera_projects_height_onto_the_picture() -> None:
    top = Dot([0, 0, 4.0], radius=0.05)
    assert safe_area_violations(Camera(), [top]) == []  # raw points: the height is not seen
    assert safe_area_violations(three_d(), [top])
    assert safe_area_violations(three_d(), [Dot([0, 0, 2.5], radius=0.05)]) == []


def test_a_label_lying_on_the_floor_is_foreshortened_unless_fixed_in_the_frame() -> None:
    camera = three_d(phi=75)
    floor = Text("slope", font_size=36)
    camera.reset_rotation_matrix()
    scale = shown_scale(camera, floor)
    # Seen 75 degrees off vertical, its height is shortened to about cos(75) = 0.26.
    assert scale == pytest.approx(np.cos(75 * DEGREES), abs=0.03)
    assert small_text(camera, [floor])

    fixed = Text("slope", font_size=36)
    camera.add_fixed_in_frame_mobjects(fixed)
    assert shown_scale(camera, fixed) == pytest.approx(1.0, abs=1e-6)
    assert small_text(camera, [fixed]) == []


def test_the_minimum_is_the_documented_one() -> None:
    assert MIN_TEXT_PX == 21.5

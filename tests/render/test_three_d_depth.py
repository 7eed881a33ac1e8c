"""Depth under a 3D camera: a plane moved through a still surface is painted in depth order on
every frame of the play, so the play's last frame equals the still frames after it (Manim alone
paints the moving plane over the still bowl's near side, then snaps it behind at the next still
frame). A scene that restores Manim's behaviour shows the snap: the test can fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import av
import numpy as np
import pytest

from tests.tiny_project import tiny_project

pytestmark = pytest.mark.render

SCENE = """
import numpy as np
from manim import *

from mathreel import NarratedScene


class {name}(NarratedScene, ThreeDScene):
{extra}
    def construct(self):
        self.set_camera_orientation(phi=68 * DEGREES, theta=-70 * DEGREES)
        bowl = Surface(
            lambda u, v: np.array([u, v, 0.3 * (u * u + v * v)]),
            u_range=[-2, 2], v_range=[-2, 2], resolution=(12, 12),
            fill_color="#009E73", fill_opacity=1, stroke_width=0,
        )
        bowl.set_fill_by_checkerboard("#009E73", "#007A59", opacity=1)
        plane = Surface(
            lambda u, v: np.array([u, -2.8, v]),
            u_range=[-2.4, 2.4], v_range=[0, 2.6], resolution=(8, 4),
            fill_color="#E69F00", fill_opacity=1, stroke_width=0,
        )
        with self.beat("still"):
            self.add(bowl, plane)
        with self.beat("slide"):
            # In place half-way through the play, still painted as moving to its end.
            self.play(plane.animate.shift(2.8 * UP), run_time=1, rate_func=lambda t: min(1, 2 * t))
            self.wait(1)
"""
#: Manim's own painting: the moving plane over the still bowl.
UNSORTED = """
    def get_moving_mobjects(self, *animations):
        return ThreeDScene.get_moving_mobjects(self, *animations)
"""
NARRATION = """# {title}

## still
A bowl, and a plane in front of it.

## slide
The plane slides into the bowl and stays there while this sentence is read.
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("depth")
    project = tiny_project(root / "project")
    (project / "scenes" / "slice.py").write_text(SCENE.format(name="Slice", extra=""))
    (project / "scenes" / "unsorted.py").write_text(SCENE.format(name="Unsorted", extra=UNSORTED))
    for stem in ("slice", "unsorted"):
        (project / "narration" / f"{stem}.md").write_text(NARRATION.format(title=stem.title()))
    (project / "scenes" / "manifest.py").write_text(
        textwrap.dedent(
            """
            CHAPTERS = [{"number": 1, "course": "Depth", "title": "Depth",
                         "scenes": ["slice", "unsorted", "tiny_a"]}]
            """
        )
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATHREEL_")}
    env.update(MATHREEL_OUTPUT=str(root / "output"), MATHREEL_CACHE=str(root / "cache"))
    env["PYTHONPATH"] = str(project)
    for stem in ("slice", "unsorted"):
        done = subprocess.run(
            [sys.executable, "render.py", "scene", stem, "-q", "l", "-v", "silent"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    return root / "output" / "480p15" / "scenes"


def play_end_and_after(scenes, stem) -> tuple[np.ndarray, np.ndarray]:
    """The play's last frame (the plane already in place) and a still frame 0.5 s after it."""
    timeline = json.loads((scenes / f"{stem}.timeline.json").read_text())
    slide = next(b for b in timeline["beats"] if b["id"] == "slide")
    first = round(slide["start"] * 15)
    wanted = {first + 14: "end", first + 22: "after"}
    found = {}
    with av.open(str(scenes / f"{stem}.mp4")) as container:
        for i, frame in enumerate(container.decode(container.streams.video[0])):
            if i in wanted:
                found[wanted[i]] = frame.to_ndarray(format="rgb24").astype(np.int16)
    return found["end"], found["after"]


def changed_pixels(a: np.ndarray, b: np.ndarray) -> int:
    return int((np.abs(a - b).max(axis=2) > 40).sum())


def test_a_plane_moved_through_a_surface_keeps_its_depth_order(rendered):
    end, after = play_end_and_after(rendered, "slice")
    assert changed_pixels(end, after) == 0


def test_manims_own_painting_snaps_behind_at_the_end_of_the_play(rendered):
    end, after = play_end_and_after(rendered, "unsorted")
    assert changed_pixels(end, after) > 2000

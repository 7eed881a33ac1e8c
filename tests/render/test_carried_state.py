"""A beat is reused only when nothing it can read changed: state carried in Python between beats.

Each scene below carries something from one beat into the next that the picture on screen does not
show: a scene attribute, a local of a helper method that opens beats, a tracker off screen, an
updater's closure, a module global, random draws, and the camera (a stopped rotation, an
orientation from a carried value, the frame centre, the fixed-in-frame set, a moving camera's
frame moved without an animation, a rotation running across all three beats). For each beat k,
only beat k's narration is edited; the scenes rendered with kept segments must decode to the same
frames as scenes drawn from nothing, and ``--beat`` of the next beat to the same frames of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import av
import pytest

from tests.tiny_project import tiny_project

pytestmark = pytest.mark.render

HEADER = """
import random

import numpy as np
from manim import *

from mathreel import NarratedScene

SIZE = {"side": 1.0}
#: Seconds: beat one lasts less before its narration is edited, more after.
LONG = 4.7


def drift(speed):
    return lambda m, dt: m.shift(RIGHT * speed * dt)


def cube():
    return Cube(side_length=1.5, fill_opacity=0.6, fill_color=BLUE)
"""

SCENES = {
    "plain": """
class Plain(NarratedScene):
    def construct(self):
        dot = Dot(color=YELLOW)
        with self.beat("one"):
            self.play(Create(dot))
        with self.beat("two"):
            self.play(dot.animate.shift(RIGHT))
        with self.beat("three"):
            self.play(dot.animate.shift(UP))
""",
    "attribute": """
class Attribute(NarratedScene):
    def construct(self):
        with self.beat("one") as beat:
            self.side = beat.duration / 4
            self.play(Create(Dot()))
        with self.beat("two"):
            self.play(Create(Square(self.side)))
        with self.beat("three"):
            self.play(Create(Circle(radius=self.side / 2, color=RED)))
""",
    "helper_local": """
class HelperLocal(NarratedScene):
    def construct(self):
        self.part()

    def part(self):
        with self.beat("one") as beat:
            side = beat.duration / 4
            self.play(Create(Dot()))
        with self.beat("two"):
            self.play(Create(Square(side)))
        with self.beat("three"):
            self.play(Create(Circle(radius=side / 2, color=RED)))
""",
    "tracker": """
class Tracker(NarratedScene):
    def construct(self):
        size = ValueTracker(1)
        with self.beat("one") as beat:
            size.set_value(beat.duration / 4)
            self.play(Create(Dot()))
        with self.beat("two"):
            self.play(Create(Square(size.get_value())))
        with self.beat("three"):
            self.play(Create(Circle(radius=size.get_value() / 2, color=RED)))
""",
    "closure": """
class Closure(NarratedScene):
    def construct(self):
        dot = Dot(color=YELLOW)
        with self.beat("one") as beat:
            dot.add_updater(drift(beat.duration / 8))
            self.play(Create(Square(0.5)))
        with self.beat("two"):
            self.add(dot)
            self.wait(1)
        with self.beat("three"):
            self.play(dot.animate.set_color(RED))
""",
    "module_global": """
class ModuleGlobal(NarratedScene):
    def construct(self):
        with self.beat("one") as beat:
            SIZE["side"] = beat.duration / 4
            self.play(Create(Dot()))
        with self.beat("two"):
            self.play(Create(Square(SIZE["side"])))
        with self.beat("three"):
            self.play(Create(Circle(radius=SIZE["side"] / 2, color=RED)))
""",
    "random_draw": """
class RandomDraw(NarratedScene):
    def construct(self):
        with self.beat("one") as beat:
            for _ in range(int(beat.duration * 10)):
                random.random()
                np.random.random()
            self.play(Create(Dot()))
        with self.beat("two"):
            self.play(Create(Dot([random.uniform(-3, 3), random.uniform(-2, 2), 0], color=RED)))
        with self.beat("three"):
            self.play(Create(Dot([np.random.uniform(-3, 3), 1, 0], color=BLUE)))
""",
    "rotation_stopped": """
class RotationStopped(NarratedScene, ThreeDScene):
    def construct(self):
        self.set_camera_orientation(phi=60 * DEGREES, theta=-45 * DEGREES)
        box = cube()
        with self.beat("one") as beat:
            self.add(box)
            self.begin_ambient_camera_rotation(rate=0.5)
            self.wait(beat.until())
            self.stop_ambient_camera_rotation()
        with self.beat("two"):
            self.play(box.animate.shift(RIGHT))
        with self.beat("three"):
            self.play(box.animate.shift(LEFT))
""",
    "orientation_from_value": """
class OrientationFromValue(NarratedScene, ThreeDScene):
    def construct(self):
        box = cube()
        self.add(box)
        with self.beat("one") as beat:
            self.tilt = beat.duration / 10
            self.play(box.animate.rotate(0.3))
        with self.beat("two"):
            self.set_camera_orientation(phi=self.tilt, theta=-0.8)
            self.play(box.animate.shift(RIGHT))
        with self.beat("three"):
            self.play(box.animate.shift(LEFT))
""",
    "frame_center": """
class FrameCenter(NarratedScene, ThreeDScene):
    def construct(self):
        self.set_camera_orientation(phi=60 * DEGREES, theta=-45 * DEGREES)
        box = cube()
        self.add(box)
        with self.beat("one") as beat:
            self.set_camera_orientation(frame_center=[beat.duration / 10, 0, 0])
            self.play(box.animate.rotate(0.3))
        with self.beat("two"):
            self.play(box.animate.shift(RIGHT))
        with self.beat("three"):
            self.play(box.animate.shift(LEFT))
""",
    "fixed_in_frame": """
class FixedInFrame(NarratedScene, ThreeDScene):
    def construct(self):
        self.set_camera_orientation(phi=60 * DEGREES, theta=-45 * DEGREES)
        box = cube()
        label = Square(0.6, color=RED).to_corner(UL)
        self.add(box)
        with self.beat("one") as beat:
            self.play(box.animate.rotate(0.3))
            if beat.duration > LONG:
                self.add_fixed_in_frame_mobjects(label)
            else:
                self.add(label)
        with self.beat("two"):
            self.play(box.animate.shift(RIGHT))
        with self.beat("three"):
            self.play(label.animate.shift(DOWN))
""",
    "moving_frame": """
class MovingFrame(NarratedScene, MovingCameraScene):
    def construct(self):
        dot = Dot(color=YELLOW)
        self.add(Square(2), dot)
        with self.beat("one") as beat:
            self.camera.frame.move_to([beat.duration / 10, 0, 0])
            self.play(dot.animate.shift(UP))
        with self.beat("two"):
            self.play(dot.animate.shift(RIGHT))
        with self.beat("three"):
            self.play(dot.animate.shift(DOWN))
""",
    "rotation_across": """
class RotationAcross(NarratedScene, ThreeDScene):
    def construct(self):
        self.set_camera_orientation(phi=60 * DEGREES, theta=-45 * DEGREES)
        box = cube()
        self.add(box)
        with self.beat("one"):
            self.begin_ambient_camera_rotation(rate=0.4)
            self.play(box.animate.rotate(0.3))
        with self.beat("two"):
            self.play(box.animate.shift(RIGHT * 0.5))
        with self.beat("three"):
            self.play(box.animate.shift(LEFT * 0.5))
""",
}
NARRATION = """# {title}

## one
A shape appears on the screen now.

## two
Then something else is drawn while this sentence is read aloud.

## three
And one more change closes the scene at an easy pace.
"""
EDIT = " These extra words make this beat last a good deal longer than before."
BEATS = ("one", "two", "three")
#: Previews run two at a time (one process each, as a creator's would), so that every scene's
#: --beat k+1 is checked for every k.
PREVIEW_PROCESSES = 2


def tiny_env(project: Path, cache: Path, output: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATHREEL_")}
    env.update(MATHREEL_OUTPUT=str(output), MATHREEL_CACHE=str(cache), PYTHONPATH=str(project))
    return env


def _run(project: Path, cache: Path, output: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "render.py", *args],
        cwd=project,
        env=tiny_env(project, cache, output),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _chapter(project: Path, cache: Path, output: Path) -> str:
    return _run(project, cache, output, "chapter", "1", "-q", "l", "-v", "silent", "-j", "2")


def _frame_digests(path: Path) -> list[str]:
    with av.open(str(path)) as container:
        return [
            hashlib.md5(f.to_ndarray(format="rgb24").tobytes()).hexdigest()
            for f in container.decode(container.streams.video[0])
        ]


def _scene_video(rendered: Path, stem: str) -> Path:
    return rendered / "scenes" / f"{stem}.mp4"


def _timeline(rendered: Path, stem: str) -> dict:
    return json.loads((rendered / "scenes" / f"{stem}.timeline.json").read_text())


@pytest.fixture(scope="module")
def carried(tmp_path_factory):
    """The project rendered once, then for each beat k in turn that beat's narration edited in
    every scene and the chapter rendered again with its kept segments, and from nothing in a
    fresh cache. Yields (k, project, reused output, fresh output, stdout) for each k."""
    root = tmp_path_factory.mktemp("carried")
    project = tiny_project(root / "project")
    for old in (project / "scenes").glob("tiny_*.py"):
        old.unlink()
    for old in (project / "narration").glob("tiny_*.md"):
        old.unlink()
    for stem, body in SCENES.items():
        (project / "scenes" / f"{stem}.py").write_text(HEADER + body)
        title = stem.replace("_", " ").title()
        (project / "narration" / f"{stem}.md").write_text(NARRATION.format(title=title))
    (project / "scenes" / "manifest.py").write_text(
        textwrap.dedent(
            f'''
            """Scenes that carry state between beats."""

            CHAPTERS = [
                {{"number": 1, "course": "Carried", "title": "State", "scenes": {list(SCENES)!r}}},
            ]
            '''
        )
    )
    cache, output = root / "cache", root / "output"
    _chapter(project, cache, output)
    steps = []
    for k, beat in enumerate(BEATS):
        for stem in SCENES:
            narration = project / "narration" / f"{stem}.md"
            lines = narration.read_text().splitlines()
            at = lines.index(f"## {beat}") + 1
            lines[at] += EDIT
            narration.write_text("\n".join(lines) + "\n")
        stdout = _chapter(project, cache, output)
        reused = root / f"reused-{k}"
        (output / "480p15").rename(reused)
        previews = {}
        if k + 1 < len(BEATS):

            def preview(stem: str, nxt: str = BEATS[k + 1], k: int = k) -> Path:
                _run(project, cache, output, "scene", stem, "-v", "silent", "--beat", nxt)
                made = output / "480p15" / "preview" / f"{stem}.{nxt}.mp4"
                return made.rename(root / f"preview-{k}-{made.name}")

            with ThreadPoolExecutor(PREVIEW_PROCESSES) as pool:
                previews = dict(zip(SCENES, pool.map(preview, SCENES), strict=True))
        fresh = root / f"fresh-{k}"
        _chapter(project, root / f"cache-fresh-{k}", fresh)
        steps.append((k, project, reused, fresh / "480p15", previews, stdout))
    return steps


def test_beat_one_is_edited_first_and_kept_beats_are_reused(carried):
    k, project, reused, fresh, previews, stdout = carried[0]
    beats = {b["id"]: b["reused"] for b in _timeline(reused, "plain")["beats"]}
    assert beats == {"one": False, "two": True, "three": True}, beats


@pytest.mark.parametrize("k", range(len(BEATS)))
@pytest.mark.parametrize("stem", list(SCENES))
def test_edited_scene_equals_a_scene_drawn_from_nothing(carried, stem, k):
    _, _, reused, fresh, _, _ = carried[k]
    kept = _frame_digests(_scene_video(reused, stem))
    drawn = _frame_digests(_scene_video(fresh, stem))
    assert len(kept) == len(drawn), (len(kept), len(drawn))
    wrong = [i for i, (a, b) in enumerate(zip(kept, drawn, strict=True)) if a != b]
    beats = _timeline(reused, stem)["beats"]
    assert not wrong, (
        f"{len(wrong)} frames differ from frame {wrong[0]}; beats reused: "
        f"{[(b['id'], b['reused']) for b in beats]}"
    )


@pytest.mark.parametrize("k", range(len(BEATS) - 1))
@pytest.mark.parametrize("stem", list(SCENES))
def test_preview_of_the_next_beat_equals_its_frames_in_the_full_render(carried, stem, k):
    _, _, _, fresh, previews, _ = carried[k]
    beat = next(b for b in _timeline(fresh, stem)["beats"] if b["id"] == BEATS[k + 1])
    full = _frame_digests(_scene_video(fresh, stem))
    start, end = round(beat["start"] * 15), round(beat["end"] * 15)
    assert _frame_digests(previews[stem]) == full[start:end]

"""Chapter 2's cameras under beat reuse, on each of its 3D scenes. In partial_derivatives the
camera turns round the bowl (``move_camera``, with an updater keeping the bowl left of centre) in
the beat after the one edited here; in saddle_points the beat after the edited one sets the camera
straight above the saddle (``set_camera_orientation``, no animation) for the contour map. Editing
only the narration of the beat before reuses beats after it, and the scene decodes to the very
frames of a ``--force`` render: no jump at any join, each later beat starting from the angle the
full render shows."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import av
import pytest

from tests.course import ROOT

pytestmark = pytest.mark.render

#: Each 3D scene of Chapter 2 and the beat edited: the one before its camera moves.
EDITS = [("partial_derivatives", "surface"), ("saddle_points", "saddle_shape")]


def copy_of_the_course(root: Path) -> Path:
    project = root / "project"
    project.mkdir(parents=True)
    for name in ("render.py", "manim.cfg", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    for name in ("mathreel", "scenes", "narration"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def render(project: Path, output: Path, scene: str, *extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATHREEL_")}
    env.update(
        MATHREEL_OUTPUT=str(output),
        MATHREEL_CACHE=str(project / ".cache"),
        MATHREEL_LISTEN="off",
        PYTHONPATH=str(project),
    )
    done = subprocess.run(
        [sys.executable, "render.py", "scene", scene, "-q", "l", "-v", "silent", *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def frame_digests(video: Path) -> list[str]:
    with av.open(str(video)) as container:
        return [
            hashlib.md5(f.to_ndarray(format="rgb24").tobytes()).hexdigest()
            for f in container.decode(container.streams.video[0])
        ]


@pytest.mark.parametrize(("scene", "edited"), EDITS)
def test_an_edit_before_the_camera_moves_reuses_it_and_matches_a_forced_render(
    tmp_path, scene, edited
):
    project = copy_of_the_course(tmp_path)
    output = tmp_path / "output"
    render(project, output, scene)
    narration = project / "narration" / f"{scene}.md"
    lines = narration.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"## {edited}") + 1
    lines[at] += " Take a moment to look at its shape."
    narration.write_text("\n".join(lines) + "\n", encoding="utf-8")

    again = render(project, output, scene)
    drawn = re.search(r"(\d+) of (\d+) beats drawn", again)
    assert drawn and int(drawn.group(1)) < int(drawn.group(2)), again
    forced_output = tmp_path / "forced"
    render(project, forced_output, scene, "--force")
    video = Path("480p15") / "scenes" / f"{scene}.mp4"
    assert frame_digests(output / video) == frame_digests(forced_output / video)

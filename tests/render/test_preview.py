"""Previewing chosen beats of a scene (``render.py scene NAME --beat ID`` / ``--from``/``--to``).

Run as real processes on the tiny three-scene project of the fault tests, with the espeak voice so
the narration's place in the preview can be measured.
"""

from __future__ import annotations

import json

import av
import numpy as np
import pytest
from PIL import Image

from mathreel.smoke import compare
from tests.probe import decode_audio, ffprobe, onset_after
from tests.render.test_faults import _project, render, scenes_dir

pytestmark = pytest.mark.render


def frames(path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(container.streams.video[0])]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The tiny project with tiny_a rendered whole, then previewed: one beat, and both beats."""
    project = _project(tmp_path_factory.mktemp("preview") / "project")
    for args in (
        ["scene", "tiny_a", "-v", "espeak"],
        ["scene", "tiny_a", "-v", "espeak", "--beat", "move"],
        ["scene", "tiny_a", "-v", "espeak", "--from", "draw", "--to", "move"],
    ):
        result = render(project, *args)
        assert result.returncode == 0, result.stdout + result.stderr
    return project


def preview(project, name: str):
    return project / "output" / "480p15" / "preview" / f"tiny_a.{name}.mp4"


def test_preview_path_is_printed(project):
    result = render(project, "scene", "tiny_a", "-v", "espeak", "--beat", "move")
    assert result.stdout.strip().endswith("-> output/480p15/preview/tiny_a.move.mp4")


def test_one_beat_preview_is_that_beat_frame_for_frame(project):
    timeline = json.loads((scenes_dir(project) / "tiny_a.timeline.json").read_text())
    move = next(b for b in timeline["beats"] if b["id"] == "move")
    full = frames(scenes_dir(project) / "tiny_a.mp4")
    part = frames(preview(project, "move"))
    start = round(move["start"] * 15)
    assert abs(len(part) - (len(full) - start)) <= 1
    # The beat starts from the picture the whole scene shows there, and ends on the same frame.
    for mine, theirs in ((part[0], full[start]), (part[-1], full[-1])):
        diff = compare(Image.fromarray(theirs), Image.fromarray(mine))
        assert diff.ok, diff.describe()


def test_whole_range_preview_matches_the_scene(project):
    full = frames(scenes_dir(project) / "tiny_a.mp4")
    part = frames(preview(project, "draw-move"))
    assert len(part) == len(full)
    assert compare(Image.fromarray(full[-1]), Image.fromarray(part[-1])).ok


def test_preview_narration_starts_within_a_frame_of_its_beat(project):
    info = ffprobe(preview(project, "move"))
    assert {s["codec_type"] for s in info["streams"]} == {"video", "audio"}
    plan = json.loads((scenes_dir(project) / "tiny_a.narration.json").read_text())
    move = next(b for b in plan["beats"] if b["id"] == "move")
    samples, rate = decode_audio(preview(project, "move"))
    assert onset_after(samples, rate, 0.0) == pytest.approx(
        move["phrases"][0]["offset"], abs=1 / 15
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--beat", "nope"], "unknown beat 'nope': choose one of draw, move"),
        (["--from", "move", "--to", "draw"], "--from move comes after --to draw"),
        (["--beat", "move", "--from", "draw"], "use --beat ID, or --from ID and/or --to ID"),
        (["--beat", "move", "--cluster", "local:1"], "a preview renders on this machine"),
    ],
)
def test_bad_choice_is_one_line(project, args, message):
    result = render(project, "scene", "tiny_a", "-v", "silent", *args)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], result.stderr

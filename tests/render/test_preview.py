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

from mathreel.check.goldens import compare
from mathreel.narration.timeline import aac_aligned_frames
from tests.probe import decode_audio, ffprobe, onset_after
from tests.tiny_project import render, scenes_dir, tiny_project, watch

pytestmark = pytest.mark.render


def frames(path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(container.streams.video[0])]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The tiny project with tiny_a rendered whole, then previewed: one beat, and both beats."""
    project = tiny_project(tmp_path_factory.mktemp("preview") / "project")
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
    start, end = round(move["start"] * 15), round(move["end"] * 15)
    # A preview is not held to whole AAC frames at its end, as the scene is.
    assert len(part) == end - start
    # The beat starts from the picture the whole scene shows there, and ends on the same frame.
    for mine, theirs in ((part[0], full[start]), (part[-1], full[end - 1])):
        diff = compare(Image.fromarray(theirs), Image.fromarray(mine))
        assert diff.ok, diff.describe()


def test_whole_range_preview_matches_the_scene(project):
    full = frames(scenes_dir(project) / "tiny_a.mp4")
    part = frames(preview(project, "draw-move"))
    assert 0 <= len(full) - len(part) < aac_aligned_frames(15)
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


@pytest.fixture(scope="module")
def exported(project):
    """tiny_a exported beat by beat at 720p30 (FCP7 XML's timecode needs an SMPTE rate)."""
    result = render(project, "scene", "tiny_a", "-v", "espeak", "-q", "m", "--export-beats")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "output" / "720p30" / "export" / "tiny_a"


def test_export_writes_one_mp4_per_beat_of_the_beats_length(project, exported):
    timeline = json.loads(
        (project / "output" / "720p30" / "scenes" / "tiny_a.timeline.json").read_text()
    )
    beats = timeline["beats"]
    assert sorted(p.name for p in exported.glob("*.mp4")) == ["01-draw.mp4", "02-move.mp4"]
    for i, beat in enumerate(beats):
        info = ffprobe(exported / f"{i + 1:02d}-{beat['id']}.mp4")
        kinds = {s["codec_type"]: s for s in info["streams"]}
        assert set(kinds) == {"video", "audio"}
        end = beats[i + 1]["start"] if i + 1 < len(beats) else timeline["duration"]
        assert float(kinds["video"]["duration"]) == pytest.approx(end - beat["start"], abs=1 / 30)


def test_exported_beat_keeps_its_narration_on_time(project, exported):
    plan = json.loads(
        (project / "output" / "720p30" / "scenes" / "tiny_a.narration.json").read_text()
    )
    samples, rate = decode_audio(exported / "02-move.mp4")
    first = plan["beats"][1]["phrases"][0]["offset"]
    assert onset_after(samples, rate, 0.0) == pytest.approx(first, abs=1 / 30)


def test_otio_and_fcp_xml_read_back_with_clips_and_marks(project, exported):
    import opentimelineio as otio

    plan = json.loads(
        (project / "output" / "720p30" / "scenes" / "tiny_a.narration.json").read_text()
    )
    for name in ("tiny_a.otio", "tiny_a.xml"):
        edit = otio.adapters.read_from_file(str(exported / name))
        clips = list(edit.tracks[0])
        assert [c.name for c in clips] == [b["id"] for b in plan["beats"]]
        for clip, beat in zip(clips, plan["beats"], strict=True):
            assert [m.name for m in clip.markers] == list(beat["marks"])
            for marker in clip.markers:
                at = marker.marked_range.start_time
                assert at.value / at.rate == pytest.approx(beat["marks"][marker.name], abs=1 / 30)
    edit = otio.adapters.read_from_file(str(exported / "tiny_a.otio"))
    for clip in edit.tracks[0]:
        path = clip.media_reference.target_url.removeprefix("file://")
        assert (exported / path.rsplit("/", 1)[1]).exists()


def test_watch_renders_again_on_each_edit_and_survives_a_broken_one(project, tmp_path):
    import shutil
    import signal
    import subprocess
    import time

    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    watcher = watch(copy, "move", stderr=subprocess.PIPE)
    lines: list[str] = []

    def next_round() -> str:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = watcher.stdout.readline()
            assert line, watcher.stderr.read()
            lines.append(line)
            if line.startswith(("  rendered in", "error:")):
                return line
        raise AssertionError("".join(lines))

    try:
        assert next_round().startswith("  rendered in")
        video = copy / "output" / "480p15" / "preview" / "tiny_a.move.mp4"
        before = float(ffprobe(video)["format"]["duration"])
        narration = copy / "narration" / "tiny_a.md"
        narration.write_text(
            narration.read_text().replace("Then it moves", "Then, slowly and steadily, it moves")
        )
        assert next_round().startswith("  rendered in")
        assert float(ffprobe(video)["format"]["duration"]) > before + 0.3
        shapes = copy / "scenes" / "tiny_shapes.py"
        good = shapes.read_text()
        shapes.write_text(good.replace("radius=1.0", "radius=("))
        assert "scenes/tiny_shapes.py" in next_round()  # one line, and the watch goes on
        shapes.write_text(good.replace("radius=1.0", "radius=1.5"))
        assert next_round().startswith("  rendered in")
    finally:
        watcher.send_signal(signal.SIGINT)
        out, err = watcher.communicate(timeout=60)
    assert watcher.returncode == 130
    assert err.strip().splitlines() == ["Error: interrupted: nothing unfinished was published"]

"""Beat segments: a narration edit draws that beat again and reuses the others, and the scene
joined from kept and new segments is the scene a full render draws.

Real processes on the tiny three-scene project of the fault tests (espeak, so the narration's
place can be measured); the scene has two beats, ``draw`` and ``move``.
"""

from __future__ import annotations

import json
import shutil

import av
import numpy as np
import pytest

from mathreel.narration.timeline import aac_aligned_frames
from tests.probe import decode_audio, onset_after
from tests.tiny_project import render, scenes_dir, tiny_project

pytestmark = pytest.mark.render

FRAME = 1 / 15


def frames(path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(container.streams.video[0])]


def segments(project) -> set[str]:
    return {p.name for p in (project / ".cache" / "segments" / "480p15" / "tiny_a").glob("*.mp4")}


def timeline(project) -> dict:
    return json.loads((scenes_dir(project) / "tiny_a.timeline.json").read_text())


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """tiny_a rendered, then its first beat's narration lengthened and rendered again; returns
    the project, the segment files before and after the edit, and the edited run's output."""
    project = tiny_project(tmp_path_factory.mktemp("segments") / "project")
    first = render(project, "scene", "tiny_a", "-v", "espeak")
    assert first.returncode == 0, first.stdout + first.stderr
    before = segments(project)
    narration = project / "narration" / "tiny_a.md"
    narration.write_text(
        narration.read_text().replace("It keeps going.", "It keeps going, round and round.")
    )
    second = render(project, "scene", "tiny_a", "-v", "espeak")
    assert second.returncode == 0, second.stdout + second.stderr
    return project, before, segments(project), second.stdout


def test_a_narration_edit_draws_that_beat_only(edited):
    project, before, after, stdout = edited
    assert {b["id"]: b["reused"] for b in timeline(project)["beats"]} == {
        "draw": False,
        "move": True,
    }
    new = {name.split(".")[0] for name in after - before}
    # The edited beat, and the short hold that keeps the scene whole AAC frames long.
    assert new <= {"draw", "_tail"} and "draw" in new, sorted(after - before)
    assert "1 of 2 beats drawn" in stdout


def test_joined_scene_equals_a_full_render(edited, tmp_path):
    project, *_ = edited
    full = tmp_path / "full"
    result = render(project, "scene", "tiny_a", "-v", "espeak", "--force", output=full)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 of 2 beats drawn" in result.stdout
    joined = frames(scenes_dir(project) / "tiny_a.mp4")
    drawn = frames(full / "480p15" / "scenes" / "tiny_a.mp4")
    assert len(joined) == len(drawn)
    worst = max(int(np.abs(a.astype(int) - b).max()) for a, b in zip(joined, drawn, strict=True))
    assert worst == 0, f"decoded frames differ by up to {worst}/255"
    assert json.loads((full / "480p15" / "scenes" / "tiny_a.timeline.json").read_text())[
        "beats"
    ] == [{**b, "reused": False} for b in timeline(project)["beats"]]


def test_joined_scene_keeps_narration_within_a_frame_of_each_beat(edited):
    project, *_ = edited
    samples, rate = decode_audio(scenes_dir(project) / "tiny_a.mp4")
    for beat in timeline(project)["beats"]:
        onset = onset_after(samples, rate, beat["start"])
        assert abs(onset - beat["start"]) <= FRAME, (beat["id"], onset, beat["start"])


def test_scene_length_is_whole_aac_frames(edited):
    project, *_ = edited
    count = len(frames(scenes_dir(project) / "tiny_a.mp4"))
    assert count % aac_aligned_frames(15) == 0
    assert count == round(timeline(project)["duration"] * 15)


def test_a_damaged_segment_is_drawn_again(edited, tmp_path):
    project, *_ = edited
    copy = tmp_path / "project"
    shutil.copytree(project, copy, symlinks=True)
    store = copy / ".cache" / "segments" / "480p15" / "tiny_a"
    for kept in store.glob("move.*.mp4"):
        data = bytearray(kept.read_bytes())
        data[len(data) // 2] ^= 0xFF
        kept.write_bytes(bytes(data))
    (scenes_dir(copy) / "tiny_a.key").unlink()
    shutil.rmtree(copy / ".cache" / "scenes")  # no kept render to restore: made from segments
    # A copy half-written by a killed render (its pid is gone) is swept when a segment is kept.
    stale = store / ".move.0123456789abcdef01234567.mp4.pid999999999.partial"
    stale.write_bytes(b"cut short")
    result = render(copy, "scene", "tiny_a", "-v", "espeak")
    assert not stale.exists()
    assert result.returncode == 0, result.stdout + result.stderr
    assert {b["id"]: b["reused"] for b in timeline(copy)["beats"]} == {
        "draw": True,
        "move": False,
    }
    assert frames(scenes_dir(copy) / "tiny_a.mp4")[-1].tobytes() == (
        frames(scenes_dir(project) / "tiny_a.mp4")[-1].tobytes()
    )


def test_doctor_removes_a_damaged_segment(edited, tmp_path):
    project, *_ = edited
    copy = tmp_path / "project"
    shutil.copytree(project, copy, symlinks=True)
    kept = sorted((copy / ".cache" / "segments" / "480p15" / "tiny_a").glob("draw.*.mp4"))[0]
    kept.write_bytes(kept.read_bytes()[:-100])
    result = render(copy, "doctor")
    line = next(x for x in result.stdout.splitlines() if "beat segments" in x)
    assert "1 damaged, removed" in line, result.stdout
    assert not kept.exists() and not kept.with_suffix(".json").exists()

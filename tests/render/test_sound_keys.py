"""Keys from what actually ran, and --force wherever it is accepted.

Real processes on the tiny project of the fault tests (silent voice, 480p15).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from pathlib import Path

import av
import pytest

from tests.tiny_project import one_line_failure, render, scenes_dir, tiny_project, watch

pytestmark = pytest.mark.render

#: Run in every process of the project at start-up; in a render worker (started as
#: ``python -c BOOTSTRAP``) it saves a change to the shared shapes module once, before the scene
#: is imported, at the same size and with the file's mtime put back, as an editor's save landing
#: between the key and the import would.
EDIT_DURING_START_UP = """
import os
import sys
from pathlib import Path

if sys.argv[:1] == ["-c"] and not Path("edited-once").exists():
    Path("edited-once").write_text("")
    shapes = Path("scenes/tiny_shapes.py")
    stat = shapes.stat()
    shapes.write_text(shapes.read_text().replace("#56B4E9", "#E69F00"))
    os.utime(shapes, ns=(stat.st_atime_ns, stat.st_mtime_ns))
"""


def segments(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "segments" / "480p15" / "tiny_a").glob("*.mp4"))


def test_a_module_changed_between_key_and_import_publishes_nothing(tmp_path):
    project = tiny_project(tmp_path / "project")
    shapes = project / "scenes" / "tiny_shapes.py"
    original = shapes.read_bytes()
    (project / "sitecustomize.py").write_text(EDIT_DURING_START_UP)
    failed = render(project, "scene", "tiny_a", "-v", "silent")
    line = one_line_failure(failed, 2, "scenes/tiny_shapes.py", "changed after")
    assert "nothing was kept" in line
    assert segments(project) == []
    assert not (scenes_dir(project) / "tiny_a.mp4").exists()
    assert not (scenes_dir(project) / "tiny_a.key").exists()
    # The edit is undone (mtime and size as before): the next run draws every beat from the
    # original code rather than reusing a picture drawn by the edited one.
    (project / "sitecustomize.py").unlink()
    stat = shapes.stat()
    shapes.write_bytes(original)
    os.utime(shapes, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = render(project, "scene", "tiny_a", "-v", "silent")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "2 of 2 beats drawn" in again.stdout


def test_beat_preview_with_force_draws_the_beat(tmp_path):
    project = tiny_project(tmp_path / "project")
    first = render(project, "scene", "tiny_a", "-v", "silent")
    assert first.returncode == 0, first.stdout + first.stderr
    kept = {p.name: p.stat().st_ino for p in segments(project) if p.name.startswith("move.")}
    assert kept
    reused = render(project, "scene", "tiny_a", "-v", "silent", "--beat", "move")
    assert reused.returncode == 0, reused.stdout + reused.stderr
    assert {p.name: p.stat().st_ino for p in segments(project) if p.name in kept} == kept
    forced = render(project, "scene", "tiny_a", "-v", "silent", "--beat", "move", "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    redrawn = {p.name: p.stat().st_ino for p in segments(project) if p.name in kept}
    assert redrawn.keys() == kept.keys() and all(redrawn[n] != kept[n] for n in kept)


CARRYING_SCENE = """
from manim import *

from mathreel import NarratedScene


class TinyA(NarratedScene):
    def construct(self) -> None:
        with self.beat("draw") as beat:
            self.side = beat.duration / 3
            self.play(Create(Dot()), run_time=beat.until("move"))
        with self.beat("move"):
            self.play(Create(Square(self.side, color="#56B4E9")))
"""


def _digests(path: Path) -> list[str]:
    with av.open(str(path)) as container:
        return [
            hashlib.md5(f.to_ndarray(format="rgb24").tobytes()).hexdigest()
            for f in container.decode(container.streams.video[0])
        ]


def _wait_for(proc: subprocess.Popen, lines: list[str], text: str, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if text in line:
            return
    proc.kill()
    raise AssertionError(f"no {text!r} within {seconds} s: {''.join(lines)}")


def test_watcher_shows_what_an_earlier_beats_edit_changed(tmp_path):
    project = tiny_project(tmp_path / "project")
    (project / "scenes" / "tiny_a.py").write_text(CARRYING_SCENE)
    preview = project / "output" / "480p15" / "preview" / "tiny_a.move.mp4"
    proc = watch(project, "move", stderr=subprocess.STDOUT)
    lines: list[str] = []
    try:
        _wait_for(proc, lines, "rendered in", 300)
        before = _digests(preview)
        narration = project / "narration" / "tiny_a.md"
        narration.write_text(
            narration.read_text().replace("It keeps going.", "It keeps going and going, on.")
        )
        _wait_for(proc, lines, "rendered in", 300)
        watched = _digests(preview)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert watched != before, "the watcher showed the square sized by the old narration"
    once = render(project, "scene", "tiny_a", "-v", "silent", "--beat", "move", "--force")
    assert once.returncode == 0, once.stdout + once.stderr
    assert _digests(preview) == watched


def test_an_undone_edit_restores_the_kept_scene_without_a_worker(tmp_path):
    project = tiny_project(tmp_path / "project")
    video = scenes_dir(project) / "tiny_a.mp4"
    first = render(project, "scene", "tiny_a", "-v", "silent")
    assert first.returncode == 0, first.stdout + first.stderr
    original = _digests(video)
    narration = project / "narration" / "tiny_a.md"
    text = narration.read_text()
    narration.write_text(text.replace("It keeps going.", "It keeps going, round and round."))
    edited = render(project, "scene", "tiny_a", "-v", "silent")
    assert edited.returncode == 0, edited.stdout + edited.stderr
    assert _digests(video) != original
    narration.write_text(text)
    work = project / ".cache" / "work"
    before = set(work.iterdir()) if work.exists() else set()
    undone = render(project, "scene", "tiny_a", "-v", "silent")
    assert undone.returncode == 0, undone.stdout + undone.stderr
    assert "restored" in undone.stdout, undone.stdout
    assert (set(work.iterdir()) if work.exists() else set()) == before  # no worker's folder
    assert _digests(video) == original
    # A damaged scene file (a new inode: its kept twin stays whole) is restored, saying why.
    data = video.read_bytes()
    video.unlink()
    video.write_bytes(data[: len(data) // 2])
    fixed = render(project, "scene", "tiny_a", "-v", "silent")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "is damaged" in fixed.stdout and "restored" in fixed.stdout, fixed.stdout
    assert _digests(video) == original
    # A kept render whose file no longer checks out is removed, and the scene is rendered.
    narration.write_text(text.replace("It keeps going.", "It keeps going, round and round."))
    kept = project / ".cache" / "scenes" / "480p15" / "tiny_a"
    for path in kept.glob("*/tiny_a.mp4"):
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.unlink()  # a new inode: the published scene keeps its own bytes
        path.write_bytes(bytes(data))
    again = render(project, "scene", "tiny_a", "-v", "silent")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "restored" not in again.stdout and "beats drawn" in again.stdout, again.stdout

"""Fault injection: damaged files on disk, concurrent and killed runs, disk faults, broken code.

Each case runs ``render.py`` as a real process in the tiny project (:mod:`tests.tiny_project`:
three tiny scenes, silent voice, 480p15), so a whole chapter renders in seconds.
Every case asserts what a user sees: one line, the exit status, no traceback, no partial file at a
final name, and that the next run recovers.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from mathreel.render.runs.scene_job import KEEP_FAILED
from tests.probe import ffprobe
from tests.tiny_project import (
    STEMS,
    chapter,
    gone,
    one_line_failure,
    partial_files,
    render,
    scenes_dir,
    start,
    tiny_project,
    workers_alive,
)

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    """The tiny chapter rendered once; each test works on its own copy of the whole project."""
    project = tiny_project(tmp_path_factory.mktemp("faults") / "project")
    result = chapter(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def project(rendered, tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(rendered, copy, symlinks=True)
    return copy


def chapter_frames(project: Path) -> int:
    video = project / "output" / "480p15" / "chapter-01" / "chapter-01.mp4"
    out = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-count_packets",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=nb_read_packets",
            "-of",
            "csv=p=0",
            str(video),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip())


def expected_frames(project: Path) -> int:
    return sum(
        json.loads((scenes_dir(project) / f"{stem}.key").read_text())["frames"] for stem in STEMS
    )


# -- 1. a truncated scene video is never reused -------------------------------------------------


def forget_kept_scenes(project: Path) -> None:
    """Drop the scenes kept for undo, so a damaged or unrecorded scene is rendered again (with
    them, it is restored: tests/render/test_sound_keys.py)."""
    shutil.rmtree(project / ".cache" / "scenes", ignore_errors=True)


def test_truncated_scene_video_is_rendered_again_and_the_chapter_is_whole(project):
    forget_kept_scenes(project)
    good = chapter_frames(project)
    video = scenes_dir(project) / "tiny_b.mp4"
    video.write_bytes(video.read_bytes()[: video.stat().st_size // 2])
    result = chapter(project)
    assert result.returncode == 0, result.stderr
    assert "tiny_b.mp4 is damaged" in result.stdout and "rendering again" in result.stdout
    assert "[01-tiny_a] unchanged" in result.stdout
    assert chapter_frames(project) == good == expected_frames(project)
    qc = json.loads((project / "output" / "480p15" / "chapter-01" / "qc.json").read_text())
    assert qc["frames"]["found"] == qc["frames"]["expected"] == good


def test_damaged_chapter_deliverable_is_assembled_again(project):
    vtt = project / "output" / "480p15" / "chapter-01" / "chapter-01.vtt"
    vtt.write_text("WEBVTT\n\ngarbage")
    result = chapter(project)
    assert result.returncode == 0, result.stderr
    assert "chapter-01.vtt is damaged" in result.stdout
    assert vtt.read_text().startswith("WEBVTT\n\n00:00:")


# -- 6. corrupt sidecars are stale, not a traceback ----------------------------------------------


@pytest.mark.parametrize("name", ["tiny_a.timeline.json", "tiny_a.narration.json", "tiny_a.key"])
def test_corrupt_sidecar_is_rendered_again_in_one_line(project, name):
    forget_kept_scenes(project)
    (scenes_dir(project) / name).write_text("{not json")
    result = chapter(project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if "rendering again" in line]
    assert len(lines) == 1 and "tiny_a" in lines[0], result.stdout
    assert chapter_frames(project) == expected_frames(project)


# -- 9. caches do not depend on where the project lies ---------------------------------------------


def test_moved_project_reuses_every_scene(project, tmp_path):
    moved = tmp_path / "elsewhere" / "moved"
    shutil.move(project, moved)
    result = chapter(moved)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("unchanged, reusing") == len(STEMS), result.stdout
    assert "chapter-01: unchanged" in result.stdout


# -- 7. broken code is one line naming file and line -----------------------------------------------


def test_syntax_error_in_an_imported_module_names_file_and_line(project):
    shapes = project / "scenes" / "tiny_shapes.py"
    shapes.write_text(shapes.read_text() + "\ndef broken(:\n")
    line = len(shapes.read_text().splitlines())
    one_line_failure(chapter(project), 2, f"scenes/tiny_shapes.py:{line}: syntax error")


def test_exception_in_construct_names_the_scene_file_and_line(project):
    scene = project / "scenes" / "tiny_c.py"
    text = scene.read_text().replace(
        "        shape = ring()\n", "        shape = ring()\n        1 / 0\n"
    )
    scene.write_text(text)
    line = text.splitlines().index("        1 / 0") + 1
    message = one_line_failure(
        chapter(project), 2, f"scenes/tiny_c.py:{line}: ZeroDivisionError", "full log:"
    )
    log = Path(message.split("full log: ")[1].rstrip(")"))
    assert log.exists() and "Traceback" in log.read_text()
    assert not partial_files(project / "output")


# -- 4. two runs at once ---------------------------------------------------------------------------


def _wait_for_lock(project: Path, proc: subprocess.Popen) -> None:
    lock = project / "output" / "480p15" / ".locks" / "tiny_a.lock"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text().strip() == str(proc.pid):
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError("the first run never took its lock")


def test_second_run_on_the_same_scenes_refuses_in_one_line_and_the_first_finishes(project):
    first = start(project, "chapter", "1", "-q", "l", "-v", "silent", "--force")
    try:
        _wait_for_lock(project, first)
        second = render(project, "scene", "tiny_a", "-q", "l", "-v", "silent", "--force")
        one_line_failure(second, 2, f"tiny_a at 480p15 is being rendered by process {first.pid}")
    finally:
        out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert chapter_frames(project) == expected_frames(project)
    # With the first run gone its lock is free again.
    assert render(project, "scene", "tiny_a", "-q", "l", "-v", "silent").returncode == 0


def test_smoke_run_beside_a_render_of_the_same_scene(project):
    first = start(project, "scene", "tiny_a", "-q", "l", "-v", "silent", "--force")
    try:
        _wait_for_lock(project, first)
        smoke = render(project, "smoke", "--scene", "tiny_a")
    finally:
        first.communicate(timeout=600)
    assert first.returncode == 0
    assert "Traceback" not in smoke.stdout + smoke.stderr
    assert (project / "output" / "smoke" / "chapter-01" / "tiny_a" / "move.png").exists()


# -- 5. killed runs leave no worker behind ----------------------------------------------------------


def _wait_for_worker(project: Path, proc: subprocess.Popen) -> list[int]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        pids = workers_alive(project)
        if pids:
            return pids
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError("no worker started")


def test_ctrl_c_stops_every_worker_at_once_and_says_so(project):
    run = start(project, "chapter", "1", "-q", "l", "-v", "silent", "--force", "-j", "2")
    workers = _wait_for_worker(project, run)
    os.killpg(run.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
    out, err = run.communicate(timeout=60)
    one_line_failure(
        subprocess.CompletedProcess(run.args, run.returncode, out, err), 130, "interrupted"
    )
    assert gone(workers, 5)
    assert not partial_files(project / "output")


def test_sigint_to_the_parent_alone_stops_its_workers(project):
    run = start(project, "chapter", "1", "-q", "l", "-v", "silent", "--force", "-j", "2")
    workers = _wait_for_worker(project, run)
    os.kill(run.pid, signal.SIGINT)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert gone(workers, 5)


def test_parent_killed_outright_takes_its_workers_with_it(project):
    run = start(project, "chapter", "1", "-q", "l", "-v", "silent", "--force", "-j", "2")
    workers = _wait_for_worker(project, run)
    os.kill(run.pid, signal.SIGKILL)
    run.communicate(timeout=60)
    assert gone(workers, 5), f"workers {workers} outlived their parent"
    # The next run recovers, whatever the killed one left.
    result = chapter(project)
    assert result.returncode == 0, result.stderr
    assert chapter_frames(project) == expected_frames(project)
    assert not partial_files(project / "output")


# -- 8. read-only output folder, full disk -----------------------------------------------------------


@contextmanager
def tmpfs(path: Path, size: str, read_only: bool = False):
    """A small tmpfs at ``path`` (root only); the test is skipped where mounting is not allowed."""
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_read_only_output_fails_before_rendering_in_one_line(project, tmp_path):
    with tmpfs(tmp_path / "ro", "1m", read_only=True) as out:
        started = time.monotonic()
        result = chapter(project, output=out)
        one_line_failure(result, 2, "cannot write to", "Read-only file system")
        assert time.monotonic() - started < 30
    assert not workers_alive(project)


def test_full_disk_is_one_line_leaves_no_partial_file_and_the_next_run_recovers(project, tmp_path):
    with tmpfs(tmp_path / "full", "200k") as out:
        result = chapter(project, "--force", output=out)
        line = one_line_failure(result, 1, "No space left on device")
        assert str(out) in line or "failed to render" in line
        assert not partial_files(out)
        for key in out.rglob("*.key"):  # whatever was published is whole and recorded
            assert json.loads(key.read_text())["schema"] == 2
    result = chapter(project)
    assert result.returncode == 0, result.stderr
    assert chapter_frames(project) == expected_frames(project)


# -- a bug is one line with the log's path ------------------------------------------------------------


def test_unexpected_exception_prints_one_line_with_its_log(project):
    jobs = project / "mathreel" / "render" / "runs" / "jobs.py"
    jobs.write_text(
        jobs.read_text().replace(
            "    check_tools()\n    voice.check_available()\n",
            "    check_tools()\n    voice.check_available()\n    {}['boom']\n",
        )
    )
    line = one_line_failure(chapter(project), 1, "internal error: KeyError: 'boom'", "full log:")
    log = Path(line.split("full log: ")[1].rstrip(")"))
    assert "Traceback" in log.read_text()


def test_rendered_chapter_passes_the_independent_probe(rendered):
    info = ffprobe(rendered / "output" / "480p15" / "chapter-01" / "chapter-01.mp4")
    assert len(info["chapters"]) == len(STEMS)


# -- a scene that does not end on whole AAC frames cannot join by stream copy -------------------


def test_scene_not_on_whole_aac_frames_is_refused_and_nothing_is_published(project):
    folder = project / "output" / "480p15" / "chapter-01"
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    # A bug that stops scenes being held to whole AAC frames (they change, so they render again).
    recorder = project / "mathreel" / "render" / "drawing" / "recorder.py"
    held = "hold = -scene.frames % aac_aligned_frames(fps)"
    assert held in recorder.read_text()
    recorder.write_text(recorder.read_text().replace(held, "hold = 1 if scene.frames % 2 else 0"))
    line = one_line_failure(
        chapter(project), 2, "scene 'tiny_a' has", "not a multiple of 8", "a bug"
    )
    assert "nothing was published" in line
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert not partial_files(project / "output") and not list(folder.parent.glob(".assembling-*"))


# -- a kept segment whose record checks out but whose frame count is wrong ----------------------------


def segment_records(project: Path, stem: str, beat: str) -> list[Path]:
    return sorted((project / ".cache" / "segments" / "480p15" / stem).glob(f"{beat}.*.json"))


def miscount(record: Path, by: int = 3) -> None:
    """Rewrite a segment's record with a wrong frame count (its digest still matches the file)."""
    data = json.loads(record.read_text())
    data["frames"] += by
    record.write_text(json.dumps(data, indent=1))


def test_segment_with_a_wrong_frame_count_is_dropped_and_drawn_again(project):
    forget_kept_scenes(project)
    (record,) = segment_records(project, "tiny_a", "move")
    frames = json.loads(record.read_text())["frames"]
    miscount(record)
    (scenes_dir(project) / "tiny_a.key").unlink()  # the scene must be made from its segments
    result = chapter(project)
    assert result.returncode == 0, result.stderr  # was exit 2 on every run until --force
    assert "[01-tiny_a] done in" in result.stdout and "1 of 2 beats drawn" in result.stdout
    assert chapter_frames(project) == expected_frames(project)
    (kept,) = segment_records(project, "tiny_a", "move")  # drawn again, under the same key
    assert json.loads(kept.read_text())["frames"] == frames
    (scenes_dir(project) / "tiny_a.key").unlink()
    forget_kept_scenes(project)
    again = render(project, "scene", "tiny_a", "-q", "l", "-v", "silent")
    assert again.returncode == 0 and "0 of 2 beats drawn" in again.stdout, again.stdout


def test_doctor_verifies_segment_frame_counts_and_removes_orphan_segments(project):
    (record,) = segment_records(project, "tiny_b", "move")
    miscount(record)
    (draw,) = segment_records(project, "tiny_c", "draw")
    orphan = draw.with_name("draw.000000000000000000000000.mp4")
    shutil.copyfile(draw.with_suffix(".mp4"), orphan)
    os.utime(orphan, (time.time() - 3600, time.time() - 3600))
    fresh = draw.with_name("draw.111111111111111111111111.mp4")  # a render may be keeping it now
    shutil.copyfile(draw.with_suffix(".mp4"), fresh)
    result = render(project, "doctor", "-q", "l")
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if "beat segments" in x)
    assert "1 damaged, removed" in line and "1 without a record, removed" in line, line
    assert not record.exists() and not record.with_suffix(".mp4").exists()
    assert not orphan.exists() and fresh.exists() and draw.exists()


# -- the rest of the hostile trial's findings ---------------------------------------------------------


def test_missing_mark_names_the_narration_file_and_line_and_the_code_that_waits(project):
    narration = project / "narration" / "tiny_c.md"
    narration.write_text(narration.read_text().replace(" {mark:move}", ""))
    heading = narration.read_text().splitlines().index("## draw") + 1
    code = (project / "scenes" / "tiny_c.py").read_text().splitlines()
    waits = next(n for n, line in enumerate(code, 1) if 'beat.until("move")' in line)
    one_line_failure(
        chapter(project),
        2,
        f"narration/tiny_c.md:{heading}: beat 'draw' has no mark 'move' (its marks: none)",
        f"which scenes/tiny_c.py:{waits} waits for",
    )


def test_exported_beats_are_readable_by_others_and_a_read_only_export_is_exit_2(project):
    result = render(project, "scene", "tiny_a", "-q", "l", "-v", "silent", "--export-beats")
    assert result.returncode == 0, result.stderr
    export = project / "output" / "480p15" / "export"
    umask = os.umask(0o022)
    os.umask(umask)
    assert (export / "tiny_a").stat().st_mode & 0o777 == 0o777 & ~umask  # was 0700
    shutil.rmtree(export)
    with tmpfs(export, "1m", read_only=True):
        result = render(project, "scene", "tiny_a", "-q", "l", "-v", "silent", "--export-beats")
        one_line_failure(result, 2, "cannot write to output/480p15/export", "Read-only")  # was 1


def test_read_only_output_still_serves_an_unchanged_scene_and_chapter(project, tmp_path):
    with tmpfs(tmp_path / "ro", "20m") as out:
        shutil.copytree(project / "output", out, dirs_exist_ok=True)
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        result = render(project, "scene", "tiny_a", "-q", "l", "-v", "silent", output=out)
        assert result.returncode == 0, result.stderr  # was refused: cannot write to ...
        assert "[01-tiny_a] unchanged, reusing" in result.stdout
        forced = render(
            project, "scene", "tiny_a", "-q", "l", "-v", "silent", "--force", output=out
        )
        one_line_failure(forced, 2, "cannot write to", "Read-only file system")
        whole = chapter(project, output=out)  # its scenes and deliverables are all unchanged
        assert whole.returncode == 0, whole.stderr  # was: cannot write .../.locks/chapter-01.lock
        assert "chapter-01: unchanged" in whole.stdout


# -- a full cache disk ----------------------------------------------------------------------------


def disk_used(path: Path) -> int:
    return shutil.disk_usage(path).used


@pytest.mark.parametrize("size", ["64k", "400k"], ids=["full", "near-full"])
def test_full_cache_names_its_path_and_failed_retries_do_not_fill_it(project, size):
    cache = project / ".cache"
    shutil.rmtree(cache)
    with tmpfs(cache, size):
        used = []
        for _ in range(KEEP_FAILED + 2):
            result = render(project, "scene", "tiny_a", "-q", "l", "-v", "silent", "--force")
            line = one_line_failure(result, result.returncode, "No space left on device")
            assert result.returncode in (1, 2)
            named = (f"cannot write {cache}", "cannot write .cache")  # the folder, or a file in it
            assert any(x in line for x in named), line  # was "cannot write No space left ..."
            assert "scenes/tiny_a.py" not in line, line  # was blamed on the scene's code
            used.append(disk_used(cache))
            failed = list((cache / "work").glob("*")) if (cache / "work").exists() else []
            # Each failed retry left its work folder, and the disk filled further: a run now
            # sweeps all but the newest failed ones' logs before it starts.
            assert len(failed) <= KEEP_FAILED + 1, failed
        assert used[-1] <= used[-2], used
    result = render(project, "scene", "tiny_a", "-q", "l", "-v", "silent")
    assert result.returncode == 0, result.stderr


def test_doctor_checks_the_cache_disk_and_sweeps_leftover_work_folders(project):
    cache = project / ".cache"
    shutil.rmtree(cache)
    with tmpfs(cache, "400k"):
        dead = cache / "work" / "480p15-tiny_a-video-pid999999999-gone"  # no such process
        dead.mkdir(parents=True)
        (dead / "silent.mp4").write_bytes(b"\0" * 50_000)
        result = render(project, "doctor", "-q", "l")
        assert result.returncode == 1, result.stdout + result.stderr
        lines = result.stdout.splitlines()
        disk = [x for x in lines if "disk space at 480p15" in x and ".cache" in x]
        assert disk and disk[0].startswith("FAIL") and "all but full" in disk[0], lines
        work = next(x for x in lines if "work folders" in x)
        assert "1 left by killed or failed renders, removed (50.0 KB)" in work, work
        assert not dead.exists()

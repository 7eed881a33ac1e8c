"""A creator's first ten minutes, as a real install: the wheel built from this checkout installed
non-editable into a fresh virtual environment, ``mathreel new``, then a chapter rendered from the
project's folder and from a subfolder, with nothing written outside the project.

The environment reuses the shared environment's installed dependencies through a ``.pth`` file
(installing Manim and its stack again would take minutes); mathreel itself is installed from its
wheel with ``--no-deps``, so what runs is the installed library, not this checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.course import ROOT

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of this checkout, built from a copy (a build writes build/ beside its sources)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "mathreel", source / "mathreel", ignore=shutil.ignore_patterns("__pycache__")
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("mathreel-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = root / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps"]
        + [str(wheel)],
        check=True,
        capture_output=True,
        env=clean_env(),  # a PYTHONPATH reaching a checkout's mathreel would make pip skip it
    )
    # Only then the dependencies: seen while installing, the shared environment's own (editable)
    # mathreel of the same version would make pip skip the wheel.
    shared = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "shared-dependencies.pth").write_text("\n".join(sorted(shared)) + "\n")
    assert (root / "bin" / "mathreel").exists()
    return root


def clean_env() -> dict[str, str]:
    """The environment without mathreel's settings and without a PYTHONPATH to a checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATHREEL_")}
    env.pop("PYTHONPATH", None)
    return env


def mathreel(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = clean_env()
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    return subprocess.run(
        [str(venv / "bin" / "mathreel"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def stream_entries(video: Path, entries: str) -> list[str]:
    """ffprobe's ``entries`` of each stream of ``video``, one comma-separated line per stream."""
    return subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", f"stream={entries}", "-of", "csv=p=0"]
        + [str(video)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def frame_hashes(video: Path) -> list[str]:
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(video), "-map", "0:v", "-f", "framemd5", "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.split(",")[-1].strip() for line in out.splitlines() if not line.startswith("#")]


def test_the_wheel_is_the_library_only(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"mathreel", "mathreel-{}.dist-info".format(wheel.name.split("-")[1])}
    assert not any(n.startswith(("scenes/", "narration/", "tests/")) for n in names)
    assert "mathreel/render/drawing/worker.py" in names
    web = {"player.js", "page.css", "player.css", "course.css"}
    assert {f"mathreel/assemble/web/{name}" for name in web} <= set(names)
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA")))
    assert b"License-Expression: MIT" in metadata
    assert any(n.endswith("entry_points.txt") for n in names)


def test_new_project_renders_from_its_folder_and_a_subfolder_and_nowhere_else(
    wheel, venv, tmp_path
):
    work = tmp_path / "work"
    work.mkdir()
    made = mathreel(venv, work, "new", "course")
    assert made.returncode == 0, made.stderr
    project = work / "course"
    # Not a bare name (not on the package index): the wheel it was installed from.
    assert f'"mathreel @ {wheel.as_uri()}"' in (project / "pyproject.toml").read_text()

    first = mathreel(venv, project, "chapter", "1", "-q", "l", "-v", "silent", "-j", "1")
    assert first.returncode == 0, first.stderr
    assert "warning: chapter markers break the rules: 1 markers" in first.stdout
    chapter = project / "output" / "480p15" / "chapter-01"
    for name in ("chapter-01.mp4", "chapter-01.srt", "chapter-01.vtt", "index.html"):
        assert (chapter / name).stat().st_size > 0, name
    assert sorted(p.name for p in work.iterdir()) == ["course"]
    page = (chapter / "index.html").read_text()
    assert "requestVideoFrameCallback" in page and "--focus: #56b4e9" in page  # package data

    (project / "output").rename(project / "output.first")
    shutil.rmtree(project / ".cache")
    second = mathreel(venv, project / "scenes", "chapter", "1", "-q", "l", "-v", "silent")
    assert second.returncode == 0, second.stderr
    assert (
        not (project / "scenes" / "output").exists()
        and not (project / "scenes" / ".cache").exists()
    )
    again = frame_hashes(chapter / "chapter-01.mp4")
    assert again and again == frame_hashes(
        project / "output.first" / "480p15" / "chapter-01" / "chapter-01.mp4"
    )
    assert sorted(p.name for p in work.iterdir()) == ["course"]

    # The chapter is unchanged since the warned render: --strict must fail on it all the same
    # (found: the reused chapter was accepted, as the rules were checked only when assembling).
    strict = mathreel(venv, project, "--strict", "chapter", "1", "-q", "l", "-v", "silent")
    assert strict.returncode == 2
    assert strict.stderr.count("\n") == 1 and "(--strict)" in strict.stderr

    tests = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
        env=clean_env(),
    )
    assert tests.returncode == 0 and "2 passed" in tests.stdout, tests.stdout + tests.stderr


def test_editing_the_installed_library_draws_every_beat_again(venv, tmp_path):
    project = tmp_path / "course"
    assert mathreel(venv, tmp_path, "new", "course").returncode == 0
    args = ("chapter", "1", "-q", "l", "-v", "silent")
    assert "2 of 2 beats drawn" in mathreel(venv, project, *args).stdout
    assert "unchanged" in mathreel(venv, project, *args).stdout
    (installed,) = (venv / "lib").glob("python*/site-packages/mathreel/render/video.py")
    original = installed.read_bytes()
    try:
        installed.write_bytes(original + b"\n# edited where it is installed\n")
        redrawn = mathreel(venv, project, *args)
        assert "2 of 2 beats drawn" in redrawn.stdout, redrawn.stdout + redrawn.stderr
    finally:
        installed.write_bytes(original)


def test_plain_manim_renders_a_scaffolded_scene_silently_at_the_estimated_timing(venv, tmp_path):
    """``manim -ql`` on a scene, in the project folder: a silent video as long as the silent
    voice's estimate of its narration (frames counted as mathreel counts them)."""
    assert mathreel(venv, tmp_path, "new", "course").returncode == 0
    project = tmp_path / "course"
    proc = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "manim", "-ql", "scenes/hello_slope.py", "HelloSlope"],
        cwd=project,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (video,) = (project / "media" / "videos").rglob("HelloSlope.mp4")
    streams = stream_entries(video, "codec_type,nb_frames")
    assert [s.split(",")[0] for s in streams] == ["video"], streams  # no audio track
    listed = mathreel(venv, project, "list")
    beats = re.search(r"draw_curve (\S+)s, tangent (\S+)s", listed.stdout)
    seconds = float(beats.group(1)) + float(beats.group(2))
    frames = int(streams[0].split(",")[1])
    assert abs(frames / 15 - seconds) < 0.2, (frames, seconds, listed.stdout)


def test_new_project_renders_with_the_piper_voice(venv, tmp_path):
    pytest.importorskip("piper")
    assert mathreel(venv, tmp_path, "new", "course").returncode == 0
    done = mathreel(venv, tmp_path / "course", "chapter", "1", "-q", "l")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "LUFS" in done.stdout and "silent narration" not in done.stdout
    video = tmp_path / "course" / "output" / "480p15" / "chapter-01" / "chapter-01.mp4"
    kinds = stream_entries(video, "codec_type")
    assert "audio" in kinds and "video" in kinds

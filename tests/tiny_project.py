"""The tiny project the render tests work in: a copy of the pipeline whose manifest holds one
chapter of three tiny scenes (shapes only, silent voice, 480p15), so a whole chapter renders in
seconds; and how a test runs ``render.py`` there as a user would and checks what it printed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.course import ROOT

TINY_SCENE = '''
"""A tiny scene for the fault tests: a ring drawn, then moved."""

from manim import *

from mathreel import NarratedScene
from scenes.tiny_shapes import ring


class {name}(NarratedScene):
    def construct(self) -> None:
        shape = ring()
        with self.beat("draw") as beat:
            self.play(Create(shape), run_time=beat.until("move"))
        with self.beat("move"):
            self.play(shape.animate.shift(RIGHT))
'''
TINY_SHAPES = '''
"""Shapes shared by the tiny scenes."""

from manim import Circle


def ring() -> Circle:
    return Circle(radius=1.0, color="#56B4E9")
'''
TINY_NARRATION = """# {title}

## draw
A ring is drawn on the screen while this sentence is read at an ordinary pace. {mark:move} It keeps going.

## move
Then it moves to the right, and this beat lasts long enough for a chapter marker.
"""
STEMS = ("tiny_a", "tiny_b", "tiny_c")


def tiny_project(root: Path) -> Path:
    """A copy of the pipeline with a three-scene Chapter 1 of tiny scenes."""
    root.mkdir(parents=True)
    for name in ("render.py", "manim.cfg"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(
        ROOT / "mathreel", root / "mathreel", ignore=shutil.ignore_patterns("__pycache__")
    )
    (root / "scenes").mkdir()
    (root / "narration").mkdir()
    (root / "scenes" / "__init__.py").write_text("")
    (root / "scenes" / "tiny_shapes.py").write_text(TINY_SHAPES)
    for stem in STEMS:
        name = "".join(part.title() for part in stem.split("_"))
        (root / "scenes" / f"{stem}.py").write_text(TINY_SCENE.format(name=name))
        (root / "narration" / f"{stem}.md").write_text(TINY_NARRATION.replace("{title}", name))
    (root / "scenes" / "manifest.py").write_text(
        textwrap.dedent(
            f'''
            """Tiny chapter for the fault tests."""

            CHAPTERS = [
                {{"number": 1, "course": "Faults", "title": "Tiny", "scenes": {list(STEMS)!r}}},
            ]
            '''
        )
    )
    return root


def tiny_env(project: Path, output: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATHREEL_")}
    env["MATHREEL_OUTPUT"] = str(output or project / "output")
    env["MATHREEL_CACHE"] = str(project / ".cache")
    env["PYTHONPATH"] = str(project)
    return env


def render(project: Path, *args: str, output: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "render.py", *args],
        cwd=project,
        env=tiny_env(project, output),
        capture_output=True,
        text=True,
        timeout=600,
    )


def chapter(project: Path, *extra: str, output: Path | None = None) -> subprocess.CompletedProcess:
    return render(
        project, "chapter", "1", "-q", "l", "-v", "silent", "-j", "2", *extra, output=output
    )


def start(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "render.py", *args],
        cwd=project,
        env=tiny_env(project),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def one_line_failure(proc, code: int, *fragments: str) -> str:
    """The failed run printed exactly one line (on stderr), with ``code`` and no traceback."""
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def partial_files(folder: Path) -> list[Path]:
    """Files left under a temporary name (a final name is never half-written)."""
    return [p for p in folder.rglob("*") if ".partial" in p.name or p.name.startswith(".tmp-")]


def workers_alive(project: Path) -> list[int]:
    """Pids of render workers whose job lies in ``project``'s cache."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "mathreel/render/drawing/loader.py" in cmd and str(project) in cmd:
            found.append(int(proc.name))
    return found


def scenes_dir(project: Path) -> Path:
    return project / "output" / "480p15" / "scenes"


def running(pid: int) -> bool:
    """Alive and not a zombie (a killed orphan stays a zombie until some reaper collects it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def gone(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(running(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


def watch(project: Path, beat: str, **streams) -> subprocess.Popen:
    """``render.py scene tiny_a --beat BEAT --watch`` (silent voice) running in ``project``."""
    return subprocess.Popen(
        [sys.executable, "render.py", "scene", "tiny_a", "-v", "silent", "--beat", beat, "--watch"],
        cwd=project,
        env=tiny_env(project),
        stdout=subprocess.PIPE,
        text=True,
        **streams,
    )

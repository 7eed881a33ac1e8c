"""Benchmark: the scene loop at 480p15, where a creator iterates. One scene is drawn in full
(``--force``), then a one-word narration edit of a beat in its first half, of its last beat, and
an undo are each rendered; prints each time, the beats drawn, and the ratio to the full draw
(targets: at most 30 % for the first-half edit, 50 % for the last beat, an undo in at most 3 s).

Runs ``render.py scene`` as a user does, in a copy of the project with its own output and cache.
Prints figures; asserts nothing.

    .venv/bin/python bench/bench_scene_edit.py [--scene gradient_descent] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_edit import copy_project  # noqa: E402


def run(project: Path, *args: str) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATHREEL_")}
    env.update(
        MATHREEL_OUTPUT=str(project / "output"),
        MATHREEL_CACHE=str(project / ".cache"),
        PYTHONPATH=str(project),
        MATHREEL_LISTEN="off",
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "render.py", *args], cwd=project, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    found = re.search(r"(\d+ of \d+ beats drawn|restored|unchanged)", result.stdout)
    return seconds, found.group(1) if found else "?"


def add_word(narration: Path, beat: str) -> None:
    lines = narration.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"## {beat}") + 1
    while not re.match(r"[A-Za-z]", lines[at].strip()[:1] or "{"):
        at += 1
    lines[at] = "Really, " + lines[at].lstrip()
    narration.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scene", default="gradient_descent")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    project = copy_project(args.workdir or Path(tempfile.mkdtemp(prefix="bench-scene-")))
    scene = ["scene", args.scene, "-q", "l", "-v", "silent"]
    narration = project / "narration" / f"{args.scene}.md"
    beats = re.findall(r"^## (\S+)", narration.read_text(encoding="utf-8"), re.M)
    original = narration.read_text(encoding="utf-8")
    print(f"{args.scene}: {len(beats)} beats, load {os.getloadavg()[0]:.1f}")
    cold, _ = run(project, *scene)
    full, drawn = run(project, *scene, "--force")
    print(f"{'cold render':32} {cold:6.1f} s")
    print(f"{'every beat drawn (--force)':32} {full:6.1f} s  {drawn}")
    for label, beat in (
        (f"edit of '{beats[len(beats) // 4]}' (first half)", beats[len(beats) // 4]),
        (f"edit of '{beats[-1]}' (last beat)", beats[-1]),
    ):
        narration.write_text(original, encoding="utf-8")
        add_word(narration, beat)
        seconds, drawn = run(project, *scene)
        print(
            f"{label:32} {seconds:6.1f} s  {drawn}  ({100 * seconds / full:.0f} % of drawing all)"
        )
    narration.write_text(original, encoding="utf-8")
    seconds, drawn = run(project, *scene)
    print(f"{'undo (original narration)':32} {seconds:6.1f} s  {drawn}")
    print(f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

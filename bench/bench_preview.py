"""Benchmark: how long a creator waits for a beat preview (prints figures, asserts nothing).

Measured on a copy of the project (so its files can be edited), sharing this checkout's caches:
- the cold command, ``render.py scene SCENE --beat BEAT`` (new Python, Manim import, render);
- under ``--watch``: from saving a narration-only edit of that beat to the new MP4, and from
  saving a code edit of the scene to the new MP4.

    .venv/bin/python bench/bench_preview.py --scene slope_at_a_point --beat lowest_point
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Words the narration edit inserts (one per run, chosen by the process id).
WORDS = ("really", "truly", "clearly", "plainly", "simply", "surely", "quietly", "gently")


def project_copy(folder: Path) -> Path:
    copy = folder / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "output", ".cache", "__pycache__", "tests"),
    )
    return copy


def environment(copy: Path) -> dict[str, str]:
    return {
        **os.environ,
        "MATHREEL_OUTPUT": str(copy / "output"),
        "MATHREEL_CACHE": str(ROOT / ".cache"),
        "PYTHONPATH": str(copy),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scene", default="slope_at_a_point")
    parser.add_argument("--beat", default="lowest_point", help="a beat late in the scene")
    parser.add_argument("--voice", default="piper")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = project_copy(Path(tmp))
        env = environment(copy)
        command = [sys.executable, "render.py", "scene", args.scene, "-v", args.voice]
        command += ["--beat", args.beat]
        subprocess.run(command, cwd=copy, env=env, check=True, capture_output=True)  # warm caches
        started = time.perf_counter()
        subprocess.run(command, cwd=copy, env=env, check=True, capture_output=True)
        print(
            f"cold command, {args.scene} --beat {args.beat} at 480p15: {time.perf_counter() - started:.1f} s"
        )

        watcher = subprocess.Popen(
            [*command, "--watch"], cwd=copy, env=env, stdout=subprocess.PIPE, text=True
        )

        def wait_for_render() -> float:
            started = time.perf_counter()
            while line := watcher.stdout.readline():
                if line.startswith("error:"):
                    raise SystemExit(line)
                if line.startswith("  rendered in"):
                    return time.perf_counter() - started
            raise SystemExit("the watcher stopped")

        try:
            wait_for_render()
            narration = copy / "narration" / f"{args.scene}.md"
            lines = narration.read_text(encoding="utf-8").splitlines()
            at = lines.index(f"## {args.beat}") + 1
            # A word new to every run: the phrase must be synthesized and the beat drawn, never
            # found in the caches an earlier run of this benchmark filled.
            lines[at] = lines[at].replace(" ", f" {WORDS[os.getpid() % len(WORDS)]} ", 1)
            started = time.perf_counter()
            narration.write_text("\n".join(lines) + "\n", encoding="utf-8")
            wait_for_render()
            print(f"watch, narration-only edit -> new MP4: {time.perf_counter() - started:.1f} s")
            scene = copy / "scenes" / f"{args.scene}.py"
            started = time.perf_counter()
            scene.write_text(
                scene.read_text(encoding="utf-8") + f"\n# edited by run {os.getpid()}\n",
                encoding="utf-8",
            )
            wait_for_render()
            print(
                f"watch, code edit of the scene -> new MP4: {time.perf_counter() - started:.1f} s"
            )
        finally:
            watcher.terminate()
            watcher.wait()


if __name__ == "__main__":
    main()

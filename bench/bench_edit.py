"""Benchmark: the loop a creator waits for. A cold chapter render, then a one-word narration edit
in one beat → the updated chapter, then the edit undone → the chapter again.

Runs ``render.py chapter 1`` as a user does, in a copy of the project (so the real narration is
never touched), with its own output and cache. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_edit.py --quality h --workdir /tmp/bench-h [--voice piper]

``--phase cold`` stops after the cold render and ``--phase edit`` starts from the workdir's
render, copying the project's code afresh (so a change to reassembly is measured on segments that
were drawn before it; a change to drawing code draws every beat again, as it should).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_project(workdir: Path) -> Path:
    project = workdir / "project"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    for name in ("render.py", "manim.cfg"):
        shutil.copy(ROOT / name, project / name)
    for name in ("mathreel", "scenes", "narration"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def chapter(project: Path, workdir: Path, quality: str, voice: str) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATHREEL_")}
    env["MATHREEL_OUTPUT"] = str(workdir / "output")
    env["MATHREEL_CACHE"] = str(workdir / "cache")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "render.py", "chapter", "1", "-q", quality, "-v", voice],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"render failed:\n{result.stdout}\n{result.stderr}")
    return seconds, result.stdout


def drawn(stdout: str) -> str:
    return (
        "; ".join(
            f"{m.group(1)}: {m.group(2)}"
            for m in re.finditer(r"\[(\S+)\] done in .*?, (\d+ of \d+ beats drawn)", stdout)
        )
        or "no scene rendered"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quality", default="l")
    parser.add_argument("--voice", default="piper")
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--scene", default="critical_points", help="the scene whose beat is edited")
    parser.add_argument("--phase", choices=("all", "cold", "edit"), default="all")
    args = parser.parse_args()

    project = copy_project(args.workdir)
    cold_file = args.workdir / "cold-seconds.txt"
    if args.phase in ("all", "cold"):
        shutil.rmtree(args.workdir / "output", ignore_errors=True)
        shutil.rmtree(args.workdir / "cache", ignore_errors=True)
        # Compiled LaTeX and synthesized phrases are not what this measures: seed them.
        for name in ("svg", "audio"):
            if (ROOT / ".cache" / name).is_dir():
                shutil.copytree(ROOT / ".cache" / name, args.workdir / "cache" / name)
        load = os.getloadavg()[0]
        seconds, out = chapter(project, args.workdir, args.quality, args.voice)
        cold_file.write_text(f"{seconds}\n")
        print(
            f"cold chapter at -q {args.quality} ({args.voice}): {seconds:.1f} s (load {load:.1f})"
        )
        if args.phase == "cold":
            return
    seconds = float(cold_file.read_text())

    narration = project / "narration" / f"{args.scene}.md"
    text = narration.read_text(encoding="utf-8")
    beats = [m.start() for m in re.finditer(r"^## ", text, re.M)]
    index = len(beats) // 2
    middle = beats[index]
    beat = text[middle + 3 : text.index("\n", middle)]
    stop = beats[index + 1] if index + 1 < len(beats) else len(text)
    body = text[middle:stop].rstrip()
    edited = text[:middle] + body + " That is all.\n\n" + text[stop:]
    narration.write_text(edited, encoding="utf-8")
    load = os.getloadavg()[0]
    edit_seconds, out = chapter(project, args.workdir, args.quality, args.voice)
    print(
        f"one-sentence edit in {args.scene}/{beat} -> chapter: {edit_seconds:.1f} s "
        f"= {100 * edit_seconds / seconds:.1f} % of cold ({drawn(out)}; load {load:.1f})"
    )
    narration.write_text(text, encoding="utf-8")
    undo_seconds, out = chapter(project, args.workdir, args.quality, args.voice)
    print(f"edit undone -> chapter: {undo_seconds:.1f} s ({drawn(out)})")
    qc = json.loads(
        next((args.workdir / "output").glob("*/chapter-01/qc.json")).read_text(encoding="utf-8")
    )
    print(f"chapter: {qc['duration_seconds']:.1f} s, {qc['bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

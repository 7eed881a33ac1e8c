"""Benchmark: each chapter rendered cold, as a user runs it (prints figures, asserts nothing).

For each chapter, in a copy of the project with its own empty output and cache (LaTeX's and the
audio cache included, so everything is drawn and synthesized): ``render.py chapter N`` at the
chosen quality and voice, with 2 workers. Prints the wall time, the seconds of video, the render
time per minute of video (and its ratio to the first chapter's), and the peak memory of the
largest process (a render worker), with the load average (the machine may be shared).

    .venv/bin/python bench/bench_course.py [--chapters 1,2,3] [--quality l] [--voice silent]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_edit import copy_project  # noqa: E402

#: A child that runs one render and reports its largest process's peak memory (a worker's, which
#: render.py waits for, so its usage is counted among this child's children).
CHILD = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"PEAK_KIB {peak}", file=sys.stderr)
sys.exit(code)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chapters", default="1,2,3")
    parser.add_argument("--quality", default="l")
    parser.add_argument("--voice", default="silent")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-course-"))
    project = copy_project(workdir)
    print(f"quality {args.quality}, voice {args.voice}, 2 workers, load {os.getloadavg()[0]:.1f}")
    first = None
    for number in (int(n) for n in args.chapters.split(",")):
        output, cache = workdir / f"output-{number}", workdir / f"cache-{number}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("MATHREEL_")}
        env.update(
            MATHREEL_OUTPUT=str(output),
            MATHREEL_CACHE=str(cache),
            MATHREEL_LISTEN="off",
            PYTHONPATH=str(project),
        )
        cmd = [sys.executable, "render.py", "chapter", str(number), "-q", args.quality]
        cmd += ["-v", args.voice, "-j", "2"]
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, *cmd],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - started
        if done.returncode:
            raise SystemExit(done.stdout + done.stderr)
        peak = int(done.stderr.split("PEAK_KIB ")[-1].split()[0]) / 1024
        qc = next(output.glob(f"*/chapter-{number:02d}/qc.json"))
        seconds = json.loads(qc.read_text(encoding="utf-8"))["timeline_seconds"]
        per_minute = wall / (seconds / 60)
        first = first or per_minute
        print(
            f"chapter {number}: {wall:7.1f} s for {seconds / 60:5.2f} min of video: "
            f"{per_minute:6.1f} s per minute ({per_minute / first:4.2f}x chapter {args.chapters[0]}), "
            f"peak process {peak:6.0f} MiB, load {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()

"""Benchmark: the smoke run of one chapter (key frames at 854x480, silent voice, contact sheet).

Prints wall time, time per scene and the number of key frames; asserts nothing (the target is all
of Chapter 1 within 60 s on a 2-core machine). Renders into a temporary output folder.

Run: .venv/bin/python bench/bench_smoke.py [--chapter 1] [--workers 2] [--cold-tex] [--repeat 1]

``--cold-tex`` uses an empty cache folder, so every MathTex is compiled by LaTeX again (a first
run on a fresh machine); by default the SVG cache under .cache/svg/ is reused, as it is by
``render.py smoke`` and the tests.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathreel import manifest  # noqa: E402
from mathreel.check import keyframes  # noqa: E402
from render import project_manifest  # noqa: E402


def one_run(chapter: manifest.Chapter, workers: int) -> keyframes.SmokeReport:
    with tempfile.TemporaryDirectory() as out:
        os.environ["MATHREEL_OUTPUT"] = out
        return keyframes.render([chapter], workers, echo=lambda _: None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", type=int, default=1)
    parser.add_argument("--workers", "-j", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cold-tex", action="store_true", help="start from an empty LaTeX cache")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    chapter = project_manifest().get_chapter(args.chapter)
    load = os.getloadavg()[0]
    print(
        f"smoke benchmark: chapter {chapter.number} ({len(chapter.scenes)} scenes), "
        f"{args.workers} workers, {os.cpu_count()} cores, load average {load:.2f} before, "
        f"LaTeX cache {'cold' if args.cold_tex else 'warm'}"
    )
    for run in range(1, args.repeat + 1):
        with tempfile.TemporaryDirectory() as cache:
            if args.cold_tex:
                os.environ["MATHREEL_CACHE"] = cache
            started = time.perf_counter()
            report = one_run(chapter, args.workers)
            wall = time.perf_counter() - started
        scenes = [s for c in report.chapters for s in c.scenes]
        busy = sum(s.seconds for s in scenes)
        print(
            f"run {run}: {wall:.1f} s wall for {report.frame_count} key frames "
            f"({report.frame_count / wall:.2f} frames/s); narration planned in "
            f"{report.prepare_seconds:.2f} s; scene renders {busy:.1f} s in all "
            f"({busy / wall:.2f} running at once on average)"
        )
        for scene in scenes:
            print(
                f"  {scene.entry.slug:28s} {len(scene.beats):2d} key frames  {scene.seconds:5.1f} s"
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

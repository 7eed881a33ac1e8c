"""Cluster benchmark: the tiny three-scene chapter (tests/tiny_project.py) at 480p15, silent
voice, rendered by the local executor (-j 2) and by 1 and 2 local Dask workers; then, from the
measured per-task costs, a modelled wall time and speedup of Chapter 1 at 1080p60 for 4 to 64
workers. Prints figures, asserts nothing.

    .venv/bin/python bench/bench_cluster.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mathreel.narration.script import parse_narration  # noqa: E402
from mathreel.narration.synthesis import plan_narration  # noqa: E402
from mathreel.narration.voices.silent import SilentVoice  # noqa: E402
from render import project_manifest  # noqa: E402
from tests.tiny_project import tiny_env, tiny_project  # noqa: E402

#: Chapter 1 at 1080p60 on this 2-core machine, rendered locally (issue 12): 31 minutes.
CHAPTER_1_1080P60_SECONDS = 31 * 60


def run(project: Path, *args: str) -> dict:
    """One timed ``render.py chapter 1`` with the costs its output reports."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "render.py", "chapter", "1", "-q", "l", "-v", "silent", "--force", *args],
        cwd=project,
        env={**tiny_env(project), "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    stamps = []
    for line in proc.stdout:
        stamps.append((time.perf_counter() - started, line.rstrip()))
    assert proc.wait() == 0, "\n".join(line for _, line in stamps)
    wall = time.perf_counter() - started
    text = "\n".join(line for _, line in stamps)
    renders = [float(s) for s in re.findall(r"\] done in ([\d.]+) s", text)]
    last_done = max(t for t, line in stamps if "] done in" in line)
    first_narration = min(t for t, line in stamps if line.startswith("narration "))
    return {
        "wall": wall,
        "synthesis": sum(float(s) for s in re.findall(r"cached\) in ([\d.]+) s", text)),
        "renders": renders,
        "assembly": wall - last_done,
        "startup": first_narration,  # interpreter, imports, cluster connect and fingerprints
    }


def makespan(tasks: list[float], workers: int) -> float:
    """Longest-first greedy schedule of ``tasks`` on ``workers`` (what the scheduler gets close to)."""
    loads = [0.0] * workers
    for task in sorted(tasks, reverse=True):
        loads[loads.index(min(loads))] += task
    return max(loads)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = tiny_project(Path(tmp) / "project")
        run(project, "-j", "2")  # warm: narration cached, imports in the page cache
        results = {
            "local -j 1": run(project, "-j", "1"),
            "local -j 2": run(project, "-j", "2"),
            "dask local:1": run(project, "--cluster", "local:1"),
            "dask local:2": run(project, "--cluster", "local:2"),
        }
    print("tiny chapter, 3 scenes of 14.7 s, 480p15, silent voice, this 2-core machine (shared):")
    print(
        f"{'executor':<14} {'wall s':>7} {'start-up s':>10} {'synth s':>8} "
        f"{'scene s (each)':>22} {'assembly s':>10}"
    )
    for name, r in results.items():
        each = " ".join(f"{s:.1f}" for s in r["renders"])
        print(
            f"{name:<14} {r['wall']:7.1f} {r['startup']:10.1f} {r['synthesis']:8.1f} "
            f"{each:>22} {r['assembly']:10.1f}"
        )

    # A Dask task's cost over a local render, per scene: one worker against one local process,
    # each rendering one scene at a time (both include the render's start-up, the client's mux and
    # publish; the difference is Dask's hand-off and the video's trip back).
    one, alone = results["dask local:1"], results["local -j 1"]
    task_overhead = max(0.0, (sum(one["renders"]) - sum(alone["renders"])) / len(one["renders"]))
    fixed = one["startup"] + one["assembly"]

    chapter = project_manifest().get_chapter(1)
    voice = SilentVoice()
    lengths = [
        plan_narration(parse_narration(s.narration_path), s.stem, voice, None).duration
        for s in chapter.scenes
    ]
    per_video_second = CHAPTER_1_1080P60_SECONDS / sum(lengths)
    tasks = [length * per_video_second + task_overhead for length in lengths]
    serial = sum(tasks) + fixed
    print()
    print(
        f"model: Chapter 1 at 1080p60, {len(tasks)} scenes ({', '.join(f'{t / 60:.1f}' for t in tasks)} min"
        f" each: {CHAPTER_1_1080P60_SECONDS / 60:.0f} min of rendering in proportion to each scene's"
        f" length), + {task_overhead:.1f} s per task, + {fixed:.1f} s start-up and assembly"
    )
    print(f"{'workers':>7} {'wall min':>9} {'speedup':>8} {'per worker':>10}")
    for n in (1, 2, 4, 8, 16, 32, 64):
        wall = makespan(tasks, n) + fixed
        print(f"{n:>7} {wall / 60:9.1f} {serial / wall:8.2f} {serial / wall / n:10.2f}")
    print(
        f"bound: one task per scene, so at most {len(tasks)} workers are used and the longest scene"
        f" ({max(tasks) / 60:.1f} min) is the floor; past that only splitting a scene (beats or"
        " frame ranges joined on keyframes) would lift it."
    )


if __name__ == "__main__":
    main()

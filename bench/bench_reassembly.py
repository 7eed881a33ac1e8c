"""Benchmark: reassembling a chapter whose scenes are all reused (the chapter folder deleted, so
it must be assembled again), time per stage, for one quality.

It renders the chapter's scenes first if they are not rendered yet (a cold render takes minutes:
set ``MATHREEL_OUTPUT`` and ``MATHREEL_CACHE`` to folders kept between runs), then times what
``render.py chapter N`` does when nothing is re-rendered: narration planning, checking each
scene's files against its record, and the assembly, stage by stage (a stage's time includes the
stages inside it). Prints figures; asserts nothing.

Run: MATHREEL_OUTPUT=/work/bench-out MATHREEL_CACHE=.cache .venv/bin/python bench/bench_reassembly.py -q l
     (add --profile for cProfile's top functions by cumulative time)
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import inspect
import io
import os
import pstats
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathreel import records  # noqa: E402
from mathreel.assemble import chapter as assembly  # noqa: E402
from mathreel.assemble import course_page, player  # noqa: E402
from mathreel.layout import ChapterFiles  # noqa: E402
from mathreel.narration import audio  # noqa: E402
from mathreel.narration.voices import get_voice  # noqa: E402
from mathreel.paths import output_dir, shown  # noqa: E402
from mathreel.quality import get_quality  # noqa: E402
from mathreel.render.finishing import mux  # noqa: E402
from mathreel.render.runs import jobs  # noqa: E402
from mathreel.render.runs.executors import open_executor  # noqa: E402
from render import project_manifest  # noqa: E402

#: (module, function) pairs timed as stages, where the running code has them.
STAGES = [
    (jobs, "prepare"),
    (records, "check"),
    (assembly, "_mux_chapter"),
    (assembly, "_chapter_audio_packets"),
    (mux, "aac_packets"),
    (audio, "normalize"),
    (assembly, "_poster"),
    (assembly, "player_page"),
    (assembly, "transcript_markdown"),
    (assembly, "build_cues"),
    (assembly, "quality_report"),
    (assembly, "_chapter_loudness"),
    (assembly, "_frame_check"),
    (assembly, "write_course_page"),
    (records, "write_record"),
]


class Stages:
    """Wall time spent inside each wrapped function (generators: inside each of their steps)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, module, name: str) -> None:
        original = getattr(module, name, None)
        if original is None:
            return
        label = f"{module.__name__.split('.')[-1]}.{name}"

        if inspect.isgeneratorfunction(original):

            @functools.wraps(original)
            def timed(*args, **kwargs):
                self.calls[label] += 1
                inner = original(*args, **kwargs)
                while True:
                    started = time.perf_counter()
                    try:
                        item = next(inner)
                    except StopIteration:
                        self.seconds[label] += time.perf_counter() - started
                        return
                    self.seconds[label] += time.perf_counter() - started
                    yield item

        else:

            @functools.wraps(original)
            def timed(*args, **kwargs):
                self.calls[label] += 1
                started = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    self.seconds[label] += time.perf_counter() - started

        setattr(module, name, timed)
        # Modules that imported the function by name call their own reference.
        for other in (assembly, jobs, course_page, player, mux):
            if other is not module and getattr(other, name, None) is original:
                setattr(other, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quality", "-q", default="l")
    parser.add_argument("--voice", "-v", default="piper")
    parser.add_argument("--chapter", type=int, default=1)
    parser.add_argument("--workers", "-j", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    manifest = project_manifest()
    chapter = manifest.get_chapter(args.chapter)
    quality, voice = get_quality(args.quality), get_voice(args.voice)
    print(f"machine: {os.cpu_count()} cores; output {shown(output_dir())}")

    started = time.perf_counter()
    with open_executor(None, args.workers, lambda line: None) as executor:
        results = jobs.render_scenes(
            chapter.scenes, quality, voice, executor, echo=lambda line: None
        )
    rendered = sum(r.rendered for r in results)
    if rendered:
        print(f"rendered {rendered} scenes first in {time.perf_counter() - started:.1f} s")
    minutes = sum(r.duration for r in results) / 60

    shutil.rmtree(ChapterFiles(chapter, quality).folder, ignore_errors=True)
    stages = Stages()
    for module, name in STAGES:
        stages.wrap(module, name)
    profile = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profile:
        profile.enable()
    with open_executor(None, args.workers, lambda line: None) as executor:
        results = jobs.render_scenes(
            chapter.scenes, quality, voice, executor, echo=lambda line: None
        )
    assert not any(r.rendered for r in results), "a scene was rendered again"
    assembly.assemble_chapter(
        chapter, quality, results, lambda line: None, manifest.course_outline(chapter.course)
    )
    if profile:
        profile.disable()
    total = time.perf_counter() - started

    print(
        f"chapter {chapter.number} at {quality.name} ({minutes:.1f} min, {len(results)} scenes "
        f"reused): reassembled in {total:.1f} s"
    )
    for label, seconds in sorted(stages.seconds.items(), key=lambda item: -item[1]):
        print(f"  {label:32s} {seconds:7.2f} s  ({stages.calls[label]} calls)")
    if profile:
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(30)
        print(text.getvalue())


if __name__ == "__main__":
    main()

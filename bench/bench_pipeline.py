"""Benchmark: piper synthesis real-time factor, and one scene's render time at 480p15 and 1080p60.

Prints figures; asserts nothing. Run: .venv/bin/python bench/bench_pipeline.py [--scene NAME] [--skip-1080]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathreel import manifest  # noqa: E402
from mathreel.layout import SceneFiles  # noqa: E402
from mathreel.narration.audio_cache import AudioCache  # noqa: E402
from mathreel.narration.script import parse_narration  # noqa: E402
from mathreel.narration.voices import get_voice  # noqa: E402
from mathreel.paths import cache_dir  # noqa: E402
from mathreel.quality import get_quality  # noqa: E402
from mathreel.render import jobs  # noqa: E402
from render import project_manifest  # noqa: E402


def piper_rtf(scene: manifest.SceneEntry) -> None:
    voice = get_voice("piper")
    started = time.perf_counter()
    voice.synthesize("Warm up.")
    load = time.perf_counter() - started
    phrases = [p.spoken for b in parse_narration(scene.narration_path).beats for p in b.phrases]
    synth = audio = 0.0
    for text in phrases:
        started = time.perf_counter()
        speech = voice.synthesize(text)
        synth += time.perf_counter() - started
        audio += speech.duration
    print(f"piper: model load + first phrase {load:.2f} s")
    print(
        f"piper: {len(phrases)} phrases, {audio:.1f} s of speech synthesized in {synth:.2f} s "
        f"-> real-time factor {synth / audio:.3f} ({audio / synth:.0f}x faster than real time)"
    )


def render_time(scene: manifest.SceneEntry, quality_name: str, voice_name: str) -> None:
    quality, voice = get_quality(quality_name), get_voice(voice_name)
    with tempfile.TemporaryDirectory() as out:
        os.environ["MATHREEL_OUTPUT"] = out
        plan = jobs.prepare(scene, voice, AudioCache(cache_dir() / "audio"))
        started = time.perf_counter()
        files = SceneFiles(scene.stem, quality)
        render = jobs.render_scene_job(scene, plan, quality)
        jobs.publish_scene(render, files, jobs.scene_key(scene, plan, quality))
        seconds = time.perf_counter() - started
        size = files.video.stat().st_size
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"render {scene.stem} at {quality.name} ({voice_name}): {seconds:.1f} s wall for {plan.duration:.1f} s "
        f"of narration ({seconds / plan.duration:.2f} s per video second), file {size / 1e6:.1f} MB, "
        f"peak worker memory {child:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scene", default="slope_at_a_point")
    parser.add_argument("--skip-1080", action="store_true", help="only the 480p15 render")
    args = parser.parse_args()
    scene = project_manifest().find_scene(args.scene)
    print(f"machine: {os.cpu_count()} cores")
    piper_rtf(scene)
    render_time(scene, "l", "piper")
    if not args.skip_1080:
        render_time(scene, "h", "piper")


if __name__ == "__main__":
    main()

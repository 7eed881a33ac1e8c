"""Benchmark: what a reuse key costs. Manim's own per-play cache key (``get_hash_from_play_call``,
which serialises every mobject on screen and every animation, parsed SVG paths included) against
this pipeline's per-beat key (a digest of what is on screen when a beat starts: points, colours,
z-index; see ``mathreel/render/segments.py``).

Runs each scene of Chapter 1 in skip mode (no frame drawn, as the smoke renders do) with the
silent voice, timing both keys where a render would compute them: Manim's at every play, ours
at every beat's start. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_play_hash.py [--scene NAME]
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def measure(stem: str) -> tuple[int, float, int, float]:
    """(plays, seconds in Manim's play hash, beats, seconds in the beat fingerprint)."""
    from manim import config
    from manim._config.video_encoder import video_encoder_fingerprint
    from manim.utils.hashing import get_hash_from_play_call

    from mathreel.render import segments
    from mathreel.render.scene import NarratedScene, SceneRun
    from mathreel.render.scene_source import read_scene_source
    from mathreel.render.worker import _share_parsed_svg_paths
    from render import project_manifest

    _share_parsed_svg_paths()
    entry = project_manifest().find_scene(stem)
    config.pixel_width, config.pixel_height, config.frame_rate = 854, 480, 15
    config.dry_run = True
    config.verbosity = "WARNING"
    config.progress_bar = "none"
    config.media_dir = tempfile.mkdtemp(prefix="bench-hash-")
    cls = getattr(importlib.import_module(entry.module), read_scene_source(entry.path).class_name)
    timing = {"plays": 0, "play_hash": 0.0, "beats": 0, "fingerprint": 0.0}

    original_compile = cls.compile_animation_data
    fingerprint = segments.state_fingerprint

    def compile_and_hash(self, *args, **kwargs):
        original_compile(self, *args, **kwargs)
        started = time.perf_counter()
        get_hash_from_play_call(
            self,
            self.renderer.camera,
            self.animations,
            self.mobjects,
            backend="cairo",
            encoder_fingerprint=video_encoder_fingerprint(self.session_spec.video_encoder),
            renderer_state=(),
        )
        timing["play_hash"] += time.perf_counter() - started
        timing["plays"] += 1

    def timed_fingerprint(scene):
        started = time.perf_counter()
        value = fingerprint(scene)
        timing["fingerprint"] += time.perf_counter() - started
        timing["beats"] += 1
        return value

    cls.compile_animation_data = compile_and_hash
    NarratedScene.run = SceneRun()
    scene = cls(skip_animations=True)
    # Skip mode computes no beat key (nothing is drawn), so time one at each beat's start here.
    original_beat = NarratedScene.beat

    def beat(self, beat_id):
        timed_fingerprint(self)
        return original_beat(self, beat_id)

    NarratedScene.beat = beat
    try:
        scene.render()
    finally:
        NarratedScene.beat = original_beat
        cls.compile_animation_data = original_compile
    return timing["plays"], timing["play_hash"], timing["beats"], timing["fingerprint"]


def main() -> None:
    from render import project_manifest

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scene", action="append")
    args = parser.parse_args()
    stems = args.scene or [s.stem for s in project_manifest().get_chapter(1).scenes]
    totals = [0, 0.0, 0, 0.0]
    print(f"{'scene':26} {'plays':>5} {'Manim hash':>11} {'per play':>9} {'beats':>5} {'ours':>8}")
    for stem in stems:
        plays, hashing, beats, ours = measure(stem)
        totals = [a + b for a, b in zip(totals, (plays, hashing, beats, ours), strict=True)]
        print(
            f"{stem:26} {plays:5d} {hashing:10.2f}s {1000 * hashing / plays:7.1f}ms "
            f"{beats:5d} {1000 * ours:6.1f}ms"
        )
    plays, hashing, beats, ours = totals
    print(
        f"{'chapter':26} {plays:5d} {hashing:10.2f}s {1000 * hashing / plays:7.1f}ms "
        f"{beats:5d} {1000 * ours:6.1f}ms"
    )


if __name__ == "__main__":
    main()

"""Benchmark: how precise and how costly the sound beat key is on Chapter 1.

For every beat of every scene, one word is added to that beat's narration alone and the scene's
beat keys are computed again in skip mode (silent voice, this process); a beat whose key changed
would be drawn again. Prints, per scene, the beats drawn per one-word edit (the edited beat
included; 1.0 is the floor), any beat whose state has no digest, and the time the by-value digest
takes per beat. Asserts nothing.

    .venv/bin/python bench/bench_beat_keys.py [--scene NAME ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from mathreel.render.drawing import carried
    from render import project_manifest
    from tests.keys_probe import beat_keys, silent_plan

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scene", action="append")
    args = parser.parse_args()
    manifest = project_manifest()
    stems = args.scene or [s.stem for s in manifest.get_chapter(1).scenes]
    timing = {"seconds": 0.0, "beats": 0}
    digest = carried.carried_state

    def timed(*a, **k):
        started = time.perf_counter()
        try:
            return digest(*a, **k)
        finally:
            timing["seconds"] += time.perf_counter() - started
            timing["beats"] += 1

    carried.carried_state = timed
    print(f"{'scene':26} {'beats':>5} {'drawn per edit':>14} {'worst':>6} {'digest/beat':>12}")
    all_drawn: list[int] = []
    for stem in stems:
        entry = manifest.find_scene(stem)
        timing.update(seconds=0.0, beats=0)
        try:
            base = beat_keys(entry, silent_plan(entry))
            drawn = []
            for beat_id in base:
                edited = beat_keys(entry, silent_plan(entry, beat_id))
                drawn.append(sum(edited[b] != base[b] for b in base))
        except carried.CannotDigest as err:
            print(f"{stem:26} cannot digest: {err}")
            continue
        all_drawn += drawn
        print(
            f"{stem:26} {len(base):5d} {sum(drawn) / len(drawn):14.2f} {max(drawn):6d} "
            f"{1000 * timing['seconds'] / timing['beats']:10.1f}ms"
        )
    if all_drawn:
        print(f"{'chapter':26} {len(all_drawn):5d} {sum(all_drawn) / len(all_drawn):14.2f}")


if __name__ == "__main__":
    main()

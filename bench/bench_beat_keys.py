"""Benchmark: how precise and how costly the sound beat key is on Chapter 1.

For every beat of every scene, one word is added to that beat's narration alone and the scene's
beat keys are computed again in skip mode (silent voice, each run in a process of its own, as a
render is); a beat whose key changed would be drawn again. Prints, per scene, the beats drawn per one-word edit (the edited beat
included; 1.0 is the floor), any beat whose state has no digest, and the time the by-value digest
takes per beat. Asserts nothing.

    .venv/bin/python bench/bench_beat_keys.py [--scene NAME ...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: One run of a scene's beat keys, in a process of its own as a render is: a second run in one
#: process would find what the first left in Manim's process-wide state (its SVG cache hands out
#: copies of formulas built before), which no render sees. Prints the keys and the digest time.
PROBE = """
import json, sys, time
from mathreel.render.drawing import carried
from render import project_manifest
from tests.keys_probe import beat_keys, silent_plan

timing = [0.0, 0]
digest = carried.carried_state

def timed(*a, **k):
    started = time.perf_counter()
    try:
        return digest(*a, **k)
    finally:
        timing[0] += time.perf_counter() - started
        timing[1] += 1

carried.carried_state = timed
scene = project_manifest().find_scene(sys.argv[1])
try:
    keys = beat_keys(scene, silent_plan(scene, sys.argv[2] or None))
except carried.CannotDigest as err:
    print(json.dumps({"cannot": str(err)}))
else:
    print(json.dumps({"keys": keys, "seconds": timing[0], "beats": timing[1]}))
"""


def probe(stem: str, edited: str = "") -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, stem, edited],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from render import project_manifest

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scene", action="append")
    args = parser.parse_args()
    manifest = project_manifest()
    stems = args.scene or [s.stem for s in manifest.get_chapter(1).scenes]
    print(f"{'scene':26} {'beats':>5} {'drawn per edit':>14} {'worst':>6} {'digest/beat':>12}")
    all_drawn: list[int] = []
    for stem in stems:
        base = probe(stem)
        if "cannot" in base:
            print(f"{stem:26} cannot digest: {base['cannot']}")
            continue
        keys, seconds, beats = base["keys"], base["seconds"], base["beats"]
        drawn = []
        for beat_id in keys:
            edited = probe(stem, beat_id)
            if "cannot" in edited:
                print(f"{stem:26} cannot digest after editing {beat_id}: {edited['cannot']}")
                continue
            drawn.append(sum(edited["keys"][b] != keys[b] for b in keys))
            seconds, beats = seconds + edited["seconds"], beats + edited["beats"]
        all_drawn += drawn
        print(
            f"{stem:26} {len(keys):5d} {sum(drawn) / len(drawn):14.2f} {max(drawn):6d} "
            f"{1000 * seconds / beats:10.1f}ms"
        )
    if all_drawn:
        print(f"{'chapter':26} {len(all_drawn):5d} {sum(all_drawn) / len(all_drawn):14.2f}")


if __name__ == "__main__":
    main()

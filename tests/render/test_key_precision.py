"""Precision of what the beat key digests, on Chapter 1: a one-word edit changes the edited
beat's key and, on average, hardly any other; no beat of the chapter falls back to "cannot digest".

For every scene the first beat is edited (its change reaches the most later beats) and the scene's
beat keys are computed in skip mode in a child process (Manim's config is process-wide). The full
sweep, every beat of every scene, is ``bench/bench_beat_keys.py``.

A real render draws some beats and skips the reused ones, so a beat's key must also come out the
same whether the beats before it were drawn or skipped: an updater that is not time-based runs
every frame of a drawn play and once in a skipped one. Checked on the two scenes with the most
redrawn guides and moving labels (they drew 8 of 9 beats for a mid-scene edit while Manim's
``always_redraw`` padded their dashed guides and labels drifted by ulps).
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys

import pytest

from tests.course import ROOT

pytestmark = pytest.mark.render

#: One scene's beat keys in a process of its own, as a worker computes them: with the narration
#: as it is, or with its first beat's narration edited (a second run in one process would see
#: what the first left in Manim's process-wide state, which a real render never does).
PROBE = """
import json, sys
from render import project_manifest
from tests.keys_probe import beat_keys, silent_plan

scene = project_manifest().find_scene(sys.argv[1])
plan = silent_plan(scene)
if sys.argv[2] == "edited":
    plan = silent_plan(scene, plan.beats[0].id)
elif sys.argv[2].startswith("edited:"):
    plan = silent_plan(scene, sys.argv[2].removeprefix("edited:"))
print(json.dumps(beat_keys(scene, plan, drawn=sys.argv[2] == "drawn")))
"""


@functools.cache
def scene_keys(stem: str, which: str) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, stem, which],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def redrawn() -> dict[str, list[str]]:
    from render import project_manifest

    out = {}
    for scene in project_manifest().get_chapter(1).scenes:
        base, edited = (scene_keys(scene.stem, which) for which in ("base", "edited"))
        out[scene.stem] = [b for b in base if edited[b] != base[b]]
    return out


def test_a_first_beat_edit_draws_at_most_1_2_beats_per_scene_on_average(redrawn):
    assert all(beats for beats in redrawn.values()), redrawn  # the edited beat itself
    average = sum(len(beats) for beats in redrawn.values()) / len(redrawn)
    assert average <= 1.2, redrawn


@pytest.mark.parametrize("stem", ["critical_points", "gradient_descent"])
def test_a_beat_after_drawn_beats_has_the_key_it_has_after_skipped_ones(stem):
    skipped, drawn = scene_keys(stem, "base"), scene_keys(stem, "drawn")
    assert [b for b in skipped if drawn[b] != skipped[b]] == []


def test_a_beat_paced_by_its_own_timing_is_drawn_alone_after_an_edit():
    """gradient_descent's more_steps spaces its hops by its own narration (a local of construct,
    the pause per step): left in construct, it was state every later beat could read, and an
    edit of more_steps drew the three beats after it again."""
    base = scene_keys("gradient_descent", "base")
    edited = scene_keys("gradient_descent", "edited:more_steps")
    assert [b for b in base if edited[b] != base[b]] == ["more_steps"]

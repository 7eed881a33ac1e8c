"""Beat keys of a real scene computed in skip mode, in this process: which beats a one-word
narration edit would draw again. Used by the precision test and ``bench/bench_beat_keys.py``."""

from __future__ import annotations

import importlib
import re
import sys
import tempfile
from pathlib import Path

from mathreel.manifest import SceneEntry
from mathreel.narration.script import parse_narration
from mathreel.narration.synthesis import NarrationPlan, plan_narration
from mathreel.narration.voices.silent import SilentVoice


def silent_plan(entry: SceneEntry, edit_beat: str | None = None) -> NarrationPlan:
    """The scene's plan with the silent voice; ``edit_beat`` gets one word more ("really",
    before the first word of its text that is not markup)."""
    text = entry.narration_path.read_text(encoding="utf-8")
    if edit_beat is not None:
        lines = text.splitlines()
        at = lines.index(f"## {edit_beat}") + 1
        while not re.match(r"[A-Za-z]", lines[at].strip()[:1] or "{"):
            at += 1
        lines[at] = "Really, " + lines[at].lstrip()
        folder = Path(tempfile.mkdtemp(prefix="keys-probe-"))
        path = folder / entry.narration_path.name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        path = entry.narration_path
    return plan_narration(parse_narration(path), entry.stem, SilentVoice(), None)


def beat_keys(entry: SceneEntry, plan: NarrationPlan, drawn: bool = False) -> dict[str, str]:
    """Every beat's key (code key left out: it is the same in both runs) when the scene runs in
    skip mode with ``plan``, or with every play ``drawn`` (frames interpolated, updaters run
    every frame, nothing written: a dry run). A beat with no digest raises
    :class:`~mathreel.render.drawing.carried.CannotDigest`."""
    from manim import config

    from mathreel.render.drawing.carried import author_frames, carried_state
    from mathreel.render.drawing.scene import BeatTracker, NarratedScene, SceneRun
    from mathreel.render.drawing.segments import beat_key
    from mathreel.render.drawing.worker import _share_parsed_svg_paths
    from mathreel.render.runs.scene_source import read_scene_source

    _share_parsed_svg_paths()
    config.pixel_width, config.pixel_height, config.frame_rate = 854, 480, 15
    config.dry_run = True
    config.verbosity = "WARNING"
    config.progress_bar = "none"
    config.media_dir = tempfile.mkdtemp(prefix="keys-probe-media-")
    cls = getattr(importlib.import_module(entry.module), read_scene_source(entry.path).class_name)
    keys: dict[str, str] = {}
    original = NarratedScene.beat

    def beat(self, beat_id):
        frames = author_frames(sys._getframe(1))
        state = carried_state(self, frames, (BeatTracker,))
        keys[beat_id] = beat_key("", self.narration.beat(beat_id), state)
        return original(self, beat_id)

    NarratedScene.beat = beat
    try:
        cls(skip_animations=not drawn, run=SceneRun(plan=plan)).render()
    finally:
        NarratedScene.beat = original
    return keys

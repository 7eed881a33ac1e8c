"""Previewing part of a scene: chosen beats drawn with their narration into a small MP4.

The beats before them still run, in skip mode (each play jumps to its end, no frame drawn), so
the preview starts from exactly the picture the full scene shows there.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from mathreel import jobs
from mathreel.audio import build_narration_track, normalize
from mathreel.audio_cache import AudioCache
from mathreel.errors import UserError
from mathreel.manifest import SceneEntry
from mathreel.mux import mux_video_with_audio, video_packet_count
from mathreel.paths import cache_dir, output_dir, shown
from mathreel.quality import Quality
from mathreel.scene_job import SceneJob, SceneRender, render_scene_job
from mathreel.timeline import Timeline
from mathreel.voices.base import Voice


def choose_beats(
    beat_ids: list[str], beat: str | None, first: str | None, last: str | None
) -> tuple[str, str]:
    """The (first, last) beats of a preview from ``--beat`` or ``--from``/``--to``; a bad choice
    is one line naming the scene's beats."""
    if beat and (first or last):
        raise UserError("use --beat ID, or --from ID and/or --to ID, not both")
    if beat:
        first = last = beat
    first, last = first or beat_ids[0], last or beat_ids[-1]
    for name in (first, last):
        if name not in beat_ids:
            raise UserError(f"unknown beat '{name}': choose one of {', '.join(beat_ids)}")
    if beat_ids.index(first) > beat_ids.index(last):
        raise UserError(f"--from {first} comes after --to {last} in the scene")
    return first, last


def preview_path(entry: SceneEntry, quality: Quality, first: str, last: str) -> Path:
    span = first if first == last else f"{first}-{last}"
    return output_dir() / quality.name / "preview" / f"{entry.stem}.{span}.mp4"


def render_preview(
    entry: SceneEntry,
    quality: Quality,
    voice: Voice,
    beat: str | None,
    first: str | None,
    last: str | None,
    echo: Callable[[str], None],
) -> Path:
    """Render the chosen beats of ``entry`` with their narration; returns the MP4's path."""
    jobs.check_tools()
    voice.check_available()
    plan = jobs.prepare(entry, voice, AudioCache(cache_dir() / "audio"))
    ids = [b.id for b in plan.beats]
    first, last = choose_beats(ids, beat, first, last)
    chosen = ids[ids.index(first) : ids.index(last) + 1]
    target = preview_path(entry, quality, first, last)
    jobs.ensure_writable(target.parent)
    render = render_scene_job(SceneJob.of(entry, plan, quality), beats=(first, last))
    assert isinstance(render, SceneRender)
    try:
        timeline = Timeline.load(render.timeline)
        seconds = video_packet_count(render.silent_video) / quality.fps
        track = build_narration_track(
            plan, timeline, seconds, cache_dir() / "audio", beats=set(chosen)
        )
        if plan.audible:
            track, _ = normalize(track)
        title = f"{plan.title}: {first}" + (f" to {last}" if last != first else "")
        mux_video_with_audio(render.silent_video, track, target, {"title": title})
    finally:
        shutil.rmtree(render.work, ignore_errors=True)
    echo(f"preview of {entry.stem} ({', '.join(chosen)}): {seconds:.1f} s -> {shown(target)}")
    return target

"""Previewing part of a scene: chosen beats drawn with their narration into a small MP4.

The beats before them still run, in skip mode (each play jumps to its end, no frame drawn), so
the preview starts from exactly the picture the full scene shows there.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mathreel.errors import UserError
from mathreel.manifest import SceneEntry
from mathreel.narration.audio import build_narration_track, normalize
from mathreel.narration.audio_cache import AudioCache
from mathreel.narration.synthesis import BeatPlan
from mathreel.narration.timeline import Timeline
from mathreel.narration.voices.base import Voice
from mathreel.paths import cache_dir, output_dir, scenes_dir, shown
from mathreel.quality import Quality
from mathreel.render.finishing.mux import mux_video_with_audio
from mathreel.render.runs import jobs, keys, launch
from mathreel.render.runs.scene_job import (
    SceneJob,
    SceneRender,
    render_scene_job,
    seed_svg_cache,
    work_root,
)
from mathreel.render.video import video_packet_count


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
    run: Callable[..., None] = launch.run_worker,
    force: bool = False,
) -> Path:
    """Render the chosen beats of ``entry`` with their narration; returns the MP4's path.
    ``run`` starts the render worker (see :func:`mathreel.render.runs.scene_job.render_scene_job`);
    ``force`` draws the chosen beats even where their segments are kept."""
    jobs.check_tools()
    voice.check_available()
    plan = jobs.prepare(entry, voice, AudioCache(cache_dir() / "audio"))
    ids = [b.id for b in plan.beats]
    first, last = choose_beats(ids, beat, first, last)
    chosen = ids[ids.index(first) : ids.index(last) + 1]
    target = preview_path(entry, quality, first, last)
    jobs.ensure_writable(target.parent)
    job = SceneJob.of(entry, plan, quality, force)
    render = render_scene_job(job, beats=(first, last), run=run)
    assert isinstance(render, SceneRender)
    try:
        timeline = Timeline.load(render.timeline)
        seconds = video_packet_count(render.silent_video) / quality.fps
        track = build_narration_track(
            plan, timeline, seconds, cache_dir() / "audio", beats=set(chosen)
        )
        if plan.audible:
            track = normalize(track)
        title = f"{plan.title}: {first}" + (f" to {last}" if last != first else "")
        mux_video_with_audio(render.silent_video, track, target, {"title": title})
    finally:
        shutil.rmtree(render.work, ignore_errors=True)
    echo(f"preview of {entry.stem} ({', '.join(chosen)}): {seconds:.1f} s -> {shown(target)}")
    return target


def watched_files(entry: SceneEntry, previous: list[Path]) -> list[Path]:
    """The scene module, every module under scenes/ it imports and its narration file (while a
    module does not parse, the files watched before). The pipeline's own modules are loaded once
    by the watcher, so an edit there needs a new watch."""
    try:
        code = [p for p in keys.module_closure(entry.path) if p.is_relative_to(scenes_dir())]
    except UserError:
        return previous or [entry.path, entry.narration_path]
    return [*code, entry.narration_path]


def _plans_before(
    entry: SceneEntry, voice: Voice, beat: str | None, first: str | None
) -> list[BeatPlan] | None:
    """The narration plans of the beats before the first chosen one (None while the narration
    does not plan: the preview then reports the error)."""
    try:
        plan = jobs.prepare(entry, voice, AudioCache(cache_dir() / "audio"))
        ids = [b.id for b in plan.beats]
        start, _ = choose_beats(ids, beat, first, None)
    except UserError:
        return None
    return list(plan.beats[: ids.index(start)])


def watch_preview(
    entry: SceneEntry,
    quality: Quality,
    voice: Voice,
    beat: str | None,
    first: str | None,
    last: str | None,
    echo: Callable[[str], None],
    poll_seconds: float = 0.25,
    force: bool = False,
) -> None:
    """Preview the chosen beats, then again each time the scene, a module it imports or its
    narration changes, until Ctrl-C. Manim, the pipeline and the voice are loaded once, here.
    Renders are forked from a zygote waiting at the first chosen beat, so a narration edit draws
    only the chosen beats; a code edit, or a narration edit of a beat before the chosen ones
    (the zygote ran those with the old plan, and code may carry what it read from them), starts
    a new zygote. An error is one line and the watch goes on."""
    import manim  # noqa: F401  (imported once; every forked render inherits it)

    files: list[Path] = []
    seen: dict[Path, int] | None = None
    code_seen: dict[Path, int] | None = None
    earlier_seen: list[BeatPlan] | None = None
    zygote: launch.Zygote | None = None
    work_root().mkdir(parents=True, exist_ok=True)  # a project's first command may be a watch
    home = Path(tempfile.mkdtemp(dir=work_root(), prefix=f"watch-{entry.stem}-pid{os.getpid()}-"))
    try:
        while True:
            files = watched_files(entry, files)
            now = {p: p.stat().st_mtime_ns for p in files if p.exists()}
            if now != seen:
                seen = now
                code = {p: t for p, t in now.items() if p != entry.narration_path}
                earlier = _plans_before(entry, voice, beat, first)
                if (
                    code != code_seen
                    or earlier != earlier_seen
                    or zygote is None
                    or zygote.pid is None
                ):
                    if zygote is not None:
                        zygote.close()
                    code_seen, earlier_seen = code, earlier
                    media = home / "media"
                    shutil.rmtree(media, ignore_errors=True)
                    seed_svg_cache(media)
                    zygote = launch.Zygote(media, home / "zygote.log")
                started = time.perf_counter()
                try:
                    render_preview(
                        entry, quality, voice, beat, first, last, echo, zygote.run, force
                    )
                    echo(
                        f"  rendered in {time.perf_counter() - started:.1f} s; watching "
                        f"{len(files)} files (Ctrl-C stops)"
                    )
                except UserError as err:
                    echo(f"error: {err}")
                sys.stdout.flush()  # a watcher's lines go out as they happen, to a pipe too
            time.sleep(poll_seconds)
    finally:
        if zygote is not None:
            zygote.close()
        shutil.rmtree(home, ignore_errors=True)

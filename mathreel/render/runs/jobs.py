"""Render jobs: narration planned once, scenes rendered through an executor (local processes or a
Dask cluster) and finished here, unchanged ones reused only after their files are checked against
their record."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path

from mathreel import locks, records
from mathreel.errors import UserError
from mathreel.files import publish
from mathreel.layout import SceneFiles
from mathreel.manifest import SceneEntry
from mathreel.narration.audio_cache import AudioCache
from mathreel.narration.script import parse_narration
from mathreel.narration.synthesis import NarrationPlan, plan_narration
from mathreel.narration.takes import Retaking, listening_for
from mathreel.narration.timeline import Timeline
from mathreel.narration.voices.base import Voice
from mathreel.paths import cache_dir, shown
from mathreel.quality import Quality
from mathreel.render.finishing.finish import FinishedScene, finish_scene
from mathreel.render.runs import kept_scenes, scene_job
from mathreel.render.runs.executors import Executor
from mathreel.render.runs.keys import scene_key
from mathreel.render.runs.progress import RenderProgress
from mathreel.render.runs.scene_job import SceneJob
from mathreel.render.runs.scene_source import check_beats, read_scene_source

#: System tools a render needs, with the Debian package that brings each.
REQUIRED_TOOLS = {"latex": "texlive-latex-base", "dvisvgm": "dvisvgm"}


@dataclass(frozen=True)
class SceneResult:
    """What became of one scene: rendered or reused, how long it took, what it produced."""

    entry: SceneEntry
    files: SceneFiles
    rendered: bool
    seconds: float
    record: records.SceneRecord

    @property
    def duration(self) -> float:
        """Seconds of video: the frames actually written, at the scene's frame rate."""
        return self.record.seconds


def check_tools(tools: dict[str, str] = REQUIRED_TOOLS) -> None:
    """A missing system tool is a one-line error naming it and its package."""
    for tool, package in tools.items():
        if shutil.which(tool) is None:
            raise UserError(
                f"missing system tool '{tool}' (Debian package {package}): run ./run.sh render to install it"
            )


def ensure_writable(folder: Path) -> None:
    """Fail at once, in one line, when ``folder`` cannot take new files (read-only, no access)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise UserError(f"cannot write to {shown(folder)}: {err.strerror}") from None


def prepare(
    entry: SceneEntry,
    voice: Voice,
    cache: AudioCache,
    stats: dict[str, int] | None = None,
    retaking: Retaking | None = None,
) -> NarrationPlan:
    """Parse the scene's narration, check it against the code's beats, synthesize its phrases
    (each heard, and re-taken if misheard, when ``retaking``)."""
    script = parse_narration(entry.narration_path)
    source = read_scene_source(entry.path)
    check_beats(source, script.beat_ids, Path(shown(entry.narration_path)))

    def count(cached: bool) -> None:
        if stats is not None:
            stats["cached" if cached else "synthesized"] = (
                stats.get("cached" if cached else "synthesized", 0) + 1
            )

    return plan_narration(script, entry.stem, voice, cache, count, retaking)


def publish_scene(render: FinishedScene, files: SceneFiles, inputs: str) -> records.SceneRecord:
    """Check a finished render (its video holds the frames its timeline says), rename its files
    into place and write their record last, so a run killed half-way leaves the scene stale."""
    from mathreel.render.video import video_packet_count

    try:
        timeline = Timeline.load(render.timeline)
        frames = video_packet_count(render.video)
        expected = round(timeline.duration * timeline.fps)
        if frames != expected:
            raise UserError(
                f"scene '{files.stem}' rendered {frames} frames where its timeline says "
                f"{timeline.duration:.3f} s ({expected} frames): a bug; full log {render.work / 'render.log'}"
            )
        files.folder.mkdir(parents=True, exist_ok=True)
        files.key.unlink(missing_ok=True)
        staged = {
            "video": render.video,
            "timeline": render.timeline,
            "plan": render.plan,
            "audio": render.audio,
            "loudness": render.loudness,
        }
        for role, path in files.artefacts.items():
            publish(staged[role], path)
        records.write_record(files.key, inputs, frames, timeline.fps, files.artefacts)
    finally:
        shutil.rmtree(render.work, ignore_errors=True)
    record = records.read_record(files.key)
    assert record is not None
    return record


def render_scenes(
    entries: Sequence[SceneEntry],
    quality: Quality,
    voice: Voice,
    executor: Executor,
    echo: Callable[[str], None] = print,
    force: bool = False,
) -> list[SceneResult]:
    """Render ``entries`` at ``quality`` with ``voice`` through ``executor``; reuse a scene only
    when its inputs are unchanged and every file it published checks out against its record.

    Narration is checked and synthesized first (a malformed file writes nothing under output/);
    then the output folder must be writable and no other run may hold any of the scenes."""
    check_tools()
    voice.check_available()
    cache = AudioCache(cache_dir() / "audio")
    plans: dict[str, NarrationPlan] = {}
    keys: dict[str, str] = {}
    retaking = listening_for(voice, echo)
    for entry in entries:
        stats: dict[str, int] = {}
        started = time.perf_counter()
        plans[entry.stem] = plan = prepare(entry, voice, cache, stats, retaking)
        keys[entry.stem] = scene_key(entry, plan, quality)
        echo(
            f"narration {entry.stem}: {len(plan.beats)} beats, {plan.duration:.1f} s "
            f"({stats.get('synthesized', 0)} phrases synthesized, {stats.get('cached', 0)} cached) "
            f"in {time.perf_counter() - started:.1f} s"
        )
    if retaking is not None:
        for line in retaking.summary():
            echo(line)
    for warning in getattr(voice, "warnings", ()):  # a recorded beat take's misheard word
        echo(f"warning: {warning}")
    try:
        ensure_writable(SceneFiles(entries[0].stem, quality).folder)
    except UserError:
        if force or not all(_reusable(entry, quality, keys[entry.stem]) for entry in entries):
            raise
        # Nothing to write, and no other run can write there either: reuse without a lock.
        return _render_locked(entries, quality, plans, keys, executor, echo, force)
    scene_job.sweep_abandoned_work()  # first: failed runs' leftovers may be what fills the disk
    ensure_writable(cache_dir())
    with ExitStack() as held:
        for entry in entries:
            files = SceneFiles(entry.stem, quality)
            held.enter_context(locks.hold(files.lock, f"{entry.stem} at {quality.name}"))
        return _render_locked(entries, quality, plans, keys, executor, echo, force)


def _reusable(entry: SceneEntry, quality: Quality, key: str) -> bool:
    files = SceneFiles(entry.stem, quality)
    return records.check(files.key, key, files.artefacts).record is not None


def _render_locked(
    entries: Sequence[SceneEntry],
    quality: Quality,
    plans: dict[str, NarrationPlan],
    keys: dict[str, str],
    executor: Executor,
    echo: Callable[[str], None],
    force: bool,
) -> list[SceneResult]:
    results: dict[str, SceneResult] = {}
    todo: list[SceneJob] = []
    progress = RenderProgress(echo)
    by_stem = {entry.stem: entry for entry in entries}
    try:
        for entry in entries:
            files = SceneFiles(entry.stem, quality)
            verdict = records.check(files.key, keys[entry.stem], files.artefacts)
            if verdict.record is not None and not force:
                progress.reused(
                    entry.stem,
                    entry.slug,
                    verdict.record.seconds,
                    f"[{entry.slug}] unchanged, reusing {shown(files.video)}",
                )
                results[entry.stem] = SceneResult(entry, files, False, 0.0, verdict.record)
                continue
            restored = None if force else kept_scenes.restore(files, keys[entry.stem])
            if restored is not None:
                progress.reused(
                    entry.stem,
                    entry.slug,
                    restored.seconds,
                    f"[{entry.slug}] {verdict.reason + ': ' if verdict.damaged else ''}"
                    f"same inputs as a kept render, restored {shown(files.video)}",
                )
                results[entry.stem] = SceneResult(entry, files, False, 0.0, restored)
                continue
            if verdict.damaged:
                progress.note(f"[{entry.slug}] {verdict.reason}: rendering again at {quality.name}")
            else:
                progress.note(f"[{entry.slug}] rendering at {quality.name} ...")
            job = SceneJob.of(entry, plans[entry.stem], quality, force)
            progress.queued(job.stem, job.slug, job.seconds)
            todo.append(job)
        with closing(executor.render(todo, progress)) as rendered:
            for done in rendered:
                entry = by_stem[done.job.stem]
                files = SceneFiles(entry.stem, quality)
                started = time.perf_counter()
                progress.state(entry.stem, "muxing")
                try:
                    finished = finish_scene(done.render, cache_dir() / "audio")
                except BaseException:
                    shutil.rmtree(done.render.work, ignore_errors=True)
                    raise
                beats = Timeline.load(finished.timeline).beats
                drawn = sum(not b.reused for b in beats)
                record = publish_scene(finished, files, keys[entry.stem])
                kept_scenes.keep(files, keys[entry.stem])
                seconds = done.seconds + time.perf_counter() - started
                progress.state(entry.stem, "done")
                progress.note(
                    f"[{entry.slug}] done in {seconds:.1f} s: {record.seconds:.1f} s of video, "
                    f"{drawn} of {len(beats)} beats drawn -> {shown(files.video)}"
                )
                results[entry.stem] = SceneResult(entry, files, True, seconds, record)
    finally:
        progress.close()
    return [results[entry.stem] for entry in entries]

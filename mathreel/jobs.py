"""Render jobs: narration planned once, scenes rendered through an executor (local processes or a
Dask cluster) and finished here, unchanged ones reused only after their files are checked against
their record."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from mathreel import locks, records, scene_job
from mathreel.audio_cache import AudioCache
from mathreel.errors import UserError
from mathreel.executors import Executor
from mathreel.files import publish
from mathreel.finish import FinishedScene, finish_scene
from mathreel.layout import SceneFiles
from mathreel.manifest import SceneEntry
from mathreel.narration import parse_narration
from mathreel.paths import ROOT, cache_dir, shown
from mathreel.progress import RenderProgress
from mathreel.quality import Quality
from mathreel.scene_job import SceneJob
from mathreel.scene_source import check_beats, read_scene_source
from mathreel.synthesis import NarrationPlan, plan_narration
from mathreel.timeline import Timeline
from mathreel.voices.base import Voice

#: System tools a render needs, with the Debian package that brings each.
REQUIRED_TOOLS = {"latex": "texlive-latex-base", "dvisvgm": "dvisvgm"}
#: The worker's module and the client's finishing step: they and every project module they
#: import shape a rendered scene file.
WORKER = ROOT / "mathreel" / "render_worker.py"
FINISH = ROOT / "mathreel" / "finish.py"


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


def _parse(path: Path) -> ast.Module:
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as err:
        raise UserError(f"{shown(path)}:{err.lineno}: syntax error: {err.msg}") from None
    except UnicodeDecodeError as err:
        raise UserError(f"{shown(path)}: not UTF-8 text ({err.reason})") from None


def module_closure(path: Path) -> list[Path]:
    """``path`` and every project module (scenes/, mathreel/) it imports, directly or not."""
    seen: set[Path] = set()
    todo = [path.resolve()]
    while todo:
        current = todo.pop()
        if current in seen or not current.exists():
            continue
        seen.add(current)
        for node in ast.walk(_parse(current)):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.split(".")[0] in ("scenes", "mathreel"):
                    candidate = ROOT.joinpath(*name.split("."))
                    for option in (candidate.with_suffix(".py"), candidate / "__init__.py"):
                        if option.exists():
                            todo.append(option.resolve())
    return sorted(seen)


def source_closure(path: Path) -> list[Path]:
    """All the code and settings that shape a scene's file: the scene module and the project
    modules it imports, the render worker, the finishing step and the modules they import, and
    manim.cfg."""
    return sorted(
        set(module_closure(path))
        | set(module_closure(WORKER))
        | set(module_closure(FINISH))
        | {ROOT / "manim.cfg"}
    )


def digest_sources(digest, paths: Sequence[Path]) -> None:
    """Feed each file's project-relative name and bytes to ``digest`` (the same on any checkout)."""
    for path in paths:
        digest.update(
            str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name).encode()
        )
        digest.update(path.read_bytes())


def scene_key(entry: SceneEntry, plan: NarrationPlan, quality: Quality) -> str:
    """Hash of every input of a scene render: its code and the code it uses, narration, voice, quality."""
    digest = hashlib.sha256()
    digest_sources(digest, source_closure(entry.path))
    digest.update(plan.to_json().encode())
    digest.update(json.dumps([quality.name, quality.encoder_options(), version("manim")]).encode())
    return digest.hexdigest()


def prepare(
    entry: SceneEntry, voice: Voice, cache: AudioCache, stats: dict[str, int] | None = None
) -> NarrationPlan:
    """Parse the scene's narration, check it against the code's beats, synthesize its phrases."""
    script = parse_narration(entry.narration_path)
    source = read_scene_source(entry.path)
    check_beats(source, script.beat_ids, Path(shown(entry.narration_path)))

    def count(cached: bool) -> None:
        if stats is not None:
            stats["cached" if cached else "synthesized"] = (
                stats.get("cached" if cached else "synthesized", 0) + 1
            )

    return plan_narration(script, entry.stem, voice, cache, count)


def publish_scene(render: FinishedScene, files: SceneFiles, inputs: str) -> records.SceneRecord:
    """Check a finished render (its video holds the frames its timeline says), rename its files
    into place and write their record last, so a run killed half-way leaves the scene stale."""
    from mathreel.mux import video_packet_count

    try:
        timeline = Timeline.load(render.timeline)
        frames = video_packet_count(render.video)
        expected = round(timeline.duration * timeline.fps)
        if abs(frames - expected) > 1:
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
    for entry in entries:
        stats: dict[str, int] = {}
        started = time.perf_counter()
        plans[entry.stem] = plan = prepare(entry, voice, cache, stats)
        keys[entry.stem] = scene_key(entry, plan, quality)
        echo(
            f"narration {entry.stem}: {len(plan.beats)} beats, {plan.duration:.1f} s "
            f"({stats.get('synthesized', 0)} phrases synthesized, {stats.get('cached', 0)} cached) "
            f"in {time.perf_counter() - started:.1f} s"
        )
    ensure_writable(SceneFiles(entries[0].stem, quality).folder)
    ensure_writable(cache_dir())
    scene_job.sweep_abandoned_work()
    with ExitStack() as held:
        for entry in entries:
            files = SceneFiles(entry.stem, quality)
            held.enter_context(locks.hold(files.lock, f"{entry.stem} at {quality.name}"))
        return _render_locked(entries, quality, plans, keys, executor, echo, force)


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
            if verdict.damaged:
                progress.note(f"[{entry.slug}] {verdict.reason}: rendering again at {quality.name}")
            else:
                progress.note(f"[{entry.slug}] rendering at {quality.name} ...")
            job = SceneJob.of(entry, plans[entry.stem], quality)
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
                record = publish_scene(finished, files, keys[entry.stem])
                seconds = done.seconds + time.perf_counter() - started
                progress.state(entry.stem, "done")
                progress.note(
                    f"[{entry.slug}] done in {seconds:.1f} s: {record.seconds:.1f} s of video "
                    f"-> {shown(files.video)}"
                )
                results[entry.stem] = SceneResult(entry, files, True, seconds, record)
    finally:
        progress.close()
    return [results[entry.stem] for entry in entries]

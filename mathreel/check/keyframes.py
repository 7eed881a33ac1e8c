"""Smoke key frames: every beat's last picture of every scene at 854x480 (silent voice, skip
mode, nothing encoded), rendered in parallel and published per chapter whole, with each scene's
timeline and the chapter's contact sheet."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from mathreel.check.contact_sheet import SceneFrames, contact_sheet
from mathreel.errors import UserError
from mathreel.manifest import Chapter, SceneEntry
from mathreel.narration.audio_cache import AudioCache
from mathreel.narration.timeline import Timeline
from mathreel.narration.voices.silent import SilentVoice
from mathreel.paths import cache_dir, output_dir
from mathreel.quality import get_quality
from mathreel.render.runs import jobs, scene_job

Echo = Callable[[str], None]

#: Key frames are rendered at 854x480 (Manim's low quality; only the frame size matters here).
QUALITY = get_quality("l")
TIMELINE = "timeline.json"
CONTACT_SHEET = "contact-sheet.png"


def smoke_dir() -> Path:
    """Where smoke renders land: ``output/smoke/`` (follows ``MATHREEL_OUTPUT``)."""
    return output_dir() / "smoke"


@dataclass(frozen=True)
class ChapterFrames:
    """A chapter's smoke output: its folder, its scenes' key frames and its contact sheet."""

    chapter: Chapter
    folder: Path
    scenes: tuple[SceneFrames, ...]

    @property
    def contact_sheet(self) -> Path:
        return self.folder / CONTACT_SHEET

    @property
    def frame_count(self) -> int:
        return sum(len(s.beats) for s in self.scenes)


@dataclass(frozen=True)
class SmokeReport:
    """What a smoke run made and how long it took (wall seconds; per scene in each SceneFrames)."""

    chapters: tuple[ChapterFrames, ...]
    seconds: float
    prepare_seconds: float

    @property
    def frame_count(self) -> int:
        return sum(c.frame_count for c in self.chapters)


# -- rendering ---------------------------------------------------------------------------------


def render(chapters: Iterable[Chapter], workers: int, echo: Echo = print) -> SmokeReport:
    """Render the key frames of every scene of ``chapters`` into ``output/smoke/<chapter>/``.

    Everything is rendered into a hidden staging folder first; each chapter folder (frames,
    timelines, contact sheet) is then renamed into place whole, so ``output/`` never holds a
    half-written smoke run.
    """
    started = time.perf_counter()
    chapters = list(chapters)
    jobs.check_tools()
    root = smoke_dir()
    staging = root / f".partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    voice = SilentVoice()
    cache = AudioCache(cache_dir() / "audio")
    entries = [(chapter, entry) for chapter in chapters for entry in chapter.scenes]
    plans = {entry.stem: jobs.prepare(entry, voice, cache) for _, entry in entries}
    prepared = time.perf_counter() - started

    def one(item: tuple[Chapter, SceneEntry]) -> SceneFrames | str:
        chapter, entry = item
        target = staging / chapter.slug / entry.stem
        begun = time.perf_counter()
        try:
            scene_job.render_scene_job(
                scene_job.SceneJob.of(entry, plans[entry.stem], QUALITY), keyframes_dir=target
            )
        except UserError as err:
            echo(f"[{chapter.slug} {entry.slug}] FAILED: {err}")
            return str(err)
        seconds = time.perf_counter() - begun
        timeline = Timeline.load(target / TIMELINE)
        frames = SceneFrames(
            entry, plans[entry.stem].title, target, tuple(b.id for b in timeline.beats), seconds
        )
        echo(f"[{chapter.slug} {entry.slug}] {len(frames.beats)} key frames in {seconds:.1f} s")
        for record in timeline.beats:
            for violation in record.safe_area_violations:
                echo(f"  beat {record.id}: outside the safe area: {violation}")
            for problem in record.small_text:
                echo(f"  beat {record.id}: text too small: {problem}")
            for problem in record.mid_beat_problems:
                echo(f"  beat {record.id}: during the beat, {problem}")
        return frames

    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            results = list(pool.map(one, _longest_first(entries)))
        failures = [r for r in results if isinstance(r, str)]
        if failures:
            raise UserError(f"smoke run failed: {'; '.join(failures)}")
        by_stem = {r.entry.stem: r for r in results if isinstance(r, SceneFrames)}
        published = []
        for chapter in chapters:
            staged = staging / chapter.slug
            staged.mkdir(parents=True, exist_ok=True)
            scenes = [by_stem[entry.stem] for entry in chapter.scenes]
            sheet = contact_sheet(chapter, scenes)
            sheet.save(staged / CONTACT_SHEET, optimize=True)
            final = root / chapter.slug
            _replace_folder(staged, final)
            published.append(
                ChapterFrames(
                    chapter,
                    final,
                    tuple(
                        SceneFrames(s.entry, s.title, final / s.entry.stem, s.beats, s.seconds)
                        for s in scenes
                    ),
                )
            )
        known = {chapter.slug for chapter in chapters}
        for old in root.glob("chapter-*"):
            if old.is_dir() and old.name not in known:
                shutil.rmtree(old)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return SmokeReport(tuple(published), time.perf_counter() - started, prepared)


def _longest_first(entries: list[tuple[Chapter, SceneEntry]]) -> list[tuple[Chapter, SceneEntry]]:
    """Scenes in the order their last smoke render took longest first (better packing on N cores);
    the results come back in manifest order anyway."""
    previous: dict[str, float] = {}
    record = cache_dir() / "smoke-times.txt"
    if record.exists():
        for line in record.read_text(encoding="utf-8").splitlines():
            stem, _, seconds = line.partition(" ")
            try:
                previous[stem] = float(seconds)
            except ValueError:
                continue
    return sorted(entries, key=lambda item: -previous.get(item[1].stem, float("inf")))


def remember_times(report: SmokeReport) -> None:
    from mathreel.files import write_text_atomic

    lines = [f"{s.entry.stem} {s.seconds:.2f}" for c in report.chapters for s in c.scenes]
    write_text_atomic(cache_dir() / "smoke-times.txt", "\n".join(lines) + "\n")


def _replace_folder(new: Path, final: Path) -> None:
    """Put folder ``new`` at ``final`` by renames only (the old one is moved aside, then deleted)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    old = final.with_name(f".old-{final.name}-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        os.replace(final, old)
    os.replace(new, final)
    shutil.rmtree(old, ignore_errors=True)


# -- contact sheet -----------------------------------------------------------------------------

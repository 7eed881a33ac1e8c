"""Smoke renders: every beat's key frame at 480p (silent voice), contact sheets, and golden frames."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from mathreel import jobs
from mathreel.audio_cache import AudioCache
from mathreel.errors import UserError
from mathreel.manifest import Chapter, SceneEntry, load_chapters
from mathreel.paths import ROOT, cache_dir, output_dir
from mathreel.quality import get_quality
from mathreel.timeline import Timeline
from mathreel.voices.silent import SilentVoice

Echo = Callable[[str], None]

#: Key frames are rendered at 854x480 (Manim's low quality; only the frame size matters here).
QUALITY = get_quality("l")
#: Approved key frames: ``tests/golden/<chapter>/<scene>/<beat>.png``, half size (427x240).
GOLDEN_DIR = ROOT / "tests" / "golden"
#: Where a failed comparison leaves the actual frame and a diff image (git-ignored).
FAILURES_DIR = GOLDEN_DIR / "_failures"
GOLDEN_SCALE = 2
GOLDEN_SIZE = (QUALITY.width // GOLDEN_SCALE, QUALITY.height // GOLDEN_SCALE)
#: Colours a golden is stored with (an adaptive palette keeps each file a few KB).
GOLDEN_COLORS = 128
#: The command that re-approves goldens, named in every golden test failure.
APPROVE_COMMAND = ".venv/bin/python render.py smoke --update-golden"
TIMELINE = "timeline.json"
CONTACT_SHEET = "contact-sheet.png"

# Golden comparison (the measured noise behind these figures is in tests/render/test_smoke_golden.py).
#: A pixel "differs" when no pixel of the other image within this many pixels (at golden size) is
#: within DIFF_LEVEL of it on every channel, checked both ways (so anti-aliasing jitter is forgiven).
SHIFT_TOLERANCE = 1
#: Channel difference (0-255) above which a pixel counts as changed.
DIFF_LEVEL = 40
#: A frame fails when more than this many golden-size pixels differ.
MAX_CHANGED_PIXELS = 30

# Contact sheet geometry, pixels.
THUMB_SIZE = (284, 160)
SHEET_MARGIN = 16
SHEET_GAP = 12
SHEET_HEADER = 44
SCENE_LABEL = 26
BEAT_LABEL = 22
SHEET_BACKGROUND = (38, 40, 46)
SHEET_TEXT = (235, 235, 235)
SHEET_MUTED = (170, 174, 181)


def smoke_dir() -> Path:
    """Where smoke renders land: ``output/smoke/`` (follows ``MATHREEL_OUTPUT``)."""
    return output_dir() / "smoke"


@dataclass(frozen=True)
class SceneFrames:
    """One scene's key frames: its folder of ``<beat>.png`` and ``timeline.json``, beats in order."""

    entry: SceneEntry
    title: str
    folder: Path
    beats: tuple[str, ...]
    seconds: float

    def frame(self, beat: str) -> Path:
        return self.folder / f"{beat}.png"

    @property
    def timeline(self) -> Path:
        return self.folder / TIMELINE


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
            jobs.render_scene_job(entry, plans[entry.stem], QUALITY, keyframes_dir=target)
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
                echo(
                    f"[{chapter.slug} {entry.slug}] beat {record.id}: outside safe area: {violation}"
                )
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


def _remember_times(report: SmokeReport) -> None:
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


def sheet_size(columns: int, rows: int) -> tuple[int, int]:
    """Pixel size of a contact sheet with ``rows`` scenes and at most ``columns`` beats per scene."""
    width = 2 * SHEET_MARGIN + columns * THUMB_SIZE[0] + (columns - 1) * SHEET_GAP
    row = SCENE_LABEL + THUMB_SIZE[1] + BEAT_LABEL + SHEET_GAP
    return width, SHEET_HEADER + rows * row - SHEET_GAP + SHEET_MARGIN


def thumb_box(row: int, column: int) -> tuple[int, int, int, int]:
    """Where the thumbnail of scene ``row``, beat ``column`` sits: (left, top, right, bottom)."""
    left = SHEET_MARGIN + column * (THUMB_SIZE[0] + SHEET_GAP)
    top = SHEET_HEADER + row * (SCENE_LABEL + THUMB_SIZE[1] + BEAT_LABEL + SHEET_GAP) + SCENE_LABEL
    return left, top, left + THUMB_SIZE[0], top + THUMB_SIZE[1]


def thumbnail(frame: Image.Image) -> Image.Image:
    """A key frame downscaled for the contact sheet."""
    return frame.convert("RGB").resize(THUMB_SIZE, Image.Resampling.LANCZOS)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def contact_sheet(chapter: Chapter, scenes: Iterable[SceneFrames]) -> Image.Image:
    """A grid of a chapter's key frames: one row per scene (labelled with its position, stem and
    title), one column per beat (labelled with its number and id)."""
    scenes = list(scenes)
    columns = max((len(s.beats) for s in scenes), default=1)
    sheet = Image.new("RGB", sheet_size(columns, len(scenes)), SHEET_BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    title_font, scene_font, beat_font = _font(22), _font(17), _font(14)
    draw.text(
        (SHEET_MARGIN, 10),
        f"Chapter {chapter.number}: {chapter.title} — key frames at the end of each beat",
        font=title_font,
        fill=SHEET_TEXT,
    )
    for row, scene in enumerate(scenes):
        left, top, _, bottom = thumb_box(row, 0)
        label = f"{scene.entry.position:02d}  {scene.entry.stem} — {scene.title}"
        draw.text(
            (left, top - SCENE_LABEL + 3),
            _fit(draw, label, scene_font, sheet.width - 2 * SHEET_MARGIN),
            font=scene_font,
            fill=SHEET_TEXT,
        )
        for column, beat in enumerate(scene.beats):
            box = thumb_box(row, column)
            with Image.open(scene.frame(beat)) as frame:
                sheet.paste(thumbnail(frame), box[:2])
            text = _fit(draw, f"{column + 1}. {beat}", beat_font, THUMB_SIZE[0])
            draw.text((box[0], bottom + 3), text, font=beat_font, fill=SHEET_MUTED)
    return sheet


# -- goldens -----------------------------------------------------------------------------------


def golden_path(chapter: str, stem: str, beat: str, root: Path = GOLDEN_DIR) -> Path:
    return root / chapter / stem / f"{beat}.png"


def golden_image(frame: Image.Image) -> Image.Image:
    """A key frame as it is stored as a golden: half size (box filter), adaptive palette."""
    small = frame.convert("RGB").reduce(GOLDEN_SCALE)
    return small.quantize(GOLDEN_COLORS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def _pixels(image: Image.Image) -> np.ndarray:
    image = image.convert("RGB")
    if image.size != GOLDEN_SIZE:
        image = (
            image.reduce(GOLDEN_SCALE) if image.size == (QUALITY.width, QUALITY.height) else image
        )
    return np.asarray(image, dtype=np.int16)


@dataclass(frozen=True)
class FrameDiff:
    """How a frame differs from its golden: changed pixels (after the shift tolerance) and where."""

    changed: int
    max_difference: int
    mask: np.ndarray

    @property
    def ok(self) -> bool:
        return self.changed <= MAX_CHANGED_PIXELS


def _unexplained(a: np.ndarray, b: np.ndarray, shift: int, level: int) -> np.ndarray:
    """Pixels of ``a`` that no pixel of ``b`` within ``shift`` pixels matches within ``level``."""
    height, width = a.shape[:2]
    pad = np.pad(b, ((shift, shift), (shift, shift), (0, 0)), mode="edge")
    best = np.full((height, width), 255 * 4, dtype=np.int16)
    for dy in range(2 * shift + 1):
        for dx in range(2 * shift + 1):
            window = pad[dy : dy + height, dx : dx + width]
            best = np.minimum(best, np.abs(a - window).max(axis=2))
    return best > level


def compare(golden: Image.Image, actual: Image.Image) -> FrameDiff:
    """Compare a key frame (full or golden size) with its golden, forgiving anti-aliasing noise."""
    g, a = _pixels(golden), _pixels(actual)
    if g.shape != a.shape:
        mask = np.ones(g.shape[:2], dtype=bool)
        return FrameDiff(int(mask.sum()), 255, mask)
    mask = _unexplained(a, g, SHIFT_TOLERANCE, DIFF_LEVEL) | _unexplained(
        g, a, SHIFT_TOLERANCE, DIFF_LEVEL
    )
    return FrameDiff(int(mask.sum()), int(np.abs(a - g).max()), mask)


def run(workers: int, update_golden: bool, echo: Echo = print) -> SmokeReport:
    """``render.py smoke``: render every chapter's key frames; with ``update_golden`` approve them."""
    report = render(load_chapters(), workers, echo)
    _remember_times(report)
    return report

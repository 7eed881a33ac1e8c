"""Smoke renders: every beat's key frame at 480p (silent voice), contact sheets, and golden frames."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from mathreel import jobs, scene_job
from mathreel.audio_cache import AudioCache
from mathreel.errors import UserError
from mathreel.manifest import Chapter, SceneEntry, load_chapters
from mathreel.narration import parse_narration
from mathreel.paths import ROOT, cache_dir, output_dir
from mathreel.quality import get_quality
from mathreel.timeline import Timeline
from mathreel.voices.silent import SilentVoice

Echo = Callable[[str], None]

#: Key frames are rendered at 854x480 (Manim's low quality; only the frame size matters here).
QUALITY = get_quality("l")
#: Approved key frames: ``tests/golden/<chapter>/<scene>/<beat>.png``, 854x480 in 256 colours.
GOLDEN_DIR = ROOT / "tests" / "golden"
#: Where a failed comparison leaves the actual frame and a diff image (git-ignored).
FAILURE_DIR_NAME = "_failures"
#: The command that re-approves goldens, named in every golden test failure.
APPROVE_COMMAND = ".venv/bin/python render.py smoke --update-golden"
TIMELINE = "timeline.json"
CONTACT_SHEET = "contact-sheet.png"

# Golden comparison; the noise and the changes measured to choose these figures are in the
# docstring of tests/render/test_smoke_golden.py.
#: Both frames are blurred (Gaussian, this standard deviation in pixels) so an edge anti-aliased a
#: fraction of a pixel differently barely registers, while a recoloured or moved shape still does.
BLUR_RADIUS = 2.0
#: A pixel has changed when a channel (0-255) of the blurred frames differs by more than this.
DIFF_LEVEL = 24
#: A frame fails when more than MAX_CHANGED_PIXELS pixels changed in all (a recoloured thin curve
#: spreads thinly over the picture), or more than MAX_LOCAL_CHANGE in one WINDOW x WINDOW square
#: (a moved label, a missing dot).
MAX_CHANGED_PIXELS = 30
WINDOW = 16
MAX_LOCAL_CHANGE = 16

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
    title = f"Chapter {chapter.number}: {chapter.title} — key frames at the end of each beat"
    draw.text(
        (SHEET_MARGIN, 10),
        _fit(draw, title, title_font, sheet.width - 2 * SHEET_MARGIN),
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

#: (chapter folder, scene stem, beat id): one key frame, one golden.
FrameId = tuple[str, str, str]


def golden_path(frame: FrameId, root: Path = GOLDEN_DIR) -> Path:
    chapter, stem, beat = frame
    return root / chapter / stem / f"{beat}.png"


def expected_frames(chapters: Iterable[Chapter]) -> list[FrameId]:
    """Every key frame the manifest calls for: each beat of each scene's narration, in order."""
    return [
        (chapter.slug, entry.stem, beat)
        for chapter in chapters
        for entry in chapter.scenes
        for beat in parse_narration(entry.narration_path).beat_ids
    ]


def golden_frames(root: Path = GOLDEN_DIR) -> set[FrameId]:
    """Every golden on disk (``<chapter>/<scene>/<beat>.png``; the failures folder is not one)."""
    return {
        (path.parent.parent.name, path.parent.name, path.stem)
        for path in root.glob("*/*/*.png")
        if path.parent.parent.name != FAILURE_DIR_NAME
    }


def golden_image(frame: Image.Image) -> Image.Image:
    """A key frame as a golden is stored: full size in a 256-colour palette (octree, no dither),
    at most 15/255 off on any channel, 5-20 KB a file."""
    return frame.convert("RGB").quantize(
        256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )


@dataclass(frozen=True)
class FrameDiff:
    """How a frame differs from its golden: pixels changed after the blur, the most in one square."""

    changed: int
    local: int
    mask: np.ndarray

    @property
    def ok(self) -> bool:
        return self.changed <= MAX_CHANGED_PIXELS and self.local <= MAX_LOCAL_CHANGE

    def describe(self) -> str:
        return (
            f"{self.changed} pixels changed (limit {MAX_CHANGED_PIXELS}), {self.local} of them "
            f"in one {WINDOW}x{WINDOW} square (limit {MAX_LOCAL_CHANGE})"
        )


def _densest(mask: np.ndarray, window: int) -> int:
    """The most True pixels in any ``window`` x ``window`` square of ``mask``."""
    size = min(window, *mask.shape)
    sums = np.pad(mask.astype(np.int32).cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    boxes = sums[size:, size:] - sums[:-size, size:] - sums[size:, :-size] + sums[:-size, :-size]
    return int(boxes.max())


def _blurred(image: Image.Image) -> np.ndarray:
    return np.asarray(
        image.convert("RGB").filter(ImageFilter.GaussianBlur(BLUR_RADIUS)), dtype=np.int16
    )


def compare(golden: Image.Image, actual: Image.Image) -> FrameDiff:
    """Compare a key frame with its golden, forgiving anti-aliasing noise (see the constants)."""
    if golden.size != actual.size:
        mask = np.ones((actual.height, actual.width), dtype=bool)
        return FrameDiff(int(mask.size), int(mask.size), mask)
    mask = np.abs(_blurred(actual) - _blurred(golden)).max(axis=2) > DIFF_LEVEL
    return FrameDiff(int(mask.sum()), _densest(mask, WINDOW), mask)


def diff_image(golden: Image.Image, actual: Image.Image, diff: FrameDiff) -> Image.Image:
    """Golden and actual side by side; below, the changed pixels in red over the dimmed actual,
    and the raw difference amplified four times."""
    g, a = golden.convert("RGB"), actual.convert("RGB")
    if g.size != a.size:
        g = g.resize(a.size)
    width, height = a.size
    dimmed = (np.asarray(a, dtype=np.float32) * 0.35).astype(np.uint8)
    dimmed[diff.mask] = (255, 40, 40)
    raw = np.abs(np.asarray(a, dtype=np.int16) - np.asarray(g, dtype=np.int16)) * 4
    panel = Image.new("RGB", (2 * width, 2 * height + 2 * BEAT_LABEL), SHEET_BACKGROUND)
    draw = ImageDraw.Draw(panel)
    font = _font(14)
    for (x, y), image, label in (
        ((0, 0), g, "golden"),
        ((width, 0), a, "actual"),
        ((0, height + BEAT_LABEL), Image.fromarray(dimmed), f"changed: {diff.describe()}"),
        (
            (width, height + BEAT_LABEL),
            Image.fromarray(np.clip(raw, 0, 255).astype(np.uint8)),
            "|actual - golden| x 4",
        ),
    ):
        draw.text((x + 4, y + 3), label, font=font, fill=SHEET_TEXT)
        panel.paste(image, (x, y + BEAT_LABEL))
    return panel


def failure_paths(frame: FrameId, root: Path = GOLDEN_DIR) -> tuple[Path, Path]:
    """Where a failed comparison puts the actual frame and the diff image."""
    chapter, stem, beat = frame
    folder = root / FAILURE_DIR_NAME / chapter / stem
    return folder / f"{beat}.actual.png", folder / f"{beat}.diff.png"


def check_frame(frame: FrameId, actual_path: Path, root: Path = GOLDEN_DIR) -> str | None:
    """Compare a rendered key frame with its golden: None when it matches, else a message naming
    the actual frame and diff image written under ``<root>/_failures/``."""
    chapter, stem, beat = frame
    golden = golden_path(frame, root)
    actual_out, diff_out = failure_paths(frame, root)
    if not golden.exists():
        shown = golden.relative_to(ROOT) if golden.is_relative_to(ROOT) else golden
        return (
            f"no golden for {chapter}/{stem}/{beat} ({shown}): look at {actual_path}, "
            f"then approve with: {APPROVE_COMMAND}"
        )
    with Image.open(golden) as g, Image.open(actual_path) as a:
        diff = compare(g, a)
        if diff.ok:
            actual_out.unlink(missing_ok=True)
            diff_out.unlink(missing_ok=True)
            return None
        actual_out.parent.mkdir(parents=True, exist_ok=True)
        _save_atomic(a.convert("RGB"), actual_out)
        _save_atomic(diff_image(g, a, diff), diff_out)
    return (
        f"{chapter}/{stem}/{beat} differs from its golden: {diff.describe()}. "
        f"Actual frame: {actual_out}  Diff image: {diff_out}  "
        f"If the change is intended, approve it with: {APPROVE_COMMAND}"
    )


def _save_atomic(image: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.partial-{os.getpid()}.png")
    image.save(tmp, optimize=True)
    os.replace(tmp, path)


@dataclass(frozen=True)
class Approval:
    """What ``--update-golden`` did: goldens added, replaced, kept (within tolerance), removed."""

    added: tuple[FrameId, ...]
    updated: tuple[FrameId, ...]
    kept: tuple[FrameId, ...]
    removed: tuple[FrameId, ...]


def approve(report: SmokeReport, root: Path = GOLDEN_DIR, only: set[str] | None = None) -> Approval:
    """Make the smoke run's key frames the goldens: a golden still within tolerance is kept as it
    is (no churn in git), a changed or missing one is written, one for a beat gone is deleted
    (among the scenes ``only``, when the run rendered only those)."""
    added, updated, kept = [], [], []
    rendered: set[FrameId] = set()
    for chapter in report.chapters:
        for scene in chapter.scenes:
            for beat in scene.beats:
                frame = (chapter.chapter.slug, scene.entry.stem, beat)
                rendered.add(frame)
                golden = golden_path(frame, root)
                with Image.open(scene.frame(beat)) as actual:
                    if golden.exists():
                        with Image.open(golden) as old:
                            if compare(old, actual).ok:
                                kept.append(frame)
                                continue
                        updated.append(frame)
                    else:
                        added.append(frame)
                    _save_atomic(golden_image(actual), golden)
    removed = sorted(f for f in golden_frames(root) - rendered if only is None or f[1] in only)
    for frame in removed:
        golden_path(frame, root).unlink()
    for folder in sorted(root.glob("*/*"), reverse=True) + sorted(root.glob("*")):
        if folder.is_dir() and folder.name != FAILURE_DIR_NAME and not any(folder.iterdir()):
            folder.rmdir()
    shutil.rmtree(root / FAILURE_DIR_NAME, ignore_errors=True)
    return Approval(tuple(added), tuple(updated), tuple(kept), tuple(removed))


def select_scenes(chapters: list[Chapter], names: Iterable[str]) -> list[Chapter]:
    """The chapters holding the scenes ``names`` (all of them when none is named), each cut down
    to the named scenes; an unknown name is a one-line error listing the scenes."""
    wanted = set(names)
    if not wanted:
        return chapters
    known = {entry.stem for chapter in chapters for entry in chapter.scenes}
    unknown = sorted(wanted - known)
    if unknown:
        raise UserError(f"unknown scene '{unknown[0]}': choose one of {', '.join(sorted(known))}")
    picked = [
        replace(chapter, scenes=tuple(e for e in chapter.scenes if e.stem in wanted))
        for chapter in chapters
    ]
    return [chapter for chapter in picked if chapter.scenes]


def run(
    workers: int, update_golden: bool, echo: Echo = print, scenes: Iterable[str] = ()
) -> SmokeReport:
    """``render.py smoke``: every chapter's key frames and contact sheets (or only ``scenes``');
    then either approve them as the goldens (``update_golden``) or say how they compare."""
    chapters = select_scenes(load_chapters(), scenes)
    only = {entry.stem for chapter in chapters for entry in chapter.scenes}
    report = render(chapters, workers, echo)
    _remember_times(report)
    for chapter in report.chapters:
        echo(
            f"{chapter.chapter.slug}: {chapter.frame_count} key frames of "
            f"{len(chapter.scenes)} scenes, contact sheet {chapter.contact_sheet}"
        )
    echo(f"smoke: {report.frame_count} key frames in {report.seconds:.1f} s")
    if update_golden:
        done = approve(report, only=only)
        echo(
            f"goldens in {GOLDEN_DIR.relative_to(ROOT)}: {len(done.added)} added, "
            f"{len(done.updated)} updated, {len(done.kept)} unchanged, {len(done.removed)} removed"
        )
        for label, frames in (
            ("added", done.added),
            ("updated", done.updated),
            ("removed", done.removed),
        ):
            for frame in frames:
                echo(f"  {label}: {'/'.join(frame)}")
        return report
    rendered = {
        (c.chapter.slug, s.entry.stem, beat): s.frame(beat)
        for c in report.chapters
        for s in c.scenes
        for beat in s.beats
    }
    missing = [frame for frame in rendered if not golden_path(frame).exists()]
    differing = [
        message
        for frame, path in rendered.items()
        if frame not in missing and (message := check_frame(frame, path))
    ]
    stale = sorted(f for f in golden_frames() - set(rendered) if f[1] in only)
    echo(
        f"goldens: {len(rendered) - len(missing) - len(differing)} of {len(rendered)} key frames "
        f"match, {len(differing)} differ, {len(missing)} have none, {len(stale)} are for beats gone"
    )
    for message in differing:
        echo(f"  {message}")
    for label, frames in (("no golden", missing), ("golden for a beat gone", stale)):
        if frames:
            shown = ", ".join("/".join(f) for f in frames[:5])
            more = f" and {len(frames) - 5} more" if len(frames) > 5 else ""
            echo(f"  {label}: {shown}{more}")
    if differing or missing or stale:
        sheets = ", ".join(str(c.contact_sheet) for c in report.chapters)
        echo(f"after looking at the frames ({sheets}), approve them with: {APPROVE_COMMAND}")
    return report

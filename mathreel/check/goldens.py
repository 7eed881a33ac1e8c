"""Goldens: approved key frames under ``tests/golden/``, the tolerant comparison of a smoke frame
with its golden (and the diff image a failure leaves), and approving a smoke run."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from mathreel.check.contact_sheet import BEAT_LABEL, SHEET_BACKGROUND, SHEET_TEXT, label_font
from mathreel.check.keyframes import SmokeReport
from mathreel.manifest import Chapter
from mathreel.narration.script import parse_narration
from mathreel.paths import project_root, shown


def golden_dir() -> Path:
    """Approved key frames: ``tests/golden/<chapter>/<scene>/<beat>.png`` in the project, 854x480
    in 256 colours."""
    return project_root() / "tests" / "golden"


#: Where a failed comparison leaves the actual frame and a diff image (git-ignored).
FAILURE_DIR_NAME = "_failures"
#: The command that re-approves goldens, named in every golden test failure.
APPROVE_COMMAND = "mathreel smoke --update-golden"

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


FrameId = tuple[str, str, str]


def golden_path(frame: FrameId, root: Path | None = None) -> Path:
    root = root or golden_dir()
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


def golden_frames(root: Path | None = None) -> set[FrameId]:
    """Every golden on disk (``<chapter>/<scene>/<beat>.png``; the failures folder is not one)."""
    root = root or golden_dir()
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
    font = label_font(14)
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


def failure_paths(frame: FrameId, root: Path | None = None) -> tuple[Path, Path]:
    """Where a failed comparison puts the actual frame and the diff image."""
    root = root or golden_dir()
    chapter, stem, beat = frame
    folder = root / FAILURE_DIR_NAME / chapter / stem
    return folder / f"{beat}.actual.png", folder / f"{beat}.diff.png"


def check_frame(frame: FrameId, actual_path: Path, root: Path | None = None) -> str | None:
    """Compare a rendered key frame with its golden: None when it matches, else a message naming
    the actual frame and diff image written under ``<root>/_failures/``."""
    root = root or golden_dir()
    chapter, stem, beat = frame
    golden = golden_path(frame, root)
    actual_out, diff_out = failure_paths(frame, root)
    if not golden.exists():
        return (
            f"no golden for {chapter}/{stem}/{beat} ({shown(golden)}): look at {actual_path}, "
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


def approve(
    report: SmokeReport, root: Path | None = None, only: set[str] | None = None
) -> Approval:
    """Make the smoke run's key frames the goldens: a golden still within tolerance is kept as it
    is (no churn in git), a changed or missing one is written, one for a beat gone is deleted
    (among the scenes ``only``, when the run rendered only those)."""
    root = root or golden_dir()
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

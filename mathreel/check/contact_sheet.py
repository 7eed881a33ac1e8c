"""The contact sheet of a chapter's smoke run: every key frame as a labelled thumbnail, a row per
scene, to look at in one image."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from mathreel.manifest import Chapter, SceneEntry


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


def label_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
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
    title_font, scene_font, beat_font = label_font(22), label_font(17), label_font(14)
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

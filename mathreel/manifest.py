"""The chapter manifest: which scenes make each chapter, in order, found by name."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from mathreel.errors import UserError
from mathreel.paths import NARRATION_DIR, SCENES_DIR


@dataclass(frozen=True)
class SceneEntry:
    """A scene of a chapter: module stem (``slope_at_a_point``), its files, its position."""

    stem: str
    chapter: int
    position: int

    @property
    def module(self) -> str:
        return f"scenes.{self.stem}"

    @property
    def path(self) -> Path:
        return SCENES_DIR / f"{self.stem}.py"

    @property
    def narration_path(self) -> Path:
        return NARRATION_DIR / f"{self.stem}.md"

    @property
    def slug(self) -> str:
        return f"{self.position:02d}-{self.stem}"


@dataclass(frozen=True)
class Chapter:
    """A chapter video: its number, title and scenes in order."""

    number: int
    title: str
    course: str
    scenes: tuple[SceneEntry, ...]
    #: (scene stem, beat id) whose last frame is the chapter's poster; None: the first beat.
    poster: tuple[str, str] | None = None

    @property
    def slug(self) -> str:
        return f"chapter-{self.number:02d}"


def load_chapters() -> list[Chapter]:
    """Every chapter of ``scenes/manifest.py`` (``CHAPTERS``), with scene files checked to exist."""
    manifest = importlib.import_module("scenes.manifest")
    chapters = []
    for spec in manifest.CHAPTERS:
        scenes = tuple(
            SceneEntry(stem, spec["number"], i) for i, stem in enumerate(spec["scenes"], start=1)
        )
        for scene in scenes:
            if not scene.path.exists():
                raise UserError(
                    f"scenes/manifest.py: chapter {spec['number']} lists '{scene.stem}', "
                    f"but {scene.path} does not exist"
                )
        poster = spec.get("poster")
        chapters.append(
            Chapter(
                spec["number"],
                spec["title"],
                spec["course"],
                scenes,
                tuple(poster) if poster else None,
            )
        )
    return chapters


@dataclass(frozen=True)
class PlannedChapter:
    """A chapter of the course not made yet: its number and title only."""

    number: int
    title: str
    course: str


def course_outline(course: str) -> list[Chapter | PlannedChapter]:
    """Every chapter of ``course``, made or planned (``PLANNED`` in ``scenes/manifest.py``), in
    order; a planned chapter numbered like a made one is a one-line error."""
    made = [c for c in load_chapters() if c.course == course]
    manifest = importlib.import_module("scenes.manifest")
    planned = [
        PlannedChapter(spec["number"], spec["title"], spec["course"])
        for spec in getattr(manifest, "PLANNED", [])
        if spec["course"] == course
    ]
    numbers = [c.number for c in made + planned]
    for number in numbers:
        if numbers.count(number) > 1:
            raise UserError(
                f"scenes/manifest.py: {course} has two chapters numbered {number} "
                "(a chapter that is made leaves PLANNED)"
            )
    return sorted([*made, *planned], key=lambda c: c.number)


def get_chapter(number: int) -> Chapter:
    """Chapter ``number``; an unknown one is a one-line error listing the chapters."""
    chapters = load_chapters()
    for chapter in chapters:
        if chapter.number == number:
            return chapter
    raise UserError(
        f"unknown chapter {number}: choose one of {', '.join(str(c.number) for c in chapters)}"
    )


def all_scenes() -> list[SceneEntry]:
    return [scene for chapter in load_chapters() for scene in chapter.scenes]


def find_scene(name: str) -> SceneEntry:
    """A scene by module stem; an unknown name is a one-line error listing the scenes."""
    scenes = all_scenes()
    for scene in scenes:
        if scene.stem == name:
            return scene
    raise UserError(f"unknown scene '{name}': choose one of {', '.join(s.stem for s in scenes)}")

"""The chapter manifest: which scenes make each chapter, in order, found by name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mathreel.errors import UserError
from mathreel.paths import narration_dir, scenes_dir


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
        return scenes_dir() / f"{self.stem}.py"

    @property
    def narration_path(self) -> Path:
        return narration_dir() / f"{self.stem}.md"

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


@dataclass(frozen=True)
class PlannedChapter:
    """A chapter of the course not made yet: its number and title only."""

    number: int
    title: str
    course: str


@dataclass(frozen=True)
class Manifest:
    """The project's chapters, made and planned: built by the CLI from the content's
    ``scenes/manifest.py`` (``CHAPTERS``, ``PLANNED``) and handed to the library, which never
    imports the content's manifest itself."""

    chapters: tuple[Chapter, ...]
    planned: tuple[PlannedChapter, ...] = ()

    @classmethod
    def of(cls, chapters: Iterable[dict], planned: Iterable[dict] = ()) -> Manifest:
        """From the manifest's records, with every scene file checked to exist."""
        made = []
        for spec in chapters:
            scenes = tuple(
                SceneEntry(stem, spec["number"], i)
                for i, stem in enumerate(spec["scenes"], start=1)
            )
            for scene in scenes:
                if not scene.path.exists():
                    raise UserError(
                        f"scenes/manifest.py: chapter {spec['number']} lists '{scene.stem}', "
                        f"but {scene.path} does not exist"
                    )
            poster = spec.get("poster")
            made.append(
                Chapter(
                    spec["number"],
                    spec["title"],
                    spec["course"],
                    scenes,
                    tuple(poster) if poster else None,
                )
            )
        stems = [scene.stem for chapter in made for scene in chapter.scenes]
        for stem in stems:
            if stems.count(stem) > 1:
                raise UserError(
                    f"scenes/manifest.py: scene '{stem}' is listed twice (a scene belongs to "
                    "one chapter, once)"
                )
        return cls(
            tuple(made),
            tuple(PlannedChapter(p["number"], p["title"], p["course"]) for p in planned),
        )

    def course_outline(self, course: str) -> list[Chapter | PlannedChapter]:
        """Every chapter of ``course``, made or planned, in order; a planned chapter numbered
        like a made one is a one-line error."""
        made = [c for c in self.chapters if c.course == course]
        planned = [p for p in self.planned if p.course == course]
        numbers = [c.number for c in made + planned]
        for number in numbers:
            if numbers.count(number) > 1:
                raise UserError(
                    f"scenes/manifest.py: {course} has two chapters numbered {number} "
                    "(a chapter that is made leaves PLANNED)"
                )
        return sorted([*made, *planned], key=lambda c: c.number)

    def get_chapter(self, number: int) -> Chapter:
        """Chapter ``number``; an unknown one is a one-line error listing the chapters."""
        for chapter in self.chapters:
            if chapter.number == number:
                return chapter
        raise UserError(
            f"unknown chapter {number}: choose one of "
            f"{', '.join(str(c.number) for c in self.chapters)}"
        )

    def all_scenes(self) -> list[SceneEntry]:
        return [scene for chapter in self.chapters for scene in chapter.scenes]

    def find_scene(self, name: str) -> SceneEntry:
        """A scene by module stem; an unknown name is a one-line error listing the scenes."""
        scenes = self.all_scenes()
        for scene in scenes:
            if scene.stem == name:
                return scene
        raise UserError(
            f"unknown scene '{name}': choose one of {', '.join(s.stem for s in scenes)}"
        )

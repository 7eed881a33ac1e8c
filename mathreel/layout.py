"""Where a render's files land under ``output/``: one scene's files and one chapter's deliverables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mathreel.manifest import Chapter
from mathreel.paths import output_dir
from mathreel.quality import Quality


@dataclass(frozen=True)
class SceneFiles:
    """Where one scene's render lands for one quality."""

    stem: str
    quality: Quality

    @property
    def folder(self) -> Path:
        return output_dir() / self.quality.name / "scenes"

    @property
    def video(self) -> Path:
        return self.folder / f"{self.stem}.mp4"

    @property
    def timeline(self) -> Path:
        return self.folder / f"{self.stem}.timeline.json"

    @property
    def plan(self) -> Path:
        return self.folder / f"{self.stem}.narration.json"

    @property
    def audio(self) -> Path:
        return self.folder / f"{self.stem}.narration.wav"

    @property
    def loudness(self) -> Path:
        return self.folder / f"{self.stem}.loudness.json"

    @property
    def key(self) -> Path:
        """The record of the last render: its input key and a digest of every file above."""
        return self.folder / f"{self.stem}.key"

    @property
    def artefacts(self) -> dict[str, Path]:
        """The files a render publishes (the key aside), by role."""
        return {
            "video": self.video,
            "timeline": self.timeline,
            "plan": self.plan,
            "audio": self.audio,
            "loudness": self.loudness,
        }

    @property
    def lock(self) -> Path:
        return output_dir() / self.quality.name / ".locks" / f"{self.stem}.lock"


@dataclass(frozen=True)
class ChapterFiles:
    """The deliverables of one chapter at one quality."""

    chapter: Chapter
    quality: Quality

    @property
    def folder(self) -> Path:
        return output_dir() / self.quality.name / self.chapter.slug

    def path(self, suffix: str) -> Path:
        return self.folder / f"{self.chapter.slug}{suffix}"

    @property
    def video(self) -> Path:
        return self.path(".mp4")

    @property
    def key(self) -> Path:
        return self.folder / ".key"

    @property
    def lock(self) -> Path:
        return output_dir() / self.quality.name / ".locks" / f"{self.chapter.slug}.lock"

    @property
    def names(self) -> dict[str, Path]:
        return {
            "video": self.video,
            "srt": self.path(".srt"),
            "vtt": self.path(".vtt"),
            "chapters_vtt": self.path(".chapters.vtt"),
            "description": self.path(".description.txt"),
            "transcript": self.path(".transcript.md"),
            "moments": self.path(".transcript.json"),
            "poster": self.path(".poster.png"),
            "player": self.folder / "index.html",
            "qc": self.folder / "qc.json",
        }

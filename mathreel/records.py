"""The record a scene render leaves beside its files: the input key it was made from and the size
and digest of every file, so a file is reused only after it is checked, never on its name alone."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from mathreel.files import sha256_file, write_text_atomic
from mathreel.paths import shown

#: Bumped when the record's shape changes; an older record makes its scene stale.
SCHEMA = 2


@dataclass(frozen=True)
class FileDigest:
    """One published file as it was when the render finished."""

    name: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class SceneRecord:
    """A published scene render: what it was made from, its video's frame count and its files."""

    inputs: str
    frames: int
    fps: int
    files: dict[str, FileDigest]

    @property
    def seconds(self) -> float:
        """The video's length on its own clock: whole frames at ``fps``."""
        return self.frames / self.fps


def digest(path: Path) -> FileDigest:
    return FileDigest(path.name, path.stat().st_size, sha256_file(path))


def write_record(key: Path, inputs: str, frames: int, fps: int, files: dict[str, Path]) -> None:
    """Record the render (after every file is in place: the record is written last)."""
    record = SceneRecord(inputs, frames, fps, {role: digest(p) for role, p in files.items()})
    write_text_atomic(key, json.dumps({"schema": SCHEMA, **asdict(record)}, indent=1) + "\n")


def read_record(key: Path) -> SceneRecord | None:
    """The record at ``key``; None when there is none, or it is unreadable or of an older shape."""
    try:
        data = json.loads(key.read_text(encoding="utf-8"))
        if data.get("schema") != SCHEMA:
            return None
        return SceneRecord(
            data["inputs"],
            int(data["frames"]),
            int(data["fps"]),
            {role: FileDigest(**f) for role, f in data["files"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


@dataclass(frozen=True)
class Verdict:
    """Whether a recorded render may be reused: its record, or why not (``damaged`` when a file
    or the record itself is missing, unreadable or changed since the render, as opposed to new
    inputs)."""

    record: SceneRecord | None
    reason: str | None = None
    damaged: bool = False


def check(key: Path, inputs: str, files: dict[str, Path]) -> Verdict:
    """Whether the render recorded at ``key`` may be reused for ``inputs``: only when every file
    is present with its recorded size and digest."""
    if not key.exists():
        return Verdict(None, "not rendered yet")
    record = read_record(key)
    if record is None:
        return Verdict(
            None, f"its record {shown(key)} is unreadable or from an older version", True
        )
    if record.inputs != inputs:
        return Verdict(None, "its inputs changed")
    if set(record.files) != set(files):
        return Verdict(None, f"its record {shown(key)} lists other files", True)
    for role, path in files.items():
        want = record.files[role]
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return Verdict(None, f"{shown(path)} is missing", True)
        if size != want.bytes:
            return Verdict(
                None, f"{shown(path)} is damaged ({size} bytes, {want.bytes} recorded)", True
            )
        if sha256_file(path) != want.sha256:
            return Verdict(
                None, f"{shown(path)} is damaged (its digest differs from the record)", True
            )
    return Verdict(record)

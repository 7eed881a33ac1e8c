"""What a scene module's source says, read without importing Manim: its scene class and beat ids."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from mathreel.errors import UserError

BASE_CLASS = "NarratedScene"


@dataclass(frozen=True)
class BeatUse:
    """A ``self.beat("id")`` call in a scene's code."""

    id: str
    line: int


@dataclass(frozen=True)
class SceneSource:
    """A scene module's main class and the beats its ``construct`` narrates, in code order."""

    path: Path
    class_name: str
    beats: tuple[BeatUse, ...]


def read_scene_source(path: Path) -> SceneSource:
    """Find the one NarratedScene subclass in ``path`` and every ``self.beat(...)`` it calls."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except FileNotFoundError:
        raise UserError(f"{path}: scene module not found") from None
    except SyntaxError as err:
        raise UserError(f"{path}:{err.lineno}: syntax error: {err.msg}") from None
    classes = [
        node
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and any(isinstance(b, ast.Name) and b.id == BASE_CLASS for b in node.bases)
    ]
    if len(classes) != 1:
        raise UserError(f"{path}: expected exactly one {BASE_CLASS} subclass, found {len(classes)}")
    beats: list[BeatUse] = []
    for node in ast.walk(classes[0]):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "beat"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "self"
        ):
            arg = node.args[0] if node.args else None
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                raise UserError(
                    f"{path}:{node.lineno}: self.beat() takes the beat id as a string literal"
                )
            beats.append(BeatUse(arg.value, node.lineno))
    beats.sort(key=lambda b: b.line)
    return SceneSource(path, classes[0].name, tuple(beats))


def check_beats(source: SceneSource, narration_ids: tuple[str, ...], narration_path: Path) -> None:
    """Code and narration must name the same beats, once each, in the same order."""
    used = [b.id for b in source.beats]
    for use in source.beats:
        if use.id not in narration_ids:
            raise UserError(
                f"{source.path}:{use.line}: beat '{use.id}' is not in {narration_path} "
                f"(its beats: {', '.join(narration_ids)})"
            )
        if used.count(use.id) > 1:
            raise UserError(f"{source.path}:{use.line}: beat '{use.id}' is narrated twice")
    for beat_id in narration_ids:
        if beat_id not in used:
            raise UserError(
                f"{narration_path}: beat '{beat_id}' is never used by {source.class_name}"
            )
    if used != list(narration_ids):
        raise UserError(
            f"{source.path}: beats run in the order {', '.join(used)} but {narration_path} "
            f"lists {', '.join(narration_ids)}"
        )

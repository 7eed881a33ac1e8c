"""Input keys: the digests that decide whether a render is reused. A key covers every file
that shapes its output, found from the imports (never a hand-kept list that can fall behind)."""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from mathreel.errors import UserError
from mathreel.manifest import SceneEntry
from mathreel.narration.synthesis import NarrationPlan
from mathreel.paths import ROOT, shown
from mathreel.quality import Quality

#: The worker's module (it draws the frames) and the client's finishing step (it adds the sound):
#: they and every project module they import shape a rendered scene file.
WORKER = ROOT / "mathreel" / "render" / "worker.py"
FINISH = ROOT / "mathreel" / "render" / "finish.py"


def _parse(path: Path) -> ast.Module:
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as err:
        raise UserError(f"{shown(path)}:{err.lineno}: syntax error: {err.msg}") from None
    except UnicodeDecodeError as err:
        raise UserError(f"{shown(path)}: not UTF-8 text ({err.reason})") from None


def module_closure(path: Path) -> list[Path]:
    """``path`` and every project module (scenes/, mathreel/) it imports, directly or not."""
    seen: set[Path] = set()
    todo = [path.resolve()]
    while todo:
        current = todo.pop()
        if current in seen or not current.exists():
            continue
        seen.add(current)
        for node in ast.walk(_parse(current)):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.split(".")[0] in ("scenes", "mathreel"):
                    candidate = ROOT.joinpath(*name.split("."))
                    for option in (candidate.with_suffix(".py"), candidate / "__init__.py"):
                        if option.exists():
                            todo.append(option.resolve())
    return sorted(seen)


def drawing_closure(path: Path) -> list[Path]:
    """The code and settings that shape a scene's frames: the scene module and the project modules
    it imports, the render worker and the modules it imports, and manim.cfg."""
    return sorted(set(module_closure(path)) | set(module_closure(WORKER)) | {ROOT / "manim.cfg"})


def source_closure(path: Path) -> list[Path]:
    """All the code and settings that shape a scene's file: what draws its frames, and the
    finishing step (narration track, loudness, mux) and the modules it imports."""
    return sorted(set(drawing_closure(path)) | set(module_closure(FINISH)))


def digest_sources(digest, paths: Sequence[Path]) -> None:
    """Feed each file's project-relative name and bytes to ``digest`` (the same on any checkout)."""
    for path in paths:
        digest.update(
            str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name).encode()
        )
        digest.update(path.read_bytes())


def code_key(scene_path: Path, quality: Quality) -> str:
    """Hash of what draws a scene's frames (its code and the code it uses, the render worker), the
    quality, the encoder and Manim: the part of its key that every beat segment's key shares. An
    audio change leaves it, and so every kept segment, as it was."""
    digest = hashlib.sha256()
    digest_sources(digest, drawing_closure(scene_path))
    digest.update(json.dumps([quality.name, quality.encoder_options(), version("manim")]).encode())
    return digest.hexdigest()


def scene_key(entry: SceneEntry, plan: NarrationPlan, quality: Quality) -> str:
    """Hash of every input of a scene render: its code key, the finishing code, and its narration
    (text, voice and timing)."""
    digest = hashlib.sha256(code_key(entry.path, quality).encode())
    digest_sources(digest, source_closure(entry.path))
    digest.update(plan.to_json().encode())
    return digest.hexdigest()

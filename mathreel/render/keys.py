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
LOADER = ROOT / "mathreel" / "render" / "loader.py"
FINISH = ROOT / "mathreel" / "render" / "finish.py"


def _parse(path: Path) -> ast.Module:
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as err:
        raise UserError(f"{shown(path)}:{err.lineno}: syntax error: {err.msg}") from None
    except UnicodeDecodeError as err:
        raise UserError(f"{shown(path)}: not UTF-8 text ({err.reason})") from None


def _imported_names(tree: ast.Module) -> list[str]:
    """Module names ``tree`` imports: import statements anywhere in it, and
    ``importlib.import_module`` / ``__import__`` called with a literal name."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.append(node.args[0].value)
    return names


def module_closure(path: Path) -> list[Path]:
    """``path`` and every project module (scenes/, mathreel/) it imports, directly or not, with
    the ``__init__.py`` of every package on the way (Python runs them on import)."""
    seen: set[Path] = set()
    todo = [path.resolve()]
    while todo:
        current = todo.pop()
        if current in seen or not current.exists():
            continue
        seen.add(current)
        for package in current.parents:
            if not package.is_relative_to(ROOT) or package == ROOT:
                break
            if (package / "__init__.py").exists():
                todo.append((package / "__init__.py").resolve())
        for name in _imported_names(_parse(current)):
            parts = name.split(".")
            if parts[0] not in ("scenes", "mathreel"):
                continue
            for depth in range(1, len(parts) + 1):
                candidate = ROOT.joinpath(*parts[:depth])
                for option in (candidate / "__init__.py", candidate.with_suffix(".py")):
                    if option.exists():
                        todo.append(option.resolve())
    return sorted(seen)


def drawing_closure(path: Path) -> list[Path]:
    """The code and settings that shape a scene's frames: the scene module and the project modules
    it imports, the worker's loader (its entry) and the modules it imports, and manim.cfg."""
    code = set(module_closure(path)) | set(module_closure(LOADER))
    return sorted(code | {(ROOT / "manim.cfg").resolve()})


def source_closure(path: Path) -> list[Path]:
    """All the code and settings that shape a scene's file: what draws its frames, and the
    finishing step (narration track, loudness, mux) and the modules it imports."""
    return sorted(set(drawing_closure(path)) | set(module_closure(FINISH)))


def key_name(path: Path) -> str:
    """A file as keys name it: relative to the project (the same on any checkout)."""
    path = Path(path).resolve()
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name)


def digest_sources(digest, paths: Sequence[Path]) -> None:
    """Feed each file's project-relative name and bytes to ``digest`` (the same on any checkout)."""
    for path in paths:
        digest.update(key_name(path).encode())
        digest.update(path.read_bytes())


def code_files(scene_path: Path) -> dict[str, str]:
    """The SHA-256 of each file that draws a scene's frames (see :func:`drawing_closure`), by
    :func:`key_name`: what the render worker checks the code it loaded against."""
    return {
        key_name(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in drawing_closure(scene_path)
    }


def code_key(files: dict[str, str], quality: Quality) -> str:
    """Hash of what draws a scene's frames (``files``, from :func:`code_files`), the quality, the
    encoder and Manim: the part of its key that every beat segment's key shares. An audio change
    leaves it, and so every kept segment, as it was."""
    digest = hashlib.sha256(json.dumps(sorted(files.items())).encode())
    digest.update(json.dumps([quality.name, quality.encoder_options(), version("manim")]).encode())
    return digest.hexdigest()


def scene_key(entry: SceneEntry, plan: NarrationPlan, quality: Quality) -> str:
    """Hash of every input of a scene render: its code key, the finishing code, and its narration
    (text, voice and timing)."""
    digest = hashlib.sha256(code_key(code_files(entry.path), quality).encode())
    digest_sources(digest, source_closure(entry.path))
    digest.update(plan.to_json().encode())
    return digest.hexdigest()

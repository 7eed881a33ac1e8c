"""Input keys: the digests that decide whether a render is reused. A key covers every file
that shapes its output, found from the imports (never a hand-kept list that can fall behind)."""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from mathreel import __version__
from mathreel.errors import UserError
from mathreel.manifest import SceneEntry
from mathreel.narration.synthesis import NarrationPlan
from mathreel.paths import LIBRARY, project_root, shown
from mathreel.quality import Quality

#: The worker's module (it draws the frames) and the client's finishing step (it adds the sound):
#: they and every module they import shape a rendered scene file. The worker is started through its
#: loader (see :mod:`mathreel.render.drawing.loader`), which runs it.
LOADER = LIBRARY / "render" / "drawing" / "loader.py"
WORKER = LIBRARY / "render" / "drawing" / "worker.py"
FINISH = LIBRARY / "render" / "finishing" / "finish.py"


#: Each file's import statements and calls, by its path and text: one render computes a scene's
#: closure several times (the code key, the scene key, the finishing step), and parsing is most
#: of its cost. Keyed by the text read now, so an edited file is parsed again.
_IMPORT_NODES: dict[tuple[Path, str], list[ast.AST]] = {}


def _import_nodes(path: Path) -> list[ast.AST]:
    """The nodes of ``path`` that may import: ``import``, ``from … import`` and calls."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise UserError(f"{shown(path)}: not UTF-8 text ({err.reason})") from None
    found = _IMPORT_NODES.get((path, text))
    if found is None:
        try:
            tree = ast.parse(text, filename=str(path))
        except SyntaxError as err:
            raise UserError(f"{shown(path)}:{err.lineno}: syntax error: {err.msg}") from None
        kinds = (ast.Import, ast.ImportFrom, ast.Call)
        found = [node for node in ast.walk(tree) if isinstance(node, kinds)]
        _IMPORT_NODES[(path, text)] = found
    return found


def _base(top: str) -> Path | None:
    """Where modules named ``top.…`` live when they are code a key covers: the library wherever it
    is installed, or the project's root (scenes/, or any module or package beside it). A folder
    without ``__init__.py`` (say ``sympy/`` holding data) is not one: an installed package of that
    name wins the import."""
    if top == "mathreel":
        return LIBRARY.parent
    root = project_root()
    if top == "scenes" or (root / top / "__init__.py").is_file() or (root / f"{top}.py").is_file():
        return root
    return None


def _module_file(base: Path, parts: list[str]) -> Path | None:
    candidate = base.joinpath(*parts)
    for option in (candidate.with_suffix(".py"), candidate / "__init__.py"):
        if option.is_file():
            return option.resolve()
    return None


def _literal_import(node: ast.Call) -> str | None:
    """The module a call ``importlib.import_module("name")`` or ``__import__("name")`` imports."""
    called = getattr(node.func, "attr", getattr(node.func, "id", ""))
    if called not in ("import_module", "__import__") or not node.args:
        return None
    first = node.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def _packages(current: Path) -> list[Path]:
    """The ``__init__.py`` of each package around ``current`` (Python runs them on import)."""
    found = []
    for folder in current.parents:
        if folder in (LIBRARY.parent, project_root()) or not (folder / "__init__.py").is_file():
            break
        found.append((folder / "__init__.py").resolve())
    return found


def _imported(current: Path, node: ast.AST) -> list[tuple[Path, list[str], bool]]:
    """What ``node`` imports, as (base folder, dotted parts, must exist): a module must, an
    imported name (``from m import name``) may be an attribute instead of a module."""
    if isinstance(node, ast.Call):  # importlib.import_module("name") or __import__("name")
        name = _literal_import(node)
        if name and (found := _base(name.split(".")[0])):
            return [(found, name.split("."), True)]
        return []
    if isinstance(node, ast.Import):
        return [
            (b, a.name.split("."), True) for a in node.names if (b := _base(a.name.split(".")[0]))
        ]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:  # relative: from the importing file's package, ``level`` folders up
        base = current.parents[node.level - 1]
        module = node.module.split(".") if node.module else []
    elif node.module and (found := _base(node.module.split(".")[0])):
        base, module = found, node.module.split(".")
    else:
        return []
    found = [(base, module, True)] if module else [(base, ["__init__"], False)]
    if module == ["mathreel"] and not node.level:
        # The public names load their module on first use (mathreel.__getattr__, a computed
        # import no parse can follow): the table says which.
        from mathreel import _PUBLIC

        found += [(base, _PUBLIC[a.name].split("."), True) for a in node.names if a.name in _PUBLIC]
    return found + [(base, [*module, a.name], False) for a in node.names]


def module_closure(path: Path) -> list[Path]:
    """``path`` and every library or project module it imports, directly or not (relative imports
    too). An import of a library or project module that has no file is a one-line error, never
    skipped: a key that cannot see a file would reuse a render made without it. The ``__init__.py``
    of each package on the way and ``importlib.import_module("literal")`` count too."""
    if not Path(path).is_file():
        raise UserError(f"{shown(path)}: no such file")
    seen: set[Path] = set()
    todo = [Path(path).resolve()]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo += _packages(current)
        for node in _import_nodes(current):
            for base, parts, required in _imported(current, node):
                found = _module_file(base, parts)
                if found is not None:
                    todo.append(found)
                elif required:
                    raise UserError(
                        f"{shown(current)}:{node.lineno}: imports {'.'.join(parts) or '.'}, "
                        f"which has no file under {shown(base)}"
                    )
    return sorted(seen)


def drawing_closure(path: Path) -> list[Path]:
    """The code and settings that shape a scene's frames: the scene module and the modules it
    imports, the render worker (through its loader) and the modules it imports, and the project's
    manim.cfg."""
    code = set(module_closure(path)) | set(module_closure(LOADER)) | set(module_closure(WORKER))
    return sorted(code | {project_root() / "manim.cfg"})


def source_closure(path: Path) -> list[Path]:
    """All the code and settings that shape a scene's file: what draws its frames, and the
    finishing step (narration track, loudness, mux) and the modules it imports."""
    return sorted(set(drawing_closure(path)) | set(module_closure(FINISH)))


def key_name(path: Path) -> str:
    """A file's name in a key: relative to the library's folder or the project, so the same on
    any machine and in any installation."""
    path = Path(path).resolve()
    for base in (LIBRARY.parent, project_root()):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.name


def digest_sources(digest, paths: Sequence[Path]) -> None:
    """Feed each file's portable name and bytes to ``digest``; a file that is absent (a project
    without manim.cfg) counts as absent, so adding it changes the key."""
    for path in paths:
        digest.update(key_name(path).encode())
        digest.update(path.read_bytes() if path.exists() else b"\0absent")


def code_files(scene_path: Path) -> dict[str, str]:
    """The SHA-256 of each file that draws a scene's frames (see :func:`drawing_closure`; an absent
    manim.cfg is "absent"), by :func:`key_name`: what the worker checks the code it loads against."""
    return {
        key_name(p): hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "absent"
        for p in drawing_closure(scene_path)
    }


def code_key(files: dict[str, str], quality: Quality) -> str:
    """Hash of what draws a scene's frames (``files``, from :func:`code_files`), the quality, the
    encoder, Manim's and mathreel's versions: the part of its key that every beat segment's key
    shares. An audio change leaves it, and so every kept segment, as it was."""
    digest = hashlib.sha256(json.dumps(sorted(files.items())).encode())
    digest.update(
        json.dumps(
            [quality.name, quality.encoder_options(), version("manim"), __version__]
        ).encode()
    )
    return digest.hexdigest()


def scene_key(entry: SceneEntry, plan: NarrationPlan, quality: Quality) -> str:
    """Hash of every input of a scene render: its code key, the finishing code, and its narration
    (text, voice and timing)."""
    digest = hashlib.sha256(code_key(code_files(entry.path), quality).encode())
    digest_sources(digest, source_closure(entry.path))
    digest.update(plan.to_json().encode())
    return digest.hexdigest()

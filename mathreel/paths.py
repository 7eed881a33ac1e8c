"""Where the project is (the folder the user works in, never the package's location), where its
inputs live and where rendered media and caches go."""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path

from mathreel.errors import UserError

#: The installed library: the folder holding this package (site-packages, or a checkout).
LIBRARY = Path(__file__).resolve().parent

_chosen: Path | None = None


def _has_table(pyproject: Path) -> bool:
    """Whether ``pyproject`` exists and has a ``[tool.mathreel]`` table (a broken one is an error)."""
    if not pyproject.is_file():
        return False
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise UserError(f"{pyproject}: not valid TOML ({err})") from None
    return isinstance(data.get("tool", {}).get("mathreel"), dict)


def is_project(folder: Path) -> bool:
    """A project holds ``scenes/manifest.py`` or a ``pyproject.toml`` with ``[tool.mathreel]``."""
    return (folder / "scenes" / "manifest.py").is_file() or _has_table(folder / "pyproject.toml")


@functools.lru_cache(maxsize=8)
def _discover(start: Path) -> Path:
    for folder in (start, *start.parents):
        if is_project(folder):
            return folder
    raise UserError(
        f"no mathreel project in {start} or any folder above it (a project holds "
        "scenes/manifest.py or a pyproject.toml with a [tool.mathreel] table): "
        "start one with `mathreel new DIR`, or pass --project DIR"
    )


def use_project(folder: Path | None) -> Path | None:
    """Make ``folder`` (``--project DIR``) the project for the rest of this process; None: the
    project is found from the working folder again."""
    global _chosen
    if folder is None:
        _chosen = None
        return None
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise UserError(f"--project {folder}: no such folder")
    if not is_project(folder):
        raise UserError(
            f"--project {folder}: not a mathreel project (no scenes/manifest.py, no "
            "pyproject.toml with a [tool.mathreel] table)"
        )
    _chosen = folder
    return folder


def project_root() -> Path:
    """The project: the one ``--project`` chose, else the nearest folder upward from the working
    folder that is one (render workers run in the project root, so they find the same)."""
    return _chosen or _discover(Path.cwd().resolve())


def settings() -> dict:
    """The project's ``[tool.mathreel]`` table (empty when it has none)."""
    pyproject = project_root() / "pyproject.toml"
    if not _has_table(pyproject):
        return {}
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["mathreel"]


def scenes_dir() -> Path:
    return project_root() / "scenes"


def narration_dir() -> Path:
    return project_root() / "narration"


def output_dir() -> Path:
    """Rendered deliverables (``MATHREEL_OUTPUT`` overrides, for tests)."""
    return Path(os.environ.get("MATHREEL_OUTPUT", project_root() / "output"))


def cache_dir() -> Path:
    """Synthesized audio, Manim's working media and render records (``MATHREEL_CACHE`` overrides)."""
    return Path(os.environ.get("MATHREEL_CACHE", project_root() / ".cache"))


def shown(path: Path) -> str:
    """``path`` as messages show it: relative to the project when inside it."""
    path = Path(path)
    try:
        root = project_root()
    except UserError:
        return str(path)
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)

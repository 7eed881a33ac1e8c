"""Where the project's inputs live and where rendered media and caches go."""

from __future__ import annotations

import os
from pathlib import Path

#: The project root: the folder holding render.py, scenes/ and narration/.
ROOT = Path(__file__).resolve().parent.parent
SCENES_DIR = ROOT / "scenes"
NARRATION_DIR = ROOT / "narration"


def output_dir() -> Path:
    """Rendered deliverables (``MATHREEL_OUTPUT`` overrides, for tests)."""
    return Path(os.environ.get("MATHREEL_OUTPUT", ROOT / "output"))


def cache_dir() -> Path:
    """Synthesized audio, Manim's working media and render records (``MATHREEL_CACHE`` overrides)."""
    return Path(os.environ.get("MATHREEL_CACHE", ROOT / ".cache"))


def shown(path: Path) -> str:
    """``path`` as messages show it: relative to the project when inside it."""
    path = Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)

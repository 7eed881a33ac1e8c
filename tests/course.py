"""This repository's course, the project the tests of its scenes and narration read."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENES_DIR = ROOT / "scenes"
NARRATION_DIR = ROOT / "narration"

"""What the worker's hashing loader counts as the project's and the library's code."""

from __future__ import annotations

from pathlib import Path

import numpy

import mathreel
from mathreel.render.drawing.loader import HashingFinder


def test_installed_packages_inside_the_project_folder_are_not_project_code(tmp_path):
    # A virtual environment in the project's folder (./run.sh makes .venv there): everything
    # installed lies under the project root, yet only the project's own modules are its code.
    finder = HashingFinder(Path("/"), None)
    assert not finder.covers(numpy.__file__)
    assert finder.covers(str(tmp_path / "scenes" / "scene.py"))


def test_the_library_is_covered_wherever_it_is_installed():
    library = Path(mathreel.__file__).parent
    assert HashingFinder(Path("/nonexistent"), library).covers(
        str(library / "render" / "drawing" / "scene.py")
    )
    assert not HashingFinder(Path("/nonexistent"), None).covers(
        str(library / "render" / "drawing" / "scene.py")
    )

"""Keys in a creator's project: the library is covered wherever it is installed (and by its
version), the project's modules from the project root (relative imports too), and an import that
has no file is an error rather than a file the key silently cannot see."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mathreel import paths
from mathreel.errors import UserError
from mathreel.quality import get_quality
from mathreel.render.runs import keys
from mathreel.scaffold import new_project

SCENE = "scenes/hello_slope.py"


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """A project in its own folder and the library copied to a site-packages of its own."""
    site = tmp_path / "site-packages"
    shutil.copytree(paths.LIBRARY, site / "mathreel", ignore=shutil.ignore_patterns("__pycache__"))
    library = site / "mathreel"
    monkeypatch.setattr(keys, "LIBRARY", library)
    monkeypatch.setattr(keys, "LOADER", library / "render" / "drawing" / "loader.py")
    monkeypatch.setattr(keys, "WORKER", library / "render" / "drawing" / "worker.py")
    monkeypatch.setattr(keys, "FINISH", library / "render" / "finishing" / "finish.py")
    project = tmp_path / "course"
    new_project(project)
    monkeypatch.chdir(project)
    paths.use_project(None)
    return project, library


def key(project: Path) -> str:
    return keys.code_key(keys.code_files(project / SCENE), get_quality("l"))


def names(project: Path) -> set[str]:
    return {keys.key_name(p) for p in keys.source_closure(project / SCENE)}


def test_closure_names_library_files_by_package_path_and_project_files_by_root(installed):
    project, library = installed
    closure = keys.source_closure(project / SCENE)
    assert any(p.is_relative_to(library) for p in closure)
    assert not any(p.is_relative_to(paths.LIBRARY) for p in closure), "the checkout's library"
    assert {
        "scenes/hello_slope.py",
        "scenes/hello_slope_figures.py",
        "mathreel/render/drawing/worker.py",
        "mathreel/render/finishing/finish.py",
        "manim.cfg",
    } <= names(project)


def test_editing_an_installed_library_module_moves_the_key(installed):
    project, library = installed
    before = key(project)
    assert key(project) == before
    worker_import = library / "render" / "video.py"
    assert worker_import in keys.drawing_closure(project / SCENE)
    worker_import.write_text(worker_import.read_text() + "\n# edited in site-packages\n")
    assert key(project) != before


def test_a_new_mathreel_version_moves_the_key(installed, monkeypatch):
    project, _ = installed
    before = key(project)
    monkeypatch.setattr(keys, "__version__", "0.1.1")
    assert key(project) != before


def test_a_relative_import_in_the_project_is_followed(installed):
    project, _ = installed
    (project / "scenes" / "colors.py").write_text('CURVE = "#56B4E9"\n')
    scene = project / SCENE
    scene.write_text(
        scene.read_text().replace(
            "from manim import *", "from manim import *\n\nfrom .colors import CURVE"
        )
    )
    before = key(project)
    assert "scenes/colors.py" in names(project)
    (project / "scenes" / "colors.py").write_text('CURVE = "#E69F00"\n')
    assert key(project) != before


def test_a_project_module_beside_scenes_is_followed(installed):
    project, _ = installed
    (project / "helpers.py").write_text("RADIUS = 1\n")
    scene = project / SCENE
    scene.write_text(
        scene.read_text().replace("from manim import *", "from manim import *\n\nimport helpers")
    )
    assert "helpers.py" in names(project)


def test_a_data_folder_named_like_an_installed_package_is_not_project_code(installed):
    project, _ = installed
    (project / "sympy").mkdir()  # data, no __init__.py: `import sympy` finds the installed one
    (project / "sympy" / "notes.txt").write_text("not code")
    assert not any(n.startswith("sympy") for n in names(project))


def test_an_import_with_no_file_is_named_not_skipped(installed):
    project, _ = installed
    scene = project / SCENE
    text = scene.read_text()
    scene.write_text(text.replace("from scenes.hello_slope_figures", "from scenes.gone_figures"))
    line = 1 + text.splitlines().index(
        next(x for x in text.splitlines() if x.startswith("from scenes.hello_slope_figures"))
    )
    with pytest.raises(UserError, match=rf"hello_slope.py:{line}: imports scenes.gone_figures"):
        key(project)


def test_a_missing_manim_cfg_counts_as_absent_and_adding_it_moves_the_key(installed):
    project, _ = installed
    (project / "manim.cfg").unlink()
    without = key(project)
    (project / "manim.cfg").write_text("[CLI]\n")
    assert key(project) != without

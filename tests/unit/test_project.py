"""The project is where the user is: found upward from the working folder (or given by --project),
never at the package's location; content, output/ and .cache/ live there."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mathreel import paths
from mathreel.cli import cli
from mathreel.errors import UserError
from mathreel.scaffold import new_project


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch):
    for name in ("MATHREEL_OUTPUT", "MATHREEL_CACHE", "MATHREEL_PROJECT"):
        monkeypatch.delenv(name, raising=False)
    paths.use_project(None)
    yield
    paths.use_project(None)


def test_found_from_a_subfolder_by_its_pyproject_table(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.mathreel]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert paths.project_root() == tmp_path.resolve()
    assert paths.output_dir() == tmp_path.resolve() / "output"
    assert paths.cache_dir() == tmp_path.resolve() / ".cache"
    assert paths.narration_dir() == tmp_path.resolve() / "narration"


def test_the_nearest_project_wins_and_a_pyproject_without_the_table_is_not_one(
    tmp_path, monkeypatch
):
    (tmp_path / "pyproject.toml").write_text("[tool.mathreel]\nstrict = true\n")
    inner = tmp_path / "inner"
    (inner / "scenes").mkdir(parents=True)
    (inner / "scenes" / "manifest.py").write_text("CHAPTERS = []\n")
    other = tmp_path / "other"
    other.mkdir()
    (other / "pyproject.toml").write_text('[project]\nname = "other"\n')
    monkeypatch.chdir(inner / "scenes")
    assert paths.project_root() == inner.resolve()
    assert paths.settings() == {}
    monkeypatch.chdir(other)
    assert paths.project_root() == tmp_path.resolve()
    assert paths.settings() == {"strict": True}


def test_no_project_is_one_line_naming_the_way_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if paths.is_project(Path("/")) or any(paths.is_project(p) for p in tmp_path.parents):
        pytest.skip("a folder above the temporary folder is a project")
    with pytest.raises(UserError, match="no mathreel project in .*mathreel new DIR.*--project"):
        paths.project_root()


def test_a_broken_pyproject_on_the_way_up_names_the_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.mathreel\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UserError, match=r"pyproject.toml: not valid TOML .*line 1"):
        paths.project_root()


def test_the_package_location_is_never_the_project(tmp_path, monkeypatch):
    """Run from a folder holding a project, the library's own checkout is not used."""
    new_project(tmp_path / "course")
    monkeypatch.chdir(tmp_path / "course" / "narration")
    assert paths.project_root() == (tmp_path / "course").resolve()
    assert paths.project_root() != paths.LIBRARY.parent


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def one_line(result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output, result.output
    for fragment in fragments:
        assert fragment in result.output, result.output


def test_project_option_lists_that_project_from_anywhere(tmp_path, monkeypatch):
    import sys

    for name in [m for m in sys.modules if m == "scenes" or m.startswith("scenes.")]:
        monkeypatch.delitem(sys.modules, name)  # this course's, imported by other tests
    monkeypatch.setattr(sys, "path", list(sys.path))
    new_project(tmp_path / "course")
    monkeypatch.chdir(tmp_path)
    result = run("--project", str(tmp_path / "course"), "list")
    assert result.exit_code == 0, result.output
    assert "hello_slope — Hello, Slope" in result.output


def test_a_scenes_package_from_elsewhere_is_named_not_used(tmp_path, monkeypatch):
    """In one process the repository's scenes package is already imported: a second project's
    manifest is refused in one line, never this course's chapters listed as the project's."""
    import scenes.manifest  # noqa: F401  (this course's)

    new_project(tmp_path / "course")
    result = run("--project", str(tmp_path / "course"), "list")
    one_line(result, 2, "a package named scenes shadows the project's")


def test_project_option_that_is_not_a_project_is_one_line(tmp_path):
    one_line(run("--project", str(tmp_path), "list"), 2, "not a mathreel project", str(tmp_path))
    one_line(run("--project", str(tmp_path / "nowhere"), "list"), 2, "no such folder")


def test_a_project_without_its_manifest_is_one_line(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.mathreel]\n")
    monkeypatch.chdir(tmp_path)
    one_line(run("list"), 2, "scenes/manifest.py: no such file")


def test_new_refuses_a_folder_with_files_in_it(tmp_path):
    (tmp_path / "kept.txt").write_text("mine")
    one_line(run("new", str(tmp_path)), 2, "already exists and is not an empty folder")
    assert [p.name for p in tmp_path.iterdir()] == ["kept.txt"]


def test_strict_comes_from_the_option_or_the_project_table(tmp_path, monkeypatch):
    import click

    from mathreel.cli import strict_markers

    new_project(tmp_path / "course")
    pyproject = tmp_path / "course" / "pyproject.toml"
    monkeypatch.chdir(tmp_path / "course")
    for flag, table, expected in (
        (False, "strict = false", False),
        (True, "strict = false", True),
        (False, "strict = true", True),
    ):
        pyproject.write_text(
            pyproject.read_text().replace("strict = true", table).replace("strict = false", table)
        )
        with click.Context(cli) as ctx:
            ctx.params["strict"] = flag
            assert strict_markers(ctx) is expected, (flag, table)


def test_this_course_is_strict():
    assert paths._has_table(paths.LIBRARY.parent / "pyproject.toml")
    import tomllib

    table = tomllib.loads((paths.LIBRARY.parent / "pyproject.toml").read_text())["tool"]
    assert table["mathreel"]["strict"] is True

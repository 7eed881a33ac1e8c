"""The library's folders follow the data: narration → render → assemble → check. A stage imports
only the stages before it (and the shared modules at the top), and no library module imports the
content's modules under scenes/ (the CLI hands the manifest in)."""

from __future__ import annotations

import ast

import pytest

from tests.course import ROOT

STAGES = ("narration", "render", "assemble", "check")
#: Top-level modules that run the stages (the CLI's operations), allowed to import any stage.
OPERATIONS = {"cli", "commands", "doctor"}


def imports(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


MODULES = sorted((ROOT / "mathreel").rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_module_imports_only_earlier_stages_and_never_the_content(path):
    parts = path.relative_to(ROOT / "mathreel").parts
    stage = STAGES.index(parts[0]) if parts[0] in STAGES else None
    for name in imports(path):
        top = name.split(".")
        assert top[0] != "scenes", f"{path.name} imports the content module {name}"
        if top[0] != "mathreel" or len(top) < 2:
            continue
        if top[1] in STAGES:
            if stage is None:
                assert path.stem in OPERATIONS, f"shared module {path.name} imports {name}"
            else:
                assert STAGES.index(top[1]) <= stage, f"{path.name} ({parts[0]}) imports {name}"

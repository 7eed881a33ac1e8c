"""The library's folders follow the data: narration → render → assemble → check. A stage imports
only the stages before it (and the shared modules at the top), no library module imports the
content's modules under scenes/ (the CLI hands the manifest in), and no modules import each other
in a circle. Every import counts: absolute, relative, package-level (``from mathreel import X``)
and ``importlib.import_module``, at the top of a module or inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mathreel

LIBRARY = Path(mathreel.__file__).resolve().parent
STAGES = ("narration", "render", "assemble", "check")
#: Top-level modules that run the stages (the CLI's operations and the public names), allowed to
#: import any stage.
OPERATIONS = {"__init__", "cli", "commands", "doctor"}
#: Modules that load content by name at run time, which is their job: the CLI the manifest, the
#: quiz records a scene's questions, the render worker the scene it draws.
CONTENT_LOADERS = {"cli", "quiz", "worker"}


def module_name(path: Path) -> str:
    parts = path.relative_to(LIBRARY.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    base = LIBRARY.parent.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


UNREADABLE = "<an import_module whose module cannot be read>"


def _dynamic_target(node: ast.Call, own: str) -> str | None:
    """The module an ``importlib.import_module`` call names, as far as it can be read (an
    f-string's leading text, ``__name__`` as this module's name); "" when it cannot be read."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name not in ("import_module", "__import__") or not node.args:
        return None
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    text = ""
    for part in arg.values if isinstance(arg, ast.JoinedStr) else []:
        if isinstance(part, ast.Constant):
            text += part.value
        elif isinstance(part.value, ast.Name) and part.value.id == "__name__":
            text += own
        else:
            break
    return text.rsplit(".", 1)[0] if "." in text else text


def imports(path: Path, source: str | None = None) -> set[str]:
    """Every module ``path`` imports (``source`` instead of its text, to test this test)."""
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source if source is not None else path.read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                if is_module(f"{module}.{alias.name}"):
                    found.add(f"{module}.{alias.name}")
                elif module == "mathreel" and alias.name in mathreel._PUBLIC:
                    found.add(mathreel._PUBLIC[alias.name])
                else:
                    found.add(module)
        elif isinstance(node, ast.Call):
            target = _dynamic_target(node, own)
            if target is not None:
                found.add(target or UNREADABLE)
    if own == "mathreel":  # the public names, loaded on first use from the table they are read from
        found.discard(UNREADABLE)
        found.update(mathreel._PUBLIC.values())
    return found


def violations(path: Path, source: str | None = None) -> list[str]:
    """How ``path``'s imports break the layering, one phrase each."""
    parts = path.relative_to(LIBRARY).parts
    stage = STAGES.index(parts[0]) if parts[0] in STAGES else None
    found = []
    for name in sorted(imports(path, source)):
        top = name.split(".")
        if name == UNREADABLE:
            if path.stem not in CONTENT_LOADERS:
                found.append(f"{path.name}: {name}")
        elif top[0] == "scenes" and path.stem not in CONTENT_LOADERS:
            found.append(f"{path.name} imports the content module {name}")
        elif top[0] != "mathreel" or len(top) < 2 or top[1] not in STAGES:
            continue
        elif stage is None and path.stem not in OPERATIONS:
            found.append(f"shared module {path.name} imports {name}")
        elif stage is not None and STAGES.index(top[1]) > stage:
            found.append(f"{path.name} ({parts[0]}) imports {name}")
    return found


MODULES = sorted(LIBRARY.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(LIBRARY).as_posix())
def test_a_module_imports_only_earlier_stages_and_never_the_content(path):
    assert violations(path) == []


def import_graph() -> dict[str, set[str]]:
    """Each library module and the library modules it imports (the facade ``mathreel`` aside: its
    names load on first use, and every import of a submodule runs it)."""
    return {
        module_name(p): {
            n
            for n in imports(p)
            if n.startswith("mathreel.") and is_module(n) and n != module_name(p)
        }
        for p in MODULES
        if module_name(p) != "mathreel"
    }


def circles(graph: dict[str, set[str]]) -> list[str]:
    """The modules that reach themselves through their imports."""
    found = []
    for start in graph:
        todo, seen = list(graph[start]), set()
        while todo:
            current = todo.pop()
            if current == start:
                found.append(start)
                break
            if current not in seen:
                seen.add(current)
                todo.extend(graph.get(current, ()))
    return found


def test_no_modules_import_each_other_even_through_others():
    assert circles(import_graph()) == []


def test_the_circle_test_sees_each_of_the_three_old_circles():
    """Test the test: put back one side of each circle the house had (the other side is still
    there, some inside a function) and it is found."""
    for module, back in (
        ("mathreel.doctor", "mathreel.commands"),
        ("mathreel.render.runs.cluster", "mathreel.render.runs.executors"),
        ("mathreel.check.contact_sheet", "mathreel.check.keyframes"),
    ):
        graph = import_graph()
        graph[module].add(back)
        assert {module, back} <= set(circles(graph)), module


RENDER_MODULE = LIBRARY / "render" / "video.py"
NARRATION_MODULE = LIBRARY / "narration" / "timeline.py"


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        (RENDER_MODULE, "from ..assemble import chapter\n", "imports mathreel.assemble.chapter"),
        (RENDER_MODULE, "from ..check.smoke import run\n", "imports mathreel.check.smoke"),
        (NARRATION_MODULE, "from mathreel import render\n", "imports mathreel.render"),
        (
            NARRATION_MODULE,
            "from mathreel import NarratedScene\n",
            "imports mathreel.render.drawing.scene",
        ),
        (
            RENDER_MODULE,
            "import importlib\nimportlib.import_module('mathreel.assemble.chapter')\n",
            "imports mathreel.assemble.chapter",
        ),
        (
            RENDER_MODULE,
            "from importlib import import_module\ndef f(n):\n"
            "    return import_module(f'mathreel.check.{n}')\n",
            "imports mathreel.check",
        ),
        (RENDER_MODULE, "import importlib\nimportlib.import_module(name)\n", "cannot be read"),
        (LIBRARY / "files.py", "from .render import video\n", "shared module files.py imports"),
        (
            RENDER_MODULE,
            "import importlib\nimportlib.import_module('scenes.common.style')\n",
            "content",
        ),
    ],
)
def test_the_layering_test_catches_an_injected_import(path, source, expected):
    """Test the test: each way of importing a later stage is caught."""
    text = path.read_text() + "\n" + source
    assert any(expected in v for v in violations(path, text)), violations(path, text)


def test_the_layering_test_accepts_an_earlier_stage_relatively():
    text = RENDER_MODULE.read_text() + "\nfrom ..narration import timeline\nfrom . import mux\n"
    assert violations(RENDER_MODULE, text) == []

"""What makes two machines render a scene alike: the project's code and the versions of every
tool that draws, typesets or encodes, so a cluster refuses a worker that would render otherwise."""

from __future__ import annotations

import hashlib
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version

from mathreel import __version__
from mathreel.paths import LIBRARY, project_root

#: The project's code that shapes a render, relative to the project root (the library is added
#: from wherever it is installed).
CODE = ("scenes", "manim.cfg")


def _first_line(*command: str) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"unavailable ({type(err).__name__})"
    return (out.stdout or out.stderr).strip().splitlines()[0] if out.stdout or out.stderr else ""


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"


def code_files() -> dict[str, str]:
    """SHA-256 of each code file under :data:`CODE` (by project-relative path) and of the library
    (by ``mathreel/…`` path, wherever it is installed)."""
    root = project_root()
    tops = [(root, root / name) for name in CODE] + [(LIBRARY.parent, LIBRARY)]
    files = {}
    for base, top in tops:
        paths = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files[path.relative_to(base).as_posix()] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return files


def fingerprint() -> dict[str, object]:
    """This machine's fingerprint (run on each worker through ``Client.run``)."""
    import manimpango

    fonts = subprocess.run(
        ["fc-list", "--format", "%{family}|%{style}|%{fontversion}\n"],
        capture_output=True,
        text=True,
    ).stdout
    return {
        "code": code_files(),
        "mathreel": __version__,
        "python": platform.python_version(),
        "manim": _package("manim"),
        "PyAV": _package("av"),
        "TeX Live": _first_line("latex", "--version"),
        "dvisvgm": _first_line("dvisvgm", "--version"),
        "Pango": manimpango.pango_version(),
        "ManimPango": _package("manimpango"),
        "fonts": hashlib.sha256("".join(sorted(fonts.splitlines(True))).encode()).hexdigest()[:16],
    }


def differences(here: dict[str, object], there: dict[str, object]) -> list[str]:
    """How ``there`` (a worker) differs from ``here`` (this machine), one phrase per difference."""
    found = []
    mine, theirs = here.get("code", {}), there.get("code", {})
    assert isinstance(mine, dict) and isinstance(theirs, dict)
    changed = sorted(p for p in set(mine) | set(theirs) if mine.get(p) != theirs.get(p))
    if changed:
        more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        found.append(f"project code differs in {', '.join(changed[:3])}{more}")
    for key, value in here.items():
        if key == "code" or there.get(key) == value:
            continue
        if key == "fonts":
            found.append("installed fonts differ (fc-list)")
        else:
            found.append(f"{key} {there.get(key)!r} there, {value!r} here")
    return found

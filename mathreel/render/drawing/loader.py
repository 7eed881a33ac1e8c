"""Loading the project's code from its bytes, and knowing exactly what was loaded.

A render's key is computed from the files on disk before its worker starts; Python may then run
other code: a file saved between the key and the import, or a stale ``.pyc`` (a source edited
within the same second at the same size is not recompiled). So the worker starts from this file,
read and compiled from source by ``python -c`` (see :data:`BOOTSTRAP`), which installs an import
hook before any project module is imported: every module under the project's roots is compiled
from the bytes it reads (no ``.pyc`` is read or written) and the SHA-256 of those bytes is kept.
:func:`check_loaded` compares them with the digests the key was made from; a difference means
this render ran code its key does not describe, and nothing may be kept under that key.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import sys
from pathlib import Path

#: ``python -c`` code that runs this file from its source (argv: this file, then the job).
BOOTSTRAP = "import sys; p = sys.argv[1]; exec(compile(open(p, 'rb').read(), p, 'exec'))"


class _HashingLoader(importlib.machinery.SourceFileLoader):
    def __init__(self, fullname: str, path: str, ledger: dict[str, str]) -> None:
        super().__init__(fullname, path)
        self._ledger = ledger

    def get_code(self, fullname: str):
        path = self.get_filename(fullname)
        data = self.get_data(path)
        self._ledger[str(Path(path).resolve())] = hashlib.sha256(data).hexdigest()
        return compile(data, path, "exec", dont_inherit=True)


def _installed() -> tuple[str, ...]:
    """Folders of Python and installed packages (a virtual environment inside the project too)."""
    import sysconfig

    places = {sys.prefix, sys.base_prefix, sys.exec_prefix, *sysconfig.get_paths().values()}
    return tuple(_folder(p) for p in places)


def _folder(path) -> str:
    """``path`` resolved, as a prefix of the paths inside it (the root folder is ``/``)."""
    return str(Path(path).resolve()).rstrip("/") + "/"


class HashingFinder(importlib.abc.MetaPathFinder):
    """Finds modules as Python does, and loads the project's and the library's through the hashing
    loader; ``mathreel_ledger`` maps each file it loaded (resolved path) to the SHA-256 of its
    bytes. The project's are the modules under ``project`` that are not installed packages (a
    virtual environment may sit in the project's folder); the library's are those under
    ``library``, installed or not."""

    def __init__(self, project: Path, library: Path | None) -> None:
        self.project = _folder(project)
        self.library = _folder(library) if library else None
        self.installed = _installed()
        self.mathreel_ledger: dict[str, str] = {}

    def covers(self, origin: str) -> bool:
        where = str(Path(origin).resolve())
        if self.library and where.startswith(self.library):
            return True
        return where.startswith(self.project) and not where.startswith(self.installed)

    def find_spec(self, fullname, path=None, target=None):
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or not spec.has_location or not str(spec.origin).endswith(".py"):
            return None
        if not self.covers(spec.origin):
            return None
        spec.loader = _HashingLoader(fullname, spec.origin, self.mathreel_ledger)
        return spec


def _finder():
    # Found by its attribute, not its class: the bootstrap's copy of this module defines its own.
    return next((f for f in sys.meta_path if hasattr(f, "mathreel_ledger")), None)


def install(project: Path, library: Path | None = None) -> None:
    """Load the project's modules (and the library's, when ``library`` is given) through the
    hashing loader from now on (once)."""
    if _finder() is None:
        sys.meta_path.insert(0, HashingFinder(project, library))


def note_file(path: Path) -> None:
    """Add a file read as code (``manim.cfg``, read by Manim on import) to the ledger."""
    finder = _finder()
    if finder is not None and path.exists():
        finder.mathreel_ledger[str(path.resolve())] = hashlib.sha256(path.read_bytes()).hexdigest()


def loaded() -> dict[str, str]:
    """Every file loaded through the hashing loader so far: resolved path -> SHA-256."""
    finder = _finder()
    return dict(finder.mathreel_ledger) if finder is not None else {}


def check_loaded(expected: dict[str, str], name) -> None:
    """Refuse (one line naming the file) when a file this process loaded is not the file the
    render's key was made from: changed on disk since (``expected`` maps each file's ``name``,
    as the key names it, to its SHA-256), or not part of the key at all."""
    from mathreel.errors import UserError

    for path, digest in sorted(loaded().items()):
        label = name(Path(path))
        want = expected.get(label)
        if want is None:
            raise UserError(
                f"{label}: imported while rendering but not part of the scene's key (an import "
                "the key cannot see, such as importlib with a computed name): import it by name"
            )
        if want != digest:
            raise UserError(
                f"{label}: changed after this render's key was made, so the render ran other "
                "code than its key says; nothing was kept: run again"
            )


if __name__ == "__main__":
    # The worker's entry: python -c BOOTSTRAP <this file> <job.json> (cwd: the project root).
    _root = Path.cwd()
    install(_root, Path(sys.argv[1]).resolve().parents[2])
    note_file(_root / "manim.cfg")
    sys.argv = [sys.argv[1], *sys.argv[2:]]
    import runpy

    # The worker runs as the program (its module loaded through the hook, like every other).
    runpy.run_module("mathreel.render.drawing.worker", run_name="__main__", alter_sys=True)

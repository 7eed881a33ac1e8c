"""Atomic file publishing: write beside the target, then rename, so nothing is ever half-written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def temporary_sibling(path: Path) -> Path:
    """A hidden path in ``path``'s folder, same suffix, unique to this process."""
    return path.with_name(f".{path.stem}.partial-{os.getpid()}{path.suffix}")


def publish(src: Path, dst: Path) -> None:
    """Move ``src`` onto ``dst`` atomically (copying first when they are on different file systems)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(src, dst)
    except OSError:
        tmp = temporary_sibling(dst)
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
        Path(src).unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary sibling and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_sibling(path)
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)

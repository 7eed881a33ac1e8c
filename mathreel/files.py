"""Atomic file publishing: write beside the target, then rename, so nothing is ever half-written."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from pathlib import Path


def temporary_sibling(path: Path) -> Path:
    """A hidden path in ``path``'s folder, same suffix, unique to this process."""
    return path.with_name(f".{path.stem}.partial-{os.getpid()}{path.suffix}")


def publish(src: Path, dst: Path) -> None:
    """Move ``src`` onto ``dst`` atomically. Across file systems it is copied to a temporary
    sibling first, which is removed again if the copy fails (a full disk), so ``dst`` is always
    either the old file or the whole new one."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(src, dst)
        return
    except OSError as err:
        if err.errno != errno.EXDEV:
            raise
    tmp = temporary_sibling(dst)
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        # copyfile names its source when the target's disk is full; the user needs the target.
        raise OSError(err.errno, err.strerror, str(dst)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    Path(src).unlink(missing_ok=True)


def umask_mode(mode: int) -> int:
    """``mode`` as this process's umask lets a new file or folder have it (what ``open`` and
    ``mkdir`` give, unlike ``mkstemp`` and ``mkdtemp``, which are private to their owner)."""
    current = os.umask(0o022)
    os.umask(current)
    return mode & ~current


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a uniquely named temporary sibling and a rename; a failed
    write (a full disk) leaves no temporary file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically, as :func:`write_bytes_atomic`."""
    write_bytes_atomic(path, text.encode("utf-8"))


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def readable_size(count: float) -> str:
    """A byte count as people read it: ``512 bytes``, ``4.1 KB``, ``16.5 MB``, ``82.3 GB``."""
    if count < 1000:
        return f"{count:.0f} bytes"
    for unit in ("KB", "MB"):
        count /= 1000
        if count < 1000:
            return f"{count:.1f} {unit}"
    return f"{count / 1000:.1f} GB"

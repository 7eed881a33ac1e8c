"""Advisory locks per published thing (a scene or a chapter at one quality), so two runs on one
checkout never write the same files: the second refuses at once, naming the process that holds it.

``flock`` locks are released by the kernel when their process dies, so a killed run leaves none.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mathreel.errors import UserError


class Busy(UserError):
    """Another process is rendering the same thing."""


@contextmanager
def hold(path: Path, what: str) -> Iterator[None]:
    """Hold the lock at ``path`` for the block; ``what`` names the locked thing in the message."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise Busy(
                f"{what} is being rendered by process {holder}: wait for it to finish"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)

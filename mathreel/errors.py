"""The one error type that reaches a user as a single line, without a traceback."""

from __future__ import annotations

import os
from pathlib import Path


class UserError(Exception):
    """Bad input from a user (a file, an option, a missing tool): shown as one line, exit status 2."""

    exit_code = 2


class NarrationError(UserError):
    """A narration file is malformed; the message starts with ``file:line:``."""

    def __init__(self, path: object, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        super().__init__(f"{path}:{line}: {message}")


class Interrupted(UserError):
    """The user pressed Ctrl-C: every worker was stopped; shown as one line, exit status 130."""

    exit_code = 130


def interrupted(stopped: int, where: str = "") -> Interrupted:
    """Ctrl-C after ``stopped`` render processes were stopped (``where``: " on the cluster")."""
    return Interrupted(
        f"interrupted: stopped {stopped} render process{'es' if stopped != 1 else ''}{where}; "
        "nothing unfinished was published"
    )


def failure_line(err: BaseException, logs: Path | None = None) -> tuple[str, int]:
    """The one line a failed command prints, and its exit status.

    A :class:`UserError` is its own message; a disk fault (full, read-only, no access) names the
    path; Ctrl-C says nothing unfinished was published; anything else is a bug: its traceback goes
    to a log file whose path the line gives (in ``logs``, else the system's temporary folder).
    """
    import errno

    if isinstance(err, UserError):
        return str(err), err.exit_code
    if isinstance(err, KeyboardInterrupt):
        return "interrupted: nothing unfinished was published", Interrupted.exit_code
    if isinstance(err, OSError) and err.errno in _DISK_FAULTS:
        where = f"{err.filename}: " if err.filename else ""
        return f"cannot write {where}{err.strerror or errno.errorcode.get(err.errno, '')}", 1
    return (
        f"internal error: {type(err).__name__}: {err} (a bug; full log: {_log_bug(err, logs)})",
        1,
    )


#: errno values that mean the disk, not the program, failed.
_DISK_FAULTS = {28, 30, 13, 1, 122, 5}  # ENOSPC, EROFS, EACCES, EPERM, EDQUOT, EIO


def _log_bug(err: BaseException, logs: Path | None) -> str:
    import tempfile
    import time
    import traceback

    text = "".join(traceback.format_exception(err))
    for folder in [f for f in (logs, Path(tempfile.gettempdir())) if f is not None]:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"mathreel-error-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return str(path)
        except OSError:
            continue
    return "unavailable (no writable folder)"

"""The one error type that reaches a user as a single line, without a traceback."""

from __future__ import annotations

import os
from collections.abc import Sequence
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


def failure_line(
    err: BaseException, logs: Path | None = None, folders: Sequence[tuple[str, Path]] = ()
) -> tuple[str, int]:
    """The one line a failed command prints, and its exit status.

    A :class:`UserError` is its own message; a disk fault (full, read-only, no access) names the
    path; Ctrl-C says nothing unfinished was published; anything else is a bug: its traceback goes
    to a log file whose path the line gives (in ``logs``, else the system's temporary folder).
    ``folders`` (name, path) are where a disk fault that names no file is looked for.
    """
    if isinstance(err, UserError):
        return str(err), err.exit_code
    if isinstance(err, KeyboardInterrupt):
        return "interrupted: nothing unfinished was published", Interrupted.exit_code
    if (fault := disk_fault(err)) is not None:
        return disk_fault_line(fault, folders), 1
    return (
        f"internal error: {type(err).__name__}: {err} (a bug; full log: {_log_bug(err, logs)})",
        1,
    )


#: errno values that mean the disk, not the program, failed.
_DISK_FAULTS = {28, 30, 13, 1, 122, 5}  # ENOSPC, EROFS, EACCES, EPERM, EDQUOT, EIO
#: Those of them that mean a full disk (no space, over quota).
_FULL = {28, 122}


def disk_fault(err: BaseException) -> OSError | None:
    """The disk fault behind ``err``: itself, or an ``OSError`` it was raised from (``raise ...
    from``: a library can wrap a full disk in its own error, as Manim's video encoder does); None
    when there is none. An error merely raised while handling one is not the disk's fault."""
    seen: set[int] = set()
    cause: BaseException | None = err
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, OSError) and cause.errno in _DISK_FAULTS:
            return cause
        cause = cause.__cause__
    return None


def disk_fault_line(err: OSError, folders: Sequence[tuple[str, Path]] = ()) -> str:
    """``cannot write PATH: REASON``. A write to an open file fails without naming it; then the
    path named is the one of ``folders`` (name, path: the project's cache and output) whose disk
    is full or read-only."""
    import errno

    reason = err.strerror or errno.errorcode.get(err.errno or 0, "")
    if err.filename:
        return f"cannot write {err.filename}: {reason}"
    name, detail = _faulty_folder(err.errno, folders)
    return f"cannot write {name}: {reason}{detail}"


def _faulty_folder(code: int | None, folders: Sequence[tuple[str, Path]]) -> tuple[str, str]:
    """The cache or output folder a pathless disk fault most likely hit (the one with the least
    free space, or a read-only one), and for a full disk how large its disk is and what is free."""
    import shutil

    from mathreel.files import readable_size

    found = []
    for shown_as, folder in folders:
        where = Path(folder)
        while not where.exists() and where != where.parent:
            where = where.parent
        try:
            usage = shutil.disk_usage(where)
        except OSError:
            continue
        rank = usage.free if code in _FULL else int(os.access(where, os.W_OK))
        found.append((rank, shown_as, usage))
    rank, name, usage = min(found, default=(1, "(no path given)", None))
    if code not in _FULL:
        return (name, "") if rank == 0 else ("(no path given)", "")
    if usage is None:
        return name, ""
    return (
        name,
        f" (its disk holds {readable_size(usage.total)}, {readable_size(usage.free)} free now)",
    )


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

"""Starting render workers (one process per scene) and stopping every one of them at once.

A worker dies with its parent: it asks Linux for SIGKILL when the thread that started it goes
(``PR_SET_PDEATHSIG``, set inside the worker, see :mod:`mathreel.render_worker`) and it also
watches its parent's pid, because that signal is tied to the starting thread, not the process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from mathreel.errors import UserError
from mathreel.paths import ROOT

_running: set[subprocess.Popen] = set()


class RenderFailed(UserError):
    """A scene's worker failed: ``reason`` is its one line (file:line for an error in a scene),
    ``log`` the file holding its full output."""

    def __init__(self, stem: str, reason: str, log: Path) -> None:
        self.stem, self.reason, self.log = stem, reason, log
        super().__init__(f"scene '{stem}' failed to render: {reason} (full log: {log})")


_lock = threading.Lock()


#: Seconds between two calls of a render's ``stop`` check.
POLL_SECONDS = 0.5


def run_worker(job: dict, log_path: Path, stop: Callable[[], bool] | None = None) -> None:
    """Run ``python -m mathreel.render_worker`` on ``job``; a failure is one line naming the log.

    ``stop`` is called every :data:`POLL_SECONDS` while the worker runs; when it returns True the
    worker is killed (a cancelled cluster run) and the render fails as stopped by SIGKILL."""
    job = {**job, "parent_pid": os.getpid()}
    job_path = log_path.with_suffix(".job.json")
    job_path.write_text(json.dumps(job, indent=1), encoding="utf-8")
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mathreel.render_worker", str(job_path)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        with _lock:
            _running.add(proc)
        try:
            while True:
                try:
                    returncode = proc.wait(timeout=POLL_SECONDS if stop else None)
                    break
                except subprocess.TimeoutExpired:
                    if stop is not None and stop():
                        proc.kill()
        finally:
            with _lock:
                _running.discard(proc)
    _check(job, returncode, log_path)


def fork_worker(job: dict, log_path: Path, stop: Callable[[], bool] | None = None) -> None:
    """Run the render in a child forked from this process, which has imported Manim and the rest
    of the pipeline once (``--watch``): only the scene's own modules, never imported here, load
    anew in the child, so an edit is always rendered from the file as it is now."""
    job = {**job, "parent_pid": os.getpid()}
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: output to the log, then render and leave without cleanup
        code = 1
        try:
            fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            from mathreel.render_worker import run_job

            code = run_job(job)
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    _check(job, os.waitstatus_to_exitcode(status), log_path)


def _check(job: dict, returncode: int, log_path: Path) -> None:
    if returncode != 0:
        error = Path(job["error_out"])
        if error.exists():
            reason = error.read_text(encoding="utf-8").strip()
        elif returncode < 0:
            reason = f"stopped by signal {signal.Signals(-returncode).name}"
        else:
            reason = f"exit status {returncode}"
        raise RenderFailed(job["stem"], reason, log_path)


def stop_all() -> int:
    """Kill every running worker and wait for each; returns how many there were."""
    with _lock:
        procs = list(_running)
    for proc in procs:
        try:
            proc.kill()
        except ProcessLookupError:
            pass
    for proc in procs:
        proc.wait()
    return len(procs)

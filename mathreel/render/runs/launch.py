"""Starting render workers (one process per scene) and stopping every one of them at once.

A worker dies with its parent: it asks Linux for SIGKILL when the thread that started it goes
(``PR_SET_PDEATHSIG``, set inside the worker, see :mod:`mathreel.render.drawing.worker`) and it also
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
from mathreel.paths import project_root
from mathreel.render.drawing import loader
from mathreel.render.runs.worker_job import WorkerJob

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


def run_worker(job: WorkerJob, log_path: Path, stop: Callable[[], bool] | None = None) -> None:
    """Run the render worker on ``job`` (started through :mod:`mathreel.render.drawing.loader`, which loads
    the code it runs from source and records it); a failure is one line naming the log.

    ``stop`` is called every :data:`POLL_SECONDS` while the worker runs; when it returns True the
    worker is killed (a cancelled cluster run) and the render fails as stopped by SIGKILL."""
    job = job.but(parent_pid=os.getpid())
    job_path = log_path.with_suffix(".job.json")
    job_path.write_text(job.to_json(), encoding="utf-8")
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [sys.executable, "-c", loader.BOOTSTRAP, loader.__file__, str(job_path)],
            cwd=project_root(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": _import_path()},
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


def _import_path() -> str:
    """The worker's PYTHONPATH: the project root first (its scenes package), then the caller's
    own, so the worker imports the very library this process runs."""
    return os.pathsep.join(p for p in (str(project_root()), os.environ.get("PYTHONPATH")) if p)


def _check(job: WorkerJob, returncode: int, log_path: Path) -> None:
    if returncode != 0:
        error = Path(job.error_out)
        if error.exists():
            reason = error.read_text(encoding="utf-8").strip()
        elif returncode < 0:
            reason = f"stopped by signal {signal.Signals(-returncode).name}"
        else:
            reason = f"exit status {returncode}"
        raise RenderFailed(job.stem, reason, log_path)


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


class Zygote:
    """A render worker forked from this warm process that runs a scene, in skip mode, up to the
    first beat of a preview and waits there; each request then forks a child from it that renders
    the chosen beats with the request's narration plan. So an edit of the narration is drawn
    without running the beats before it again; an edit of the code needs a new zygote.
    ``run`` has :func:`run_worker`'s signature."""

    def __init__(self, media_dir: Path, log_path: Path) -> None:
        self.media_dir, self.log_path = media_dir, log_path
        self.pid: int | None = None

    def _start(self, job: WorkerJob) -> None:
        cmd_r, self._cmd_w = os.pipe()
        self._res_r, res_w = os.pipe()
        self.job = job.but(
            parent_pid=os.getpid(), media_dir=str(self.media_dir), zygote=(cmd_r, res_w)
        )
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.close(self._cmd_w)
                os.close(self._res_r)
                fd = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                from mathreel.render.drawing.worker import run_job

                code = run_job(self.job)
            finally:
                os._exit(code)
        os.close(cmd_r)
        os.close(res_w)
        self.pid = pid
        self._results = os.fdopen(self._res_r, "r")

    def run(self, job: WorkerJob, log_path: Path, stop: Callable[[], bool] | None = None) -> None:
        if self.pid is None:
            self._start(job)
        request = {"job": job.but(parent_pid=self.pid).to_json(), "log": str(log_path)}
        try:
            os.write(self._cmd_w, (json.dumps(request) + "\n").encode())
        except BrokenPipeError:
            pass  # the zygote is gone: its status is read below
        line = self._results.readline()
        if line:
            _check(job, int(line), log_path)
            return
        # The zygote itself failed before it reached the beat (an error in the scene's code).
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        code = os.waitstatus_to_exitcode(status)
        _check(self.job, code or 1, self.log_path)

    def close(self) -> None:
        if self.pid is None:
            return
        os.close(self._cmd_w)
        self._results.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        self.pid = None

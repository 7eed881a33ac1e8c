"""Rendering scenes on a Dask cluster: one task per scene, run by :func:`render_task` on a worker
against the worker's own checkout and cache; the silent video and timeline come back as bytes.

Dask's scheduler does the scheduling: a worker lost mid-task has its task given to another
(``distributed.scheduler.allowed-failures``); a scene's own error is returned as a value, never
raised, so it is never retried; a cancelled run sets a ``distributed.Event`` that every task
watches, killing its render process (cancelling a future does not stop a running task).
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import time
import uuid
from collections.abc import Iterator, Sequence

from mathreel.errors import UserError, interrupted
from mathreel.files import write_text_atomic
from mathreel.render.runs.launch import RenderFailed
from mathreel.render.runs.progress import RenderProgress
from mathreel.render.runs.scene_job import (
    Rendered,
    SceneJob,
    SceneRender,
    new_work_folder,
    render_scene_job,
    sweep_abandoned_work,
)

#: Dask event topic of the tasks' progress reports.
TOPIC = "mathreel-progress"
#: Seconds to wait for a scheduler's answer and for its first worker (``MATHREEL_CLUSTER_TIMEOUT``
#: overrides), and for tasks to stop after Ctrl-C.
CONNECT_SECONDS = 15
STOP_SECONDS = 30
#: How a worker's machine is made like this one (``./run.sh render ...`` installs what is
#: missing before it runs ``render.py``; ``list`` renders nothing).
SAME_SET_UP = (
    "check out the same commit there, run `./run.sh render list` there to install what is "
    "missing, and restart its `dask worker`"
)
#: Lines of a failed render's log sent back to the client.
LOG_TAIL = 200


def _distributed():
    try:
        import distributed
    except ImportError:
        raise UserError(
            "--cluster needs Dask distributed: install the cluster extra "
            "(.venv/bin/pip install -e '.[cluster]')"
        ) from None
    return distributed


def connect_seconds() -> float:
    """How long to wait for the scheduler to answer (and for its first worker)."""
    value = os.environ.get("MATHREEL_CLUSTER_TIMEOUT", "").strip()
    if not value:
        return CONNECT_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise UserError(f"MATHREEL_CLUSTER_TIMEOUT='{value}': use a number of seconds above 0")
    return seconds


def _looks_like_dask(greeting: bytes) -> bool:
    """Whether ``greeting`` starts as a Dask comm's first message does (a scheduler writes its
    handshake at once): a length, a frame count, then that many frame lengths, all plausible."""
    if len(greeting) < 16:
        return False
    total, frames = struct.unpack("<QQ", greeting[:16])
    return 0 < frames <= 64 and 8 + 8 * frames <= total < 1 << 26


def _shown_reply(data: bytes) -> str:
    line = data.split(b"\n", 1)[0].strip().decode("ascii", "replace")
    return "".join(c if c.isprintable() else "?" for c in line)[:60]


def probe_scheduler(address: str, seconds: float) -> None:
    """Refuse in one line, before Dask's client (which can wait for minutes, or fail with a
    misleading error), an address where no Dask scheduler answers: nothing listens, something
    accepts and never answers, or another service (an HTTP server, say) is there."""
    host, port = address.removeprefix("tcp://").rsplit(":", 1)
    where = f"--cluster {address}"
    try:
        conn = socket.create_connection((host, int(port)), timeout=seconds)
    except OSError as err:
        reason = "timed out" if isinstance(err, TimeoutError) else err.__class__.__name__
        raise UserError(
            f"cannot reach the Dask scheduler at {address}: {reason}"
            " (is `dask scheduler` running there?)"
        ) from None
    with conn:
        greeting, closed = _read_for(conn, seconds)
        if greeting and _looks_like_dask(greeting):
            return
        if not greeting and not closed:  # a server that waits to be spoken to: ask as a browser
            try:
                conn.sendall(f"GET / HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
            except OSError:
                pass
            greeting, closed = _read_for(conn, min(seconds, 3.0))
            if greeting.startswith(b"HTTP/"):
                raise UserError(
                    f"{where}: an HTTP server answers there ({_shown_reply(greeting)}), not a "
                    "Dask scheduler: give the scheduler's address (dask scheduler prints it)"
                )
        if not greeting:
            did = "closed the connection unanswered" if closed else f"sent nothing in {seconds:g} s"
            raise UserError(
                f"{where}: something there accepts connections but {did}; a Dask scheduler "
                "answers at once: check the address and port"
            )
        raise UserError(
            f"{where}: a service that is not a Dask scheduler answers there "
            f"('{_shown_reply(greeting)}'): give the scheduler's address (dask scheduler prints it)"
        )


def _read_for(conn: socket.socket, seconds: float) -> tuple[bytes, bool]:
    """What ``conn`` sends within ``seconds`` (its first 16 bytes or more, up to 64), and whether
    the other end closed the connection."""
    deadline = time.monotonic() + seconds
    data = b""
    while len(data) < 16:
        left = deadline - time.monotonic()
        if left <= 0:
            return data, False
        conn.settimeout(left)
        try:
            block = conn.recv(64 - len(data))
        except TimeoutError:
            return data, False
        except OSError:
            return data, True
        if not block:
            return data, True
        data += block
    return data, False


def render_task(job: SceneJob, cancel: str) -> dict:
    """Render ``job`` on this worker (in a subprocess: Manim's config is global and tasks run in
    threads); returns the silent video and timeline, or the error line and the log's tail."""
    from distributed import Event, get_worker

    worker = get_worker()
    where = f"{worker.address} ({socket.gethostname()}, pid {os.getpid()})"
    stop = Event(cancel)
    worker.log_event(TOPIC, {"stem": job.stem, "state": "started", "where": where})
    if stop.is_set():
        return {"stopped": True, "ran": False}
    last = [0.0]

    def poll(seconds: float) -> bool:
        if time.monotonic() - last[0] > 2:
            last[0] = time.monotonic()
            worker.log_event(TOPIC, {"stem": job.stem, "state": "advanced", "seconds": seconds})
        return stop.is_set()

    started = time.perf_counter()
    try:
        render = render_scene_job(job, poll=poll)
    except RenderFailed as err:
        try:
            lines = err.log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        shutil.rmtree(err.log.parent, ignore_errors=True)
        return {
            "error": err.reason,
            "log": "\n".join([f"[render log of {job.stem} on {where}]", *lines[-LOG_TAIL:]]),
            "stopped": stop.is_set(),
            "ran": True,
        }
    assert isinstance(render, SceneRender)
    try:
        return {
            "video": render.silent_video.read_bytes(),
            "timeline": render.timeline.read_text(encoding="utf-8"),
            "seconds": time.perf_counter() - started,
            "where": where,
        }
    finally:
        shutil.rmtree(render.work, ignore_errors=True)


class DaskExecutor:
    """Scenes rendered as Dask tasks on a running scheduler's workers, or on a ``LocalCluster``."""

    def __init__(self, target: str | int, echo) -> None:
        distributed = _distributed()
        self.cluster = None
        if isinstance(target, int):
            self.cluster = distributed.LocalCluster(
                n_workers=target, threads_per_worker=1, processes=True, dashboard_address=None
            )
            address = self.cluster.scheduler_address
        else:
            address = target
            probe_scheduler(address, connect_seconds())
        try:
            self.client = distributed.Client(self.cluster or address, timeout=connect_seconds())
        except (OSError, TimeoutError) as err:
            self.close()
            raise UserError(
                f"cannot reach the Dask scheduler at {address}: {err.__class__.__name__}"
                " (is `dask scheduler` running there?)"
            ) from None
        self.address = address
        try:
            self._check_workers(echo)
        except BaseException:
            self.close()
            raise

    def _check_workers(self, echo) -> None:
        """Every worker must match this machine (code, tools, fonts); refuse in one line if not."""
        from mathreel.render.runs.fingerprint import differences, fingerprint

        try:
            self.client.wait_for_workers(1, timeout=connect_seconds())
        except TimeoutError:
            raise UserError(
                f"no Dask worker is connected to {self.address}: "
                f"start `dask worker {self.address}` on each machine"
            ) from None
        here = fingerprint()
        for worker, there in sorted(self.client.run(fingerprint).items()):
            found = differences(here, there)
            if found:
                raise UserError(
                    f"worker {worker} renders differently from this machine: {'; '.join(found)}"
                    f" ({SAME_SET_UP})"
                )
        workers = len(self.client.scheduler_info()["workers"])
        echo(f"cluster {self.address}: {workers} worker{'s' if workers != 1 else ''}, all alike")
        self.client.run(sweep_abandoned_work, on_error="ignore")

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()

    def render(self, jobs: Sequence[SceneJob], progress: RenderProgress) -> Iterator[Rendered]:
        distributed = _distributed()
        run = uuid.uuid4().hex[:8]
        stop = distributed.Event(f"mathreel-stop-{run}", client=self.client)

        def on_event(event) -> None:
            _, msg = event
            if msg.get("state") == "started":
                progress.started(msg["stem"], msg["where"])
            elif msg.get("state") == "advanced":
                progress.advanced(msg["stem"], msg["seconds"])

        self.client.subscribe_topic(TOPIC, on_event)
        futures = {
            self.client.submit(
                render_task, job, stop.name, key=f"render-{job.stem}-{run}", pure=False
            ): job
            for job in jobs
        }
        finished = False
        try:
            for future in distributed.as_completed(list(futures)):
                job = futures[future]
                try:
                    result = future.result()
                except distributed.KilledWorker:
                    raise UserError(
                        f"scene '{job.stem}' lost its worker on every try "
                        "(distributed.scheduler.allowed-failures): see the workers' logs"
                    ) from None
                future.release()
                del futures[future]
                yield self._received(job, result)
            finished = True
        except KeyboardInterrupt:
            finished = True
            raise interrupted(self._stop(stop, futures), " on the cluster") from None
        finally:
            if not finished:
                self._stop(stop, futures)
            self.client.unsubscribe_topic(TOPIC)
            stop.clear()
            # A worker process killed mid-task left its work folder; its restarted process sweeps.
            self.client.run(sweep_abandoned_work, on_error="ignore")

    def _received(self, job: SceneJob, result: dict) -> Rendered:
        """Write a task's result into a work folder here; a failed scene is its one-line error."""
        work = new_work_folder(job, "cluster")
        if "error" in result:
            log = work / "render.log"
            log.write_text(result["log"] + "\n", encoding="utf-8")
            (work / "error.txt").write_text(result["error"], encoding="utf-8")
            raise RenderFailed(job.stem, result["error"], log)
        (work / "silent.mp4").write_bytes(result["video"])
        write_text_atomic(work / "timeline.json", result["timeline"])
        write_text_atomic(work / "narration.json", job.plan_json)
        render = SceneRender(
            work, work / "silent.mp4", work / "timeline.json", work / "narration.json"
        )
        return Rendered(job, render, result["seconds"])

    def _stop(self, stop, futures) -> int:
        """Set the stop event, wait for every task not yet received to return (each kills its render process), and
        count the renders stopped; tasks still running after :data:`STOP_SECONDS` are cancelled."""
        distributed = _distributed()
        stop.set()
        try:
            distributed.wait(list(futures), timeout=STOP_SECONDS)
        except TimeoutError:
            pass
        stopped = 0
        for future in futures:
            if future.status == "finished":
                result = future.result()
                stopped += bool(result.get("stopped") and result.get("ran"))
        self.client.cancel(list(futures))
        return stopped

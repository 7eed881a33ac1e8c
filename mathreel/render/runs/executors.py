"""Where scenes are rendered: local worker processes (the default) or a Dask cluster.

An executor takes scene jobs and yields each one's silent render, in a work folder on this
machine, as soon as it is finished; the caller adds the narration and publishes it. The first
failure stops every other render and is raised as one line; Ctrl-C stops them all as well.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from typing import Protocol

from mathreel.errors import UserError, interrupted
from mathreel.render.runs import launch
from mathreel.render.runs.progress import RenderProgress
from mathreel.render.runs.scene_job import Rendered, SceneJob, SceneRender, render_scene_job

#: The forms ``--cluster`` / ``MATHREEL_CLUSTER`` accept, as error messages list them.
CLUSTER_FORMS = "tcp://HOST:PORT (a running Dask scheduler) or local:N (N worker processes here)"


class Executor(Protocol):
    """Renders scene jobs somewhere; yields each finished one, on this machine's disk."""

    def render(self, jobs: Sequence[SceneJob], progress: RenderProgress) -> Iterator[Rendered]: ...


class LocalExecutor:
    """Each scene in its own worker process on this machine, ``workers`` at a time."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)

    def _one(self, job: SceneJob, progress: RenderProgress) -> Rendered:
        progress.started(job.stem, None)
        started = time.perf_counter()

        def poll(seconds: float) -> bool:
            progress.advanced(job.stem, seconds)
            return False

        render = render_scene_job(job, poll=poll)
        assert isinstance(render, SceneRender)
        return Rendered(job, render, time.perf_counter() - started)

    def render(self, jobs: Sequence[SceneJob], progress: RenderProgress) -> Iterator[Rendered]:
        finished = False
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            futures = [pool.submit(self._one, job, progress) for job in jobs]
            try:
                for future in as_completed(futures):
                    yield future.result()
                finished = True
            except KeyboardInterrupt:
                for future in futures:
                    future.cancel()
                finished = True
                raise interrupted(launch.stop_all()) from None
            finally:
                if not finished:  # a failure here or in the caller: stop the others
                    for future in futures:
                        future.cancel()
                    launch.stop_all()


def parse_cluster(value: str | None) -> str | int | None:
    """``tcp://HOST:PORT`` → that address; ``local:N`` → N; empty → None (render locally)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if match := re.fullmatch(r"local:(\d+)", value):
        if int(match[1]) >= 1:
            return int(match[1])
    elif re.fullmatch(r"tcp://[^\s:/]+:\d{1,5}", value):
        return value
    raise UserError(f"unknown cluster '{value}': use {CLUSTER_FORMS}")


@contextmanager
def open_executor(cluster: str | None, workers: int, echo) -> Iterator[Executor]:
    """The executor for ``--cluster`` (None: local processes), connected and checked, closed after."""
    target = parse_cluster(cluster)
    if target is None:
        yield LocalExecutor(workers)
        return
    from mathreel.render.runs.cluster import DaskExecutor

    executor = DaskExecutor(target, echo)
    try:
        yield executor
    finally:
        executor.close()

"""What a render shows while it runs: live rows per scene (state, machine, video rendered,
elapsed, ETA) on a terminal through rich; plain lines otherwise (CI logs keep only the events)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

#: How a scene's row reads in plain output.
Echo = Callable[[str], None]


class RenderProgress:
    """Scene rows for one run. ``note`` prints a line; the other methods move a scene's row.

    Used from several threads at once (local renders) and from Dask's event handler."""

    def __init__(self, echo: Echo, live: bool | None = None) -> None:
        self.echo = echo
        self.live = sys.stdout.isatty() if live is None else live
        self._lock = threading.Lock()
        self._rows: dict[str, int] = {}
        self._slugs: dict[str, str] = {}
        self._attempts: dict[str, int] = {}
        self._bar = None
        if self.live:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("{task.fields[slug]}"),
                TextColumn("{task.fields[state]:<10}"),
                TextColumn("{task.fields[where]}"),
                BarColumn(),
                TextColumn("{task.completed:>6.1f}/{task.total:.1f} s"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(file=sys.stdout),
            )
            self._bar.start()

    def note(self, line: str) -> None:
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        else:
            self.echo(line)

    def reused(self, stem: str, slug: str, seconds: float, line: str) -> None:
        """A scene whose last render checked out: a finished row marked reused, and ``line``."""
        self.note(line)
        if self._bar is not None:
            with self._lock:
                self._rows[stem] = self._bar.add_task(
                    "",
                    total=max(seconds, 0.1),
                    completed=max(seconds, 0.1),
                    start=False,
                    slug=slug,
                    state="reused",
                    where="",
                )

    def queued(self, stem: str, slug: str, seconds: float) -> None:
        """A scene waits for a worker; ``seconds`` is the length of video it will make."""
        with self._lock:
            self._slugs[stem] = slug
            if self._bar is not None:
                self._rows[stem] = self._bar.add_task(
                    "", total=max(seconds, 0.1), start=False, slug=slug, state="queued", where=""
                )

    def started(self, stem: str, where: str | None) -> int:
        """A scene began rendering on ``where`` (None: this machine). Returns the attempt number:
        above 1 when the scheduler gave it again to another worker after losing the first."""
        with self._lock:
            attempt = self._attempts[stem] = self._attempts.get(stem, 0) + 1
        slug = self._slugs.get(stem, stem)
        if attempt > 1:
            self.note(f"[{slug}] rescheduled: attempt {attempt} on {where} (its worker was lost)")
        elif where is not None:
            self.note(f"[{slug}] started on {where}")
        if self._bar is not None and stem in self._rows:
            row = self._rows[stem]
            self._bar.reset(row, start=True, completed=0)
            self._bar.update(row, state="rendering", where=where or "this machine")
        return attempt

    def advanced(self, stem: str, seconds: float) -> None:
        """``seconds`` of the scene's video are rendered."""
        if self._bar is not None and stem in self._rows:
            self._bar.update(self._rows[stem], completed=seconds)

    def state(self, stem: str, state: str) -> None:
        """A scene moved on (muxing, done, failed): its row says so, a finished one stops its clock."""
        if self._bar is not None and stem in self._rows:
            row = self._rows[stem]
            if state == "done":
                total = next(t.total for t in self._bar.tasks if t.id == row)
                self._bar.update(row, completed=total)
                self._bar.stop_task(row)
            self._bar.update(row, state=state)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

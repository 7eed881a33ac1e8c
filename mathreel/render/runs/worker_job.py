"""What one render worker is told to do: a frozen, typed record written as JSON beside its log.

Built by :func:`mathreel.render.runs.scene_job.render_scene_job` (on this machine, or on a cluster
worker from the path-free :class:`~mathreel.render.runs.scene_job.SceneJob`), handed to the launcher
(:mod:`mathreel.render.runs.launch`: a new process, or a watching zygote's fork) and read by the worker
(:mod:`mathreel.render.drawing.worker`), which gives the scene its :class:`~mathreel.render.drawing.scene.SceneRun`.
Light on purpose: the worker reads it before Manim is imported.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WorkerJob:
    """One scene render in one work folder. Paths are strings, as JSON keeps them."""

    stem: str
    module: str
    class_name: str
    quality: str
    #: The narration plan (JSON) the scene is timed by.
    plan: str
    work: str
    media_dir: str
    timeline: str
    error_out: str
    #: Video renders: the silent video's path and the folder beat segments are kept in.
    video_out: str = ""
    segments: str = ""
    #: Key-frame renders: the folder a PNG per beat end goes to.
    keyframes_dir: str = ""
    #: Draw only the beats from the first to the last of these (a preview).
    beats: tuple[str, str] | None = None
    code_key: str = ""
    #: (file, SHA-256) of each file the code key was made from.
    code_files: tuple[tuple[str, str], ...] = ()
    force: bool = False
    #: Where the worker writes the seconds of video rendered so far.
    progress_out: str = ""
    #: The process whose death kills the worker.
    parent_pid: int = 0
    #: A watching zygote's (request pipe, result pipe) file descriptors.
    zygote: tuple[int, int] | None = None

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> WorkerJob:
        fields = json.loads(text)
        for name in ("beats", "zygote"):
            if fields.get(name) is not None:
                fields[name] = tuple(fields[name])
        fields["code_files"] = tuple(tuple(pair) for pair in fields.get("code_files", ()))
        return cls(**fields)

    @classmethod
    def load(cls, path: Path) -> WorkerJob:
        return cls.from_json(path.read_text(encoding="utf-8"))

    def but(self, **changes) -> WorkerJob:
        """This job with ``changes`` (a launcher's parent pid, a zygote's pipes, a fork's paths)."""
        return dataclasses.replace(self, **changes)

"""One scene's render in a work folder of its own: the worker process run in silent-video or
key-frame mode, with Manim's compiled SVGs seeded from and kept in this machine's cache.

A :class:`SceneJob` names everything a render needs without a path, so the same job runs on this
machine or on a cluster worker, against that machine's own project checkout and cache.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mathreel.manifest import SceneEntry
from mathreel.narration.synthesis import NarrationPlan
from mathreel.paths import cache_dir
from mathreel.quality import Quality, get_quality
from mathreel.render.runs import launch
from mathreel.render.runs.keys import code_files, code_key
from mathreel.render.runs.scene_source import read_scene_source
from mathreel.render.runs.worker_job import WorkerJob

#: Manim's folders of compiled SVGs (``MathTex`` via LaTeX + dvisvgm, ``Text`` via Pango), keyed
#: by a hash of their source, kept between renders under ``cache_dir()/svg``.
_SVG_CACHES = ("Tex", "texts")


@dataclass(frozen=True)
class SceneJob:
    """A scene render's inputs, free of paths: module, class, quality and the narration plan."""

    stem: str
    slug: str
    module: str
    class_name: str
    quality_code: str
    plan_json: str
    #: Seconds of narration: the video's expected length, for progress and ETA.
    seconds: float
    #: Digest of the scene's code and render settings, part of every beat segment's key.
    code_key: str
    #: (file, SHA-256) of each file the code key was made from, checked by the worker against
    #: the code it actually loads.
    code_files: tuple[tuple[str, str], ...]
    #: Draw every beat, even those whose segment is kept (``--force``).
    force: bool = False

    @classmethod
    def of(
        cls, entry: SceneEntry, plan: NarrationPlan, quality: Quality, force: bool = False
    ) -> SceneJob:
        source = read_scene_source(entry.path)
        files = code_files(entry.path)
        return cls(
            entry.stem,
            entry.slug,
            entry.module,
            source.class_name,
            quality.code,
            plan.to_json(),
            plan.duration,
            code_key(files, quality),
            tuple(sorted(files.items())),
            force,
        )

    @property
    def quality(self) -> Quality:
        return get_quality(self.quality_code)


@dataclass(frozen=True)
class SceneRender:
    """A finished worker's files, still in its private work folder: the silent video (muxed with
    its narration later, on the machine that runs the command) and the beats' timeline."""

    work: Path
    silent_video: Path
    timeline: Path
    plan: Path

    @property
    def log(self) -> Path:
        return self.work / "render.log"


@dataclass(frozen=True)
class Rendered:
    """One finished scene render and how long its worker took."""

    job: SceneJob
    render: SceneRender
    seconds: float


#: Called every :data:`~mathreel.render.runs.launch.POLL_SECONDS` with the seconds of video rendered so far; True stops the render.
Poll = Callable[[float], bool]


def seed_svg_cache(media_dir: Path) -> None:
    """Give a worker's fresh media folder every SVG compiled before (hard links, else copies).

    Each worker keeps its own Tex folder, because Manim deletes every non-SVG file in it after a
    compile, which would break a LaTeX run of another worker sharing the folder.
    """
    for name in _SVG_CACHES:
        cached = cache_dir() / "svg" / name
        if not cached.is_dir():
            continue
        target = media_dir / name
        target.mkdir(parents=True, exist_ok=True)
        for svg in cached.glob("*.svg"):
            # Another worker may be publishing into the cache right now: its ".partial" file is
            # not an SVG of ours yet, and is renamed away between this listing and the link.
            if svg.name.startswith("."):
                continue
            try:
                os.link(svg, target / svg.name)
            except FileExistsError:
                continue
            except OSError:
                try:
                    shutil.copyfile(svg, target / svg.name)
                except FileNotFoundError:
                    continue


def _keep_svg_cache(media_dir: Path) -> None:
    """Publish the SVGs a worker compiled into the shared cache (each one renamed into place)."""
    for name in _SVG_CACHES:
        cached = cache_dir() / "svg" / name
        for svg in (media_dir / name).glob("*.svg"):
            if not (cached / svg.name).exists():
                cached.mkdir(parents=True, exist_ok=True)
                tmp = cached / f".{svg.stem}.partial-{os.getpid()}-{threading.get_ident()}.svg"
                shutil.copyfile(svg, tmp)
                os.replace(tmp, cached / svg.name)


def work_root() -> Path:
    return cache_dir() / "work"


#: Failed renders whose work folder (their log and error line) a sweep keeps, the newest.
KEEP_FAILED = 3
#: What a failed render's work folder keeps: the log its error line points at, and that line.
_FAILED_KEEPS = ("render.log", "error.txt")
#: A render failing with no reason of its own on a disk with less free than this failed for it.
LOW_SPACE_BYTES = 1 << 20


def _folder_bytes(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        try:
            total += path.lstat().st_size
        except OSError:
            pass
    return total


def _failed_at(folder: Path) -> float:
    try:
        return (folder / "error.txt").stat().st_mtime
    except OSError:  # swept meanwhile by another run
        return 0.0


def sweep_abandoned_work() -> tuple[int, int]:
    """Remove work folders left by runs that are gone: killed ones whole, failed ones but the
    newest :data:`KEEP_FAILED` (whose logs an error line may still point at), so failed retries
    do not fill the disk. Returns (folders removed, bytes freed)."""
    root = work_root()
    if not root.is_dir():
        return 0, 0
    failed, removed, freed = [], 0, 0
    for folder in root.iterdir():
        pid = folder.name.rsplit("-pid", 1)[-1].split("-")[0]
        if not pid.isdigit() or Path(f"/proc/{pid}").exists():
            continue
        if (folder / "error.txt").exists():
            failed.append(folder)
            continue
        freed += _folder_bytes(folder)
        removed += 1
        shutil.rmtree(folder, ignore_errors=True)
    failed.sort(key=_failed_at, reverse=True)
    for folder in failed[KEEP_FAILED:]:
        freed += _folder_bytes(folder)
        removed += 1
        shutil.rmtree(folder, ignore_errors=True)
    return removed, freed


def _keep_only_the_log(work: Path) -> None:
    """A failed render's work folder keeps its log and error line; the rest would fill the disk."""
    for path in work.iterdir():
        if path.name not in _FAILED_KEEPS:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def new_work_folder(job: SceneJob, mode: str) -> Path:
    """A fresh folder for one render, named after this process (so a sweep knows its owner)."""
    work_root().mkdir(parents=True, exist_ok=True)
    return Path(
        tempfile.mkdtemp(
            dir=work_root(),
            prefix=f"{job.quality.name}-{job.stem}-{mode}-pid{os.getpid()}-",
        )
    )


def _read_progress(path: Path) -> float:
    try:
        return float(path.read_text(encoding="ascii") or 0)
    except (OSError, ValueError):
        return 0.0


def render_scene_job(
    job: SceneJob,
    keyframes_dir: Path | None = None,
    poll: Poll | None = None,
    beats: tuple[str, str] | None = None,
    run: Callable[..., None] = launch.run_worker,
) -> SceneRender | Path:
    """Render one scene in a worker process, in a work folder of its own (so two runs never share
    one). Video mode returns the silent video and timeline for the narration to be added to;
    key-frame mode returns the folder of one PNG per beat end, with ``timeline.json`` beside them.
    ``beats`` (first, last) draws only those beats and the ones between (a preview); ``run`` starts
    the worker (a new process, or a :class:`~mathreel.render.runs.launch.Zygote`'s fork while watching).
    A failure is a :class:`~mathreel.errors.UserError` naming the log (kept in the work folder)."""
    work = new_work_folder(job, "keyframes" if keyframes_dir else "video")
    seed_svg_cache(work / "media")
    plan_path = work / "narration.json"
    plan_path.write_text(job.plan_json, encoding="utf-8")
    progress = work / "progress"
    spec = WorkerJob(
        stem=job.stem,
        module=job.module,
        class_name=job.class_name,
        quality=job.quality_code,
        plan=str(plan_path),
        work=str(work),
        media_dir=str(work / "media"),
        timeline=str(keyframes_dir / "timeline.json" if keyframes_dir else work / "timeline.json"),
        error_out=str(work / "error.txt"),
        video_out=str(work / "silent.mp4"),
        segments=str(cache_dir() / "segments" / job.quality.name / job.stem),
        keyframes_dir=str(keyframes_dir) if keyframes_dir else "",
        beats=beats,
        code_key=job.code_key,
        code_files=job.code_files,
        force=job.force,
        progress_out=str(progress),
    )
    if keyframes_dir:
        keyframes_dir.mkdir(parents=True, exist_ok=True)
    stop = None if poll is None else (lambda: poll(_read_progress(progress)))
    try:
        run(spec, work / "render.log", stop)
    except launch.RenderFailed:
        if (work / "error.txt").exists():
            _keep_only_the_log(work)  # the log the error points at
            raise
        full = shutil.disk_usage(work).free < LOW_SPACE_BYTES
        shutil.rmtree(work, ignore_errors=True)
        if full:  # the worker could not even write its error line
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from None
        raise
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _keep_svg_cache(work / "media")
    shutil.rmtree(work / "media", ignore_errors=True)
    if keyframes_dir:
        shutil.rmtree(work, ignore_errors=True)
        return keyframes_dir
    return SceneRender(work, work / "silent.mp4", work / "timeline.json", plan_path)

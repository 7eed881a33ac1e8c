"""One scene's render in its own process (Manim's config is global): silent video or key frames.

Started through :mod:`mathreel.render.drawing.loader` (which loads the project's code from its bytes and
records what it loaded); the job is written by
:mod:`mathreel.render.runs.scene_job`. The narration is added later by :mod:`mathreel.render.finishing.finish`, on the machine
that runs the command, so a worker on another machine needs none of its audio files.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
from pathlib import Path

from mathreel.paths import project_root
from mathreel.quality import get_quality
from mathreel.render.drawing import loader
from mathreel.render.runs.worker_job import WorkerJob

# Nothing heavy (Manim, numpy) is imported before main() has tied this process to its parent's
# life: a parent killed during those seconds of imports must not leave a worker behind.


def _share_parsed_svg_paths() -> None:
    """Copy SVG-built mobjects (every MathTex, Text, Brace) without deep-copying their parsed path.

    ``VMobjectFromSVGPath.path_obj`` (an ``svgelements.Path``) is read once, when the mobject's
    points are generated in ``__init__``, and never again; yet every ``Transform``, ``FadeIn`` or
    ``.copy()`` deep-copied it, point object by point object: about 2/3 of a key-frame render's
    time. Sharing it between copies changes no pixel (key frames compared bit for bit).
    """
    import copy

    import svgelements

    copy._deepcopy_dispatch[svgelements.Path] = lambda path, memo: path  # type: ignore[attr-defined]


def _report_progress(scene, path: Path) -> None:
    """Write the seconds of video rendered so far to ``path`` twice a second (read by the parent)."""
    import threading
    import time

    def write() -> None:
        tmp = path.with_name(f".{path.name}.partial")
        while True:
            tmp.write_text(f"{scene.renderer.time:.2f}", encoding="ascii")
            os.replace(tmp, path)
            time.sleep(0.5)

    threading.Thread(target=write, daemon=True).start()


def _scene_run(job: WorkerJob, at_first_chosen_beat=None):
    """The :class:`~mathreel.render.drawing.scene.SceneRun` a job asks for."""
    from mathreel.narration.synthesis import NarrationPlan
    from mathreel.render.drawing.scene import SceneRun
    from mathreel.render.drawing.segments import SegmentStore

    return SceneRun(
        plan=NarrationPlan.load(Path(job.plan)),
        keyframes=Path(job.keyframes_dir) if job.keyframes_dir else None,
        beats=job.beats,
        segments=None if job.keyframes_dir else SegmentStore(Path(job.segments)),
        code_key=job.code_key,
        code_files=dict(job.code_files),
        work=Path(job.work),
        force=job.force,
        at_first_chosen_beat=at_first_chosen_beat,
    )


def run(job: WorkerJob) -> None:
    """Render the job's scene: its silent video (its beat segments joined) or its key frames,
    and its timeline."""
    from manim import config

    from mathreel.render.runs.keys import key_name
    from mathreel.render.video import join_videos

    _share_parsed_svg_paths()

    quality = get_quality(job.quality)
    keyframes = job.keyframes_dir
    config.pixel_width = quality.width
    config.pixel_height = quality.height
    config.frame_rate = quality.fps
    config.media_dir = job.media_dir
    config.disable_caching = True
    # Random numbers drawn before the first beat come from a fixed seed (each beat then reseeds
    # from its own id, see NarratedScene.beat), so a render does not depend on the run.
    config.seed = 0
    config.verbosity = "WARNING"
    config.progress_bar = "none"
    config.output_file = job.stem
    if keyframes:
        # Manim 0.22 has no config.skip_animations / write_to_movie: skipping is a Scene argument
        # (every play jumps to its end state, no frame drawn) and dry_run writes no media file.
        config.dry_run = True
    else:
        config.write_to_movie = True
        config.video_encoder_options = quality.encoder_options()

    # A watching zygote's fork returns from the hook with its request's job: the paths below
    # are then that request's.
    jobs = [job]
    hook = (lambda scene: jobs.append(_serve_forks(scene, job))) if job.zygote else None
    sys.path.insert(0, str(project_root()))
    # A zygote's renders fork from the watcher, which loaded the pipeline itself: the scene's
    # own modules still load through the hashing loader.
    loader.install(project_root())
    module = importlib.import_module(job.module)
    scene = getattr(module, job.class_name)(
        skip_animations=bool(keyframes), run=_scene_run(job, hook)
    )
    # The scene's video is its beat segments joined (below), so Manim's own join of the same
    # partial movie files would be wasted work.
    scene.renderer.file_writer.combine_to_movie = lambda: None
    if job.progress_out:
        _report_progress(scene, Path(job.progress_out))
    scene.render()
    job = jobs[-1]
    if not keyframes:
        loader.check_loaded(scene.run.code_files, key_name)
    Path(job.timeline).write_text(scene.timeline.to_json(), encoding="utf-8")
    if keyframes:
        return
    join_videos(
        [(s.path, s.frames) for s in scene.recorder.segments], quality.fps, Path(job.video_out)
    )
    shutil.rmtree(Path(job.media_dir) / "videos", ignore_errors=True)


def _serve_forks(scene, job: WorkerJob) -> WorkerJob:
    """In a zygote (see :class:`mathreel.render.runs.launch.Zygote`), at the first chosen beat: fork a
    child per request, which gives the scene the request's run and plan and returns the
    request's job from here, to render the beats; the zygote reports each child's exit status
    and leaves when its requests end."""
    assert job.zygote is not None
    commands, results = job.zygote
    with os.fdopen(commands, "r") as requests:
        for line in requests:
            request = json.loads(line)
            pid = os.fork()
            if pid == 0:
                os.close(results)
                _die_with_parent(os.getppid())
                fd = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                forked = WorkerJob.from_json(request["job"]).but(media_dir=config_media_dir())
                scene.replace_run(_scene_run(forked))
                return forked
            _, status = os.waitpid(pid, 0)
            os.write(results, f"{os.waitstatus_to_exitcode(status)}\n".encode())
    os._exit(0)


def config_media_dir() -> str:
    from manim import config

    return str(config.media_dir)


def _die_with_parent(parent: int) -> None:
    """Be killed when the render's parent goes: at once through PR_SET_PDEATHSIG, and within a
    second through a watch on the parent's pid (the signal follows the parent's starting thread)."""
    import ctypes
    import signal
    import threading
    import time

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGKILL)

    if os.getppid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)
    threading.Thread(target=watch, daemon=True).start()


def describe_failure(err: BaseException) -> str:
    """One line for a failed render: a user error's own message, a disk fault's path, else the
    exception with the place in the scene's code (scenes/...py:LINE) where it was raised, when
    there is one."""
    import traceback

    from mathreel.errors import UserError, disk_fault, disk_fault_line

    message = str(err).splitlines()[0] if str(err) else ""
    if isinstance(err, UserError):
        return message
    if (fault := disk_fault(err)) is not None:  # the disk failed, not the scene's code
        from mathreel.paths import cache_dir, output_dir, shown

        return disk_fault_line(fault, [(shown(f), f) for f in (cache_dir(), output_dir())])
    where = ""
    frames = traceback.extract_tb(err.__traceback__)
    if isinstance(err, SyntaxError) and err.filename:
        frames.append(traceback.FrameSummary(err.filename, err.lineno or 0, ""))
    for frame in reversed(frames):
        path = Path(frame.filename)
        if path.is_relative_to(project_root() / "scenes"):
            where = f"{path.relative_to(project_root())}:{frame.lineno}: "
            break
    return f"{where}{type(err).__name__}: {message}" if message else f"{where}{type(err).__name__}"


def run_job(job: WorkerJob) -> int:
    """Render ``job`` in this process; on failure write its one line to ``error_out`` (the full
    traceback goes to the log) and return 1."""
    if job.parent_pid:
        _die_with_parent(job.parent_pid)
    sys.path.insert(0, str(project_root()))
    try:
        run(job)
    except Exception as err:  # the parent shows this one line and points at the full log
        import traceback

        traceback.print_exc()
        try:
            Path(job.error_out).write_text(describe_failure(err), encoding="utf-8")
        except OSError:  # a full disk: the parent reports the exit status (and the disk)
            Path(job.error_out).unlink(missing_ok=True)
        return 1
    return 0


def main() -> None:
    sys.exit(run_job(WorkerJob.load(Path(sys.argv[1]))))


if __name__ == "__main__":
    main()

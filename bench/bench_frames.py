"""Benchmark: frames per second, where frame time goes, and worker memory (prints figures, asserts
nothing). Every figure is printed with the load average, since the machine may be shared.

Parts (``--parts``, default all but ``piper``; about 35 minutes on 2 busy cores):
- ``piper``: piper's real-time factor on the scene's phrases (model load apart).
- ``compare``: the pipeline's scene render (narration plan, worker, finish, publish; silent voice)
  against plain ``manim render --disable_caching`` of the same scene file (which plans its
  narration with the silent voice itself, so both draw the same frames), at each ``--qualities``;
  plain Manim runs with its default encoder (crf 23, preset medium, x264's own thread count) and,
  with ``--manim-encoders default,pipeline``, also with the pipeline's encoder options.
- ``profile``: one worker render of ``--profile-beats`` at ``--profile-quality``, run under
  cProfile in a child process: the main thread's wall time grouped (drawing, interpolation, frame
  copies, hand-off to the encoder, our per-play checks...) and the encoder threads' CPU time
  (process CPU less the main thread's); then unprofiled runs of each ``--variants`` (changes that
  keep every frame, checked by the silent video's SHA-256) against the baseline.
- ``encode``: a static wait's frame encoded as Manim does (converted to YUV once per repeat)
  and converted once, at ``--profile-quality``: CPU per frame, and whether the files are equal.
- ``memory``: peak RSS of one worker (``wait4``) for ``--memory-beats`` at each
  ``--memory-qualities``, and for ``--memory-long-beats`` at the first of them (length effect).

    .venv/bin/python bench/bench_frames.py --parts compare,profile,memory --qualities l,h
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mathreel import manifest  # noqa: E402
from mathreel.layout import SceneFiles  # noqa: E402
from mathreel.narration.audio_cache import AudioCache  # noqa: E402
from mathreel.narration.script import parse_narration  # noqa: E402
from mathreel.narration.synthesis import NarrationPlan  # noqa: E402
from mathreel.narration.voices import get_voice  # noqa: E402
from mathreel.paths import cache_dir  # noqa: E402
from mathreel.quality import Quality, get_quality  # noqa: E402
from mathreel.render.drawing import loader  # noqa: E402
from mathreel.render.finishing.finish import finish_scene  # noqa: E402
from mathreel.render.runs import jobs  # noqa: E402
from mathreel.render.runs.scene_job import SceneJob, SceneRender, render_scene_job, seed_svg_cache  # noqa: E402
from mathreel.render.runs.scene_source import read_scene_source  # noqa: E402
from mathreel.render.runs.worker_job import WorkerJob  # noqa: E402
from mathreel.render.video import video_packet_count  # noqa: E402
from render import project_manifest  # noqa: E402

MANIM = Path(sys.executable).with_name("manim")


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def others() -> str:
    """The busiest processes on the machine other than this bench and its children."""
    mine = {os.getpid()}
    rows = subprocess.run(
        ["ps", "-eo", "pid,ppid,pcpu,etime,args", "--sort=-pcpu", "--no-headers"],
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    busy = []
    for row in rows:
        pid, ppid, pcpu, etime, args = row.split(None, 4)
        if int(pid) in mine or int(ppid) in mine or float(pcpu) < 5:
            continue
        busy.append(f"{pcpu}% {etime} {args[:70]}")
    return "; ".join(busy[:4]) or "nothing above 5% CPU"


@dataclass(frozen=True)
class Measured:
    """One child process: wall seconds, CPU seconds (user + system) and peak RSS."""

    wall: float
    cpu: float
    max_rss_mb: float
    returncode: int


def measured(cmd: list[str], log: Path, env: dict[str, str]) -> Measured:
    """Run ``cmd`` from the project root; its own rusage comes from wait4 (not the tree's)."""
    with open(log, "w", encoding="utf-8") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


class Worker:
    """A ``run`` for :func:`render_scene_job`: the render worker (or this file's profiling child)
    as a measured process. ``child`` = (report path, variants, profile?) runs the child."""

    def __init__(self, child: tuple[Path, list[str], bool] | None = None) -> None:
        self.child = child
        self.result: Measured | None = None

    def __call__(self, job: WorkerJob, log_path: Path, stop=None) -> None:
        job_path = log_path.with_suffix(".job.json")
        job_path.write_text(job.but(parent_pid=os.getpid()).to_json(), encoding="utf-8")
        cmd = [sys.executable, "-c", loader.BOOTSTRAP, loader.__file__, str(job_path)]
        if self.child:
            report, variants, profile = self.child
            cmd = [sys.executable, __file__, "--child", str(job_path), "--report", str(report)]
            cmd += ["--variants", ",".join(variants)] + (["--cprofile"] if profile else [])
        self.result = measured(cmd, log_path, {**os.environ, "PYTHONPATH": str(ROOT)})
        if self.result.returncode:
            tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise SystemExit(f"worker failed ({self.result.returncode}):\n{tail}")


def silent_plan(entry: manifest.SceneEntry) -> NarrationPlan:
    return jobs.prepare(entry, get_voice("silent"), AudioCache(cache_dir() / "audio"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- piper -------------------------------------------------------------------------------------
def piper_rtf(entry: manifest.SceneEntry) -> None:
    voice = get_voice("piper")
    started = time.perf_counter()
    voice.synthesize("Warm up.")
    warm = time.perf_counter() - started
    phrases = [p.spoken for b in parse_narration(entry.narration_path).beats for p in b.phrases]
    synth = audio = 0.0
    for text in phrases:
        started = time.perf_counter()
        speech = voice.synthesize(text)
        synth += time.perf_counter() - started
        audio += speech.duration
    print(f"piper: model load + first phrase {warm:.2f} s ({load()})")
    print(
        f"piper: {len(phrases)} phrases, {audio:.1f} s of speech synthesized in {synth:.2f} s "
        f"-> real-time factor {synth / audio:.3f} ({audio / synth:.0f}x faster than real time)"
    )


# -- pipeline vs plain manim -------------------------------------------------------------------
def pipeline_render(entry: manifest.SceneEntry, quality: Quality, tmp: Path) -> dict:
    """The steps ``render.py scene NAME -v silent --force`` takes, each timed (its locks, tool
    checks and progress display aside; its own Python start is timed by :func:`cli_start`)."""
    os.environ["MATHREEL_OUTPUT"] = str(tmp / "output")
    t0 = time.perf_counter()
    plan = silent_plan(entry)
    t1 = time.perf_counter()
    worker = Worker()
    render = render_scene_job(SceneJob.of(entry, plan, quality, force=True), run=worker)
    assert isinstance(render, SceneRender)
    t2 = time.perf_counter()
    finished = finish_scene(render, cache_dir() / "audio")
    t3 = time.perf_counter()
    files = SceneFiles(entry.stem, quality)
    record = jobs.publish_scene(finished, files, jobs.scene_key(entry, plan, quality))
    t4 = time.perf_counter()
    written = {role: path.stat().st_size for role, path in files.artefacts.items()}
    return {
        "wall": t4 - t0,
        "steps": {"plan": t1 - t0, "worker": t2 - t1, "finish": t3 - t2, "publish": t4 - t3},
        "worker": worker.result,
        "frames": record.frames,
        "seconds": plan.duration,
        "written": written,
        "video_sha": sha256(files.video),
    }


def cli_start() -> float:
    """Seconds for ``render.py`` to start and exit (its imports), which the pipeline's figure
    above does not include."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "render.py", "--help"], cwd=ROOT, capture_output=True, check=True
    )
    return time.perf_counter() - started


def manim_render(entry: manifest.SceneEntry, quality: Quality, encoder: str, tmp: Path) -> dict:
    """Plain ``manim render --disable_caching`` of the scene file, its Tex/text SVGs seeded from
    the pipeline's cache as a worker's are; ``encoder`` 'pipeline' passes the pipeline's x264
    options through a config file."""
    media = tmp / f"manim-{encoder}"
    seed_svg_cache(media)
    class_name = read_scene_source(entry.path).class_name
    cmd = [str(MANIM), "render", f"-q{quality.code}", "--disable_caching"]
    cmd += ["--media_dir", str(media), "--progress_bar", "none", "-v", "WARNING"]
    if encoder == "pipeline":
        cfg = tmp / "encoder.cfg"
        options = "".join(f"{k} = {v}\n" for k, v in quality.encoder_options().items())
        cfg.write_text(f"[video_encoder.options]\n{options}", encoding="utf-8")
        cmd += ["--config_file", str(cfg)]
    cmd += [str(entry.path.relative_to(ROOT)), class_name]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = measured(cmd, tmp / f"manim-{encoder}.log", env)
    if result.returncode:
        raise SystemExit(f"manim failed: {(tmp / f'manim-{encoder}.log').read_text()[-2000:]}")
    videos = media / "videos"
    final = [p for p in videos.rglob("*.mp4") if "partial_movie_files" not in p.parts]
    partial = list((videos).rglob("partial_movie_files/**/*.mp4"))
    return {
        "wall": result.wall,
        "run": result,
        "frames": video_packet_count(final[0]),
        "written": {
            "video": final[0].stat().st_size,
            f"{len(partial)} partial movie files": sum(p.stat().st_size for p in partial),
        },
    }


def compare(entry: manifest.SceneEntry, qualities: list[Quality], encoders: list[str]) -> None:
    print(f"\n== pipeline vs plain manim: {entry.stem} (silent voice) ==")
    print(
        f"render.py start-up (imports, --help): {cli_start():.2f} s, not in the pipeline walls below"
    )
    for quality in qualities:
        with tempfile.TemporaryDirectory(prefix="bench-frames-") as tmp_name:
            tmp = Path(tmp_name)
            before = load()
            ours = pipeline_render(entry, quality, tmp)
            w: Measured = ours["worker"]
            steps = ", ".join(f"{k} {v:.2f}" for k, v in ours["steps"].items())
            print(
                f"\n{quality.name} pipeline: {ours['wall']:.1f} s wall ({steps}), {ours['frames']} "
                f"frames -> {ours['frames'] / ours['wall']:.1f} fps "
                f"(worker alone {ours['frames'] / w.wall:.1f} fps, worker CPU {w.cpu:.1f} s, "
                f"peak RSS {w.max_rss_mb:.0f} MB) [{before} -> {load()}]"
            )
            print(
                f"  wrote (kept): {_sizes(ours['written'])}, plus in its work folder and deleted: "
                "silent.mp4, partial movie files, timeline/plan JSON, render log"
            )
            for encoder in encoders:
                before = load()
                plain = manim_render(entry, quality, encoder, tmp)
                run: Measured = plain["run"]
                same = "equal" if plain["frames"] == ours["frames"] else "DIFFERENT"
                print(
                    f"{quality.name} manim ({encoder} encoder): {run.wall:.1f} s wall, "
                    f"{plain['frames']} frames ({same} to the pipeline's) -> "
                    f"{plain['frames'] / run.wall:.1f} fps, CPU {run.cpu:.1f} s, peak RSS "
                    f"{run.max_rss_mb:.0f} MB [{before} -> {load()}]"
                )
                print(f"  wrote: {_sizes(plain['written'])}")
                print(
                    f"  pipeline/manim wall: {ours['wall'] / run.wall:.2f} (whole pipeline), "
                    f"{w.wall / run.wall:.2f} (worker alone); CPU {w.cpu / run.cpu:.2f} (worker)"
                )
    print(f"others running: {others()}")


def _sizes(written: dict[str, int]) -> str:
    return ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in written.items())


# -- profile -----------------------------------------------------------------------------------
#: Bucket name -> (module path suffix, function name, caller function name or None for any).
#: Each is measured as cumulative wall time in the main thread; they do not nest in one another.
BUCKETS = {
    "Cairo drawing (Camera.capture_mobjects)": ("camera/camera.py", "capture_mobjects", None),
    "frame reset to background (Camera.set_pixel_array)": (
        "camera/camera.py",
        "set_pixel_array",
        None,
    ),
    "frame copy (CairoRenderer.get_frame)": ("renderer/cairo_renderer.py", "get_frame", None),
    "interpolation + updaters (Scene.update_to_time)": ("scene/scene.py", "update_to_time", None),
    "animation set-up (Scene.begin_animations)": ("scene/scene.py", "begin_animations", None),
    "animation compile (Scene.compile_animation_data)": (
        "scene/scene.py",
        "compile_animation_data",
        None,
    ),
    "animation clean-up (Animation.clean_up_from_scene)": (
        "animation/animation.py",
        "clean_up_from_scene",
        None,
    ),
    "hand-off to encoder, waits on a full queue (SceneFileWriter.write_frame)": (
        "scene/scene_file_writer.py",
        "write_frame",
        None,
    ),
    "waits for encoders at a play's end (SceneFileWriter.end_animation)": (
        "scene/scene_file_writer.py",
        "end_animation",
        None,
    ),
    "joining segments (SceneFileWriter.finish)": ("scene/scene_file_writer.py", "finish", None),
    "our per-play checks: safe_area_violations": (
        "mathreel/render/drawing/scene.py",
        "safe_area_violations",
        "play",
    ),
    "our per-play checks: small_text": ("mathreel/render/drawing/scene.py", "small_text", "play"),
    "our beat-end checks (safe area + small text)": (
        "mathreel/render/drawing/scene.py",
        "",
        "beat",
    ),
    "scene module import (figures built at import time)": (
        "importlib/__init__.py",
        "import_module",
        None,
    ),
}


#: Functions listed by cumulative time after the table.
TOP = 40


def bucket_seconds(stats: pstats.Stats) -> dict[str, float]:
    found = dict.fromkeys(BUCKETS, 0.0)
    for (path, _, func), (_, _, _, ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        for name, (suffix, fname, caller) in BUCKETS.items():
            if name.startswith("our beat-end"):
                if path.endswith(suffix) and func in ("safe_area_violations", "small_text"):
                    found[name] += sum(c[3] for k, c in callers.items() if k[2] == "beat")
                continue
            if not path.endswith(suffix) or func != fname:
                continue
            if caller is None:
                found[name] += ct
            else:
                found[name] += sum(c[3] for k, c in callers.items() if k[2] == caller)
    return found


def child(job_path: Path, report: Path, variants: list[str], profile: bool) -> None:
    """In the profiling child: apply ``variants``, render the job, write timings to ``report``."""
    import threading

    import manim  # noqa: F401  (imported before the clock starts: its import is not the render)
    from manim.scene import scene_file_writer

    from mathreel.render.drawing import worker as render_worker

    encoder_cpu = []
    listen = scene_file_writer._PartialMovieEncodeJob._listen_and_write

    def timed_listen(self) -> None:
        started = time.thread_time()
        try:
            listen(self)
        finally:
            encoder_cpu.append(time.thread_time() - started)

    scene_file_writer._PartialMovieEncodeJob._listen_and_write = timed_listen
    for variant in variants:
        VARIANTS[variant]()
    job = WorkerJob.load(job_path)
    profiler = cProfile.Profile() if profile else None
    wall0, main0, proc0 = time.perf_counter(), time.thread_time(), time.process_time()
    if profiler:
        profiler.enable()
    code = render_worker.run_job(job)
    if profiler:
        profiler.disable()
    wall, main = time.perf_counter() - wall0, time.thread_time() - main0
    process = time.process_time() - proc0
    if code:
        sys.exit(code)
    result = {
        "wall": wall,
        "main_cpu": main,
        "process_cpu": process,
        "encoder_python_threads_cpu": sum(encoder_cpu),
        "segments": len(encoder_cpu),
        "threads_alive": threading.active_count(),
    }
    if profiler:
        stats = pstats.Stats(profiler)
        result["buckets"] = bucket_seconds(stats)
        top = io.StringIO()
        stats.stream = top  # type: ignore[attr-defined]
        stats.sort_stats("cumulative").print_stats(TOP)
        result["top"] = top.getvalue()
    report.write_text(json.dumps(result), encoding="utf-8")


def _no_play_checks() -> None:
    """The per-play checks skipped (their cost; a cheaper check is the proposal)."""
    from mathreel.render.drawing.scene import NarratedScene

    NarratedScene.safe_area_violations = lambda self: []
    NarratedScene.small_text = lambda self: []


def _inflight_encoders() -> None:
    """Manim's ``max_inflight_encoders`` at 4: a play's segment is encoded while the next plays
    are drawn, instead of the main thread waiting for it at each play's end."""
    from manim import config

    config.max_inflight_encoders = 4


def _convert_once() -> None:
    """A repeated frame (a static wait) converted to the encoder's YUV once, not once per repeat."""
    from fractions import Fraction

    import av
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    original = VideoSegmentEncoder.write_frame

    def write_frame(self, pixels, *, repeat: int = 1) -> None:
        if repeat == 1:
            return original(self, pixels, repeat=1)
        self._validate_frame(pixels, repeat)
        stream = self._stream
        frame = av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(
            stream.codec_context.width,
            stream.codec_context.height,
            stream.codec_context.format,
            threads=stream.codec_context.thread_count,
        )
        frame.time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
        for _ in range(repeat):
            frame.pts = self._next_pts
            self._next_pts += 1
            for packet in stream.encode(frame):
                self._container.mux(packet)

    VideoSegmentEncoder.write_frame = write_frame


VARIANTS = {
    "no-play-checks": _no_play_checks,
    "inflight-encoders": _inflight_encoders,
    "convert-once": _convert_once,
}


def profile(
    entry: manifest.SceneEntry,
    quality: Quality,
    beats: tuple[str, str],
    variants: list[str],
    show_top: bool,
) -> None:
    print(f"\n== where frame time goes: {entry.stem} {beats[0]}..{beats[1]} at {quality.name} ==")
    plan = silent_plan(entry)
    ids = [b.id for b in plan.beats]
    chosen = plan.beats[ids.index(beats[0]) : ids.index(beats[1]) + 1]
    seconds = sum(b.duration for b in chosen)
    with tempfile.TemporaryDirectory(prefix="bench-frames-") as tmp_name:
        tmp = Path(tmp_name)

        def run(variant_list: list[str], cprofile: bool, tag: str) -> tuple[dict, str, int]:
            report = tmp / f"{tag}.json"
            worker = Worker((report, variant_list, cprofile))
            render = render_scene_job(
                SceneJob.of(entry, plan, quality, force=True), beats=beats, run=worker
            )
            assert isinstance(render, SceneRender)
            frames = video_packet_count(render.silent_video)
            digest = sha256(render.silent_video)
            shutil.rmtree(render.work, ignore_errors=True)
            result = json.loads(report.read_text(encoding="utf-8"))
            result["process_wall"] = worker.result.wall if worker.result else 0.0
            result["rss"] = worker.result.max_rss_mb if worker.result else 0.0
            return result, digest, frames

        before = load()
        prof, _, frames = run([], True, "profiled")
        print(
            f"{frames} frames ({seconds:.1f} s of video) under cProfile: run_job {prof['wall']:.1f} s "
            f"wall [{before} -> {load()}]"
        )
        main_wall = prof["wall"]
        print(f"{'main thread, cumulative wall':<78} {'s':>7} {'%':>6} {'ms/frame':>9}")
        total = 0.0
        for name, sec in sorted(prof["buckets"].items(), key=lambda kv: -kv[1]):
            total += sec
            print(f"{name:<78} {sec:7.2f} {100 * sec / main_wall:5.1f}% {1000 * sec / frames:9.2f}")
        rest = main_wall - total
        print(
            f"{'the rest (scene code, skip-mode beats before the range, mobject building)':<78} "
            f"{rest:7.2f} {100 * rest / main_wall:5.1f}% {1000 * rest / frames:9.2f}"
        )
        _cpu_split(prof, frames)
        if show_top:
            print(prof["top"].split("Ordered by: cumulative time", 1)[-1].rstrip())

        results = {}
        for variant in ["baseline", *variants]:
            before = load()
            result, digest, n = run([] if variant == "baseline" else [variant], False, variant)
            results[variant] = (result, digest, n)
            base = results["baseline"]
            same = "identical" if digest == base[1] else "DIFFERENT bytes"
            gain = 100 * (1 - result["wall"] / base[0]["wall"])
            print(
                f"\n{variant}: run_job {result['wall']:.2f} s wall, {n} frames -> {n / result['wall']:.1f} "
                f"fps; {gain:+.1f}% wall vs baseline; silent video {same} "
                f"[{before} -> {load()}]"
            )
            _cpu_split(result, n)


def _cpu_split(result: dict, frames: int) -> None:
    enc = result["process_cpu"] - result["main_cpu"]
    print(
        f"  CPU: main thread {result['main_cpu']:.1f} s ({1000 * result['main_cpu'] / frames:.1f} ms/frame), "
        f"other threads {enc:.1f} s ({1000 * enc / frames:.1f} ms/frame; of it the Python encoder "
        f"threads {result['encoder_python_threads_cpu']:.1f} s, the rest x264/swscale worker threads), "
        f"{result['segments']} segments; peak RSS {result['rss']:.0f} MB"
    )


# -- encoding a repeated frame ---------------------------------------------------------------
def encode_repeats(quality: Quality, repeats: int, rounds: int) -> None:
    """A static wait's frame encoded ``repeats`` times, as Manim does (RGBA to an AVFrame and to
    YUV once per repeat) and converted once (:func:`_convert_once`), interleaved ``rounds``
    times; CPU is the process's (x264's and swscale's threads included)."""
    from fractions import Fraction

    import numpy as np
    from manim._config.video_encoder import VideoEncoderSpec
    from manim.scene.video_segment_encoder import VideoSegmentEncoder
    from PIL import Image, ImageDraw

    print(f"\n== a static frame encoded {repeats} times at {quality.name} ==")
    image = Image.new("RGBA", (quality.width, quality.height), (17, 19, 24, 255))
    draw = ImageDraw.Draw(image)
    for i in range(40):  # lines and discs, so x264 has edges to code
        x = quality.width * i // 40
        draw.line(
            [(x, quality.height // 5), (quality.width - x, 4 * quality.height // 5)],
            fill=(88 + 4 * i, 166, 255 - 3 * i, 255),
            width=max(2, quality.height // 200),
        )
        draw.ellipse(
            [
                x,
                quality.height // 2,
                x + quality.height // 30,
                quality.height // 2 + quality.height // 30,
            ],
            fill=(252, 98, 85, 255),
        )
    pixels = np.ascontiguousarray(np.asarray(image))
    spec = VideoEncoderSpec(
        container_format="mp4",
        codec="libx264",
        pixel_format="yuv420p",
        width=quality.width,
        height=quality.height,
        frame_rate=Fraction(quality.fps),
        options=tuple(sorted(quality.encoder_options().items())),
    )
    manim_write = VideoSegmentEncoder.write_frame
    _convert_once()
    once_write = VideoSegmentEncoder.write_frame
    with tempfile.TemporaryDirectory(prefix="bench-frames-") as tmp_name:
        totals: dict[str, list[float]] = {"manim": [0.0, 0.0], "convert-once": [0.0, 0.0]}
        digests = {}
        for r in range(rounds):
            for name, write in (("manim", manim_write), ("convert-once", once_write)):
                target = Path(tmp_name) / f"{name}-{r}.mp4"
                VideoSegmentEncoder.write_frame = write
                wall0, cpu0 = time.perf_counter(), time.process_time()
                encoder = VideoSegmentEncoder(target=target, spec=spec)
                encoder.write_frame(pixels, repeat=1)
                encoder.write_frame(pixels, repeat=repeats - 1)
                encoder.finish()
                totals[name][0] += time.perf_counter() - wall0
                totals[name][1] += time.process_time() - cpu0
                digests.setdefault(name, set()).add(sha256(target))
        VideoSegmentEncoder.write_frame = manim_write
    same = (
        "identical"
        if digests["manim"] == digests["convert-once"] and len(digests["manim"]) == 1
        else "DIFFERENT"
    )
    for name, (wall, cpu) in totals.items():
        print(
            f"{name}: {1000 * cpu / rounds / repeats:.2f} ms CPU/frame, "
            f"{1000 * wall / rounds / repeats:.2f} ms wall/frame (mean of {rounds} rounds)"
        )
    print(
        f"convert-once saves {100 * (1 - totals['convert-once'][1] / totals['manim'][1]):.0f}% of the CPU "
        f"of a repeated frame; the two files are {same} [{load()}]"
    )


# -- memory ------------------------------------------------------------------------------------
def memory(
    entry: manifest.SceneEntry,
    qualities: list[Quality],
    short: tuple[str, str],
    long: tuple[str, str],
) -> None:
    print(f"\n== peak worker memory: {entry.stem} ==")
    plan = silent_plan(entry)
    ids = [b.id for b in plan.beats]

    def seconds(span: tuple[str, str]) -> float:
        return sum(b.duration for b in plan.beats[ids.index(span[0]) : ids.index(span[1]) + 1])

    runs = [(q, short) for q in qualities] + [(qualities[0], long)]
    for quality, span in runs:
        before = load()
        worker = Worker()
        render = render_scene_job(
            SceneJob.of(entry, plan, quality, force=True), beats=span, run=worker
        )
        assert isinstance(render, SceneRender) and worker.result
        frames = video_packet_count(render.silent_video)
        shutil.rmtree(render.work, ignore_errors=True)
        r = worker.result
        print(
            f"{quality.name} {span[0]}..{span[1]} ({seconds(span):.1f} s, {frames} frames): peak RSS "
            f"{r.max_rss_mb:.0f} MB, {r.wall:.1f} s wall, {frames / r.wall:.1f} fps [{before} -> {load()}]"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scene", help="default: the scene shortest with the silent voice")
    parser.add_argument(
        "--parts",
        default="compare,profile,encode,memory",
        help="piper,compare,profile,encode,memory",
    )
    parser.add_argument("--qualities", default="l,h", help="compare at these (l, m, h, p, k)")
    parser.add_argument(
        "--manim-encoders", default="default,pipeline", help="default and/or pipeline"
    )
    parser.add_argument("--profile-quality", default="h")
    parser.add_argument("--profile-beats", help="FIRST,LAST (default: the 2nd and 3rd beats)")
    parser.add_argument("--variants", default=",".join(VARIANTS), help=f"of {', '.join(VARIANTS)}")
    parser.add_argument(
        "--top", action="store_true", help=f"print the profile's top {TOP} functions"
    )
    parser.add_argument(
        "--repeats", type=int, default=300, help="encode: repeats of a static frame"
    )
    parser.add_argument("--memory-qualities", default="h,k")
    parser.add_argument("--memory-beats", help="FIRST,LAST (default: the shortest beat)")
    parser.add_argument("--memory-long-beats", help="FIRST,LAST (default: it and the next two)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cprofile", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.report, [v for v in args.variants.split(",") if v], args.cprofile)
        return

    parts = args.parts.split(",")
    if args.scene:
        entry = project_manifest().find_scene(args.scene)
    else:
        entry = min(project_manifest().all_scenes(), key=lambda e: silent_plan(e).duration)
    plan = silent_plan(entry)
    ids = [b.id for b in plan.beats]
    print(f"machine: {os.cpu_count()} cores, {load()}; others running: {others()}")
    print(f"scene {entry.stem}: {len(ids)} beats, {plan.duration:.1f} s with the silent voice")
    if "piper" in parts:
        piper_rtf(entry)
    if "compare" in parts:
        compare(
            entry,
            [get_quality(q) for q in args.qualities.split(",")],
            args.manim_encoders.split(","),
        )
    if "profile" in parts:
        beats = tuple(args.profile_beats.split(",")) if args.profile_beats else (ids[1], ids[2])
        variants = [v for v in args.variants.split(",") if v]
        profile(entry, get_quality(args.profile_quality), beats, variants, args.top)  # type: ignore[arg-type]
    if "encode" in parts:
        encode_repeats(get_quality(args.profile_quality), args.repeats, 3)
    if "memory" in parts:
        shortest = min(
            range(len(ids)), key=lambda i: plan.beats[i].duration if i + 2 < len(ids) else 1e9
        )
        short = tuple(args.memory_beats.split(",")) if args.memory_beats else (ids[shortest],) * 2
        long = (
            tuple(args.memory_long_beats.split(","))
            if args.memory_long_beats
            else (short[0], ids[min(ids.index(short[0]) + 2, len(ids) - 1)])
        )
        memory(entry, [get_quality(q) for q in args.memory_qualities.split(",")], short, long)  # type: ignore[arg-type]
    print(f"\nend: {load()}; others running: {others()}")


if __name__ == "__main__":
    main()

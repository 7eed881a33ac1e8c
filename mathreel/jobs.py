"""Render jobs: narration planned once, scenes rendered in parallel processes, unchanged ones skipped."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from mathreel.audio_cache import AudioCache
from mathreel.errors import UserError
from mathreel.files import publish, write_text_atomic
from mathreel.manifest import SceneEntry
from mathreel.narration import parse_narration
from mathreel.paths import ROOT, cache_dir, output_dir
from mathreel.quality import Quality
from mathreel.scene_source import check_beats, read_scene_source
from mathreel.synthesis import NarrationPlan, plan_narration
from mathreel.voices.base import Voice

#: System tools a render needs, with the Debian package that brings each.
REQUIRED_TOOLS = {"latex": "texlive-latex-base", "dvisvgm": "dvisvgm"}
#: Pipeline modules whose code shapes a rendered scene file (part of every scene's input key).
_RENDER_MODULES = ("scene", "audio", "mux", "timeline", "render_worker", "quality", "synthesis")


@dataclass(frozen=True)
class SceneFiles:
    """Where one scene's render lands for one quality."""

    stem: str
    quality: Quality

    @property
    def folder(self) -> Path:
        return output_dir() / self.quality.name / "scenes"

    @property
    def video(self) -> Path:
        return self.folder / f"{self.stem}.mp4"

    @property
    def timeline(self) -> Path:
        return self.folder / f"{self.stem}.timeline.json"

    @property
    def plan(self) -> Path:
        return self.folder / f"{self.stem}.narration.json"

    @property
    def audio(self) -> Path:
        return self.folder / f"{self.stem}.narration.wav"

    @property
    def loudness(self) -> Path:
        return self.folder / f"{self.stem}.loudness.json"

    @property
    def key(self) -> Path:
        return self.folder / f"{self.stem}.key"


@dataclass(frozen=True)
class SceneResult:
    """What became of one scene: rendered or reused, how long it took, what it produced."""

    entry: SceneEntry
    files: SceneFiles
    rendered: bool
    seconds: float
    duration: float


def check_tools(tools: dict[str, str] = REQUIRED_TOOLS) -> None:
    """A missing system tool is a one-line error naming it and its package."""
    for tool, package in tools.items():
        if shutil.which(tool) is None:
            raise UserError(
                f"missing system tool '{tool}' (Debian package {package}): run ./run.sh render to install it"
            )


def source_closure(path: Path) -> list[Path]:
    """The scene module, every project module it imports (scenes/, mathreel/), the render pipeline
    modules and manim.cfg: all the code and settings that shape the scene's file."""
    seen: set[Path] = set()
    todo = [path.resolve()]
    while todo:
        current = todo.pop()
        if current in seen or not current.exists():
            continue
        seen.add(current)
        tree = ast.parse(current.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.split(".")[0] in ("scenes", "mathreel"):
                    candidate = ROOT.joinpath(*name.split("."))
                    for option in (candidate.with_suffix(".py"), candidate / "__init__.py"):
                        if option.exists():
                            todo.append(option.resolve())
    pipeline = [ROOT / "mathreel" / f"{m}.py" for m in _RENDER_MODULES] + [ROOT / "manim.cfg"]
    return sorted(seen | {p.resolve() for p in pipeline})


def scene_key(entry: SceneEntry, plan: NarrationPlan, quality: Quality) -> str:
    """Hash of every input of a scene render: its code and the code it uses, narration, voice, quality."""
    digest = hashlib.sha256()
    for path in source_closure(entry.path):
        digest.update(
            str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name).encode()
        )
        digest.update(path.read_bytes())
    digest.update(plan.to_json().encode())
    digest.update(json.dumps([quality.name, quality.encoder_options(), version("manim")]).encode())
    return digest.hexdigest()


def prepare(
    entry: SceneEntry, voice: Voice, cache: AudioCache, stats: dict[str, int] | None = None
) -> NarrationPlan:
    """Parse the scene's narration, check it against the code's beats, synthesize its phrases."""
    script = parse_narration(entry.narration_path)
    source = read_scene_source(entry.path)
    shown = entry.narration_path
    check_beats(
        source, script.beat_ids, shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    )

    def count(cached: bool) -> None:
        if stats is not None:
            stats["cached" if cached else "synthesized"] = (
                stats.get("cached" if cached else "synthesized", 0) + 1
            )

    return plan_narration(script, entry.stem, voice, cache, count)


def _run_worker(job: dict, log_path: Path) -> None:
    job_path = log_path.with_suffix(".job.json")
    job_path.write_text(json.dumps(job, indent=1), encoding="utf-8")
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.run(
            [sys.executable, "-m", "mathreel.render_worker", str(job_path)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=False,
        )
    if proc.returncode != 0:
        error = Path(job["error_out"])
        reason = (
            error.read_text(encoding="utf-8").strip()
            if error.exists()
            else f"exit status {proc.returncode}"
        )
        raise UserError(f"scene '{job['stem']}' failed to render: {reason} (full log: {log_path})")


#: Manim's folders of compiled SVGs (``MathTex`` via LaTeX + dvisvgm, ``Text`` via Pango), keyed
#: by a hash of their source, kept between renders under ``cache_dir()/svg``.
_SVG_CACHES = ("Tex", "texts")


def _seed_svg_cache(media_dir: Path) -> None:
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
            try:
                os.link(svg, target / svg.name)
            except OSError:
                shutil.copyfile(svg, target / svg.name)


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


def render_scene_job(
    entry: SceneEntry, plan: NarrationPlan, quality: Quality, keyframes_dir: Path | None = None
) -> Path:
    """Render one scene in a worker process. Video mode returns the muxed MP4; key-frame mode
    returns the folder of one PNG per beat end, with the scene's ``timeline.json`` beside them."""
    source = read_scene_source(entry.path)
    # Key frames (smoke runs, tests) may run beside a video render of the same scene, or beside
    # another smoke run: each process gets its own work folder.
    mode = f"keyframes-{os.getpid()}" if keyframes_dir else "video"
    work = cache_dir() / "work" / quality.name / entry.stem / mode
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    _seed_svg_cache(work / "media")
    files = SceneFiles(entry.stem, quality)
    plan_path = work / "narration.json"
    plan_path.write_text(plan.to_json(), encoding="utf-8")
    job = {
        "module": entry.module,
        "class": source.class_name,
        "stem": entry.stem,
        "quality": quality.code,
        "plan": str(plan_path),
        "timeline": str(
            keyframes_dir / "timeline.json" if keyframes_dir else work / "timeline.json"
        ),
        "media_dir": str(work / "media"),
        "audio_out": str(work / "narration.wav"),
        "video_out": str(work / "scene.mp4"),
        "loudness_out": str(work / "loudness.json"),
        "error_out": str(work / "error.txt"),
        "keyframes_dir": str(keyframes_dir) if keyframes_dir else None,
    }
    if keyframes_dir:
        keyframes_dir.mkdir(parents=True, exist_ok=True)
    _run_worker(job, work / "render.log")
    _keep_svg_cache(work / "media")
    if keyframes_dir:
        shutil.rmtree(work, ignore_errors=True)
        return keyframes_dir
    # Publish: every file renamed into place; the key last, so a crash leaves the scene stale.
    files.folder.mkdir(parents=True, exist_ok=True)
    files.key.unlink(missing_ok=True)
    for src, dst in (
        (work / "scene.mp4", files.video),
        (work / "timeline.json", files.timeline),
        (plan_path, files.plan),
        (work / "narration.wav", files.audio),
        (work / "loudness.json", files.loudness),
    ):
        publish(src, dst)
    return files.video


def render_scenes(
    entries: Sequence[SceneEntry],
    quality: Quality,
    voice: Voice,
    workers: int,
    echo: Callable[[str], None] = print,
    force: bool = False,
) -> list[SceneResult]:
    """Render ``entries`` at ``quality`` with ``voice``, ``workers`` at a time; skip unchanged scenes."""
    check_tools()
    voice.check_available()
    cache = AudioCache(cache_dir() / "audio")
    plans: dict[str, NarrationPlan] = {}
    for entry in entries:
        stats: dict[str, int] = {}
        started = time.perf_counter()
        plans[entry.stem] = prepare(entry, voice, cache, stats)
        echo(
            f"narration {entry.stem}: {len(plans[entry.stem].beats)} beats, "
            f"{plans[entry.stem].duration:.1f} s ({stats.get('synthesized', 0)} phrases synthesized, "
            f"{stats.get('cached', 0)} cached) in {time.perf_counter() - started:.1f} s"
        )

    def one(entry: SceneEntry) -> SceneResult:
        files = SceneFiles(entry.stem, quality)
        key = scene_key(entry, plans[entry.stem], quality)
        if (
            not force
            and files.key.exists()
            and files.key.read_text() == key
            and files.video.exists()
        ):
            echo(
                f"[{entry.slug}] unchanged, reusing {files.video.relative_to(output_dir().parent)}"
            )
            return SceneResult(entry, files, False, 0.0, _duration(files))
        echo(f"[{entry.slug}] rendering at {quality.name} ...")
        started = time.perf_counter()
        render_scene_job(entry, plans[entry.stem], quality)
        write_text_atomic(files.key, key)
        seconds = time.perf_counter() - started
        result = SceneResult(entry, files, True, seconds, _duration(files))
        echo(
            f"[{entry.slug}] done in {seconds:.1f} s: {result.duration:.1f} s of video -> {files.video}"
        )
        return result

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(one, entries))


def _duration(files: SceneFiles) -> float:
    return json.loads(files.timeline.read_text(encoding="utf-8"))["duration"]


def render_keyframes(
    entries: Iterable[SceneEntry],
    quality: Quality,
    voice: Voice,
    root: Path,
    workers: int,
    echo: Callable[[str], None] = print,
) -> dict[str, Path]:
    """The frame at the end of every beat of every scene, as PNGs under ``root/<stem>/`` (with the
    scene's ``timeline.json``)."""
    check_tools()
    entries = list(entries)
    plans = {e.stem: prepare(e, voice, AudioCache(cache_dir() / "audio")) for e in entries}

    def one(entry: SceneEntry) -> tuple[str, Path]:
        target = root / entry.stem
        shutil.rmtree(target, ignore_errors=True)
        started = time.perf_counter()
        render_scene_job(entry, plans[entry.stem], quality, keyframes_dir=target)
        echo(
            f"[{entry.slug}] {len(plans[entry.stem].beats)} key frames in {time.perf_counter() - started:.1f} s"
        )
        return entry.stem, target

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(pool.map(one, entries))

"""``render.py doctor``: is this machine ready to render, and can what is on disk be trusted?

One line per check (ok / warn / FAIL): system tools, LaTeX packages, fonts, the voice model, free
disk space for the chosen quality, write access, and every cache entry verified (bad ones removed).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mathreel import records
from mathreel.errors import UserError
from mathreel.files import readable_size
from mathreel.layout import SceneFiles
from mathreel.manifest import Manifest
from mathreel.narration.audio_cache import AudioCache
from mathreel.paths import cache_dir, output_dir, shown
from mathreel.quality import QUALITIES, Quality
from mathreel.render.drawing import segments
from mathreel.render.runs import scene_job
from mathreel.render.runs.jobs import ensure_writable

#: System tools: what needs each, and the Debian package that brings it.
TOOLS = {
    "latex": ("every formula (MathTex)", "texlive-latex-base"),
    "dvisvgm": ("every formula (MathTex)", "dvisvgm"),
    "kpsewhich": ("finding LaTeX packages", "texlive-base"),
    "fc-match": ("finding fonts", "fontconfig"),
    "ffprobe": ("the tests' independent probe", "ffmpeg"),
    "espeak-ng": ("--voice espeak", "espeak-ng"),
    "chromium": ("the player page tests", "chromium"),
}
#: LaTeX packages Manim's default template loads.
LATEX_PACKAGES = ("babel.sty", "amsmath.sty", "amssymb.sty", "english.ldf")
#: Reference video bit rates (the upload standard's, bits per second) by frame size and rate;
#: renders here are usually far smaller, so this is a safe upper estimate of the space needed.
REFERENCE_BITRATE = {
    "480p15": 1.5e6,
    "720p30": 5e6,
    "1080p60": 12e6,
    "1440p60": 24e6,
    "2160p60": 68e6,
}
#: Copies of the video the output holds (the scenes, the chapter) and the cache (the kept beat
#: segments, a render's work copy).
OUTPUT_COPIES = 2
CACHE_COPIES = 2
#: Less free space than this on a disk the pipeline writes to: nothing can render.
FULL_BYTES = 16 << 20


@dataclass(frozen=True)
class Check:
    level: str  # "ok", "warn" or "FAIL"
    name: str
    detail: str


def _tools() -> list[Check]:
    found = []
    for tool, (purpose, package) in TOOLS.items():
        if shutil.which(tool):
            found.append(Check("ok", f"tool {tool}", shutil.which(tool) or ""))
        else:
            level = (
                "FAIL" if package in ("texlive-latex-base", "dvisvgm", "texlive-base") else "warn"
            )
            found.append(
                Check(level, f"tool {tool}", f"missing (for {purpose}; Debian package {package})")
            )
    return found


def _latex_packages() -> list[Check]:
    if not shutil.which("kpsewhich"):
        return []
    missing = [
        name
        for name in LATEX_PACKAGES
        if not subprocess.run(["kpsewhich", name], capture_output=True, text=True).stdout.strip()
    ]
    if missing:
        return [Check("FAIL", "LaTeX packages", f"missing: {', '.join(missing)}")]
    return [Check("ok", "LaTeX packages", ", ".join(LATEX_PACKAGES))]


def _fonts() -> list[Check]:
    if not shutil.which("fc-match"):
        return []
    out = subprocess.run(["fc-match", "sans-serif"], capture_output=True, text=True).stdout.strip()
    return [Check("ok" if out else "warn", "fonts", out or "no sans-serif font found")]


def _voice() -> list[Check]:
    from mathreel.narration.voices import get_voice

    try:
        voice = get_voice("piper")
        voice.check_available()
        identity = voice.identity()
    except (UserError, OSError, ImportError) as err:
        return [
            Check(
                "warn", "voice piper", f"unavailable ({err}); --voice espeak or silent still work"
            )
        ]
    return [
        Check("ok", "voice piper", f"{identity.get('model_package')} ({identity.get('model')})")
    ]


def _disk(quality: Quality, minutes: float) -> list[Check]:
    """Free space where rendered videos go (output: scenes and chapter) and where renders work
    (the cache: kept beat segments and a render's work copy); folders on one disk add up."""
    per_copy = REFERENCE_BITRATE[quality.name] / 8 * minutes * 60
    needs: dict[int, tuple[list[Path], float, int]] = {}
    for folder, copies in ((output_dir(), OUTPUT_COPIES), (cache_dir(), CACHE_COPIES)):
        where = folder
        while not where.exists():
            where = where.parent
        disk = where.stat().st_dev
        folders, need, _ = needs.get(disk, ([], 0.0, 0))
        needs[disk] = ([*folders, folder], need + per_copy * copies, shutil.disk_usage(where).free)
    found = []
    for folders, need, free in needs.values():
        names = " and ".join(shown(f) for f in folders)
        detail = (
            f"{readable_size(free)} free for {names}; a {minutes:.0f}-minute chapter needs at most "
            f"about {readable_size(need)}"
        )
        if free < FULL_BYTES:
            level, detail = "FAIL", f"{detail}: the disk is all but full"
        else:
            level = "ok" if free >= need else "warn"
        found.append(Check(level, f"disk space at {quality.name}", detail))
    return found


def _work_folders() -> list[Check]:
    """Work folders left by renders that are gone (killed, or failed beyond the newest few),
    removed; they fill the cache's disk run after run."""
    removed, freed = scene_job.sweep_abandoned_work()
    kept = sum(1 for _ in scene_job.work_root().glob("*")) if scene_job.work_root().is_dir() else 0
    detail = (
        f"{removed} left by killed or failed renders, removed ({readable_size(freed)})"
        if removed
        else "none left by killed or failed renders"
    )
    if kept:
        detail += f"; {kept} kept (running renders, and the newest failed ones' logs)"
    return [Check("warn" if removed else "ok", "work folders", detail)]


def _writable() -> list[Check]:
    found = []
    for name, folder in (("output", output_dir()), ("cache", cache_dir())):
        try:
            ensure_writable(folder)
            found.append(Check("ok", f"write access to {name}", shown(folder)))
        except UserError as err:
            found.append(Check("FAIL", f"write access to {name}", str(err)))
    return found


def _audio_cache() -> list[Check]:
    cache = AudioCache(cache_dir() / "audio")
    entries = cache.entries()
    bad = [path for path in entries if cache.read_verified(path) is None]
    level = "warn" if bad else "ok"
    detail = f"{len(entries) - len(bad)} of {len(entries)} phrase entries verified"
    if bad:
        detail += f"; {len(bad)} damaged, removed (they are synthesized again when needed)"
    return [Check(level, "audio cache", detail)]


def _svg_cache() -> list[Check]:
    svgs = sorted((cache_dir() / "svg").glob("*/*.svg"))
    bad = []
    for svg in svgs:
        try:
            if not svg.read_bytes().rstrip().endswith(b"</svg>"):
                bad.append(svg)
        except OSError:
            bad.append(svg)
    for svg in bad:
        svg.unlink(missing_ok=True)
    detail = f"{len(svgs) - len(bad)} of {len(svgs)} compiled formulas whole"
    if bad:
        detail += f"; {len(bad)} cut short, removed"
    return [Check("warn" if bad else "ok", "formula cache", detail)]


def _segments() -> list[Check]:
    checked, damaged, orphans = segments.verify_all(cache_dir() / "segments")
    detail = f"{checked - len(damaged)} of {checked} kept beat segments verified"
    if damaged:
        detail += f"; {len(damaged)} damaged, removed (drawn again when needed)"
    if orphans:
        detail += f"; {len(orphans)} without a record, removed"
    return [Check("warn" if damaged or orphans else "ok", "beat segments", detail)]


def _rendered_scenes(manifest: Manifest) -> list[Check]:
    found = []
    stems = [entry.stem for entry in manifest.all_scenes()]
    for quality in QUALITIES:
        checked, damaged = 0, []
        for stem in stems:
            files = SceneFiles(stem, quality)
            record = records.read_record(files.key)
            if record is None:
                continue
            checked += 1
            verdict = records.check(files.key, record.inputs, files.artefacts)
            if verdict.damaged:
                damaged.append(f"{stem}: {verdict.reason}")
        if checked:
            level = "warn" if damaged else "ok"
            detail = f"{checked - len(damaged)} of {checked} scenes verified"
            if damaged:
                detail += " (rendered again by the next run): " + "; ".join(damaged)
            found.append(Check(level, f"rendered scenes {quality.name}", detail))
    return found


def chapter_minutes(manifest: Manifest) -> float:
    """The longest chapter's length in minutes, estimated from its narration's text."""
    from mathreel.narration.script import parse_narration
    from mathreel.narration.synthesis import plan_narration
    from mathreel.narration.voices.silent import SilentVoice

    voice = SilentVoice()
    return (
        max(
            sum(
                plan_narration(parse_narration(s.narration_path), s.stem, voice, None).duration
                for s in chapter.scenes
            )
            for chapter in manifest.chapters
        )
        / 60
    )


def run(manifest: Manifest, quality: Quality, echo: Callable[[str], None]) -> bool:
    """Print every check; True when nothing failed."""
    checks = (
        _tools()
        + _latex_packages()
        + _fonts()
        + _voice()
        + _disk(quality, chapter_minutes(manifest))
        + _writable()
        + _work_folders()
        + _audio_cache()
        + _svg_cache()
        + _segments()
        + _rendered_scenes(manifest)
    )
    width = max(len(c.name) for c in checks)
    for check in checks:
        echo(f"{check.level:>4}  {check.name:<{width}}  {check.detail}")
    failed = sum(c.level == "FAIL" for c in checks)
    echo(f"doctor: {len(checks)} checks, {failed} failed")
    return failed == 0

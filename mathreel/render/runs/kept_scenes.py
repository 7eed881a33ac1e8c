"""A scene's last few finished renders, kept by their full scene key.

Undoing an edit brings a scene's inputs back to those of an earlier render. Its beat segments are
still kept, but joining them needs a worker (Manim's start-up and the whole ``construct`` in skip
mode: seconds). So each published scene is also kept here, hard-linked (no second copy while the
output stands), under ``.cache/scenes/<quality>/<stem>/<key>/`` with its record; a render whose key
matches one of them, and whose files check out against that record, is put back in place without
starting a worker.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mathreel import records
from mathreel.files import publish, temporary_sibling
from mathreel.layout import SceneFiles
from mathreel.paths import cache_dir

#: Renders kept per scene and quality (the newest by use): an edit and its undo both stay.
KEEP_PER_SCENE = 3


def _folder(files: SceneFiles) -> Path:
    return cache_dir() / "scenes" / files.quality.name / files.stem


def _link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def keep(files: SceneFiles, key: str) -> None:
    """Keep the scene just published at ``files`` under ``key`` (its record last), then drop the
    scene's least recently used renders beyond :data:`KEEP_PER_SCENE`."""
    folder = _folder(files)
    target = folder / key[:32]
    staged = folder / f".{key[:32]}.pid{os.getpid()}.partial"
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir(parents=True)
    try:
        kept = {role: staged / path.name for role, path in files.artefacts.items()}
        for role, path in files.artefacts.items():
            _link(path, kept[role])
        record = records.read_record(files.key)
        if record is None:
            raise OSError(f"{files.key}: no record to keep")
        shutil.copyfile(files.key, staged / "record.json")
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staged, target)
    except OSError:
        shutil.rmtree(staged, ignore_errors=True)  # a full disk: the render stands, unkept
        return
    renders = sorted(
        (p for p in folder.iterdir() if not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for stale in renders[KEEP_PER_SCENE:]:
        shutil.rmtree(stale, ignore_errors=True)


def restore(files: SceneFiles, key: str) -> records.SceneRecord | None:
    """Put the kept render of ``key`` back at ``files`` and return its record, or None when none
    is kept or it does not check out against its record (a damaged one is removed)."""
    kept = _folder(files) / key[:32]
    paths = {role: kept / path.name for role, path in files.artefacts.items()}
    verdict = records.check(kept / "record.json", key, paths)
    if verdict.record is None:
        if verdict.damaged:
            shutil.rmtree(kept, ignore_errors=True)
        return None
    files.folder.mkdir(parents=True, exist_ok=True)
    files.key.unlink(missing_ok=True)
    for role, path in files.artefacts.items():
        staged = temporary_sibling(path)
        _link(paths[role], staged)
        publish(staged, path)
    records.write_record(files.key, key, verdict.record.frames, verdict.record.fps, files.artefacts)
    os.utime(kept)
    record = records.check(files.key, key, files.artefacts).record
    return record

"""``render.py smoke``: the key frames of every scene (or some), then their goldens approved or
compared."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from mathreel.check.goldens import (
    APPROVE_COMMAND,
    approve,
    check_frame,
    golden_dir,
    golden_frames,
    golden_path,
)
from mathreel.check.keyframes import Echo, SmokeReport, remember_times, render
from mathreel.errors import UserError
from mathreel.manifest import Chapter
from mathreel.paths import shown


def select_scenes(chapters: list[Chapter], names: Iterable[str]) -> list[Chapter]:
    """The chapters holding the scenes ``names`` (all of them when none is named), each cut down
    to the named scenes; an unknown name is a one-line error listing the scenes."""
    wanted = set(names)
    if not wanted:
        return chapters
    known = {entry.stem for chapter in chapters for entry in chapter.scenes}
    unknown = sorted(wanted - known)
    if unknown:
        raise UserError(f"unknown scene '{unknown[0]}': choose one of {', '.join(sorted(known))}")
    picked = [
        replace(chapter, scenes=tuple(e for e in chapter.scenes if e.stem in wanted))
        for chapter in chapters
    ]
    return [chapter for chapter in picked if chapter.scenes]


def run(
    chapters: Iterable[Chapter],
    workers: int,
    update_golden: bool,
    echo: Echo = print,
    scenes: Iterable[str] = (),
) -> SmokeReport:
    """``render.py smoke``: every chapter's key frames and contact sheets (or only ``scenes``');
    then either approve them as the goldens (``update_golden``) or say how they compare."""
    chapters = select_scenes(list(chapters), scenes)
    only = {entry.stem for chapter in chapters for entry in chapter.scenes}
    report = render(chapters, workers, echo)
    remember_times(report)
    for chapter in report.chapters:
        echo(
            f"{chapter.chapter.slug}: {chapter.frame_count} key frames of "
            f"{len(chapter.scenes)} scenes, contact sheet {chapter.contact_sheet}"
        )
    echo(f"smoke: {report.frame_count} key frames in {report.seconds:.1f} s")
    if update_golden:
        done = approve(report, only=only)
        echo(
            f"goldens in {shown(golden_dir())}: {len(done.added)} added, "
            f"{len(done.updated)} updated, {len(done.kept)} unchanged, {len(done.removed)} removed"
        )
        for label, frames in (
            ("added", done.added),
            ("updated", done.updated),
            ("removed", done.removed),
        ):
            for frame in frames:
                echo(f"  {label}: {'/'.join(frame)}")
        return report
    rendered = {
        (c.chapter.slug, s.entry.stem, beat): s.frame(beat)
        for c in report.chapters
        for s in c.scenes
        for beat in s.beats
    }
    missing = [frame for frame in rendered if not golden_path(frame).exists()]
    differing = [
        message
        for frame, path in rendered.items()
        if frame not in missing and (message := check_frame(frame, path))
    ]
    stale = sorted(f for f in golden_frames() - set(rendered) if f[1] in only)
    echo(
        f"goldens: {len(rendered) - len(missing) - len(differing)} of {len(rendered)} key frames "
        f"match, {len(differing)} differ, {len(missing)} have none, {len(stale)} are for beats gone"
    )
    for message in differing:
        echo(f"  {message}")
    for label, frames in (("no golden", missing), ("golden for a beat gone", stale)):
        if frames:
            listed = ", ".join("/".join(f) for f in frames[:5])
            more = f" and {len(frames) - 5} more" if len(frames) > 5 else ""
            echo(f"  {label}: {listed}{more}")
    if differing or missing or stale:
        sheets = ", ".join(str(c.contact_sheet) for c in report.chapters)
        echo(f"after looking at the frames ({sheets}), approve them with: {APPROVE_COMMAND}")
    return report

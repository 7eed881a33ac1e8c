"""Chapter markers at scene starts: checked against the platform rules, as WebVTT and description text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mathreel.clock import clock, stamp
from mathreel.errors import UserError
from mathreel.escape import webvtt_text

MIN_MARKERS = 3
MIN_LENGTH = 10.0


@dataclass(frozen=True)
class Marker:
    """A chapter marker: where a scene starts in the chapter video, and its title."""

    start: float
    end: float
    title: str


def markers(
    starts_and_titles: Sequence[tuple[float, str]],
    total: float,
    strict: bool = True,
    warn: Callable[[str], None] = print,
) -> list[Marker]:
    """Markers from (start, title) pairs; a rule broken is never silently fixed: an error when
    ``strict`` (a course meant for a platform, CI), else a warning (a creator's first chapter of
    one short scene still assembles)."""
    found = [
        Marker(
            start, starts_and_titles[i + 1][0] if i + 1 < len(starts_and_titles) else total, title
        )
        for i, (start, title) in enumerate(starts_and_titles)
    ]
    problems = marker_problems(found)
    if problems:
        message = "chapter markers break the rules: " + "; ".join(problems)
        if strict:
            raise UserError(f"{message} (--strict)")
        warn(
            f"warning: {message}; a platform will not show this chapter list (with --strict "
            "this is an error)"
        )
    return found


def marker_problems(found: Sequence[Marker]) -> list[str]:
    problems = []
    if len(found) < MIN_MARKERS:
        problems.append(f"{len(found)} markers, at least {MIN_MARKERS} needed")
    if found and found[0].start != 0:
        problems.append(f"the first marker is at {found[0].start:.2f} s, not 0:00")
    for a, b in zip(found, found[1:], strict=False):
        if b.start <= a.start:
            problems.append(f"'{b.title}' does not start after '{a.title}'")
    for m in found:
        if m.end - m.start < MIN_LENGTH:
            problems.append(f"'{m.title}' lasts {m.end - m.start:.1f} s, under {MIN_LENGTH:g} s")
    return problems


def description_block(found: Sequence[Marker]) -> str:
    return "\n".join(f"{clock(m.start)} {m.title}" for m in found) + "\n"


def chapters_webvtt(found: Sequence[Marker]) -> str:
    """The markers as a WebVTT ``kind="chapters"`` file (titles through :func:`webvtt_text`)."""
    blocks = [
        f"{i}\n{stamp(m.start, '.')} --> {stamp(m.end, '.')}\n{webvtt_text(m.title)}"
        for i, m in enumerate(found, 1)
    ]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"

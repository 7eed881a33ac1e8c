"""Caption cues from the real phrase audio: timed, merged and broken into lines; SRT and WebVTT text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mathreel.clock import stamp
from mathreel.escape import srt_text, webvtt_text
from mathreel.narration.caption_text import MAX_LINE, MAX_LINES, break_lines, fits_cue
from mathreel.narration.synthesis import NarrationPlan
from mathreel.narration.timeline import Timeline

MIN_CUE = 1.0
MAX_CUE = 7.0
MAX_CPS = 20.0
#: How long a caption stays up after its words end, when the next cue leaves room.
LINGER = 0.4
#: Short cues merge with the next one only across a gap this short (same breath group).
_MERGE_GAP = 0.8


@dataclass(frozen=True)
class SceneSpan:
    """A scene's place in the chapter: where it starts, its narration plan and its real timeline."""

    offset: float
    plan: NarrationPlan
    timeline: Timeline


@dataclass
class Cue:
    """One caption: on screen from ``start`` to ``end`` seconds; ``speech_end`` is when its words end."""

    start: float
    end: float
    text: str
    speech_end: float
    #: The scene and beat a cue's words belong to; cues merge only within one.
    group: str = ""

    @property
    def lines(self) -> list[str]:
        return break_lines(self.text) or [self.text]

    @property
    def duration(self) -> float:
        return self.end - self.start


def phrase_cues(spans: Sequence[SceneSpan]) -> list[Cue]:
    """One cue per synthesized phrase, at its real place on the chapter clock."""
    cues = []
    for span in spans:
        for beat in span.plan.beats:
            beat_start = span.offset + span.timeline.beat(beat.id).start
            for phrase in beat.phrases:
                start = beat_start + phrase.offset
                end = start + phrase.duration
                group = f"{span.plan.scene}/{beat.id}"
                cues.append(Cue(start, end, phrase.caption, end, group))
    return cues


def build_cues(spans: Sequence[SceneSpan], total: float | None = None) -> list[Cue]:
    """Cues meeting the caption rules where the audio allows: short phrases merged with their
    neighbour, each cue held a little past its words, never overlapping the next."""
    cues = phrase_cues(spans)
    merged: list[Cue] = []
    for cue in cues:
        if merged:
            last = merged[-1]
            joined = f"{last.text} {cue.text}"
            short = (last.speech_end - last.start) < MIN_CUE or (
                cue.speech_end - cue.start
            ) < MIN_CUE
            if (
                short
                and cue.group == last.group
                and cue.start - last.speech_end <= _MERGE_GAP
                and fits_cue(joined)
                and cue.speech_end - last.start <= MAX_CUE
            ):
                merged[-1] = Cue(last.start, cue.end, joined, cue.speech_end, cue.group)
                continue
        merged.append(Cue(cue.start, cue.end, cue.text, cue.speech_end, cue.group))
    for i, cue in enumerate(merged):
        limit = (
            merged[i + 1].start
            if i + 1 < len(merged)
            else (total if total is not None else cue.end + 2.0)
        )
        wanted = max(
            cue.speech_end + LINGER, cue.start + MIN_CUE, cue.start + len(cue.text) / MAX_CPS
        )
        cue.end = min(wanted, limit, cue.start + MAX_CUE)
        cue.end = max(cue.end, cue.speech_end if cue.speech_end <= limit else limit)
    return merged


def caption_problems(cues: Sequence[Cue]) -> list[str]:
    """Every broken caption rule, one line each (an empty list means the captions meet the standard)."""
    problems = []
    for i, cue in enumerate(cues, start=1):
        lines = break_lines(cue.text)
        if lines is None or len(lines) > MAX_LINES or any(len(line) > MAX_LINE for line in lines):
            problems.append(f"cue {i}: does not fit {MAX_LINES} lines of {MAX_LINE}: {cue.text!r}")
        if not MIN_CUE - 1e-6 <= cue.duration <= MAX_CUE + 1e-6:
            problems.append(
                f"cue {i}: lasts {cue.duration:.2f} s (allowed {MIN_CUE:g}-{MAX_CUE:g})"
            )
        if len(cue.text) / max(cue.duration, 1e-6) > MAX_CPS + 0.5:
            problems.append(f"cue {i}: {len(cue.text) / cue.duration:.1f} characters per second")
        if i < len(cues) and cues[i].start < cue.end - 1e-6:
            problems.append(f"cue {i}: overlaps the next cue")
    return problems


def to_srt(cues: Sequence[Cue]) -> str:
    """The cues as an SRT file (text through :func:`mathreel.escape.srt_text`)."""
    blocks = [
        f"{i}\n{stamp(c.start, ',')} --> {stamp(c.end, ',')}\n" + srt_text("\n".join(c.lines))
        for i, c in enumerate(cues, start=1)
    ]
    return "\n\n".join(blocks) + "\n"


def to_webvtt(cues: Sequence[Cue]) -> str:
    """The cues as a WebVTT file (text through :func:`mathreel.escape.webvtt_text`)."""
    blocks = [
        f"{stamp(c.start, '.')} --> {stamp(c.end, '.')}\n" + webvtt_text("\n".join(c.lines))
        for c in cues
    ]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"

"""Pure timing arithmetic: where each phrase and mark falls inside a beat, frames, and samples.

Nothing here imports Manim or audio libraries, so the rules are tested exactly and fast.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mathreel.narration.script import Beat, Mark, Pause, Phrase

#: Silence between two phrases of one paragraph (a sentence or clause break), seconds.
PHRASE_GAP = 0.28
#: Silence before the first phrase of a new paragraph, seconds.
PARAGRAPH_GAP = 0.65
#: Silence after a beat's last phrase before the next beat may begin, seconds.
BEAT_TAIL = 0.45
#: Tolerance for float time compared with frame boundaries.
_EPS = 1e-9
#: Delivery sample rate of the narration (AAC-LC 48 kHz).
AUDIO_RATE = 48000
#: Samples in one AAC-LC frame (one packet of a scene's audio stream).
AAC_FRAME = 1024


@dataclass(frozen=True)
class PhraseTiming:
    """One phrase placed inside its beat: offset from the beat start and audio length, seconds."""

    index: int
    offset: float
    duration: float

    @property
    def end(self) -> float:
        return self.offset + self.duration


@dataclass(frozen=True)
class BeatTiming:
    """A beat's narration laid out in time: phrases, marks, where speech ends, and its length."""

    phrases: tuple[PhraseTiming, ...]
    marks: dict[str, float]
    speech_end: float
    duration: float


def layout_beat(beat: Beat, phrase_durations: Sequence[float]) -> BeatTiming:
    """Place a beat's phrases one after another with the house gaps; marks take the next phrase's start.

    ``phrase_durations`` are the real audio lengths of ``beat.phrases`` in order.
    """
    phrases = beat.phrases
    if len(phrases) != len(phrase_durations):
        raise ValueError(
            f"beat '{beat.id}': {len(phrases)} phrases but {len(phrase_durations)} durations"
        )
    t = 0.0
    pending_marks: list[str] = []
    pending_pause: float | None = None
    marks: dict[str, float] = {}
    placed: list[PhraseTiming] = []
    for segment in beat.segments:
        if isinstance(segment, Mark):
            pending_marks.append(segment.name)
        elif isinstance(segment, Pause):
            pending_pause = (pending_pause or 0.0) + segment.seconds
        elif isinstance(segment, Phrase):
            if placed:
                gap = PARAGRAPH_GAP if segment.paragraph_start else PHRASE_GAP
                t += pending_pause if pending_pause is not None else gap
            elif pending_pause is not None:
                t += pending_pause
            pending_pause = None
            for name in pending_marks:
                marks[name] = t
            pending_marks.clear()
            duration = float(phrase_durations[len(placed)])
            if duration <= 0:
                raise ValueError(f"beat '{beat.id}': phrase {len(placed)} has no audio")
            placed.append(PhraseTiming(len(placed), t, duration))
            t += duration
    speech_end = t
    if pending_pause is not None:
        t += pending_pause
    for name in pending_marks:
        marks[name] = t
    return BeatTiming(tuple(placed), marks, speech_end, t + BEAT_TAIL)


def frames_for(seconds: float, fps: int) -> int:
    """Whole frames needed to cover ``seconds`` (rounded up, never negative)."""
    return max(0, math.ceil(seconds * fps - 1e-6))


def aac_aligned_frames(fps: int) -> int:
    """Video frames per AAC-aligned block at ``fps``: the fewest frames that last a whole number
    of :data:`AAC_FRAME`-sample frames at :data:`AUDIO_RATE` (8 at 15 fps, 16 at 30, 32 at 60:
    8/15 s, 25 AAC frames). A scene whose frame count is a multiple of this holds exactly
    ``frames / fps * AUDIO_RATE / AAC_FRAME`` AAC packets, so scenes join by stream copy."""
    per_block = fps * AAC_FRAME
    return per_block // math.gcd(per_block, AUDIO_RATE)


def frame_of(seconds: float, fps: int) -> int:
    """The frame shown at time ``seconds`` (nearest frame boundary)."""
    return round(seconds * fps)


def sample_of(seconds: float, rate: int) -> int:
    """The audio sample index of time ``seconds`` at ``rate`` Hz (nearest sample)."""
    return round(seconds * rate)


@dataclass
class BeatRecord:
    """What actually happened to a beat in a render: when it started and ended on the video clock."""

    id: str
    start: float
    end: float
    narration_duration: float
    marks: dict[str, float] = field(default_factory=dict)
    safe_area_violations: list[str] = field(default_factory=list)
    small_text: list[str] = field(default_factory=list)
    mid_beat_problems: list[str] = field(default_factory=list)
    #: True when the beat's segment was kept from an earlier render, not drawn again.
    reused: bool = False
    #: Why a beat was drawn though its segment might have been kept (empty: its key changed).
    drawn_because: str = ""


@dataclass
class Timeline:
    """The sidecar a scene render writes beside its video: the beats' real start times."""

    scene: str
    fps: int
    duration: float
    beats: list[BeatRecord]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)

    @classmethod
    def from_json(cls, text: str) -> Timeline:
        data = json.loads(text)
        return cls(
            scene=data["scene"],
            fps=data["fps"],
            duration=data["duration"],
            beats=[BeatRecord(**b) for b in data["beats"]],
        )

    @classmethod
    def load(cls, path: Path) -> Timeline:
        return cls.from_json(Path(path).read_text(encoding="utf-8"))

    def beat(self, beat_id: str) -> BeatRecord:
        for record in self.beats:
            if record.id == beat_id:
                return record
        raise KeyError(beat_id)

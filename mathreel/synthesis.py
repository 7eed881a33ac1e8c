"""Narration text to audio and timings: every phrase synthesized (or read from cache) and laid out."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mathreel.audio_cache import AudioCache
from mathreel.narration import Script
from mathreel.timeline import layout_beat
from mathreel.voices.base import Voice


@dataclass
class PhrasePlan:
    """A phrase's words, its caption, where it sits in its beat, and its audio file."""

    spoken: str
    caption: str
    offset: float
    duration: float
    audio: str | None


@dataclass
class BeatPlan:
    """A beat's narration ready to render: its length, mark times and phrases."""

    id: str
    duration: float
    speech_end: float
    marks: dict[str, float]
    phrases: list[PhrasePlan]


@dataclass
class NarrationPlan:
    """A scene's whole narration in time, handed to the render so the voice sets the pace."""

    scene: str
    title: str
    narration_path: str
    voice: str
    audible: bool
    beats: list[BeatPlan] = field(default_factory=list)

    def beat(self, beat_id: str) -> BeatPlan:
        for beat in self.beats:
            if beat.id == beat_id:
                return beat
        raise KeyError(beat_id)

    @property
    def duration(self) -> float:
        return sum(b.duration for b in self.beats)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> NarrationPlan:
        data = json.loads(text)
        beats = [
            BeatPlan(**{**b, "phrases": [PhrasePlan(**p) for p in b["phrases"]]})
            for b in data.pop("beats")
        ]
        return cls(**data, beats=beats)

    @classmethod
    def load(cls, path: Path) -> NarrationPlan:
        return cls.from_json(Path(path).read_text(encoding="utf-8"))


def plan_narration(
    script: Script,
    scene: str,
    voice: Voice,
    cache: AudioCache | None,
    on_phrase: Callable[[bool], None] | None = None,
) -> NarrationPlan:
    """Synthesize every phrase of ``script`` with ``voice`` and lay the beats out in time.

    Audible voices go through ``cache`` (one WAV per phrase); the silent voice needs none.
    ``on_phrase(cached)`` is called after each phrase, for progress and statistics.
    """
    plan = NarrationPlan(scene, script.title, str(script.path), voice.name, voice.audible)
    for beat in script.beats:
        audio: list[str | None] = []
        durations: list[float] = []
        for phrase in beat.phrases:
            if voice.audible and cache is not None:
                path, speech, cached = cache.get_or_synthesize(
                    voice, phrase.spoken, voice.phrase_identity(phrase.spoken)
                )
                audio.append(str(path))
            else:
                speech, cached = voice.synthesize(phrase.spoken), False
                audio.append(None)
            durations.append(speech.duration)
            if on_phrase:
                on_phrase(cached)
        timing = layout_beat(beat, durations)
        plan.beats.append(
            BeatPlan(
                id=beat.id,
                duration=timing.duration,
                speech_end=timing.speech_end,
                marks=dict(timing.marks),
                phrases=[
                    PhrasePlan(p.spoken, p.caption, t.offset, t.duration, a)
                    for p, t, a in zip(beat.phrases, timing.phrases, audio, strict=True)
                ],
            )
        )
    return plan

"""Narration text to audio and timings: every phrase synthesized (or read from cache) and laid out."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from mathreel.narration.audio_cache import AudioCache
from mathreel.narration.heard import spoken_formulas
from mathreel.narration.script import Phrase, Script, Segment, split_phrase
from mathreel.narration.takes import Retaking, TakeChoices
from mathreel.narration.timeline import layout_beat
from mathreel.narration.voices.base import Voice
from mathreel.paths import shown

#: Longest phrase audio that still leaves a caption cue (plus its linger) within 7 seconds.
MAX_PHRASE_SECONDS = 6.4


@dataclass
class PhrasePlan:
    """A phrase's words, its caption, where it sits in its beat, and its audio file (relative to
    the phrase-audio cache, so a plan means the same on any checkout or machine)."""

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
    retaking: Retaking | None = None,
) -> NarrationPlan:
    """Synthesize every phrase of ``script`` with ``voice`` and lay the beats out in time.

    Audible voices go through ``cache`` (one WAV per phrase); the silent voice needs none.
    ``on_phrase(cached)`` is called after each phrase, for progress and statistics. A voice with
    takes speaks each phrase's committed take (``narration/<stem>.takes.json``); with
    ``retaking`` every phrase is heard first and a misheard one tried again, and the file updated.
    """
    plan = NarrationPlan(scene, script.title, shown(script.path), voice.name, voice.audible)
    voice.prepare_script(scene, script)
    takes = TakeChoices.load(script.path) if voice.retakes and cache is not None else None
    speaker = _Speaker(scene, voice, cache, on_phrase, takes, retaking)
    for beat in script.beats:
        spoken: list[tuple[Phrase, str | None, float]] = []
        segments: list[Segment] = []
        speaker.beat = beat.id
        speaker.formulas = spoken_formulas(beat)
        for segment in beat.segments:
            if isinstance(segment, Phrase):
                parts = speaker.speak(segment)
                spoken += parts
                segments += [p for p, _, _ in parts]
            else:
                segments.append(segment)
        timing = layout_beat(replace(beat, segments=tuple(segments)), [d for _, _, d in spoken])
        plan.beats.append(
            BeatPlan(
                id=beat.id,
                duration=timing.duration,
                speech_end=timing.speech_end,
                marks=dict(timing.marks),
                phrases=[
                    PhrasePlan(p.spoken, p.caption, t.offset, t.duration, a)
                    for (p, a, _), t in zip(spoken, timing.phrases, strict=True)
                ],
            )
        )
    if takes is not None and retaking is not None:
        takes.save()
    return plan


@dataclass
class _Speaker:
    """Speaks a scene's phrases: each through the cache, at its committed take, heard and
    re-taken when listening."""

    scene: str
    voice: Voice
    cache: AudioCache | None
    on_phrase: Callable[[bool], None] | None
    takes: TakeChoices | None
    retaking: Retaking | None
    beat: str = ""
    formulas: tuple[str, ...] = ()

    def speak(self, phrase: Phrase) -> list[tuple[Phrase, str | None, float]]:
        """The phrase's audio file and length; a phrase whose audio is too long for one caption
        cue is split at a clause break and each half spoken on its own, so cue times stay real."""
        voice, cache = self.voice, self.cache
        if voice.audible and cache is not None:
            take = self.takes.take(phrase.spoken) if self.takes else 1
            path, speech, cached = self._take(phrase.spoken, take)
        else:
            speech, cached, path = voice.synthesize(phrase.spoken), False, None
        if self.on_phrase:
            self.on_phrase(cached)
        if speech.duration > MAX_PHRASE_SECONDS:
            halves = split_phrase(phrase)
            if halves:
                return self.speak(halves[0]) + self.speak(halves[1])
        if path is not None and self.takes is not None and self.retaking is not None:
            kept = self.retaking.settle(
                self.scene,
                self.beat,
                phrase.spoken,
                self.formulas,
                take,
                lambda n: self._take(phrase.spoken, n)[:2],
                MAX_PHRASE_SECONDS,
            )
            self.takes.choose(phrase.spoken, kept)
            if kept != take:
                path, speech, _ = self._take(phrase.spoken, kept)
        audio = cache.relative(path) if path is not None and cache is not None else None
        return [(phrase, audio, speech.duration)]

    def _take(self, words: str, take: int):
        assert self.cache is not None
        return self.cache.get_or_synthesize(
            self.voice, words, self.voice.phrase_identity(words), take
        )

"""Every phrase heard before it ships: each phrase WAV transcribed on its own, compared with the
words meant, verdicts cached, and a report per scene (word error rate, misheard meaning words).

Transcripts are cached under ``.cache/listen/`` keyed by the WAV's SHA-256, the model's digest and
the decoding options, so a second pass over unchanged audio transcribes nothing; verdicts are
computed from them with the current normaliser (its version is in the report).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from mathreel.errors import UserError
from mathreel.files import write_text_atomic
from mathreel.narration.heard import NORMALISER_VERSION, compare, spoken_formulas
from mathreel.narration.script import Script
from mathreel.narration.voices.base import read_wav
from mathreel.paths import cache_dir


class Hears(Protocol):
    """What the listener needs of a recogniser (the real one, or a stand-in in tests)."""

    def identity(self) -> dict[str, object]: ...

    def transcribe(self, samples, rate: int, words: bool = False): ...


@dataclass
class Verdict:
    """One phrase as heard: the transcript, every difference, the meaning words among them."""

    said: str
    heard: str
    words: int
    edits: list[str]
    meaning: list[str]
    beat: str = ""
    audio: str = ""

    @property
    def ok(self) -> bool:
        return not self.meaning


@dataclass
class SceneHearing:
    """A scene's verdicts, and its word error rate over all its phrases."""

    scene: str
    phrases: list[Verdict] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(v.words for v in self.phrases)

    @property
    def errors(self) -> int:
        return sum(len(v.edits) for v in self.phrases)

    @property
    def wer(self) -> float:
        return self.errors / self.words if self.words else 0.0

    @property
    def misheard(self) -> list[Verdict]:
        return [v for v in self.phrases if not v.ok]

    def to_dict(self) -> dict[str, object]:
        return {
            "scene": self.scene,
            "words": self.words,
            "errors": self.errors,
            "wer": round(self.wer, 4),
            "meaning_misheard": len(self.misheard),
            "phrases": [asdict(v) for v in self.phrases],
        }


def beat_formulas(script: Script) -> dict[str, tuple[str, ...]]:
    """Each beat's spoken formulas, by beat id."""
    return {beat.id: spoken_formulas(beat) for beat in script.beats}


class Listener:
    """Hears phrase WAVs with a recogniser, one phrase per call. Transcripts are cached by the
    WAV's SHA-256, the model's digest and the decoding options; the verdict is computed from the
    transcript each time (microseconds) with the current normaliser, whose version the report
    records, so a normaliser change transcribes nothing again and no verdict is ever stale."""

    def __init__(self, recogniser: Hears, root: Path | None = None) -> None:
        self.recogniser = recogniser
        self.root = Path(root) if root else cache_dir() / "listen"
        self.identity = {**recogniser.identity(), "normaliser": NORMALISER_VERSION}
        self.transcribed = 0
        self.reused = 0

    def transcript(self, wav: Path) -> str:
        """What the recogniser hears in ``wav``: cached, else transcribed."""
        data = Path(wav).read_bytes()
        payload = json.dumps(
            {"wav": hashlib.sha256(data).hexdigest(), **self.recogniser.identity()},
            sort_keys=True,
            ensure_ascii=False,
        )
        key = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        entry = self.root / key[:2] / f"{key}.json"
        try:
            heard = json.loads(entry.read_text(encoding="utf-8"))["heard"]
            if isinstance(heard, str):
                self.reused += 1
                return heard
        except (OSError, ValueError, TypeError, KeyError):
            pass  # missing or damaged: hear it again
        speech = read_wav(Path(wav))
        heard = self.recogniser.transcribe(speech.samples, speech.rate).text
        self.transcribed += 1
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(entry, json.dumps({"heard": heard}, ensure_ascii=False) + "\n")
        return heard

    def hear(self, wav: Path, said: str, formulas: tuple[str, ...] = ()) -> Verdict:
        """The verdict on ``wav`` meant to say ``said``."""
        heard = self.transcript(wav)
        result = compare(said, heard, tuple(formulas))
        return Verdict(
            said=said,
            heard=heard,
            words=len(result.said),
            edits=[str(e) for e in result.edits],
            meaning=[str(e) for e in result.meaning_edits],
        )


def hear_plan(
    listener: Listener,
    scene: str,
    beats: Iterable,
    audio_root: Path,
    formulas: dict[str, tuple[str, ...]],
    on_phrase: Callable[[Verdict], None] | None = None,
) -> SceneHearing:
    """Hear every phrase of a scene's narration plan (its WAVs under ``audio_root``)."""
    hearing = SceneHearing(scene)
    for beat in beats:
        for phrase in beat.phrases:
            if phrase.audio is None:
                continue
            verdict = listener.hear(
                audio_root / phrase.audio, phrase.spoken, formulas.get(beat.id, ())
            )
            verdict.beat, verdict.audio = beat.id, phrase.audio
            hearing.phrases.append(verdict)
            if on_phrase:
                on_phrase(verdict)
    return hearing


def report_lines(hearings: list[SceneHearing]) -> list[str]:
    """A short table: per scene its phrases, words, WER and misheard meaning words; then each
    phrase with a misheard meaning word, with what was heard."""
    width = max([len(h.scene) for h in hearings] + [5])
    lines = [f"{'scene':<{width}}  phrases  words    WER  meaning misheard"]
    for h in hearings:
        lines.append(
            f"{h.scene:<{width}}  {len(h.phrases):>7}  {h.words:>5}  {100 * h.wer:4.1f}%  "
            f"{len(h.misheard):>16}"
        )
    words = sum(h.words for h in hearings)
    errors = sum(h.errors for h in hearings)
    if len(hearings) > 1:
        lines.append(
            f"{'all':<{width}}  {sum(len(h.phrases) for h in hearings):>7}  {words:>5}  "
            f"{100 * errors / max(words, 1):4.1f}%  {sum(len(h.misheard) for h in hearings):>16}"
        )
    for h in hearings:
        for v in h.misheard:
            lines.append(
                f"  {h.scene}/{v.beat}: {', '.join(v.meaning)} — said {v.said!r}, heard {v.heard!r}"
            )
    return lines


def write_report(path: Path, hearings: list[SceneHearing], listener: Listener, voice: str) -> None:
    """``listen.json``: the model, decoding and normaliser, and each scene's verdicts."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "voice": voice,
        "recogniser": listener.identity,
        "words": sum(h.words for h in hearings),
        "errors": sum(h.errors for h in hearings),
        "meaning_misheard": sum(len(h.misheard) for h in hearings),
        "scenes": [h.to_dict() for h in hearings],
    }
    write_text_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


class MeaningMisheard(UserError):
    """``listen --strict`` found a misheard meaning word: exit status 1."""

    exit_code = 1

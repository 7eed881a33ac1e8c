"""Re-takes: a phrase the listener mishears is spoken again as take 2, 3, … and the first take
heard right is kept (tried from take 1 every time, so a better recogniser or normaliser can go
back to it; takes and transcripts already made come from their caches); the chosen take numbers are committed beside the narration
(``narration/<stem>.takes.json``) so every render, preview and fresh clone, with or without the
``listen`` extra, uses the same audio."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mathreel.errors import NarrationError
from mathreel.files import write_text_atomic
from mathreel.narration.voices.base import Speech, Voice

#: Takes tried per phrase before it is reported as needing new words.
MAX_TAKES = 4
TAKES_VERSION = 1


def takes_path(narration: Path) -> Path:
    """``narration/<stem>.takes.json`` beside ``narration/<stem>.md``."""
    return Path(narration).with_suffix(".takes.json")


@dataclass
class TakeChoices:
    """The take number of each phrase that is not take 1, by its spoken words."""

    path: Path
    chosen: dict[str, int] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    saved: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, narration: Path) -> TakeChoices:
        """The scene's committed choices (none when the file is absent); a malformed file is a
        one-line error naming it."""
        path = takes_path(narration)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        try:
            data = json.loads(text)
            takes = data["takes"]
            if data.get("version") != TAKES_VERSION or not isinstance(takes, dict):
                raise ValueError(f"expected version {TAKES_VERSION} and a 'takes' object")
            for words, take in takes.items():
                if not isinstance(take, int) or isinstance(take, bool) or not 1 <= take:
                    raise ValueError(f"take of {words!r} is {take!r}: use a whole number from 1")
        except json.JSONDecodeError as err:
            raise NarrationError(path, err.lineno, f"not valid JSON ({err.msg})") from None
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise NarrationError(path, 1, f"malformed takes file: {err}") from None
        return cls(path, dict(takes), saved=dict(takes))

    def take(self, words: str) -> int:
        self.used.add(words)
        return self.chosen.get(words, 1)

    def choose(self, words: str, take: int) -> None:
        self.used.add(words)
        if take == 1:
            self.chosen.pop(words, None)
        else:
            self.chosen[words] = take

    def save(self) -> bool:
        """Write the file when the choices changed (phrases no longer spoken are dropped; no file
        when every phrase is take 1); True when it was written or removed."""
        kept = {w: t for w, t in sorted(self.chosen.items()) if w in self.used}
        if kept == self.saved:
            return False
        if kept:
            body = json.dumps(
                {"version": TAKES_VERSION, "takes": kept}, indent=1, ensure_ascii=False
            )
            write_text_atomic(self.path, body + "\n")
        else:
            self.path.unlink(missing_ok=True)
        self.saved = dict(kept)
        return True


@dataclass
class Unfixed:
    """A phrase no take got heard right: what was meant and what the first take sounded like."""

    scene: str
    beat: str
    said: str
    heard: str
    meaning: list[str]

    def __str__(self) -> str:
        return (
            f"{self.scene}/{self.beat}: {', '.join(self.meaning)} — said {self.said!r}, "
            f"heard {self.heard!r} in every one of its takes: reword or respell it"
        )


@dataclass
class Retaking:
    """Listening while planning: each phrase heard, misheard ones tried again."""

    listener: object  # mathreel.narration.listen.Listener
    max_takes: int = MAX_TAKES
    #: (scene, words, take kept, what take 1 was misheard as, whether the kept take differs from
    #: the committed one) of every phrase whose kept take is not take 1.
    retaken: list[tuple[str, str, int, str, bool]] = field(default_factory=list)
    unfixed: list[Unfixed] = field(default_factory=list)
    heard: int = 0

    def settle(
        self,
        scene: str,
        beat: str,
        words: str,
        formulas: tuple[str, ...],
        committed: int,
        speak: Callable[[int], tuple[Path, Speech]],
        max_seconds: float = float("inf"),
    ) -> int:
        """The take of ``words`` to keep: the first of takes 1, 2, … heard right and no longer
        than ``max_seconds`` (takes and transcripts already made come from their caches), else
        the ``committed`` one, reported as unfixed."""
        first = None
        for take in range(1, self.max_takes + 1):
            path, speech = speak(take)
            heard = self.listener.hear(path, words, formulas)
            self.heard += 1
            first = first or heard
            if heard.ok and speech.duration <= max_seconds:
                if take != 1:
                    why = ", ".join(first.meaning) or "too long"
                    self.retaken.append((scene, words, take, why, take != committed))
                return take
        assert first is not None
        self.unfixed.append(Unfixed(scene, beat, words, first.heard, first.meaning))
        return committed

    def summary(self, unfixed: bool = True) -> list[str]:
        """What listening did: phrases heard, re-taken, and (``unfixed``) each phrase no take
        fixed."""
        new = sum(fresh for *_, fresh in self.retaken)
        lines = [
            f"listened to {self.heard} takes ({self.listener.transcribed} transcribed): "
            f"{len(self.retaken)} phrases re-taken ({new} new), {len(self.unfixed)} not fixed"
        ]
        lines += [
            f"  re-taken: {scene}: take {take} of {words!r} (take 1: {why}"
            + (", new)" if fresh else ")")
            for scene, words, take, why, fresh in self.retaken
        ]
        lines += [f"  not fixed: {u}" for u in self.unfixed] if unfixed else []
        return lines


#: ``MATHREEL_LISTEN=off`` plans with the committed takes unheard (the test suite's renders).
LISTEN_ENV = "MATHREEL_LISTEN"


def listening_for(voice: Voice, echo: Callable[[str], None]) -> Retaking | None:
    """A :class:`Retaking` for a voice with takes when the ``listen`` extra is installed; else
    None, said once."""
    if not voice.retakes:
        return None
    if os.environ.get(LISTEN_ENV, "on") == "off":
        echo(f"listening off ({LISTEN_ENV}=off): phrases keep their committed takes, unheard")
        return None
    from mathreel.narration.listen import Listener
    from mathreel.narration.recogniser import ListenUnavailable, Recogniser

    try:
        Recogniser.check_available()
        recogniser = Recogniser()
    except ListenUnavailable as err:
        echo(f"listening skipped ({err}); phrases keep their committed takes, unheard")
        return None
    return Retaking(Listener(recogniser))

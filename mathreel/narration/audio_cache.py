"""On-disk cache of synthesized phrase audio: one WAV per entry, keyed over text, voice and settings."""

from __future__ import annotations

import hashlib
import json
import wave
from pathlib import Path

from mathreel.files import write_text_atomic
from mathreel.narration.voices.base import Speech, Voice, read_wav, write_wav_atomic

#: Bump when the cached audio's processing changes (trimming, format) to retire old entries.
CACHE_SCHEMA = 1


def cache_key(text: str, voice_name: str, identity: dict[str, object]) -> str:
    """A stable key over everything that changes a phrase's audio."""
    payload = json.dumps(
        {"schema": CACHE_SCHEMA, "text": text, "voice": voice_name, "identity": identity},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _digest_path(wav: Path) -> Path:
    return wav.with_suffix(".sha256")


class AudioCache:
    """Phrase audio by key under ``root/<voice>/<key[:2]>/<key>.wav``, each entry with a
    ``.sha256`` beside it (the WAV's size and digest), checked before the entry is used."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, voice: Voice, text: str, identity: dict[str, object], take: int = 1) -> Path:
        """Where take ``take`` of ``text`` is kept (take 1 is keyed as a voice without takes)."""
        if take != 1:
            identity = {**identity, "take": take}
        key = cache_key(text, voice.name, identity)
        return self.root / voice.name / key[:2] / f"{key}.wav"

    def relative(self, path: Path) -> str:
        """An entry's path relative to the cache root, as plans store it (path-independent)."""
        return path.relative_to(self.root).as_posix()

    def read_verified(self, path: Path) -> Speech | None:
        """The entry's audio when its size and digest match its record; None (entry removed)
        when it is missing, cut short, changed or unreadable."""
        if not path.exists():
            return None
        try:
            size, digest = _digest_path(path).read_text(encoding="ascii").split()
            data = path.read_bytes()
            if len(data) == int(size) and hashlib.sha256(data).hexdigest() == digest:
                return read_wav(path)
        except (OSError, ValueError, UnicodeDecodeError, wave.Error, EOFError):
            pass
        path.unlink(missing_ok=True)
        _digest_path(path).unlink(missing_ok=True)
        return None

    def entries(self) -> list[Path]:
        return sorted(self.root.glob("*/*/*.wav"))

    def get_or_synthesize(
        self, voice: Voice, text: str, identity: dict[str, object], take: int = 1
    ) -> tuple[Path, Speech, bool]:
        """The phrase's audio file and samples (take ``take`` of it, for a voice with takes);
        the bool is True when it came from the cache."""
        path = self.path_for(voice, text, identity, take)
        cached = self.read_verified(path)
        if cached is not None:
            return path, cached, True
        write_wav_atomic(path, voice.synthesize_take(text, take))
        data = path.read_bytes()
        write_text_atomic(_digest_path(path), f"{len(data)} {hashlib.sha256(data).hexdigest()}\n")
        return path, read_wav(path), False

"""On-disk cache of synthesized phrase audio: one WAV per entry, keyed over text, voice and settings."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import wave
from pathlib import Path

import numpy as np

from mathreel.files import write_text_atomic
from mathreel.narration.voices.base import Speech, Voice

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


def write_wav_atomic(path: Path, speech: Speech) -> None:
    """Write 16-bit mono WAV to a temporary file in the same folder, then rename over ``path``.

    Two processes writing the same entry each produce a whole file; the last rename wins, and a
    reader never sees a half-written one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    pcm = np.clip(np.round(speech.samples * 32767.0), -32768, 32767).astype("<i2")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".wav")
    try:
        with os.fdopen(fd, "wb") as handle, wave.open(handle, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(speech.rate)
            wav.writeframes(pcm.tobytes())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_wav(path: Path) -> Speech:
    """Read a 16-bit WAV written by :func:`write_wav_atomic` (or a recorded take) as mono.

    A file holding fewer samples than its header promises (cut short) is a ``ValueError``."""
    with wave.open(str(path), "rb") as wav:
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
        count = wav.getnframes()
        frames = wav.readframes(count)
    if width != 2:
        raise ValueError(f"{path}: expected 16-bit PCM, found {8 * width}-bit")
    if len(frames) != count * width * channels:
        raise ValueError(
            f"{path}: cut short ({len(frames)} bytes of samples, its header says {count * width * channels})"
        )
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return Speech(samples, rate)


def _digest_path(wav: Path) -> Path:
    return wav.with_suffix(".sha256")


class AudioCache:
    """Phrase audio by key under ``root/<voice>/<key[:2]>/<key>.wav``, each entry with a
    ``.sha256`` beside it (the WAV's size and digest), checked before the entry is used."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, voice: Voice, text: str, identity: dict[str, object]) -> Path:
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
        self, voice: Voice, text: str, identity: dict[str, object]
    ) -> tuple[Path, Speech, bool]:
        """The phrase's audio file and samples; the bool is True when it came from the cache."""
        path = self.path_for(voice, text, identity)
        cached = self.read_verified(path)
        if cached is not None:
            return path, cached, True
        write_wav_atomic(path, voice.synthesize(text))
        data = path.read_bytes()
        write_text_atomic(_digest_path(path), f"{len(data)} {hashlib.sha256(data).hexdigest()}\n")
        return path, read_wav(path), False

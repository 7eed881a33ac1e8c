"""The small interface every voice backend implements, and the shared clean-up of its audio."""

from __future__ import annotations

import os
import tempfile
import wave
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Speech:
    """Mono audio of one phrase: float32 samples in [-1, 1] at ``rate`` Hz."""

    samples: np.ndarray
    rate: int

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate


class Voice(ABC):
    """A speech backend. ``identity`` holds everything that changes the audio, for cache keys."""

    #: The name used on the command line (``--voice NAME``).
    name: str = ""
    #: True when the audio is real sound (not the silent voice's placeholder).
    audible: bool = True
    #: True when take n of a phrase sounds different from take 1 (a seeded neural voice), so a
    #: phrase the listener mishears can be tried again.
    retakes: bool = False

    @abstractmethod
    def identity(self) -> dict[str, object]:
        """Backend version and every setting that affects the audio (model, speed, ...)."""

    def phrase_identity(self, text: str) -> dict[str, object]:
        """What keys one phrase's cached audio; by default the voice's identity (the text is keyed apart)."""
        return self.identity()

    @abstractmethod
    def synthesize(self, text: str) -> Speech:
        """Speak ``text`` (one phrase) and return its audio, edges trimmed of silence."""

    def prepare_script(self, scene: str, script) -> None:
        """Called with a scene's whole script before its phrases are spoken (a voice recorded
        one take per beat cuts its takes here); by default nothing to do."""
        return None

    def synthesize_take(self, text: str, take: int) -> Speech:
        """Take ``take`` of ``text``; a voice without takes has only the one."""
        return self.synthesize(text)

    def check_available(self) -> None:
        """Raise :class:`mathreel.errors.UserError` when a tool or model this voice needs is missing.

        The default finds nothing missing: a voice with no outside needs (the silent one) keeps it.
        """
        return None


def trim_silence(
    samples: np.ndarray, rate: int, threshold_db: float = -45.0, guard: float = 0.015
) -> np.ndarray:
    """Cut near-silence from both ends, keeping ``guard`` seconds, so speech starts on its beat."""
    if samples.size == 0:
        return samples
    level = 10 ** (threshold_db / 20) * max(float(np.max(np.abs(samples))), 1e-9)
    loud = np.flatnonzero(np.abs(samples) > level)
    if loud.size == 0:
        return samples[:0]
    pad = int(guard * rate)
    return samples[max(0, loud[0] - pad) : loud[-1] + pad + 1]


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

"""The small interface every voice backend implements, and the shared clean-up of its audio."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

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

    @abstractmethod
    def identity(self) -> dict[str, object]:
        """Backend version and every setting that affects the audio (model, speed, ...)."""

    def phrase_identity(self, text: str) -> dict[str, object]:
        """What keys one phrase's cached audio; by default the voice's identity (the text is keyed apart)."""
        return self.identity()

    @abstractmethod
    def synthesize(self, text: str) -> Speech:
        """Speak ``text`` (one phrase) and return its audio, edges trimmed of silence."""

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

"""A voice without sound: durations estimated from the text, for fast visual iteration and tests."""

from __future__ import annotations

import numpy as np

from mathreel.narration.voices.base import Speech, Voice

#: A calm narration pace, words per second (about 155 words a minute).
WORDS_PER_SECOND = 2.6
RATE = 16000


class SilentVoice(Voice):
    """Silence as long as the phrase would take to say; no synthesis, no cache needed."""

    name = "silent"
    audible = False

    def identity(self) -> dict[str, object]:
        return {"backend": "silent 1", "words_per_second": WORDS_PER_SECOND}

    @staticmethod
    def estimate(text: str) -> float:
        """Seconds to say ``text`` at the house pace, never under a quarter second."""
        return max(0.25, len(text.split()) / WORDS_PER_SECOND)

    def synthesize(self, text: str) -> Speech:
        return Speech(np.zeros(round(self.estimate(text) * RATE), dtype=np.float32), RATE)

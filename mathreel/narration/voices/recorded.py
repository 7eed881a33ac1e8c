"""A creator's own voice: recorded takes, one WAV per phrase, found by a hash of the phrase's words."""

from __future__ import annotations

import hashlib
from pathlib import Path

from mathreel.errors import UserError
from mathreel.narration.voices.base import Speech, Voice, read_wav, trim_silence
from mathreel.paths import narration_dir


def take_name(text: str) -> str:
    """The file a take of ``text`` is recorded to: stable while the words stay the same."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12] + ".wav"


class RecordedVoice(Voice):
    """Reads ``narration/takes/<hash>.wav`` (16-bit PCM WAV, any rate, mono or stereo) per phrase.

    ``render.py takes SCENE`` lists each phrase with its file name. Editing a narration line
    changes its hash, so a stale take is never used for new words.
    """

    name = "recorded"

    def __init__(self, takes_dir: Path | None = None) -> None:
        self.takes_dir = Path(takes_dir) if takes_dir else narration_dir() / "takes"

    def identity(self) -> dict[str, object]:
        return {"backend": "recorded 1"}

    def phrase_identity(self, text: str) -> dict[str, object]:
        path = self.take_path(text)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else "missing"
        return {**self.identity(), "take_sha256": digest}

    def take_path(self, text: str) -> Path:
        return self.takes_dir / take_name(text)

    def synthesize(self, text: str) -> Speech:
        path = self.take_path(text)
        if not path.exists():
            raise UserError(
                f"no recorded take {path} for: {text!r} (render.py takes SCENE lists them all)"
            )
        try:
            speech = read_wav(path)
        except Exception as err:  # wave.Error, EOFError, ValueError: all mean an unusable file
            raise UserError(f"{path}: not a 16-bit PCM WAV take ({err})") from None
        peak = float(abs(speech.samples).max()) if speech.samples.size else 0.0
        if peak <= 0:
            raise UserError(f"{path}: the take is silent")
        return Speech(trim_silence(speech.samples / peak * 0.9, speech.rate), speech.rate)

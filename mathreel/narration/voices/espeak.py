"""A lighter fallback voice: espeak-ng from the system packages."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from functools import cached_property

import numpy as np

from mathreel.errors import UserError
from mathreel.narration.voices.base import Speech, Voice, trim_silence


class EspeakVoice(Voice):
    """espeak-ng, US English, at a calm narration speed."""

    name = "espeak"

    def __init__(self, language: str = "en-us", words_per_minute: int = 160, pitch: int = 45):
        self.language = language
        self.words_per_minute = words_per_minute
        self.pitch = pitch

    def check_available(self) -> None:
        if shutil.which("espeak-ng") is None:
            raise UserError(
                "voice 'espeak' needs the system tool espeak-ng: run ./run.sh to install it"
            )

    @cached_property
    def _version(self) -> str:
        self.check_available()
        out = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True, check=True)
        return out.stdout.strip()

    def identity(self) -> dict[str, object]:
        return {
            "backend": self._version,
            "language": self.language,
            "words_per_minute": self.words_per_minute,
            "pitch": self.pitch,
        }

    def synthesize(self, text: str) -> Speech:
        self.check_available()
        result = subprocess.run(
            [
                "espeak-ng",
                "-v",
                self.language,
                "-s",
                str(self.words_per_minute),
                "-p",
                str(self.pitch),
                "--stdout",
                text,
            ],
            capture_output=True,
            check=False,
        )
        if result.returncode != 0:
            raise UserError(f"espeak-ng failed: {result.stderr.decode(errors='replace').strip()}")
        with wave.open(io.BytesIO(result.stdout)) as wav:
            rate = wav.getframerate()
            frames = wav.readframes(wav.getnframes())
        samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
        peak = float(np.max(np.abs(samples))) if samples.size else 0.0
        if peak > 0:
            samples = samples / peak * 0.9
        return Speech(trim_silence(samples, rate), rate)

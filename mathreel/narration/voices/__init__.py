"""Voice backends by name: one module each behind :class:`mathreel.narration.voices.base.Voice`."""

from __future__ import annotations

from mathreel.errors import UserError
from mathreel.narration.voices.base import Speech, Voice
from mathreel.narration.voices.espeak import EspeakVoice
from mathreel.narration.voices.piper import PiperVoice
from mathreel.narration.voices.recorded import RecordedVoice
from mathreel.narration.voices.silent import SilentVoice

VOICES: dict[str, type[Voice]] = {
    "piper": PiperVoice,
    "espeak": EspeakVoice,
    "silent": SilentVoice,
    "recorded": RecordedVoice,
}
DEFAULT_VOICE = "piper"


def get_voice(name: str) -> Voice:
    """The voice called ``name``; an unknown name is a one-line error listing the choices."""
    try:
        return VOICES[name]()
    except KeyError:
        raise UserError(f"unknown voice '{name}': choose one of {', '.join(VOICES)}") from None


__all__ = ["VOICES", "DEFAULT_VOICE", "Speech", "Voice", "get_voice"]

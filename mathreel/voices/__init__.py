"""Voice backends by name: one module each behind :class:`mathreel.voices.base.Voice`."""

from __future__ import annotations

from mathreel.errors import UserError
from mathreel.voices.base import Speech, Voice
from mathreel.voices.espeak import EspeakVoice
from mathreel.voices.piper import PiperVoice
from mathreel.voices.recorded import RecordedVoice
from mathreel.voices.silent import SilentVoice

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

"""Voice backends by name: one module each behind :class:`mathreel.narration.voices.base.Voice`.

Each backend is imported when it is chosen, so naming the voices (the CLI's ``--help``) costs
nothing."""

from __future__ import annotations

import importlib

from mathreel.errors import UserError

#: Each voice's module under this package and its class.
VOICES: dict[str, tuple[str, str]] = {
    "piper": ("piper", "PiperVoice"),
    "espeak": ("espeak", "EspeakVoice"),
    "silent": ("silent", "SilentVoice"),
    "recorded": ("recorded", "RecordedVoice"),
}
DEFAULT_VOICE = "piper"


def get_voice(name: str):
    """The voice called ``name``; an unknown name is a one-line error listing the choices."""
    if name not in VOICES:
        raise UserError(f"unknown voice '{name}': choose one of {', '.join(VOICES)}")
    module, cls = VOICES[name]
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)()


__all__ = ["VOICES", "DEFAULT_VOICE", "get_voice"]

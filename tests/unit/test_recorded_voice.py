"""Recorded takes as a voice: found by phrase hash, trimmed, keyed by their content, clear errors."""

from __future__ import annotations

import numpy as np
import pytest

from mathreel.errors import UserError
from mathreel.narration.audio_cache import AudioCache
from mathreel.narration.voices.base import Speech, write_wav_atomic
from mathreel.narration.voices.recorded import RecordedVoice, take_name


def record(
    voice: RecordedVoice, text: str, seconds: float, rate: int = 44100, level: float = 0.3
) -> None:
    tone = level * np.sin(2 * np.pi * 220 * np.arange(int(seconds * rate)) / rate)
    padded = np.concatenate([np.zeros(rate // 2), tone, np.zeros(rate // 2)]).astype(np.float32)
    write_wav_atomic(voice.take_path(text), Speech(padded, rate))


def test_take_is_read_trimmed_and_peak_normalized(tmp_path):
    voice = RecordedVoice(tmp_path)
    record(voice, "The slope is two.", 1.5)
    speech = voice.synthesize("The slope is two.")
    assert speech.rate == 44100
    assert speech.duration == pytest.approx(1.5, abs=0.05)  # half a second of silence cut each side
    assert float(np.max(np.abs(speech.samples))) == pytest.approx(0.9, abs=0.01)


def test_missing_take_names_the_file(tmp_path):
    voice = RecordedVoice(tmp_path)
    with pytest.raises(UserError, match=take_name("Not recorded yet.")):
        voice.synthesize("Not recorded yet.")


def test_a_new_take_replaces_the_cached_audio(tmp_path):
    voice, cache = RecordedVoice(tmp_path / "takes"), AudioCache(tmp_path / "cache")
    record(voice, "Again.", 1.0)
    first, _, _ = cache.get_or_synthesize(voice, "Again.", voice.phrase_identity("Again."))
    record(voice, "Again.", 2.0)
    second, speech, cached = cache.get_or_synthesize(
        voice, "Again.", voice.phrase_identity("Again.")
    )
    assert first != second and not cached
    assert speech.duration == pytest.approx(2.0, abs=0.05)


def test_take_name_follows_the_words():
    assert take_name("One.") == take_name("One.") != take_name("One!")
    assert take_name("One.").endswith(".wav") and len(take_name("One.")) == 16

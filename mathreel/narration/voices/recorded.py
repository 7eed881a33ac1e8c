"""A creator's own voice: recorded takes, one WAV per phrase (found by a hash of the phrase's
words), or one recording per beat (``narration/takes/<scene>/<beat>.<wav|flac|mp3|...>``) cut into
its phrases by the listener (:mod:`mathreel.narration.beat_takes`)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from mathreel.errors import UserError
from mathreel.narration.voices.base import Speech, Voice, read_wav, trim_silence
from mathreel.paths import narration_dir


def take_name(text: str) -> str:
    """The file a take of ``text`` is recorded to: stable while the words stay the same."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12] + ".wav"


class RecordedVoice(Voice):
    """Reads ``narration/takes/<hash>.wav`` (16-bit PCM WAV, any rate, mono or stereo) per phrase.

    ``render.py takes SCENE`` lists each phrase with its file name. Editing a narration line
    changes its hash, so a stale take is never used for new words.
    """

    name = "recorded"

    def __init__(self, takes_dir: Path | None = None, aligner=None) -> None:
        self.takes_dir = Path(takes_dir) if takes_dir else narration_dir() / "takes"
        self.aligner = aligner
        #: Phrase audio cut from beat takes, by the phrase's words: (samples, take digest, cut,
        #: the take's file).
        self.cut: dict[str, tuple[Speech, str, tuple[float, float], Path]] = {}
        self.warnings: list[str] = []

    def beat_take(self, scene: str, beat: str) -> Path | None:
        """The beat's own recording, if there is one (any of the formats PyAV decodes)."""
        from mathreel.narration.beat_takes import TAKE_SUFFIXES

        for suffix in TAKE_SUFFIXES:
            path = self.takes_dir / scene / f"{beat}{suffix}"
            if path.exists():
                return path
        return None

    def prepare_script(self, scene: str, script) -> None:
        """Cut every beat recorded as one take into its phrases (aligned by the listener)."""
        from mathreel.narration.beat_takes import BeatAligner

        for beat in script.beats:
            path = self.beat_take(scene, beat.id)
            if path is None:
                continue
            if self.aligner is None:
                from mathreel.narration.recogniser import Recogniser
                from mathreel.paths import cache_dir

                try:
                    Recogniser.check_available()
                except UserError as err:
                    raise UserError(
                        f"{path}: a beat take is aligned by the listener: {err}"
                    ) from None
                self.aligner = BeatAligner(Recogniser(), cache_dir() / "align")
            self._cut_beat(path, beat)

    def _cut_beat(self, path: Path, beat) -> None:
        """Cut one beat take into its phrases; a phrase too long for one caption cue is cut into
        the halves the plan will split it into (as the plan splits a synthesized phrase)."""
        from mathreel.narration.heard import spoken_formulas
        from mathreel.narration.script import split_phrase
        from mathreel.narration.synthesis import MAX_PHRASE_SECONDS

        units = list(beat.phrases)
        formulas = spoken_formulas(beat)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        while True:
            texts = [p.spoken for p in units]
            speech, cuts, warnings = self.aligner.cuts(path, beat.id, texts, formulas)
            pieces = [
                Speech(
                    speech.samples[round(c.start * speech.rate) : round(c.end * speech.rate)],
                    speech.rate,
                )
                for c in cuts
            ]
            # Every cut is kept, a whole too-long phrase too: the plan speaks it, then its halves.
            for text, cut, piece in zip(texts, cuts, pieces, strict=True):
                self.cut[text] = (piece, digest, (cut.start, cut.end), path)
            long = [
                k
                for k, piece in enumerate(pieces)
                if _levelled(piece, path).duration > MAX_PHRASE_SECONDS and split_phrase(units[k])
            ]
            if not long:
                break
            units[long[0] : long[0] + 1] = split_phrase(units[long[0]])
        self.warnings += [f"{path.name}: {w}" for w in warnings]

    def identity(self) -> dict[str, object]:
        return {"backend": "recorded 1"}

    def phrase_identity(self, text: str) -> dict[str, object]:
        if text in self.cut:
            _, digest, span, _ = self.cut[text]
            return {**self.identity(), "beat_take_sha256": digest, "cut": list(span)}
        path = self.take_path(text)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else "missing"
        return {**self.identity(), "take_sha256": digest}

    def take_path(self, text: str) -> Path:
        return self.takes_dir / take_name(text)

    def synthesize(self, text: str) -> Speech:
        if text in self.cut:
            speech, _, _, path = self.cut[text]
            return _levelled(speech, path)
        path = self.take_path(text)
        if not path.exists():
            raise UserError(
                f"no recorded take {path} for: {text!r} (render.py takes SCENE lists them all)"
            )
        try:
            speech = read_wav(path)
        except Exception as err:  # wave.Error, EOFError, ValueError: all mean an unusable file
            raise UserError(f"{path}: not a 16-bit PCM WAV take ({err})") from None
        return _levelled(speech, path)


def _levelled(speech: Speech, path: Path) -> Speech:
    """A take peak-normalized to 0.9 and trimmed of its silent edges; a silent take is an error."""
    peak = float(abs(speech.samples).max()) if speech.samples.size else 0.0
    if peak <= 0:
        raise UserError(f"{path}: the take is silent")
    return Speech(trim_silence(speech.samples / peak * 0.9, speech.rate), speech.rate)

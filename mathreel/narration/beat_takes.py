"""Your own voice, one take per beat: a recording of a whole beat cut into its phrases.

The recogniser's word times place each phrase roughly (on piper phrases joined by 0.6 s pauses,
Whisper base's starts were 28–100 ms early and its ends 90–220 ms early); each cut between two
phrases is then refined by an energy search for the pause between them: the longest quiet run of
5 ms frames near the recogniser's boundary. The phrase after the pause starts where the speech
comes back, and both cuts sit inside the pause, clear of speech.

A take missing most of a phrase, or a meaning word of it, is refused in one line naming the beat
and the words; a single misheard ordinary word is a warning.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from mathreel.errors import UserError
from mathreel.files import write_text_atomic
from mathreel.narration.heard import align, is_meaning_word, normalise, sounds_alike
from mathreel.narration.voices.base import Speech

#: Bump when the alignment changes: cached cuts are keyed on it.
ALIGN_VERSION = 1
#: File types a beat take may be (anything PyAV decodes; these are looked for).
TAKE_SUFFIXES = (".wav", ".flac", ".mp3", ".ogg", ".opus", ".m4a", ".aiff", ".aif")
HOP = 0.005  # energy frames: 5 ms hop, 10 ms window
CLEAR = 0.035  # a cut stays this far inside the pause from where the speech was found to stop
#: ... and from where it was found to start again (found up to 10 ms late: two frames' hops)
CLEAR_ONSET = CLEAR + 2 * HOP
MIN_PAUSE = 0.08  # the shortest quiet run taken for a pause between phrases


def decode_audio(path: Path) -> Speech:
    """Any file PyAV decodes (16/24-bit or float WAV, FLAC, MP3, ...) as mono float32."""
    import av

    try:
        with av.open(str(path)) as container:
            stream = container.streams.audio[0]
            rate = stream.codec_context.sample_rate or stream.rate
            resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
            chunks = [
                frame.to_ndarray().reshape(-1)
                for packet in container.decode(stream)
                for frame in resampler.resample(packet)
            ]
            chunks += [frame.to_ndarray().reshape(-1) for frame in resampler.resample(None)]
    except (av.FFmpegError, IndexError, OSError) as err:
        raise UserError(f"{path}: not an audio file PyAV can decode ({err})") from None
    samples = np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)
    return Speech(samples, int(rate))


@dataclass(frozen=True)
class Cut:
    """One phrase's place in a beat take, in seconds: from ``start`` to ``end``; ``onset`` is
    where its speech begins (the mark)."""

    start: float
    end: float
    onset: float


def _frame_db(samples: np.ndarray, rate: int) -> tuple[np.ndarray, float]:
    """Frame levels in dB (a 10 ms window every :data:`HOP`), and the hop in seconds as it
    really is in samples (5 ms at 22,050 Hz is 110 samples, 4.99 ms: counted as 5 ms, a minute's
    take would drift 136 ms)."""
    hop, window = max(1, int(HOP * rate)), max(1, int(2 * HOP * rate))
    count = max(1, 1 + (len(samples) - window) // hop)
    padded = np.concatenate([samples, np.zeros(window, np.float32)])
    frames = np.lib.stride_tricks.as_strided(
        padded, shape=(count, window), strides=(padded.strides[0] * hop, padded.strides[0])
    )
    rms = np.sqrt(np.mean(frames.astype(np.float64) ** 2, axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-10)), hop / rate


def _quiet_threshold(db: np.ndarray) -> float:
    """Between the noise floor and the speech: 40 dB under loud speech, or 10 dB over the floor
    where the floor is higher (a room)."""
    loud, floor = np.percentile(db, 95), np.percentile(db, 5)
    return float(max(loud - 40.0, floor + 10.0))


def _find_pause(quiet: np.ndarray, lo: int, hi: int, shortest: int) -> tuple[int, int] | None:
    """The longest run of quiet frames meeting ``[lo, hi)`` (frame indices), followed out to
    its full length on both sides; None when shorter than ``shortest`` frames."""
    best: tuple[int, int] | None = None
    run = None
    for i in range(max(lo, 0), min(hi, len(quiet))):
        if quiet[i]:
            run = i if run is None else run
            if best is None or i + 1 - run > best[1] - best[0]:
                best = (run, i + 1)
        else:
            run = None
    if best is None:
        return None
    a, b = best
    while a > 0 and quiet[a - 1]:
        a -= 1
    while b < len(quiet) and quiet[b]:
        b += 1
    return (a, b) if b - a >= shortest else None


def align_take(
    speech: Speech,
    phrases: list[str],
    heard_words: list[tuple[str, float, float]],
    beat: str,
    formulas: tuple[str, ...] = (),
    strict: bool = True,
) -> tuple[list[Cut], list[str]]:
    """Cut a beat take into ``phrases`` given the recogniser's words (text, start, end).

    Returns the cuts and warnings (a single misheard ordinary word); raises a one-line
    :class:`UserError` naming the beat and the words when a phrase is mostly missing or (when
    ``strict``, else a warning) a meaning word is missing."""
    said: list[tuple[str, int]] = [
        (w, k) for k, text in enumerate(phrases) for w in normalise(text)
    ]
    heard: list[tuple[str, float, float]] = [
        (token, start, end) for text, start, end in heard_words for token in normalise(text)
    ]
    formula_words = frozenset(w for f in formulas for w in normalise(f))
    pairs = align([w for w, _ in said], [w for w, _, _ in heard])
    times: list[list[tuple[float, float]]] = [[] for _ in phrases]
    missing: list[list[str]] = [[] for _ in phrases]
    misheard: list[str] = []
    i = j = 0
    for s, h in pairs:
        if s is not None and h is not None:
            k = said[i][1]
            if sounds_alike(s, h):
                times[k].append(heard[j][1:])
            elif is_meaning_word(s, formula_words):
                missing[k].append(f"{s} (heard {h})")
            else:
                misheard.append(f"{s} (heard {h})")
                times[k].append(heard[j][1:])
        elif s is not None:
            k = said[i][1]
            if is_meaning_word(s, formula_words):
                missing[k].append(s)
            else:
                misheard.append(f"{s} (missing)")
        i += s is not None
        j += h is not None
    for k, text in enumerate(phrases):
        words = len(normalise(text))
        if len(times[k]) * 2 < words:
            raise UserError(
                f"beat '{beat}': the take is missing most of {text!r} "
                f"(heard {len(times[k])} of its {words} words)"
            )
        if missing[k] and not strict:
            misheard += missing[k]
        elif missing[k]:
            raise UserError(
                f"beat '{beat}': the take misses the meaning word(s) {', '.join(missing[k])} "
                f"of {text!r}"
            )
    warnings = (
        [f"beat '{beat}': the take's words {', '.join(misheard)} were not heard as written"]
        if misheard
        else []
    )
    return _cuts(speech, [(t[0][0], t[-1][1]) for t in times], beat, phrases), warnings


def _cuts(
    speech: Speech, rough: list[tuple[float, float]], beat: str, phrases: list[str]
) -> list[Cut]:
    db, hop = _frame_db(speech.samples, speech.rate)
    quiet = db < _quiet_threshold(db)
    loud = np.flatnonzero(~quiet)
    duration = speech.duration
    first = (float(loud[0]) + 1) * hop if loud.size else 0.0
    starts, ends, onsets = [0.0], [], [first]
    for k in range(len(rough) - 1):
        end_k, start_next = rough[k][1], rough[k + 1][0]
        lo = int((min(end_k, start_next) - 0.1) / hop)
        hi = int((max(end_k, start_next) + 0.35) / hop)
        pause = _find_pause(quiet, lo, hi, round(MIN_PAUSE / hop))
        if pause is None:
            raise UserError(
                f"beat '{beat}': no pause found between {phrases[k]!r} and {phrases[k + 1]!r}: "
                "leave a breath between sentences"
            )
        a, b = pause[0] * hop, (pause[1] + 1) * hop  # a window reaches one hop past its frame
        middle = (a + b) / 2
        ends.append(min(a + CLEAR, middle))
        starts.append(max(b - CLEAR_ONSET, middle))
        onsets.append(b)
    ends.append(duration)
    return [Cut(s, e, o) for s, e, o in zip(starts, ends, onsets, strict=True)]


class BeatAligner:
    """Aligns beat takes with the recogniser, caching the cuts by the take's SHA-256, the
    phrases, the model and the alignment's version."""

    def __init__(self, recogniser, root: Path) -> None:
        self.recogniser = recogniser
        self.root = Path(root)

    def cuts(
        self, path: Path, beat: str, phrases: list[str], formulas: tuple[str, ...] = ()
    ) -> tuple[Speech, list[Cut], list[str]]:
        speech = decode_audio(path)
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        payload = json.dumps(
            [digest, phrases, formulas, self.recogniser.identity(), ALIGN_VERSION],
            sort_keys=True,
            ensure_ascii=False,
        )
        key = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        entry = self.root / key[:2] / f"{key}.json"
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            return speech, [Cut(**c) for c in data["cuts"]], data["warnings"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        heard = self.recogniser.transcribe(speech.samples, speech.rate, words=True)
        words = [(w.text, w.start, w.end) for w in heard.words]
        cuts, warnings = align_take(speech, phrases, words, beat, formulas)
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(
            entry, json.dumps({"cuts": [asdict(c) for c in cuts], "warnings": warnings}) + "\n"
        )
        return speech, cuts, warnings

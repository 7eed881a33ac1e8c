"""Narration tracks: phrase audio placed sample-accurately on the video clock, faded, loudness-normalized."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from mathreel.narration.synthesis import NarrationPlan
from mathreel.narration.timeline import AUDIO_RATE, Timeline, sample_of
from mathreel.narration.voices.base import read_wav

#: Delivery sample rate (AAC-LC 48 kHz).
RATE = AUDIO_RATE
#: Fade at each phrase edge, seconds: no clicks where a clip starts or stops.
EDGE_FADE = 0.006
#: Integrated loudness target (LUFS) of every scene and chapter (true peaks stay under -1.5 dBTP).
TARGET_LUFS = -16.0
#: Ceiling the limiter aims for, leaving room for the AAC encoder's overshoot.
_LIMIT_DBTP = -2.3
#: BS.1770 gates: blocks at or under the absolute gate (LUFS) are silence; under the mean of the
#: rest less the relative gate (LU) they are quiet passages. Neither counts in integrated loudness.
ABSOLUTE_GATE = -70.0
RELATIVE_GATE = 10.0


def resample(samples: np.ndarray, rate_in: int, rate_out: int = RATE) -> np.ndarray:
    """Polyphase resampling (exact rational ratio), float32."""
    if rate_in == rate_out:
        return samples.astype(np.float32)
    from scipy.signal import resample_poly  # 0.5 s to import: only a voice at another rate needs it

    ratio = Fraction(rate_out, rate_in)
    return resample_poly(samples, ratio.numerator, ratio.denominator).astype(np.float32)


def edge_fade(samples: np.ndarray, rate: int = RATE, seconds: float = EDGE_FADE) -> np.ndarray:
    """Raised-cosine fade-in and fade-out over ``seconds`` at both ends."""
    n = min(len(samples) // 2, round(seconds * rate))
    if n <= 0:
        return samples
    ramp = (0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, n))).astype(np.float32)
    out = samples.copy()
    out[:n] *= ramp
    out[-n:] *= ramp[::-1]
    return out


def build_narration_track(
    plan: NarrationPlan,
    timeline: Timeline,
    duration: float,
    audio_root: Path,
    beats: Collection[str] | None = None,
) -> np.ndarray:
    """Mono float32 track of ``duration`` seconds: each phrase at its beat's real start + offset.

    Phrase audio paths in ``plan`` are relative to ``audio_root`` (the phrase-audio cache).
    ``beats`` limits the track to those beats, with time 0 where the first of them starts (a
    preview of part of a scene)."""
    track = np.zeros(sample_of(duration, RATE), dtype=np.float32)
    if not plan.audible:
        return track
    chosen = [b for b in plan.beats if beats is None or b.id in beats]
    origin = timeline.beat(chosen[0].id).start if beats is not None and chosen else 0.0
    for beat in chosen:
        start = timeline.beat(beat.id).start - origin
        for phrase in beat.phrases:
            if phrase.audio is None:
                continue
            speech = read_wav(audio_root / phrase.audio)
            clip = edge_fade(resample(speech.samples, speech.rate))
            at = sample_of(start + phrase.offset, RATE)
            end = min(len(track), at + len(clip))
            if end > at:
                track[at:end] += clip[: end - at]
    return track


@dataclass(frozen=True)
class Loudness:
    """Measured loudness of a track (ITU-R BS.1770 / EBU R128, by ffmpeg's ``ebur128`` filter)."""

    integrated_lufs: float
    true_peak_dbtp: float
    #: Loudness (LUFS) of every 400 ms gating block, one each 100 ms, over the absolute gate
    #: (those under it never count): the figures :func:`gated_loudness` integrates, so tracks
    #: measured apart give the loudness of their concatenation without measuring it again.
    blocks: tuple[float, ...] = ()


#: Samples pushed through the meter per frame (one second: few Python round trips).
_METER_BLOCK = RATE


def measure(samples: np.ndarray, rate: int = RATE) -> Loudness:
    """Integrated loudness (gated, BS.1770-4) and true peak (4x oversampled) of a track as delivered.

    ``samples`` is mono narration (shape ``(n,)``), measured as the stereo file plays it: the same
    signal on both channels (``dualmono``), which reads 3 dB above the mono signal. A
    ``(n, channels)`` array is measured as it is. The meter is ffmpeg's ``ebur128`` run through
    PyAV, at C speed (a 15-minute chapter in seconds); tests check it against pyloudnorm.
    """
    import av
    from av.audio.frame import AudioFrame
    from av.filter import Graph

    if len(samples) <= rate // 2:
        return Loudness(float("-inf"), float("-inf"))
    mono = samples.ndim == 1
    layout = "mono" if mono else {1: "mono", 2: "stereo"}[samples.shape[1]]
    graph = Graph()
    src = graph.add_abuffer(
        sample_rate=rate, format="fltp", layout=layout, time_base=Fraction(1, rate)
    )
    meter = graph.add("ebur128", "peak=true:metadata=1" + (":dualmono=true" if mono else ""))
    sink = graph.add("abuffersink")
    src.link_to(meter)
    meter.link_to(sink)
    graph.configure()
    planes = (samples[None, :] if mono else samples.T).astype(np.float32)
    # Half a second of silence at the end flushes the meter's last block (silence is gated out).
    planes = np.concatenate([planes, np.zeros((planes.shape[0], rate // 2), np.float32)], axis=1)
    last = None
    blocks: list[float] = []  # with metadata=1 the meter hands back one 100 ms frame per block
    for start in range(0, planes.shape[1], _METER_BLOCK):
        chunk = np.ascontiguousarray(planes[:, start : start + _METER_BLOCK])
        frame = AudioFrame.from_ndarray(chunk, format="fltp", layout=layout)
        frame.sample_rate, frame.pts, frame.time_base = rate, start, Fraction(1, rate)
        graph.push(frame)
        while True:
            try:
                last = graph.pull()
            except (av.BlockingIOError, av.EOFError):
                break
            blocks.append(float(last.metadata["lavfi.r128.M"]))
    assert last is not None
    data = last.metadata
    lufs = float(data["lavfi.r128.I"])
    peak = float(data["lavfi.r128.true_peak"])
    return Loudness(
        lufs if lufs > ABSOLUTE_GATE else float("-inf"),  # the meter's floor: silence
        20 * np.log10(peak) if peak > 0 else float("-inf"),
        tuple(block for block in blocks if block > ABSOLUTE_GATE),
    )


def gated_loudness(blocks: Sequence[float]) -> float:
    """Integrated loudness (LUFS) from 400 ms gating-block loudnesses, as BS.1770-4 gates them:
    blocks over the absolute gate, then over their mean energy less :data:`RELATIVE_GATE`."""
    levels = np.asarray(blocks, dtype=np.float64)
    levels = levels[levels > ABSOLUTE_GATE]
    if not len(levels):
        return float("-inf")
    energy = 10 ** ((levels + 0.691) / 10)
    relative = -0.691 + 10 * np.log10(energy.mean()) - RELATIVE_GATE
    return float(-0.691 + 10 * np.log10(energy[levels > relative].mean()))


def normalize(samples: np.ndarray, rate: int = RATE) -> np.ndarray:
    """Bring a speech track to −16 LUFS integrated with true peaks at or under −1.5 dBTP.

    Gain sets the loudness (a gain moves loudness and true peak by the same decibels, so neither
    needs measuring again); where it lifts peaks over the ceiling, a look-ahead peak limiter
    (ffmpeg's ``alimiter`` through PyAV, run at 4x oversampling) holds them down, and the gain is
    corrected once more. Silence stays digital silence. What is delivered is measured where it is
    delivered: a scene's MP4, decoded (:func:`mathreel.render.finishing.finish.loudness_record`).
    """
    level = measure(samples, rate)
    if not np.isfinite(level.integrated_lufs):
        return samples
    out = samples
    for _ in range(4):
        gain = TARGET_LUFS - level.integrated_lufs
        out = (out * 10 ** (gain / 20)).astype(np.float32)
        if level.true_peak_dbtp + gain <= _LIMIT_DBTP + 0.3:
            break
        out = limit(out, rate, _LIMIT_DBTP)
        level = measure(out, rate)
    return out


def limit(samples: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray:
    """Peak-limit ``samples`` to ``ceiling_db`` with ffmpeg's alimiter at 4x the sample rate."""
    import av
    from av.audio.frame import AudioFrame
    from av.filter import Graph

    graph = Graph()
    src = graph.add_abuffer(
        sample_rate=rate, format="flt", layout="mono", time_base=Fraction(1, rate)
    )
    up = graph.add("aresample", f"{rate * 4}")
    lim = graph.add(
        "alimiter", f"limit={10 ** (ceiling_db / 20):.6f}:attack=2:release=40:level=disabled:asc=1"
    )
    down = graph.add("aresample", f"{rate}")
    fmt = graph.add("aformat", "sample_fmts=flt:channel_layouts=mono")
    sink = graph.add("abuffersink")
    src.link_to(up)
    up.link_to(lim)
    lim.link_to(down)
    down.link_to(fmt)
    fmt.link_to(sink)
    graph.configure()

    out: list[np.ndarray] = []
    block = 4096
    pts = 0

    def drain() -> None:
        while True:
            try:
                frame = graph.pull()
            except (av.BlockingIOError, av.EOFError):
                return
            out.append(frame.to_ndarray().reshape(-1))

    for i in range(0, len(samples), block):
        chunk = np.ascontiguousarray(samples[i : i + block], dtype=np.float32).reshape(1, -1)
        frame = AudioFrame.from_ndarray(chunk, format="flt", layout="mono")
        frame.sample_rate = rate
        frame.pts = pts
        frame.time_base = Fraction(1, rate)
        pts += chunk.shape[1]
        graph.push(frame)
        drain()
    graph.push(None)
    drain()
    result = np.concatenate(out) if out else np.zeros(0, np.float32)
    # alimiter delays by its look-ahead; aresample keeps length. Re-align to the input length.
    if len(result) >= len(samples):
        delay = len(result) - len(samples)
        result = result[delay:] if delay else result
    else:
        result = np.pad(result, (0, len(samples) - len(result)))
    return result.astype(np.float32)

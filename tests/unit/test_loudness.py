"""The loudness meter (ffmpeg's ebur128 through PyAV) against an independent one (pyloudnorm),
and normalization to -16 LUFS with true peaks under -1.5 dBTP."""

from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly

from mathreel.narration.audio import RATE, TARGET_LUFS, gated_loudness, measure, normalize


def speechlike(seconds: float, seed: int = 0) -> np.ndarray:
    """Bursts of a harmonic tone with noise and pauses, like narration with silences between."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    tone = sum(np.sin(2 * np.pi * f * t) / k for k, f in enumerate((180, 360, 540, 1250), 1))
    envelope = (np.sin(2 * np.pi * 0.7 * t) > -0.2) * (0.6 + 0.4 * np.sin(2 * np.pi * 3.1 * t))
    return (0.15 * tone * envelope + 0.01 * rng.standard_normal(len(t))).astype(np.float32)


def reference(samples: np.ndarray) -> tuple[float, float]:
    stereo = samples if samples.ndim == 2 else np.stack([samples, samples], axis=1)
    lufs = pyloudnorm.Meter(RATE).integrated_loudness(stereo.astype(np.float64))
    peak = max(np.max(np.abs(resample_poly(stereo[:, i], 4, 1))) for i in range(stereo.shape[1]))
    return lufs, 20 * np.log10(peak)


@pytest.mark.parametrize(
    "seconds, gain, within",
    # Over a few seconds the two meters' 400 ms gating blocks fall differently at the edges.
    [(3, 1.0, 0.2), (40, 0.3, 0.1), (40, 2.0, 0.1), (120, 1.0, 0.05)],
)
def test_meter_agrees_with_pyloudnorm(seconds, gain, within):
    samples = speechlike(seconds) * gain
    lufs, peak = reference(samples)
    measured = measure(samples)
    assert measured.integrated_lufs == pytest.approx(lufs, abs=within)
    assert measured.true_peak_dbtp == pytest.approx(peak, abs=0.2)


def test_mono_reads_as_the_stereo_file_plays_it():
    mono = speechlike(20)
    assert measure(mono).integrated_lufs == pytest.approx(
        measure(np.stack([mono, mono], axis=1)).integrated_lufs, abs=0.01
    )


def test_silence_and_a_blip_are_not_measured_as_loud():
    assert measure(np.zeros(RATE * 5, np.float32)).integrated_lufs == float("-inf")
    assert measure(np.ones(100, np.float32)).integrated_lufs == float("-inf")


@pytest.mark.parametrize("gain", [0.05, 1.5])
def test_normalize_reaches_the_target_under_the_peak_ceiling(gain):
    lufs, peak = reference(normalize(speechlike(30, seed=1) * gain))
    assert lufs == pytest.approx(TARGET_LUFS, abs=0.3)
    assert peak <= -1.5


def test_gating_the_blocks_of_tracks_measured_apart_gives_their_concatenations_loudness():
    """A chapter's loudness from its scenes' 400 ms blocks, without measuring the chapter."""
    parts = [speechlike(20, seed=2) * 0.2, np.zeros(RATE * 3, np.float32), speechlike(45, seed=3)]
    blocks = [b for part in parts for b in measure(part).blocks]
    whole = np.concatenate(parts)
    assert gated_loudness(blocks) == pytest.approx(measure(whole).integrated_lufs, abs=0.05)
    assert gated_loudness(blocks) == pytest.approx(reference(whole)[0], abs=0.1)
    # The quiet part lies under the relative gate: gating leaves it out, a plain mean would not.
    loud = measure(parts[2])
    assert gated_loudness(loud.blocks) == pytest.approx(loud.integrated_lufs, abs=0.05)
    assert gated_loudness(blocks) > loud.integrated_lufs - 1.0
    assert gated_loudness([]) == gated_loudness(measure(parts[1]).blocks) == float("-inf")

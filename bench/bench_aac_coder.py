"""Benchmark: ffmpeg's native AAC encoder coders (``aac_coder``) at the project's bit rate, for
speed and for quality, on real narration: one minute of cached phrase audio laid end to end with
the house gaps and normalized to -16 LUFS, as a scene's finishing step encodes it.

Quality is the decoded file against its source: signal-to-noise ratio over the speech, and the
loudness and true-peak difference. Prints figures; asserts nothing.
Run: .venv/bin/python bench/bench_aac_coder.py [--seconds 60] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import av
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathreel.narration.audio import RATE, edge_fade, measure, normalize, resample  # noqa: E402
from mathreel.narration.timeline import PHRASE_GAP  # noqa: E402
from mathreel.narration.voices.base import read_wav  # noqa: E402
from mathreel.paths import cache_dir  # noqa: E402
from mathreel.render.finishing.mux import aac_packets, add_audio_stream  # noqa: E402
from mathreel.render.video import MP4_OPTIONS  # noqa: E402

#: Encoder options compared: the default coder, the fast one, and each without perceptual noise
#: substitution (PNS: noise bands a decoder fills from its own random generator, whose state runs
#: on from one scene into the next when scenes' packets are joined).
CODERS = {
    "twoloop": {"aac_coder": "twoloop"},
    "twoloop, no PNS": {"aac_coder": "twoloop", "aac_pns": "0"},
    "fast": {"aac_coder": "fast"},
    "fast, no PNS": {"aac_coder": "fast", "aac_pns": "0"},
}


def speech_track(seconds: float) -> np.ndarray:
    """Cached phrases (any voice) one after another with a phrase gap, up to ``seconds``."""
    wavs = sorted((cache_dir() / "audio").rglob("*.wav"))
    if not wavs:
        raise SystemExit(
            f"no cached phrase audio under {cache_dir() / 'audio'}: render a scene first"
        )
    parts, total = [], 0
    gap = np.zeros(round(PHRASE_GAP * RATE), np.float32)
    for path in wavs:
        speech = read_wav(path)
        clip = edge_fade(resample(speech.samples, speech.rate))
        parts += [clip, gap]
        total += len(clip) + len(gap)
        if total >= seconds * RATE:
            break
    track = np.concatenate(parts)[: round(seconds * RATE)]
    return normalize(track)


def encode(track: np.ndarray, options: dict[str, str], target: Path) -> float:
    """CPU seconds this process spends encoding ``track`` into ``target`` with ``options`` (CPU
    time, not wall time: the figure holds on a machine shared with other work)."""
    started = time.process_time()
    with av.open(str(target), "w", format="mp4", options=MP4_OPTIONS) as out:
        stream = add_audio_stream(out)
        stream.options = options
        for packet in aac_packets(stream, track):
            out.mux(packet)
    return time.process_time() - started


def decoded(path: Path) -> np.ndarray:
    with av.open(str(path)) as container:
        return np.concatenate([f.to_ndarray() for f in container.decode(audio=0)], axis=1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    track = speech_track(args.seconds)
    source = measure(track)
    minutes = len(track) / RATE / 60
    print(
        f"source: {minutes * 60:.1f} s of narration, {source.integrated_lufs:.2f} LUFS, "
        f"true peak {source.true_peak_dbtp:.2f} dBTP"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for coder, options in CODERS.items():
            target = Path(tmp) / "encoded.mp4"
            best = min(encode(track, options, target) for _ in range(args.repeat))
            out = decoded(target)[: len(track)]
            # The first frame is the encoder's priming frame (the source's first 1024 samples are
            # dropped for it): compare from the second frame on.
            ref, got = track[1024:], out[1024:]
            snr = 10 * np.log10(np.sum(ref**2) / np.sum((got - ref) ** 2))
            loud = measure(out)
            print(
                f"{coder:16s}: {best:.2f} s CPU to encode ({best / minutes:.2f} s per minute of speech), "
                f"SNR {snr:.1f} dB, loudness {loud.integrated_lufs - source.integrated_lufs:+.3f} LU, "
                f"true peak {loud.true_peak_dbtp:.2f} dBTP "
                f"({loud.true_peak_dbtp - source.true_peak_dbtp:+.2f} dB), "
                f"{target.stat().st_size * 8 / (len(track) / RATE) / 1000:.0f} kbps"
            )


if __name__ == "__main__":
    main()

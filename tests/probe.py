"""Independent probes for rendered files: ffprobe's JSON and PyAV decoding (not our own writers)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import av
import numpy as np


def ffprobe(path: Path) -> dict:
    out = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            "-show_chapters",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def stream(info: dict, kind: str) -> dict:
    found = [s for s in info["streams"] if s["codec_type"] == kind]
    assert len(found) == 1, f"expected one {kind} stream, found {len(found)}"
    return found[0]


def decode_audio(path: Path) -> tuple[np.ndarray, int]:
    """The first audio stream decoded to a mono float array."""
    with av.open(str(path)) as container:
        audio = container.streams.audio[0]
        rate = audio.rate
        chunks = [frame.to_ndarray().mean(axis=0) for frame in container.decode(audio)]
    return np.concatenate(chunks).astype(np.float32), rate


def full_decode_errors(path: Path) -> str:
    """What ``ffmpeg -v error -i FILE -f null -`` prints (empty when the file decodes cleanly)."""
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    return (out.stdout + out.stderr).strip()


def onset_after(samples: np.ndarray, rate: int, start: float, threshold_db: float = -40.0) -> float:
    """Time of the first sample at or after ``start`` louder than ``threshold_db`` below the track peak."""
    level = 10 ** (threshold_db / 20) * float(np.max(np.abs(samples)))
    first = int(round(start * rate))
    loud = np.flatnonzero(np.abs(samples[first:]) > level)
    assert loud.size, f"no sound after {start:.3f} s"
    return (first + int(loud[0])) / rate

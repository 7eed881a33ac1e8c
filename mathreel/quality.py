"""Render quality presets (Manim's 480p15 … 2160p60) and the H.264 settings each one encodes with."""

from __future__ import annotations

from dataclasses import dataclass

from mathreel.errors import UserError

#: x264 threads on every machine: encoded bytes differ between thread counts (measured: 1, 2, 3,
#: 4 and 8 threads give five different streams of the same frames), and are equal for equal counts.
X264_THREADS = "4"


@dataclass(frozen=True)
class Quality:
    """A preset: its one-letter code, long name, frame size and rate."""

    code: str
    long_name: str
    width: int
    height: int
    fps: int

    @property
    def name(self) -> str:
        return f"{self.height}p{self.fps}"

    def encoder_options(self) -> dict[str, str]:
        """libx264 settings per the upload standard: High profile, closed GOP of half the frame
        rate, 2 B-frames, BT.709 tags; a fixed thread count, because x264's output depends on it
        and its default follows the machine's cores (a cluster's workers must encode alike)."""
        return {
            "threads": X264_THREADS,
            "preset": "medium" if self.height <= 720 else "fast",
            "crf": "18",
            "profile": "high",
            "g": str(self.fps // 2),
            "keyint_min": str(self.fps // 2),
            "bf": "2",
            "flags": "+cgop",
            "sc_threshold": "0",
            "color_primaries": "bt709",
            "color_trc": "bt709",
            "colorspace": "bt709",
            "color_range": "tv",
            "x264-params": "open-gop=0:colorprim=bt709:transfer=bt709:colormatrix=bt709",
        }


QUALITIES = (
    Quality("l", "low", 854, 480, 15),
    Quality("m", "medium", 1280, 720, 30),
    Quality("h", "high", 1920, 1080, 60),
    Quality("p", "1440p", 2560, 1440, 60),
    Quality("k", "4k", 3840, 2160, 60),
)
QUALITY_CHOICES = tuple(c for q in QUALITIES for c in (q.code, q.long_name))


def get_quality(value: str) -> Quality:
    """A preset by code (``l``), long name (``low``) or frame name (``480p15``)."""
    for quality in QUALITIES:
        if value in (quality.code, quality.long_name, quality.name):
            return quality
    choices = ", ".join(f"{q.code}/{q.long_name} ({q.name})" for q in QUALITIES)
    raise UserError(f"unknown quality '{value}': choose one of {choices}")

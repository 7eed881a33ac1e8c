"""Joining encoded parts by stream copy: parts of any length (a one-frame play has no B-frames,
a long one has them) join in any order, every frame lands where it belongs, and decode times rise
across every join (found: a two-frame part followed by a long one made the muxer refuse)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import av
import numpy as np
import pytest

from mathreel.quality import get_quality
from mathreel.render.video import MP4_OPTIONS, join_videos, video_packet_count

FPS = 15


def encode(path, shades: list[int]) -> None:
    """A 64x64 part whose frames are flat grey at ``shades``, with the render's encoder settings."""
    with av.open(str(path), "w", format="mp4", options=MP4_OPTIONS) as out:
        stream = out.add_stream("libx264", rate=FPS, options=get_quality("l").encoder_options())
        stream.width = stream.height = 64
        stream.pix_fmt = "yuv420p"
        for i, shade in enumerate(shades):
            frame = av.VideoFrame.from_ndarray(np.full((64, 64, 3), shade, np.uint8), "rgb24")
            frame.pts, frame.time_base = i, Fraction(1, FPS)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def shades_of(path) -> list[int]:
    with av.open(str(path)) as container:
        return [int(round(f.to_ndarray(format="rgb24").mean())) for f in container.decode(video=0)]


LENGTHS = (1, 2, 3, 12)


@pytest.mark.parametrize("order", list(itertools.permutations(LENGTHS)))
def test_parts_of_any_length_join_frame_for_frame(tmp_path, order):
    parts, expected, shade = [], [], 20
    for n, length in enumerate(order):
        shades = [shade + 8 * i for i in range(length)]
        shade += 8 * length
        path = tmp_path / f"part{n}.mp4"
        encode(path, shades)
        parts.append((path, length))
        expected += shades
    joined = tmp_path / "joined.mp4"
    join_videos(parts, FPS, joined)
    assert video_packet_count(joined) == sum(order)
    assert [abs(a - b) <= 2 for a, b in zip(shades_of(joined), expected, strict=True)] == [
        True
    ] * len(expected)
    with av.open(str(joined)) as container:
        packets = [p for p in container.demux(video=0) if p.dts is not None]
    assert all(p.dts <= p.pts for p in packets)
    assert all(a.dts < b.dts for a, b in itertools.pairwise(packets))


def test_a_part_with_other_frames_than_recorded_is_refused(tmp_path):
    encode(tmp_path / "a.mp4", [40, 60])
    with pytest.raises(RuntimeError, match="holds 2 frames, not 3"):
        join_videos([(tmp_path / "a.mp4", 3)], FPS, tmp_path / "joined.mp4")
    assert not (tmp_path / "joined.mp4").exists()

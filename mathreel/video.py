"""Video streams copied as they are (PyAV): files joined on whole frames, frames counted.

Nothing here touches audio, so the render worker (which joins a scene's beat segments) depends
on no audio code, and an audio change leaves every kept segment valid.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from fractions import Fraction
from pathlib import Path

import av

from mathreel.files import temporary_sibling

#: MP4 muxer options: moov atom at the front; no edit lists.
MP4_OPTIONS = {"movflags": "+faststart+negative_cts_offsets", "use_editlist": "0"}


def placed_packets(
    path: Path, start: Fraction, vout: av.video.stream.VideoStream
) -> Iterator[av.Packet]:
    """``path``'s video packets, stream-copied into ``vout`` and moved to start at ``start``
    seconds. A short file's decode times can read back starting at 0 with a B-frame shown before
    it is decoded; its decode times are moved back by that reorder delay (its presentation times,
    which place the frames, never move), so joined files keep decode time <= presentation time."""
    with av.open(str(path)) as source:
        vin = source.streams.video[0]
        packets = [p for p in source.demux(vin) if p.dts is not None]
        shift = round(start / vin.time_base)
        delay = max([0] + [p.dts - p.pts for p in packets])
        for packet in packets:
            packet.pts += shift
            packet.dts += shift - delay
            packet.stream = vout
            yield packet


def join_videos(parts: Sequence[tuple[Path, int]], fps: int, out_path: Path) -> None:
    """Join video files (each ``(path, frames)``, all of one encoder's settings, each starting on
    a keyframe) into ``out_path`` by stream copy, each placed after the frames before it."""
    tmp = temporary_sibling(out_path)
    try:
        with av.open(str(tmp), "w", format="mp4", options=MP4_OPTIONS) as out:
            with av.open(str(parts[0][0])) as first:
                vout = out.add_stream_from_template(first.streams.video[0])
            start = 0
            for path, frames in parts:
                for packet in placed_packets(path, Fraction(start, fps), vout):
                    out.mux(packet)
                start += frames
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def video_packet_count(path: Path) -> int:
    """How many frames a file's video stream holds, counted from its packets (no decoding)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return sum(1 for packet in container.demux(stream) if packet.size)

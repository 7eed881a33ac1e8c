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


def joined_packets(
    parts: Sequence[tuple[Path, int]], fps: int, vout: av.video.stream.VideoStream
) -> Iterator[av.Packet]:
    """The video packets of ``parts`` (each ``(path, frames)``: files of one encoder's settings,
    each starting on a keyframe) stream-copied into ``vout``, each file placed after the frames
    before it.

    Presentation times place the frames and are only shifted. Decode times are made anew for the
    whole joined stream: one frame apart, behind the presentation times by the largest reorder
    delay of any part (a short part can have none, a long one a frame or two of B-frames), so they
    rise strictly across every join and never pass a frame's presentation time.
    """
    reorder = Fraction(0)
    for path, frames in parts:
        with av.open(str(path)) as source:
            stream = source.streams.video[0]
            tick = Fraction(1, fps) / stream.time_base
            pts = [p.pts for p in source.demux(stream) if p.dts is not None]
        if len(pts) != frames:
            raise RuntimeError(f"{path} holds {len(pts)} frames, not {frames}")
        base = min(pts)
        reorder = max([reorder] + [i - (p - base) / tick for i, p in enumerate(pts)])
    index = 0
    for path, _ in parts:
        with av.open(str(path)) as source:
            stream = source.streams.video[0]
            tick = Fraction(1, fps) / stream.time_base
            packets = [p for p in source.demux(stream) if p.dts is not None]
            base = min(p.pts for p in packets)
            start = index
            for packet in packets:
                packet.pts = packet.pts - base + round(start * tick)
                packet.dts = round((index - reorder) * tick)
                packet.stream = vout
                index += 1
                yield packet


def join_videos(parts: Sequence[tuple[Path, int]], fps: int, out_path: Path) -> None:
    """Join video files (see :func:`joined_packets`) into ``out_path`` by stream copy; the file
    is written under a temporary name and renamed, never left half-written."""
    tmp = temporary_sibling(out_path)
    try:
        with av.open(str(tmp), "w", format="mp4", options=MP4_OPTIONS) as out:
            with av.open(str(parts[0][0])) as first:
                vout = out.add_stream_from_template(first.streams.video[0])
            for packet in joined_packets(parts, fps, vout):
                out.mux(packet)
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def video_packet_count(path: Path) -> int:
    """How many frames a file's video stream holds, counted from its packets (no decoding)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return sum(1 for packet in container.demux(stream) if packet.size)

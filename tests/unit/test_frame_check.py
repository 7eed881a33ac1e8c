"""The chapter's frames, counted from its packets, must equal the frames its scenes recorded."""

from __future__ import annotations

from types import SimpleNamespace

import av
import numpy as np
import pytest

from mathreel.assemble.chapter import _frame_check
from mathreel.errors import UserError
from mathreel.render.video import video_packet_count


def _video(path, frames: int, fps: int = 15):
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
        for i in range(frames):
            image = np.full((64, 64, 3), i * 8 % 256, np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, "rgb24")):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def _scene(stem: str, frames: int):
    return SimpleNamespace(entry=SimpleNamespace(stem=stem), record=SimpleNamespace(frames=frames))


def test_packets_are_counted_without_decoding(tmp_path):
    assert video_packet_count(_video(tmp_path / "v.mp4", 23)) == 23


def test_matching_chapter_reports_its_frames(tmp_path):
    video = _video(tmp_path / "v.mp4", 30)
    check = _frame_check(
        video, [_scene("a", 10), _scene("b", 20)], 30, 15, {"duration_seconds": 2.0}
    )
    assert check["found"] == check["expected"] == 30
    assert check["per_scene"] == {"a": 10, "b": 20}


@pytest.mark.parametrize("frames, duration", [(29, 1.933), (30, 2.5)])
def test_a_chapter_short_of_frames_or_time_is_refused(tmp_path, frames, duration):
    video = _video(tmp_path / "v.mp4", frames)
    with pytest.raises(UserError, match="nothing was published"):
        _frame_check(
            video, [_scene("a", 10), _scene("b", 20)], 30, 15, {"duration_seconds": duration}
        )

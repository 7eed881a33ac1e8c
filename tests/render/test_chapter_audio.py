"""The chapter's narration is its scenes' AAC packets, stream-copied (no decode, no encode, no
chapter-wide gain), and its QC loudness comes from the scenes' own measurements: checked on the
tiny three-scene chapter of the fault tests, narrated by espeak (a real voice, fast)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest

from mathreel.narration.audio import measure
from mathreel.narration.timeline import Timeline
from mathreel.render.finishing.mux import decoded_audio
from tests.probe import decode_audio, onset_after
from tests.tiny_project import STEMS, render, tiny_project

pytestmark = pytest.mark.render
FPS = 15


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    project = tiny_project(tmp_path_factory.mktemp("chapter-audio") / "project")
    result = render(project, "chapter", "1", "-q", "l", "-v", "espeak", "-j", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "output" / "480p15"


def chapter_video(output: Path) -> Path:
    return output / "chapter-01" / "chapter-01.mp4"


def scene_videos(output: Path) -> list[Path]:
    return [output / "scenes" / f"{stem}.mp4" for stem in STEMS]


def test_chapter_audio_is_the_scenes_audio_end_to_end(output):
    chapter = decoded_audio(chapter_video(output))
    scenes = [decoded_audio(video) for video in scene_videos(output)]
    joined = np.concatenate(scenes)
    assert chapter.shape == joined.shape  # sample-exact: every scene is whole AAC frames
    peak = float(np.max(np.abs(joined)))
    assert peak > 0.1, "the tiny chapter should be narrated"
    # A decoder overlaps each frame with the one before, windowed in the shape the one before
    # chose: only the first frame of each later scene may differ (its priming frame, holding the
    # pre-echo of the scene's first word: 8e-4 of the peak at most here), 50 dB under the peak.
    first_frames = np.zeros(len(joined), bool)
    for at in np.cumsum([len(s) for s in scenes[:-1]]):
        first_frames[at : at + 1024] = True
    assert np.array_equal(chapter[~first_frames], joined[~first_frames])
    assert float(np.max(np.abs(chapter[first_frames] - joined[first_frames]))) < 3e-3 * peak


def test_voice_starts_within_a_frame_of_every_beat_in_every_scene(output):
    samples, rate = decode_audio(chapter_video(output))
    offset = 0.0
    for stem in STEMS:
        timeline = Timeline.load(output / "scenes" / f"{stem}.timeline.json")
        for beat in timeline.beats:
            start = offset + beat.start
            assert abs(onset_after(samples, rate, start) - start) <= 1 / FPS, f"{stem}/{beat.id}"
        offset += timeline.duration


def test_qc_loudness_from_the_scenes_blocks_matches_measuring_the_chapter(output):
    qc = json.loads((output / "chapter-01" / "qc.json").read_text())["audio"]
    assert "blocks" in qc["meter"]
    chapter = decoded_audio(chapter_video(output)).astype(np.float64)
    direct = measure(chapter)
    assert qc["integrated_lufs"] == pytest.approx(direct.integrated_lufs, abs=0.1)
    assert qc["integrated_lufs"] == pytest.approx(
        pyloudnorm.Meter(48000).integrated_loudness(chapter), abs=0.1
    )
    assert qc["true_peak_dbtp"] == pytest.approx(direct.true_peak_dbtp, abs=0.2)
    assert qc["integrated_lufs"] == pytest.approx(-16.0, abs=1.0)
    assert qc["true_peak_dbtp"] <= -1.5

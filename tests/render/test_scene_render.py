"""A low-quality render of a scene, with the silent voice and with piper, probed from the outside."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

import render
from mathreel.jobs import SceneFiles
from mathreel.quality import get_quality
from mathreel.timeline import Timeline
from tests.probe import decode_audio, ffprobe, full_decode_errors, onset_after, stream

pytestmark = pytest.mark.render
SCENE = "toy_check"
LOW = get_quality("l")
FRAME = 1 / LOW.fps


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Render the scene once per voice into a private output folder."""
    results = {}
    mp = pytest.MonkeyPatch()
    out = tmp_path_factory.mktemp("output")
    mp.setenv("MATHREEL_OUTPUT", str(out))
    for voice in ("silent", "piper"):
        mp.setenv("MATHREEL_OUTPUT", str(out / voice))
        result = CliRunner().invoke(
            render.cli, ["scene", SCENE, "-q", "l", "-v", voice], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        files = SceneFiles(SCENE, LOW)
        results[voice] = (files.video, Timeline.load(files.timeline), files, out / voice)
    yield results
    mp.undo()


@pytest.mark.parametrize("voice", ["silent", "piper"])
def test_muxed_file_has_h264_and_aac_and_the_timeline_duration(rendered, voice):
    video, timeline, _, _ = rendered[voice]
    info = ffprobe(video)
    v, a = stream(info, "video"), stream(info, "audio")
    assert v["codec_name"] == "h264" and v["profile"] == "High" and v["pix_fmt"] == "yuv420p"
    assert (v["width"], v["height"], v["r_frame_rate"]) == (854, 480, "15/1")
    assert v.get("color_primaries") == "bt709" and v.get("color_transfer") == "bt709"
    assert a["codec_name"] == "aac" and a["profile"] == "LC"
    assert int(a["sample_rate"]) == 48000 and a["channels"] == 2
    assert float(v["duration"]) == pytest.approx(timeline.duration, abs=FRAME)
    assert float(a["duration"]) == pytest.approx(timeline.duration, abs=FRAME)
    assert full_decode_errors(video) == ""
    raw = video.read_bytes()
    assert raw.find(b"moov") < raw.find(b"mdat"), "moov atom must come first (fast start)"


@pytest.mark.parametrize("voice", ["silent", "piper"])
def test_beats_follow_the_narration(rendered, voice, monkeypatch):
    _, timeline, files, root = rendered[voice]
    monkeypatch.setenv("MATHREEL_OUTPUT", str(root))
    plan = json.loads(files.plan.read_text())
    assert [b.id for b in timeline.beats] == [b["id"] for b in plan["beats"]]
    for record in timeline.beats:
        assert record.end - record.start >= record.narration_duration - FRAME
    starts = [b.start for b in timeline.beats]
    assert starts == sorted(starts) and starts[0] == 0.0


def test_silent_voice_gives_digital_silence(rendered):
    samples, _ = decode_audio(rendered["silent"][0])
    assert np.max(np.abs(samples)) < 1e-4


def test_piper_narration_is_audible_and_starts_within_a_frame_of_each_beat(rendered, monkeypatch):
    video, timeline, files, root = rendered["piper"]
    monkeypatch.setenv("MATHREEL_OUTPUT", str(root))
    samples, rate = decode_audio(video)
    rms = float(np.sqrt(np.mean(samples**2)))
    assert rms > 0.01, f"narration is too quiet to be speech (RMS {rms:.4f})"
    for record in timeline.beats:
        onset = onset_after(samples, rate, record.start)
        assert abs(onset - record.start) <= FRAME, (
            f"beat {record.id}: voice at {onset:.3f}, picture at {record.start:.3f}"
        )
    loudness = json.loads(files.loudness.read_text())
    assert loudness["integrated_lufs"] == pytest.approx(-16.0, abs=1.0)
    assert loudness["true_peak_dbtp"] <= -1.5


def test_unchanged_scene_is_not_rendered_again(rendered, monkeypatch):
    video, _, _, root = rendered["silent"]
    monkeypatch.setenv("MATHREEL_OUTPUT", str(root))
    before = video.stat().st_mtime_ns
    result = CliRunner().invoke(
        render.cli, ["scene", SCENE, "-q", "l", "-v", "silent"], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "unchanged" in result.output
    assert video.stat().st_mtime_ns == before

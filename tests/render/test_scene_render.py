"""One scene rendered at 480p15 with the silent voice and (in the chapter render) with piper, probed from outside."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

import render
from mathreel.narration.timeline import Timeline
from mathreel.render.finishing.finish import loudness_record
from tests.probe import decode_audio, ffprobe, full_decode_errors, onset_after, stream

pytestmark = pytest.mark.render
SCENE = "slope_at_a_point"
FRAME = 1 / 15


@pytest.fixture(scope="module")
def silent_render(tmp_path_factory):
    root = tmp_path_factory.mktemp("silent-output")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MATHREEL_OUTPUT", str(root))
        result = CliRunner().invoke(
            render.cli, ["scene", SCENE, "-q", "l", "-v", "silent"], catch_exceptions=False
        )
    assert result.exit_code == 0, result.output
    return root / "480p15" / "scenes"


@pytest.fixture(params=["silent", "piper"])
def scene_files(request, silent_render, chapter_render):
    folder = silent_render if request.param == "silent" else chapter_render.scenes()
    return request.param, folder


def test_muxed_file_has_h264_and_aac_and_the_timeline_duration(scene_files):
    _, folder = scene_files
    video, timeline = folder / f"{SCENE}.mp4", Timeline.load(folder / f"{SCENE}.timeline.json")
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


def test_beats_follow_the_narration(scene_files):
    _, folder = scene_files
    timeline = Timeline.load(folder / f"{SCENE}.timeline.json")
    plan = json.loads((folder / f"{SCENE}.narration.json").read_text())
    assert [b.id for b in timeline.beats] == [b["id"] for b in plan["beats"]]
    for record in timeline.beats:
        assert record.end - record.start >= record.narration_duration - FRAME
    starts = [b.start for b in timeline.beats]
    assert starts == sorted(starts) and starts[0] == 0.0


def test_silent_voice_gives_digital_silence(silent_render):
    samples, _ = decode_audio(silent_render / f"{SCENE}.mp4")
    assert np.max(np.abs(samples)) < 1e-4
    # Its loudness record is written without measuring: it says what measuring the file says.
    written = json.loads((silent_render / f"{SCENE}.loudness.json").read_text())
    measured = loudness_record(silent_render / f"{SCENE}.mp4")
    assert written["meter"].startswith("none")
    for field in ("integrated_lufs", "true_peak_dbtp", "blocks_lufs"):
        assert written[field] == measured[field]


def test_piper_narration_is_audible_and_starts_within_a_frame_of_each_beat(chapter_render):
    folder = chapter_render.scenes()
    samples, rate = decode_audio(folder / f"{SCENE}.mp4")
    timeline = Timeline.load(folder / f"{SCENE}.timeline.json")
    rms = float(np.sqrt(np.mean(samples**2)))
    assert rms > 0.01, f"narration is too quiet to be speech (RMS {rms:.4f})"
    for record in timeline.beats:
        onset = onset_after(samples, rate, record.start)
        assert abs(onset - record.start) <= FRAME, (
            f"beat {record.id}: voice at {onset:.3f}, picture at {record.start:.3f}"
        )
    loudness = json.loads((folder / f"{SCENE}.loudness.json").read_text())
    assert loudness["integrated_lufs"] == pytest.approx(-16.0, abs=1.0)
    assert loudness["true_peak_dbtp"] <= -1.5


def test_unchanged_scene_is_not_rendered_again(silent_render, monkeypatch):
    video = silent_render / f"{SCENE}.mp4"
    monkeypatch.setenv("MATHREEL_OUTPUT", str(silent_render.parent.parent))
    before = video.stat().st_mtime_ns
    result = CliRunner().invoke(
        render.cli, ["scene", SCENE, "-q", "l", "-v", "silent"], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "unchanged" in result.output
    assert video.stat().st_mtime_ns == before


def test_changed_narration_renders_again(silent_render, monkeypatch, tmp_path):
    """Editing one narration line changes the scene's input key, so the scene renders again."""
    from mathreel import manifest
    from mathreel.narration.audio_cache import AudioCache
    from mathreel.narration.voices import get_voice
    from mathreel.quality import get_quality
    from mathreel.render.runs import jobs, keys

    entry = render.project_manifest().find_scene(SCENE)
    voice = get_voice("silent")
    cache = AudioCache(tmp_path)
    key = keys.scene_key(entry, jobs.prepare(entry, voice, cache), get_quality("l"))
    narration = tmp_path / "narration"
    narration.mkdir()
    text = entry.narration_path.read_text(encoding="utf-8").rstrip() + " One more sentence.\n"
    (narration / f"{SCENE}.md").write_text(text, encoding="utf-8")
    monkeypatch.setattr(manifest, "narration_dir", lambda: narration)
    changed = keys.scene_key(entry, jobs.prepare(entry, voice, cache), get_quality("l"))
    assert changed != key
    assert keys.scene_key(entry, jobs.prepare(entry, voice, cache), get_quality("m")) != changed

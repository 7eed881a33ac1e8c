"""Finishing a scene on the machine that runs the command: its narration track placed on the
rendered timeline, loudness-normalized and muxed with the silent video (stream copy), then the
delivered audio (the MP4's, decoded) measured for the chapter's QC.

Both executors (local processes, a Dask cluster) end here, so a scene's files are the same
whichever machine drew its frames, and only this machine reads the phrase-audio cache.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mathreel.narration.audio import RATE, build_narration_track, measure, normalize
from mathreel.narration.synthesis import NarrationPlan
from mathreel.narration.timeline import Timeline
from mathreel.narration.voices.base import Speech, write_wav_atomic
from mathreel.render.finishing.mux import decoded_audio, mux_video_with_audio
from mathreel.render.runs.scene_job import SceneRender


@dataclass(frozen=True)
class FinishedScene:
    """A scene's final files, in its work folder, ready for :func:`mathreel.render.runs.jobs.publish_scene`."""

    work: Path
    video: Path
    timeline: Path
    plan: Path
    audio: Path
    loudness: Path


def finish_scene(render: SceneRender, audio_root: Path) -> FinishedScene:
    """Add the narration (phrase audio under ``audio_root``) to a silent render, normalized when
    the voice is audible; the scene's ``loudness.json`` holds its file's measured audio."""
    work = render.work
    plan = NarrationPlan.load(render.plan)
    timeline = Timeline.load(render.timeline)
    track = build_narration_track(plan, timeline, timeline.duration, audio_root)
    if plan.audible:
        track = normalize(track)
    finished = FinishedScene(
        work,
        work / "scene.mp4",
        render.timeline,
        render.plan,
        work / "narration.wav",
        work / "loudness.json",
    )
    write_wav_atomic(finished.audio, Speech(np.clip(track, -1, 1), RATE))
    mux_video_with_audio(render.silent_video, track, finished.video, {"title": plan.title})
    record = loudness_record(finished.video) if np.any(track) else SILENCE
    finished.loudness.write_text(json.dumps(record), encoding="utf-8")
    render.silent_video.unlink(missing_ok=True)
    return finished


#: The loudness record of a track of digital silence (the silent voice): AAC encodes zeros as
#: zeros, so there is nothing to measure (a second for a long scene) and no block above the gate.
SILENCE = {
    "integrated_lufs": None,
    "true_peak_dbtp": None,
    "meter": "none: the track is digital silence",
    "blocks_lufs": [],
}


def loudness_record(video: Path) -> dict:
    """The delivered audio of ``video`` measured once (its AAC decoded: the encoder's overshoot
    included): integrated loudness and true peak (None for silence) and its 400 ms gating blocks,
    from which :func:`mathreel.assemble.chapter` gives a chapter's loudness without measuring it again."""
    level = measure(decoded_audio(video))
    return {
        "integrated_lufs": level.integrated_lufs if np.isfinite(level.integrated_lufs) else None,
        "true_peak_dbtp": level.true_peak_dbtp if np.isfinite(level.true_peak_dbtp) else None,
        "meter": "ffmpeg ebur128 (ITU-R BS.1770-4), the MP4's audio decoded",
        "blocks_lufs": list(level.blocks),
    }

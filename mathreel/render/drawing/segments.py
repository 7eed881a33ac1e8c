"""Beat segments: each beat of a scene encoded as its own video file, kept between renders.

A scene's video is its beats' segments joined by stream copy. A segment is found again by its
*beat key*: the scene's code key (its code and every module it uses, the quality, the encoder,
Manim), the beat's narration plan, and a digest by value of everything the beat can read as it
starts (:mod:`mathreel.render.drawing.carried`: the picture, the camera, the author's scene attributes,
locals and globals, updaters and what they hold). A beat whose code read the scene clock is kept
under its start frame too. So a narration edit in one beat changes that beat's key, and a later
beat's only where it reads what the edit changed. Each segment has a record (frames, size,
SHA-256) and is reused only after it checks out.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import asdict
from pathlib import Path

import av

from mathreel import records
from mathreel.files import publish, sha256_file
from mathreel.narration.synthesis import BeatPlan
from mathreel.render.video import video_packet_count

#: Segments kept per beat (the newest by use): an edit and its undo both stay cached.
KEEP_PER_BEAT = 3
#: The name of the hold after a scene's last beat that makes its length whole AAC frames.
TAIL = "_tail"


def beat_key(code_key: str, plan: BeatPlan | None, start_state: str, frames: int = 0) -> str:
    """The key of one beat's segment (``plan`` None and ``frames`` for the scene's tail hold)."""
    digest = hashlib.sha256(code_key.encode())
    digest.update(json.dumps(asdict(plan) if plan else {"hold": frames}, sort_keys=True).encode())
    digest.update(start_state.encode())
    return digest.hexdigest()


class SegmentStore:
    """One scene's segments at one quality, on this machine: ``<beat>.<key>.mp4`` beside its
    record ``<beat>.<key>.json``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, beat_id: str, key: str) -> tuple[Path, Path]:
        stem = f"{beat_id}.{key[:24]}"
        return self.folder / f"{stem}.mp4", self.folder / f"{stem}.json"

    def _clock_marker(self, beat_id: str, key: str) -> Path:
        """Present when the beat of ``key`` read the scene clock when it was drawn."""
        return self.folder / f"{beat_id}.{key[:24]}.clock"

    def take(self, beat_id: str, key: str, into: Path, start: int) -> int | None:
        """Hard-link (else copy) the segment of ``key`` (starting at frame ``start``, for a beat
        that reads the clock) to ``into`` and return its frame count, or None when there is none
        or it does not check out against its record (a damaged segment is removed, so it is
        drawn again)."""
        if self._clock_marker(beat_id, key).exists():
            key = _at_frame(key, start)
        video, record_path = self._paths(beat_id, key)
        verdict = records.check(record_path, key, {"video": video})
        if verdict.record is None:
            if verdict.damaged:
                video.unlink(missing_ok=True)
                record_path.unlink(missing_ok=True)
            return None
        into.unlink(missing_ok=True)
        try:
            os.link(video, into)
        except OSError:
            shutil.copyfile(video, into)
        want = verdict.record.files["video"]
        if (into.stat().st_size, sha256_file(into)) != (want.bytes, want.sha256):
            return None  # replaced between the check and the link: draw it again
        if frame_count(into) != verdict.record.frames:
            # Its bytes are as recorded but not its frames (a record written wrong): joined, the
            # scene would come out short or long on every run. Drop it and draw the beat again.
            into.unlink(missing_ok=True)
            video.unlink(missing_ok=True)
            record_path.unlink(missing_ok=True)
            return None
        os.utime(record_path)
        return verdict.record.frames

    def _sweep_partials(self) -> None:
        """Remove copies left half-written by renders that were killed (their process is gone)."""
        for partial in self.folder.glob(".*.partial"):
            pid = partial.suffixes[-2].removeprefix(".pid") if len(partial.suffixes) > 1 else ""
            if not pid.isdigit() or not Path(f"/proc/{pid}").exists():
                partial.unlink(missing_ok=True)

    def keep(
        self, beat_id: str, key: str, video: Path, frames: int, fps: int, clock: int | None
    ) -> None:
        """Store a freshly drawn segment (a copy of ``video``; its record last), then drop the
        beat's least recently used segments beyond :data:`KEEP_PER_BEAT`. ``clock``: the start
        frame of a beat whose code read the scene clock, kept under that frame as well."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if clock is not None:
            self._clock_marker(beat_id, key).touch()
            key = _at_frame(key, clock)
        target, record_path = self._paths(beat_id, key)
        self._sweep_partials()
        staged = target.with_name(f".{target.name}.pid{os.getpid()}.partial")
        try:
            shutil.copyfile(video, staged)
            record_path.unlink(missing_ok=True)
            publish(staged, target)
        except OSError as err:
            staged.unlink(missing_ok=True)
            # A full disk names the segment it could not keep, not the render's own copy.
            raise OSError(err.errno, err.strerror, str(target)) from None
        records.write_record(record_path, key, frames, fps, {"video": target})
        older = sorted(
            self.folder.glob(f"{beat_id}.*.json"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for stale in older[KEEP_PER_BEAT:]:
            stale.unlink(missing_ok=True)
            stale.with_suffix(".mp4").unlink(missing_ok=True)


def _at_frame(key: str, start: int) -> str:
    return hashlib.sha256(f"{key}@{start}".encode()).hexdigest()


def frame_count(video: Path) -> int | None:
    """The frames ``video`` holds, None when it cannot be read as a video."""
    try:
        return video_packet_count(video)
    except (OSError, ValueError, IndexError, av.error.FFmpegError):
        return None


#: A segment file younger than this may be one a render is keeping right now (its record is
#: written after it), so it is not yet an orphan.
ORPHAN_AGE_SECONDS = 600


def verify_all(root: Path) -> tuple[int, list[Path], list[Path]]:
    """Check every kept segment under ``root`` against its record, digest and frame count; remove
    the damaged ones (and records left without a segment) and segments whose record is gone.
    Returns (segments checked, damaged ones removed, orphans removed)."""
    checked, damaged = 0, []
    for record_path in sorted(root.glob("*/*/*.json")):
        video = record_path.with_suffix(".mp4")
        record = records.read_record(record_path)
        checked += 1
        verdict = records.check(record_path, record.inputs if record else "", {"video": video})
        if verdict.record is None or frame_count(video) != verdict.record.frames:
            damaged.append(video)
            video.unlink(missing_ok=True)
            record_path.unlink(missing_ok=True)
    orphans = []
    for video in sorted(root.glob("*/*/*.mp4")):
        try:
            young = time.time() - video.stat().st_mtime < ORPHAN_AGE_SECONDS
        except FileNotFoundError:
            continue
        if not young and not video.with_suffix(".json").exists():
            orphans.append(video)
            video.unlink(missing_ok=True)
    return checked, damaged, orphans

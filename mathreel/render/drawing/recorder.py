"""What a render keeps of a narrated scene while it plays: beat segments, the tail hold, the
picture checks and key frames.

:class:`~mathreel.render.drawing.scene.NarratedScene` is the author's side (beats, marks, the
clock); it tells its :class:`Recorder` when a beat opens, when a play ends and when a beat
closes. The recorder decides from the beat's key whether a kept segment stands in for the beat
(then the scene skips its plays), joins what Manim wrote for a drawn beat into a segment and
keeps it, holds the picture after the last beat until the scene's length is whole AAC frames,
notes the picture's problems and saves key frames.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from pathlib import Path

from manim import Scene, config

from mathreel.narration.synthesis import BeatPlan
from mathreel.narration.timeline import aac_aligned_frames
from mathreel.render.drawing import picture
from mathreel.render.drawing.carried import CannotDigest, carried_state
from mathreel.render.drawing.segments import TAIL, beat_key


@dataclass(frozen=True)
class Segment:
    """One beat's video (or the scene's tail hold) as gathered by a render."""

    beat: str
    path: Path
    frames: int
    reused: bool


@dataclass(frozen=True)
class Take:
    """How a beat is recorded, decided as it opens: its key (empty when no segment is kept:
    key frames, plain ``manim``, or a beat with no digest) and the kept segment standing in for
    it, as (path, frames), if one checks out."""

    key: str = ""
    kept: tuple[Path, int] | None = None
    #: Manim's partial movie files before the beat: those after it are the beat's.
    partials: int = 0


class Recorder:
    """Records one render of ``scene`` (its run says what to keep; a watching zygote's child
    replaces the run through :meth:`NarratedScene.replace_run`, so the recorder reads it there)."""

    def __init__(self, scene: Scene, trackers: type) -> None:
        """``scene`` is the :class:`~mathreel.render.drawing.scene.NarratedScene` recorded (its
        ``run``, ``frames`` and ``skip_plays`` are read here)."""
        self._scene = scene
        #: The type of the beat trackers, which the author's locals hold but are not state.
        self._trackers = trackers
        #: The beat segments of a video render, in order, for the worker to join.
        self.segments: list[Segment] = []
        #: Why every beat from some beat on is drawn (something it can read has no digest).
        self.undigestable = ""
        self._mid_beat: list[str] = []

    # -- segments ------------------------------------------------------------------------------
    def open(
        self, beat_id: str, plan: BeatPlan | None, frames: list[types.FrameType], hold: int = 0
    ) -> Take:
        """Decide how a drawn beat is recorded (``plan`` None and ``hold`` frames for the tail):
        its key as it starts now and its kept segment, if one checks out (never under
        ``--force``). ``frames`` are the author's frames open at the beat."""
        scene, run = self._scene, self._scene.run
        partials = len(scene.renderer.file_writer.partial_movie_files)
        if run.segments is None or self.undigestable:
            return Take(partials=partials)
        try:
            state = carried_state(scene, frames, (self._trackers,))
        except CannotDigest as err:
            self.undigestable = f"from '{beat_id}' on, beats are drawn: {err}, with no digest"
            return Take(partials=partials)
        key = beat_key(run.code_key, plan, state, hold)
        if run.force:
            return Take(key, None, partials)
        path = self._segment_name(beat_id)
        kept = run.segments.take(beat_id, key, path, scene.frames)
        return Take(key, None if kept is None else (path, kept), partials)

    def close(self, beat_id: str, take: Take, start: int, clock_read: bool) -> None:
        """The beat has played from frame ``start`` to the scene's frame count now: gather its
        kept segment, or join what Manim wrote into a segment and keep it (keyed by its start
        frame too when the author's code read the clock)."""
        if take.kept is not None:
            path, frames = take.kept
            self.segments.append(Segment(beat_id, path, frames, True))
        elif take.key:
            self._keep(beat_id, take, start, clock_read)

    def _segment_name(self, beat_id: str) -> Path:
        work = self._scene.run.work
        assert work is not None
        return work / f"{len(self.segments):03d}-{beat_id}.mp4"

    def _keep(self, beat_id: str, take: Take, start: int, clock_read: bool) -> None:
        from mathreel.render.video import join_videos, video_packet_count

        scene, run = self._scene, self._scene.run
        frames = scene.frames - start
        if frames == 0:
            return
        writer = scene.renderer.file_writer
        writer.join_all_encode_jobs()
        files = [Path(f) for f in writer.partial_movie_files[take.partials :] if f is not None]
        fps = config.frame_rate
        counts = [video_packet_count(f) for f in files]
        if sum(counts) != frames:
            raise RuntimeError(
                f"beat '{beat_id}': Manim wrote {sum(counts)} frames where {frames} were counted"
            )
        path = self._segment_name(beat_id)
        join_videos(list(zip(files, counts, strict=True)), fps, path)
        if run.code_files is not None:
            from mathreel.render.drawing.loader import check_loaded
            from mathreel.render.runs.keys import key_name

            check_loaded(run.code_files, key_name)
        assert run.segments is not None
        run.segments.keep(beat_id, take.key, path, frames, fps, start if clock_read else None)
        self.segments.append(Segment(beat_id, path, frames, False))

    def hold_tail(self, draw: bool) -> None:
        """Hold the last picture until the scene's length is whole AAC frames of audio (at most
        0.53 s), so a chapter joins its scenes' encoded audio as it is. Previews are not held."""
        scene = self._scene
        if scene.run.beats:
            return
        fps = config.frame_rate
        hold = -scene.frames % aac_aligned_frames(fps)
        if not hold:
            return
        start = scene.frames
        take = self.open(TAIL, None, [], hold) if draw else Take()
        scene.skip_plays(not draw or take.kept is not None)
        # Half a frame more: Manim repeats a frozen frame int(duration * fps) times.
        scene.wait((hold + 0.5) / fps, frozen_frame=True)
        if scene.frames - start != hold:
            raise RuntimeError(f"the tail hold wrote {scene.frames - start} frames, not {hold}")
        self.close(TAIL, take, start, clock_read=False)

    # -- picture checks and key frames ---------------------------------------------------------
    def safe_area_violations(self) -> list[str]:
        """Visible mobjects reaching outside the title-safe area of the picture the camera shows."""
        scene = self._scene
        return picture.safe_area_violations(scene.renderer.camera, scene.mobjects)

    def small_text(self) -> list[str]:
        """Visible text too small to read at 854x480, as the camera shows it."""
        scene = self._scene
        return picture.small_text(scene.renderer.camera, scene.mobjects)

    def check_play(self, number: int) -> None:
        """A play inside a beat has ended: note the problems of the picture it ends on, so a
        label that appears and leaves within a beat is held to the same rules."""
        for problem in self.safe_area_violations() + self.small_text():
            if problem not in " ".join(self._mid_beat):
                self._mid_beat.append(f"after animation {number}: {problem}")

    def mid_beat_problems(self) -> list[str]:
        """The problems noted during the beat that just closed (the list starts again)."""
        problems, self._mid_beat = self._mid_beat, []
        return problems

    def save_keyframe(self, path: Path) -> None:
        from PIL import Image

        renderer = self._scene.renderer
        renderer.update_frame(self._scene, ignore_skipping=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(renderer.get_frame()).convert("RGB").save(path, optimize=True)

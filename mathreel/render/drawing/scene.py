"""NarratedScene: a Manim scene whose beats are paced by their narration, recording a timeline.

In ``construct``::

    with self.beat("tangent_at_one") as beat:
        self.play(Create(tangent), run_time=beat.until("slope"))
        self.play(Write(slope_label))
    # leaving the block waits out the rest of the beat's narration

The render worker hands the scene its :class:`SceneRun` (the narration plan, which beats to draw,
where beat segments are kept); run by plain ``manim`` the scene plans its narration with the
silent voice. Time is counted in frames actually written (or, for a skipped play, the frames a
drawn one would write), so a beat starts on the same frame whether the beats before it were drawn,
skipped or reused.
"""

from __future__ import annotations

import hashlib
import inspect
import random
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import Scene, ThreeDCamera, config
from manim.utils.family import extract_mobject_family_members

from mathreel.errors import NarrationError, UserError
from mathreel.narration.script import parse_narration
from mathreel.narration.synthesis import BeatPlan, NarrationPlan, plan_narration
from mathreel.narration.timeline import BeatRecord, Timeline, frames_for
from mathreel.narration.voices.silent import SilentVoice
from mathreel.paths import narration_dir, project_root, scenes_dir
from mathreel.render.drawing.carried import author_frames, is_author_code
from mathreel.render.drawing.recorder import Recorder, Take
from mathreel.render.drawing.segments import SegmentStore
from mathreel.render.runs.scene_source import check_beats, read_scene_source


@dataclass(frozen=True)
class SceneRun:
    """How a render runs a scene, handed to it by the render worker."""

    #: The narration plan (None: the scene plans its narration file with the silent voice).
    plan: NarrationPlan | None = None
    #: Save a PNG of the picture at each beat's end here (key-frame renders).
    keyframes: Path | None = None
    #: Draw only the beats from the first to the last of these; run the others in skip mode.
    beats: tuple[str, str] | None = None
    #: Video renders: where beat segments are reused from and kept, the scene's code key (part of
    #: every beat's key), the folder a render's segments are gathered in, and whether to draw
    #: every beat even when its segment is kept (``--force``).
    segments: SegmentStore | None = None
    code_key: str = ""
    #: The SHA-256 of each file the code key was made from (see :mod:`mathreel.render.drawing.loader`).
    code_files: dict[str, str] | None = None
    work: Path | None = None
    force: bool = False
    #: Called once, with the scene, when a preview reaches its first chosen beat (a watching
    #: zygote forks its renders there; see :class:`mathreel.render.runs.launch.Zygote`).
    at_first_chosen_beat: Callable[[NarratedScene], None] | None = None


def frames_of_play(duration: float, frozen: bool, fps: int) -> int:
    """Frames Manim writes for a play of ``duration`` seconds: a frozen frame is repeated
    ``int(duration / dt)`` times, an animation draws one frame per ``np.arange(0, duration, dt)``
    step (so a play rounds up and a held frame rounds down)."""
    dt = 1 / fps
    return int(duration / dt) if frozen else len(np.arange(0, duration, dt))


def _beat_line(narration_path: str, beat_id: str) -> int:
    """The line of beat ``beat_id``'s heading in its narration file (1 if it cannot be found)."""
    try:
        script = parse_narration(project_root() / narration_path)
    except UserError:
        return 1
    return next((b.line for b in script.beats if b.id == beat_id), 1)


def _scene_code_line() -> str:
    """Where the scene's own code (under scenes/) is in the current call stack."""
    for frame in inspect.stack()[2:]:
        path = Path(frame.filename)
        if path.is_relative_to(scenes_dir()):
            return f"{path.relative_to(project_root())}:{frame.lineno}"
    return "the scene"


class BeatTracker:
    """The running beat: its narration length, mark times, and waits that land on them."""

    def __init__(self, scene: NarratedScene, plan: BeatPlan, start: float) -> None:
        self._scene = scene
        self.plan = plan
        self._start = start

    @property
    def start(self) -> float:
        """The beat's start on the scene clock, seconds (the author's code reading it makes the
        beat's segment depend on when it starts)."""
        if _read_by_author():
            self._scene._clock_read = True
        return self._start

    @property
    def id(self) -> str:
        return self.plan.id

    @property
    def duration(self) -> float:
        """Seconds of narration in this beat, including the breath before the next one."""
        return self.plan.duration

    @property
    def elapsed(self) -> float:
        return self._scene.renderer.time - self._start

    @property
    def remaining(self) -> float:
        """Seconds of narration left in this beat (0 once it has been spoken)."""
        return max(0.0, self.duration - self.elapsed)

    def mark(self, name: str) -> float:
        """Offset of mark ``name`` from the beat's start, seconds."""
        try:
            return self.plan.marks[name]
        except KeyError:
            known = ", ".join(self.plan.marks) or "none"
            path = self._scene.narration.narration_path
            raise NarrationError(
                path,
                _beat_line(path, self.id),
                f"beat '{self.id}' has no mark '{name}' (its marks: {known}), "
                f"which {_scene_code_line()} waits for",
            ) from None

    def until(self, name: str | None = None) -> float:
        """Seconds from now until mark ``name`` (or the end of the narration), at least one frame.

        Use it as ``run_time`` so an animation ends as the narration reaches the mark.
        """
        fps = config.frame_rate
        target = self.mark(name) if name is not None else self.plan.speech_end
        return max(1, frames_for(target - self.elapsed, fps)) / fps

    def wait_until(self, name: str) -> None:
        """Hold the picture until the narration reaches mark ``name``."""
        frames = frames_for(self.mark(name) - self.elapsed, config.frame_rate)
        if frames:
            self._scene.wait(frames / config.frame_rate)


class NarratedScene(Scene):
    """A scene narrated beat by beat; see the module docstring for the shape of ``construct``."""

    def __init__(self, *args, run: SceneRun | None = None, **kwargs) -> None:
        #: How this render runs the scene, from the render worker; plain ``manim`` makes the
        #: scene without one and gets the defaults (the silent voice's plan, every beat drawn).
        self.run = run if run is not None else SceneRun()
        super().__init__(*args, **kwargs)

    def replace_run(self, run: SceneRun) -> None:
        """Take another run mid-scene: a watching zygote's fork, at the first chosen beat, takes
        its request's run and narration plan here."""
        self.run = run
        self.narration = run.plan

    def setup(self) -> None:
        super().setup()
        self.narration = self._load_plan()
        self._records: list[BeatRecord] = []
        self._active: BeatTracker | None = None
        #: Frames of video so far (written, or that a drawn render would have written).
        self.frames = 0
        #: Keeps what this render records: segments, the tail hold, picture checks, key frames.
        self.recorder = Recorder(self, BeatTracker)
        self.timeline: Timeline | None = None
        self._skipping = self.renderer._original_skipping_status
        #: Set when the author's code reads the scene clock during a beat (see _watch_clock).
        self._clock_read = False
        _watch_clock(self)
        add_frame = self.renderer.add_frame

        def counted(frame, num_frames: int = 1) -> None:
            if not self.renderer.skip_animations:
                self.frames += num_frames
            add_frame(frame, num_frames)

        self.renderer.add_frame = counted
        #: The scene's attributes before the author's own: those added later are carried state.
        self._carried_names = frozenset(vars(self))

    def get_time_progression(
        self, run_time, description, n_iterations=None, override_skip_animations=False
    ):
        """Frame times of a play. A skipped play jumps to its end in one step unless a
        time-based updater is live: then it steps through the frames a drawn play would, so an
        updater taking ``dt`` ends where drawing leaves it (no frame is rasterised). Stepping
        for every updater was tried: it made one jump-sensitive scene's later beats reusable
        after a mid-scene edit, but tied the state after a play to its frame count, so an
        edit of an earlier beat's length drew more beats again (Chapter 1's first-beat edits:
        1.375 beats a scene against 1.0)."""
        live = self.renderer.skip_animations and (
            self.always_update_mobjects
            or self.updaters
            or any(m.has_time_based_updater() for m in self.get_mobject_family_members())
        )
        return super().get_time_progression(
            run_time, description, n_iterations, override_skip_animations or live
        )

    def play_internal(self, skip_rendering: bool = False) -> None:
        """Manim's play, which in skip mode neither rasterises a frame nor leaves out the
        updaters' last call that a drawn play makes (so skipping ends on the drawn picture)."""
        skipping = self.renderer.skip_animations
        super().play_internal(skip_rendering or skipping)
        if skipping:
            self.update_mobjects(0)

    def play(self, *args, **kwargs) -> None:
        """Play as Manim does and keep the clock on whole frames; then the recorder checks the
        picture the animation ends on (cut-off or small text)."""
        super().play(*args, **kwargs)
        fps = config.frame_rate
        if self.renderer.skip_animations:
            self.frames += frames_of_play(
                self.duration, self.is_current_animation_frozen_frame(), fps
            )
        self.renderer.time = self.frames / fps
        if self._active is not None:
            self.recorder.check_play(self.renderer.num_plays)

    # -- narration ---------------------------------------------------------------------------
    @classmethod
    def scene_stem(cls) -> str:
        return Path(inspect.getfile(cls)).stem

    def _load_plan(self) -> NarrationPlan:
        source = read_scene_source(Path(inspect.getfile(type(self))))
        plan = self.run.plan
        if plan is None:
            script = parse_narration(narration_dir() / f"{self.scene_stem()}.md")
            plan = plan_narration(script, self.scene_stem(), SilentVoice(), None)
        check_beats(source, tuple(b.id for b in plan.beats), Path(plan.narration_path))
        return plan

    @contextmanager
    def beat(self, beat_id: str) -> Iterator[BeatTracker]:
        """Narrate beat ``beat_id``: the block's animations play under its voice; on exit the
        scene waits until the narration has been spoken."""
        if self._active is not None:
            raise UserError(f"beat '{beat_id}' opened inside beat '{self._active.id}'")
        draw = self._chosen(beat_id)
        plan = self.narration.beat(beat_id)  # after the hook: a zygote's child has a new plan
        start = self.frames
        _reseed(self.scene_stem(), beat_id)
        opened_by = author_frames(inspect.currentframe())
        take = self.recorder.open(beat_id, plan, opened_by) if draw else Take()
        del opened_by
        self._clock_read = False
        self.skip_plays(not draw or take.kept is not None)
        tracker = BeatTracker(self, plan, self.renderer.time)
        self._active = tracker
        yield tracker
        fps = config.frame_rate
        frames = frames_for(tracker.remaining, fps)
        if frames:
            self.wait(frames / fps)
        self._active = None
        if take.kept is not None:
            # The clock follows the frames the segment holds (equal to the skipped plays'
            # frames unless Manim's frame rules changed; the segment is what the video shows).
            self.frames = start + take.kept[1]
            self.renderer.time = self.frames / fps
        self.recorder.close(beat_id, take, start, self._clock_read)
        self._records.append(
            BeatRecord(
                id=beat_id,
                start=start / fps,
                end=self.frames / fps,
                narration_duration=tracker.duration,
                marks={k: start / fps + v for k, v in tracker.plan.marks.items()},
                safe_area_violations=self.recorder.safe_area_violations(),
                small_text=self.recorder.small_text(),
                mid_beat_problems=self.recorder.mid_beat_problems(),
                reused=take.kept is not None,
                drawn_because=self.recorder.undigestable if draw else "",
            )
        )
        if self.run.keyframes is not None:
            self.recorder.save_keyframe(self.run.keyframes / f"{beat_id}.png")

    def _chosen(self, beat_id: str) -> bool:
        """Whether this beat is drawn. In a preview of some beats, every other beat still runs
        (so the chosen ones start from the right picture) but in skip mode: each play jumps to
        its end and writes no frame. The first chosen beat calls the zygote's hook."""
        chosen = self.run.beats
        if not chosen:
            return not self._skipping
        ids = [b.id for b in self.narration.beats]
        first, last = (ids.index(b) for b in chosen)
        here = ids.index(beat_id)
        hook = self.run.at_first_chosen_beat
        if here == first and hook is not None:
            hook(self)
        return first <= here <= last and not self._skipping

    def skip_plays(self, skip: bool) -> None:
        """Run the plays from now on in skip mode (each jumps to its end, no frame is drawn) or
        drawn."""
        # Manim resets skip_animations to this original status at the start of every play.
        self.renderer._original_skipping_status = skip
        self.renderer.skip_animations = skip

    # -- drawing and closing ----------------------------------------------------------------
    def get_moving_mobjects(self, *animations):
        """Manim paints the still mobjects of a play once and the moving ones over them on every
        frame. Under a 3D camera that breaks depth: a plane moved through a still surface would
        be painted over the surface's near side, then snap behind it when the play ends. So when
        a moving mobject is shaded in 3D, every mobject is painted on every frame, in depth
        order, as a still frame paints them."""
        moving = super().get_moving_mobjects(*animations)
        if isinstance(self.renderer.camera, ThreeDCamera) and any(
            getattr(m, "shade_in_3d", False) for m in extract_mobject_family_members(moving)
        ):
            return list(self.mobjects)
        return moving

    def tear_down(self) -> None:
        super().tear_down()
        unused = [b.id for b in self.narration.beats if b.id not in {r.id for r in self._records}]
        if unused:
            raise UserError(
                f"{self.narration.narration_path}: beats never narrated: {', '.join(unused)}"
            )
        self._clock_read = False
        self.recorder.hold_tail(draw=not self._skipping)
        fps = int(config.frame_rate)
        self.timeline = Timeline(self.narration.scene, fps, self.frames / fps, self._records)


def _reseed(scene: str, beat_id: str) -> None:
    """Seed Python's and numpy's random numbers from (scene, beat): a draw is a function of the
    beat it is made in, not of what ran before it."""
    seed = int.from_bytes(hashlib.sha256(f"{scene}/{beat_id}".encode()).digest()[:4], "big")
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 (the global generator is what scenes use)


def _read_by_author() -> bool:
    """Whether the clock read under way was made by the author's code (through Manim's
    ``Scene.time`` or directly), not by Manim or the pipeline."""
    frame = sys._getframe(2)
    if frame.f_code.co_name == "time" and not is_author_code(frame.f_code.co_filename):
        frame = frame.f_back
    return frame is not None and is_author_code(frame.f_code.co_filename)


def _watch_clock(scene: NarratedScene) -> None:
    """Make the renderer's ``time`` note when the author's code reads it: a beat that reads the
    clock is kept under its start frame as well, since its picture depends on when it starts."""
    renderer = scene.renderer
    base = type(renderer)

    def read(self) -> float:
        if _read_by_author():
            scene._clock_read = True
        return self.__dict__["_clock"]

    def write(self, value: float) -> None:
        self.__dict__["_clock"] = value

    value = renderer.__dict__.pop("time", 0.0)
    renderer.__class__ = type(base.__name__, (base,), {"time": property(read, write)})
    renderer.time = value

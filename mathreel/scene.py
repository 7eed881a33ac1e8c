"""NarratedScene: a Manim scene whose beats are paced by their narration, recording a timeline.

In ``construct``::

    with self.beat("tangent_at_one") as beat:
        self.play(Create(tangent), run_time=beat.until("slope"))
        self.play(Write(slope_label))
    # leaving the block waits out the rest of the beat's narration

The narration plan (audio lengths and mark times) comes from the render job
(``MATHREEL_PLAN``); run by plain ``manim`` the scene plans its narration with the silent voice.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from manim import Scene, VMobject, config

from mathreel.errors import UserError
from mathreel.narration import parse_narration
from mathreel.paths import NARRATION_DIR
from mathreel.scene_source import check_beats, read_scene_source
from mathreel.synthesis import BeatPlan, NarrationPlan, plan_narration
from mathreel.timeline import BeatRecord, Timeline, frames_for
from mathreel.voices.silent import SilentVoice

#: Fraction of the frame kept clear on each side (title-safe area).
SAFE_MARGIN = 0.05
#: Smallest text allowed, as an em size in pixels at 854x480 ("about 24 px", with 10 % latitude).
MIN_TEXT_PX = 21.5
#: Em size in 480p pixels per Manim font-size point, measured from cap heights (cap ~ 0.7 em):
#: MathTex/Tex "H" at font_size 28 is 11.9 px tall, Pango Text "H" 17.0 px.
_EM_PX_PER_POINT = {"tex": 11.9 / 28 / 0.7, "text": 17.0 / 28 / 0.7}

ENV_PLAN = "MATHREEL_PLAN"
ENV_TIMELINE = "MATHREEL_TIMELINE"
ENV_KEYFRAMES = "MATHREEL_KEYFRAMES"
#: "FIRST,LAST": draw only these beats (and those between); the others run in skip mode.
ENV_BEATS = "MATHREEL_BEATS"


class BeatTracker:
    """The running beat: its narration length, mark times, and waits that land on them."""

    def __init__(self, scene: NarratedScene, plan: BeatPlan, start: float) -> None:
        self._scene = scene
        self.plan = plan
        self.start = start

    @property
    def id(self) -> str:
        return self.plan.id

    @property
    def duration(self) -> float:
        """Seconds of narration in this beat, including the breath before the next one."""
        return self.plan.duration

    @property
    def elapsed(self) -> float:
        return self._scene.renderer.time - self.start

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
            raise UserError(f"beat '{self.id}' has no mark '{name}' (its marks: {known})") from None

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

    #: Called once, with the scene, when a preview reaches its first chosen beat (a watching
    #: zygote forks its renders there; see :class:`mathreel.launch.Zygote`).
    at_first_chosen_beat: Callable[[NarratedScene], None] | None = None

    def setup(self) -> None:
        super().setup()
        self.narration = self._load_plan()
        self._records: list[BeatRecord] = []
        self._active: BeatTracker | None = None
        self._mid_beat: list[str] = []

    def play(self, *args, **kwargs) -> None:
        """Play as Manim does, then check the picture the animation ends on (cut-off or small text),
        so a label that appears and leaves within a beat is held to the same rules."""
        super().play(*args, **kwargs)
        if self._active is not None:
            for problem in self.safe_area_violations() + self.small_text():
                entry = f"after animation {self.renderer.num_plays}: {problem}"
                if problem not in " ".join(self._mid_beat):
                    self._mid_beat.append(entry)

    # -- narration ---------------------------------------------------------------------------
    @classmethod
    def scene_stem(cls) -> str:
        return Path(inspect.getfile(cls)).stem

    def _load_plan(self) -> NarrationPlan:
        source = read_scene_source(Path(inspect.getfile(type(self))))
        plan_path = os.environ.get(ENV_PLAN)
        if plan_path:
            plan = NarrationPlan.load(Path(plan_path))
        else:
            script = parse_narration(NARRATION_DIR / f"{self.scene_stem()}.md")
            plan = plan_narration(script, self.scene_stem(), SilentVoice(), None)
        check_beats(source, tuple(b.id for b in plan.beats), Path(plan.narration_path))
        return plan

    @contextmanager
    def beat(self, beat_id: str) -> Iterator[BeatTracker]:
        """Narrate beat ``beat_id``: the block's animations play under its voice; on exit the
        scene waits until the narration has been spoken."""
        if self._active is not None:
            raise UserError(f"beat '{beat_id}' opened inside beat '{self._active.id}'")
        self._skip_unless_chosen(beat_id)
        tracker = BeatTracker(self, self.narration.beat(beat_id), self.renderer.time)
        self._active = tracker
        yield tracker
        fps = config.frame_rate
        frames = frames_for(tracker.remaining, fps)
        if frames:
            self.wait(frames / fps)
        self._active = None
        self._records.append(
            BeatRecord(
                id=beat_id,
                start=tracker.start,
                end=self.renderer.time,
                narration_duration=tracker.duration,
                marks={k: tracker.start + v for k, v in tracker.plan.marks.items()},
                safe_area_violations=self.safe_area_violations(),
                small_text=self.small_text(),
                mid_beat_problems=self._mid_beat,
            )
        )
        self._mid_beat = []
        keyframes = os.environ.get(ENV_KEYFRAMES)
        if keyframes:
            self._save_keyframe(Path(keyframes) / f"{beat_id}.png")

    def _skip_unless_chosen(self, beat_id: str) -> None:
        """In a preview of some beats, every other beat still runs (so the chosen ones start from
        the right picture) but in skip mode: each play jumps to its end and writes no frame."""
        chosen = os.environ.get(ENV_BEATS)
        if not chosen:
            return
        ids = [b.id for b in self.narration.beats]
        first, last = (ids.index(b) for b in chosen.split(","))
        skip = not first <= ids.index(beat_id) <= last
        if ids.index(beat_id) == first and NarratedScene.at_first_chosen_beat is not None:
            NarratedScene.at_first_chosen_beat(self)
        # Manim resets skip_animations to this original status at the start of every play.
        self.renderer._original_skipping_status = skip
        self.renderer.skip_animations = skip

    # -- checks and records -------------------------------------------------------------------
    def safe_area_violations(self) -> list[str]:
        """Visible mobjects reaching outside the title-safe area (5 % margin on each side)."""
        half_w = config.frame_width / 2 * (1 - 2 * SAFE_MARGIN)
        half_h = config.frame_height / 2 * (1 - 2 * SAFE_MARGIN)
        found = []
        for top in self.mobjects:
            points = [m.points for m in top.get_family() if m.has_points() and _visible(m)]
            if not points:
                continue
            allp = np.concatenate(points)
            lo, hi = allp.min(axis=0), allp.max(axis=0)
            if (
                lo[0] < -half_w - 1e-3
                or hi[0] > half_w + 1e-3
                or lo[1] < -half_h - 1e-3
                or hi[1] > half_h + 1e-3
            ):
                found.append(
                    f"{type(top).__name__} spans x {lo[0]:.2f}..{hi[0]:.2f}, y {lo[1]:.2f}..{hi[1]:.2f} "
                    f"(safe: |x| <= {half_w:.2f}, |y| <= {half_h:.2f})"
                )
        return found

    def small_text(self) -> list[str]:
        """Visible text whose em size at 854x480 is under :data:`MIN_TEXT_PX`."""
        from manim import MarkupText, SingleStringMathTex, Text

        found = []

        def visit(mob) -> None:
            kind = (
                "tex"
                if isinstance(mob, SingleStringMathTex)
                else ("text" if isinstance(mob, Text | MarkupText) else None)
            )
            if kind is None:
                for sub in mob.submobjects:
                    visit(sub)
                return
            if mob.height <= 0 or not any(_visible(m) for m in mob.get_family() if m.has_points()):
                return
            px = float(mob.font_size) * _EM_PX_PER_POINT[kind] * 8.0 / config.frame_height
            if px < MIN_TEXT_PX - 1e-6:
                label = getattr(mob, "tex_string", None) or getattr(mob, "text", "")
                found.append(
                    f"{type(mob).__name__} {label[:40]!r} at {px:.1f} px (min {MIN_TEXT_PX:g})"
                )

        for top in self.mobjects:
            visit(top)
        return found

    def _save_keyframe(self, path: Path) -> None:
        from PIL import Image

        self.renderer.update_frame(self, ignore_skipping=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(self.renderer.get_frame()).convert("RGB").save(path, optimize=True)

    def tear_down(self) -> None:
        super().tear_down()
        unused = [b.id for b in self.narration.beats if b.id not in {r.id for r in self._records}]
        if unused:
            raise UserError(
                f"{self.narration.narration_path}: beats never narrated: {', '.join(unused)}"
            )
        timeline_path = os.environ.get(ENV_TIMELINE)
        if timeline_path:
            timeline = Timeline(
                self.narration.scene, int(config.frame_rate), self.renderer.time, self._records
            )
            Path(timeline_path).write_text(timeline.to_json(), encoding="utf-8")


def _visible(mobject) -> bool:
    if isinstance(mobject, VMobject):
        fill = mobject.get_fill_opacity()
        stroke = mobject.get_stroke_opacity() if mobject.get_stroke_width() > 0 else 0.0
        return max(float(fill), float(stroke)) > 0.01
    return True

"""Quiz pieces: a question and its lettered choices, a countdown as long as the narration's thinking
pause, and the reveal of an answer."""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    TAU,
    UP,
    Arc,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    Integer,
    LaggedStart,
    Mobject,
    Scene,
    SurroundingRectangle,
    Tex,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

from mathreel import redraw
from mathreel.quiz import LETTERS
from scenes.common.drawing import show_value
from scenes.common.style import (
    BODY_SIZE,
    FAST,
    HIGHLIGHT_COLOR,
    LABEL_SIZE,
    MUTED_COLOR,
    NORMAL,
    SMALL_SIZE,
    TEXT_COLOR,
    TITLE_SIZE,
)
from scenes.common.text_blocks import numbered_lines

RING_RADIUS = 0.5
#: Left edge of a quiz's question and choice text.
QUIZ_TEXT_LEFT = -5.9


def play_quiz_title(scene: Scene, beat, subtitle: str, color: str = TEXT_COLOR) -> VGroup:
    """The quiz's opening card, "Check Your Understanding" over ``subtitle``, written within the
    beat; returned so the first question can clear it."""
    title = Tex(r"Check Your Understanding", font_size=TITLE_SIZE, color=color)
    under = Tex(subtitle, font_size=BODY_SIZE, color=MUTED_COLOR)
    card = VGroup(title, under).arrange(DOWN, buff=0.4).move_to(UP * 0.3)
    scene.play(Write(title), run_time=NORMAL)
    scene.play(FadeIn(under, shift=UP * 0.2), run_time=min(FAST, beat.until()))
    return card


def play_choices(scene: Scene, beat, choices: VGroup, until: str = "think") -> None:
    """The choices fade in one after another, done when the narration reaches ``until``."""
    scene.play(
        LaggedStart(*(FadeIn(c, shift=RIGHT * 0.2) for c in choices), lag_ratio=0.5),
        run_time=beat.until(until),
    )


def play_question(
    scene: Scene,
    beat,
    number: int,
    question,
    left: float,
    top: float | None = None,
    clear: Mobject | None = None,
    extra: Mobject | None = None,
    given: Mobject | None = None,
    tex_environment: str = "center",
) -> tuple[VGroup, VGroup]:
    """Pose ``question`` (a mathreel Question): clear what was on screen, its text (with ``given``,
    the setting the voice states, set under it) by the mark "choices", then ``extra`` (a picture
    it asks about), and its lettered choices by "think", from ``top`` or under the setting.
    Returns (question block, choices)."""
    block = question_block(left, number, question.prompt_tex, tex_environment)
    shown = [block]
    if given is not None:
        given.next_to(block, DOWN, buff=0.35).align_to(block, LEFT)
        shown.append(given)
        top = given.get_bottom()[1] - 0.45 if top is None else top
    choices = lettered_choices(left, [c.tex for c in question.choices], top=top)
    if clear is not None:
        scene.play(FadeOut(clear), run_time=FAST)
    if extra is None:
        fade_in = (FadeIn(m, shift=DOWN * 0.2) for m in shown)
        scene.play(*fade_in, run_time=beat.until("choices"))
    else:
        scene.play(FadeIn(block, shift=DOWN * 0.2), run_time=beat.until("choices") / 2)
        scene.play(FadeIn(extra), run_time=FAST)
    play_choices(scene, beat, choices)
    return block, choices


def question_block(left: float, number: int, text: str, tex_environment: str = "center") -> VGroup:
    """'Question n of 3' over the question itself, top left, from x = ``left`` (a question of
    several lines set ``flushleft``)."""
    tag = Tex(rf"Question {number} of 3", font_size=SMALL_SIZE, color=MUTED_COLOR)
    body = Tex(text, font_size=BODY_SIZE + 2, color=TEXT_COLOR, tex_environment=tex_environment)
    group = VGroup(tag, body).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
    return group.to_edge(UP, buff=0.5).align_to([left, 0, 0], LEFT)


def lettered_choices(left: float, texts: list[str], top: float) -> VGroup:
    """Lettered answer choices, one per line, left aligned, indented from ``left``."""
    rows = numbered_lines(
        texts,
        [f"{letter}." for letter in LETTERS[: len(texts)]],
        font_size=LABEL_SIZE + 2,
        buff=0.42,
    )
    return rows.align_to([left + 0.3, top, 0], UP + LEFT)


def play_countdown(scene: Scene, beat, seconds: float, end_mark: str, centre: np.ndarray) -> VGroup:
    """Show a 'pause and think' cue and a ring with whole seconds left while the beat's speech ends,
    then empty the ring over the thinking pause, landing on ``end_mark``.

    ``seconds`` is the pause's length from the beat's plan, so the digits count down the real
    silence (5, 4, 3, 2, 1 for a five-second pause). Returns the parts, for the scene to remove.
    """
    cue = Tex(r"Pause the video and think", font_size=SMALL_SIZE, color=MUTED_COLOR)
    cue.next_to(centre, DOWN, buff=RING_RADIUS + 0.2).align_to(centre + RIGHT * 1.0, RIGHT)
    progress = ValueTracker(0.0)
    track = Circle(radius=RING_RADIUS, color=MUTED_COLOR, stroke_width=3, stroke_opacity=0.4)
    track.move_to(centre)
    ring = redraw(
        lambda: Arc(
            radius=RING_RADIUS,
            start_angle=PI / 2,
            angle=max(1e-3, TAU * (1 - progress.get_value())),
            arc_center=centre,
            color=HIGHLIGHT_COLOR,
            stroke_width=6,
        )
    )

    def seconds_left() -> int:
        return max(1, math.ceil(seconds * (1 - progress.get_value()) - 1e-9))

    digit = Integer(seconds_left(), font_size=BODY_SIZE, color=HIGHLIGHT_COLOR).move_to(centre)
    digit.add_updater(lambda m: show_value(m, seconds_left()).move_to(centre))
    scene.play(FadeIn(cue), FadeIn(track), FadeIn(ring), FadeIn(digit), run_time=beat.until())
    scene.play(progress.animate.set_value(1.0), run_time=beat.until(end_mark), rate_func=linear)
    digit.clear_updaters()
    ring.clear_updaters()
    return VGroup(cue, track, ring, digit)


def reveal_choice(
    scene: Scene,
    beat,
    choices: VGroup,
    right_index: int,
    question: VGroup,
    countdown: VGroup,
    lift_mark: str,
    left_edge: float,
) -> VGroup:
    """Box the right choice and grey the others; at ``lift_mark`` clear the rest and lift the boxed
    choice to the top left (``left_edge``), leaving room for a worked example. Returns it, boxed."""
    right = choices[right_index]
    others = VGroup(*(c for i, c in enumerate(choices) if i != right_index))
    box = SurroundingRectangle(right, color=HIGHLIGHT_COLOR, buff=0.15)
    scene.play(
        FadeOut(countdown), others.animate.set_color(MUTED_COLOR), Create(box), run_time=NORMAL
    )
    beat.wait_until(lift_mark)
    answer = VGroup(right, box)
    scene.play(FadeOut(others), FadeOut(question), run_time=FAST)
    scene.play(
        answer.animate.to_edge(UP, buff=0.5).align_to([left_edge, 0, 0], LEFT), run_time=FAST
    )
    return answer

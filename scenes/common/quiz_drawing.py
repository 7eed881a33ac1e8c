"""Quiz pieces: a question and its lettered choices, a countdown as long as the narration's thinking
pause, and the reveal of an answer."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    Mobject,
    Scene,
    SurroundingRectangle,
    Tex,
    VGroup,
    Write,
)

from mathreel.quiz import LETTERS
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

"""Questions a chapter asks the viewer, defined once per scene in ``scenes/<stem>_quiz.py``.

The same records feed the scene (the LaTeX it shows), the player page (choices, the right answer and
an explanation per choice, :mod:`mathreel.assemble.player`) and a check of the narration (the
question, the choices and the answer as spoken, :mod:`tests.quiz_narration`), so a question
is never written twice. Nothing here imports Manim.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from mathreel.paths import scenes_dir

#: Letters of lettered choices, as the scene shows them and the voice names the answer ("It's C").
LETTERS = ("A", "B", "C", "D", "E", "F")


@dataclass(frozen=True)
class Choice:
    """One answer a viewer can pick, with why it is right or wrong."""

    #: As the page shows it (Unicode math, no markup).
    text: str
    #: Shown once it is chosen: why it is right, or what it actually describes and why that is wrong.
    explanation: str
    #: How the question's beat reads it out when it lists the choices ("" when it does not).
    spoken: str = ""
    #: As the scene shows it (LaTeX), when the scene lists the choices on screen.
    tex: str = ""


@dataclass(frozen=True)
class Question:
    """A question (``kind="question"``) or a prediction prompt (``kind="prediction"``): asked in
    ``ask_beat``, answered from the start of ``answer_beat``."""

    ask_beat: str
    answer_beat: str
    #: The question as the page shows it; its words are said in the ask beat, in order.
    prompt: str
    choices: tuple[Choice, ...]
    #: Index of the right choice.
    answer: int
    kind: str = "question"
    #: Choices labelled A, B, C ...: the answer beat then opens "It's C".
    lettered: bool = False
    #: The prompt as the scene shows it (LaTeX), when the scene shows it whole.
    prompt_tex: str = ""

    @property
    def said_answer(self) -> str:
        """How the answer beat opens: "It's C" for lettered choices, else the right choice itself."""
        if self.lettered:
            return f"It's {LETTERS[self.answer]}"
        return self.choices[self.answer].text

    def check(self) -> None:
        if self.kind not in ("question", "prediction"):
            raise ValueError(f"{self.ask_beat}: kind must be 'question' or 'prediction'")
        if len(self.choices) < 2 or not 0 <= self.answer < len(self.choices):
            raise ValueError(f"{self.ask_beat}: needs two or more choices and one right answer")


def quiz_path(stem: str) -> Path:
    """Where a scene's questions live: ``scenes/<stem>_quiz.py``."""
    return scenes_dir() / f"{stem}_quiz.py"


def scene_questions(stem: str) -> tuple[Question, ...]:
    """The questions of scene ``stem`` (``QUESTIONS`` in its quiz module), or none."""
    if not quiz_path(stem).exists():
        return ()
    questions = tuple(importlib.import_module(f"scenes.{stem}_quiz").QUESTIONS)
    for question in questions:
        question.check()
    return questions


def question_id(stem: str, question: Question) -> str:
    """A question's id in the chapter's page (and in the answers a viewer's browser keeps)."""
    return f"{stem}.{question.ask_beat}"


def answers_scope(course: str, chapter_slug: str) -> str:
    """What scopes a chapter's stored answers: the page stores the answer to question ``id`` under
    ``mathreel:<scope>:answer:<id>``, and the course page reads them back for its scores."""
    return f"{course}/{chapter_slug}"

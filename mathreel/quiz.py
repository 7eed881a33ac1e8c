"""Questions a chapter asks the viewer, defined once per scene in ``scenes/<stem>_quiz.py``.

The same records feed the scene (the LaTeX it shows), the player page (choices, the right answer and
an explanation per choice) and a check of the narration (the question, the choices and the answer as
spoken), so a question is never written twice. Nothing here imports Manim.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mathreel.captions import SceneSpan
from mathreel.narration import Script
from mathreel.paths import SCENES_DIR

#: Letters of lettered choices, as the scene shows them and the voice names the answer ("It's C").
LETTERS = ("A", "B", "C", "D", "E", "F")
_WORD = re.compile(r"[^\s,.:;?!]+")


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
    return SCENES_DIR / f"{stem}_quiz.py"


def scene_questions(stem: str) -> tuple[Question, ...]:
    """The questions of scene ``stem`` (``QUESTIONS`` in its quiz module), or none."""
    if not quiz_path(stem).exists():
        return ()
    questions = tuple(importlib.import_module(f"scenes.{stem}_quiz").QUESTIONS)
    for question in questions:
        question.check()
    return questions


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def spoken_list(items: Sequence[str]) -> str:
    """Choices as a voice lists them: "a or b", "a, b, or c"."""
    if len(items) == 2:
        return f"{items[0]} or {items[1]}"
    return ", ".join(items[:-1]) + f", or {items[-1]}"


def narration_problems(questions: Sequence[Question], script: Script) -> list[str]:
    """Where the narration does not say what the questions hold: a missing beat, the prompt's words
    not captioned in the ask beat, the choices not read out in order, the answer beat not opening
    with the right answer. Empty when narration and questions agree."""
    problems = []
    ids = [b.id for b in script.beats]
    for q in questions:
        if q.ask_beat not in ids or q.answer_beat not in ids:
            problems.append(f"{q.ask_beat}/{q.answer_beat}: no such beat in the narration")
            continue
        if ids.index(q.answer_beat) <= ids.index(q.ask_beat):
            problems.append(f"{q.answer_beat}: the answer comes before its question")
        ask = script.beat(q.ask_beat)
        if not _contains(_words(ask.caption_text), _words(q.prompt)):
            problems.append(f"{q.ask_beat}: does not ask {q.prompt!r}")
        spoken = [c.spoken for c in q.choices]
        if any(spoken):
            said = spoken_list(spoken)
            if not all(spoken) or said.casefold() not in ask.spoken_text.casefold():
                problems.append(f"{q.ask_beat}: does not list the choices as {said!r}")
        opening = script.beat(q.answer_beat).spoken_text
        if not re.match(re.escape(q.said_answer) + r"\b", opening):
            problems.append(f"{q.answer_beat}: does not open with {q.said_answer!r}")
    return problems


def page_questions(spans: Sequence[SceneSpan]) -> list[dict]:
    """Every question of the chapter, for the page: its choices, the right one, and on the chapter
    clock when the video stops for it (the end of the ask beat's speech, where the thinking pause
    begins) and where "Continue" resumes (the answer beat's start)."""
    found = []
    for span in spans:
        for q in scene_questions(span.plan.scene):
            ask = span.timeline.beat(q.ask_beat)
            pause = span.offset + ask.start + span.plan.beat(q.ask_beat).speech_end
            found.append(
                {
                    "id": f"{span.plan.scene}.{q.ask_beat}",
                    "kind": q.kind,
                    "prompt": q.prompt,
                    "letters": list(LETTERS[: len(q.choices)]) if q.lettered else [],
                    "choices": [[c.text, c.explanation] for c in q.choices],
                    "answer": q.answer,
                    "pause": round(pause, 4),
                    "resume": round(span.offset + span.timeline.beat(q.answer_beat).start, 4),
                }
            )
    return found

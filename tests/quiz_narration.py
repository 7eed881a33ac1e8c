"""A check of each scene's narration against its quiz records: the question asked, the choices
read out in order, the answer said first in the answer beat."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mathreel.narration.script import Script
from mathreel.quiz import Question

_WORD = re.compile(r"[^\s,.:;?!]+")


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
            # Word for word, whatever the punctuation between choices (";" helps a voice
            # pause: Whisper heard "A, w decreases, B, w increases" as "... D, w increases").
            if not all(spoken) or not _contains(_words(ask.spoken_text), _words(said)):
                problems.append(f"{q.ask_beat}: does not list the choices as {said!r}")
        opening = script.beat(q.answer_beat).spoken_text
        if not re.match(re.escape(q.said_answer) + r"\b", opening):
            problems.append(f"{q.answer_beat}: does not open with {q.said_answer!r}")
    return problems

"""Caption line breaking: at most two lines of at most 42 characters, broken at natural phrase boundaries."""

from __future__ import annotations

MAX_LINE = 42
MAX_LINES = 2
_CLAUSE_PUNCTUATION = (",", ";", ":", "—", "–", ".", "?", "!")
_BREAK_BEFORE = {
    "and",
    "but",
    "or",
    "so",
    "because",
    "which",
    "that",
    "where",
    "when",
    "while",
    "then",
    "to",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "as",
    "is",
    "the",
    "a",
    "an",
}
_MATH = set("=+−-×·/^<>≤≥≈")


def _break_cost(left: list[str], right: list[str]) -> float:
    """Lower is better: balanced lines, breaks after punctuation or before a function word."""
    a, b = " ".join(left), " ".join(right)
    cost = abs(len(a) - len(b)) / 10
    last, first = left[-1], right[0]
    if last.endswith(_CLAUSE_PUNCTUATION):
        cost -= 4
    elif first.lower() in _BREAK_BEFORE:
        cost -= 2
    if set(last) & _MATH and len(last) <= 2 or set(first) & _MATH and len(first) <= 2:
        cost += 10  # never strand "=" or "×" at a line edge
    if len(right) == 1 or len(left) == 1:
        cost += 3  # a lone word on a line reads badly
    return cost


def break_lines(text: str, width: int = MAX_LINE) -> list[str] | None:
    """``text`` as one line, or two lines of at most ``width`` characters; None if it cannot fit."""
    text = " ".join(text.split())
    if len(text) <= width:
        return [text]
    words = text.split(" ")
    options = []
    for i in range(1, len(words)):
        left, right = words[:i], words[i:]
        if len(" ".join(left)) <= width and len(" ".join(right)) <= width:
            options.append((_break_cost(left, right), i))
    if not options:
        return None
    _, i = min(options)
    return [" ".join(words[:i]), " ".join(words[i:])]


def fits_cue(text: str) -> bool:
    """Whether ``text`` fits one caption cue (two lines of 42 characters)."""
    return break_lines(text) is not None

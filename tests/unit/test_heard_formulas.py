"""Heard as meant: every spoken formula in the narration parses one way by ear.

Three rules, checked over every ``narration/*.md``:

1. Grouping. Where the shown text of a ``[shown](say: spoken)`` pair has a sum or difference
   inside a product (``2(w − 3)``, ``−(a + b)``), a power (``(w − 3)²``, ``xⁿ⁻¹``, ``x^(n+1)``) or a
   quotient (``(4 − 1)/(2 − 1)``), its ``say:`` text carries a grouping phrase for each such
   construct ("the quantity", "all squared", "to the power", "all over", "over the quantity", ...).
   A comma ("w minus 3, squared") is not enough: a listener does not hear it as a bracket.
2. No bare arithmetic. No spoken "A times B minus C", "A minus B times C" (also with plus, over,
   divided by) where A, B, C are numbers: "5 minus 0.1 times 4" is heard as (5 − 0.1)·4. Say it in
   steps ("0.1 times 4 is 0.4, and 5 minus 0.4 is 4.6"). This applies to everything spoken, prose and
   ``say:`` text alike, because the listener cannot tell them apart.
3. Nothing runs together. A point or vector is not said as two bare numbers ("the point 2, 1"), and
   a subscripted variable is not said as a letter then a number ("w 2 squared" sounds like w times
   2 squared): say "w-two", "the point where w-one is 2 and w-two is 1".
4. Nothing a listener is known to mishear. Words that an offline recogniser (Whisper base, on the
   piper audio) heard as something else, where the slip changes the meaning or blurs it ("neither
   a minimum nor a maximum" heard "... or a maximum", "in one variable" heard "and one variable"),
   are not said; nor is an equation said without its verb ("f prime of 0 equal to 0").
   An exponent that is a sum is said as one unit: "x to the power of the quantity n minus 1"
   ("x to the power n minus 1" is heard as xⁿ − 1).

Run ``pytest -s tests/unit/test_heard_formulas.py`` to see the list of formulas checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from mathreel.narration.script import parse_narration, parse_narration_text
from tests.course import NARRATION_DIR

# --- rule 1: sums inside products, powers and quotients need a grouping phrase -----------------

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹ⁿˣⁱʲᵏᵐ⁻⁺"
SUBSCRIPT = "₀₁₂₃₄₅₆₇₈₉ₙᵢⱼₖ"
PLUS_MINUS = "+−-"
SUPERSCRIPT_PLUS_MINUS = "⁺⁻"
PRODUCT_SIGNS = "×·*"

#: Phrases that tell a listener where a group starts or ends, by the construct they can group.
GROUPING_PHRASES: dict[str, tuple[str, ...]] = {
    "product": ("the quantity", "the sum of", "the difference of", "the difference between"),
    "power": ("the quantity", "all squared", "all cubed", "all to the power"),
    # "x to the power n minus 1" is heard as xⁿ − 1: the exponent must be grouped as one unit.
    "exponent": ("the quantity",),
    "numerator": ("all over", "all divided by", "the quantity"),
    "denominator": ("over the quantity", "divided by the quantity", "by the quantity"),
}
_ANY_GROUPING = re.compile(
    "|".join(
        re.escape(p)
        for p in sorted({p for ps in GROUPING_PHRASES.values() for p in ps}, key=len)[::-1]
    )
)


@dataclass(frozen=True)
class Construct:
    """A sum or difference that sits inside a product, power or quotient of a shown formula."""

    kind: str  # a key of GROUPING_PHRASES
    text: str  # the grouped part, for the report


def _one_of(char: str, chars: str) -> bool:
    return bool(char) and char in chars


def _is_operand_end(char: str) -> bool:
    """Whether ``char`` can end an operand, so a following + or − is binary (not a sign)."""
    return char.isalnum() or _one_of(char, ")′″" + SUPERSCRIPT + SUBSCRIPT)


def _binary_sum_at_top_level(text: str) -> bool:
    """Whether ``text`` has a binary + or − outside any parentheses of its own."""
    depth = 0
    previous = ""
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char in PLUS_MINUS and depth == 0 and _is_operand_end(previous):
            return True
        if not char.isspace():
            previous = char
    return False


def _paren_groups(shown: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of the balanced parentheses in ``shown``."""
    stack: list[int] = []
    groups = []
    for i, char in enumerate(shown):
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            groups.append((stack.pop(), i))
    return groups


def _group_contexts(shown: str, start: int, end: int) -> list[str]:
    """How the group shown[start..end] is used: the constructs it is an operand of."""
    before, after = shown[:start], shown[end + 1 :]
    touching_before = before[-1:].strip()
    touching_after = after[:1].strip()
    previous = before.rstrip()[-1:]
    following = after.lstrip()[:1]
    if touching_before.isalpha() or _one_of(touching_before, "′″" + SUBSCRIPT):
        return []  # f(x + h): a function's argument, not a factor
    sign_before = before.rstrip()[:-1].rstrip()[-1:]
    negated = _one_of(previous, PLUS_MINUS) and not _is_operand_end(sign_before)
    juxtaposed = _one_of(touching_after, "(") or (
        touching_after.isalnum() and touching_after not in SUPERSCRIPT
    )
    kinds = []
    if (
        _one_of(previous, PRODUCT_SIGNS + ")" + SUPERSCRIPT)
        or previous.isdigit()
        or negated
        or juxtaposed
        or _one_of(following, PRODUCT_SIGNS)
    ):
        kinds.append("product")
    if _one_of(touching_after, SUPERSCRIPT) or following == "^":
        kinds.append("power")
    if previous == "^":
        kinds.append("exponent")
    if following == "/":
        kinds.append("numerator")
    if previous == "/":
        kinds.append("denominator")
    return kinds


def grouped_sums(shown: str) -> list[Construct]:
    """Every sum or difference in ``shown`` that is an operand of a product, power or quotient."""
    found = []
    for run in re.finditer(f"[{SUPERSCRIPT}]+", shown):
        exponent = run.group()
        if any(c in SUPERSCRIPT_PLUS_MINUS for c in exponent[1:]):
            found.append(Construct("exponent", exponent))  # xⁿ⁻¹
    for start, end in _paren_groups(shown):
        inner = shown[start + 1 : end]
        if _binary_sum_at_top_level(inner):
            for kind in _group_contexts(shown, start, end):
                found.append(Construct(kind, shown[start : end + 1]))
    return found


def grouping_problems(shown: str, said: str) -> list[str]:
    """Why ``said`` does not group ``shown``'s grouped sums by ear (empty when it does)."""
    constructs = grouped_sums(shown)
    heard = said.lower()
    problems = []
    for construct in constructs:
        if not any(phrase in heard for phrase in GROUPING_PHRASES[construct.kind]):
            wanted = " / ".join(f'"{p}"' for p in GROUPING_PHRASES[construct.kind])
            problems.append(f"{construct.text} is grouped as a {construct.kind}: say {wanted}")
    found = len(_ANY_GROUPING.findall(heard))
    if not problems and found < len(constructs):
        problems.append(f"{len(constructs)} grouped sums but only {found} grouping phrases")
    return problems


# --- rules 2 and 3: spoken arithmetic and numbers that run together ----------------------------

_NUMBER_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|half|nought)"
)
_NUMBER = rf"(?:minus\s+)?(?:\d+(?:\.\d+)?|{_NUMBER_WORD}(?:[\s-]+(?:point\s+)?{_NUMBER_WORD})*)(?![\w.]*\w)"
_SEP = r"\s*,?\s+"
_MULTIPLY = r"(?:times|multiplied\s+by|over|divided\s+by)"
_ADD = r"(?:plus|minus)"
BARE_ARITHMETIC = re.compile(
    rf"\b{_NUMBER}{_SEP}{_MULTIPLY}{_SEP}{_NUMBER}{_SEP}{_ADD}{_SEP}{_NUMBER}"
    rf"|\b{_NUMBER}{_SEP}{_ADD}{_SEP}{_NUMBER}{_SEP}{_MULTIPLY}{_SEP}{_NUMBER}",
    re.IGNORECASE,
)
RUN_TOGETHER_POINT = re.compile(
    rf"\b(?:point|points|vector|at)\s+{_NUMBER}\s*,\s*{_NUMBER}", re.IGNORECASE
)
#: "w 2" is heard as w times 2; a subscript is said "w-two" (not the articles "a" or "I"; the
#: conventional "x nought" is fine).
RUN_TOGETHER_SUBSCRIPT = re.compile(rf"\b(?![aAI]\b)[A-Za-z]\s+(?:\d|(?!nought){_NUMBER_WORD}\b)")


#: Words a listener mishears, found by transcribing the piper audio (Whisper base), with what was
#: heard. Each is reworded in the narration; this list keeps them from coming back.
MISHEARD: dict[str, str] = {
    "shortcut rules": "short of rules",
    "slope shrinks": "slope trinks",
    "in loss functions": "and loss functions",
    "in one variable": "and one variable",
    "wins only nearby": "each one's only nearby",
    "singled out": "(smeared)",
    "valley floor": "valley four",
    "nor a maximum": "or a maximum",
    "nor a minimum": "or a minimum",
    "x nought": "x not",
}
MISHEARD_PATTERN = re.compile("|".join(re.escape(p) for p in MISHEARD), re.IGNORECASE)
#: "f prime of 0 equal to 0": an equation without its verb ("equals", "is").
VERBLESS_EQUAL = re.compile(r"\b(?<!is )(?<!are )(?<!be )equal to\b", re.IGNORECASE)


def spoken_problems(spoken: str) -> list[str]:
    """Stretches of ``spoken`` that a listener could parse more than one way."""
    problems = [
        f'"{m.group()}" is bare arithmetic: say it in steps'
        for m in BARE_ARITHMETIC.finditer(spoken)
    ]
    problems += [
        f'"{m.group()}" runs two numbers together: name each coordinate'
        for m in RUN_TOGETHER_POINT.finditer(spoken)
    ]
    problems += [
        f'"{m.group()}" sounds like a product: say a subscript as "w-two"'
        for m in RUN_TOGETHER_SUBSCRIPT.finditer(spoken)
    ]
    problems += [
        f'"{m.group()}" is misheard as "{MISHEARD[m.group().lower()]}": reword it'
        for m in MISHEARD_PATTERN.finditer(spoken)
    ]
    problems += [
        f'"{m.group()}" lacks its verb: say "equals"' for m in VERBLESS_EQUAL.finditer(spoken)
    ]
    return problems


# --- over the narration ------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    where: str
    text: str
    problem: str


def check_script(path: Path | str, text: str | None = None) -> tuple[list[str], list[Finding]]:
    """(report lines of the formulas checked, findings) for one narration file."""
    script = parse_narration_text(text, path) if text is not None else parse_narration(path)
    name = Path(path).stem
    checked: list[str] = []
    findings: list[Finding] = []
    for beat in script.beats:
        where = f"{name}:{beat.id}"
        for phrase in beat.phrases:
            for shown, said, _ in phrase.words:
                if shown == said:
                    continue
                kinds = ", ".join(c.kind for c in grouped_sums(shown)) or "-"
                problems = grouping_problems(shown, said)
                # The phrase's speech is checked below; its verdict shows here too.
                verdict = "FAIL" if problems or spoken_problems(said) else "ok"
                checked.append(f"{verdict:4}  {where:42} [{kinds}]  {shown}  →  {said}")
                findings += [Finding(where, f"[{shown}](say: {said})", p) for p in problems]
            findings += [Finding(where, phrase.spoken, p) for p in spoken_problems(phrase.spoken)]
    return checked, findings


NARRATION_FILES = sorted(NARRATION_DIR.glob("*.md"))


def test_every_narration_file_is_heard_as_meant() -> None:
    checked: list[str] = []
    findings: list[Finding] = []
    for path in NARRATION_FILES:
        lines, found = check_script(path)
        checked += lines
        findings += found
    report = "Formulas checked (kinds of grouped sums in brackets):\n" + "\n".join(checked)
    print(report)
    failing = sorted({f.where.split(":")[0] for f in findings})
    assert not findings, (
        f"{len(findings)} formulas or phrases are ambiguous by ear "
        f"(files: {', '.join(failing)}):\n"
        + "\n".join(f"  {f.where}: {f.problem}\n      in: {f.text}" for f in findings)
        + "\n\n"
        + report
    )


def test_the_check_covers_every_narration_file() -> None:
    assert len(NARRATION_FILES) >= 8
    checked = [line for path in NARRATION_FILES for line in check_script(path)[0]]
    assert len(checked) > 50  # every override in the chapter is listed


# --- the checker itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shown", "kinds"),
    [
        ("L′(w) = 2(w − 3)", ["product"]),
        ("2 (w − 3)", ["product"]),
        ("(a + b)(c − d)", ["product", "product"]),
        ("(w − 3) × 2", ["product"]),
        ("−(a + b)", ["product"]),
        ("L(w) = (w − 3)²", ["power"]),
        ("n · xⁿ⁻¹", ["exponent"]),
        ("x^(n + 1)", ["exponent"]),
        ("(4 − 1)/(2 − 1)", ["numerator", "denominator"]),
        ("(f(x + h) − f(x))/h", ["numerator"]),
        # No sum inside a product, power or quotient:
        ("f(x + h) − f(x)", []),
        ("f(x) = x³ − 3x", []),
        ("f(w₁, w₂) = w₁² + 3w₂²", []),
        ("f(−0.1) = −0.001", []),
        ("−1/p · dp/dw", []),
        ("5 − 0.1 × 4 = 4.6", []),
        ("3x² − 3 = 0", []),
        ("−(4, 6)", []),
        ("x + h", []),
        ("(−0.1)²", []),
    ],
)
def test_finds_sums_inside_products_powers_and_quotients(shown: str, kinds: list[str]) -> None:
    assert sorted(c.kind for c in grouped_sums(shown)) == sorted(kinds)


@pytest.mark.parametrize(
    ("shown", "said"),
    [
        ("2(w − 3)", "2 times w minus 3"),
        ("L′(w) = 2(w − 3)", "L prime of w is 2 times w minus 3"),
        ("L′(5) = 2(5 − 3) = 4", "2 times 5 minus 3, which is 4"),
        ("n · xⁿ⁻¹", "n times x to the n minus 1"),
        ("n · xⁿ⁻¹", "n times x to the power n minus 1"),  # heard as xⁿ − 1
        ("L(w) = (w − 3)²", "L of w equals w minus 3, squared"),
        ("(4 − 1)/(2 − 1)", "4 minus 1, over 2 minus 1"),
        ("(4 − 1)/(2 − 1)", "the quantity 4 minus 1, over 2 minus 1"),  # one of two groups
        ("(f(x + h) − f(x))/h", "f of x plus h, minus f of x, over h"),
    ],
)
def test_ungrouped_formulas_fail(shown: str, said: str) -> None:
    assert grouping_problems(shown, said)


@pytest.mark.parametrize(
    ("shown", "said"),
    [
        ("2(w − 3)", "two times the quantity w minus 3"),
        ("L′(5) = 2(5 − 3) = 4", "2 times the quantity 5 minus 3, which is 4"),
        ("n · xⁿ⁻¹", "n times x to the power of the quantity n minus one"),
        ("L(w) = (w − 3)²", "L of w equals w minus 3, all squared"),
        ("L(w) = (w − 3)²", "L of w equals the quantity w minus 3, squared"),
        ("(4 − 1)/(2 − 1)", "the quantity 4 minus 1, over the quantity 2 minus 1"),
        ("(4 − 1)/(2 − 1)", "4 minus 1, all over the quantity 2 minus 1"),
        ("(f(x + h) − f(x))/h", "f of x plus h, minus f of x, all over h"),
        ("f(x) = x³ − 3x", "x cubed minus 3 x"),
        ("x²", "x squared"),
    ],
)
def test_grouped_formulas_pass(shown: str, said: str) -> None:
    assert grouping_problems(shown, said) == []


@pytest.mark.parametrize(
    "spoken",
    [
        "With a learning rate of 0.1, 5 minus 0.1 times 4 gives 4.6.",
        "That is 2 times 5 minus 3, which is 4.",
        "two times five minus three is seven",
        "five minus zero point one times four",
        "4 minus 1, over 2 minus 1",
        "At the point 2, 1, the gradient is the vector 4, 6.",
        "The gradient at 2, 1 points uphill.",
        "f equals w 1 squared, plus 3 w 2 squared",
        "So mathematicians worked out shortcut rules.",
        "yet 0 is neither a minimum nor a maximum",
        "in one variable, a flat inflection point",
        "f prime of 0 equal to 0",
        "What does f prime of x nought measure?",
    ],
)
def test_ambiguous_speech_fails(spoken: str) -> None:
    assert spoken_problems(spoken)


@pytest.mark.parametrize(
    "spoken",
    [
        "0.1 times 4 is 0.4, and 5 minus 0.4 is 4.6.",
        "Five minus three is two; twice two is four.",
        "two times the quantity w minus 3",
        "The loss falls from 4 to 2.56.",
        "The slopes are 3, 2.5, 2.1 and 2.01.",
        "At the point where w-one is 2 and w-two is 1, the gradient is 4, 6.",
        "f equals w-one squared, plus 3 w-two squared",
        "It's a 3 by 3 grid, and I think 4 is right.",
        "3 x squared minus 3 equals zero",
        "x to the power n minus one",
        "yet 0 is not a minimum, and not a maximum either",
        "f prime of 0 equals 0",
        "the slope is equal to 3",
        "f prime of x sub zero",
    ],
)
def test_clear_speech_passes(spoken: str) -> None:
    assert spoken_problems(spoken) == []


def test_the_report_lists_each_formula_with_its_verdict() -> None:
    text = """\
# T

## b
Here [2(w − 3)](say: 2 times w minus 3) and [x²](say: x squared).
Then 5 minus 0.1 times 4 gives 4.6.
"""
    checked, findings = check_script("t.md", text)
    assert (
        checked[0].startswith("FAIL") and "[product]  2(w − 3)  →  2 times w minus 3" in checked[0]
    )
    assert checked[1].startswith("ok") and "x²" in checked[1]
    problems = [f.problem for f in findings]
    assert any("grouped as a product" in p for p in problems)
    assert any("bare arithmetic" in p for p in problems)

"""What was meant against what was heard: both sides normalised to plain spoken words, aligned,
and the differences sorted into ordinary words and *meaning words* (numbers, variable names,
negations and the small words that flip a claim, the words of a beat's spoken formulas).

The normaliser writes numbers as words ("3x" and "three x", "-0.5" and "minus zero point five"),
symbols as the ``say:`` forms speak them ("=" equals, "²" squared, "f′(x)" f prime of x),
contractions in full ("isn't" is not) and drops punctuation and case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

#: Bump whenever the normaliser or the classification changes: cached verdicts are keyed on it.
NORMALISER_VERSION = 5

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand"), (100, "hundred"))
_ORDINALS = {
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "seventh": "7",
    "eighth": "8",
    "ninth": "9",
    "tenth": "10",
}
_ORDINAL_WORDS = {v: k for k, v in _ORDINALS.items()}
NUMBER_WORDS = frozenset(
    _ONES + _TENS[2:] + [name for _, name in _SCALES] + ["point", "nought", "naught", "oh"]
)
_SUPERSCRIPTS = {"²": "squared", "³": "cubed"}
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹⁴⁵⁶⁷⁸⁹", "01456789")
_CONTRACTIONS = {
    "can't": "can not",
    "cannot": "can not",
    "won't": "will not",
    "shan't": "shall not",
    "let's": "let us",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "here's": "here is",
    "what's": "what is",
    "where's": "where is",
    "who's": "who is",
    "he's": "he is",
    "she's": "she is",
    "i'm": "i am",
}
_SUFFIXES = (("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'d", " would"))
_SYMBOLS = {
    "=": " equals ",
    "≠": " is not equal to ",
    "≈": " is about ",
    "+": " plus ",
    "−": " minus ",
    "×": " times ",
    "·": " times ",
    "÷": " over ",
    "/": " over ",
    "%": " percent ",
    "&": " and ",
    "<": " is less than ",
    ">": " is greater than ",
    "≤": " is at most ",
    "≥": " is at least ",
    "→": " tends to ",
    "∞": " infinity ",
    "η": " eta ",
    "Δ": " delta ",
    "δ": " delta ",
    "π": " pi ",
    "θ": " theta ",
    "λ": " lambda ",
    "∇": " nabla ",
    "∂": " partial ",
}
#: Words a listener cannot tell apart by ear: a recogniser writing one for another is no error.
_SAME_SOUND = (
    frozenset({"two", "too", "to"}),
    frozenset({"four", "for"}),
    frozenset({"one", "won"}),
    frozenset({"eight", "ate"}),
    # American English flaps the t of "eta" (AY-duh), which Whisper spells "Eda".
    frozenset({"eta", "eda"}),
    # Letters said by their names.
    frozenset({"u", "you"}),
    frozenset({"c", "see", "sea"}),
    frozenset({"b", "bee", "be"}),
    frozenset({"y", "why"}),
)


def sounds_alike(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _SAME_SOUND)


#: Small words whose loss or swap flips a claim.
FLIP_WORDS = frozenset(
    "not no nor or and in neither never none nothing without but only than "
    "plus minus negative positive above below up down left right more less".split()
)
GREEK = frozenset(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
    "upsilon phi chi psi omega nabla".split()
)
#: Single letters that are ordinary English words, not variable names.
_LETTER_WORDS = frozenset({"a", "i"})


def number_words(digits: str) -> str:
    """A numeral as words: "1,000" one thousand, "0.25" zero point two five, "-3" minus three."""
    text = digits.replace(",", "")
    sign = ""
    if text[:1] in "-−":
        sign, text = "minus ", text[1:]
    whole, _, frac = text.partition(".")
    words = _integer_words(int(whole)) if whole else "zero"
    if frac:
        words += " point " + " ".join(_ONES[int(d)] for d in frac)
    return sign + words


def _integer_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (" " + _ONES[ones] if ones else "")
    for value, name in _SCALES:
        if n >= value:
            high, rest = divmod(n, value)
            return _integer_words(high) + " " + name + (" " + _integer_words(rest) if rest else "")
    raise AssertionError(n)  # pragma: no cover - every n >= 100 meets a scale


_NUMBER = re.compile(r"(?<![\w.])[-−]?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?")
_ORDINAL_NUMERAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_PRIME = re.compile(r"([A-Za-z])\s*(″|''|′′|′|')(?:\s*\(([^()]*)\))?")
_CALL = re.compile(r"\b([fgh])\(([^()]*)\)")


def normalise(text: str) -> list[str]:
    """``text`` as lower-case spoken words, numbers and symbols written out, punctuation gone."""
    text = text.replace("’", "'").replace("‘", "'").lower()
    # A hyphen after a subscripted name, before a number, is a minus as Whisper writes one
    # ("W2-1"); not after a bare name or number ("W-1" is w-one, "2-1 weight" two one-weight).
    text = re.sub(r"(?<=[a-z]\d)-(?=\d)", " minus ", text)
    text = _ORDINAL_NUMERAL.sub(
        lambda m: _ORDINAL_WORDS.get(m.group(1), number_words(m.group(1)) + "th"), text
    )
    text = _PRIME.sub(_prime_words, text)
    text = _CALL.sub(lambda m: f"{m.group(1)} of {m.group(2)}", text)
    for sup, word in _SUPERSCRIPTS.items():
        text = text.replace(sup, f" {word} ")
    text = re.sub(
        r"[⁰¹⁴-⁹]+", lambda m: " " + _power(m.group().translate(_SUPERSCRIPT_DIGITS)), text
    )
    text = re.sub(r"\^\s*(\d+)", lambda m: " " + _power(m.group(1)), text)
    for word, full in _CONTRACTIONS.items():
        text = re.sub(rf"\b{re.escape(word)}\b", full, text)
    # Then a possessive is heard or not ("Chapter 1's", "w-two's", "W2's"): no word of its own.
    text = re.sub(r"(?<=\w)'s\b", "", text)
    for suffix, full in _SUFFIXES:
        text = re.sub(rf"(\w){re.escape(suffix)}\b", rf"\1{full}", text)
    # A minus sign or hyphen before a digit, or standing alone, is spoken "minus".
    text = re.sub(r"(^|[\s(=])[-−](?=\d)", r"\1 minus ", text)
    text = re.sub(r"(?<=\s)[-−](?=\s)", " minus ", text)
    text = _NUMBER.sub(lambda m: f" {number_words(m.group())} ", text)
    for symbol, words in _SYMBOLS.items():
        text = text.replace(symbol, words)
    tokens = re.findall(r"[a-z]+(?:'[a-z]+)*", text)
    words = [t.replace("'s", "").replace("'", "") for t in tokens]
    return [_RESPELT.get(w, w) for w in words]


#: Spellings that stand for a letter or a digit: a respelt "vee" in a ``say:`` form is the variable
#: v (so a "vee" heard as "B" is a misheard variable, not an ordinary word), "x nought" is x₀.
_RESPELT = {"vee": "v", "zee": "z", "zed": "z", "nought": "zero", "naught": "zero"}


def _ordinal(digits: str) -> str:
    return _ORDINAL_WORDS.get(digits) or number_words(digits) + "th"


def _power(digits: str) -> str:
    """An exponent as spoken: 2 squared, 3 cubed, n "to the n-th"."""
    return {"2": "squared", "3": "cubed"}.get(digits) or "to the " + _ordinal(digits)


def _prime_words(match: re.Match) -> str:
    letter, mark, argument = match.group(1), match.group(2), match.group(3)
    if mark == "'" and argument is None:
        return match.group()  # an apostrophe ("it's"), not a prime
    primes = "double prime" if mark in ("″", "''", "′′") else "prime"
    return f"{letter} {primes}" + (f" of {argument}" if argument is not None else "")


def spoken_formulas(beat) -> tuple[str, ...]:
    """A beat's ``[shown](say: spoken)`` overrides as spoken (the terms its formulas name):
    every word in them is a meaning word in each phrase of the beat."""
    return tuple(spoken for p in beat.phrases for shown, spoken, _ in p.words if shown != spoken)


def is_number_word(word: str) -> bool:
    return word in NUMBER_WORDS or word.endswith("th") and word[:-2] in NUMBER_WORDS


def is_meaning_word(word: str, formula_words: frozenset[str] = frozenset()) -> bool:
    """Numbers, variable names (single letters, Greek letters), flip words, formula terms."""
    return (
        is_number_word(word)
        or word in _ORDINALS
        or (len(word) == 1 and word not in _LETTER_WORDS)
        or word in GREEK
        or word in FLIP_WORDS
        or word in formula_words
    )


@dataclass(frozen=True)
class Edit:
    """One difference: ``said`` (None for an extra word heard) became ``heard`` (None: missed)."""

    said: str | None
    heard: str | None
    meaning: bool

    def __str__(self) -> str:
        if self.heard is None:
            return f"-{self.said}"
        if self.said is None:
            return f"+{self.heard}"
        return f"{self.said}→{self.heard}"


@dataclass
class Comparison:
    """A phrase said against what was heard, after normalising both."""

    said: list[str]
    heard: list[str]
    edits: list[Edit] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return len(self.edits)

    @property
    def meaning_edits(self) -> list[Edit]:
        return [e for e in self.edits if e.meaning]

    @property
    def ok(self) -> bool:
        return not self.meaning_edits


def align(said: list[str], heard: list[str]) -> list[tuple[str | None, str | None]]:
    """Minimum edit alignment of two word lists: pairs (said, heard), None for a gap.

    Among alignments with the fewest edits, the one pairing the most alike words wins (a number
    with a number, a flip word with a flip word, else by spelling): "nor" heard as "or" is one
    swapped word, "shortcut" heard as "short of" pairs shortcut/short, and "is not 4" heard as
    "is 3" pairs four/three and misses "not"."""

    def swap(a: str, b: str) -> float:
        if sounds_alike(a, b):
            return 0.0
        alike = SequenceMatcher(None, a, b).ratio()
        if (is_number_word(a) and is_number_word(b)) or (a in FLIP_WORDS and b in FLIP_WORDS):
            alike = max(alike, 0.5)  # a number heard as a number, a flip word as a flip word
        return 1.0 + 0.01 * (1.0 - alike)

    n, m = len(said), len(heard)
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = float(i)
    for j in range(m + 1):
        cost[0][j] = float(j)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i][j] = min(
                cost[i - 1][j - 1] + swap(said[i - 1], heard[j - 1]),
                cost[i - 1][j] + 1,
                cost[i][j - 1] + 1,
            )
    pairs: list[tuple[str | None, str | None]] = []
    i, j = n, m
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + swap(said[i - 1], heard[j - 1]):
            pairs.append((said[i - 1], heard[j - 1]))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            pairs.append((said[i - 1], None))
            i -= 1
        else:
            pairs.append((None, heard[j - 1]))
            j -= 1
    return pairs[::-1]


def _unjoined(heard: list[str], said: list[str]) -> list[str]:
    """Whisper writes a product of variables as one word ("3xh", "It's BW"): a heard word that is
    not said but is a said run of two or three single letters, spelled together, is those
    letters. And it splits a word it does not know ("ReLU" as "rel u"): two heard words that
    spell a said word, the first not said itself, are that word."""
    runs: dict[str, list[str]] = {}
    for i in range(len(said)):
        for k in (2, 3):
            part = said[i : i + k]
            if len(part) == k and all(len(w) == 1 for w in part):
                runs.setdefault("".join(part), part)
    out: list[str] = []
    for word in heard:
        out.extend(runs[word] if word not in said and word in runs else [word])
    # And the other way: a said word Whisper split in two ("ReLU" as "rel u").
    whole = set(said)
    joined: list[str] = []
    for word in out:
        if joined and joined[-1] + word in whole and joined[-1] not in whole:
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def compare(said_text: str, heard_text: str, formulas: tuple[str, ...] = ()) -> Comparison:
    """Normalise both texts, align them and classify each difference. ``formulas`` are the spoken
    forms of the phrase's ``say:`` overrides: every word in them is a meaning word."""
    formula_words = frozenset(w for f in formulas for w in normalise(f)) - _LETTER_WORDS
    formula_words -= {"the", "of", "is", "to", "all", "quantity"}
    said = normalise(said_text)
    heard = _unjoined(normalise(heard_text), said)
    result = Comparison(said, heard)
    for s, h in align(said, heard):
        if s is not None and h is not None and sounds_alike(s, h):
            continue
        word = s if s is not None else h
        meaning = is_meaning_word(word, formula_words)
        if s is not None and h is not None:
            meaning = meaning or is_meaning_word(h, formula_words) and h in FLIP_WORDS
        result.edits.append(Edit(s, h, meaning))
    return result

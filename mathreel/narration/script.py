"""Narration scripts: a Markdown file per scene, parsed into typed beats of phrases, marks and pauses.

Format (one file per scene, ``narration/<scene stem>.md``)::

    # Slope at a Point                      <- the scene's title (first line)

    ## beat_id                              <- one heading per beat
    Prose, written for the ear. {mark:tangent} A mark names the moment
    the next words begin. [f′(x)](say: f prime of x) is captioned as the
    bracket and spoken as the words after ``say:``. {pause:1.5} is silence.

    A blank line starts a new paragraph (a longer breath).

``<!-- comments -->`` on their own lines are ignored. The parser splits the prose into
*phrases*: sentences, and clauses of sentences too long for one caption cue. Each phrase is
synthesized on its own, so every mark and caption time comes from real audio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mathreel.errors import NarrationError
from mathreel.narration.caption_text import fits_cue

#: Longest pause a script may ask for, in seconds.
MAX_PAUSE = 10.0

BEAT_ID = re.compile(r"[a-z][a-z0-9_]*")
_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*$")
_INLINE = re.compile(
    r"\{(?P<brace>[^{}]*)\}"  # {mark:name} or {pause:1.5}
    r"|\[(?P<caption>[^\[\]]+)\]\(say:\s*(?P<spoken>[^()]*?)\s*\)"  # [f′(x)](say: f prime of x)
)
_MARK = re.compile(r"mark:(?P<name>[a-z][a-z0-9_]*)")
_PAUSE = re.compile(r"pause:(?P<seconds>\d+(?:\.\d+)?)")
#: What the voice may read aloud as it is; anything else needs a [symbol](say: words) override.
_SPEAKABLE = re.compile(r"[A-Za-z0-9 .,;:!?'\"()%\-–—’‘“”/]*")
_CLAUSE_END = re.compile(r"[,;:]$|^[—–]$|[—–]$")
_SENTENCE_END = re.compile(r"[.?!][\"”’)]*$")


@dataclass(frozen=True)
class Phrase:
    """A stretch of speech synthesized on its own: what is spoken, and what the caption shows."""

    spoken: str
    caption: str
    line: int
    paragraph_start: bool = False
    #: (caption, spoken, space before) per word, so a phrase can be split where its audio runs long.
    words: tuple[tuple[str, str, bool], ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Mark:
    """A named cue inside a beat: the moment the following phrase begins."""

    name: str
    line: int


@dataclass(frozen=True)
class Pause:
    """Silence of a given length inside a beat (a question left for the viewer, say)."""

    seconds: float
    line: int


Segment = Phrase | Mark | Pause


@dataclass(frozen=True)
class Beat:
    """One heading of a narration file: the unit a scene's ``with self.beat(id)`` block narrates."""

    id: str
    line: int
    segments: tuple[Segment, ...]

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        return tuple(s for s in self.segments if isinstance(s, Phrase))

    @property
    def marks(self) -> tuple[Mark, ...]:
        return tuple(s for s in self.segments if isinstance(s, Mark))

    @property
    def spoken_text(self) -> str:
        return " ".join(p.spoken for p in self.phrases)

    @property
    def caption_text(self) -> str:
        return " ".join(p.caption for p in self.phrases)


@dataclass(frozen=True)
class Script:
    """A parsed narration file: the scene title and its beats in order."""

    path: Path
    title: str
    beats: tuple[Beat, ...]
    _index: dict[str, Beat] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({b.id: b for b in self.beats})

    def beat(self, beat_id: str) -> Beat:
        return self._index[beat_id]

    @property
    def beat_ids(self) -> tuple[str, ...]:
        return tuple(b.id for b in self.beats)


@dataclass
class _Word:
    """A word of a phrase: its caption form, its spoken form, and whether a space precedes it."""

    caption: str
    spoken: str
    space_before: bool
    line: int


def parse_narration(path: Path | str) -> Script:
    """Parse a narration file; a malformed file raises :class:`NarrationError` with file:line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NarrationError(path, 1, "narration file not found") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        # The line the bad byte is on, counted as the parser counts lines.
        line = len((data[: err.start].decode("utf-8") + "?").splitlines())
        raise NarrationError(
            path, line, f"not UTF-8 text (byte 0x{data[err.start]:02x}: {err.reason})"
        ) from None
    return parse_narration_text(text, path)


def parse_narration_text(text: str, path: Path | str = "<narration>") -> Script:
    """Parse narration Markdown given as a string (``path`` only names it in errors)."""
    path = Path(path)
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write first
    title: str | None = None
    beats: list[Beat] = []
    seen: dict[str, int] = {}
    current: tuple[str, int] | None = None
    paragraphs: list[list[tuple[int, str]]] = []
    in_comment = False

    def close_beat() -> None:
        if current is None:
            return
        beat_id, beat_line = current
        segments = _beat_segments(path, paragraphs)
        if not any(isinstance(s, Phrase) for s in segments):
            raise NarrationError(path, beat_line, f"beat '{beat_id}' has no narration text")
        beats.append(Beat(beat_id, beat_line, tuple(segments)))

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.startswith("<!--"):
            in_comment = "-->" not in line
            continue
        heading = _HEADING.match(line)
        if heading:
            level, name = len(heading.group(1)), heading.group(2)
            if level == 1:
                if title is not None:
                    raise NarrationError(
                        path, number, "a second '# title' line; beats use '## beat_id'"
                    )
                if not name:
                    raise NarrationError(path, number, "empty title after '#'")
                title = name
                continue
            if level != 2:
                raise NarrationError(
                    path, number, f"unexpected heading level {level}; beats use '## beat_id'"
                )
            if title is None:
                raise NarrationError(path, number, "the file must start with a '# Title' line")
            if not BEAT_ID.fullmatch(name):
                raise NarrationError(
                    path, number, f"malformed beat id '{name}': use lowercase letters, digits and _"
                )
            if name in seen:
                raise NarrationError(
                    path, number, f"duplicate beat '{name}' (first at line {seen[name]})"
                )
            close_beat()
            seen[name] = number
            current = (name, number)
            paragraphs = []
            continue
        if not line:
            if paragraphs and paragraphs[-1]:
                paragraphs.append([])
            continue
        if title is None:
            raise NarrationError(path, number, "the file must start with a '# Title' line")
        if current is None:
            raise NarrationError(path, number, "text before the first '## beat_id' heading")
        if not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append((number, line))

    if in_comment:
        raise NarrationError(path, len(text.splitlines()), "unclosed '<!--' comment")
    close_beat()
    if title is None:
        raise NarrationError(path, 1, "the file must start with a '# Title' line")
    if not beats:
        raise NarrationError(
            path, 1, "no beats: add a '## beat_id' heading with narration under it"
        )
    return Script(path=path, title=title, beats=tuple(beats))


def _beat_segments(path: Path, paragraphs: list[list[tuple[int, str]]]) -> list[Segment]:
    builder = _SegmentBuilder(path)
    for paragraph in paragraphs:
        if paragraph:
            builder.paragraph(paragraph)
    return builder.segments


class _SegmentBuilder:
    """Turns a beat's paragraphs into phrases, marks and pauses, checking each inline element."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.segments: list[Segment] = []
        self.marks: dict[str, int] = {}
        self.words: list[_Word] = []
        self.first_of_paragraph = True

    def flush(self) -> None:
        for phrase_words in _split_long(self.path, self.words):
            self.segments.append(_phrase(phrase_words, self.first_of_paragraph))
            self.first_of_paragraph = False
        self.words = []

    def paragraph(self, lines: list[tuple[int, str]]) -> None:
        self.first_of_paragraph = True
        for number, line in lines:
            pos = 0
            for match in _INLINE.finditer(line):
                self.text(number, line[pos : match.start()], line_start=pos == 0)
                pos = match.end()
                if match.group("caption") is not None:
                    before = line[match.start() - 1] if match.start() else ""
                    space = before.isspace() or (not before and bool(self.words))
                    caption, spoken = match.group("caption").strip(), match.group("spoken")
                    if not spoken:
                        raise NarrationError(
                            self.path,
                            number,
                            f"'{match.group()}' says nothing: write the words to speak after 'say:'",
                        )
                    self.words.append(_Word(caption, spoken, space, number))
                else:
                    self.flush()
                    self.brace(number, match.group("brace").strip())
            self.text(number, line[pos:], line_start=pos == 0)
        self.flush()

    def brace(self, number: int, brace: str) -> None:
        mark, pause = _MARK.fullmatch(brace), _PAUSE.fullmatch(brace)
        if mark:
            name = mark.group("name")
            if name in self.marks:
                raise NarrationError(
                    self.path, number, f"duplicate mark '{name}' (first at line {self.marks[name]})"
                )
            self.marks[name] = number
            self.segments.append(Mark(name, number))
        elif pause:
            seconds = float(pause.group("seconds"))
            if not 0 < seconds <= MAX_PAUSE:
                raise NarrationError(
                    self.path,
                    number,
                    f"pause of {seconds:g} s: use more than 0 and at most {MAX_PAUSE:g}",
                )
            self.segments.append(Pause(seconds, number))
        else:
            raise NarrationError(
                self.path,
                number,
                f"malformed mark '{{{brace}}}': use {{mark:name}} (lowercase, digits, _) or {{pause:SECONDS}}",
            )

    def text(self, number: int, text: str, line_start: bool) -> None:
        for stray in ("{", "}", "[", "]"):
            if stray in text:
                raise NarrationError(
                    self.path,
                    number,
                    f"stray '{stray}': marks are {{mark:name}}, captions [shown](say: spoken)",
                )
        bad = _SPEAKABLE.sub("", text)
        if bad:
            raise NarrationError(
                self.path,
                number,
                f"'{bad[0]}' cannot be read aloud as it is: write it as [{bad[0]}](say: words)",
            )
        for index, token in enumerate(re.finditer(r"\S+", text)):
            if index or token.start() > 0:
                space = True  # whitespace between the previous word (or override) and this one
            else:
                space = line_start and bool(self.words)  # a new line of the same paragraph
            self.words.append(_Word(token.group(), token.group(), space, number))
            if _SENTENCE_END.search(token.group()):
                self.flush()


def _join(words: list[_Word], attr: str) -> str:
    out = ""
    for i, word in enumerate(words):
        out += (" " if i and word.space_before else "") + getattr(word, attr)
    return out


def _phrase(words: list[_Word], paragraph_start: bool) -> Phrase:
    return Phrase(
        _join(words, "spoken"),
        _join(words, "caption"),
        words[0].line,
        paragraph_start,
        tuple((w.caption, w.spoken, w.space_before) for w in words),
    )


_HAS_WORD = re.compile(r"[^\W_]")


def split_phrase(phrase: Phrase) -> tuple[Phrase, Phrase] | None:
    """Two halves of ``phrase``, cut at the clause break nearest its middle (else the word break),
    for a phrase whose audio is too long for one caption cue; None if it is a single word."""
    words = [_Word(c, s, sp, phrase.line) for c, s, sp in phrase.words]
    total = len(_join(words, "spoken"))

    def imbalance(i: int) -> float:
        return abs(len(_join(words[:i], "spoken")) - total / 2)

    def speakable(part: list[_Word]) -> bool:
        return any(_HAS_WORD.search(w.spoken) for w in part)

    # Each half must hold a word to say: the "." after a say-span is a word of its own, and a
    # half of it alone would be synthesized as silence.
    cuts = [i for i in range(1, len(words)) if speakable(words[:i]) and speakable(words[i:])]
    if not cuts:
        return None
    clause = [
        i for i in cuts if _CLAUSE_END.search(words[i - 1].caption) and 2 <= i <= len(words) - 2
    ]
    cut = min(clause or cuts, key=imbalance)
    return _phrase(words[:cut], phrase.paragraph_start), _phrase(words[cut:], False)


def _split_long(path: Path, words: list[_Word]) -> list[list[_Word]]:
    """Split a sentence too long for one caption cue at clause punctuation, else between words.

    Each piece is the longest run of words that fits a cue, cut back to its last clause end.
    Whether a run fits only shrinks as it drops words from its end, and a cue holds at most
    two lines of 42 characters, so each cut looks at a few dozen words: linear in the sentence.
    """
    pieces: list[list[_Word]] = []
    start = 0
    while start < len(words):
        end = _longest_fitting_run(words, start)
        if end == start:
            raise NarrationError(path, words[start].line, "a single word longer than a caption cue")
        if end < len(words):
            clause_ends = [
                i for i in range(start + 2, end + 1) if _CLAUSE_END.search(words[i - 1].caption)
            ]
            end = clause_ends[-1] if clause_ends else end
        pieces.append(words[start:end])
        start = end
    return pieces


def _longest_fitting_run(words: list[_Word], start: int) -> int:
    """The largest ``end`` such that ``words[start:end]`` fits one caption cue (``start`` if none)."""
    text = ""
    for end in range(start, len(words)):
        word = words[end]
        text += (" " if end > start and word.space_before else "") + word.caption
        if not fits_cue(text):
            return end
    return len(words)

"""The narration parser: good files become typed beats; malformed ones fail with file:line."""

from __future__ import annotations

import pytest

from mathreel.errors import NarrationError
from mathreel.narration.caption_text import fits_cue
from mathreel.narration.script import (
    Mark,
    Pause,
    Phrase,
    parse_narration,
    parse_narration_text,
)

GOOD = """\
# The Slope at a Point

<!-- notes for the writer
     over two lines -->
## intro
Pick a point on the parabola. {mark:dot} Its slope is
[f′(x)](say: f prime of x), which we now measure.

{pause:1.5} A second paragraph.

## outro
Done.
"""


def test_good_file_gives_title_beats_and_segments():
    script = parse_narration_text(GOOD, "good.md")
    assert script.title == "The Slope at a Point"
    assert script.beat_ids == ("intro", "outro")
    intro = script.beat("intro")
    assert intro.line == 5
    kinds = [type(s) for s in intro.segments]
    assert kinds == [Phrase, Mark, Phrase, Pause, Phrase]
    first, mark, second, pause, third = intro.segments
    assert first == Phrase(
        "Pick a point on the parabola.", "Pick a point on the parabola.", 6, True
    )
    assert mark == Mark("dot", 6)
    assert second.spoken == "Its slope is f prime of x, which we now measure."
    assert second.caption == "Its slope is f′(x), which we now measure."
    assert not second.paragraph_start
    assert pause == Pause(1.5, 9)
    assert third.paragraph_start and third.caption == "A second paragraph."


def test_override_glued_to_punctuation_keeps_spacing():
    script = parse_narration_text("# T\n## a\nSo [f′(1) = 2](say: f prime of one is two).\n")
    (phrase,) = script.beat("a").phrases
    assert phrase.caption == "So f′(1) = 2."
    assert phrase.spoken == "So f prime of one is two."


def test_sentences_are_separate_phrases():
    script = parse_narration_text("# T\n## a\nOne. Two? Three!\n")
    assert [p.spoken for p in script.beat("a").phrases] == ["One.", "Two?", "Three!"]


def test_long_sentence_splits_at_clause_punctuation_within_cue_size():
    words = "alpha beta gamma delta, " * 6
    script = parse_narration_text(f"# T\n## a\n{words.strip()[:-1]}.\n")
    phrases = script.beat("a").phrases
    assert len(phrases) > 1
    assert all(fits_cue(p.caption) for p in phrases)
    assert all(p.caption.endswith((",", ".")) for p in phrases)
    assert " ".join(p.caption for p in phrases) == words.strip()[:-1] + "."


def test_reads_file_from_disk(tmp_path):
    path = tmp_path / "scene.md"
    path.write_text(GOOD, encoding="utf-8")
    assert parse_narration(path).path == path


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("# T\n## a\nHi.\n## a\nAgain.\n", 4, "duplicate beat 'a' (first at line 2)"),
        ("# T\n## a\n\n## b\nHi.\n", 2, "beat 'a' has no narration text"),
        ("# T\n## a\n{mark:x} {pause:1}\n", 2, "beat 'a' has no narration text"),
        ("# T\n## a\nHi {mark:x} there {mark:x} you.\n", 3, "duplicate mark 'x'"),
        ("# T\n## a\nHi {mark:Bad} there.\n", 3, "malformed mark '{mark:Bad}'"),
        ("# T\n## a\nHi {mark:} there.\n", 3, "malformed mark"),
        ("# T\n## a\nHi {cue:x} there.\n", 3, "malformed mark"),
        ("# T\n## a\nHi {pause:0} there.\n", 3, "pause of 0 s"),
        ("# T\nStray text.\n## a\nHi.\n", 2, "text before the first '## beat_id' heading"),
        ("Stray text.\n# T\n## a\nHi.\n", 1, "must start with a '# Title' line"),
        ("# T\n## Bad Id\nHi.\n", 2, "malformed beat id 'Bad Id'"),
        ("# T\n### a\nHi.\n", 2, "unexpected heading level 3"),
        ("# T\n## a\nThe slope is f′(x).\n", 3, "'′' cannot be read aloud"),
        ("# T\n## a\nA stray ] here.\n", 3, "stray ']'"),
        ("# T\n", 1, "no beats"),
        ("# T\n## a\nHi.\n<!-- never closed\n", 4, "unclosed '<!--' comment"),
        ("# T\n## a\nHi.\nSo [x](say: ) is.\n", 4, "'[x](say: )' says nothing"),
        ("# T\n## a\nSo [x](say:) is.\n", 3, "'[x](say:)' says nothing"),
    ],
)
def test_malformed_files_fail_with_file_and_line(text, line, fragment):
    with pytest.raises(NarrationError) as caught:
        parse_narration_text(text, "narration/bad.md")
    message = str(caught.value)
    assert message.startswith(f"narration/bad.md:{line}: "), message
    assert fragment in message
    assert "\n" not in message


def test_missing_file_is_a_narration_error(tmp_path):
    with pytest.raises(NarrationError, match="narration file not found"):
        parse_narration(tmp_path / "nope.md")


def test_non_utf8_byte_is_reported_at_its_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_bytes(b"# T\n## a\nFine.\nCaf\xc3\xa9 ok.\nBad \xe9 byte.\n")
    with pytest.raises(NarrationError) as caught:
        parse_narration(path)
    assert str(caught.value).startswith(f"{path}:5: not UTF-8 text (byte 0xe9"), str(caught.value)


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes("# The Title\n## a\nHi.\n".encode("utf-8-sig"))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    script = parse_narration(path)
    assert script.title == "The Title" and script.beat("a").line == 2


def test_a_five_thousand_word_sentence_splits_into_cues():
    # The splitter used to try every prefix of the sentence (~n^4); bench/bench_parse.py times it.
    words = [("one", "two", "three", "four", "five,", "six", "seven")[i % 7] for i in range(5000)]
    sentence = " ".join(words) + "."
    (beat,) = parse_narration_text(f"# T\n## a\n{sentence}\n").beats
    captions = [p.caption for p in beat.phrases]
    assert " ".join(captions) == sentence
    assert all(fits_cue(c) for c in captions)
    # Each piece is cut at its last clause end that fits, so all but the last end with the comma.
    assert all(c.endswith("five,") for c in captions[:-1])
    # The longest run that fits is 16-17 words; cut back to its last comma, 12 then 14 words.
    assert [len(c.split()) for c in captions] == [12] + [14] * 356 + [4]

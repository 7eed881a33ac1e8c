"""The normaliser, the alignment and the meaning-word classification, on tables of cases."""

from __future__ import annotations

import pytest

from mathreel.narration.heard import align, compare, normalise, number_words

NORMALISED = [
    # numbers <-> words
    ("3", "three"),
    ("0", "zero"),
    ("20", "twenty"),
    ("45", "forty five"),
    ("1,000", "one thousand"),
    ("1234", "one thousand two hundred thirty four"),
    ("0.25", "zero point two five"),
    ("4.024", "four point zero two four"),
    ("minus 0.14", "minus zero point one four"),
    ("-1", "minus one"),
    ("x = −1", "x equals minus one"),
    ("2w - 6", "two w minus six"),
    ("3x", "three x"),
    ("the 4th root", "the fourth root"),
    ("21st", "twenty oneth"),
    # symbols as the say: forms speak them
    ("3x² − 3 = 0", "three x squared minus three equals zero"),
    ("f′(x) = 3x² − 3", "f prime of x equals three x squared minus three"),
    ("f'(x)", "f prime of x"),
    ("f″(0) = 0", "f double prime of zero equals zero"),
    ("f''", "f double prime"),
    ("f(x) = x³", "f of x equals x cubed"),
    ("x⁴", "x to the fourth"),
    ("x^4", "x to the fourth"),
    ("x^2", "x squared"),
    ("20%", "twenty percent"),
    ("η = 0.1", "eta equals zero point one"),
    ("x naught", "x zero"),
    ("vee equals 2 w-two", "v equals two w two"),
    ("squashes zee, or zed", "squashes z or z"),
    ("x nought", "x zero"),
    ("x0", "x zero"),
    ("w-one squared", "w one squared"),
    # contractions
    ("it's", "it is"),
    ("It’s zero.", "it is zero"),
    ("isn't", "is not"),
    ("don't", "do not"),
    ("can't", "can not"),
    ("cannot", "can not"),
    ("won't", "will not"),
    ("we're", "we are"),
    ("let's", "let us"),
    ("you'll", "you will"),
    ("the curve's slope", "the curve slope"),
    # punctuation and case
    ("Yet 0 is neither a minimum, nor a maximum!", "yet zero is neither a minimum nor a maximum"),
    ("Local — because: each wins only nearby.", "local because each wins only nearby"),
]


@pytest.mark.parametrize(("text", "words"), NORMALISED)
def test_normalise(text, words):
    assert normalise(text) == words.split()


def test_digits_and_words_meet():
    assert normalise("f prime of 2 is minus 3") == normalise("F'(2) is -3.")
    assert normalise("3 x squared minus 3") == normalise("3x² − 3")
    assert number_words("1000000") == "one million"


VERDICTS = [
    # said, heard, formulas, edits, ok
    (
        "yet 0 is neither a minimum nor a maximum.",
        "Yet zero is neither a minimum or a maximum.",
        (),
        ["nor→or"],
        False,
    ),
    (
        "in one variable, a flat inflection point.",
        "and one variable, a flat inflection point.",
        (),
        ["in→and"],
        False,
    ),
    ("It is called a saddle point.", "It is called the saddle point.", (), ["a→the"], True),
    (
        "Local, because each wins only nearby.",
        "Local, because each one's only nearby.",
        (),
        ["wins→one"],
        True,
    ),
    ("The slope is 3.", "The slope is 2.", (), ["three→two"], False),
    ("The slope is positive.", "The slope is not positive.", (), ["+not"], False),
    ("x equals 1", "x equals", (), ["-one"], False),
    (
        "Here is x cubed minus 3 x.",
        "Here is x cube minus 3x.",
        ("x cubed minus 3 x",),
        ["cubed→cube"],
        False,
    ),
    ("The shortcut rules.", "The short of rules.", (), ["shortcut→short", "+of"], True),
    ("and w is 5", "and W is five", (), [], True),
    # a recogniser's homophone is what a listener hears too
    ("But exactly 2?", "But exactly too.", (), [], True),
    ("x to the fourth", "x 2 the 4th", (), [], True),
    ("the slope at x nought", "the slope at X0", (), [], True),
    # letters written together are the letters ("3xh", "BW"), but only the said ones
    ("plus 3 x h, plus h squared", "plus 3xh plus h squared", (), [], True),
    ("It's B: w increases.", "It's BW Increases.", (), [], True),
    ("It's B: w increases.", "It's DW Increases.", (), ["-b", "w→dw"], False),
    # "eta" flapped, as American English says it; "e to" is not it
    ("a learning rate, eta.", "a learning rate, Eda.", ("eta",), [], True),
    ("With eta equals 0.1,", "with e to equal 0.1.", ("eta equals 0.1",), None, False),
    # possessives, letter names, and a hyphen Whisper writes for minus
    ("Chapter 1's curve, and w-two's distance", "chapter 1 curve, and W2's distance", (), [], True),
    (
        "Take a unit arrow, u, and C is its opposite",
        "Take a unit arrow, you, and see is its opposite",
        (),
        [],
        True,
    ),
    ("the quantity w-two minus 1", "the quantity W2-1", (), [], True),
    (
        "while w-one still settles, a sum of two one-weight losses",
        "while W-1 still settles, a sum of 2-1 weight losses",
        (),
        [],
        True,
    ),
    ("plus v minus 2", "plus B minus 2", (), ["v→b"], False),
    # a letter respelt as its name is still the variable: heard as another letter, it is misheard
    ("the quantity vee minus 2", "the quantity B minus 2", (), ["v→b"], False),
    ("the quantity vee minus 2", "the quantity V minus 2", (), [], True),
    ("then a ReLU: h equals ReLU of z,", "then a rel u, h equals rel u of z.", (), [], True),
    ("y minus t is minus 1", "Why minus t is minus 1?", (), [], True),
]


@pytest.mark.parametrize(("said", "heard", "formulas", "edits", "ok"), VERDICTS)
def test_compare_names_the_misheard_words(said, heard, formulas, edits, ok):
    result = compare(said, heard, formulas)
    if edits is not None:
        assert [str(e) for e in result.edits] == edits
    assert result.ok is ok


def test_align_prefers_a_swap_to_a_gap_and_a_word():
    assert align(["a", "nor", "b"], ["a", "or", "b"]) == [("a", "a"), ("nor", "or"), ("b", "b")]
    assert align(["a", "b"], ["a", "x", "b"]) == [("a", "a"), (None, "x"), ("b", "b")]
    assert align([], ["x"]) == [(None, "x")]

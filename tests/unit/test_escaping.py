"""Escaping per format: the exact escaped forms, and the text read back by the pure-Python readers
(``srt``, ``webvtt-py``, markdown-it, html.parser, json). Each reader is also shown the text
unescaped, to prove the check can fail. Chromium and ffprobe: tests/render/test_escaping_consumers.py.
"""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser

import pytest
import srt
import webvtt
from markdown_it import MarkdownIt

from mathreel.assemble.captions import Cue, to_srt, to_webvtt
from mathreel.assemble.chapter_markers import Marker, chapters_webvtt
from mathreel.escape import (
    ass_dialogue_text,
    html_text,
    markdown_text,
    script_json,
    srt_text,
    webvtt_text,
)

#: The issue's caption, as its two lines; and the chapter's own caption that Chromium cut short.
HOSTILE = '< & --> { } \\N "'
BENDS = "If f″ < 0, it bends down"
CAPTIONS = [HOSTILE, "f″ < 0", BENDS, "x<y and y>z", "<i>not italic</i> &amp; {\\i1}"]


def test_webvtt_text_escapes_exactly_amp_lt_gt():
    assert webvtt_text(HOSTILE) == '&lt; &amp; --&gt; { } \\N "'
    assert webvtt_text("f″ < 0\nnext line") == "f″ &lt; 0\nnext line"
    assert webvtt_text("a\n\n \nb") == "a\nb"  # a blank line would end the cue
    assert "-->" not in webvtt_text("a --> b")


def test_srt_text_keeps_characters_and_the_cue_structure():
    assert srt_text(HOSTILE) == HOSTILE
    assert srt_text("a\r\n\nb") == "a\nb"
    assert srt_text("00:00:01,000 --> 00:00:02,000") == "\u206000:00:01,000 --> 00:00:02,000"


def test_ass_dialogue_text_breaks_every_control_sequence():
    assert ass_dialogue_text(HOSTILE) == '< & --> {{\\} } \\{\\}N "'
    assert ass_dialogue_text("one\ntwo") == "one\\Ntwo"
    assert ass_dialogue_text("{\\i1}x") == "{{\\}\\{\\}i1}x"
    assert ass_dialogue_text("ends {\nnext") == "ends {{\\}\\Nnext"
    assert ass_dialogue_text(" lead") == "{\\} lead"
    assert ass_dialogue_text("\\h and \\n") == "\\{\\}h and \\{\\}n"


def test_markdown_text_escaped_form():
    assert markdown_text(HOSTILE) == '\\< \\& --\\> { } \\\\N "'
    assert markdown_text("f″ < 0") == "f″ \\< 0"
    assert markdown_text("1. x_1 *b* [l](u) `c` $5 | ~s~ #") == (
        "1\\. x\\_1 \\*b\\* \\[l\\](u) \\`c\\` \\$5 \\| \\~s\\~ \\#"
    )
    assert markdown_text("- a\nb") == "\\- a b"


def test_html_text_and_script_json_forms():
    assert html_text(HOSTILE) == "&lt; &amp; --&gt; { } \\N &quot;"
    encoded = script_json({"t": "</script><!-- --> & \u2028\u2029"})
    assert encoded == '{"t": "\\u003c/script\\u003e\\u003c!-- --\\u003e \\u0026 \\u2028\\u2029"}'


def cues(texts):
    return [Cue(2.0 * i, 2.0 * i + 1.5, t, 2.0 * i + 1.5) for i, t in enumerate(texts)]


def test_srt_parser_reads_every_caption_back_exactly():
    parsed = list(srt.parse(to_srt(cues(CAPTIONS))))
    assert [p.content for p in parsed] == ["\n".join(c.lines) for c in cues(CAPTIONS)]
    assert parsed[0].content == HOSTILE


def test_srt_blank_and_timing_lines_stay_inside_their_cue():
    text = "Part one\n\n2\n00:00:05,000 --> 00:00:06,000"

    def parse(body: str) -> list[str]:
        return [p.content for p in srt.parse(f"1\n00:00:01,000 --> 00:00:02,000\n{body}\n")]

    assert parse(srt_text(text)) == ["Part one\n2\n\u206000:00:05,000 --> 00:00:06,000"]
    assert len(parse(text)) == 2  # written as is, the cue splits in two


def test_webvtt_py_reads_the_escaped_text(tmp_path):
    path = tmp_path / "c.vtt"
    path.write_text(to_webvtt(cues(CAPTIONS)), encoding="utf-8")
    read = webvtt.read(str(path))
    # webvtt-py keeps character references as they are and finds no tag to strip;
    # decoding WebVTT's references (&amp; &lt; &gt;) gives the caption back.
    assert [c.text for c in read] == [webvtt_text(t) for t in CAPTIONS]
    assert [html.unescape(c.text) for c in read] == CAPTIONS
    assert [c.start for c in read] == [
        "00:00:00.000",
        "00:00:02.000",
        "00:00:04.000",
        "00:00:06.000",
        "00:00:08.000",
    ]


def test_webvtt_py_loses_the_unescaped_caption(tmp_path):
    path = tmp_path / "raw.vtt"
    path.write_text(f"WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n{HOSTILE}\n", encoding="utf-8")
    assert [html.unescape(c.text) for c in webvtt.read(str(path))] != [HOSTILE]


def test_chapters_webvtt_escapes_titles(tmp_path):
    found = [Marker(0.0, 20.0, "Where f″ < 0"), Marker(20.0, 40.0, "A & B --> C")]
    text = chapters_webvtt(found)
    assert "Where f″ &lt; 0" in text and "A &amp; B --&gt; C" in text
    path = tmp_path / "chapters.vtt"
    path.write_text(text, encoding="utf-8")
    assert [html.unescape(c.text) for c in webvtt.read(str(path))] == [m.title for m in found]


class _Text(HTMLParser):
    """The text content of an HTML fragment, and the tags in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.tags = "", []

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)


def rendered_paragraph(markdown: str) -> _Text:
    parser = _Text()
    # CommonMark with raw HTML on (as GitHub reads HTML blocks), plus GFM tables and strikethrough.
    parser.feed(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))
    return parser


@pytest.mark.parametrize(
    "text",
    [*CAPTIONS, "1. x_1 *b* [l](u) `c` | ~~s~~ #", "- list?", "a\\", "&lt; is an entity", "<b>"],
)
def test_markdown_renders_as_the_text_itself(text):
    rendered = rendered_paragraph(f"**[0:00]** {markdown_text(text)}")
    assert rendered.tags == ["p", "strong"]
    assert rendered.text == f"[0:00] {text}\n"
    heading = rendered_paragraph(f"## {markdown_text(text)}")
    assert heading.tags == ["h2"] and heading.text == f"{text}\n"


def test_markdown_unescaped_is_not_the_text():
    rendered = rendered_paragraph("**[0:00]** x<y and y>z <b>bold</b> &lt; *em*")
    assert rendered.text != "[0:00] x<y and y>z <b>bold</b> &lt; *em*\n"
    assert "b" in rendered.tags and "em" in rendered.tags


def test_html_text_reads_back_in_text_and_attributes():
    for text in CAPTIONS:
        parser = _Text()
        parser.feed(f'<p title="{html_text(text)}">{html_text(text)}</p>')
        assert parser.text == text and parser.tags == ["p"]
    raw = _Text()
    raw.feed(f"<p>{BENDS} <i>x</i></p>")
    assert raw.tags != ["p"]


def test_script_json_cannot_end_its_element_and_parses_back():
    data = {"captions": [[0.0, 1.5, "</script><script>alert(1)</script> <!-- --> \u2028 &"]]}
    page = f'<script type="application/json">{script_json(data)}</script><p>after</p>'

    class Scripts(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.bodies: list[str] = []

        def handle_data(self, data: str) -> None:
            if self.lasttag == "script":
                self.bodies.append(data)

    parser = Scripts()
    parser.feed(page)
    assert len(parser.bodies) == 1 and json.loads(parser.bodies[0]) == data
    unescaped = Scripts()
    unescaped.feed(f'<script type="application/json">{json.dumps(data)}</script>')
    assert len(unescaped.bodies) != 1 or unescaped.bodies[0] != json.dumps(data)

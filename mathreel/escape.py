"""Text escaped for each format we write, one function per format, so it reads back as itself."""

from __future__ import annotations

import html
import json
import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SRT_TIMING = re.compile(r"\s*\d+:\d+:\d+[,.:]?\d*\s*-[ -]\s*>")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
#: What could start a list, a setext underline or an ordered list at the start of a line.
_MARKDOWN_BLOCK_START = re.compile(r"^(\d*)([-+=.)])")
#: An ASS override block that ffmpeg's ASS splitter reads as empty: it ends the text run before it.
_ASS_EMPTY_BLOCK = "{\\}"
_ASS_ESCAPES = str.maketrans({"\\": "\\" + _ASS_EMPTY_BLOCK, "{": "{" + _ASS_EMPTY_BLOCK})


def _cue_lines(text: str) -> list[str]:
    """The lines of a caption cue; blank ones are dropped, since a blank line ends a cue."""
    return [line for line in _LINE_BREAK.split(text) if line.strip()]


def webvtt_text(text: str) -> str:
    """WebVTT cue text (captions and chapter titles): ``&``, ``<`` and ``>`` as character
    references, so no tag, entity or ``-->`` can appear; lines joined by ``\\n``.

    What a WebVTT parser stores (``VTTCue.text`` in a browser) is this escaped form; what it
    shows (``getCueAsHTML()``) is ``text`` itself. ``new VTTCue(start, end, text)`` takes cue
    text too, so the player's fallback cues are built from this form as well.
    """
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "\n".join(_cue_lines(escaped))


def srt_text(text: str) -> str:
    """SRT cue text: the text as it is, with the cue's structure kept safe.

    SRT has no escape syntax (no reader decodes ``&lt;``), so characters are written unchanged
    and the ``srt`` parser reads them back exactly. Blank lines are dropped (a blank line ends
    the cue), and a line that would itself parse as a timing line (``00:00:01,000 --> ...``) is
    prefixed with U+2060 WORD JOINER, an invisible character, so no reader can take it for the
    next cue's timing; ``-->`` anywhere else in a line is text to every SRT reader. Players that
    style SRT (ffmpeg/mpv, VLC, video platforms) read ``<i>``, ``<b>``, ``<u>``, ``<font>``,
    ``{\\...}`` and ``\\N`` as markup: we choose plain text, since narration captions are prose
    and math, and the exact forms for viewers are the WebVTT file and the MP4's mov_text track.
    """
    return "\n".join(
        "\u2060" + line if _SRT_TIMING.match(line) else line for line in _cue_lines(text)
    )


def ass_dialogue_text(text: str) -> str:
    """The Text field of an ASS Dialogue event, for ffmpeg's ASS to mov_text encoder.

    ffmpeg's splitter (``ff_ass_split_override_codes``) reads ``\\n``/``\\N`` as a line break and
    ``{\\`` as the start of an override block; every other character, ``\\h`` and a ``{`` not
    followed by ``\\`` included, is text. So each ``\\`` is followed by the empty block ``{\\}``
    (never ``\\n``/``\\N``), each ``{`` by ``{\\}`` too (never ``{\\``), and a leading space (which
    the field splitter would drop) is preceded by one. Lines are joined by ``\\N``. The mov_text
    sample then holds exactly ``text``; libass-style ``{comment}`` blocks are not ffmpeg's
    concern here, since nothing renders this ASS.
    """
    lines = []
    for line in _LINE_BREAK.split(text):
        escaped = line.translate(_ASS_ESCAPES)
        lines.append(_ASS_EMPTY_BLOCK + escaped if escaped.startswith(" ") else escaped)
    return "\\N".join(lines)


def markdown_text(text: str) -> str:
    """Inline Markdown (a paragraph's or heading's text) that renders as ``text`` itself.

    Backslash-escapes (CommonMark allows one before any ASCII punctuation) every character that
    could start markup inline: ``\\ ` * _ [ ] < > # | ~ & $`` (``[`` covers links and images,
    ``<`` raw HTML and autolinks, ``&`` entities, ``$`` math on GitHub, ``|`` and ``~`` GFM tables
    and strikethrough), and a leading ``-``, ``+``, ``=`` or the ``.``/``)`` of a leading number,
    which could start a block. Line breaks become spaces, so the text stays one paragraph.
    """
    one_line = " ".join(_LINE_BREAK.split(text))
    return _MARKDOWN_BLOCK_START.sub(r"\1\\\2", _MARKDOWN_SPECIAL.sub(r"\\\1", one_line), count=1)


def html_text(text: str) -> str:
    """HTML text or a quoted attribute value: ``& < > " '`` as character references."""
    return html.escape(text, quote=True)


def script_json(data: object) -> str:
    """JSON to embed in a ``<script>`` element: parses as ``data`` and cannot end the element.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes (no ``</script>``, ``<!--`` or ``-->`` can
    appear), and so do U+2028 and U+2029, which older JavaScript parsers took for line breaks.
    """
    encoded = json.dumps(data, ensure_ascii=False)
    for char in "<>&\u2028\u2029":
        encoded = encoded.replace(char, f"\\u{ord(char):04x}")
    return encoded

"""The chapter's static player page and its Markdown transcript (text escaped by mathreel.escape)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mathreel.assemble.captions import SceneSpan
from mathreel.assemble.chapter_markers import Marker
from mathreel.assemble.page_style import page_head, web_file
from mathreel.clock import clock
from mathreel.escape import html_text, markdown_text, script_json, webvtt_text
from mathreel.manifest import Chapter, PlannedChapter
from mathreel.quiz import LETTERS, answers_scope, question_id, scene_questions

if TYPE_CHECKING:
    from mathreel.assemble.captions import Cue
    from mathreel.layout import ChapterFiles


def transcript_entries(spans: Sequence[SceneSpan]) -> list[tuple[float, str, str]]:
    """(start on the chapter clock, scene title, caption text) for every beat, in order."""
    entries = []
    for span in spans:
        for beat in span.plan.beats:
            start = span.offset + span.timeline.beat(beat.id).start
            entries.append((start, span.plan.title, " ".join(p.caption for p in beat.phrases)))
    return entries


def transcript_markdown(chapter: Chapter, spans: Sequence[SceneSpan]) -> str:
    """The narration as read, one timestamped paragraph per beat, a heading per scene."""
    heading = f"{chapter.course} — Chapter {chapter.number}: {chapter.title}"
    lines = [f"# {markdown_text(heading)}", ""]
    current = None
    for start, title, text in transcript_entries(spans):
        if title != current:
            lines += [f"## {markdown_text(title)}", ""]
            current = title
        lines += [f"**[{clock(start)}]** {markdown_text(text)}", ""]
    return "\n".join(lines)


def transcript_json(spans: Sequence[SceneSpan]) -> str:
    """The transcript's entries as JSON, ``{"moments": [[start, scene title, text], ...]}``: what
    the course page searches across chapters to find a moment."""
    moments = [[round(start, 3), title, text] for start, title, text in transcript_entries(spans)]
    return json.dumps({"moments": moments}, ensure_ascii=False, indent=0) + "\n"


#: Playback speeds offered, as the <select> lists them.
SPEEDS = ("0.75", "1", "1.25", "1.5", "1.75", "2")

_PAGE_STYLE = web_file("player.css")
#: The page's script (web/player.js): tracks, controls, shortcuts, transcript search and the
#: in-page quiz. The quiz stops the video from ``requestVideoFrameCallback``: each presented frame
#: is compared with the next question's end, so the pause lands on the last frame before it
#: (``timeupdate`` fires about four times a second and would overshoot by up to a quarter second).
SCRIPT = web_file("player.js")

_SHORTCUTS = (
    ("Space or K", "play or pause"),
    ("J / L", "back or forward 10 seconds"),
    ("← / →", "back or forward 5 seconds"),
    ("C", "captions on or off"),
    ("F", "full screen"),
    ("?", "this list"),
)


def _list_button(start: float, text: str) -> str:
    return (
        f'<button type="button" class="list-button" data-time="{start:.3f}">'
        f'<span class="time">{clock(start)}</span>{html_text(text)}</button>'
    )


def page_data(
    chapter: Chapter, cues: Sequence[Cue], found: Sequence[Marker], spans: Sequence[SceneSpan]
) -> dict:
    """What the page's script reads: fallback cues, the questions on the chapter clock, the frame
    rate (to stop within a frame) and the key that scopes stored answers to this chapter."""
    # The fallback's VTTCue(start, end, text) parses ``text`` as cue text, as a .vtt file's is.
    return {
        "chapter": answers_scope(chapter.course, chapter.slug),
        "fps": spans[0].timeline.fps if spans else 30,
        "captions": [[c.start, c.end, webvtt_text("\n".join(c.lines))] for c in cues],
        "chapters": [[m.start, m.end, webvtt_text(m.title)] for m in found],
        "questions": page_questions(spans),
    }


def neighbour_links(around: Sequence[Chapter | PlannedChapter | None]) -> str:
    """Links to the previous and the next chapter of the course; one still planned is named,
    marked coming soon, and not linked."""
    links = []
    for side, other in zip(("Previous", "Next"), around, strict=True):
        if other is None:
            continue
        name = html_text(f"Chapter {other.number}: {other.title}")
        if isinstance(other, PlannedChapter):
            links.append(f'<li class="{side.lower()}">{side}: {name} (coming soon)</li>')
        else:
            links.append(
                f'<li class="{side.lower()}"><a href="../{html_text(other.slug)}/index.html" '
                f'rel="{"prev" if side == "Previous" else "next"}">{side}: {name}</a></li>'
            )
    if not links:
        return ""
    return (
        '<nav aria-label="Previous and next chapters"><ul class="neighbours">'
        + "".join(links)
        + "</ul></nav>"
    )


def player_page(
    chapter: Chapter,
    files: ChapterFiles,
    cues: Sequence[Cue],
    found: Sequence[Marker],
    spans: Sequence[SceneSpan],
    around: Sequence[Chapter | PlannedChapter | None] = (None, None),
) -> str:
    """A static page: the video with captions and chapters tracks, speed, caption and link
    controls, keyboard shortcuts, the chapter's questions answered in the page, a chapter list, a
    searchable live transcript, a link back to the course page and links to the chapters
    ``around`` it (previous, next)."""
    names = files.names
    data = page_data(chapter, cues, found, spans)
    chapter_items = "\n".join(f"<li>{_list_button(m.start, m.title)}</li>" for m in found)
    transcript_items = "\n".join(
        f'<li data-start="{start:.3f}">{_list_button(start, text)}</li>'
        for start, _, text in transcript_entries(spans)
    )
    speeds = "".join(
        f'<option value="{s}"{" selected" if s == "1" else ""}>{s}×</option>' for s in SPEEDS
    )
    keys = "".join(
        f"<dt><kbd>{html_text(k)}</kbd></dt><dd>{html_text(v)}</dd>" for k, v in _SHORTCUTS
    )
    title = f"{chapter.course} — Chapter {chapter.number}: {chapter.title}"
    return (
        page_head(title, _PAGE_STYLE)
        + f"""<a class="skip-link" href="#stage">Skip to the video</a>
<header>
<nav aria-label="Course"><a href="../index.html">← {html_text(chapter.course)}: all chapters</a></nav>
<p>{html_text(chapter.course)} · Chapter {chapter.number}</p><h1>{html_text(chapter.title)}</h1>
{neighbour_links(around)}
</header>
<main>
<div>
<div id="stage">
<video id="video" controls preload="metadata" playsinline poster="{html_text(names["poster"].name)}" aria-label="{html_text(title)}">
<source src="{html_text(names["video"].name)}" type="video/mp4">
<track id="captions-track" kind="captions" src="{html_text(names["vtt"].name)}" srclang="en" label="English" default>
<track id="chapters-track" kind="chapters" src="{html_text(names["chapters_vtt"].name)}" srclang="en" label="Chapters" default>
</video>
<section id="quiz" hidden aria-labelledby="quiz-prompt">
<p id="quiz-kind"></p>
<h2 id="quiz-prompt" tabindex="-1"></h2>
<div id="quiz-choices" role="group" aria-label="Choices"></div>
<p id="quiz-feedback" role="status" aria-live="polite"></p>
<div class="actions"><button type="button" id="quiz-continue">Continue to the answer</button>
<button type="button" id="quiz-skip">Skip, play on</button></div>
</section>
</div>
<div class="toolbar">
<label>Speed <select id="speed">{speeds}</select></label>
<button type="button" id="captions-toggle" aria-pressed="true">Captions</button>
<button type="button" id="copy-link">Copy link to this moment</button>
<button type="button" id="shortcuts-open" aria-haspopup="dialog">Keyboard shortcuts (?)</button>
</div>
<p id="status" role="status" aria-live="polite"></p>
<section id="score" hidden aria-labelledby="score-heading">
<h2 id="score-heading">Your score</h2>
<p id="score-text"></p>
<button type="button" id="score-clear">Clear my answers</button>
</section>
<nav aria-label="Chapters"><h2>Chapters</h2><ol id="chapters">
{chapter_items}
</ol></nav>
</div>
<section aria-labelledby="transcript-heading"><h2 id="transcript-heading">Transcript</h2>
<label for="transcript-search" class="visually-hidden">Search the transcript</label>
<input type="search" id="transcript-search" placeholder="Search the transcript" autocomplete="off">
<p id="search-count" aria-live="polite"></p>
<ol id="transcript">
{transcript_items}
</ol></section>
</main>
<dialog id="shortcuts" aria-labelledby="shortcuts-heading">
<h2 id="shortcuts-heading">Keyboard shortcuts</h2>
<dl>{keys}</dl>
<button type="button" id="shortcuts-close">Close</button>
</dialog>
<script id="chapter-data" type="application/json">{script_json(data)}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
    )


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
                    "id": question_id(span.plan.scene, q),
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

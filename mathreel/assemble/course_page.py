"""The course page, ``output/<quality>/index.html``: every chapter of a course, made or coming,
with each chapter's length and the viewer's quiz score from the answers they gave in its page.

Rebuilt after every chapter assembly from the manifest, each made chapter's ``qc.json`` (its
duration and its scenes' start times) and its scenes' quiz modules, so it never needs a render
of its own. The scores are read in the browser from the answers the chapter pages stored.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mathreel.assemble.page_style import page_head, web_file
from mathreel.clock import clock
from mathreel.escape import html_text, markdown_text, script_json
from mathreel.files import write_text_atomic
from mathreel.layout import ChapterFiles
from mathreel.manifest import Chapter, PlannedChapter
from mathreel.paths import output_dir
from mathreel.quality import Quality
from mathreel.quiz import answers_scope, question_id, scene_questions


@dataclass(frozen=True)
class ChapterCard:
    """What the course page shows of one chapter; ``page`` is None while it is not made at this
    quality (planned, or not rendered yet)."""

    number: int
    title: str
    planned: bool
    page: str | None = None
    poster: str | None = None
    duration: float = 0.0
    #: (start on the chapter clock, scene title) of each scene.
    scenes: tuple[tuple[float, str], ...] = ()
    #: Where its page stores the viewer's answers, and (question id, right choice) of each quiz
    #: question (predictions are not scored).
    scope: str = ""
    questions: tuple[tuple[str, int], ...] = ()
    #: (start on the chapter clock, scene title, what is said) of each beat: what the course
    #: page's search and transcript list.
    moments: tuple[tuple[float, str, str], ...] = ()


#: The module's transcript, beside the course page.
TRANSCRIPT_NAME = "transcript.md"


def course_page_path(quality: Quality) -> Path:
    return output_dir() / quality.name / "index.html"


def _moments(path: Path) -> tuple[tuple[float, str, str], ...]:
    """A chapter's transcript entries; none when the file is missing or not what assembly wrote
    (the chapter's record finds it damaged and assembles it again on its next render)."""
    try:
        moments = json.loads(path.read_text(encoding="utf-8"))["moments"]
        return tuple((float(start), str(title), str(text)) for start, title, text in moments)
    except (OSError, ValueError, TypeError, KeyError):
        return ()


def chapter_card(chapter: Chapter | PlannedChapter, quality: Quality) -> ChapterCard:
    """A chapter as the course page shows it: linked when its page and QC record exist here."""
    if isinstance(chapter, PlannedChapter):
        return ChapterCard(chapter.number, chapter.title, planned=True)
    files = ChapterFiles(chapter, quality)
    names = files.names
    if not (names["player"].exists() and names["qc"].exists()):
        return ChapterCard(chapter.number, chapter.title, planned=False)
    qc = json.loads(names["qc"].read_text(encoding="utf-8"))
    folder = files.folder.name
    return ChapterCard(
        chapter.number,
        chapter.title,
        planned=False,
        page=f"{folder}/{names['player'].name}",
        poster=f"{folder}/{names['poster'].name}" if names["poster"].exists() else None,
        duration=float(qc["timeline_seconds"]),
        scenes=tuple((float(m["start"]), m["title"]) for m in qc["chapter_markers"]),
        scope=answers_scope(chapter.course, chapter.slug),
        questions=tuple(
            (question_id(scene.stem, q), q.answer)
            for scene in chapter.scenes
            for q in scene_questions(scene.stem)
            if q.kind == "question"
        ),
        moments=_moments(names["moments"]),
    )


def _moment_link(card: ChapterCard, start: float) -> str:
    """The chapter page at a moment: the whole second at or before ``start``, so the sentence is
    heard from its beginning."""
    return f"{card.page}#t={math.floor(start)}"


_COURSE_STYLE = web_file("course.css")
_COURSE_SCRIPT = web_file("course.js")


def _card_html(card: ChapterCard, quality: Quality) -> str:
    heading = f"Chapter {card.number}: {card.title}"
    if card.page is None:
        state = "Coming soon" if card.planned else f"Not rendered at {quality.name} yet"
        return (
            f'<li class="card coming"><div><h2>{html_text(heading)}</h2>'
            f'<p class="meta"><span class="badge">{html_text(state)}</span></p></div></li>'
        )
    page = html_text(card.page)
    poster = (
        f'<a href="{page}" tabindex="-1" aria-hidden="true"><img src="{html_text(card.poster)}" '
        f'alt="" width="{quality.width}" height="{quality.height}"></a>'
        if card.poster
        else "<div></div>"
    )
    scenes = "\n".join(
        f'<li><a href="{page}#t={start:.0f}"><span class="time">{clock(start)}</span>'
        f"{html_text(title)}</a></li>"
        for start, title in card.scenes
    )
    score = (
        f'<p class="score" id="score-{card.number}">Quiz: {len(card.questions)} questions.</p>'
        if card.questions
        else ""
    )
    return (
        f'<li class="card">{poster}<div><h2><a href="{page}">{html_text(heading)}</a></h2>'
        f'<p class="meta">{clock(card.duration)} · {len(card.scenes)} scenes</p>{score}'
        f'<a class="watch" href="{page}">Watch chapter {card.number}</a>'
        f'<h3 class="visually-hidden">Scenes</h3><ol class="scenes">\n{scenes}\n</ol></div></li>'
    )


def course_page(course: str, quality: Quality, cards: list[ChapterCard]) -> str:
    """The course page: a card per chapter with its poster, title, duration and scenes."""
    made = sum(1 for c in cards if c.page is not None)
    items = "\n".join(_card_html(card, quality) for card in cards)
    if made == len(cards):
        total = sum(c.duration for c in cards)
        state = f"The module is complete: {len(cards)} chapters, {clock(total)} in all."
    else:
        state = f"{len(cards)} chapters, {made} ready to watch."
    scores = [
        {"number": c.number, "scope": c.scope, "questions": [list(q) for q in c.questions]}
        for c in cards
        if c.page is not None and c.questions
    ]
    moments = [
        [f"Chapter {c.number}", _moment_link(c, start), clock(start), title, text]
        for c in cards
        if c.page is not None
        for start, title, text in c.moments
    ]
    find = (
        f"""<section class="find" aria-labelledby="find-heading">
<h2 id="find-heading">Find a moment</h2>
<label for="moment-search">Search what is said in {"every chapter" if made > 1 else "the chapter"}</label>
<input id="moment-search" type="search" autocomplete="off" spellcheck="false">
<p id="moment-count" role="status" aria-live="polite"></p>
<ol id="moments"></ol>
<p><a href="{TRANSCRIPT_NAME}">The whole transcript</a> ({len(moments)} passages, Markdown)</p>
</section>
"""
        if moments
        else ""
    )
    return (
        page_head(f"{course} — all chapters", _COURSE_STYLE)
        + f"""<header><p>Course · {html_text(quality.name)}</p><h1>{html_text(course)}</h1>
<p>{html_text(state)}</p></header>
<main>
{find}<ol class="chapters">
{items}
</ol>
</main>
<script id="course-data" type="application/json">{script_json({"scores": scores, "moments": moments})}</script>
<script>{_COURSE_SCRIPT}</script>
</body>
</html>
"""
    )


def write_course_page(
    outline: Sequence[Chapter | PlannedChapter], course: str, quality: Quality
) -> Path:
    """Rebuild ``output/<quality>/index.html`` for ``course`` from its ``outline`` (its chapters,
    made and planned, in order; written atomically)."""
    cards = [chapter_card(c, quality) for c in outline]
    target = course_page_path(quality)
    write_text_atomic(target.with_name(TRANSCRIPT_NAME), course_transcript(course, cards))
    write_text_atomic(target, course_page(course, quality, cards))
    return target


def course_transcript(course: str, cards: list[ChapterCard]) -> str:
    """Every chapter's narration as read, a heading per chapter and scene, each passage's time a
    link to that moment in the chapter's page (Markdown; text escaped by markdown_text)."""
    lines = [f"# {markdown_text(course)} — transcript", ""]
    for card in cards:
        lines += [f"## {markdown_text(f'Chapter {card.number}: {card.title}')}", ""]
        if card.page is None:
            lines += ["Not made yet." if card.planned else "Not rendered at this quality yet.", ""]
            continue
        lines += [f"[Watch chapter {card.number}]({card.page})", ""]
        current = None
        for start, title, text in card.moments:
            if title != current:
                lines += [f"### {markdown_text(title)}", ""]
                current = title
            link = _moment_link(card, start)
            lines += [f"**[{clock(start)}]({link})** {markdown_text(text)}", ""]
    return "\n".join(lines)

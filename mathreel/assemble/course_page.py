"""The course page, ``output/<quality>/index.html``: every chapter of a course, made or coming,
with each chapter's length and the viewer's quiz score from the answers they gave in its page.

Rebuilt after every chapter assembly from the manifest, each made chapter's ``qc.json`` (its
duration and its scenes' start times) and its scenes' quiz modules, so it never needs a render
of its own. The scores are read in the browser from the answers the chapter pages stored.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mathreel.assemble.page_style import page_head, web_file
from mathreel.clock import clock
from mathreel.escape import html_text, script_json
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


def course_page_path(quality: Quality) -> Path:
    return output_dir() / quality.name / "index.html"


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
    )


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
    return (
        page_head(f"{course} — all chapters", _COURSE_STYLE)
        + f"""<header><p>Course · {html_text(quality.name)}</p><h1>{html_text(course)}</h1>
<p>{html_text(state)}</p></header>
<main>
<ol class="chapters">
{items}
</ol>
</main>
<script id="course-data" type="application/json">{script_json({"scores": scores})}</script>
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
    write_text_atomic(target, course_page(course, quality, cards))
    return target

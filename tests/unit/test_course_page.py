"""The course page: every chapter of the manifest, made ones linked with their scenes, the rest coming."""

from __future__ import annotations

import json

import pytest

from mathreel.assemble.course_page import course_page_path, write_course_page
from mathreel.errors import UserError
from mathreel.layout import ChapterFiles
from mathreel.manifest import Chapter, Manifest, PlannedChapter
from mathreel.quality import get_quality
from render import project_manifest

OUTLINE = project_manifest().course_outline("Derivatives")
#: Chapters still planned, and made ones (whichever branch made them, in whichever order).
PLANNED = [c for c in OUTLINE if isinstance(c, PlannedChapter)]
MADE = [c for c in OUTLINE if isinstance(c, Chapter)]


def test_the_outline_lists_made_and_planned_chapters_in_order() -> None:
    outline = project_manifest().course_outline("Derivatives")
    assert [c.number for c in outline] == [1, 2, 3]
    assert isinstance(outline[0], Chapter) and isinstance(outline[2], Chapter)
    assert isinstance(outline[1], Chapter | PlannedChapter)
    assert "Gradient" in outline[1].title
    assert "Backpropagation" in outline[2].title


def test_a_planned_chapter_numbered_like_a_made_one_is_an_error() -> None:
    from scenes.manifest import CHAPTERS

    again = Manifest.of(CHAPTERS, [{"number": 1, "course": "Derivatives", "title": "Again"}])
    with pytest.raises(UserError, match="two chapters numbered 1"):
        again.course_outline("Derivatives")


def test_unrendered_and_planned_chapters_are_shown_as_not_ready(private_output) -> None:
    quality = get_quality("l")
    page = write_course_page(OUTLINE, "Derivatives", quality).read_text(encoding="utf-8")
    assert course_page_path(quality) == private_output / "480p15" / "index.html"
    assert page.count("Not rendered at 480p15 yet") == len(MADE)
    assert page.count("Coming soon") == len(PLANNED)
    assert "The Chain Rule and Backpropagation" in page
    assert "<a " not in page  # nothing to link to yet


def test_a_made_chapter_is_linked_with_poster_duration_and_scenes(private_output) -> None:
    quality = get_quality("l")
    files = ChapterFiles(project_manifest().get_chapter(1), quality)
    files.folder.mkdir(parents=True)
    for name in ("player", "poster"):
        files.names[name].write_bytes(b"x")
    markers = [{"start": 0.0, "title": "Opening <&>"}, {"start": 86.4, "title": "Slope"}]
    qc = {"timeline_seconds": 845.2, "chapter_markers": markers}
    files.names["qc"].write_text(json.dumps(qc), encoding="utf-8")
    page = write_course_page(OUTLINE, "Derivatives", quality).read_text(encoding="utf-8")
    assert 'href="chapter-01/index.html"' in page
    assert 'src="chapter-01/chapter-01.poster.png"' in page
    assert "14:05 · 2 scenes" in page
    assert 'href="chapter-01/index.html#t=86"><span class="time">1:26</span>Slope</a>' in page
    assert "Opening &lt;&amp;&gt;" in page
    assert page.count("Coming soon") == len(PLANNED)
    assert page.count("Not rendered") == len(MADE) - 1  # chapter 1 has its files

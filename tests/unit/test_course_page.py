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


#: Text that is markup in each format the moments are written to (HTML, JSON in <script>, Markdown).
HOSTILE = "</script><b>*x* & [y](z) `c` −0.5 f′(x)"


def made_chapter_with_moments(moments) -> None:
    files = ChapterFiles(project_manifest().get_chapter(1), get_quality("l"))
    files.folder.mkdir(parents=True)
    for name in ("player", "poster"):
        files.names[name].write_bytes(b"x")
    qc = {"timeline_seconds": 100.0, "chapter_markers": [{"start": 0.0, "title": "Opening"}]}
    files.names["qc"].write_text(json.dumps(qc), encoding="utf-8")
    files.names["moments"].write_text(json.dumps({"moments": moments}), encoding="utf-8")


def test_moments_are_searchable_and_the_module_transcript_links_each_one(private_output) -> None:
    made_chapter_with_moments([[0.0, "Opening", "First words."], [83.9, "Slope <1>", HOSTILE]])
    page = write_course_page(OUTLINE, "Derivatives", get_quality("l")).read_text(encoding="utf-8")
    data = json.loads(page.split('type="application/json">')[1].split("</script>")[0])
    assert data["moments"][1] == [
        "Chapter 1",
        "chapter-01/index.html#t=83",  # the whole second before: the sentence heard from its start
        "1:23",
        "Slope <1>",
        HOSTILE,
    ]
    assert HOSTILE not in page  # only in the JSON, escaped there
    assert 'href="transcript.md">The whole transcript</a> (2 passages' in page
    transcript = (private_output / "480p15" / "transcript.md").read_text(encoding="utf-8")
    assert (
        "## Chapter 1: The Derivative — Rate of Change\n\n[Watch chapter 1](chapter-01/index.html)"
        in transcript
    )
    assert "### Slope \\<1\\>" in transcript
    assert (
        "**[1:23](chapter-01/index.html#t=83)** \\</script\\>\\<b\\>\\*x\\* \\& \\[y\\](z) \\`c\\`"
        in transcript
    )
    assert (
        "## Chapter 2: The Gradient" in transcript
        and "Not rendered at this quality yet." in transcript
    )


@pytest.mark.parametrize("content", ["{", '{"moments": 3}', '{"moments": [[1, 2]]}', "[]"])
def test_a_damaged_transcript_file_leaves_the_chapter_without_moments(
    private_output, content
) -> None:
    made_chapter_with_moments([])
    files = ChapterFiles(project_manifest().get_chapter(1), get_quality("l"))
    files.names["moments"].write_text(content, encoding="utf-8")
    page = write_course_page(OUTLINE, "Derivatives", get_quality("l")).read_text(encoding="utf-8")
    assert 'href="chapter-01/index.html"' in page and 'id="moment-search"' not in page

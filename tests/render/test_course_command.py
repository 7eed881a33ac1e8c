"""``render.py course``: every chapter of a tiny two-chapter course rendered in one queue, each
chapter assembled with links to its neighbours, and the course page; a chapter made later
re-assembles only the page that links to it."""

from __future__ import annotations

import textwrap

import pytest

from tests.tiny_project import one_line_failure, render, tiny_project

pytestmark = pytest.mark.render

MANIFEST = '''
"""Two chapters of tiny scenes, and one planned."""

CHAPTERS = [
    {{"number": 1, "course": "Tiny <course>", "title": "First & foremost", "scenes": ["tiny_a", "tiny_b"]}},
    {{"number": 2, "course": "Tiny <course>", "title": "Second", "scenes": ["tiny_c"]}},
]
PLANNED = [{planned}]
'''
THIRD = '{"number": 3, "course": "Tiny <course>", "title": "Third <soon>"}'


def write_manifest(project, planned: str) -> None:
    (project / "scenes" / "manifest.py").write_text(
        textwrap.dedent(MANIFEST.format(planned=planned))
    )


def course(project):
    return render(project, "course", "-q", "l", "-v", "silent", "-j", "2")


def test_course_renders_every_chapter_and_links_them(tmp_path):
    project = tiny_project(tmp_path / "p")
    write_manifest(project, THIRD)
    done = course(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "course: 3 of 3 scenes rendered, 0 unchanged" in done.stdout
    out = project / "output" / "480p15"
    first = (out / "chapter-01" / "index.html").read_text(encoding="utf-8")
    second = (out / "chapter-02" / "index.html").read_text(encoding="utf-8")
    assert (out / "chapter-01" / "chapter-01.mp4").stat().st_size > 0
    assert (out / "chapter-02" / "chapter-02.mp4").stat().st_size > 0
    assert "Previous:" not in first
    assert '<a href="../chapter-02/index.html" rel="next">Next: Chapter 2: Second</a>' in first
    assert (
        '<a href="../chapter-01/index.html" rel="prev">Previous: Chapter 1: First &amp; foremost</a>'
        in second
    )
    assert "Next: Chapter 3: Third &lt;soon&gt; (coming soon)" in second
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "3 chapters, 2 ready to watch." in page

    # The planned chapter is made (here: dropped from the plan): only the page that named it is
    # assembled again, and the course page calls the module complete.
    write_manifest(project, "")
    again = course(project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "course: 0 of 3 scenes rendered, 3 unchanged" in again.stdout
    assert "chapter-01: unchanged" in again.stdout
    assert "chapter-02: unchanged" not in again.stdout
    second = (out / "chapter-02" / "index.html").read_text(encoding="utf-8")
    assert "Next:" not in second and "coming soon" not in second
    assert "The module is complete: 2 chapters," in (out / "index.html").read_text(encoding="utf-8")


def test_a_scene_listed_in_two_chapters_is_one_line(tmp_path):
    project = tiny_project(tmp_path / "p")
    (project / "scenes" / "manifest.py").write_text(
        'CHAPTERS = [{"number": 1, "course": "T", "title": "A", "scenes": ["tiny_a"]},'
        ' {"number": 2, "course": "T", "title": "B", "scenes": ["tiny_a"]}]\n'
    )
    one_line_failure(course(project), 2, "scene 'tiny_a' is listed twice")

"""Beats used in code against beats in the narration file, read from source without Manim."""

from __future__ import annotations

import pytest

from mathreel.errors import UserError
from mathreel.render.runs.scene_source import check_beats, read_scene_source

SCENE = """\
from mathreel import NarratedScene

class ShowsThings(NarratedScene):
    def construct(self):
        with self.beat("intro") as beat:
            pass
        with self.beat("outro"):
            pass
"""


def source(tmp_path, text=SCENE):
    path = tmp_path / "shows_things.py"
    path.write_text(text, encoding="utf-8")
    return read_scene_source(path)


def test_reads_class_and_beats_in_order(tmp_path):
    found = source(tmp_path)
    assert found.class_name == "ShowsThings"
    assert [(b.id, b.line) for b in found.beats] == [("intro", 5), ("outro", 7)]
    check_beats(found, ("intro", "outro"), "n.md")


def test_beat_missing_from_narration(tmp_path):
    with pytest.raises(UserError, match=r"shows_things.py:7: beat 'outro' is not in n.md"):
        check_beats(source(tmp_path), ("intro",), "n.md")


def test_beat_never_used(tmp_path):
    with pytest.raises(UserError, match=r"n.md: beat 'extra' is never used by ShowsThings"):
        check_beats(source(tmp_path), ("intro", "outro", "extra"), "n.md")


def test_beats_out_of_order(tmp_path):
    with pytest.raises(
        UserError, match="beats run in the order intro, outro but n.md lists outro, intro"
    ):
        check_beats(source(tmp_path), ("outro", "intro"), "n.md")


def test_beat_used_twice(tmp_path):
    twice = SCENE.replace('"outro"', '"intro"')
    with pytest.raises(UserError, match="narrated twice"):
        check_beats(source(tmp_path, twice), ("intro",), "n.md")


def test_beat_id_must_be_a_literal(tmp_path):
    with pytest.raises(
        UserError, match=":5: self.beat\\(\\) takes the beat id as a string literal"
    ):
        source(tmp_path, SCENE.replace('self.beat("intro")', "self.beat(name)"))


def test_module_needs_exactly_one_narrated_scene(tmp_path):
    with pytest.raises(UserError, match="expected exactly one NarratedScene subclass, found 0"):
        source(tmp_path, "class X:\n    pass\n")

"""Caption cues and chapter markers, pure: line breaks, merging, timing rules, SRT/WebVTT text."""

from __future__ import annotations

import pytest
import srt

from mathreel.assemble.captions import (
    Cue,
    SceneSpan,
    build_cues,
    caption_problems,
    to_srt,
    to_webvtt,
)
from mathreel.assemble.chapter_markers import Marker, chapters_webvtt, description_block, markers
from mathreel.clock import clock
from mathreel.errors import UserError
from mathreel.narration.caption_text import break_lines, fits_cue
from mathreel.narration.synthesis import BeatPlan, NarrationPlan, PhrasePlan
from mathreel.narration.timeline import BeatRecord, Timeline


def test_short_text_is_one_line_and_long_text_breaks_at_a_clause():
    assert break_lines("The slope is two.") == ["The slope is two."]
    lines = break_lines(
        "At epoch ten the loss is falling steeply, but by epoch twenty it has slowed."
    )
    assert lines == [
        "At epoch ten the loss is falling steeply,",
        "but by epoch twenty it has slowed.",
    ]
    assert all(len(line) <= 42 for line in lines)


def test_break_never_strands_an_equals_sign():
    lines = break_lines("so the derivative at one is f′(1) = 2 which matches the table")
    assert lines is not None
    assert not lines[0].endswith("=") and not lines[1].startswith("=")


def test_text_that_cannot_fit_two_lines():
    assert break_lines("word " * 30) is None
    assert not fits_cue("x" * 43)


def span(phrases, offset=0.0, beat_start=0.0):
    beat = BeatPlan("b", 10.0, 9.0, {}, [PhrasePlan(t, t, o, d, None) for t, o, d in phrases])
    plan = NarrationPlan("s", "Scene", "s.md", "piper", True, [beat])
    return SceneSpan(
        offset, plan, Timeline("s", 15, 20.0, [BeatRecord("b", beat_start, 10.0, 10.0)])
    )


def test_cues_sit_at_the_phrase_audio_on_the_chapter_clock():
    cues = build_cues(
        [span([("First sentence here.", 0.0, 1.6), ("Second one follows.", 2.0, 1.5)], 30.0, 2.0)]
    )
    assert [round(c.start, 3) for c in cues] == [32.0, 34.0]
    assert cues[0].end <= cues[1].start
    assert caption_problems(cues) == []


def test_short_phrase_merges_with_its_neighbour():
    cues = build_cues([span([("Yes.", 0.0, 0.4), ("That is the answer.", 0.7, 1.5)])])
    assert len(cues) == 1 and cues[0].text == "Yes. That is the answer."
    assert caption_problems(cues) == []


def test_cue_is_held_to_one_second_and_readable_speed():
    cues = build_cues([span([("Exactly two.", 0.0, 0.6)])], total=10.0)
    assert cues[0].duration >= 1.0
    assert len(cues[0].text) / cues[0].duration <= 20


def test_problems_are_reported():
    bad = [Cue(0.0, 0.5, "Too quick.", 0.5), Cue(0.4, 9.0, "Overlapping and far too long.", 9.0)]
    problems = caption_problems(bad)
    assert any("lasts 0.50 s" in p for p in problems)
    assert any("overlaps" in p for p in problems)
    assert any("lasts 8.60 s" in p for p in problems)


def test_srt_and_webvtt_text():
    cues = [Cue(1.0, 2.5, "Hello there.", 2.0), Cue(3723.004, 3725.0, "f′(x) = 2x", 3725.0)]
    text = to_srt(cues)
    parsed = list(srt.parse(text))
    assert [c.content for c in parsed] == ["Hello there.", "f′(x) = 2x"]
    assert "01:02:03,004 --> 01:02:05,000" in text
    assert to_webvtt(cues).startswith("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nHello there.")


def test_markers_follow_the_rules_or_fail_loudly():
    found = markers([(0.0, "A"), (30.0, "B"), (75.5, "C")], 100.0)
    assert [(m.start, m.end) for m in found] == [(0.0, 30.0), (30.0, 75.5), (75.5, 100.0)]
    assert description_block(found) == "0:00 A\n0:30 B\n1:15 C\n"
    assert chapters_webvtt(found).count("-->") == 3
    with pytest.raises(UserError, match="2 markers, at least 3"):
        markers([(0.0, "A"), (30.0, "B")], 60.0)
    with pytest.raises(UserError, match="'B' lasts 5.0 s, under 10 s"):
        markers([(0.0, "A"), (20.0, "B"), (25.0, "C")], 60.0)
    assert Marker(0.0, 1.0, "x").title == "x"


def test_markers_that_break_the_rules_only_warn_in_a_creators_project():
    """Not strict (a creator's first chapter of one short scene): the markers are kept as they
    are and one warning says why a platform will not show them; strict: the same is an error."""
    warnings: list[str] = []
    found = markers([(0.0, "Only")], 6.0, strict=False, warn=warnings.append)
    assert [(m.start, m.end, m.title) for m in found] == [(0.0, 6.0, "Only")]
    assert len(warnings) == 1
    assert "1 markers, at least 3 needed" in warnings[0] and "'Only' lasts 6.0 s" in warnings[0]
    assert warnings[0].startswith("warning: ") and "--strict" in warnings[0]
    with pytest.raises(UserError, match=r"1 markers, at least 3 needed.*\(--strict\)"):
        markers([(0.0, "Only")], 6.0, strict=True, warn=warnings.append)
    assert len(warnings) == 1


def test_clock():
    assert clock(0) == "0:00" and clock(59.9) == "0:59" and clock(3725) == "1:02:05"


def test_short_phrases_never_merge_across_beats_or_scenes():
    first = span([("and no learning.", 0.0, 0.6)])
    second = span([("Take the parabola.", 0.0, 1.4)], offset=1.0)
    second.plan.scene = "other"
    cues = build_cues([first, second], total=5.0)
    assert [c.text for c in cues] == ["and no learning.", "Take the parabola."]

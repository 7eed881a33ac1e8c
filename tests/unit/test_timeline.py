"""Timing arithmetic without Manim: phrase layout, marks, pauses, frames and samples."""

from __future__ import annotations

import pytest

from mathreel.narration.script import parse_narration_text
from mathreel.narration.timeline import (
    AAC_FRAME,
    AUDIO_RATE,
    BEAT_TAIL,
    PARAGRAPH_GAP,
    PHRASE_GAP,
    BeatRecord,
    Timeline,
    aac_aligned_frames,
    frame_of,
    frames_for,
    layout_beat,
    sample_of,
)


def beat(text: str):
    return parse_narration_text(f"# T\n## b\n{text}\n").beat("b")


def test_phrases_follow_each_other_with_the_phrase_gap():
    timing = layout_beat(beat("One. Two."), [1.0, 2.0])
    assert [(p.offset, p.duration) for p in timing.phrases] == [(0.0, 1.0), (1.0 + PHRASE_GAP, 2.0)]
    assert timing.speech_end == pytest.approx(3.0 + PHRASE_GAP)
    assert timing.duration == pytest.approx(3.0 + PHRASE_GAP + BEAT_TAIL)


def test_new_paragraph_takes_the_paragraph_gap():
    timing = layout_beat(beat("One.\n\nTwo."), [1.0, 1.0])
    assert timing.phrases[1].offset == pytest.approx(1.0 + PARAGRAPH_GAP)


def test_mark_is_the_start_of_the_next_phrase():
    timing = layout_beat(beat("One. {mark:m} Two."), [1.5, 1.0])
    assert timing.marks == {"m": pytest.approx(1.5 + PHRASE_GAP)}


def test_mark_at_the_start_and_end():
    timing = layout_beat(beat("{mark:first} One. {mark:last}"), [1.25])
    assert timing.marks == {"first": 0.0, "last": 1.25}


def test_pause_replaces_the_gap_and_marks_after_it_wait_for_it():
    timing = layout_beat(beat("Question? {pause:2} {mark:answer} Answer."), [1.0, 1.0])
    assert timing.phrases[1].offset == pytest.approx(3.0)
    assert timing.marks["answer"] == pytest.approx(3.0)


def test_trailing_pause_lengthens_the_beat():
    timing = layout_beat(beat("Think. {pause:3}"), [1.0])
    assert timing.speech_end == 1.0
    assert timing.duration == pytest.approx(1.0 + 3.0 + BEAT_TAIL)


def test_durations_must_match_phrases():
    with pytest.raises(ValueError):
        layout_beat(beat("One. Two."), [1.0])
    with pytest.raises(ValueError):
        layout_beat(beat("One."), [0.0])


@pytest.mark.parametrize(
    ("seconds", "fps", "frames"),
    [
        (0.0, 15, 0),
        (-1.0, 15, 0),
        (1.0, 15, 15),
        (1.0001, 15, 16),
        (1 / 60, 60, 1),
        (0.9999999, 30, 30),
    ],
)
def test_frames_for_rounds_up_to_whole_frames(seconds, fps, frames):
    assert frames_for(seconds, fps) == frames


@pytest.mark.parametrize("fps, block", [(15, 8), (30, 16), (60, 32), (24, 64), (25, 8)])
def test_aac_aligned_frames_is_the_shortest_whole_number_of_aac_frames(fps, block):
    assert aac_aligned_frames(fps) == block
    samples = [n * AUDIO_RATE / fps for n in range(1, block + 1)]
    whole = [n for n, count in enumerate(samples, 1) if count % AAC_FRAME == 0]
    assert whole == [block]


def test_frame_and_sample_indices():
    assert frame_of(2.0, 60) == 120
    assert frame_of(0.49 / 60, 60) == 0
    assert sample_of(1.5, 48000) == 72000


def test_timeline_round_trips_through_json():
    timeline = Timeline(
        "s", 15, 4.0, [BeatRecord("a", 0.0, 2.0, 1.8, {"m": 1.0}), BeatRecord("b", 2.0, 4.0, 1.9)]
    )
    again = Timeline.from_json(timeline.to_json())
    assert again == timeline
    assert again.beat("b").start == 2.0
    with pytest.raises(KeyError):
        again.beat("zzz")

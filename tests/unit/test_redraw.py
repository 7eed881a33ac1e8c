"""mathreel.redraw: a redrawn mobject's parts follow its function alone, not how often it ran
(Manim's always_redraw pads them with copies that stay, so a drawn and a skipped play leave
different state behind and a reused beat's successor is drawn again for nothing)."""

from __future__ import annotations

from manim import DashedLine, ValueTracker, always_redraw

from mathreel import redraw


def dashed(length: float) -> DashedLine:
    return DashedLine([0, 0, 0], [length, 0, 0])


def play(make, frames: int) -> int:
    """A play over ``frames`` updates (a drawn play updates every frame, a skipped one once, at
    its end) in which the line grows from 3 to 6 and back to 3, like a guide that follows a
    slider over a bump; the parts the line ends with."""
    tracker = ValueTracker(0)
    line = make(lambda: dashed(3 + 12 * tracker.get_value() * (1 - tracker.get_value())))
    for k in range(1, frames + 1):
        tracker.set_value(k / frames)
        line.update()
    return len(line.submobjects)


def test_always_redraw_remembers_how_often_it_ran() -> None:
    """The trouble redraw avoids, shown on Manim's own helper (so this test can fail)."""
    assert play(always_redraw, 1) == len(dashed(3).submobjects)
    assert play(always_redraw, 30) == len(dashed(6).submobjects)


def test_redraw_has_the_parts_of_a_fresh_drawing_however_often_it_ran() -> None:
    assert play(redraw, 1) == play(redraw, 30) == len(dashed(3).submobjects)


def test_redraw_draws_what_always_redraw_draws() -> None:
    tracker = ValueTracker(2.5)
    mine = redraw(lambda: dashed(tracker.get_value()))
    theirs = always_redraw(lambda: dashed(tracker.get_value()))
    for value in (5.5, 4.25):
        tracker.set_value(value)
        mine.update()
        theirs.update()
    drawn = [
        sorted({tuple(p.round(9)) for m in line.family_members_with_points() for p in m.points})
        for line in (mine, theirs)
    ]
    assert drawn[0] == drawn[1] and drawn[0]

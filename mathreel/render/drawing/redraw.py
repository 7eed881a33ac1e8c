"""``redraw``: Manim's ``always_redraw`` without a memory of how often it ran.

``always_redraw(func)`` keeps one mobject and, every time updaters run, makes it ``become`` a
fresh ``func()``. ``become`` first aligns the two families: a mobject with fewer parts is padded
with copies, and the count never shrinks. So after a slide, a redrawn ``DashedLine`` holds as many
dashes as the longest line it ever was (overlapping duplicates: the picture is the same), and
that number depends on how many times it was redrawn: every frame of a drawn play, once for a
skipped one. The state a beat starts from then differs between a beat drawn after a drawn one and
after a reused (skipped) one, and the beat key, which digests that state, draws it again for
nothing. ``redraw`` empties the mobject's parts before each ``become``: its parts follow ``func()``
alone, however often it ran, and the picture is the one ``always_redraw`` draws.
"""

from __future__ import annotations

from collections.abc import Callable

from manim import Mobject


def redraw(func: Callable[[], Mobject]) -> Mobject:
    """A mobject rebuilt from ``func()`` whenever updaters run (use it as ``always_redraw``)."""
    mobject = func()

    def update(target: Mobject) -> None:
        target.submobjects = []
        target.become(func())

    mobject.add_updater(update)
    return mobject

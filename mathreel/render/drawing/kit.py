"""Pieces of picture any narrated scene needs, drawn in a :class:`Theme`: a formula, plain axes,
a number readout that is rebuilt only when its value changes, and the quiz countdown that lasts
exactly the narration's thinking pause.

A project passes its own theme (colours and type sizes) or takes the default, the dark house
style this course uses::

    from mathreel import Theme, formula, plain_axes

    THEME = Theme(text="#FFFFFF", body_size=44)
    label = formula(r"f'(1) = 2", theme=THEME)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    PI,
    RIGHT,
    TAU,
    Arc,
    Axes,
    Circle,
    FadeIn,
    Integer,
    MathTex,
    Tex,
    ValueTracker,
    VGroup,
    linear,
)

from mathreel.render.drawing.redraw import redraw


@dataclass(frozen=True)
class Theme:
    """Colours and type sizes the pieces are drawn in (Manim colours, Manim font sizes).

    The default is legible at 854x480: Manim's LaTeX renders 0.61 px of em per font-size point
    at 480p, so 36 (an em of 22 px) is the smallest size the picture checks accept."""

    text: str = "#F2F2F2"
    muted: str = "#A0A4AB"
    axes: str = "#8A8F98"
    highlight: str = "#F0E442"
    body_size: float = 40
    small_size: float = 36
    axes_stroke: float = 2


#: The house style, for scenes that pass no theme.
HOUSE = Theme()


def formula(latex: str, color: str | None = None, theme: Theme = HOUSE) -> MathTex:
    """``latex`` as a formula in the theme's body size (and its text colour unless ``color``)."""
    return MathTex(latex, font_size=theme.body_size, color=color or theme.text)


def plain_axes(
    x_range: list[float],
    y_range: list[float],
    size: tuple[float, float],
    center: np.ndarray | list[float] | None = None,
    theme: Theme = HOUSE,
    **config,
) -> Axes:
    """Plain axes in the theme (no tips), ``size`` scene units wide and tall, centred on
    ``center`` if given; ``config`` goes to Manim's ``Axes`` (``axis_config`` entries are added to
    the theme's, say a ``font_size`` for numbers; ``x_axis_config`` says which numbers)."""
    axis_config = {"color": theme.axes, "stroke_width": theme.axes_stroke}
    axis_config.update(config.pop("axis_config", {}))
    made = Axes(
        x_range=x_range,
        y_range=y_range,
        x_length=size[0],
        y_length=size[1],
        tips=False,
        axis_config=axis_config,
        **config,
    )
    return made if center is None else made.move_to(center)


def show_value(number, value: float):
    """Set a DecimalNumber/Integer to ``value`` unless it holds that very value already: an updater
    calling ``set_value`` every frame rebuilds the digits every frame (most of a readout beat's
    drawing time while the value stands still), for the same picture."""
    if number.get_value() != value:
        number.set_value(value)
    return number


#: The countdown ring's radius, scene units.
RING_RADIUS = 0.5


def play_countdown(
    scene, beat, seconds: float, end_mark: str, centre: np.ndarray, theme: Theme = HOUSE
) -> VGroup:
    """Show a 'pause and think' cue and a ring with whole seconds left while the beat's speech
    ends, then empty the ring over the thinking pause, landing on mark ``end_mark``.

    ``seconds`` is the pause's length from the beat's plan, so the digits count down the real
    silence (5, 4, 3, 2, 1 for a five-second pause). Returns the parts, for the scene to remove.
    """
    cue = Tex(r"Pause the video and think", font_size=theme.small_size, color=theme.muted)
    cue.next_to(centre, DOWN, buff=RING_RADIUS + 0.2).align_to(centre + RIGHT * 1.0, RIGHT)
    progress = ValueTracker(0.0)
    track = Circle(radius=RING_RADIUS, color=theme.muted, stroke_width=3, stroke_opacity=0.4)
    track.move_to(centre)
    ring = redraw(
        lambda: Arc(
            radius=RING_RADIUS,
            start_angle=PI / 2,
            angle=max(1e-3, TAU * (1 - progress.get_value())),
            arc_center=centre,
            color=theme.highlight,
            stroke_width=6,
        )
    )

    def seconds_left() -> int:
        return max(1, math.ceil(seconds * (1 - progress.get_value()) - 1e-9))

    digit = Integer(seconds_left(), font_size=theme.body_size, color=theme.highlight)
    digit.move_to(centre)
    digit.add_updater(lambda m: show_value(m, seconds_left()).move_to(centre))
    scene.play(FadeIn(cue), FadeIn(track), FadeIn(ring), FadeIn(digit), run_time=beat.until())
    scene.play(progress.animate.set_value(1.0), run_time=beat.until(end_mark), rate_func=linear)
    digit.clear_updaters()
    ring.clear_updaters()
    return VGroup(cue, track, ring, digit)

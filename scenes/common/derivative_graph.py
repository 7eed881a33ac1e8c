"""f drawn over f′: the slope of a tangent sliding along f, traced as a height on a second axis below."""

from __future__ import annotations

from collections.abc import Callable

from manim import (
    LEFT,
    UL,
    Axes,
    DashedLine,
    Dot,
    Line,
    MathTex,
    Mobject,
    Tex,
    ValueTracker,
    VGroup,
    VMobject,
)

from mathreel import formula as house_formula
from mathreel import plain_axes, redraw
from scenes.common.drawing import tangent_segment
from scenes.common.style import (
    FUNCTION_COLOR,
    MUTED_COLOR,
    POINT_COLOR,
    SMALL_SIZE,
    TANGENT_COLOR,
    TEXT_COLOR,
    THEME,
)

#: Sampling step of every plotted curve, in x units. Axes.plot would otherwise sample at the axes'
#: tick step and draw a smoothed polygon instead of the function.
PLOT_STEP = 0.01

#: The picture's layout: graphs in a 6-unit column on the left, formulas in a panel on the right.
GRAPH_X = -3.0
GRAPH_WIDTH = 6.0
PANEL_LEFT = 0.9
PANEL_TOP = 2.9
ROW = 0.85
#: The stacked pair: each graph this tall, centred this far above and below the middle.
STACK_HEIGHT = 3.1
STACK_OFFSET = 1.8


def at_row(mobject: Mobject, row: float) -> Mobject:
    """Place a panel entry at row ``row`` (0 at the top), left-aligned."""
    return mobject.move_to([PANEL_LEFT, PANEL_TOP - row * ROW, 0], aligned_edge=LEFT)


def formula(latex: str, row: float, color: str = TEXT_COLOR) -> MathTex:
    """A formula in the panel on row ``row``."""
    return at_row(house_formula(latex, color, THEME), row)


def note(text: str, row: float, color: str = MUTED_COLOR) -> Tex:
    """A remark in words in the panel (LaTeX, like the formulas beside it): its first line sits
    on row ``row``, further lines (``\\``) below it."""
    remark = Tex(text, font_size=SMALL_SIZE, color=color, tex_environment="flushleft")
    first_line_top = PANEL_TOP - row * ROW + 0.18
    return remark.move_to([PANEL_LEFT, first_line_top, 0], aligned_edge=UL)


def plot(axes: Axes, func: Callable[[float], float], lo: float, hi: float, **style) -> VMobject:
    """``func`` over ``[lo, hi]``, sampled finely (see :data:`PLOT_STEP`)."""
    step = min(PLOT_STEP, (hi - lo) / 4)
    return axes.plot(func, x_range=[lo, hi, step], **style)


def stacked_axes(
    x_range: list[float], top_y_range: list[float], bottom_y_range: list[float]
) -> tuple[Axes, Axes]:
    """The upper axes for f and the lower for f′, on one x-scale, in the graph column."""
    return tuple(
        plain_axes(x_range, y_range, (GRAPH_WIDTH, STACK_HEIGHT), [GRAPH_X, y, 0], THEME)
        for y_range, y in ((top_y_range, STACK_OFFSET), (bottom_y_range, -STACK_OFFSET))
    )


class DerivativeGraph:
    """A function on ``top`` and its derivative on ``bottom``: two axes with the same x-scale, stacked.

    One ``ValueTracker`` (:attr:`x`) drives the point and tangent on f, the slope drawn as a height
    on the lower axes, and the trace of f′ up to x, all redrawn every frame (never a TracedPath,
    which a skip-mode key frame would show as a straight chord).
    """

    def __init__(
        self,
        top: Axes,
        bottom: Axes,
        func: Callable[[float], float],
        slope: Callable[[float], float],
        start: float,
        tangent_length: float = 2.0,
    ) -> None:
        self.top, self.bottom = top, bottom
        self.func, self.slope = func, slope
        self.tangent_length = tangent_length
        self.x = ValueTracker(start)
        #: Where the trace of f′ begins: it covers the x-values between here and the tracker.
        self.trace_start = ValueTracker(start)

    # -- still pictures ---------------------------------------------------------------------
    def curve(self, lo: float, hi: float, color: str = FUNCTION_COLOR) -> VMobject:
        """f on the upper axes."""
        return plot(self.top, self.func, lo, hi, color=color, stroke_width=5)

    def derivative_curve(self, lo: float, hi: float) -> VMobject:
        """f′ on the lower axes: the trace, complete."""
        return plot(self.bottom, self.slope, lo, hi, color=TANGENT_COLOR, stroke_width=5)

    def link_at(self, at: float) -> DashedLine:
        """A vertical guide from the point of f above ``at`` down to f′ there."""
        return DashedLine(
            self.top.c2p(at, self.func(at)),
            self.bottom.c2p(at, self.slope(at)),
            color=MUTED_COLOR,
            stroke_width=2,
        )

    # -- moving parts, driven by the tracker -------------------------------------------------
    def _here(self) -> float:
        return self.x.get_value()

    def tangent(self) -> Mobject:
        return redraw(
            lambda: tangent_segment(
                self.top, self.func, self.slope(self._here()), self._here(), self.tangent_length
            )
        )

    def point(self) -> Mobject:
        return redraw(
            lambda: Dot(self.top.c2p(self._here(), self.func(self._here())), color=POINT_COLOR)
        )

    def height(self) -> Mobject:
        """The slope at x, drawn as a vertical bar from the lower x-axis, with a dot on its end."""

        def draw() -> VGroup:
            here = self._here()
            foot, head = self.bottom.c2p(here, 0), self.bottom.c2p(here, self.slope(here))
            bar = Line(foot, head, color=TANGENT_COLOR, stroke_width=6)
            return VGroup(bar, Dot(head, color=TANGENT_COLOR))

        return redraw(draw)

    def link(self) -> Mobject:
        return redraw(lambda: self.link_at(self._here()))

    def trace(self) -> Mobject:
        """f′ between :attr:`trace_start` and the tracker, redrawn as the tracker moves."""

        def draw() -> VMobject:
            lo, hi = sorted((self.trace_start.get_value(), self._here()))
            if hi - lo < 1e-3:
                return VMobject()
            return self.derivative_curve(lo, hi)

        return redraw(draw)

    def slider(self) -> VGroup:
        """Everything that moves with x: tangent and point on f, the guide, the slope's height."""
        return VGroup(self.link(), self.tangent(), self.point(), self.height())

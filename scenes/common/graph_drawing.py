"""The computational graph as Chapter 3 draws it: boxed nodes that fill in their forward values,
arrows from each input to the node that uses it, and the backward pass in the gradient colour:
an arrow back along each edge, its local derivative, and each node's gradient under its box."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    Arrow,
    MathTex,
    RoundedRectangle,
    VGroup,
)

from scenes.common.style import AXES_COLOR, GRADIENT_COLOR, LABEL_SIZE, MUTED_COLOR, TEXT_COLOR

BOX_PAD = 0.22
BOX_HEIGHT = 0.75


class NodePicture(VGroup):
    """A node: its name, then ``name = value`` once the forward pass reaches it, in a box sized for
    the filled-in text from the start, so nothing moves when it fills in (``value=None``: a node
    shown by its name alone)."""

    def __init__(
        self, name: str, value: str | None, at, color: str = TEXT_COLOR, data: bool = False
    ):
        super().__init__()
        shown = name if value is None else rf"{name} = {value}"
        self.filled = MathTex(shown, font_size=LABEL_SIZE, color=color)
        self.empty = MathTex(name, font_size=LABEL_SIZE, color=color)
        self.box = RoundedRectangle(
            corner_radius=0.15,
            width=self.filled.width + 2 * BOX_PAD,
            height=BOX_HEIGHT,
            color=MUTED_COLOR if data else AXES_COLOR,
            stroke_width=2 if data else 3,
        )
        if data:
            self.box.set_stroke(opacity=0.7)
        self.add(self.box, self.empty)
        self.move_to(at)
        self.filled.move_to(self.box)
        self.empty.move_to(self.box)

    def gradient(self, text: str, side=DOWN) -> MathTex:
        """The node's gradient, ``text`` (LaTeX), set beside its box in the gradient colour."""
        return MathTex(text, font_size=LABEL_SIZE, color=GRADIENT_COLOR).next_to(
            self.box, side, buff=0.15
        )


def edge(start: NodePicture, end: NodePicture) -> Arrow:
    """The forward edge: from the input ``start`` to the node ``end`` that uses it."""
    return Arrow(
        start.box.get_right(),
        end.box.get_left(),
        buff=0.08,
        color=AXES_COLOR,
        stroke_width=3,
        tip_length=0.2,
        max_tip_length_to_length_ratio=0.12,
    )


def backward_arrow(forward: Arrow, offset: float = 0.22) -> Arrow:
    """The backward pass along ``forward``, from its end back to its start, set off to one side."""
    start, end = forward.get_start(), forward.get_end()
    direction = (end - start) / np.linalg.norm(end - start)
    normal = np.array([direction[1], -direction[0], 0.0])  # to the right of the forward direction
    return Arrow(
        end + normal * offset,
        start + normal * offset,
        buff=0.05,
        color=GRADIENT_COLOR,
        stroke_width=5,
        tip_length=0.24,
        max_tip_length_to_length_ratio=0.15,
    )


def edge_label(
    forward: Arrow,
    text: str,
    left: bool = True,
    clearance: float = 0.12,
    color: str = GRADIENT_COLOR,
) -> MathTex:
    """A label on an edge (a local derivative, ``×6``) beside its middle, ``clearance`` clear of the
    line: on the left of its direction (above a rightward edge) or on its right."""
    label = MathTex(text, font_size=LABEL_SIZE, color=color)
    start, end = forward.get_start(), forward.get_end()
    direction = (end - start) / np.linalg.norm(end - start)
    normal = np.array([-direction[1], direction[0], 0.0]) * (1 if left else -1)
    # Far enough along the normal that the label's box clears the line.
    reach = clearance + abs(normal[0]) * label.width / 2 + abs(normal[1]) * label.height / 2
    return label.move_to(forward.get_center() + normal * reach)

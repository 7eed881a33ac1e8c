"""Blocks of text lines set in LaTeX: a left-aligned list, one line per entry."""

from __future__ import annotations

from collections.abc import Sequence

from manim import DOWN, LEFT, Tex, VGroup

from scenes.common.style import LABEL_SIZE, TEXT_COLOR


def text_lines(
    lines: Sequence[str],
    font_size: float = LABEL_SIZE,
    color: str = TEXT_COLOR,
    buff: float = 0.3,
) -> VGroup:
    """One ``Tex`` per entry of ``lines``, stacked top to bottom with their left edges aligned."""
    block = VGroup(*(Tex(line, font_size=font_size, color=color) for line in lines))
    return block.arrange(DOWN, aligned_edge=LEFT, buff=buff)


def numbered_lines(lines: Sequence[str], labels: Sequence[str], **kwargs) -> VGroup:
    """``text_lines`` with a bold label before each line ("A.", "1.", ...)."""
    labelled = [rf"\textbf{{{label}}}\ \ {line}" for label, line in zip(labels, lines, strict=True)]
    return text_lines(labelled, **kwargs)

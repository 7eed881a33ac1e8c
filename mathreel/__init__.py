"""mathreel: narrated math videos from Manim scenes and narration scripts.

A scene author needs only these names, imported from here::

    from mathreel import NarratedScene            # the scene: self.beat(...), beat.until(...)
    from mathreel import Choice, Question, LETTERS  # quiz questions (scenes/<stem>_quiz.py)
    from mathreel import decimal, exact_decimal     # numbers as shown and said (mathreel.numbers)
    from mathreel import redraw                     # always_redraw whose state is frame-count free
    from mathreel import Theme, formula, plain_axes # pieces of picture in a theme (render/drawing/kit.py)
    from mathreel import show_value, play_countdown # a readout, and the quiz's thinking countdown

They are loaded when first asked for, so ``import mathreel`` (the command line's ``--help``)
does not load Manim.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Each public name and the module that defines it.
_PUBLIC = {
    "NarratedScene": "mathreel.render.drawing.scene",
    "BeatTracker": "mathreel.render.drawing.scene",
    "redraw": "mathreel.render.drawing.redraw",
    "Choice": "mathreel.quiz",
    "Question": "mathreel.quiz",
    "LETTERS": "mathreel.quiz",
    "decimal": "mathreel.numbers",
    "exact_decimal": "mathreel.numbers",
    "Theme": "mathreel.render.drawing.kit",
    "formula": "mathreel.render.drawing.kit",
    "plain_axes": "mathreel.render.drawing.kit",
    "show_value": "mathreel.render.drawing.kit",
    "play_countdown": "mathreel.render.drawing.kit",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'mathreel' has no attribute {name!r}")

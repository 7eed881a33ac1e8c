"""mathreel: narrated math videos from Manim scenes and narration scripts."""

__version__ = "0.1.0"

"""This course's own helpers, shared by its lessons: the house style (palette, type sizes, pace),
exact calculus and the reverse pass its figures compute with, and the pictures several scenes draw
(graphs with their derivative, zoom windows, contour maps and surfaces, computational graphs, quiz
cards). Helpers any narrated scene needs live in the library (``mathreel``, e.g. its numbers)."""

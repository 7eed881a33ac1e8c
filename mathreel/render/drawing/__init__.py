"""What runs inside Manim, in a render worker's process: the narrated scene and its recorder's
parts (carried state, picture checks, beat segments), the worker and the loader that starts it."""

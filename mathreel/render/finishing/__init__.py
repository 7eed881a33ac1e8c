"""Finishing a scene on the machine that runs the command: its narration placed on the rendered
timeline and muxed with the silent video."""

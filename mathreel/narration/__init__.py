"""Stage 1, narration: the Markdown script parsed, phrases synthesized by a voice (and cached),
beats laid out in time, and the narration track built and measured."""

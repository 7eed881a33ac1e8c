"""Stage 3, assemble: scenes joined into the chapter with captions, chapter markers, the learner's
page, the course page, and the export for video editors."""

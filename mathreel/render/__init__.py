"""Stage 2, render: each scene drawn by Manim in a worker process (here or on a Dask worker), beat
by beat into kept segments, then finished with its narration; input keys decide what is reused.

- ``drawing/``: what runs inside Manim, in the worker's process (the narrated scene, carried state,
  picture checks, beat segments, the worker and the hashing loader that starts it);
- ``runs/``: what orchestrates renders (jobs and their keys, launching workers locally or on Dask,
  progress, previews, scenes kept for an undo);
- ``finishing/``: the scene's narration placed on its rendered timeline and muxed with the video;
- ``video.py``: joining and counting video frames, shared by all three.
"""

"""Stage 2, render: each scene drawn by Manim in a worker process (here or on a Dask worker), beat
by beat into kept segments, then finished with its narration; input keys decide what is reused."""

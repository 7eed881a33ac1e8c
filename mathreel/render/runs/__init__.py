"""What orchestrates renders: jobs planned and keyed, workers launched locally or on a Dask
cluster, progress, previews and the scenes kept for an undo."""

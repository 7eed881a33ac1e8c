#!/usr/bin/env python3
"""render.py: this repository's entry to the ``mathreel`` command (the same click group), for a
checkout used without installing it."""

from mathreel.cli import cli, project_manifest

__all__ = ["cli", "project_manifest"]

if __name__ == "__main__":
    cli()

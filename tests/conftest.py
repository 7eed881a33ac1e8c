"""Shared fixtures: a private output folder per test run so tests never touch output/."""

from __future__ import annotations

import pytest


@pytest.fixture
def private_output(tmp_path, monkeypatch):
    """Point MATHREEL_OUTPUT at a temporary folder (the phrase-audio cache stays shared)."""
    out = tmp_path / "output"
    monkeypatch.setenv("MATHREEL_OUTPUT", str(out))
    return out

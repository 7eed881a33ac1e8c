"""Shared fixtures: private output folders, and one low-quality render of Chapter 1 per test session."""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

# A test run started in the background by a non-interactive shell inherits SIGINT ignored, and
# every process it starts would too (Python then never raises KeyboardInterrupt): the Ctrl-C
# tests, which send SIGINT as a terminal does, would see it ignored. Children of this process get
# the default disposition back when it holds a handler instead (found running .ci/run with &).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# The suite's renders keep each phrase's committed take unheard: listening to a whole chapter is
# minutes of transcription. tests/listen/ hears a few seconds of audio on purpose.
os.environ.setdefault("MATHREEL_LISTEN", "off")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Approve the smoke run's key frames as the new goldens in tests/golden/ "
        "(after a human has looked at them), instead of comparing against them.",
    )


@pytest.fixture
def private_output(tmp_path, monkeypatch):
    """Point MATHREEL_OUTPUT at a temporary folder (the phrase-audio cache stays shared)."""
    out = tmp_path / "output"
    monkeypatch.setenv("MATHREEL_OUTPUT", str(out))
    return out


@dataclass(frozen=True)
class ChapterRender:
    """Where the session's Chapter 1 render (480p15, piper) landed, and what the command printed."""

    root: Path
    output: str

    def scenes(self) -> Path:
        return self.root / "480p15" / "scenes"

    def chapter(self) -> Path:
        return self.root / "480p15" / "chapter-01"


def render_chapter_into(root: Path, *extra: str, exit_code: int = 0) -> str:
    import render

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MATHREEL_OUTPUT", str(root))
        result = CliRunner().invoke(
            render.cli,
            ["chapter", "1", "-q", "l", "-v", "piper", "-j", "2", *extra],
            catch_exceptions=False,
        )
    assert result.exit_code == exit_code, result.output
    return result.output


@pytest.fixture(scope="session")
def chapter_render(tmp_path_factory) -> ChapterRender:
    """Chapter 1 rendered once at 480p15 with the piper voice into a private output folder."""
    root = tmp_path_factory.mktemp("chapter-output")
    return ChapterRender(root, render_chapter_into(root))

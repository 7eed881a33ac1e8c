"""ruff (lint and format, configured in pyproject.toml) runs with the tests: a lint error or an
unformatted file fails the suite, not only a reviewer's eye."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.course import ROOT


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_is_clean(command):
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "."], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr

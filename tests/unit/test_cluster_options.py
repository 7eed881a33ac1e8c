"""--cluster values and the environment fingerprint's comparison (pure: no cluster started)."""

from __future__ import annotations

import pytest

from mathreel.errors import UserError
from mathreel.render.runs.executors import parse_cluster
from mathreel.render.runs.fingerprint import code_files, differences


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        (None, None),
        ("", None),
        ("tcp://render-box:8786", "tcp://render-box:8786"),
        ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("local:2", 2),
    ],
)
def test_valid_cluster_values(value, parsed):
    assert parse_cluster(value) == parsed


@pytest.mark.parametrize(
    "value", ["local:0", "local:x", "render-box:8786", "tcp://box", "udp://a:1"]
)
def test_bad_cluster_value_names_the_valid_forms(value):
    with pytest.raises(UserError, match=r"use tcp://HOST:PORT .* or local:N"):
        parse_cluster(value)


def test_differences_name_what_differs():
    here = {"code": {"scenes/a.py": "1", "mathreel/b.py": "2"}, "manim": "0.22.0", "fonts": "x"}
    there = {"code": {"scenes/a.py": "9", "mathreel/b.py": "2"}, "manim": "0.19.0", "fonts": "y"}
    assert differences(here, here) == []
    assert differences(here, there) == [
        "project code differs in scenes/a.py",
        "manim '0.19.0' there, '0.22.0' here",
        "installed fonts differ (fc-list)",
    ]


def test_code_digest_covers_scenes_and_the_library_by_relative_path():
    files = code_files()
    assert "manim.cfg" in files and "mathreel/render/runs/cluster.py" in files
    assert any(name.startswith("scenes/") for name in files)
    assert not any(name.startswith("/") or "__pycache__" in name for name in files)


def test_worker_set_up_hint_names_a_run_sh_command_that_exists():
    """The hint once said `./run.sh set-up`, which run.sh does not have."""
    import re

    from tests.course import ROOT

    pytest.importorskip("distributed")
    from mathreel.render.runs.cluster import SAME_SET_UP

    commands = re.findall(r"`\./run\.sh (\w[\w-]*)", SAME_SET_UP)
    arms = re.findall(r"^  (\w[\w-]*)\)$", (ROOT / "run.sh").read_text(), re.M)
    assert commands and arms and set(commands) <= set(arms), (commands, arms)


@pytest.mark.parametrize("value", ["0", "-3", "soon", "inf"])
def test_bad_cluster_timeout_names_the_variable(monkeypatch, value):
    pytest.importorskip("distributed")
    from mathreel.render.runs.cluster import connect_seconds

    monkeypatch.setenv("MATHREEL_CLUSTER_TIMEOUT", value)
    with pytest.raises(UserError, match=rf"MATHREEL_CLUSTER_TIMEOUT='{value}': use a number"):
        connect_seconds()

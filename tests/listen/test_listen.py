"""The listen pass: verdicts cached by the WAV's digest (and model, decoding, normaliser, words
meant), a report per scene, one-line errors, and --strict failing on a misheard meaning word."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

import render
from mathreel.commands import listen
from mathreel.narration.listen import Listener, MeaningMisheard
from mathreel.narration.recogniser import Heard
from mathreel.narration.voices.base import Speech, write_wav_atomic


class StandIn:
    """A recogniser that hears whatever it is told to, and counts its calls."""

    def __init__(self, heard: str) -> None:
        self.heard = heard
        self.calls = 0

    def identity(self) -> dict[str, object]:
        return {"model_sha256": "stand-in", "decoding": {}}

    def transcribe(self, samples, rate, words=False) -> Heard:
        self.calls += 1
        return Heard(self.heard, ())


def tone(path, seconds=0.5, hz=220):
    rate = 16000
    t = np.arange(int(seconds * rate)) / rate
    write_wav_atomic(path, Speech((0.3 * np.sin(2 * np.pi * hz * t)).astype(np.float32), rate))
    return path


def test_a_transcript_is_cached_by_the_audio_and_judged_against_any_words(tmp_path):
    wav = tone(tmp_path / "a.wav")
    standin = StandIn("Yet zero is neither a minimum or a maximum.")
    listener = Listener(standin, tmp_path / "verdicts")
    said = "yet 0 is neither a minimum nor a maximum."
    first = listener.hear(wav, said)
    assert first.meaning == ["nor→or"] and not first.ok and first.words == 9
    assert listener.hear(wav, said) == first and standin.calls == 1
    assert listener.hear(wav, "yet 0 is neither a minimum or a maximum.").ok  # other words meant
    assert standin.calls == 1
    tone(wav, hz=330)  # new audio: heard again
    listener.hear(wav, said)
    assert standin.calls == 2
    for entry in (tmp_path / "verdicts").glob("*/*.json"):
        entry.write_text("{not json")  # a damaged transcript is heard again, not trusted
    listener.hear(wav, said)
    assert standin.calls == 3


def test_another_model_hears_again_and_another_normaliser_does_not(tmp_path, monkeypatch):
    wav = tone(tmp_path / "a.wav")
    standin = StandIn("x equals 1")
    Listener(standin, tmp_path / "v").hear(wav, "x equals 1")
    monkeypatch.setattr("mathreel.narration.listen.NORMALISER_VERSION", 999)
    again = Listener(standin, tmp_path / "v")
    assert again.hear(wav, "x equals 2").meaning == ["two→one"] and standin.calls == 1
    assert again.identity["normaliser"] == 999
    monkeypatch.setattr(standin, "identity", lambda: {"model_sha256": "other", "decoding": {}})
    Listener(standin, tmp_path / "v").hear(wav, "x equals 1")
    assert standin.calls == 2


def test_strict_fails_on_a_misheard_meaning_word_and_writes_the_report(tmp_path, monkeypatch):
    monkeypatch.setenv("MATHREEL_OUTPUT", str(tmp_path / "out"))
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path / "cache"))  # no verdicts from earlier runs
    lines: list[str] = []
    wrong = StandIn("It is not a number.")
    with pytest.raises(MeaningMisheard) as failure:
        listen(
            render.project_manifest(), "critical_points", "l", "espeak", True, lines.append, wrong
        )
    assert failure.value.exit_code == 1
    report = json.loads((tmp_path / "out/480p15/scenes/critical_points.listen.json").read_text())
    scene = report["scenes"][0]
    assert scene["scene"] == "critical_points" and scene["meaning_misheard"] > 0
    assert scene["wer"] > 0.5 and len(scene["phrases"]) == wrong.calls
    assert any(line.startswith("critical_points") for line in lines)
    assert any("critical_points/horizontal_tangent:" in line for line in lines)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["listen", "no_such_scene"], "no_such_scene"),
        (["listen", "9"], "9"),
        (["listen", "critical_points", "-v", "silent"], "makes no sound"),
        (["listen", "critical_points", "-q", "zz"], "zz"),
    ],
)
def test_bad_input_is_one_line(args, fragment, tmp_path, monkeypatch):
    monkeypatch.setenv("MATHREEL_OUTPUT", str(tmp_path))
    result = CliRunner().invoke(render.cli, args, catch_exceptions=False)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1 and fragment in lines[0], result.output

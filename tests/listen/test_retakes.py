"""Re-takes with stand-ins for the voice and the recogniser: a phrase misheard on take 1 is
kept as take 2, committed beside the narration and reused unheard; a phrase no take fixes is
named with what was heard, not silently shipped."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mathreel.errors import NarrationError
from mathreel.narration.audio_cache import AudioCache
from mathreel.narration.listen import Listener
from mathreel.narration.recogniser import Heard
from mathreel.narration.script import parse_narration_text
from mathreel.narration.synthesis import plan_narration
from mathreel.narration.takes import Retaking, TakeChoices, takes_path
from mathreel.narration.voices.base import Speech, Voice, read_wav

RIGHT = "yet 0 is neither a minimum nor a maximum."
NARRATION = f"# Test\n\n## only\nThe slope is zero. {RIGHT.capitalize()}\n"


class TakeVoice(Voice):
    """Take n of a text is a tone at amplitude 0.1 n whose length names the text, so a stand-in
    recogniser can tell texts and takes apart."""

    name = "takes"
    retakes = True

    def __init__(self) -> None:
        self.made: list[tuple[str, int]] = []

    def identity(self) -> dict[str, object]:
        return {"backend": "stand-in"}

    def synthesize(self, text: str) -> Speech:
        return self.synthesize_take(text, 1)

    def synthesize_take(self, text: str, take: int) -> Speech:
        self.made.append((text, take))
        t = np.arange(8000 + 100 * len(text)) / 16000
        return Speech((0.1 * take * np.sin(2 * np.pi * 220 * t)).astype(np.float32), 16000)


class Ear:
    """Hears each text as said, except the nor/or sentence, heard as "or" on takes before
    ``right_from``."""

    def __init__(self, right_from: int = 2) -> None:
        self.right_from = right_from
        self.calls = 0

    def identity(self) -> dict[str, object]:
        return {"model_sha256": "stand-in", "decoding": {}}

    def transcribe(self, samples, rate, words=False) -> Heard:
        self.calls += 1
        take = round(float(np.max(np.abs(samples))) / 0.1)
        said = {8000 + 100 * len(t): t for t in ("The slope is zero.", RIGHT, "It is flat.")}[
            len(samples)
        ]
        if said == RIGHT and take < self.right_from:
            said = RIGHT.replace("nor", "or")
        return Heard(said, ())


@pytest.fixture
def scene(tmp_path):
    path = tmp_path / "narration" / "scene.md"
    path.parent.mkdir()
    path.write_text(NARRATION.replace(RIGHT.capitalize(), RIGHT), encoding="utf-8")
    return path


def plan(scene, tmp_path, voice, ear=None):
    script = parse_narration_text(scene.read_text(), scene)
    cache = AudioCache(tmp_path / "audio")
    retaking = Retaking(Listener(ear, tmp_path / "verdicts")) if ear else None
    result = plan_narration(script, "scene", voice, cache, None, retaking)
    audio = {p.spoken: read_wav(cache.root / p.audio) for p in result.beats[0].phrases}
    return result, retaking, audio


def test_the_second_take_is_kept_committed_and_reused(scene, tmp_path):
    voice, ear = TakeVoice(), Ear()
    result, retaking, audio = plan(scene, tmp_path, voice, ear)
    assert retaking.retaken == [("scene", RIGHT, 2, "nor→or", True)] and retaking.unfixed == []
    assert float(np.max(np.abs(audio[RIGHT].samples))) == pytest.approx(0.2, abs=0.01)
    assert json.loads(takes_path(scene).read_text()) == {"version": 1, "takes": {RIGHT: 2}}
    assert ("The slope is zero.", 2) not in voice.made  # heard right at once: no second take
    # Again, listening: the committed take 2 is heard right from the cache; nothing new is made.
    again, ear2 = TakeVoice(), Ear()
    _, retaking2, audio2 = plan(scene, tmp_path, again, ear2)
    assert (
        again.made == []
        and ear2.calls == 0
        and retaking2.retaken == [("scene", RIGHT, 2, "nor→or", False)]
    )
    # Without the listener (no extra installed) the same take 2 is used.
    _, _, unheard = plan(scene, tmp_path, TakeVoice())
    assert np.array_equal(unheard[RIGHT].samples, audio[RIGHT].samples)


def test_a_phrase_no_take_fixes_is_named_with_what_was_heard(scene, tmp_path):
    voice, ear = TakeVoice(), Ear(right_from=99)
    _, retaking, audio = plan(scene, tmp_path, voice, ear)
    assert [take for text, take in voice.made if text == RIGHT] == [1, 2, 3, 4]
    [unfixed] = retaking.unfixed
    assert unfixed.meaning == ["nor→or"] and unfixed.beat == "only"
    assert "heard 'yet 0 is neither a minimum or a maximum.'" in str(unfixed)
    assert any("not fixed" in line and "nor→or" in line for line in retaking.summary())
    assert float(np.max(np.abs(audio[RIGHT].samples))) == pytest.approx(0.1, abs=0.01)  # take 1
    assert not takes_path(scene).exists()


def test_a_reworded_phrase_drops_its_stale_take(scene, tmp_path):
    plan(scene, tmp_path, TakeVoice(), Ear())
    scene.write_text(NARRATION.replace(RIGHT.capitalize(), "It is flat."), encoding="utf-8")
    plan(scene, tmp_path, TakeVoice(), Ear())
    assert not takes_path(scene).exists()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{", ":1: not valid JSON"),
        ('{"version": 1, "takes": {"A.": 0}}', "use a whole number from 1"),
        ('{"version": 2, "takes": {}}', "expected version 1"),
        ('{"version": 1}', "malformed takes file"),
    ],
)
def test_a_malformed_takes_file_is_one_line(scene, text, fragment):
    takes_path(scene).write_text(text)
    with pytest.raises(NarrationError, match=fragment) as err:
        TakeChoices.load(scene)
    assert "scene.takes.json" in str(err.value) and "\n" not in str(err.value)


def test_listening_is_skipped_in_one_line_without_the_extra(monkeypatch):
    from mathreel.narration import recogniser
    from mathreel.narration.takes import listening_for
    from mathreel.narration.voices.espeak import EspeakVoice
    from mathreel.narration.voices.piper import PiperVoice

    def missing():
        raise recogniser.ListenUnavailable("listening needs faster-whisper (the 'listen' extra)")

    lines: list[str] = []
    monkeypatch.setenv("MATHREEL_LISTEN", "on")
    monkeypatch.setattr(recogniser.Recogniser, "check_available", staticmethod(missing))
    assert listening_for(PiperVoice(), lines.append) is None
    assert len(lines) == 1 and lines[0].startswith("listening skipped (listening needs faster")
    assert listening_for(EspeakVoice(), lines.append) is None and len(lines) == 1  # no takes
    monkeypatch.setenv("MATHREEL_LISTEN", "off")
    assert listening_for(PiperVoice(), lines.append) is None
    assert (
        lines[1]
        == "listening off (MATHREEL_LISTEN=off): phrases keep their committed takes, unheard"
    )

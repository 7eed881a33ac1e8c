"""The real thing on a few seconds of audio: a seeded piper take is the same in two processes,
Whisper base hears it right, and a phrase checked against other words is flagged, its meaning
word named."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from mathreel.narration.audio_cache import AudioCache
from mathreel.narration.listen import Listener
from mathreel.narration.recogniser import Recogniser
from mathreel.narration.voices.piper import PiperVoice
from tests.course import ROOT

PHRASE = "The slope at 2 is 3."
DIGEST = (
    "from mathreel.narration.voices.piper import PiperVoice; import hashlib, sys; "
    "s = PiperVoice().synthesize_take(sys.argv[1], int(sys.argv[2])); "
    "print(hashlib.sha256(s.samples.tobytes()).hexdigest())"
)


def take_digest(take: int) -> str:
    return hashlib.sha256(PiperVoice().synthesize_take(PHRASE, take).samples.tobytes()).hexdigest()


def test_a_take_is_the_same_in_another_process_and_takes_differ():
    other = subprocess.run(
        [sys.executable, "-c", DIGEST, PHRASE, "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    ).stdout.strip()
    assert take_digest(1) == other
    assert take_digest(2) != other


@pytest.fixture(scope="module")
def heard(tmp_path_factory):
    root = tmp_path_factory.mktemp("heard")
    cache, voice = AudioCache(root / "audio"), PiperVoice()
    path, speech, _ = cache.get_or_synthesize(voice, PHRASE, voice.phrase_identity(PHRASE))
    assert speech.duration < 3
    return Listener(Recogniser(), root / "verdicts"), path


def test_whisper_hears_a_piper_phrase_right(heard):
    listener, wav = heard
    verdict = listener.hear(wav, PHRASE)
    assert verdict.edits == [] and verdict.ok, verdict.heard


def test_a_phrase_checked_against_other_words_names_the_meaning_word(heard):
    listener, wav = heard
    verdict = listener.hear(wav, "The slope at 2 is not 4.")
    assert not verdict.ok
    assert "-not" in verdict.meaning and "four→three" in verdict.meaning

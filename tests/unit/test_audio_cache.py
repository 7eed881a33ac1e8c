"""Phrase-audio cache: keys over text, voice and settings; atomic entries; concurrent writers."""

from __future__ import annotations

import multiprocessing

import numpy as np

from mathreel.audio_cache import AudioCache, cache_key, read_wav, write_wav_atomic
from mathreel.voices.base import Speech, Voice


class CountingVoice(Voice):
    """A test voice: a tone whose length follows the text; counts its syntheses."""

    name = "counting"

    def __init__(self, speed: float = 1.0) -> None:
        self.speed = speed
        self.calls = 0

    def identity(self) -> dict[str, object]:
        return {"backend": "counting 1", "speed": self.speed}

    def synthesize(self, text: str) -> Speech:
        self.calls += 1
        n = int(len(text) * 800 / self.speed)
        return Speech((0.5 * np.sin(np.arange(n) / 5.0)).astype(np.float32), 16000)


def test_key_changes_with_text_voice_and_every_setting():
    base = cache_key("Hello.", "piper", {"length_scale": 1.0, "model": "joe"})
    assert base == cache_key("Hello.", "piper", {"model": "joe", "length_scale": 1.0})  # order-free
    assert base != cache_key("Hello!", "piper", {"length_scale": 1.0, "model": "joe"})
    assert base != cache_key("Hello.", "espeak", {"length_scale": 1.0, "model": "joe"})
    assert base != cache_key("Hello.", "piper", {"length_scale": 1.1, "model": "joe"})
    assert base != cache_key("Hello.", "piper", {"length_scale": 1.0, "model": "amy"})


def test_second_request_is_served_from_disk(tmp_path):
    cache, voice = AudioCache(tmp_path), CountingVoice()
    path1, speech1, cached1 = cache.get_or_synthesize(voice, "Hello there.", voice.identity())
    path2, speech2, cached2 = cache.get_or_synthesize(voice, "Hello there.", voice.identity())
    assert (cached1, cached2) == (False, True)
    assert voice.calls == 1 and path1 == path2 and path1.exists()
    assert np.array_equal(speech1.samples, speech2.samples)


def test_changed_setting_never_reuses_stale_audio(tmp_path):
    cache = AudioCache(tmp_path)
    slow, fast = CountingVoice(1.0), CountingVoice(2.0)
    _, a, _ = cache.get_or_synthesize(slow, "Same words.", slow.identity())
    path, b, cached = cache.get_or_synthesize(fast, "Same words.", fast.identity())
    assert not cached and fast.calls == 1
    assert b.duration < a.duration


def test_damaged_entry_is_synthesized_again(tmp_path):
    cache, voice = AudioCache(tmp_path), CountingVoice()
    path, _, _ = cache.get_or_synthesize(voice, "Hi.", voice.identity())
    path.write_bytes(b"RIFF garbage")
    _, speech, cached = cache.get_or_synthesize(voice, "Hi.", voice.identity())
    assert not cached and speech.duration > 0 and voice.calls == 2


def test_wav_round_trip_is_16_bit_exact(tmp_path):
    samples = np.array([0.0, 0.5, -0.5, 0.999, -1.0], dtype=np.float32)
    write_wav_atomic(tmp_path / "a.wav", Speech(samples, 22050))
    back = read_wav(tmp_path / "a.wav")
    assert back.rate == 22050
    assert np.allclose(back.samples, samples, atol=1 / 32768)
    assert not list(tmp_path.glob(".tmp-*"))


def _writer(args):
    root, seed = args
    speech = Speech(np.full(48000, seed / 10, dtype=np.float32), 48000)
    for _ in range(20):
        write_wav_atomic(root / "same.wav", speech)
    return True


def test_two_processes_writing_one_entry_leave_a_whole_file(tmp_path):
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        assert all(pool.map(_writer, [(tmp_path, 1), (tmp_path, 2)]))
    speech = read_wav(tmp_path / "same.wav")
    assert len(speech.samples) == 48000
    assert len(set(np.round(speech.samples, 3))) == 1  # one writer's data, never a mix
    assert not list(tmp_path.glob(".tmp-*"))

"""Phrase-audio cache: keys over text, voice and settings; atomic entries; concurrent writers."""

from __future__ import annotations

import multiprocessing

import numpy as np
import pytest

from mathreel.narration.audio_cache import AudioCache, cache_key
from mathreel.narration.voices.base import Speech, Voice, read_wav, write_wav_atomic


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


def test_truncated_entry_of_even_length_is_never_reused(tmp_path):
    """Item 2 of the trust issue: a WAV cut to an even byte count still parses as WAV; its
    recorded size and digest (and the header's frame count) catch it."""
    cache, voice = AudioCache(tmp_path), CountingVoice()
    path, whole, _ = cache.get_or_synthesize(
        voice, "A phrase long enough to cut.", voice.identity()
    )
    data = path.read_bytes()
    cut = len(data) // 2 & ~1
    path.write_bytes(data[:cut])
    with pytest.raises(ValueError, match="cut short"):
        read_wav(path)
    again, speech, cached = cache.get_or_synthesize(
        voice, "A phrase long enough to cut.", voice.identity()
    )
    assert not cached and voice.calls == 2
    assert len(speech.samples) == len(whole.samples)
    assert again.read_bytes() == data


def test_entry_changed_in_place_is_synthesized_again(tmp_path):
    cache, voice = AudioCache(tmp_path), CountingVoice()
    path, _, _ = cache.get_or_synthesize(voice, "Same length, other bytes.", voice.identity())
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # same size, one sample changed: only the digest can tell
    path.write_bytes(bytes(data))
    _, _, cached = cache.get_or_synthesize(voice, "Same length, other bytes.", voice.identity())
    assert not cached and voice.calls == 2


def test_entry_without_its_digest_is_synthesized_again(tmp_path):
    cache, voice = AudioCache(tmp_path), CountingVoice()
    path, _, _ = cache.get_or_synthesize(voice, "Digest gone.", voice.identity())
    path.with_suffix(".sha256").unlink()
    _, _, cached = cache.get_or_synthesize(voice, "Digest gone.", voice.identity())
    assert not cached and path.with_suffix(".sha256").exists()


def test_plans_store_audio_paths_relative_to_the_cache(tmp_path):
    from mathreel.narration.script import parse_narration_text
    from mathreel.narration.synthesis import plan_narration

    script = parse_narration_text("# T\n\n## one\nA sentence to say.\n")
    plan = plan_narration(script, "t", CountingVoice(), AudioCache(tmp_path / "cache"))
    audio = plan.beats[0].phrases[0].audio
    assert audio is not None and not audio.startswith("/")
    assert (tmp_path / "cache" / audio).exists()
    assert str(tmp_path) not in plan.to_json()

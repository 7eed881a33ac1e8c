"""One take per beat: piper phrases joined with 0.6 s pauses make a "recorded" beat take; Whisper
base and the energy search cut it back into its phrases (each cut inside a pause, clear of
speech; each phrase's onset within one 60 fps frame); a take missing a sentence is refused."""

from __future__ import annotations

import numpy as np
import pytest

from mathreel.errors import UserError
from mathreel.narration.beat_takes import BeatAligner, decode_audio
from mathreel.narration.recogniser import Recogniser
from mathreel.narration.voices.base import Speech, write_wav_atomic
from mathreel.narration.voices.piper import PiperVoice

PHRASES = ["The slope at 2 is 3.", "It is not zero.", "Here the curve is flat."]
PAUSE = 0.6


def speech_span(samples: np.ndarray) -> tuple[int, int]:
    """Where a phrase's speech starts and ends: its first and last sample above -40 dB of its
    peak (piper's phrases carry 15 ms of near-silence at each edge)."""
    loud = np.flatnonzero(np.abs(samples) > 0.01 * np.max(np.abs(samples)))
    return int(loud[0]), int(loud[-1]) + 1


@pytest.fixture(scope="module")
def take(tmp_path_factory):
    """The three phrases joined with pauses, as a 24-bit FLAC, with each phrase's true span."""
    import av

    voice = PiperVoice()
    parts = [voice.synthesize_take(text, 1) for text in PHRASES]
    rate = parts[0].rate
    gap = np.zeros(int(PAUSE * rate), np.float32)
    samples, spans, at = [gap], [], len(gap)
    for part in parts:
        first, last = speech_span(part.samples)
        spans.append(((at + first) / rate, (at + last) / rate))
        samples += [part.samples, gap]
        at += len(part.samples) + len(gap)
    joined = np.concatenate(samples)
    folder = tmp_path_factory.mktemp("take")
    path = folder / "beat.flac"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("flac", rate=rate, layout="mono")
        stream.format = "s32"  # FLAC stores it as 24-bit
        frame = av.AudioFrame.from_ndarray(
            (joined * 2**31 * 0.99).astype(np.int32)[None, :], format="s32", layout="mono"
        )
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    aligner = BeatAligner(Recogniser(), folder / "align")
    return path, spans, aligner, Speech(joined, rate)


def test_the_flac_take_decodes_to_what_was_written(take):
    path, _, _, written = take
    decoded = decode_audio(path)
    assert decoded.rate == written.rate and len(decoded.samples) == len(written.samples)
    assert np.max(np.abs(decoded.samples - written.samples * 0.99)) < 1e-4


def test_cuts_sit_in_the_pauses_and_marks_on_the_onsets(take):
    path, spans, aligner, _ = take
    _, cuts, warnings = aligner.cuts(path, "beat", PHRASES)
    assert warnings == []
    assert len(cuts) == len(PHRASES)
    for k, cut in enumerate(cuts):
        assert abs(cut.onset - spans[k][0]) <= 1 / 60, (k, cut, spans[k])
        if k:  # a cut between phrases lies in the pause, 20 ms clear of speech on each side
            assert spans[k - 1][1] + 0.02 <= cuts[k - 1].end <= cut.start <= spans[k][0] - 0.02


def test_a_take_missing_a_sentence_is_refused_naming_it(take, tmp_path):
    path, spans, aligner, speech = take
    cut_at = int((spans[1][0] - 0.3) * speech.rate)
    back = int((spans[2][0] - 0.3) * speech.rate)
    short = Speech(np.concatenate([speech.samples[:cut_at], speech.samples[back:]]), speech.rate)
    write_wav_atomic(tmp_path / "short.wav", short)
    with pytest.raises(
        UserError, match=r"beat 'beat': the take is missing most of 'It is not zero\.'"
    ):
        aligner.cuts(tmp_path / "short.wav", "beat", PHRASES)


def test_a_beat_recorded_whole_is_planned_phrase_by_phrase(take, tmp_path):
    from mathreel.narration.audio_cache import AudioCache
    from mathreel.narration.script import parse_narration_text
    from mathreel.narration.synthesis import plan_narration
    from mathreel.narration.voices.recorded import RecordedVoice

    path, spans, aligner, _ = take
    (tmp_path / "takes" / "scene").mkdir(parents=True)
    (tmp_path / "takes" / "scene" / "only.flac").write_bytes(path.read_bytes())
    script = parse_narration_text(
        f"# T\n\n## only\n{PHRASES[0]} {{mark:flat}} {PHRASES[1]} {PHRASES[2]}\n", "scene.md"
    )
    voice = RecordedVoice(tmp_path / "takes", aligner)
    plan = plan_narration(script, "scene", voice, AudioCache(tmp_path / "cache"))
    phrases = plan.beats[0].phrases
    assert [p.spoken for p in phrases] == PHRASES
    for phrase, (start, end) in zip(phrases, spans, strict=True):  # speech plus 15 ms guards
        assert phrase.duration == pytest.approx(end - start + 0.03, abs=0.02)
    assert plan.beats[0].marks["flat"] == phrases[1].offset


def words_at(spans, texts):
    """Words spread evenly over each phrase's span, as a recogniser would time them."""
    out = []
    for (start, end), text in zip(spans, texts, strict=True):
        words = text.split()
        step = (end - start) / len(words)
        out += [(w, start + i * step, start + (i + 1) * step) for i, w in enumerate(words)]
    return out


def test_a_missing_meaning_word_is_refused_and_an_ordinary_one_warned(take):
    from mathreel.narration.beat_takes import align_take

    _, spans, _, speech = take
    heard = words_at(spans, [PHRASES[0], "It is zero.", PHRASES[2]])
    with pytest.raises(
        UserError,
        match=r"beat 'b': the take misses the meaning word\(s\) not of 'It is not zero\.'",
    ):
        align_take(speech, PHRASES, heard, "b")
    heard = words_at(spans, [PHRASES[0], PHRASES[1], "Here the curb is flat."])
    cuts, warnings = align_take(speech, PHRASES, heard, "b")
    assert warnings == ["beat 'b': the take's words curve (heard curb) were not heard as written"]
    assert len(cuts) == 3


def test_a_beat_take_that_is_not_audio_is_one_line(tmp_path):
    bad = tmp_path / "beat.mp3"
    bad.write_bytes(b"ID3 but not really an mp3 at all" * 10)
    with pytest.raises(UserError, match=r"beat\.mp3: not an audio file PyAV can decode") as err:
        decode_audio(bad)
    assert "\n" not in str(err.value)


class HalvesAligner:
    """A stand-in aligner: a phrase spans the whole take; halves split it at its middle pause."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def cuts(self, path, beat, phrases, formulas=()):
        from mathreel.narration.beat_takes import Cut

        speech = decode_audio(path)
        self.asked.append(list(phrases))
        if len(phrases) == 1:
            return speech, [Cut(0.0, speech.duration, 0.2)], []
        middle = speech.duration / 2
        return speech, [Cut(0.0, middle, 0.2), Cut(middle, speech.duration, middle + 0.2)], []


def test_a_phrase_too_long_for_one_cue_is_cut_into_the_plans_halves(tmp_path):
    from mathreel.narration.audio_cache import AudioCache
    from mathreel.narration.script import parse_narration_text
    from mathreel.narration.synthesis import plan_narration
    from mathreel.narration.voices.recorded import RecordedVoice

    rate = 16000
    t = np.arange(4 * rate) / rate
    tone = (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    gap = np.zeros(int(0.4 * rate), np.float32)
    (tmp_path / "takes" / "scene").mkdir(parents=True)
    take = Speech(np.concatenate([gap, tone, gap, gap, tone, gap]), rate)  # 9.6 s, two 4 s halves
    write_wav_atomic(tmp_path / "takes" / "scene" / "only.wav", take)
    sentence = "This one sentence, long as it is, runs on past what one caption cue may hold."
    script = parse_narration_text(f"# T\n\n## only\n{sentence}\n", "scene.md")
    aligner = HalvesAligner()
    voice = RecordedVoice(tmp_path / "takes", aligner)
    plan = plan_narration(script, "scene", voice, AudioCache(tmp_path / "cache"))
    phrases = plan.beats[0].phrases
    assert len(aligner.asked) == 2 and aligner.asked[0] == [sentence]
    assert [p.spoken for p in phrases] == aligner.asked[1] and len(phrases) == 2
    assert all(p.duration == pytest.approx(4.03, abs=0.02) for p in phrases)


def test_a_minute_long_take_at_22050_hz_does_not_drift():
    """Found by bench_align: frames counted as 5 ms where 110 samples at 22,050 Hz are 4.99 ms
    put the last onset of a 64 s take 129 ms late. Bursts of tone stand in for phrases (with a
    0.2 s comma pause inside each), the recogniser's words for Whisper's (100 ms early)."""
    from mathreel.narration.beat_takes import align_take

    rate, pause = 22050, 0.6
    t = np.arange(int(1.2 * rate)) / rate
    burst = (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    comma = np.zeros(int(0.2 * rate), np.float32)
    gap = np.zeros(int(pause * rate), np.float32)
    texts = [f"Phrase {k} is here, and then more." for k in range(20)]
    pieces, spans, at = [gap], [], len(gap)
    for _ in texts:
        pieces += [burst, comma, burst, gap]
        length = 2 * len(burst) + len(comma)
        spans.append((at / rate, (at + length) / rate))
        at += length + len(gap)
    speech = Speech(np.concatenate(pieces), rate)
    assert speech.duration > 60
    early = [(start - 0.1, end - 0.2) for start, end in spans]
    cuts, warnings = align_take(speech, texts, words_at(early, texts), "long")
    assert warnings == []
    for k, cut in enumerate(cuts):
        assert abs(cut.onset - spans[k][0]) <= 1 / 60, (k, cut, spans[k])
        if k:
            assert spans[k - 1][1] + 0.02 <= cuts[k - 1].end <= cut.start <= spans[k][0] - 0.02

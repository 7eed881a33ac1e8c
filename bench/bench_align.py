"""Benchmark: aligning a 60 s "recorded" beat take.

Chapter 1's phrases (seeded piper takes, in script order) are joined with 0.6 s pauses until the
take lasts about 60 s; the take is cut back into its phrases as ``--voice recorded`` cuts a beat
recorded whole. Prints the time taken (Whisper base with word times, then the energy search), how
far each found onset is from the true one, and how far each cut lies from the speech on either side,
against Whisper's own word edges. Asserts nothing.
Run: .venv/bin/python bench/bench_align.py [--seconds 60] [--pause 0.6]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pause", type=float, default=0.6)
    args = parser.parse_args()

    import render
    from mathreel.errors import UserError
    from mathreel.narration.beat_takes import BeatAligner, align_take
    from mathreel.narration.recogniser import Recogniser
    from mathreel.narration.script import parse_narration
    from mathreel.narration.voices.base import Speech, write_wav_atomic
    from mathreel.narration.voices.piper import PiperVoice

    voice = PiperVoice()
    texts, parts = [], []
    for entry in render.project_manifest().get_chapter(1).scenes:
        for beat in parse_narration(entry.narration_path).beats:
            for phrase in beat.phrases:
                if sum(p.duration + args.pause for p in parts) >= args.seconds:
                    break
                texts.append(phrase.spoken)
                parts.append(voice.synthesize_take(phrase.spoken, 1))
    rate = parts[0].rate
    gap = np.zeros(int(args.pause * rate), np.float32)
    pieces, spans, at = [gap], [], len(gap)
    for part in parts:
        loud = np.flatnonzero(np.abs(part.samples) > 0.01 * np.max(np.abs(part.samples)))
        spans.append(((at + loud[0]) / rate, (at + loud[-1] + 1) / rate))
        pieces += [part.samples, gap]
        at += len(part.samples) + len(gap)
    take = Speech(np.concatenate(pieces), rate)
    folder = Path(tempfile.mkdtemp(prefix="bench-align-"))
    write_wav_atomic(folder / "beat.wav", take)

    recogniser = Recogniser()
    recogniser.transcribe(take.samples[:rate], rate)  # load the model outside the timing
    aligner = BeatAligner(recogniser, folder / "align")
    started = time.perf_counter()
    heard = recogniser.transcribe(take.samples, rate, words=True)
    whisper = time.perf_counter() - started
    started = time.perf_counter()
    try:
        _, cuts, warnings = aligner.cuts(folder / "beat.wav", "bench", texts)
    except UserError as err:  # a render refuses such a take; the bench measures the cuts anyway
        print(f"refused as a render would: {err}")
        words = [(w.text, w.start, w.end) for w in heard.words]
        cuts, warnings = align_take(take, texts, words, "bench", strict=False)
    total = time.perf_counter() - started

    onset_error = [1000 * (c.onset - s[0]) for c, s in zip(cuts, spans, strict=True)]
    clear_before = [1000 * (cuts[k].start - spans[k - 1][1]) for k in range(1, len(cuts))]
    clear_after = [1000 * (spans[k][0] - cuts[k].start) for k in range(1, len(cuts))]
    clear_end = [1000 * (cuts[k].end - spans[k][1]) for k in range(len(cuts) - 1)]
    print(
        f"take: {len(texts)} phrases, {take.duration:.1f} s, {args.pause} s pauses; aligned in "
        f"{total:.1f} s (Whisper with word times alone: {whisper:.1f} s, "
        f"{whisper / take.duration:.2f}x real time)"
    )
    print(
        f"onsets found vs true: mean {np.mean(np.abs(onset_error)):.1f} ms, "
        f"worst {max(onset_error, key=abs):+.1f} ms (one 60 fps frame: 16.7 ms)"
    )
    print(
        f"cuts' clearance from speech: before a phrase {min(clear_after):.0f} ms at least, after "
        f"the previous one {min(clear_end):.0f} ms at least; start cut after previous speech "
        f"{min(clear_before):.0f} ms at least"
    )
    whisper_start = []
    for s in spans[1:]:
        near = min(heard.words, key=lambda w, s=s: abs(w.start - s[0]))
        whisper_start.append(1000 * (near.start - s[0]))
    print(
        f"Whisper's nearest word start vs true onset: mean {np.mean(whisper_start):+.0f} ms, "
        f"range {min(whisper_start):+.0f}..{max(whisper_start):+.0f} ms"
    )
    for warning in warnings:
        print("warning:", warning)
    print(f"heard: {heard.text}")
    for k, (cut, span) in enumerate(zip(cuts, spans, strict=True)):
        print(
            f"  {k:2d} onset {1000 * (cut.onset - span[0]):+6.1f} ms  cut {cut.start:7.3f}..{cut.end:7.3f}"
            f"  speech {span[0]:7.3f}..{span[1]:7.3f}  {texts[k][:40]!r}"
        )


if __name__ == "__main__":
    main()

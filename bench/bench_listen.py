"""Benchmark: Chapter 1 synthesized cold with seeded piper takes, then heard by Whisper base.

1. Cold synthesis (a fresh phrase cache) of every phrase at its committed take: total seconds, and
   the share spent creating the seeded ONNX Runtime sessions (one per take).
2. The listen pass with re-takes, as ``render.py listen 1`` runs it (a fresh verdict cache):
   seconds of recogniser time per minute of audio (target at most 30 s, i.e. 0.5x real time, on
   2 cores), word error rate per scene, phrases re-taken and phrases no take fixed.

Writes narration/<stem>.takes.json as a render would. Prints figures; asserts nothing.
Run: .venv/bin/python bench/bench_listen.py [--chapter 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", type=int, default=1)
    args = parser.parse_args()
    os.environ["MATHREEL_CACHE"] = tempfile.mkdtemp(prefix="bench-listen-")
    os.environ["MATHREEL_OUTPUT"] = tempfile.mkdtemp(prefix="bench-listen-out-")

    import render
    from mathreel.narration.audio_cache import AudioCache
    from mathreel.narration.listen import Listener, beat_formulas, hear_plan
    from mathreel.narration.recogniser import Recogniser
    from mathreel.narration.script import parse_narration
    from mathreel.narration.takes import Retaking
    from mathreel.narration.voices.piper import PiperVoice
    from mathreel.paths import cache_dir
    from mathreel.render.runs.jobs import prepare

    chapter = render.project_manifest().get_chapter(args.chapter)
    voice, cache = PiperVoice(), AudioCache(cache_dir() / "audio")
    sessions = {"count": 0, "seconds": 0.0}
    make_session = voice._session_for

    def timed_session(text: str, take: int):
        started = time.perf_counter()
        made = make_session(text, take)
        sessions["count"] += 1
        sessions["seconds"] += time.perf_counter() - started
        return made

    voice._session_for = timed_session

    started = time.perf_counter()
    plans = {entry.stem: prepare(entry, voice, cache) for entry in chapter.scenes}
    synth = time.perf_counter() - started
    audio = sum(p.duration for plan in plans.values() for b in plan.beats for p in b.phrases)
    print(
        f"cold synthesis of chapter {args.chapter}: {sum(len(b.phrases) for p in plans.values() for b in p.beats)} "
        f"phrases, {audio / 60:.1f} min of speech in {synth:.1f} s; {sessions['count']} seeded "
        f"sessions took {sessions['seconds']:.1f} s ({100 * sessions['seconds'] / synth:.0f}%, "
        f"{sessions['seconds'] / max(sessions['count'], 1):.2f} s each)"
    )

    recogniser = Recogniser()
    retaking = Retaking(Listener(recogniser))
    listener = retaking.listener
    rows = []
    started = time.perf_counter()
    listened_audio = 0.0
    for entry in chapter.scenes:
        scene_started = time.perf_counter()
        before = sessions["seconds"]
        plan = prepare(entry, voice, cache, retaking=retaking)
        formulas = beat_formulas(parse_narration(entry.narration_path))
        hearing = hear_plan(listener, entry.stem, plan.beats, cache.root, formulas)
        seconds = sum(p.duration for b in plan.beats for p in b.phrases)
        listened_audio += seconds
        spent = time.perf_counter() - scene_started - (sessions["seconds"] - before)
        rows.append((entry.stem, seconds, spent, hearing))
    total = time.perf_counter() - started
    print(f"{'scene':<24} {'speech':>7} {'listen':>7} {'s/min':>6} {'WER':>6} {'misheard':>8}")
    for stem, seconds, spent, h in rows:
        print(
            f"{stem:<24} {seconds:6.1f}s {spent:6.1f}s {60 * spent / seconds:6.1f} "
            f"{100 * h.wer:5.1f}% {len(h.misheard):>8}"
        )
    print(
        f"listen pass: {listened_audio / 60:.1f} min of speech, {total:.1f} s in all "
        f"({60 * total / listened_audio:.1f} s per minute of audio, re-takes' synthesis included; "
        f"{listener.transcribed} takes transcribed)"
    )
    for line in retaking.summary():
        print(line)


if __name__ == "__main__":
    main()

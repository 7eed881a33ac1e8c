"""Benchmark: parsing a beat that is one long sentence (the caption splitter's worst case).

Prints the parse time and the number of phrases for beats of the given word counts; asserts
nothing. The target (issue 9, item 10) is a 5,000-word beat in under a second.

Run: .venv/bin/python bench/bench_parse.py [--words 1000 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathreel.narration.script import parse_narration_text  # noqa: E402

_WORDS = ("the", "slope", "of", "a", "curve", "at", "one", "point", "is", "rising", "and")


def one_sentence_beat(words: int) -> str:
    """A narration file whose only beat is a single sentence of ``words`` words, no punctuation."""
    body = " ".join(_WORDS[i % len(_WORDS)] for i in range(words))
    return f"# Long\n\n## only\n{body}.\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for words in args.words:
        text = one_sentence_beat(words)
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            script = parse_narration_text(text, "bench.md")
            best = min(best, time.perf_counter() - start)
        phrases = len(script.beat("only").phrases)
        print(f"{words:>6} words: {best * 1000:9.1f} ms (best of {args.repeat}), {phrases} phrases")


if __name__ == "__main__":
    main()

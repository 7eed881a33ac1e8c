"""Planning narration: phrases laid out from real audio lengths; a phrase too long to caption is split."""

from __future__ import annotations

import numpy as np

from mathreel.narration.audio_cache import AudioCache
from mathreel.narration.script import parse_narration_text, split_phrase
from mathreel.narration.synthesis import MAX_PHRASE_SECONDS, NarrationPlan, plan_narration
from mathreel.narration.timeline import PHRASE_GAP
from mathreel.narration.voices.base import Speech, Voice


class SlowVoice(Voice):
    """A test voice speaking 8 characters a second (a tone, so the audio is real samples)."""

    name = "slow"

    def identity(self) -> dict[str, object]:
        return {"backend": "slow 1"}

    def synthesize(self, text: str) -> Speech:
        n = int(len(text) / 8 * 8000)
        return Speech((0.3 * np.sin(np.arange(n) / 3)).astype(np.float32), 8000)


def test_split_phrase_cuts_at_the_clause_nearest_the_middle():
    script = parse_narration_text(
        "# T\n## b\nFor [L(w) = (w − 3)²](say: L of w equals w minus 3 squared) at w equals 5, "
        "the slope is 4, so w should decrease.\n"
    )
    (phrase,) = script.beat("b").phrases
    first, second = split_phrase(phrase)
    assert first.caption == "For L(w) = (w − 3)² at w equals 5,"
    assert first.spoken == "For L of w equals w minus 3 squared at w equals 5,"
    assert second.caption == "the slope is 4, so w should decrease."
    assert first.paragraph_start and not second.paragraph_start


def test_single_word_cannot_be_split():
    (phrase,) = parse_narration_text("# T\n## b\nHello.\n").beat("b").phrases
    assert split_phrase(phrase) is None


def test_a_half_is_never_only_punctuation():
    # A say-span then its full stop are two words: the cut must not leave the "." alone.
    script = parse_narration_text(
        "# T\n## b\n[∇L(5, 2) = (4, 8)](say: the gradient of L at 5, 2 is 4, 8).\n"
    )
    (phrase,) = script.beat("b").phrases
    assert split_phrase(phrase) is None
    script = parse_narration_text("# T\n## b\nSo [w](say: w) moves [up](say: up).\n")
    (phrase,) = script.beat("b").phrases
    first, second = split_phrase(phrase)
    assert all(any(ch.isalnum() for ch in half.spoken) for half in (first, second))


def test_long_phrase_audio_is_split_and_each_half_spoken(tmp_path):
    text = "This sentence is long enough, when spoken slowly, to outlast a caption cue by far."
    script = parse_narration_text(f"# T\n## b\n{{mark:start}} {text}\n", "n.md")
    plan = plan_narration(script, "s", SlowVoice(), AudioCache(tmp_path))
    phrases = plan.beat("b").phrases
    assert len(phrases) >= 2
    assert all(p.duration <= MAX_PHRASE_SECONDS for p in phrases)
    assert " ".join(p.caption for p in phrases) == text
    assert phrases[1].offset == phrases[0].offset + phrases[0].duration + PHRASE_GAP
    assert plan.beat("b").marks == {"start": 0.0}
    assert NarrationPlan.from_json(plan.to_json()) == plan

"""Chapter 3's narration: nothing typed in (every number it says is one its figures module computed,
its SHOWN strings, or a number of a formula's structure listed here by scene), and one idea per
beat (the house limit of about 55 spoken words; a quiz question, read out with its choices, may
run a little over)."""

from __future__ import annotations

import re

import pytest

from mathreel.narration.script import parse_narration
from mathreel.quiz import scene_questions
from scenes import (
    backprop_check_figures,
    backprop_cost_figures,
    chain_rule_figures,
    neuron_backward_figures,
    two_layer_chain_figures,
    vanishing_gradients_figures,
)
from tests.course import NARRATION_DIR

#: The house limit for one beat's narration (as Chapter 1's tests hold it), and a quiz question's.
MAX_BEAT_WORDS = 55
MAX_QUESTION_WORDS = 60
NUMBER = re.compile(r"\d+(?:\.\d+)?")

FIGURES = {
    "chain_rule": chain_rule_figures,
    "paths_add": chain_rule_figures,
    "neuron_backward": neuron_backward_figures,
    "gradient_check": neuron_backward_figures,
    "two_layer_chain": two_layer_chain_figures,
    "backprop_cost": backprop_cost_figures,
    "vanishing_gradients": vanishing_gradients_figures,
    "backprop_check": backprop_check_figures,
}

#: Numbers that are part of a formula or a sentence's structure, not results: chapter numbers, the
#: coefficients of the formulas as written (3x + 1, u², 2(a − t), 2ε, ε²L‴/6, 3u²), and the
#: sigmoid's range "from 0 to 1".
STRUCTURE = {
    "chain_rule": {"1", "2", "3"},
    "paths_add": {"2", "3", "9"},
    "neuron_backward": {"0", "1", "2"},
    "gradient_check": {"1", "2", "4", "6", "10"},
    "two_layer_chain": {"0", "1", "2"},
    "backprop_cost": {"1", "2", "10"},
    "vanishing_gradients": {"0", "1", "10"},
    "backprop_check": {"1", "2", "3"},
}


def computed(figures) -> set[str]:
    found: set[str] = set()

    def visit(value) -> None:
        if isinstance(value, str):
            found.update(NUMBER.findall(value.replace(",", "")))
        else:
            for item in value:
                visit(item)

    visit(figures.SHOWN.values())
    return found


@pytest.mark.parametrize("stem", list(FIGURES))
def test_every_spoken_number_is_computed(stem: str) -> None:
    script = parse_narration(NARRATION_DIR / f"{stem}.md")
    said = {n for beat in script.beats for n in NUMBER.findall(beat.spoken_text)}
    assert said - computed(FIGURES[stem]) - STRUCTURE[stem] == set()


def test_the_scenes_are_chapter_3s() -> None:
    from render import project_manifest

    chapter = project_manifest().get_chapter(3)
    assert [s.stem for s in chapter.scenes] == list(FIGURES)


@pytest.mark.parametrize("stem", list(FIGURES))
def test_each_beat_is_one_idea(stem: str) -> None:
    script = parse_narration(NARRATION_DIR / f"{stem}.md")
    asks = {q.ask_beat for q in scene_questions(stem) if q.kind == "question"}
    for beat in script.beats:
        limit = MAX_QUESTION_WORDS if beat.id in asks else MAX_BEAT_WORDS
        assert len(beat.spoken_text.split()) <= limit, beat.id

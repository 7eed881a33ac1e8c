"""The chapter's questions: one source checked against the narration, and placed on the chapter clock."""

from __future__ import annotations

import dataclasses
import re

import pytest

from mathreel.assemble.captions import SceneSpan
from mathreel.assemble.player import page_questions
from mathreel.narration.script import parse_narration
from mathreel.narration.synthesis import BeatPlan, NarrationPlan
from mathreel.narration.timeline import BeatRecord, Timeline
from mathreel.quiz import LETTERS, Choice, Question, quiz_path, scene_questions
from render import project_manifest
from scenes import backprop_check_quiz as bc
from scenes import check_understanding_quiz as cu
from scenes import gradient_review_quiz as gc
from tests.course import NARRATION_DIR
from tests.quiz_narration import narration_problems, spoken_list

SCENES_WITH_QUESTIONS = [
    s.stem for c in project_manifest().chapters for s in c.scenes if quiz_path(s.stem).exists()
]


def script(stem: str):
    return parse_narration(NARRATION_DIR / f"{stem}.md")


def test_the_quiz_and_the_predictions_have_questions() -> None:
    assert SCENES_WITH_QUESTIONS == [
        "slope_at_a_point",
        "check_understanding",
        "learning_rate_limit",
        "gradient_review",
        "chain_rule",
        "neuron_backward",
        "two_layer_chain",
        "backprop_check",
    ]
    assert [q.kind for q in scene_questions("learning_rate_limit")] == ["prediction"]
    assert [q.kind for q in scene_questions("backprop_check")] == ["question"] * 3
    assert [q.kind for q in scene_questions("check_understanding")] == ["question"] * 3
    assert [q.kind for q in scene_questions("gradient_review")] == ["question"] * 3
    assert {q.kind for q in scene_questions("slope_at_a_point")} == {"prediction"}
    assert {q.kind for q in scene_questions("neuron_backward")} == {"prediction"}


@pytest.mark.parametrize("stem", SCENES_WITH_QUESTIONS)
def test_the_narration_says_what_the_questions_hold(stem: str) -> None:
    assert narration_problems(scene_questions(stem), script(stem)) == []


def test_a_changed_question_is_caught() -> None:
    """Each part of the check fails when the narration and the records disagree."""
    narration = script("check_understanding")
    wrong_answer = dataclasses.replace(cu.Q1, answer=0)
    reordered = dataclasses.replace(cu.Q1, choices=cu.Q1.choices[::-1])
    reworded = dataclasses.replace(cu.Q3, prompt="Why does gradient descent need integrals?")
    misplaced = dataclasses.replace(cu.Q2, answer_beat="intro")
    problems = narration_problems([wrong_answer, reordered, reworded, misplaced], narration)
    assert problems == [
        'q1_answer: does not open with "It\'s A"',
        "q1_ask: does not list the choices as 'D: an average slope, C: the slope of the tangent "
        "line, B: the height of the graph, or A: the area under the graph'",
        "q3_ask: does not ask 'Why does gradient descent need integrals?'",
        "intro: the answer comes before its question",
        "intro: does not open with 'False'",
    ]


def test_explanations_say_right_or_wrong_and_the_scene_letters_match() -> None:
    for stem in SCENES_WITH_QUESTIONS:
        for q in scene_questions(stem):
            for i, choice in enumerate(q.choices):
                assert choice.explanation.startswith("Right." if i == q.answer else "No."), choice
                assert (
                    "$" not in choice.text + choice.explanation + q.prompt
                )  # no LaTeX on the page
    for q in (cu.Q1, cu.Q3):
        assert q.lettered and all(c.tex for c in q.choices) and q.prompt_tex
        # The scene's LaTeX says what the page's text says (the page writes math in Unicode).
        for c in q.choices:
            plain = re.sub(r"\$|\\", "", c.tex).replace("x_0", "x₀").replace("eta", "η")
            plain = plain.replace("f'", "f′")
            assert plain == c.text
    assert cu.Q1.said_answer == "It's C" and cu.Q3.said_answer == "It's B"
    # Chapter 2: every question lettered, its LaTeX choices the page's text.
    for q in gc.QUESTIONS:
        assert q.lettered and all(c.tex for c in q.choices) and q.prompt_tex
        for c in q.choices:
            plain = re.sub(r"\$|\\", "", c.tex).replace("w_2", "w₂")
            assert plain == c.text
    assert [q.said_answer for q in gc.QUESTIONS] == ["It's B", "It's B", "It's D"]


def test_numbers_in_the_explanations_are_computed() -> None:
    assert (cu.Q1_HEIGHT, cu.Q1_AVERAGE) == ("2.25", "1.5")
    q1 = {c.text: c.explanation for c in cu.Q1.choices}
    assert "the height is 2.25, but the slope is 3" in q1["the height of the graph, f(x₀)"]
    assert "from 0 to 1.5 is 1.5, but the slope at 1.5 is 3" in q1[cu.Q1.choices[3].text]
    assert "from 1 to 1.4" in cu.Q3.choices[1].explanation
    assert "0.1 times −4 is −0.4" in cu.Q3.choices[0].explanation
    # Spoken choices carry their letters, so "It's C" names something the listener heard.
    assert [c.spoken for c in cu.Q1.choices][2] == "C: the slope of the tangent line"
    assert all(
        c.spoken.startswith(f"{letter}: ") for letter, c in zip("ABCD", cu.Q3.choices, strict=True)
    )


def test_spoken_list() -> None:
    assert spoken_list(["true", "false"]) == "true or false"
    assert spoken_list(["a", "b", "c"]) == "a, b, or c"


def test_a_question_needs_a_right_answer() -> None:
    with pytest.raises(ValueError, match="one right answer"):
        Question("a", "b", "?", (Choice("x", "No."), Choice("y", "No.")), answer=2).check()


def test_page_questions_are_placed_on_the_chapter_clock() -> None:
    """Pause where the ask beat's speech ends (its thinking pause begins); resume at the answer."""
    plan = NarrationPlan(
        "check_understanding",
        "Check",
        "n.md",
        "silent",
        False,
        [
            BeatPlan(b, 10.0, 4.0 if b.endswith("ask") else 9.0, {}, [])
            for b in ("q1_ask", "q1_answer", "q2_ask", "q2_answer", "q3_ask", "q3_answer")
        ],
    )
    beats = [BeatRecord(b.id, 10.0 * i, 10.0 * (i + 1), 9.0) for i, b in enumerate(plan.beats)]
    span = SceneSpan(100.0, plan, Timeline("check_understanding", 15, 60.0, beats))
    found = page_questions([span])
    assert [(q["id"], q["pause"], q["resume"]) for q in found] == [
        ("check_understanding.q1_ask", 104.0, 110.0),
        ("check_understanding.q2_ask", 124.0, 130.0),
        ("check_understanding.q3_ask", 144.0, 150.0),
    ]
    assert found[0]["letters"] == list(LETTERS[:4]) and found[1]["letters"] == []
    assert found[0]["choices"][2] == [cu.Q1.choices[2].text, cu.Q1.choices[2].explanation]
    assert found[0]["answer"] == 2 and found[0]["kind"] == "question"


def test_chapter_3_quiz_is_lettered_computed_and_transfers() -> None:
    """Each question is lettered and spoken with its letters; its numbers come from the reverse
    passes in backprop_check_figures (none is the worked examples' own)."""
    assert [q.said_answer for q in bc.QUESTIONS] == ["It's C", "It's B", "It's A"]
    for q in bc.QUESTIONS:
        assert q.lettered and q.prompt_tex and all(c.tex for c in q.choices)
        assert all(
            c.spoken.startswith(f"{letter}: ") for letter, c in zip("ABCD", q.choices, strict=True)
        )
        assert len({c.text for c in q.choices}) == len(q.choices)
    assert [c.text for c in bc.Q1.choices] == ["75", "77", "150", "125"]
    assert [c.text for c in bc.Q2.choices] == ["−6", "−4.5", "−3", "−1.5"]
    assert bc.Q3.choices[0].text == "1,000,001, then about 3"
    assert "−2 + 0.5 = −1.5" in bc.Q2.choices[1].explanation
    assert "75 × 2 = 150" in bc.Q1.choices[2].explanation

"""Smoke renders of every scene's key frames, compared with the approved goldens in tests/golden/.

Once per session ``render.py smoke`` renders the frame at the end of every beat of every scene in
the manifest (854x480, silent voice) into a private output folder; the tests then check the
frames, the timelines, the contact sheets, and each frame against its golden. ``pytest
--update-golden`` (or ``render.py smoke --update-golden``) approves the frames instead, after a
human has looked at them.

How a frame is compared with its golden (``mathreel.check.smoke.compare``): both are blurred with a
Gaussian of 2 px, a pixel has changed when a channel of the blurred pictures differs by more than
24/255, and the frame fails when more than 30 pixels changed, or more than 16 in one 16x16 square.
Goldens are stored at full size in a 256-colour palette.

The figures were chosen from measurements on the 55 key frames of the 8 Chapter 1 scenes.

Noise, which must pass (worst frame: changed pixels / most in one square):

- Two independent renders, one with a cold LaTeX cache: bit-identical (0 pixels differ).
- The golden's palette: at most 15/255 off on a channel, 4 after the blur: 0 / 0.
- Other narration timings (espeak instead of silent, every beat a different length): 54 frames
  identical; critical_points/horizontal_tangent differs in 4467 raw pixels (1176 by more than
  40/255, along every edge drawn with Create), which the blur leaves at 1 / 1.
- The whole picture shifted (0.25, 0.1) px, so every edge is anti-aliased anew (a stand-in for
  another Cairo, FreeType or dvisvgm build): raw, thousands of pixels change by more than 40, and
  a search of each pixel's 3x3 neighbourhood still counts up to 1936 changed at 48/255; blurred,
  no pixel differs by more than 19: 0 / 0.

Changes, which must fail (frames the change touched: how many fail; the least-changed frame):

- every ``next_to`` label moved 0.05 units (2.7 px): 52 of 52 fail; 195 / 76.
- moved 0.1 units (5.3 px): 52 of 52; 450 / 113.
- every ``Dot`` removed: 37 of 37; 123 / 123.
- TANGENT_COLOR orange to vermillion (#E69F00 to #D55E00): 44 of 44; 62 / 33.
- POINT_COLOR yellow to orange: 44 of 44; 23 / 23.

At the edge of what is caught: a line alone recoloured to its nearest Okabe-Ito neighbour
(orange and vermillion differ by 65/255 on one channel) is caught from 2.4 px wide (Manim stroke
width 4: 292 changed pixels on a synthetic 300 px line), not at 2 px (0), where the blur spreads
the change below 24. Every such change in the scenes above was caught because labels, dots or
wider strokes share the colour.

Beyond the tolerance, and not noise a render of the same code makes: the whole picture shifted by
half a pixel fails 4 to 26 of the 55 frames (at most 562 / 41), a 1280x720 render scaled down 2
(40 / 40). A threshold of 32/255 would pass even those but lets 27 of the 44 orange-to-vermillion
frames through, so it was not chosen.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

import render
from mathreel.check import contact_sheet, goldens, keyframes
from mathreel.narration.timeline import Timeline
from render import project_manifest

pytestmark = pytest.mark.render

CHAPTERS = list(project_manifest().chapters)
FRAMES = goldens.expected_frames(CHAPTERS)
SCENES = [(chapter.slug, entry.stem) for chapter in CHAPTERS for entry in chapter.scenes]


@dataclass(frozen=True)
class SmokeRun:
    """Where the session's smoke run landed and what ``render.py smoke`` printed."""

    root: Path
    output: str

    def frame(self, frame: goldens.FrameId) -> Path:
        chapter, stem, beat = frame
        return self.root / chapter / stem / f"{beat}.png"


@pytest.fixture(scope="session")
def smoke_run(tmp_path_factory, pytestconfig) -> SmokeRun:
    """``render.py smoke`` once per session into a private output folder (approving the frames
    as goldens with ``--update-golden``)."""
    root = tmp_path_factory.mktemp("smoke-output")
    args = ["smoke", "--workers", str(os.cpu_count() or 1)]
    if pytestconfig.getoption("--update-golden"):
        args.append("--update-golden")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MATHREEL_OUTPUT", str(root))
        result = CliRunner().invoke(render.cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return SmokeRun(root / "smoke", result.output)


def test_every_beat_has_a_key_frame_at_480p_and_nothing_is_left_half_written(smoke_run):
    for frame in FRAMES:
        path = smoke_run.frame(frame)
        assert path.exists(), f"no key frame for {'/'.join(frame)} in {smoke_run.root}"
        with Image.open(path) as image:
            assert image.size == (854, 480), f"{path}: {image.size}"
    made = {
        p.relative_to(smoke_run.root).as_posix() for p in smoke_run.root.rglob("*") if p.is_file()
    }
    expected = {"/".join(f) + ".png" for f in FRAMES}
    expected |= {f"{chapter}/{stem}/{keyframes.TIMELINE}" for chapter, stem in SCENES}
    expected |= {f"{chapter.slug}/{keyframes.CONTACT_SHEET}" for chapter in CHAPTERS}
    assert made == expected
    assert not [p.name for p in smoke_run.root.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("frame", FRAMES, ids=["/".join(f) for f in FRAMES])
def test_key_frame_matches_its_golden(smoke_run, frame):
    problem = goldens.check_frame(frame, smoke_run.frame(frame))
    if problem:
        pytest.fail(problem, pytrace=False)


def test_every_beat_has_a_golden_and_every_golden_a_beat(request):
    if request.config.getoption("--update-golden"):
        request.getfixturevalue("smoke_run")  # approve first, then check what was approved
    expected, present = set(FRAMES), goldens.golden_frames()
    missing, stale = sorted(expected - present), sorted(present - expected)
    problems = []
    if missing:
        problems.append(
            f"beats with no golden ({len(missing)}): " + ", ".join("/".join(f) for f in missing)
        )
    if stale:
        problems.append(
            f"goldens for beats or scenes no longer in the manifest ({len(stale)}): "
            + ", ".join("/".join(f) for f in stale)
        )
    if problems:
        pytest.fail(
            "; ".join(problems) + ". Look at the key frames (.venv/bin/python render.py smoke "
            "writes them with a contact sheet per chapter under output/smoke/), then approve "
            f"them with: {goldens.APPROVE_COMMAND}",
            pytrace=False,
        )


@pytest.mark.parametrize("scene", SCENES, ids=[stem for _, stem in SCENES])
def test_no_beat_leaves_the_title_safe_area(smoke_run, scene):
    chapter, stem = scene
    timeline = Timeline.load(smoke_run.root / chapter / stem / keyframes.TIMELINE)
    violations = [
        f"beat {record.id}: {violation}"
        for record in timeline.beats
        for violation in record.safe_area_violations
    ]
    assert [b.id for b in timeline.beats] == [f[2] for f in FRAMES if f[:2] == scene]
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("scene", SCENES, ids=[stem for _, stem in SCENES])
def test_no_text_is_too_small_and_nothing_goes_wrong_mid_beat(smoke_run, scene):
    chapter, stem = scene
    timeline = Timeline.load(smoke_run.root / chapter / stem / keyframes.TIMELINE)
    problems = [
        f"beat {record.id}: {problem}"
        for record in timeline.beats
        for problem in record.small_text + record.mid_beat_problems
    ]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.slug for c in CHAPTERS])
def test_contact_sheet_is_a_grid_of_every_key_frame(smoke_run, chapter):
    columns = max(
        len([f for f in FRAMES if f[:2] == (chapter.slug, e.stem)]) for e in chapter.scenes
    )
    rows = len(chapter.scenes)
    with Image.open(smoke_run.root / chapter.slug / keyframes.CONTACT_SHEET) as opened:
        sheet = opened.convert("RGB")
    width, height = contact_sheet.sheet_size(columns, rows)
    assert sheet.size == (width, height)
    assert (
        width >= columns * contact_sheet.THUMB_SIZE[0]
        and height >= rows * contact_sheet.THUMB_SIZE[1]
    )
    for row, entry in enumerate(chapter.scenes):
        beats = [f[2] for f in FRAMES if f[:2] == (chapter.slug, entry.stem)]
        for column in range(columns):
            cell = np.asarray(sheet.crop(contact_sheet.thumb_box(row, column)), dtype=np.int16)
            if column < len(beats):
                with Image.open(smoke_run.frame((chapter.slug, entry.stem, beats[column]))) as f:
                    thumb = np.asarray(contact_sheet.thumbnail(f), dtype=np.int16)
                assert np.abs(cell - thumb).mean() < 1, (
                    f"cell {row},{column} is not {beats[column]}"
                )
            else:
                assert (cell == contact_sheet.SHEET_BACKGROUND).all(), (
                    f"cell {row},{column} should be empty"
                )

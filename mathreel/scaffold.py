"""``mathreel new DIR``: a small project that renders at once (one chapter of one scene, its
figures module and narration, a test pinning the figure, manim.cfg and a README of the commands)."""

from __future__ import annotations

import json
import re
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from mathreel.errors import UserError
from mathreel.paths import LIBRARY

PYPROJECT = """\
[project]
name = "{name}"
version = "0.1.0"
description = "Narrated math videos made with mathreel."
requires-python = ">=3.11"
# mathreel is not on the package index: it is installed from here (a wheel or a checkout).
dependencies = ["mathreel @ {source}"]

[project.optional-dependencies]
test = ["pytest>=8"]

[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

# The project's content is not a package to install: `pip install -e .` installs its dependencies.
[tool.setuptools]
packages = []

# This table marks the folder as a mathreel project: `mathreel` run here or in any folder below
# finds scenes/, narration/, output/ and .cache/ here.
[tool.mathreel]
# Fail, not warn, when chapter markers break a platform's rules (at least 3 chapters of at
# least 10 s each for a video description's chapter list): set it once the course is real.
strict = false

[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["."]
"""

MANIFEST = '''\
"""The chapter manifest: each chapter's scenes in order (module stems under scenes/)."""

CHAPTERS = [
    {
        "number": 1,
        "course": "My Course",
        "title": "Hello, Slope",
        "scenes": ["hello_slope"],
    },
]
'''

FIGURES = '''\
"""Exact figures for "Hello, Slope": the parabola and its slope at one point (no Manim here, so
tests/ pins every number the scene shows or says)."""

from __future__ import annotations

import sympy as sp

x = sp.Symbol("x")

#: The curve the scene draws, and its derivative.
CURVE: sp.Expr = x**2
SLOPE: sp.Expr = sp.diff(CURVE, x)
#: Where the tangent touches, and its slope there.
POINT = 1
SLOPE_AT_POINT: sp.Expr = SLOPE.subs(x, POINT)
'''

SCENE = '''\
"""Hello, Slope: a parabola is drawn, then its tangent at x = 1 with the slope there."""

from __future__ import annotations

from manim import *

from mathreel import NarratedScene, Theme, formula, plain_axes
from scenes.hello_slope_figures import CURVE, POINT, SLOPE_AT_POINT, x

#: The colours and type sizes of mathreel's pieces (formula, plain_axes, play_countdown).
THEME = Theme()
CURVE_COLOR = "#56B4E9"  # the function
TANGENT_COLOR = "#E69F00"  # its tangent, and the slope
POINT_COLOR = "#F0E442"  # the point being studied


class HelloSlope(NarratedScene):
    def construct(self) -> None:
        axes = plain_axes([-3, 3, 1], [-1, 9, 2], (7, 5), theme=THEME)
        curve = axes.plot(lambda v: float(CURVE.subs(x, v)), color=CURVE_COLOR)
        with self.beat("draw_curve") as beat:
            self.play(Create(axes), run_time=beat.until("curve"))
            self.play(Create(curve))
        with self.beat("tangent") as beat:
            tangent = axes.plot(
                lambda v: float(CURVE.subs(x, POINT) + SLOPE_AT_POINT * (v - POINT)),
                x_range=[-0.5, 2.5],
                color=TANGENT_COLOR,
            )
            dot = Dot(axes.c2p(POINT, float(CURVE.subs(x, POINT))), color=POINT_COLOR)
            label = formula(rf"f'({POINT}) = {SLOPE_AT_POINT}", TANGENT_COLOR, THEME)
            label.next_to(axes, UP, buff=0.2)
            self.play(FadeIn(dot), Create(tangent), run_time=beat.until("slope"))
            self.play(Write(label))
'''

NARRATION = """\
# Hello, Slope

## draw_curve
Here are the axes. {mark:curve} And here is the parabola [y = x²](say: y equals x squared).

## tangent
At [x = 1](say: x equals one), the tangent line touches the curve.
{mark:slope} Its slope is [f′(1) = 2](say: f prime of one equals two).
"""

TEST = '''\
"""The figures the scene shows and the narration says, pinned exactly."""

from pathlib import Path

from mathreel.narration.script import parse_narration
from scenes.hello_slope_figures import POINT, SLOPE_AT_POINT

NARRATION = Path(__file__).resolve().parents[1] / "narration" / "hello_slope.md"


def test_the_slope_at_the_point_is_two():
    assert (POINT, SLOPE_AT_POINT) == (1, 2)


def test_the_narration_says_the_slope_the_scene_shows():
    script = parse_narration(NARRATION)
    assert "f prime of one equals two" in " ".join(p.spoken for b in script.beats for p in b.phrases)
'''

MANIM_CFG = """\
# Read by Manim from the working folder: mathreel's render workers run in the project root.
[CLI]
background_color = #111318
"""

GITIGNORE = """\
output/
.cache/
media/
__pycache__/
.venv/
"""

README = """\
# {name}

Narrated math videos made with [mathreel]({source}): Manim scenes plus narration scripts in,
chapter videos out.

## Set up

mathreel is installed from {source} (not from the package index; `pyproject.toml` names the same
place):

```bash
python3 -m venv .venv && .venv/bin/pip install -e '.[test]'
```

## Commands (run here or in any folder below)

```bash
mathreel list                                   # chapters, scenes, beats, durations
mathreel scene hello_slope -q l -v silent       # one scene at 480p15, timing estimated (quick)
mathreel scene hello_slope --beat tangent       # preview one beat with its narration
mathreel chapter 1 -q l -v silent               # the chapter: MP4, captions, chapter page
mathreel chapter 1                              # 1080p60 with the piper voice
mathreel smoke                                  # a key frame at the end of every beat
pytest                                          # the figures pinned in tests/
```

Output lands in `output/<quality>/` (`output/480p15/chapter-01/index.html` is the chapter's page);
caches in `.cache/`. A chapter of fewer than three scenes, or a scene under 10 s, gets a warning:
a video platform shows a description's chapter list only with at least three chapters of at
least 10 s. Set `strict = true` in `pyproject.toml` (or pass `--strict`) to make that an error.

## Files

- `scenes/manifest.py`: the chapters, each a list of scene module stems in order.
- `scenes/hello_slope.py`: the scene, a `NarratedScene`; `with self.beat("id") as beat:` plays a
  beat under its narration, `beat.until("mark")` ends an animation on a mark.
- `scenes/hello_slope_figures.py`: every number the scene shows or says, computed with sympy.
- `narration/hello_slope.md`: `# Title`, then one `## beat_id` per beat; `{{mark:name}}` is a cue,
  `[shown](say: spoken)` captions a symbol while the voice speaks words.
- `manim.cfg`: Manim's settings (mathreel runs Manim in this folder).
"""


def library_source() -> str:
    """Where this mathreel was installed from, as a PEP 508 URL: the wheel or folder pip recorded
    (PEP 610), else the checkout this module runs from."""
    try:
        recorded = distribution("mathreel").read_text("direct_url.json")
    except PackageNotFoundError:
        recorded = None
    if recorded:
        url = json.loads(recorded).get("url", "")
        if url.startswith("file://"):
            return url
    checkout = LIBRARY.parent
    if (checkout / "pyproject.toml").is_file():
        return checkout.as_uri()
    raise UserError(
        "mathreel new: cannot tell where mathreel was installed from (no file:// source "
        "recorded); install it from its wheel or checkout with pip"
    )


def files(name: str, source: str) -> dict[str, str]:
    """The project's files by relative path."""
    return {
        "pyproject.toml": PYPROJECT.format(name=name, source=source),
        "README.md": README.format(name=name, source=source),
        ".gitignore": GITIGNORE,
        "manim.cfg": MANIM_CFG,
        "scenes/__init__.py": "",
        "scenes/manifest.py": MANIFEST,
        "scenes/hello_slope.py": SCENE,
        "scenes/hello_slope_figures.py": FIGURES,
        "narration/hello_slope.md": NARRATION,
        "tests/test_hello_slope.py": TEST,
    }


def new_project(folder: Path) -> list[Path]:
    """Write a new project into ``folder`` (absent or empty); the paths written, in order."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UserError(f"mathreel new: {folder} already exists and is not an empty folder")
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", folder.resolve().name).strip("-._") or "my-course"
    written = []
    for relative, text in files(name, library_source()).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

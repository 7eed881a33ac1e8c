"""The by-value digest behind the beat key: equal state digests equal in any process, whatever
the hash seed, the reference counts or the project's folder; what has no digest is refused."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from mathreel.render.drawing.carried import CannotDigest, _Digest
from tests.course import ROOT

PROBE = textwrap.dedent(
    """
    from mathreel.render.drawing.carried import _Digest

    def rule(x, scale=2):
        return x in {"alpha", "beta", "gamma", "delta"} and scale * len(x)

    state = {"words": {"w1", "w2", "w3"}, "rule": rule, "pairs": [(1, 2.5), (3, None)]}
    digest = _Digest(None, {})
    digest.value(state, "state")
    print(digest.hash.hexdigest())
    """
)


def digest_of(value) -> str:
    d = _Digest(None, {})
    d.value(value, "value")
    return d.hash.hexdigest()


def test_the_same_state_digests_the_same_under_any_hash_seed():
    seen = {
        subprocess.run(
            [sys.executable, "-c", PROBE],
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(seen) == 1, seen


def test_a_functions_digest_does_not_depend_on_reference_counts():
    namespace: dict = {}
    exec("def f(x):\n    return x + 'a long enough constant string'\n", namespace)
    before = digest_of(namespace["f"])
    held = [namespace["f"].__code__.co_consts] * 10  # more references to the same constants
    assert digest_of(namespace["f"]) == before
    del held


def test_a_function_moved_to_another_file_keeps_its_digest_and_an_edit_changes_it():
    a: dict = {}
    b: dict = {}
    exec(compile("def f(x):\n    return x * 2\n", "/one/scene.py", "exec"), a)
    exec(compile("\n\ndef f(x):\n    return x * 2\n", "/two/scene.py", "exec"), b)
    assert digest_of(a["f"]) == digest_of(b["f"])
    exec(compile("def f(x):\n    return x * 3\n", "/one/scene.py", "exec"), b)
    assert digest_of(a["f"]) != digest_of(b["f"])


def test_what_a_closure_holds_is_part_of_the_digest():
    def drift(speed):
        return lambda m: m * speed

    assert digest_of(drift(1.0)) == digest_of(drift(1.0))
    assert digest_of(drift(1.0)) != digest_of(drift(1.5))


def test_what_a_library_functions_closure_holds_is_part_of_the_digest():
    """``redraw``'s updater is library code holding the author's function, which holds a
    tracker: a tracker moved off screen changes the digest though the picture is the same."""
    from manim import Dot, ValueTracker

    from mathreel import redraw

    def redrawn(start: float):
        where = ValueTracker(start)
        return redraw(lambda: Dot([min(where.get_value(), 1.0), 0, 0]))

    assert digest_of(redrawn(2.0)) == digest_of(redrawn(2.0))
    assert digest_of(redrawn(2.0)) != digest_of(redrawn(3.0))


@pytest.mark.parametrize(
    "value",
    [(n for n in range(3)), open(__file__, encoding="utf-8")],
    ids=["generator", "open file"],
)
def test_what_has_no_digest_by_value_is_refused_naming_it(value):
    with pytest.raises(CannotDigest, match="value"):
        digest_of({"held": value})
    if hasattr(value, "close"):
        value.close()


def test_points_a_few_ulps_apart_digest_alike_and_a_visible_move_does_not():
    """A label moved every frame of a drawn play and the same label moved once by a skipped one
    end a few ulps apart (0.12098381250000001 against 0.1209838125 was seen): the same state. A
    move of a thousandth of a pixel at 2160p is not."""
    import numpy as np
    from manim import Dot

    def dot_at(x: float) -> str:
        dot = Dot().move_to([x, 0.1209838125, 0])
        return digest_of(dot)

    assert dot_at(0.1209838125) == dot_at(np.nextafter(0.1209838125, 1))
    assert dot_at(0.1209838125) == dot_at(0.1209838125 - 4.4e-16)
    assert dot_at(0.1209838125) != dot_at(0.1209838125 + 0.0037 / 1000)
    assert digest_of(np.array([0.1209838125])) != digest_of(np.array([0.12098381250000001]))

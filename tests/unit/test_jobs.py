"""Render-job inputs: the code a scene uses is found from its imports, and every input moves the key."""

from __future__ import annotations

from mathreel.narration.synthesis import NarrationPlan
from mathreel.quality import get_quality
from mathreel.render import keys
from render import project_manifest
from tests.course import ROOT


def test_source_closure_follows_project_imports():
    closure = {
        p.relative_to(ROOT).as_posix()
        for p in keys.source_closure(ROOT / "scenes" / "slope_at_a_point.py")
    }
    assert {
        "scenes/slope_at_a_point.py",
        "scenes/slope_at_a_point_figures.py",
        "scenes/style.py",
        "mathreel/render/scene.py",
        "mathreel/narration/audio.py",
        "manim.cfg",
    } <= closure
    assert not any(p.startswith("scenes/power_rule") for p in closure)


def test_key_moves_with_plan_and_quality_and_code(monkeypatch, tmp_path):
    entry = project_manifest().find_scene("slope_at_a_point")
    plan = NarrationPlan("slope_at_a_point", "T", "n.md", "silent", False)
    key = keys.scene_key(entry, plan, get_quality("l"))
    assert key == keys.scene_key(entry, plan, get_quality("l"))
    assert key != keys.scene_key(entry, plan, get_quality("h"))
    other = NarrationPlan("slope_at_a_point", "T", "n.md", "piper", True)
    assert key != keys.scene_key(entry, other, get_quality("l"))
    style = tmp_path / "style.py"
    style.write_text((ROOT / "scenes" / "style.py").read_text() + "\n# changed\n")
    real = keys.source_closure

    def with_changed_style(path):
        return [style if p.name == "style.py" else p for p in real(path)]

    monkeypatch.setattr(keys, "source_closure", with_changed_style)
    assert key != keys.scene_key(entry, plan, get_quality("l"))

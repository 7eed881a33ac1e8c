"""Render-job inputs: the code a scene uses is found from its imports, and every input moves the key."""

from __future__ import annotations

from mathreel.narration.synthesis import NarrationPlan
from mathreel.quality import get_quality
from mathreel.render.runs import keys
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
        "scenes/common/style.py",
        "mathreel/render/drawing/scene.py",
        "mathreel/narration/audio.py",
        "manim.cfg",
    } <= closure
    assert not any(p.startswith("scenes/power_rule") for p in closure)


def test_a_public_name_imported_from_the_package_brings_its_module(tmp_path):
    """``from mathreel import redraw`` loads mathreel/render/drawing/redraw.py through the
    package's lazy table, an import no parse sees: the key follows the table."""
    from mathreel import _PUBLIC

    scene = tmp_path / "uses_public.py"
    scene.write_text("from mathreel import decimal, redraw\n")
    closure = {p.relative_to(ROOT).as_posix() for p in keys.module_closure(scene) if p != scene}
    assert {"mathreel/numbers.py", "mathreel/render/drawing/redraw.py"} <= closure
    assert _PUBLIC["redraw"] == "mathreel.render.drawing.redraw"


def test_key_moves_with_plan_and_quality_and_code(monkeypatch, tmp_path):
    entry = project_manifest().find_scene("slope_at_a_point")
    plan = NarrationPlan("slope_at_a_point", "T", "n.md", "silent", False)
    key = keys.scene_key(entry, plan, get_quality("l"))
    assert key == keys.scene_key(entry, plan, get_quality("l"))
    assert key != keys.scene_key(entry, plan, get_quality("h"))
    other = NarrationPlan("slope_at_a_point", "T", "n.md", "piper", True)
    assert key != keys.scene_key(entry, other, get_quality("l"))
    style = tmp_path / "style.py"
    style.write_text((ROOT / "scenes" / "common" / "style.py").read_text() + "\n# changed\n")
    real = keys.source_closure

    def with_changed_style(path):
        return [style if p.name == "style.py" else p for p in real(path)]

    monkeypatch.setattr(keys, "source_closure", with_changed_style)
    assert key != keys.scene_key(entry, plan, get_quality("l"))


def test_sweep_removes_killed_renders_and_all_but_the_newest_failed_ones(monkeypatch, tmp_path):
    import os
    import subprocess

    from mathreel.render.runs import scene_job

    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path))
    dead = subprocess.Popen(["true"])  # a process that has exited and been reaped
    dead.wait()
    root = scene_job.work_root()

    def folder(name: str, pid: int, failed_at: float | None = None, size: int = 1000):
        path = root / f"480p15-{name}-video-pid{pid}-x"
        path.mkdir(parents=True)
        (path / "silent.mp4").write_bytes(b"\0" * size)
        if failed_at is not None:
            (path / "error.txt").write_text("boom")
            os.utime(path / "error.txt", (failed_at, failed_at))
        return path

    running = folder("running", os.getpid())
    killed = folder("killed", dead.pid)
    failed = [folder(f"failed{n}", dead.pid, failed_at=1000.0 + n) for n in range(5)]
    removed, freed = scene_job.sweep_abandoned_work()
    assert (removed, freed) == (3, 3 * 1000 + 2 * len("boom"))
    assert running.exists() and not killed.exists()
    kept = [f.exists() for f in failed]
    assert kept == [False, False] + [True] * scene_job.KEEP_FAILED  # the newest failures' logs

"""Seeding a worker's media folder from the shared SVG cache while another worker publishes into
it: a ".partial" file is not seeded, and an SVG renamed away between listing and linking is
skipped, not a crash (a smoke run of two workers failed so in a fresh clone)."""

from __future__ import annotations

import os

from mathreel.render.runs import scene_job


def test_partials_are_not_seeded_and_a_vanished_svg_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("MATHREEL_CACHE", str(tmp_path / "cache"))
    tex = tmp_path / "cache" / "svg" / "Tex"
    tex.mkdir(parents=True)
    (tex / "kept.svg").write_text("<svg/>")
    (tex / ".kept.partial-7-8.svg").write_text("<svg")
    (tex / "gone.svg").write_text("<svg/>")
    real_link = os.link

    def link(src, dst):
        if os.path.basename(src) == "gone.svg":
            os.unlink(src)  # renamed away by the publishing worker after the listing
            raise FileNotFoundError(src)
        return real_link(src, dst)

    monkeypatch.setattr(scene_job.os, "link", link)
    scene_job.seed_svg_cache(tmp_path / "media")
    assert sorted(p.name for p in (tmp_path / "media" / "Tex").iterdir()) == ["kept.svg"]

"""Progress rows: reused scenes are shown as finished rows on a terminal, as lines elsewhere."""

from __future__ import annotations

from mathreel.render.runs.progress import RenderProgress


def test_reused_scene_is_a_finished_row_on_a_terminal():
    lines: list[str] = []
    progress = RenderProgress(lines.append, live=True)
    try:
        progress.reused("a", "01-a", 12.5, "[01-a] unchanged, reusing output/a.mp4")
        progress.queued("b", "02-b", 30.0)
        rows = {t.fields["slug"]: t for t in progress._bar.tasks}
    finally:
        progress.close()
    assert rows["01-a"].fields["state"] == "reused"
    assert rows["01-a"].completed == rows["01-a"].total == 12.5
    assert rows["02-b"].fields["state"] == "queued" and rows["02-b"].completed == 0


def test_plain_output_prints_the_reuse_line():
    lines: list[str] = []
    progress = RenderProgress(lines.append, live=False)
    progress.reused("a", "01-a", 12.5, "[01-a] unchanged, reusing output/a.mp4")
    progress.close()
    assert lines == ["[01-a] unchanged, reusing output/a.mp4"]

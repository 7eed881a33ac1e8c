"""The worker's job: one typed record, written as JSON and read back whole."""

from __future__ import annotations

from pathlib import Path

from mathreel.render.runs.worker_job import WorkerJob


def test_a_job_reads_back_equal_from_its_json(tmp_path: Path) -> None:
    job = WorkerJob(
        stem="s",
        module="scenes.s",
        class_name="S",
        quality="l",
        plan="/w/narration.json",
        work="/w",
        media_dir="/w/media",
        timeline="/w/timeline.json",
        error_out="/w/error.txt",
        video_out="/w/silent.mp4",
        segments="/c/segments/480p15/s",
        beats=("one", "two"),
        code_key="k" * 64,
        code_files=(("scenes/s.py", "a" * 64), ("scenes/t.py", "b" * 64)),
        force=True,
        progress_out="/w/progress",
        parent_pid=42,
        zygote=(5, 6),
    )
    (tmp_path / "job.json").write_text(job.to_json(), encoding="utf-8")
    assert WorkerJob.load(tmp_path / "job.json") == job
    assert WorkerJob.from_json(job.but(beats=None, zygote=None).to_json()).beats is None


def test_but_changes_only_what_it_names() -> None:
    job = WorkerJob("s", "scenes.s", "S", "l", "p", "w", "m", "t", "e")
    forked = job.but(media_dir="/zygote/media", parent_pid=7)
    assert (forked.media_dir, forked.parent_pid, forked.stem) == ("/zygote/media", 7, "s")
    assert job.media_dir == "m"

"""Rendering on a Dask cluster: a real ``dask scheduler`` and two ``dask worker`` processes on
127.0.0.1, each worker in its own working directory with its own copy of the tiny three-scene
project (a chapter needs three chapter markers) and its own cache, so nothing a task does can read the client's paths.

Checked: frames decoded from a cluster render equal a local render's (audio, captions and
timelines identical); a worker process killed mid-task has its scene rescheduled and the chapter
completes; a bad scene is one line, exit 2, never retried; Ctrl-C leaves no render process on the
workers; a worker whose code differs is refused in one line; a bad ``--cluster`` value and an
unreachable scheduler are one line each.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.tiny_project import (
    STEMS,
    gone,
    one_line_failure,
    tiny_env,
    tiny_project,
    workers_alive,
)

pytest.importorskip("distributed")
pytestmark = pytest.mark.render

from mathreel.render.runs.cluster import SAME_SET_UP  # noqa: E402  (needs distributed's absence skipped)

DASK = Path(sys.executable).with_name("dask")
TIMEOUT = 240


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A scheduler and two workers as separate processes, each in its own session."""

    def __init__(self, root: Path, client: Path) -> None:
        self.root = root
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.procs: list[subprocess.Popen] = []
        self.workers: list[Path] = []
        self.logs: list[Path] = []
        self._start(
            "scheduler",
            root,
            [
                str(DASK),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                self.address.rsplit(":", 1)[1],
                "--no-dashboard",
            ],
            {},
        )
        for n in (1, 2):
            home = root / f"worker{n}"
            shutil.copytree(
                client, home / "project", ignore=shutil.ignore_patterns("output", ".cache")
            )
            self.workers.append(home / "project")
            self._start(
                f"worker{n}",
                home / "project",
                [
                    str(DASK),
                    "worker",
                    self.address,
                    "--nthreads",
                    "1",
                    "--name",
                    f"w{n}",
                    "--no-dashboard",
                    "--local-directory",
                    str(home / "dask"),
                ],
                {"MATHREEL_CACHE": str(home / "cache"), "PYTHONPATH": str(home / "project")},
            )
        self._wait_for_workers(2)

    def _start(self, name: str, cwd: Path, args: list[str], extra: dict[str, str]) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MATHREEL_")}
        env.pop("PYTHONPATH", None)
        log = self.root / f"{name}.log"
        self.logs.append(log)
        with open(log, "w") as handle:
            self.procs.append(
                subprocess.Popen(
                    args,
                    cwd=cwd,
                    env={**env, **extra},
                    stdout=handle,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def _wait_for_workers(self, count: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(count, timeout=90)

    def close(self) -> None:
        for proc in reversed(self.procs):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    root = tmp_path_factory.mktemp("cluster")
    client = tiny_project(root / "client")
    running = Cluster(root, client)
    running.client = client
    try:
        yield running
    finally:
        running.close()


def _runtiny_env(project: Path, output: Path) -> dict[str, str]:
    return {**tiny_env(project, output), "PYTHONUNBUFFERED": "1"}


def render(project: Path, output: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "render.py", "chapter", "1", "-q", "l", "-v", "silent", *args],
        cwd=project,
        env=_runtiny_env(project, output),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def start(project: Path, output: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "render.py", "chapter", "1", "-q", "l", "-v", "silent", *args],
        cwd=project,
        env=_runtiny_env(project, output),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for_lines(proc: subprocess.Popen, pattern: str, count: int) -> list[re.Match]:
    """Read ``proc``'s output until ``count`` lines match ``pattern``; returns the matches."""
    found, seen = [], []
    deadline = time.monotonic() + TIMEOUT
    while len(found) < count and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"run ended first: {''.join(seen)}{proc.stderr.read()}")
        seen.append(line)
        if match := re.search(pattern, line):
            found.append(match)
    assert len(found) == count, "".join(seen)
    return found


def decoded_frames(video: Path) -> list[str]:
    import av

    with av.open(str(video)) as container:
        return [
            hashlib.sha256(frame.to_ndarray(format="rgb24").tobytes()).hexdigest()
            for frame in container.decode(video=0)
        ]


def render_processes(roots: list[Path]) -> list[int]:
    """Pids of render workers whose job lies under one of ``roots`` (the workers' caches)."""
    return [pid for root in roots for pid in workers_alive(root)]


def scene_files(output: Path, stem: str) -> Path:
    return output / "480p15" / "scenes" / stem


def test_cluster_render_equals_a_local_render(cluster, tmp_path):
    local_out, cluster_out = tmp_path / "local", tmp_path / "cluster"
    local = render(cluster.client, local_out, "-j", "2")
    assert local.returncode == 0, local.stderr
    # --force: the local render's scenes are kept by their keys and would be restored here.
    remote = render(cluster.client, cluster_out, "--cluster", cluster.address, "--force")
    assert remote.returncode == 0, remote.stdout + remote.stderr
    assert "2 workers, all alike" in remote.stdout
    for n, stem in enumerate(STEMS, 1):
        assert re.search(rf"\[0{n}-{stem}\] started on tcp://127\.0\.0\.1:\d+ ", remote.stdout)
        a, b = (scene_files(out, stem) for out in (local_out, cluster_out))
        frames = decoded_frames(a.with_suffix(".mp4"))
        assert len(frames) > 100 and frames == decoded_frames(b.with_suffix(".mp4")), stem
        for suffix in (".narration.wav", ".timeline.json", ".narration.json", ".loudness.json"):
            assert Path(f"{a}{suffix}").read_bytes() == Path(f"{b}{suffix}").read_bytes(), suffix
    chapter = Path("480p15") / "chapter-01" / "chapter-01"
    assert decoded_frames(local_out / f"{chapter}.mp4") == decoded_frames(
        cluster_out / f"{chapter}.mp4"
    )
    for suffix in (".srt", ".vtt", ".chapters.vtt", ".transcript.md"):
        assert (local_out / f"{chapter}{suffix}").read_bytes() == (
            cluster_out / f"{chapter}{suffix}"
        ).read_bytes(), suffix


def work_folders_of(roots: list[Path], pid: str) -> list[Path]:
    return [f for root in roots if root.is_dir() for f in root.iterdir() if f"-pid{pid}-" in f.name]


def test_worker_killed_mid_task_is_rescheduled_and_the_chapter_completes(cluster, tmp_path):
    out = tmp_path / "out"
    run = start(cluster.client, out, "--force", "--cluster", cluster.address)
    try:
        # The pid is the worker process that runs the task (os.getpid() inside it), not its nanny:
        # killing it is a crash of the process holding the task; the nanny starts a fresh worker
        # and the scheduler, having lost the task with its worker, gives it to a worker again.
        first = wait_for_lines(run, r"\[(\S+)\] started on (\S+) .*pid (\d+)\)", 1)[0]
        work = [w.parent / "cache" / "work" for w in cluster.workers]
        deadline = time.monotonic() + 60
        while not work_folders_of(work, first[3]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert work_folders_of(work, first[3]), "the task never made its work folder"
        os.kill(int(first[3]), signal.SIGKILL)
        stdout, stderr = run.communicate(timeout=TIMEOUT)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 0, stdout + stderr
    assert re.search(rf"\[{re.escape(first[1])}\] rescheduled: attempt 2 on tcp://", stdout), stdout
    assert f"[{first[1]}] done in" in stdout
    assert f"chapter 1: {len(STEMS)} of {len(STEMS)} scenes rendered" in stdout
    assert not render_processes([w.parent for w in cluster.workers])
    # The killed process's work folder on its machine is swept by the process that replaced it.
    assert not work_folders_of(work, first[3])


def _break_scene(projects: list[Path], stem: str) -> int:
    """Put a ZeroDivisionError into ``stem``'s construct in every copy; returns its line."""
    for project in projects:
        path = project / "scenes" / f"{stem}.py"
        text = path.read_text().replace(
            "        shape = ring()\n", "        shape = ring()\n        1 / 0\n"
        )
        path.write_text(text)
    return text.splitlines().index("        1 / 0") + 1


def test_bad_scene_is_one_line_exit_2_and_never_retried(cluster, tmp_path):
    copies = [cluster.client, *cluster.workers]
    originals = {p: (p / "scenes" / "tiny_b.py").read_text() for p in copies}
    line = _break_scene(copies, "tiny_b")
    try:
        result = render(cluster.client, tmp_path / "out", "--force", "--cluster", cluster.address)
    finally:
        for project, text in originals.items():
            (project / "scenes" / "tiny_b.py").write_text(text)
    message = one_line_failure(
        result, 2, f"scene 'tiny_b' failed to render: scenes/tiny_b.py:{line}: ZeroDivisionError"
    )
    # The log named is on this machine (the task returned its tail), not a worker's path.
    log = Path(message.split("full log: ")[1].rstrip(")"))
    assert log.is_relative_to(cluster.client) and "ZeroDivisionError" in log.read_text()
    assert "[02-tiny_b] rescheduled" not in result.stdout
    assert result.stdout.count("[02-tiny_b] started on") <= 1


def test_ctrl_c_stops_every_render_process_on_the_workers(cluster, tmp_path):
    roots = [w.parent for w in cluster.workers]
    run = start(cluster.client, tmp_path / "out", "--force", "--cluster", cluster.address)
    try:
        wait_for_lines(run, r"\] started on ", 2)
        deadline = time.monotonic() + 60
        while len(render_processes(roots)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        pids = render_processes(roots)
        assert len(pids) == 2
        os.kill(run.pid, signal.SIGINT)
        stdout, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    one_line_failure(
        subprocess.CompletedProcess(run.args, run.returncode, stdout, stderr),
        130,
        "interrupted: stopped 2 render processes on the cluster",
    )
    assert gone(pids, 10) and not render_processes(roots)
    assert not list((tmp_path / "out" / "480p15" / "scenes").glob("*.mp4"))


def test_worker_with_other_code_is_refused_in_one_line(cluster, tmp_path):
    shapes = cluster.workers[1] / "scenes" / "tiny_shapes.py"
    text = shapes.read_text()
    shapes.write_text(text + "\n# edited on one machine only\n")
    try:
        result = render(cluster.client, tmp_path / "out", "--cluster", cluster.address)
    finally:
        shapes.write_text(text)
    line = one_line_failure(
        result,
        2,
        "renders differently from this machine: project code differs in scenes/tiny_shapes.py",
    )
    assert SAME_SET_UP in line


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("tcp:/oops", "unknown cluster 'tcp:/oops': use tcp://HOST:PORT"),
        ("tcp://127.0.0.1:1", "cannot reach the Dask scheduler at tcp://127.0.0.1:1"),
    ],
)
def test_bad_or_unreachable_cluster_is_one_line(cluster, tmp_path, value, fragment):
    result = render(cluster.client, tmp_path / "out", "--cluster", value)
    one_line_failure(result, 2, fragment)


# -- addresses where no Dask scheduler answers (loopback only) ----------------------------------------


@contextmanager
def listening(serve) -> Iterator[str]:
    """A server on a free loopback port, each accepted connection handed to ``serve`` in a thread."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            held.append(conn)
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    finally:
        server.close()
        for conn in held:
            conn.close()


def _never_answers(conn: socket.socket) -> None:
    """Accept and then say nothing (a stalled or foreign service)."""


def _http(conn: socket.socket) -> None:
    conn.recv(1024)
    conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html></html>")


def _banner(conn: socket.socket) -> None:
    conn.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")


@pytest.mark.parametrize(
    ("serve", "fragments"),
    [
        (_never_answers, ("accepts connections but sent nothing in 1 s",)),
        (_http, ("an HTTP server answers there (HTTP/1.0 200 OK), not a Dask scheduler",)),
        (_banner, ("not a Dask scheduler answers there ('SSH-2.0-OpenSSH_9.2p1 Debian-2')",)),
    ],
    ids=["silent", "http", "banner"],
)
def test_address_where_no_scheduler_answers_is_one_line_and_quick(tmp_path, serve, fragments):
    project = tiny_project(tmp_path / "project")
    with listening(serve) as address:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "render.py", "chapter", "1", "-q", "l", "-v", "silent"]
            + ["--cluster", address],
            cwd=project,
            env={**_runtiny_env(project, tmp_path / "out"), "MATHREEL_CLUSTER_TIMEOUT": "1"},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        seconds = time.monotonic() - started
    one_line_failure(result, 2, f"--cluster {address}: ", *fragments)
    assert seconds < 30, seconds  # it hung for minutes (silent) or died of a MemoryError (HTTP)
    assert not (tmp_path / "out").exists()

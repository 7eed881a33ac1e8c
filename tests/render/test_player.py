"""The chapter's player page in Debian's headless Chromium (Playwright drives it; no browser download)."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.render
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with HTTP Range support, which browsers need to seek in a video."""

    def log_message(self, *args):
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        start = int(match.group(1))
        end = min(int(match.group(2)) if match.group(2) else size - 1, size - 1)
        handle = open(path, "rb")
        handle.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return _Limited(handle, end - start + 1)


class QuietServer(http.server.ThreadingHTTPServer):
    """A loopback server that does not print the browser's aborted downloads (it seeks and cancels)."""

    def handle_error(self, request, client_address):
        pass


class _Limited:
    def __init__(self, handle, length):
        self.handle, self.left = handle, length

    def read(self, n=-1):
        n = self.left if n < 0 else min(n, self.left)
        data = self.handle.read(n)
        self.left -= len(data)
        return data

    def close(self):
        self.handle.close()


@pytest.fixture(scope="module")
def server(chapter_render):
    handler = functools.partial(RangeHandler, directory=str(chapter_render.chapter()))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM) or shutil.which("chromium") is None:
        pytest.fail("Debian's chromium is missing: ./run.sh test installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def test_player_page_plays_seeks_and_shows_tracks(server, browser, chapter_render, tmp_path):
    import json

    qc = json.loads((chapter_render.chapter() / "qc.json").read_text())
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    messages = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    page.goto(f"{server}/index.html")
    page.wait_for_function("document.getElementById('video').readyState >= 1", timeout=30_000)
    duration = page.evaluate("document.getElementById('video').duration")
    assert duration == pytest.approx(qc["timeline_seconds"], abs=1 / 15)

    page.wait_for_function(
        "Array.from(document.getElementById('video').textTracks).every(t => t.cues && t.cues.length > 0)",
        timeout=10_000,
    )
    tracks = page.evaluate(
        "Array.from(document.getElementById('video').textTracks).map(t => [t.kind, t.cues.length])"
    )
    assert sorted(tracks) == sorted(
        [["captions", qc["captions"]], ["chapters", len(qc["chapter_markers"])]]
    )

    target = qc["chapter_markers"][2]["start"]
    page.click("#chapters li:nth-child(3) button")
    page.wait_for_function(
        f"Math.abs(document.getElementById('video').currentTime - {target}) < 0.6", timeout=10_000
    )
    page.evaluate("document.getElementById('video').pause()")
    page.wait_for_function(
        "document.querySelector('#transcript li.current') !== null", timeout=10_000
    )
    current = float(page.evaluate("document.querySelector('#transcript li.current').dataset.start"))
    assert current == pytest.approx(target, abs=0.6)
    page.screenshot(path=str(chapter_render.chapter().parent / "player-screenshot.png"))
    assert messages == [], messages

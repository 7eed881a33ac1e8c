"""The chapter's page and the course page in Debian's headless Chromium (Playwright drives it; no
browser download): playback, tracks, the quiz answered in the page, controls, keyboard use, axe-core,
requests kept on the origin, and a 375 px wide screen."""

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
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--autoplay-policy=no-user-gesture-required",
]


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
    """The quality folder (course page, chapter folders) over loopback HTTP."""
    handler = functools.partial(RangeHandler, directory=str(chapter_render.chapter().parent))
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
    page.goto(f"{server}/chapter-01/index.html")
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


# -- the quiz answered in the page, controls, accessibility, the course page ----------------------
CHAPTER_PAGE = "/chapter-01/index.html"
FRAME = 1 / 15
VIDEO = "document.getElementById('video')"


@pytest.fixture(scope="module")
def chapter_clock(chapter_render):
    """Question 1 and 2 of the quiz on the chapter clock, computed here from the scene's own
    timeline and narration plan and the chapter's scene markers (not read from the page)."""
    import json

    from mathreel.narration.synthesis import NarrationPlan
    from mathreel.narration.timeline import Timeline

    qc = json.loads((chapter_render.chapter() / "qc.json").read_text())
    scenes = chapter_render.scenes()
    timeline = Timeline.load(scenes / "check_understanding.timeline.json")
    plan = NarrationPlan.load(scenes / "check_understanding.narration.json")
    offset = next(m["start"] for m in qc["chapter_markers"] if m["title"] == plan.title)

    def ends(ask: str, answer: str) -> tuple[float, float]:
        end = offset + timeline.beat(ask).start + plan.beat(ask).speech_end
        return end, offset + timeline.beat(answer).start

    return {"q1": ends("q1_ask", "q1_answer"), "q2": ends("q2_ask", "q2_answer")}


@pytest.fixture
def page(browser, server):
    """A fresh page (its own storage) on the chapter page, metadata loaded, console errors kept."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.outside = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((server, "data:")) else page.outside.append(r.url),
    )
    page.goto(f"{server}{CHAPTER_PAGE}")
    page.wait_for_function(f"{VIDEO}.readyState >= 1", timeout=30_000)
    yield page
    assert page.errors == []
    context.close()


def play_into(page, question_end: float, lead: float = 2.0) -> None:
    page.evaluate(f"{VIDEO}.currentTime = {question_end - lead}")
    page.wait_for_function(f"!{VIDEO}.seeking", timeout=10_000)
    page.evaluate(f"{VIDEO}.play()")


def open_question(page, question_end: float) -> float:
    """Play up to a question; the frame the page stopped on (from its frame callback)."""
    play_into(page, question_end)
    page.wait_for_selector("#quiz:not([hidden])", timeout=20_000)
    assert page.evaluate(f"{VIDEO}.paused")
    return float(page.get_attribute("#quiz", "data-frame-time"))


def test_quiz_pauses_within_a_frame_and_explains_each_choice(page, chapter_clock):
    from scenes.check_understanding_quiz import Q1

    end, answer = chapter_clock["q1"]
    stopped = open_question(page, end)
    assert end - FRAME - 1e-3 <= stopped < end + 1e-3  # the last frame before the question's end
    assert abs(page.evaluate(f"{VIDEO}.currentTime") - end) < 0.25
    assert page.inner_text("#quiz-prompt") == Q1.prompt
    assert page.get_attribute("#quiz-feedback", "aria-live") == "polite"
    buttons = page.locator("#quiz-choices button")
    assert buttons.count() == 4
    buttons.nth(0).click()  # the area: wrong
    assert Q1.choices[0].explanation in page.inner_text("#quiz-feedback")
    assert "wrong" in page.get_attribute("#quiz-feedback", "class")
    buttons.nth(Q1.answer).click()
    assert Q1.choices[Q1.answer].explanation in page.inner_text("#quiz-feedback")
    page.click("#quiz-continue")
    page.wait_for_function(f"!{VIDEO}.paused && {VIDEO}.currentTime > {answer}", timeout=10_000)
    assert page.evaluate(f"{VIDEO}.currentTime") < answer + 1.0  # resumed at the answer beat
    assert page.is_hidden("#quiz")
    stored = page.evaluate("Object.entries(localStorage)")
    assert stored == [["mathreel:Derivatives/chapter-01:answer:check_understanding.q1_ask", "0"]]


def test_skip_plays_on_and_seeking_past_does_not_stop(page, chapter_clock):
    end, answer = chapter_clock["q2"]
    open_question(page, end)
    page.click("#quiz-skip")
    page.wait_for_function(f"{VIDEO}.currentTime > {end + 0.5}", timeout=10_000)
    assert not page.evaluate(f"{VIDEO}.paused") and page.is_hidden("#quiz")
    assert page.evaluate(f"{VIDEO}.currentTime") < answer  # played on through the thinking pause
    q1_end, _ = chapter_clock["q1"]
    play_into(page, q1_end, lead=4.0)
    page.wait_for_function(f"{VIDEO}.currentTime > {q1_end - 3.5}", timeout=10_000)
    page.evaluate(f"{VIDEO}.currentTime = {q1_end + 0.5}")  # past question 1 while playing
    page.wait_for_function(f"{VIDEO}.currentTime > {q1_end + 2}", timeout=10_000)
    assert not page.evaluate(f"{VIDEO}.paused") and page.is_hidden("#quiz")


def test_one_question_by_keyboard_alone(page, chapter_clock):
    from scenes.check_understanding_quiz import Q1

    end, answer = chapter_clock["q1"]
    page.goto(f"{page.url.split('#')[0]}#t={end - 2:.1f}")
    page.reload()
    page.wait_for_function(f"Math.abs({VIDEO}.currentTime - {end - 2:.1f}) < 0.2", timeout=10_000)
    page.keyboard.press("k")
    page.wait_for_selector("#quiz:not([hidden])", timeout=20_000)
    assert page.evaluate("document.activeElement.id") == "quiz-prompt"
    for _ in range(Q1.answer + 1):
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.endswith(Q1.choices[Q1.answer].text)
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring == "solid"  # a visible focus ring
    page.keyboard.press("Enter")
    assert page.inner_text("#quiz-feedback").endswith(Q1.choices[Q1.answer].explanation)
    for _ in range(len(Q1.choices) - Q1.answer):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quiz-continue"
    page.keyboard.press("Enter")
    page.wait_for_function(f"!{VIDEO}.paused && {VIDEO}.currentTime > {answer}", timeout=10_000)
    page.keyboard.press("k")
    assert page.evaluate(f"{VIDEO}.paused")
    page.keyboard.press("?")
    assert page.evaluate("document.getElementById('shortcuts').open")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('shortcuts').open")


def test_links_to_a_moment_speed_and_captions(page, server):
    page.goto(f"{server}{CHAPTER_PAGE}#t=120")
    page.reload()
    page.wait_for_function(f"Math.abs({VIDEO}.currentTime - 120) < 0.2", timeout=10_000)
    page.evaluate(f"{VIDEO}.currentTime = 200.6")
    page.click("#copy-link")
    assert page.evaluate("location.hash") == "#t=200"
    page.wait_for_function("document.getElementById('status').textContent.includes('#t=200')")

    page.select_option("#speed", "1.5")
    assert page.evaluate(f"{VIDEO}.playbackRate") == 1.5
    captions = f"Array.from({VIDEO}.textTracks).find(t => t.kind === 'captions').mode"
    assert page.evaluate(captions) == "showing"  # on by default
    page.click("#captions-toggle")
    assert page.evaluate(captions) == "hidden"
    assert page.get_attribute("#captions-toggle", "aria-pressed") == "false"
    page.reload()  # remembered
    page.wait_for_function(f"{captions} === 'hidden'", timeout=10_000)
    page.keyboard.press("c")
    assert page.evaluate(captions) == "showing"

    page.fill("#transcript-search", "tangent")
    shown = page.eval_on_selector_all(
        "#transcript li:not([hidden])", "ls => ls.map(l => l.textContent)"
    )
    assert shown and all("tangent" in line.lower() for line in shown)
    assert len(shown) < page.locator("#transcript li").count()


def test_course_page_lists_the_module(browser, server, chapter_render):
    page = browser.new_page()
    page.goto(f"{server}{CHAPTER_PAGE}")
    page.click("text=all chapters")
    page.wait_for_url(f"{server}/index.html")
    assert page.inner_text("h1") == "Derivatives"
    headings = page.eval_on_selector_all(".card h2", "hs => hs.map(h => h.textContent)")
    assert headings[0] == "Chapter 1: The Derivative — Rate of Change" and len(headings) == 3
    assert page.locator(".card.coming").count() == 2
    assert page.evaluate("document.querySelector('.card img').naturalWidth") == 854
    page.click(".scenes li:nth-child(2) a")
    page.wait_for_function(f"{VIDEO} && {VIDEO}.currentTime > 60", timeout=10_000)
    page.screenshot(path=str(chapter_render.root / "course-to-chapter.png"))
    page.goto(f"{server}/index.html")
    page.screenshot(path=str(chapter_render.root / "course-page.png"), full_page=True)
    page.close()


def test_course_page_finds_a_moment_by_what_is_said(browser, server, chapter_render):
    import json

    moments = json.loads(next(chapter_render.chapter().glob("*.transcript.json")).read_text())
    said = [m for m in moments["moments"] if "tangent" in m[2].lower()]
    page = browser.new_page()
    page.goto(f"{server}/index.html")
    page.fill("#moment-search", "Tangent")
    hits = page.eval_on_selector_all(
        "#moments a",
        "as => as.map(a => [a.getAttribute('href'), a.querySelector('.said').textContent])",
    )
    assert [text for _, text in hits] == [m[2] for m in said][:30] and len(said) > 2
    assert hits[0][0] == f"chapter-01/index.html#t={int(said[0][0])}"
    assert page.inner_text("#moment-count") == f"{len(said)} moments."
    page.screenshot(path=str(chapter_render.root / "course-search.png"), full_page=True)
    page.click("#moments li:first-child a")
    page.wait_for_function(f"{VIDEO} && {VIDEO}.currentTime >= {int(said[0][0])}", timeout=10_000)
    page.goto(f"{server}/index.html")
    page.fill("#moment-search", "-0.03")  # a hyphen typed finds the minus sign the text has
    assert "−0.03" in page.inner_text("#moments li:first-child .said")
    page.fill("#moment-search", "no such words anywhere")
    assert page.inner_text("#moment-count") == "Nothing said matches."
    page.close()


def test_course_search_reads_back_markup_as_text(browser, private_output):
    import json

    from mathreel.assemble.course_page import write_course_page
    from mathreel.layout import ChapterFiles
    from mathreel.quality import get_quality
    from render import project_manifest

    hostile = "</script><b>bold</b> & &amp; [y](z) −0.5"
    files = ChapterFiles(project_manifest().get_chapter(1), get_quality("l"))
    files.folder.mkdir(parents=True)
    files.names["player"].write_bytes(b"x")
    qc = {"timeline_seconds": 100.0, "chapter_markers": [{"start": 0.0, "title": "Opening"}]}
    files.names["qc"].write_text(json.dumps(qc), encoding="utf-8")
    moments = {"moments": [[12.5, "A <scene> & more", hostile]]}
    files.names["moments"].write_text(json.dumps(moments), encoding="utf-8")
    target = write_course_page(
        project_manifest().course_outline("Derivatives"), "Derivatives", get_quality("l")
    )
    page = browser.new_page()
    page.goto(target.as_uri())
    page.fill("#moment-search", "<b>")
    assert page.inner_text("#moments .said") == hostile
    assert page.inner_text("#moments .scene") == "A <scene> & more"
    assert page.locator("#moments b").count() == 0
    page.close()


def test_course_page_scores_the_answers_given_in_the_chapter_page(page, server, chapter_clock):
    from mathreel.quiz import scene_questions
    from render import project_manifest
    from scenes.check_understanding_quiz import Q1

    neighbours = page.inner_text("nav[aria-label='Previous and next chapters']")
    assert neighbours.startswith("Next: Chapter 2: The Gradient")
    open_question(page, chapter_clock["q1"][0])
    page.click(f"#quiz-choices button:nth-child({Q1.answer + 1})")
    asked = sum(
        q.kind == "question"
        for scene in project_manifest().get_chapter(1).scenes
        for q in scene_questions(scene.stem)
    )
    page.goto(f"{server}/index.html")
    assert page.inner_text("#score-1") == f"Your quiz: 1 right of 1 answered ({asked} asked)."
    page.evaluate("localStorage.clear()")
    page.reload()
    assert page.inner_text("#score-1") == f"Quiz: {asked} questions, none answered yet."


@pytest.mark.parametrize("path", [CHAPTER_PAGE, "/index.html"])
def test_axe_finds_no_serious_or_critical_violation(browser, server, path):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(f"{server}{path}")
    results = Axe().run(page)
    bad = [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []
    page.close()


def test_no_request_leaves_the_origin_and_file_urls_work(page, chapter_render, chapter_clock):
    open_question(page, chapter_clock["q1"][0])
    page.click("#quiz-continue")
    page.wait_for_timeout(500)
    assert page.outside == []
    local = page.context.new_page()
    outside = []
    local.on(
        "request",
        lambda r: None if r.url.startswith(("file://", "data:")) else outside.append(r.url),
    )
    local.goto((chapter_render.chapter() / "index.html").as_uri())
    # Chromium refuses <track> files over file://: the page fills both tracks from its own data.
    with_cues = (
        f"Array.from({VIDEO}.textTracks).filter(t => t.cues && t.cues.length).map(t => t.kind)"
    )
    local.wait_for_function(f"{VIDEO}.readyState >= 1 && {with_cues}.length == 2", timeout=30_000)
    assert sorted(local.evaluate(with_cues)) == ["captions", "chapters"]
    assert outside == []


def test_small_screen_has_no_horizontal_scroll(browser, server, chapter_render):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    for path in (CHAPTER_PAGE, "/index.html"):
        page.goto(f"{server}{path}")
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        small = page.eval_on_selector_all(
            "button, select, input, header a, .scenes a, .watch",
            "els => els.filter(e => e.offsetParent && e.getBoundingClientRect().height < 44)"
            ".map(e => e.id || e.textContent)",
        )
        assert small == []
    page.goto(f"{server}{CHAPTER_PAGE}")
    video = page.eval_on_selector("#video", "v => v.getBoundingClientRect().bottom")
    assert page.eval_on_selector("#transcript", "t => t.getBoundingClientRect().top") > video
    page.screenshot(path=str(chapter_render.root / "player-375.png"), full_page=True)
    context.close()

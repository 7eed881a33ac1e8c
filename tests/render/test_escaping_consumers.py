"""Escaped caption text read back by its real consumers: Debian's Chromium (a .vtt loaded by
``<track>``, and the player page's ``VTTCue`` fallback) and ffprobe's dump of the mov_text track of
an MP4 made by the chapter muxer. Each consumer is also fed the text unescaped, and loses it.

No Manim: the MP4's video is a few frames encoded here with PyAV.
"""

from __future__ import annotations

import functools
import re
import subprocess
import threading
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

import av
import numpy as np
import pytest

from mathreel.assemble import chapter as assembly
from mathreel.assemble.captions import Cue, SceneSpan, to_webvtt
from mathreel.assemble.chapter_markers import Marker, chapters_webvtt
from mathreel.assemble.player import player_page
from mathreel.escape import webvtt_text
from mathreel.manifest import Chapter
from mathreel.narration.audio import RATE
from mathreel.narration.synthesis import BeatPlan, NarrationPlan, PhrasePlan
from mathreel.narration.timeline import BeatRecord, Timeline, aac_aligned_frames
from mathreel.render.finishing.mux import mux_video_with_audio
from tests.render.test_player import (  # noqa: F401  (browser: the Chromium fixture)
    QuietServer,
    RangeHandler,
    browser,
)

pytestmark = pytest.mark.render

HOSTILE = '< & --> { } \\N "'
CAPTIONS = [
    HOSTILE,
    "f″ < 0",
    "If f″ < 0, it bends down",
    "x<y and y>z, <i>not italic</i> &amp; {\\i1}",
    "\\n and \\h stay, {\\an8} too, and so does a trailing brace {",
]
CUES = [Cue(2.0 * i, 2.0 * i + 1.5, text, 2.0 * i + 1.5) for i, text in enumerate(CAPTIONS)]
TOTAL = 2.0 * len(CUES)
MARKERS = [Marker(0.0, 4.0, "Where f″ < 0 & --> too"), Marker(4.0, TOTAL, "A {b} \\N <c>")]
CHAPTER = Chapter(1, "When f″ < 0 & --> <b>", "Derivatives <&>", ())


def shown(cue: Cue) -> str:
    """What a viewer should read: the cue's lines as the caption rules broke them."""
    return "\n".join(cue.lines)


def raw_webvtt(cues: list[Cue]) -> str:
    """The WebVTT file as it was written before escaping (the control case)."""
    blocks = [f"00:00:{c.start:06.3f} --> 00:00:{c.end:06.3f}\n{shown(c)}" for c in cues]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def one_beat_span() -> SceneSpan:
    phrases = [PhrasePlan(c.text, c.text, c.start, 1.5, None) for c in CUES]
    plan = NarrationPlan(
        "s", "Scene <&>", "s.md", "silent", False, [BeatPlan("b", TOTAL, TOTAL, {}, phrases)]
    )
    return SceneSpan(0.0, plan, Timeline("s", 15, TOTAL, [BeatRecord("b", 0.0, TOTAL, TOTAL)]))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> str:
    """A loopback server over a folder holding the .vtt files, a plain page with <track>s, and the
    player page, whose track files are missing so it falls back to its embedded VTTCue data."""
    root = tmp_path_factory.mktemp("escaping-site")
    (root / "captions.vtt").write_text(to_webvtt(CUES), encoding="utf-8")
    (root / "chapters.vtt").write_text(chapters_webvtt(MARKERS), encoding="utf-8")
    (root / "raw.vtt").write_text(raw_webvtt(CUES), encoding="utf-8")
    (root / "tracks.html").write_text(
        '<!doctype html><meta charset="utf-8"><video id="video">'
        '<track kind="captions" src="captions.vtt" default>'
        '<track kind="chapters" src="chapters.vtt">'
        '<track kind="subtitles" src="raw.vtt"></video>',
        encoding="utf-8",
    )
    missing = {
        name: root / "missing" / f"x.{name}" for name in ("poster", "video", "vtt", "chapters_vtt")
    }
    page = player_page(CHAPTER, SimpleNamespace(names=missing), CUES, MARKERS, [one_beat_span()])
    (root / "index.html").write_text(page, encoding="utf-8")
    handler = functools.partial(RangeHandler, directory=str(root))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


_READ_TRACKS = """() => Array.from(document.getElementById('video').textTracks)
    .filter(t => t.cues && t.cues.length)
    .map(t => [t.kind, Array.from(t.cues).map(c => [c.text, c.getCueAsHTML().textContent])])"""


def loaded_tracks(page, count: int) -> dict[str, list[list[str]]]:
    """Kind -> [VTTCue.text, getCueAsHTML().textContent] per cue, once ``count`` tracks have cues."""
    page.wait_for_function(f"({_READ_TRACKS})().length == {count}", timeout=10_000)
    return dict(page.evaluate(_READ_TRACKS))


def assert_read_exactly(tracks: dict[str, list[list[str]]]) -> None:
    # VTTCue.text is the cue text as written (escaped); getCueAsHTML() is what a viewer reads.
    assert tracks["captions"] == [[webvtt_text(shown(c)), shown(c)] for c in CUES]
    assert tracks["chapters"] == [[webvtt_text(m.title), m.title] for m in MARKERS]


def test_chromium_reads_vtt_files_exactly(site, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(f"{site}/tracks.html")
    page.evaluate(
        "Array.from(document.getElementById('video').textTracks).forEach(t => t.mode = 'hidden')"
    )
    tracks = loaded_tracks(page, 3)
    assert_read_exactly(tracks)
    unescaped = [shown_text for _, shown_text in tracks["subtitles"]]
    assert unescaped != [shown(c) for c in CUES]
    assert "If f″ " in unescaped  # the caption, cut at its '<'
    page.close()


def test_chromium_reads_the_player_fallback_cues_exactly(site, browser):  # noqa: F811
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site}/index.html")
    assert_read_exactly(loaded_tracks(page, 2))  # the <track> files are missing: the fallback's
    raw = page.evaluate(
        "texts => texts.map(t => new VTTCue(0, 1, t).getCueAsHTML().textContent)",
        [shown(c) for c in CUES],
    )
    assert raw != [shown(c) for c in CUES] and "If f″ " in raw
    # The page's own text (HTML-escaped): the title, chapter list and transcript.
    assert page.title() == f"{CHAPTER.course} — Chapter 1: {CHAPTER.title}"
    assert page.eval_on_selector_all("#chapters button", "bs => bs.map(b => b.textContent)") == [
        f"{start}{m.title}" for start, m in zip(("0:00", "0:04"), MARKERS, strict=True)
    ]
    transcript = page.eval_on_selector("#transcript button", "b => b.textContent")
    assert transcript == "0:00" + " ".join(CAPTIONS)
    assert errors == []
    page.close()


#: The stand-in scene's frames: TOTAL seconds at 15 fps, rounded up to whole AAC frames.
FRAMES = -(-round(TOTAL * 15) // aac_aligned_frames(15)) * aac_aligned_frames(15)


def tiny_scene(folder: Path) -> SimpleNamespace:
    """A few frames of H.264 video with a silent narration track, standing in for a rendered
    scene (as assembly sees it: its files, its entry and its record)."""
    silent = folder / "silent.mp4"
    with av.open(str(silent), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=15)
        stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
        for i in range(FRAMES):
            frame = av.VideoFrame.from_ndarray(np.full((64, 64, 3), i * 8 % 256, np.uint8), "rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    video = folder / "scene.mp4"
    mux_video_with_audio(silent, np.zeros(FRAMES * RATE // 15, np.float32), video)
    return SimpleNamespace(
        files=SimpleNamespace(video=video),
        entry=SimpleNamespace(stem="scene"),
        record=SimpleNamespace(frames=FRAMES, fps=15),
    )


def mov_text_samples(video: Path) -> list[tuple[float, str]]:
    """(start, text) of every non-empty sample of the MP4's mov_text track, from ffprobe's dump."""
    out = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "s",
            "-show_packets",
            "-show_data",
            str(video),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    samples = []
    for packet in re.findall(r"\[PACKET\](.*?)\[/PACKET\]", out, re.S):
        start = float(re.search(r"^pts_time=(.*)$", packet, re.M).group(1))
        dump = re.findall(r"^[0-9a-f]{8}: (.{39})", packet, re.M)
        data = bytes.fromhex("".join(dump).replace(" ", ""))
        length = int.from_bytes(data[:2], "big")  # a 3GPP text sample: 16-bit length, then UTF-8
        if length:
            samples.append((start, data[2 : 2 + length].decode("utf-8")))
    return samples


def mux(folder: Path) -> Path:
    """The chapter muxer's MP4 for CUES over a tiny scene, with a silent narration track."""
    target = folder / "chapter.mp4"
    assembly._mux_chapter(CHAPTER, [tiny_scene(folder)], [Fraction(0)], 15, CUES, MARKERS, target)
    return target


def test_mov_text_track_holds_exactly_the_caption_text(tmp_path):
    samples = mov_text_samples(mux(tmp_path))
    assert samples == [(c.start, shown(c)) for c in CUES]


def test_mov_text_track_without_escaping_loses_the_text(tmp_path, monkeypatch):
    monkeypatch.setattr(assembly, "ass_dialogue_text", lambda text: text.replace("\n", r"\N"))
    texts = [text for _, text in mov_text_samples(mux(tmp_path))]
    assert texts != [shown(c) for c in CUES]
    assert texts[0] == '< & --> { } \n "'  # '\N' became a line break

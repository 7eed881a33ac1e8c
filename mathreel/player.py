"""The chapter's static player page and its Markdown transcript (text escaped by mathreel.escape)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mathreel.captions import SceneSpan
from mathreel.chapter_markers import Marker, clock
from mathreel.escape import html_text, markdown_text, script_json, webvtt_text
from mathreel.manifest import Chapter

if TYPE_CHECKING:
    from mathreel.captions import Cue
    from mathreel.layout import ChapterFiles


def transcript_entries(spans: Sequence[SceneSpan]) -> list[tuple[float, str, str]]:
    """(start on the chapter clock, scene title, caption text) for every beat, in order."""
    entries = []
    for span in spans:
        for beat in span.plan.beats:
            start = span.offset + span.timeline.beat(beat.id).start
            entries.append((start, span.plan.title, " ".join(p.caption for p in beat.phrases)))
    return entries


def transcript_markdown(chapter: Chapter, spans: Sequence[SceneSpan]) -> str:
    """The narration as read, one timestamped paragraph per beat, a heading per scene."""
    heading = f"{chapter.course} — Chapter {chapter.number}: {chapter.title}"
    lines = [f"# {markdown_text(heading)}", ""]
    current = None
    for start, title, text in transcript_entries(spans):
        if title != current:
            lines += [f"## {markdown_text(title)}", ""]
            current = title
        lines += [f"**[{clock(start)}]** {markdown_text(text)}", ""]
    return "\n".join(lines)


_STYLE = """
:root { color-scheme: dark; --bg: #111318; --fg: #f2f2f2; --muted: #a0a4ab; --accent: #e69f00; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, sans-serif; }
header { padding: 1rem 1.5rem 0; }
header p { margin: 0; color: var(--muted); }
h1 { margin: .2rem 0 1rem; font-size: 1.5rem; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 1fr); gap: 1.5rem; padding: 0 1.5rem 1.5rem; }
video { width: 100%; background: #000; border-radius: 6px; }
nav h2, section h2 { font-size: 1rem; color: var(--muted); margin: 1rem 0 .5rem; }
ol { list-style: none; margin: 0; padding: 0; }
button { all: unset; box-sizing: border-box; cursor: pointer; display: block; width: 100%; padding: .35rem .5rem; border-radius: 4px; }
button:hover, button:focus-visible { background: #262a33; outline: 1px solid var(--accent); }
.time { color: var(--accent); font-variant-numeric: tabular-nums; margin-right: .5rem; }
#transcript { max-height: 70vh; overflow-y: auto; }
#transcript li.current button { background: #2d2614; border-left: 3px solid var(--accent); }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
"""

_SCRIPT = """
const video = document.getElementById('video');
const data = JSON.parse(document.getElementById('chapter-data').textContent);
function seek(t) { video.currentTime = t; video.play().catch(() => {}); }
document.querySelectorAll('[data-time]').forEach(b => b.addEventListener('click', () => seek(parseFloat(b.dataset.time))));
// Browsers refuse <track> files over file://; fill the tracks from the embedded cues when that happens.
function fill(trackEl, cues) {
  trackEl.addEventListener('error', () => {
    const t = video.addTextTrack(trackEl.kind, trackEl.label, trackEl.srclang);
    cues.forEach(c => t.addCue(new VTTCue(c[0], c[1], c[2])));
    if (trackEl.kind === 'captions') t.mode = 'showing'; else t.mode = 'hidden';
  });
}
fill(document.getElementById('captions-track'), data.captions);
fill(document.getElementById('chapters-track'), data.chapters);
const items = Array.from(document.querySelectorAll('#transcript li'));
video.addEventListener('timeupdate', () => {
  const t = video.currentTime;
  let current = -1;
  items.forEach((li, i) => { if (parseFloat(li.dataset.start) <= t + 0.05) current = i; });
  items.forEach((li, i) => {
    const was = li.classList.contains('current');
    li.classList.toggle('current', i === current);
    if (i === current && !was) li.scrollIntoView({block: 'nearest'});
  });
});
"""


def player_page(
    chapter: Chapter,
    files: ChapterFiles,
    cues: Sequence[Cue],
    found: Sequence[Marker],
    spans: Sequence[SceneSpan],
) -> str:
    """A static page: the video with captions and chapters tracks, a chapter list and a live transcript."""
    names = files.names
    # The fallback's VTTCue(start, end, text) parses ``text`` as cue text, as a .vtt file's is.
    data = {
        "captions": [[c.start, c.end, webvtt_text("\n".join(c.lines))] for c in cues],
        "chapters": [[m.start, m.end, webvtt_text(m.title)] for m in found],
    }
    chapter_items = "\n".join(
        f'<li><button type="button" data-time="{m.start:.3f}"><span class="time">{clock(m.start)}</span>'
        f"{html_text(m.title)}</button></li>"
        for m in found
    )
    transcript_items = "\n".join(
        f'<li data-start="{start:.3f}"><button type="button" data-time="{start:.3f}">'
        f'<span class="time">{clock(start)}</span>{html_text(text)}</button></li>'
        for start, _, text in transcript_entries(spans)
    )
    title = f"{chapter.course} — Chapter {chapter.number}: {chapter.title}"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{html_text(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header><p>{html_text(chapter.course)} · Chapter {chapter.number}</p><h1>{html_text(chapter.title)}</h1></header>
<main>
<div>
<video id="video" controls preload="metadata" playsinline poster="{html_text(names["poster"].name)}">
<source src="{html_text(names["video"].name)}" type="video/mp4">
<track id="captions-track" kind="captions" src="{html_text(names["vtt"].name)}" srclang="en" label="English" default>
<track id="chapters-track" kind="chapters" src="{html_text(names["chapters_vtt"].name)}" srclang="en" label="Chapters" default>
</video>
<nav aria-label="Chapters"><h2>Chapters</h2><ol id="chapters">
{chapter_items}
</ol></nav>
</div>
<section aria-label="Transcript"><h2>Transcript</h2><ol id="transcript">
{transcript_items}
</ol></section>
</main>
<script id="chapter-data" type="application/json">{script_json(data)}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""

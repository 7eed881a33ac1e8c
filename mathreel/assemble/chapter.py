"""Chapter assembly: scene files joined by stream copy (video and AAC narration alike: every
scene lasts a whole number of AAC frames), captions, chapters, QC from the scenes' measurements."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from mathreel import records
from mathreel.assemble.captions import (
    Cue,
    SceneSpan,
    build_cues,
    caption_problems,
    to_srt,
    to_webvtt,
)
from mathreel.assemble.chapter_markers import chapters_webvtt, description_block, markers
from mathreel.assemble.course_page import write_course_page
from mathreel.assemble.player import player_page, transcript_json, transcript_markdown
from mathreel.errors import UserError
from mathreel.escape import ass_dialogue_text
from mathreel.files import publish
from mathreel.layout import ChapterFiles, SceneFiles
from mathreel.locks import hold
from mathreel.manifest import Chapter, PlannedChapter
from mathreel.narration import audio as audio_mod
from mathreel.narration.synthesis import NarrationPlan
from mathreel.narration.timeline import AAC_FRAME, Timeline, aac_aligned_frames
from mathreel.paths import shown
from mathreel.quality import Quality
from mathreel.quiz import quiz_path
from mathreel.render.finishing.mux import mux_in_time_order
from mathreel.render.runs.jobs import SceneResult, ensure_writable
from mathreel.render.runs.keys import digest_sources, module_closure
from mathreel.render.video import MP4_OPTIONS, joined_packets, video_packet_count

_ASS_HEADER = b"""[Script Info]
ScriptType: v4.00+
PlayResX: 384
PlayResY: 288

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Sans,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""


def neighbours(
    chapter: Chapter, outline: Sequence[Chapter | PlannedChapter]
) -> tuple[Chapter | PlannedChapter | None, Chapter | PlannedChapter | None]:
    """The chapters before and after ``chapter`` in its course's ``outline`` (None at an end)."""
    numbers = [c.number for c in outline]
    at = numbers.index(chapter.number)
    return (
        outline[at - 1] if at > 0 else None,
        outline[at + 1] if at + 1 < len(outline) else None,
    )


def _inputs_key(
    chapter: Chapter,
    scenes: Sequence[SceneFiles],
    around: tuple[Chapter | PlannedChapter | None, ...],
) -> str:
    """Hash of the chapter's inputs: its manifest entry, the chapters its page links to (a
    chapter made or retitled next door changes the page), its scenes' records (which hold every
    scene file's digest) and the assembly code."""
    linked = [
        None if c is None else (c.number, c.title, isinstance(c, PlannedChapter)) for c in around
    ]
    digest = hashlib.sha256(repr((chapter.title, chapter.course, chapter.poster, linked)).encode())
    for files in scenes:
        digest.update(files.key.read_bytes())
    digest_sources(digest, module_closure(Path(__file__)))
    # The page's questions come from each scene's quiz module, which the assembly imports by name.
    for scene in chapter.scenes:
        if quiz_path(scene.stem).exists():
            digest_sources(digest, module_closure(quiz_path(scene.stem)))
    return digest.hexdigest()


def assemble_chapter(
    chapter: Chapter,
    quality: Quality,
    results: Sequence[SceneResult],
    echo: Callable[[str], None],
    outline: Sequence[Chapter | PlannedChapter],
    strict: bool = True,
) -> ChapterFiles:
    """Join the rendered scenes into the chapter deliverables, unless none of their inputs changed
    and every deliverable checks out against the chapter's record; then rebuild the course page
    from ``outline`` (the course's chapters, made and planned). Markers that break a platform's
    rules fail the chapter when ``strict``, else are a warning."""
    out = ChapterFiles(chapter, quality)
    around = neighbours(chapter, outline)
    try:
        ensure_writable(out.lock.parent)
    except UserError:
        key = _inputs_key(chapter, [r.files for r in results], around)
        if records.check(out.key, key, out.names).record is None:
            raise
        # A read-only output whose chapter is already whole: nothing to write, nor to lock.
        echo(f"{chapter.slug}: unchanged, deliverables in {shown(out.folder)}")
        return out
    with hold(out.lock, f"{chapter.slug} at {quality.name}"):
        _assemble_locked(chapter, quality, out, results, echo, strict, around)
    write_course_page(outline, chapter.course, quality)
    return out


def _assemble_locked(
    chapter: Chapter,
    quality: Quality,
    out: ChapterFiles,
    results: Sequence[SceneResult],
    echo: Callable[[str], None],
    strict: bool,
    around: tuple[Chapter | PlannedChapter | None, Chapter | PlannedChapter | None],
) -> ChapterFiles:
    scenes = [r.files for r in results]
    plans = [NarrationPlan.load(f.plan) for f in scenes]
    fps = quality.fps
    # Scenes join on whole frames: each starts where the frames before it end (and, the frames
    # being AAC-aligned, where the AAC frames before it end).
    frame_counts = [r.record.frames for r in results]
    starts = [Fraction(int(n), fps) for n in np.cumsum([0] + frame_counts[:-1])]
    offsets = [float(start) for start in starts]
    total_frames = int(sum(frame_counts))
    total = total_frames / fps
    # Checked before any reuse: a chapter assembled with a warning fails a --strict run as well.
    found = markers(
        [(o, p.title) for o, p in zip(offsets, plans, strict=True)], total, strict, echo
    )
    key = _inputs_key(chapter, scenes, around)
    verdict = records.check(out.key, key, out.names)
    if verdict.record is not None:
        echo(f"{chapter.slug}: unchanged, deliverables in {shown(out.folder)}")
        return out
    if verdict.damaged:
        echo(f"{chapter.slug}: {verdict.reason}: assembling again")

    timelines = [Timeline.load(f.timeline) for f in scenes]
    _check_aligned(results, fps)
    spans = [SceneSpan(o, p, t) for o, p, t in zip(offsets, plans, timelines, strict=True)]
    cues = build_cues(spans, total)

    out.folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.folder.parent, prefix=".assembling-") as tmp_name:
        tmp = Path(tmp_name)
        staged = {name: tmp / path.name for name, path in out.names.items()}
        _mux_chapter(chapter, results, starts, fps, cues, found, staged["video"])
        staged["srt"].write_text(to_srt(cues), encoding="utf-8")
        staged["vtt"].write_text(to_webvtt(cues), encoding="utf-8")
        staged["chapters_vtt"].write_text(chapters_webvtt(found), encoding="utf-8")
        staged["description"].write_text(
            f"{chapter.course} — Chapter {chapter.number}: {chapter.title}\n\n"
            + description_block(found),
            encoding="utf-8",
        )
        staged["transcript"].write_text(transcript_markdown(chapter, spans), encoding="utf-8")
        staged["moments"].write_text(transcript_json(spans), encoding="utf-8")
        _poster(staged["video"], _poster_time(chapter, offsets, timelines), staged["poster"])
        staged["player"].write_text(
            player_page(chapter, out, cues, found, spans, around), encoding="utf-8"
        )
        qc = quality_report(staged["video"], cues, found, total, _chapter_loudness(scenes))
        qc["caption_problems"] = caption_problems(cues)
        qc["frames"] = _frame_check(staged["video"], results, total_frames, fps, qc)
        staged["qc"].write_text(json.dumps(qc, indent=2), encoding="utf-8")
        out.folder.mkdir(parents=True, exist_ok=True)
        out.key.unlink(missing_ok=True)
        for name, path in out.names.items():
            publish(staged[name], path)
    records.write_record(out.key, key, total_frames, fps, out.names)
    audio = qc["audio"]
    sound = (
        f"{audio['integrated_lufs']:.1f} LUFS, true peak {audio['true_peak_dbtp']:.1f} dBTP"
        if audio["integrated_lufs"] is not None
        else "silent narration"
    )
    echo(
        f"{chapter.slug}: {total / 60:.1f} min, {len(found)} chapters, {len(cues)} captions, "
        f"{sound} -> {shown(out.video)}"
    )
    return out


def _check_aligned(results: Sequence[SceneResult], fps: int) -> None:
    """Every scene must last whole AAC frames, or its audio cannot join the next by stream copy."""
    block = aac_aligned_frames(fps)
    for result in results:
        if result.record.frames % block:
            raise UserError(
                f"scene '{result.entry.stem}' has {result.record.frames} frames, not a multiple of "
                f"{block} (whole AAC frames at {fps} fps): a bug in its render; nothing was published"
            )


def _chapter_loudness(scenes: Sequence[SceneFiles]) -> dict:
    """The chapter's loudness from its scenes' measurements of their delivered audio: BS.1770
    gating over all their 400 ms blocks (the chapter's audio is theirs, packet for packet), and
    the loudest scene's true peak."""
    measured = [json.loads(files.loudness.read_text(encoding="utf-8")) for files in scenes]
    lufs = audio_mod.gated_loudness([b for m in measured for b in m["blocks_lufs"]])
    peaks = [m["true_peak_dbtp"] for m in measured if m["true_peak_dbtp"] is not None]
    return {
        "integrated_lufs": round(lufs, 2) if np.isfinite(lufs) else None,
        "true_peak_dbtp": round(max(peaks), 2) if peaks else None,
        "meter": "ffmpeg ebur128 (ITU-R BS.1770-4, true peak 4x oversampled) of each scene's "
        "decoded MP4 audio; integrated: BS.1770 gating over all the scenes' 400 ms blocks; "
        "true peak: the highest scene's",
    }


def _frame_check(
    video: Path, results: Sequence[SceneResult], expected: int, fps: int, qc: dict
) -> dict:
    """The chapter's frames counted from its packets against the scenes' records; a chapter that
    lost or gained a frame, or whose duration is off by more than a frame, is never published."""
    found = video_packet_count(video)
    duration = qc["duration_seconds"]
    check = {
        "expected": expected,
        "found": found,
        "per_scene": {r.entry.stem: r.record.frames for r in results},
        "duration_seconds": duration,
        "expected_seconds": round(expected / fps, 3),
    }
    if found != expected or abs(duration - expected / fps) > 1.0 / fps + 1e-3:
        raise UserError(
            f"the assembled chapter has {found} frames ({duration:.3f} s) where its scenes hold "
            f"{expected} ({expected / fps:.3f} s): nothing was published"
        )
    return check


def _mux_chapter(
    chapter: Chapter,
    results: Sequence[SceneResult],
    starts: Sequence[Fraction],
    fps: int,
    cues,
    found,
    target: Path,
) -> None:
    videos = [r.files.video for r in results]
    with av.open(str(target), "w", format="mp4", options=MP4_OPTIONS) as out:
        out.metadata["title"] = f"{chapter.title}"
        out.metadata["album"] = f"{chapter.course}"
        out.metadata["track"] = str(chapter.number)
        with av.open(str(videos[0])) as first:
            vout = out.add_stream_from_template(first.streams.video[0])
            aout = out.add_stream_from_template(first.streams.audio[0])
            aac_config = bytes(first.streams.audio[0].codec_context.extradata or b"")
        subs = out.add_stream("mov_text")
        subs.time_base = Fraction(1, 1000)
        subs.metadata["language"] = "eng"
        subs.metadata["handler_name"] = "English captions"
        subs.codec_context.subtitle_header = _ASS_HEADER
        out.set_chapters(
            [
                {
                    "id": i,
                    "start": round(m.start * 1000),
                    "end": round(m.end * 1000),
                    "time_base": Fraction(1, 1000),
                    "metadata": {"title": m.title},
                }
                for i, m in enumerate(found, start=1)
            ]
        )
        mux_in_time_order(
            out,
            joined_packets([(r.files.video, r.record.frames) for r in results], fps, vout),
            mov_text_packets(subs, cues),
            _audio_packets(results, starts, aout, aac_config),
        )


def _shifted(
    source: av.container.InputContainer, stream: av.stream.Stream, start: Fraction, into
) -> Iterator[av.Packet]:
    """``stream``'s packets, for stream copy into ``into``, moved to ``start`` on the chapter clock."""
    shift = start / stream.time_base
    assert shift.denominator == 1, f"a scene starts between two ticks of its {stream.type} clock"
    for packet in source.demux(stream):
        if packet.dts is None:
            continue
        packet.pts += int(shift)
        packet.dts += int(shift)
        packet.stream = into
        yield packet


def _audio_packets(
    results: Sequence[SceneResult],
    starts: Sequence[Fraction],
    aout: av.audio.stream.AudioStream,
    aac_config: bytes,
) -> Iterator[av.Packet]:
    """Every scene's AAC packets, stream-copied to the scene's sample offset on the chapter
    clock: the chapter plays each scene's own encoded narration (normalized when it was finished),
    with no decoding and no encoding. A scene whose audio is not its frames' length in whole AAC
    frames, or was encoded with other settings, is refused."""
    for result, start in zip(results, starts, strict=True):
        stem, frames = result.entry.stem, result.record.frames
        with av.open(str(result.files.video)) as source:
            stream = source.streams.audio[0]
            if bytes(stream.codec_context.extradata or b"") != aac_config:
                raise UserError(
                    f"scene '{stem}': its AAC stream is encoded unlike the first scene's: a bug "
                    "in its render; nothing was published"
                )
            expected = Fraction(frames * stream.rate, result.record.fps * AAC_FRAME)
            count = 0
            for packet in _shifted(source, stream, start, aout):
                count += 1
                yield packet
        if count != expected:
            raise UserError(
                f"scene '{stem}': {count} AAC frames of audio where its {frames} video frames "
                f"last {float(expected):g}: a bug in its render; nothing was published"
            )


def mov_text_packets(
    subs: av.subtitles.stream.SubtitleStream, cues: Sequence[Cue]
) -> Iterator[av.Packet]:
    """One mov_text packet per cue, on a millisecond clock: each cue's lines go to ffmpeg's
    encoder as an ASS dialogue, escaped so the track holds exactly the caption text."""
    for cue in cues:
        start, end = round(cue.start * 1000), round(cue.end * 1000)
        text = "0,0,Default,,0,0,0,," + ass_dialogue_text("\n".join(cue.lines))
        sub = av.subtitles.subtitle.SubtitleSet.create(
            text=text.encode("utf-8"), start=0, end=end - start, pts=start
        )
        packet = subs.codec_context.encode_subtitle(sub)
        packet.stream = subs
        packet.pts = packet.dts = start
        packet.duration = end - start
        packet.time_base = Fraction(1, 1000)
        yield packet


def _poster_time(
    chapter: Chapter, offsets: Sequence[float], timelines: Sequence[Timeline]
) -> float:
    """When the poster frame is shown: the end of the manifest's chosen beat (default: the first)."""
    scene, beat = chapter.poster or (chapter.scenes[0].stem, timelines[0].beats[0].id)
    for entry, offset, timeline in zip(chapter.scenes, offsets, timelines, strict=True):
        if entry.stem == scene:
            try:
                return offset + timeline.beat(beat).end - 1e-3
            except KeyError:
                break
    raise UserError(
        f"scenes/manifest.py: chapter {chapter.number} poster names {scene}/{beat}, which does not exist"
    )


def _poster(video: Path, at: float, target: Path) -> None:
    """The frame shown at ``at`` seconds, as PNG (found by seeking to the keyframe before it,
    not by decoding the chapter up to it)."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        container.seek(int(at / stream.time_base), stream=stream, backward=True)
        chosen = None
        for frame in container.decode(stream):
            chosen = frame
            if frame.time is not None and frame.time >= at - 1e-6:
                break
        assert chosen is not None
        chosen.to_image().save(target, optimize=True)


def quality_report(video: Path, cues, found, total: float, loudness: dict) -> dict:
    """Measured figures of the finished file (streams, duration, captions, chapters) and its
    ``loudness`` as :func:`_chapter_loudness` gives it."""
    with av.open(str(video)) as container:
        v = container.streams.video[0]
        a = container.streams.audio[0]
        streams = {
            "video": {
                "codec": v.codec_context.name,
                "profile": v.codec_context.profile,
                "pix_fmt": v.codec_context.pix_fmt,
                "width": v.codec_context.width,
                "height": v.codec_context.height,
                "frame_rate": str(v.guessed_rate or v.base_rate),
                "bit_rate": v.bit_rate,
            },
            "audio": {
                "codec": a.codec_context.name,
                "profile": a.codec_context.profile,
                "sample_rate": a.codec_context.sample_rate,
                "channels": a.codec_context.channels,
                "bit_rate": a.bit_rate,
            },
            "subtitle_streams": len(container.streams.subtitles),
            "chapters": len(container.chapters()),
        }
        duration = float(container.duration / av.time_base) if container.duration else total
    return {
        "file": video.name,
        "bytes": video.stat().st_size,
        "duration_seconds": round(duration, 3),
        "timeline_seconds": round(total, 3),
        "streams": streams,
        "audio": loudness,
        "captions": len(cues),
        "chapter_markers": [{"start": round(m.start, 3), "title": m.title} for m in found],
    }

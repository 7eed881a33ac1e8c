"""Chapter assembly: scene videos joined by stream copy, one narration track, captions, chapters, QC."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from mathreel import audio as audio_mod
from mathreel.audio_cache import read_wav
from mathreel.captions import Cue, SceneSpan, build_cues, caption_problems, to_srt, to_webvtt
from mathreel.chapter_markers import chapters_webvtt, description_block, markers
from mathreel.errors import UserError
from mathreel.escape import ass_dialogue_text
from mathreel.files import publish
from mathreel.jobs import SceneFiles, SceneResult
from mathreel.manifest import Chapter
from mathreel.mux import MP4_OPTIONS, add_audio_stream, encode_aac
from mathreel.paths import ROOT, output_dir
from mathreel.player import player_page, transcript_markdown
from mathreel.quality import Quality
from mathreel.synthesis import NarrationPlan
from mathreel.timeline import Timeline, sample_of

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
_ASSEMBLY_MODULES = (
    "assembly",
    "captions",
    "chapter_markers",
    "player",
    "mux",
    "audio",
    "caption_text",
    "escape",
)


@dataclass(frozen=True)
class ChapterFiles:
    """The deliverables of one chapter at one quality."""

    chapter: Chapter
    quality: Quality

    @property
    def folder(self) -> Path:
        return output_dir() / self.quality.name / self.chapter.slug

    def path(self, suffix: str) -> Path:
        return self.folder / f"{self.chapter.slug}{suffix}"

    @property
    def video(self) -> Path:
        return self.path(".mp4")

    @property
    def names(self) -> dict[str, Path]:
        return {
            "video": self.video,
            "srt": self.path(".srt"),
            "vtt": self.path(".vtt"),
            "chapters_vtt": self.path(".chapters.vtt"),
            "description": self.path(".description.txt"),
            "transcript": self.path(".transcript.md"),
            "poster": self.path(".poster.png"),
            "player": self.folder / "index.html",
            "qc": self.folder / "qc.json",
        }


def _inputs_key(chapter: Chapter, scenes: Sequence[SceneFiles]) -> str:
    digest = hashlib.sha256(repr((chapter.title, chapter.course, chapter.poster)).encode())
    for files in scenes:
        digest.update(files.key.read_bytes())
    for name in _ASSEMBLY_MODULES:
        digest.update((ROOT / "mathreel" / f"{name}.py").read_bytes())
    return digest.hexdigest()


def assemble_chapter(
    chapter: Chapter,
    quality: Quality,
    results: Sequence[SceneResult],
    echo: Callable[[str], None] = print,
) -> ChapterFiles:
    """Join the rendered scenes into the chapter deliverables, unless none of their inputs changed."""
    out = ChapterFiles(chapter, quality)
    scenes = [r.files for r in results]
    key = _inputs_key(chapter, scenes)
    key_path = out.folder / ".key"
    if (
        key_path.exists()
        and key_path.read_text() == key
        and all(p.exists() for p in out.names.values())
    ):
        echo(f"{chapter.slug}: unchanged, deliverables in {out.folder}")
        return out

    plans = [NarrationPlan.load(f.plan) for f in scenes]
    timelines = [Timeline.load(f.timeline) for f in scenes]
    offsets = list(np.cumsum([0.0] + [t.duration for t in timelines[:-1]]))
    total = float(sum(t.duration for t in timelines))
    spans = [SceneSpan(o, p, t) for o, p, t in zip(offsets, plans, timelines, strict=True)]
    found = markers([(o, p.title) for o, p in zip(offsets, plans, strict=True)], total)
    cues = build_cues(spans, total)

    track = np.zeros(sample_of(total, audio_mod.RATE), dtype=np.float32)
    for offset, files in zip(offsets, scenes, strict=True):
        clip = read_wav(files.audio).samples
        at = sample_of(offset, audio_mod.RATE)
        track[at : at + len(clip)] = clip[: len(track) - at]
    audible = any(p.audible for p in plans)
    if audible:
        track, _ = audio_mod.normalize(track)

    with tempfile.TemporaryDirectory(
        dir=out.folder.parent if out.folder.parent.exists() else None
    ) as tmp_name:
        tmp = Path(tmp_name)
        staged = {name: tmp / path.name for name, path in out.names.items()}
        _mux_chapter(
            chapter, [f.video for f in scenes], offsets, track, cues, found, staged["video"]
        )
        staged["srt"].write_text(to_srt(cues), encoding="utf-8")
        staged["vtt"].write_text(to_webvtt(cues), encoding="utf-8")
        staged["chapters_vtt"].write_text(chapters_webvtt(found), encoding="utf-8")
        staged["description"].write_text(
            f"{chapter.course} — Chapter {chapter.number}: {chapter.title}\n\n"
            + description_block(found),
            encoding="utf-8",
        )
        staged["transcript"].write_text(transcript_markdown(chapter, spans), encoding="utf-8")
        _poster(staged["video"], _poster_time(chapter, offsets, timelines), staged["poster"])
        staged["player"].write_text(player_page(chapter, out, cues, found, spans), encoding="utf-8")
        qc = quality_report(staged["video"], cues, found, total)
        qc["caption_problems"] = caption_problems(cues)
        staged["qc"].write_text(json.dumps(qc, indent=2), encoding="utf-8")
        out.folder.mkdir(parents=True, exist_ok=True)
        key_path.unlink(missing_ok=True)
        for name, path in out.names.items():
            if name != "qc":
                publish(staged[name], path)
        publish(staged["qc"], out.names["qc"])  # last: its presence marks a complete set
    key_path.write_text(key)
    echo(
        f"{chapter.slug}: {total / 60:.1f} min, {len(found)} chapters, {len(cues)} captions, "
        f"{qc['audio']['integrated_lufs']:.1f} LUFS, true peak {qc['audio']['true_peak_dbtp']:.1f} dBTP -> {out.video}"
    )
    return out


def _mux_chapter(
    chapter: Chapter,
    videos: Sequence[Path],
    offsets: Sequence[float],
    track: np.ndarray,
    cues,
    found,
    target: Path,
) -> None:
    with av.open(str(target), "w", format="mp4", options=MP4_OPTIONS) as out:
        out.metadata["title"] = f"{chapter.title}"
        out.metadata["album"] = f"{chapter.course}"
        out.metadata["track"] = str(chapter.number)
        with av.open(str(videos[0])) as first:
            vout = out.add_stream_from_template(first.streams.video[0])
        add_audio_stream(out)
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
        for path, offset in zip(videos, offsets, strict=True):
            with av.open(str(path)) as source:
                vin = source.streams.video[0]
                shift = round(Fraction(offset) / vin.time_base)
                for packet in source.demux(vin):
                    if packet.dts is None:
                        continue
                    packet.pts += shift
                    packet.dts += shift
                    packet.stream = vout
                    out.mux(packet)
        for packet in mov_text_packets(subs, cues):
            out.mux(packet)
        encode_aac(out, track)


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
    """The frame shown at ``at`` seconds, as PNG."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        chosen = None
        for frame in container.decode(stream):
            chosen = frame
            if frame.time is not None and frame.time >= at - 1e-6:
                break
        assert chosen is not None
        chosen.to_image().save(target, optimize=True)


def quality_report(video: Path, cues, found, total: float) -> dict:
    """Measured figures of the finished file: streams, duration, loudness, captions, chapters."""
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
        samples = np.concatenate([f.to_ndarray().T for f in container.decode(a)]).astype(np.float32)
        duration = float(container.duration / av.time_base) if container.duration else total
    loud = audio_mod.measure(samples, streams["audio"]["sample_rate"])
    return {
        "file": video.name,
        "bytes": video.stat().st_size,
        "duration_seconds": round(duration, 3),
        "timeline_seconds": round(total, 3),
        "streams": streams,
        "audio": {
            "integrated_lufs": round(loud.integrated_lufs, 2),
            "true_peak_dbtp": round(loud.true_peak_dbtp, 2),
            "meter": "pyloudnorm (ITU-R BS.1770-4), true peak by 4x oversampling, decoded from the MP4",
        },
        "captions": len(cues),
        "chapter_markers": [{"start": round(m.start, 3), "title": m.title} for m in found],
    }

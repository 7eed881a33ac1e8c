"""Export for video editors: a rendered scene cut into one MP4 per beat (with its narration), and
an OpenTimelineIO timeline placing them, with a marker at each narration mark (plus FCP7 XML).

DaVinci Resolve and Kdenlive open ``.otio``; Premiere and Final Cut 7 read the ``.xml``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av

from mathreel.files import umask_mode
from mathreel.layout import SceneFiles
from mathreel.narration.audio import RATE
from mathreel.narration.synthesis import NarrationPlan
from mathreel.narration.timeline import Timeline, frame_of, sample_of
from mathreel.narration.voices.base import read_wav
from mathreel.paths import output_dir, shown
from mathreel.render.finishing.mux import add_audio_stream, encode_aac
from mathreel.render.runs.jobs import SceneResult
from mathreel.render.video import MP4_OPTIONS

#: Frame rates FCP7 XML's SMPTE timecode can carry (480p15 previews cannot be exported to it).
SMPTE_RATES = (24, 25, 30, 48, 50, 60)


def export_folder(files: SceneFiles) -> Path:
    return output_dir() / files.quality.name / "export" / files.stem


def beat_file(index: int, beat_id: str) -> str:
    return f"{index:02d}-{beat_id}.mp4"


def _encode_beats(files: SceneFiles, timeline: Timeline, folder: Path) -> list[tuple[str, int]]:
    """Decode the scene once and encode each beat's frames and narration as its own MP4 (its own
    keyframe at the start, the scene's encoder settings); returns (file name, frames) per beat."""
    fps = files.quality.fps
    narration = read_wav(files.audio).samples
    bounds = [frame_of(b.start, fps) for b in timeline.beats]
    written: list[tuple[str, int]] = []
    with av.open(str(files.video)) as source:
        stream = source.streams.video[0]
        total = stream.frames or None
        decoded = source.decode(stream)
        for index, beat in enumerate(timeline.beats):
            first = bounds[index]
            last = bounds[index + 1] if index + 1 < len(bounds) else total
            name = beat_file(index + 1, beat.id)
            count = 0
            with av.open(str(folder / name), "w", format="mp4", options=MP4_OPTIONS) as out:
                out.metadata["title"] = beat.id
                video = out.add_stream("libx264", rate=fps, options=files.quality.encoder_options())
                video.width, video.height = stream.codec_context.width, stream.codec_context.height
                video.pix_fmt = "yuv420p"
                add_audio_stream(out)
                while last is None or first + count < last:
                    frame = next(decoded, None)
                    if frame is None:
                        break
                    frame.pts, frame.time_base = count, Fraction(1, fps)
                    count += 1
                    for packet in video.encode(frame):
                        out.mux(packet)
                for packet in video.encode(None):
                    out.mux(packet)
                begin = sample_of(first / fps, RATE)
                encode_aac(out, narration[begin : sample_of((first + count) / fps, RATE)])
            written.append((name, count))
    return written


def _timeline(
    plan: NarrationPlan, fps: int, clips: list[tuple[str, int]], folder: Path
):  # -> opentimelineio.schema.Timeline
    import opentimelineio as otio

    timeline = otio.schema.Timeline(name=plan.title)
    track = otio.schema.Track(name="Video", kind=otio.schema.TrackKind.Video)
    timeline.tracks.append(track)
    for beat, (name, frames) in zip(plan.beats, clips, strict=True):
        length = otio.opentime.RationalTime(frames, fps)
        clip = otio.schema.Clip(
            name=beat.id,
            media_reference=otio.schema.ExternalReference(
                target_url=(folder / name).as_uri(),
                available_range=otio.opentime.TimeRange(otio.opentime.RationalTime(0, fps), length),
            ),
            source_range=otio.opentime.TimeRange(otio.opentime.RationalTime(0, fps), length),
        )
        for mark, offset in beat.marks.items():
            at = otio.opentime.RationalTime(min(frame_of(offset, fps), max(frames - 1, 0)), fps)
            clip.markers.append(
                otio.schema.Marker(
                    name=mark,
                    marked_range=otio.opentime.TimeRange(at, otio.opentime.RationalTime(0, fps)),
                )
            )
        track.append(clip)
    return timeline


def export_beats(result: SceneResult, echo: Callable[[str], None]) -> Path:
    """Write ``output/<quality>/export/<stem>/``: one MP4 per beat, ``<stem>.otio`` and (where the
    adapter is installed) ``<stem>.xml``; the folder is replaced whole, never half-written."""
    import opentimelineio as otio

    files = result.files
    plan = NarrationPlan.load(files.plan)
    timeline = Timeline.load(files.timeline)
    final = export_folder(files)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{files.stem}-"))
    try:
        os.chmod(staging, umask_mode(0o777))  # mkdtemp's 0700 would keep others from the clips
        clips = _encode_beats(files, timeline, staging)
        edit = _timeline(plan, files.quality.fps, clips, final)
        otio.adapters.write_to_file(edit, str(staging / f"{files.stem}.otio"))
        fcp = f"{files.stem}.xml"
        if files.quality.fps in SMPTE_RATES:
            otio.adapters.write_to_file(edit, str(staging / fcp), "fcp_xml")
        else:
            fcp = f"no FCP7 XML: its timecode has no {files.quality.fps} fps (render at -q m or above)"
        old = final.with_name(f".{files.stem}-old-{os.getpid()}")
        if final.exists():
            os.replace(final, old)
        os.replace(staging, final)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    echo(f"{files.stem}: {len(clips)} beats exported to {shown(final)}: {files.stem}.otio, {fcp}")
    return final

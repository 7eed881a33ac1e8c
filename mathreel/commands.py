"""What each command of render.py does, as plain functions over the library (the CLI only parses)."""

from __future__ import annotations

from collections.abc import Callable

from mathreel.assemble import chapter as assembly
from mathreel.clock import clock
from mathreel.errors import UserError
from mathreel.manifest import Chapter, Manifest
from mathreel.narration.audio_cache import AudioCache
from mathreel.narration.script import parse_narration
from mathreel.narration.synthesis import plan_narration
from mathreel.narration.takes import TakeChoices
from mathreel.narration.voices import get_voice
from mathreel.narration.voices.base import Speech, Voice
from mathreel.narration.voices.silent import SilentVoice
from mathreel.paths import cache_dir
from mathreel.quality import get_quality
from mathreel.render.runs import jobs
from mathreel.render.runs.executors import open_executor, parse_cluster

Echo = Callable[[str], None]


class _CachedOrEstimated(Voice):
    """Piper's durations where its audio is cached, the silent voice's estimate elsewhere; never synthesizes."""

    name = "piper"
    audible = False  # plan without touching the cache

    def __init__(self) -> None:
        self.piper = get_voice("piper")
        self.cache = AudioCache(cache_dir() / "audio")
        self.takes: TakeChoices | None = None  # set per scene by prepare_script
        self.exact = True
        try:
            self.identity_ = self.piper.identity()
        except Exception:  # the voice package is missing: estimates only
            self.identity_ = None

    def identity(self) -> dict[str, object]:
        return self.identity_ or {}

    def prepare_script(self, scene: str, script) -> None:
        self.takes = TakeChoices.load(script.path)  # a re-taken phrase's audio is its take's

    def synthesize(self, text: str) -> Speech:
        if self.identity_ is not None:
            take = self.takes.take(text) if self.takes else 1
            path = self.cache.path_for(self.piper, text, self.identity_, take)
            speech = self.cache.read_verified(path)
            if speech is not None:
                return speech
        self.exact = False
        return SilentVoice().synthesize(text)


def list_chapters(manifest: Manifest, echo: Echo) -> None:
    """Chapters, scenes in order, beats and narration durations (piper audio where cached, else ~estimate)."""
    voice = _CachedOrEstimated()
    for chapter in manifest.chapters:
        lines = []
        total = 0.0
        all_exact = True
        for scene in chapter.scenes:
            voice.exact = True
            plan = plan_narration(parse_narration(scene.narration_path), scene.stem, voice, None)
            all_exact &= voice.exact
            total += plan.duration
            mark = "" if voice.exact else "~"
            lines.append(
                f"  {scene.position}. {scene.stem} — {plan.title}  "
                f"[{len(plan.beats)} beats, {mark}{clock(plan.duration)}]"
            )
            lines.append("       " + ", ".join(f"{b.id} {b.duration:.1f}s" for b in plan.beats))
        mark = "" if all_exact else "~"
        echo(
            f"Chapter {chapter.number}: {chapter.title} ({chapter.course}) — "
            f"{len(chapter.scenes)} scenes, {mark}{clock(total)}"
        )
        for line in lines:
            echo(line)
    echo(
        "(~ marks durations estimated from the text; they become exact once the piper audio is cached)"
    )


def doctor(manifest: Manifest, quality: str, echo: Echo) -> None:
    """Check the machine and verify the caches; a failed check is exit status 1."""
    from mathreel import doctor as checks

    if not checks.run(manifest, get_quality(quality), echo):
        raise DoctorFailed("doctor: fix the failed checks above, then run ./run.sh render")


class DoctorFailed(UserError):
    exit_code = 1


def render_scene(
    manifest: Manifest,
    name: str,
    quality: str,
    voice: str,
    force: bool,
    echo: Echo,
    cluster: str | None = None,
    export_beats: bool = False,
) -> None:
    """Render one scene with its narration to output/<quality>/scenes/<name>.mp4 (on a Dask
    cluster when ``cluster`` names one: tcp://HOST:PORT or local:N); ``export_beats`` also cuts
    it into one MP4 per beat with an OpenTimelineIO timeline for editors."""
    parse_cluster(cluster)
    entry = manifest.find_scene(name)
    q, v = get_quality(quality), get_voice(voice)
    if export_beats:
        from mathreel.assemble.export import export_folder
        from mathreel.layout import SceneFiles

        jobs.ensure_writable(export_folder(SceneFiles(entry.stem, q)).parent)
    with open_executor(cluster, 1, echo) as executor:
        results = jobs.render_scenes([entry], q, v, executor, echo=echo, force=force)
    if export_beats:
        from mathreel.assemble.export import export_beats as export

        export(results[0], echo)


def preview_scene(
    manifest: Manifest,
    name: str,
    quality: str,
    voice: str,
    beat: str | None,
    first: str | None,
    last: str | None,
    echo: Echo,
    cluster: str | None = None,
    watch: bool = False,
    force: bool = False,
) -> None:
    """Render some beats of a scene, with their narration, into output/<quality>/preview/
    (again on every change of its code or narration when ``watch``; ``force`` draws the chosen
    beats even where their segments are kept)."""
    from mathreel.render.runs.preview import render_preview, watch_preview

    if parse_cluster(cluster) is not None:
        raise UserError("a preview renders on this machine: drop --cluster")
    entry = manifest.find_scene(name)
    preview = watch_preview if watch else render_preview
    preview(entry, get_quality(quality), get_voice(voice), beat, first, last, echo, force=force)


def render_chapter(
    manifest: Manifest,
    number: int,
    quality: str,
    voice: str,
    workers: int,
    force: bool,
    echo: Echo,
    cluster: str | None = None,
    strict: bool = True,
) -> None:
    """Render a chapter's scenes in parallel (local processes, or a Dask cluster when ``cluster``
    names one), then assemble the chapter deliverables (markers that break a platform's rules
    warn unless ``strict``)."""
    parse_cluster(cluster)
    chapter = manifest.get_chapter(number)
    _render_chapters(
        manifest,
        [chapter],
        f"chapter {number}",
        quality,
        voice,
        workers,
        force,
        echo,
        cluster,
        strict,
    )


def render_course(
    manifest: Manifest,
    quality: str,
    voice: str,
    workers: int,
    force: bool,
    echo: Echo,
    cluster: str | None = None,
    strict: bool = True,
) -> None:
    """Render every made chapter: the scenes of all chapters in one queue (so no worker idles
    at a chapter's end), locally or on a Dask cluster, then assemble each chapter and the course
    page."""
    parse_cluster(cluster)
    if not manifest.chapters:
        raise UserError("scenes/manifest.py lists no chapters to render")
    _render_chapters(
        manifest,
        list(manifest.chapters),
        "course",
        quality,
        voice,
        workers,
        force,
        echo,
        cluster,
        strict,
    )


def _render_chapters(
    manifest: Manifest,
    chapters: list[Chapter],
    label: str,
    quality: str,
    voice: str,
    workers: int,
    force: bool,
    echo: Echo,
    cluster: str | None,
    strict: bool,
) -> None:
    """The scenes of ``chapters`` in one queue, then each chapter assembled (and the course page)."""
    q, v = get_quality(quality), get_voice(voice)
    entries = [scene for chapter in chapters for scene in chapter.scenes]
    with open_executor(cluster, workers, echo) as executor:
        results = jobs.render_scenes(entries, q, v, executor, echo=echo, force=force)
    by_stem = {r.entry.stem: r for r in results}
    rendered = sum(r.rendered for r in results)
    echo(
        f"{label}: {rendered} of {len(results)} scenes rendered, {len(results) - rendered} unchanged"
    )
    for chapter in chapters:
        assembly.assemble_chapter(
            chapter,
            q,
            [by_stem[s.stem] for s in chapter.scenes],
            echo,
            manifest.course_outline(chapter.course),
            strict,
        )


def list_takes(manifest: Manifest, name: str, echo: Echo) -> None:
    """Each beat of a scene with what to record for it: one take of the whole beat, or a take per
    phrase, and which exist yet."""
    from mathreel.narration.voices.recorded import RecordedVoice

    entry = manifest.find_scene(name)
    voice = RecordedVoice()
    script = parse_narration(entry.narration_path)
    missing = 0
    root = voice.takes_dir.parent.parent
    echo(
        f"# takes for {entry.stem} ({script.title}): record each beat whole to the file named "
        "(WAV, FLAC, MP3, ...), or each line's words to its own WAV"
    )
    for beat in script.beats:
        whole = voice.beat_take(entry.stem, beat.id)
        if whole is not None:
            echo(f"## {beat.id}: recorded whole  {whole.relative_to(root)}")
            continue
        echo(
            f"## {beat.id}: whole beat missing  {voice.takes_dir.relative_to(root)}/{entry.stem}/{beat.id}.wav"
        )
        for phrase in beat.phrases:
            path = voice.take_path(phrase.spoken)
            missing += not path.exists()
            state = "recorded" if path.exists() else "missing "
            echo(f"{state}  {path.relative_to(root)}  {phrase.spoken}")
    echo(f"# {missing} phrases missing; render with --voice recorded once all are recorded")


def listen(
    manifest: Manifest,
    target: str,
    quality: str | None,
    voice_name: str,
    strict: bool,
    echo: Callable[[str], None],
    recogniser=None,
) -> list:
    """Hear every phrase of a scene (by stem) or a chapter (by number) as ``voice_name`` speaks
    it (synthesizing what is not cached; nothing is rendered), write ``listen.json`` beside the
    chapter's ``qc.json`` (a scene's beside its video, as ``<stem>.listen.json``), print a short
    table, and under ``strict`` fail when a meaning word was misheard."""
    import time

    from mathreel.layout import ChapterFiles, SceneFiles
    from mathreel.narration.listen import (
        Listener,
        MeaningMisheard,
        beat_formulas,
        hear_plan,
        report_lines,
        write_report,
    )
    from mathreel.narration.recogniser import Recogniser
    from mathreel.narration.takes import Retaking
    from mathreel.paths import shown

    voice = get_voice(voice_name)
    if not voice.audible:
        raise UserError(
            f"voice '{voice_name}' makes no sound to listen to: use --voice piper, espeak or recorded"
        )
    if target.isdigit():
        chapter = manifest.get_chapter(int(target))
        entries = list(chapter.scenes)
        report = ChapterFiles(chapter, get_quality(quality or "h")).folder / "listen.json"
    else:
        entry = manifest.find_scene(target)
        entries = [entry]
        files = SceneFiles(entry.stem, get_quality(quality or "l"))
        report = files.folder / f"{entry.stem}.listen.json"
    voice.check_available()
    if recogniser is None:
        Recogniser.check_available()
        recogniser = Recogniser()
    listener = Listener(recogniser)
    retaking = Retaking(listener) if voice.retakes else None
    cache = AudioCache(cache_dir() / "audio")
    hearings = []
    for entry in entries:
        started = time.perf_counter()
        before = listener.transcribed, listener.reused
        plan = jobs.prepare(entry, voice, cache, retaking=retaking)
        formulas = beat_formulas(parse_narration(entry.narration_path))
        hearing = hear_plan(listener, entry.stem, plan.beats, cache.root, formulas)
        seconds = sum(p.duration for b in plan.beats for p in b.phrases)
        echo(
            f"heard {entry.stem}: {len(hearing.phrases)} phrases, {seconds:.1f} s of speech "
            f"({listener.transcribed - before[0]} transcribed, {listener.reused - before[1]} "
            f"cached) in {time.perf_counter() - started:.1f} s"
        )
        hearings.append(hearing)
    if retaking is not None:
        for line in retaking.summary(unfixed=False):  # the table below names them
            echo(line)
    write_report(report, hearings, listener, voice.name)
    for line in report_lines(hearings):
        echo(line)
    echo(f"report: {shown(report)}")
    misheard = sum(len(h.misheard) for h in hearings)
    if strict and misheard:
        raise MeaningMisheard(
            f"listen --strict: {misheard} phrase(s) with a misheard meaning word (listed above)"
        )
    return hearings


def smoke(
    manifest: Manifest,
    workers: int,
    update_golden: bool,
    echo: Echo,
    scenes: tuple[str, ...] = (),
) -> None:
    """Key frames of every scene (or of ``scenes``) at 480p with the silent voice, plus a contact
    sheet per chapter."""
    from mathreel.check import smoke as smoke_run

    smoke_run.run(manifest.chapters, workers, update_golden, echo, scenes)

"""The ``mathreel`` command (``render.py`` in this repository is the same group): parsing and
dispatch only. The operations are imported when a command runs, so ``--help`` answers at once."""

from __future__ import annotations

import importlib
import os
import select
import sys
from pathlib import Path

import click

from mathreel import paths
from mathreel.errors import UserError, failure_line
from mathreel.manifest import Manifest
from mathreel.narration.voices import DEFAULT_VOICE, VOICES
from mathreel.quality import QUALITY_CHOICES


def quality_option(default: str):
    return click.option(
        "--quality",
        "-q",
        default=default,
        show_default=True,
        metavar="|".join(QUALITY_CHOICES),
        help="Frame size and rate: l/low 480p15, m/medium 720p30, h/high 1080p60, p/1440p 1440p60, k/4k 2160p60.",
    )


def voice_option(f):
    return click.option(
        "--voice",
        "-v",
        default=DEFAULT_VOICE,
        show_default=True,
        metavar="|".join(VOICES),
        help="Narration voice: piper (offline neural), espeak (light fallback), silent (timing only), "
        "recorded (your own takes; see the takes command).",
    )(f)


def workers_option(f):
    return click.option(
        "--workers",
        "-j",
        type=click.IntRange(min=1),
        default=os.cpu_count() or 1,
        show_default="number of cores",
        help="Scenes rendered at once, each in its own process.",
    )(f)


def cluster_option(f):
    return click.option(
        "--cluster",
        envvar="MATHREEL_CLUSTER",
        default=None,
        metavar="tcp://HOST:PORT|local:N",
        help="Render the scenes on a Dask cluster: a running scheduler's address, or local:N to "
        "start N worker processes here (env MATHREEL_CLUSTER). Default: local processes.",
    )(f)


def project_manifest() -> Manifest:
    """The project's chapters, from the content's ``scenes/manifest.py`` (``CHAPTERS``, and the
    chapters still ``PLANNED``): the CLI reads the content and hands it to the library."""
    root = paths.project_root()
    manifest = root / "scenes" / "manifest.py"
    if not manifest.is_file():
        raise UserError(f"{manifest}: no such file (a project lists its chapters there)")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    try:
        content = importlib.import_module("scenes.manifest")
    except SyntaxError as err:
        raise UserError(f"{paths.shown(manifest)}:{err.lineno}: syntax error: {err.msg}") from None
    if Path(content.__file__).resolve() != manifest.resolve():
        raise UserError(
            f"scenes.manifest is {content.__file__}, not this project's {manifest}: "
            "a package named scenes shadows the project's"
        )
    if not hasattr(content, "CHAPTERS"):
        raise UserError(f"{paths.shown(manifest)}: defines no CHAPTERS list")
    return Manifest.of(content.CHAPTERS, getattr(content, "PLANNED", ()))


def strict_markers(ctx: click.Context) -> bool:
    """Whether a chapter whose markers break a platform's rules fails (``--strict``, or
    ``strict = true`` in the project's ``[tool.mathreel]``) instead of warning."""
    return bool(ctx.find_root().params.get("strict")) or bool(paths.settings().get("strict"))


class Cli(click.Group):
    """A group that turns every failure into one line and an exit status, never a traceback: bad
    input (exit 2), a disk fault naming its path, Ctrl-C (130), a bug (1, with its log's path)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            if not stdout_closed():
                raise
            # Whoever read the output has gone (`render.py list | head -1`): end quietly, as any
            # Unix tool does, with 128 + SIGPIPE; what is still buffered goes to /dev/null.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(CLOSED_PIPE) from None
        except (Exception, KeyboardInterrupt) as err:
            message, code = failure_line(err, _logs(), _folders())
            raise OneLineFailure(message, code) from None


def _folders() -> list[tuple[str, Path]]:
    """The project's cache and output folders (name, path), where a disk fault that names no
    file is looked for; none outside a project."""
    try:
        return [(paths.shown(f), f) for f in (paths.cache_dir(), paths.output_dir())]
    except UserError:
        return []


def _logs() -> Path | None:
    """Where a bug's traceback is kept: the project's cache, if there is a project."""
    try:
        return paths.cache_dir() / "logs"
    except UserError:
        return None


#: The exit status of a command whose output pipe was closed by its reader (128 + SIGPIPE).
CLOSED_PIPE = 141


def stdout_closed() -> bool:
    """Whether standard output is a pipe nobody reads any more (the write end reports an error)."""
    try:
        poll = select.poll()
        poll.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poll.poll(0))
    except (OSError, ValueError):
        return False


class OneLineFailure(click.ClickException):
    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="MATHREEL_PROJECT",
    metavar="DIR",
    help="The project (its scenes/, narration/, output/, .cache/). Default: the nearest folder "
    "upward holding scenes/manifest.py or a pyproject.toml with [tool.mathreel].",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail, not warn, when a chapter's markers break a platform's rules (at least 3 "
    "chapters of at least 10 s); also set by strict = true in [tool.mathreel].",
)
@click.version_option(package_name="mathreel", message="mathreel %(version)s")
def cli(project: Path | None, strict: bool) -> None:
    """Narrated math videos: Manim scenes plus narration scripts in, chapter videos out.

    \b
    Examples:
      mathreel new my-course && cd my-course
      mathreel list
      mathreel scene hello -q l -v silent
      mathreel chapter 1
      mathreel course
      mathreel smoke
    """
    paths.use_project(project)


@cli.command("new")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def new_command(folder: Path) -> None:
    """Start a project in FOLDER (new or empty): one chapter of one scene with its figures module,
    narration and a test, manim.cfg and a README of the commands; it renders at once.

    \b
    Example:
      mathreel new my-course && cd my-course && mathreel chapter 1 -q l -v silent
    """
    from mathreel.scaffold import new_project

    written = new_project(folder)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {folder} && mathreel chapter 1 -q l -v silent")


@cli.command("list")
def list_command() -> None:
    """List chapters, their scenes in order, each scene's beats and narration duration.

    Durations come from the silent voice's estimate unless audio is already cached.

    \b
    Example:
      mathreel list
    """
    from mathreel import commands

    commands.list_chapters(project_manifest(), click.echo)


@cli.command("scene")
@click.argument("name")
@quality_option("l")
@voice_option
@click.option("--force", is_flag=True, help="Render even if nothing changed.")
@cluster_option
@click.option("--beat", metavar="ID", help="Preview only this beat, with its narration.")
@click.option("--from", "first", metavar="ID", help="Preview from this beat (default: the first).")
@click.option("--to", "last", metavar="ID", help="Preview up to this beat (default: the last).")
@click.option(
    "--watch",
    is_flag=True,
    help="Preview (the chosen beats, else the whole scene) again whenever the scene, a module it "
    "imports or its narration changes (a warm process; Ctrl-C stops).",
)
@click.option(
    "--export-beats",
    is_flag=True,
    help="Also write one MP4 per beat and an OpenTimelineIO timeline (and FCP7 XML) for editors.",
)
def scene_command(
    name: str,
    quality: str,
    voice: str,
    force: bool,
    cluster: str | None,
    beat: str | None,
    first: str | None,
    last: str | None,
    watch: bool,
    export_beats: bool,
) -> None:
    """Render one scene (by module stem) with its narration into output/; with --beat or
    --from/--to, preview just those beats into output/<quality>/preview/ and print the path.

    \b
    Example:
      mathreel scene slope_at_a_point --quality l --voice piper
      mathreel scene slope_at_a_point --cluster tcp://render-box:8786
      mathreel scene slope_at_a_point --beat zoom_until_straight
      mathreel scene slope_at_a_point --from predict_right --to left_answer -v silent
      mathreel scene slope_at_a_point --export-beats -q h
    """
    from mathreel import commands

    if beat or first or last:
        if export_beats:
            raise click.UsageError(
                "--export-beats exports the whole scene: drop --beat/--from/--to"
            )
        commands.preview_scene(
            project_manifest(),
            name,
            quality,
            voice,
            beat,
            first,
            last,
            click.echo,
            cluster,
            watch,
            force,
        )
    else:
        commands.render_scene(
            project_manifest(), name, quality, voice, force, click.echo, cluster, export_beats
        )


@cli.command("chapter")
@click.argument("number", type=int)
@quality_option("h")
@voice_option
@workers_option
@click.option("--force", is_flag=True, help="Render every scene even if nothing changed.")
@cluster_option
def chapter_command(
    number: int, quality: str, voice: str, workers: int, force: bool, cluster: str | None
) -> None:
    """Render every scene of a chapter, in parallel, and assemble the chapter into output/.

    \b
    Example:
      mathreel chapter 1 --quality h --workers 2
      mathreel chapter 1 --cluster tcp://render-box:8786
      mathreel chapter 1 --cluster local:2
    """
    from mathreel import commands

    commands.render_chapter(
        project_manifest(),
        number,
        quality,
        voice,
        workers,
        force,
        click.echo,
        cluster,
        strict_markers(click.get_current_context()),
    )


@cli.command("course")
@quality_option("h")
@voice_option
@workers_option
@click.option("--force", is_flag=True, help="Render every scene even if nothing changed.")
@cluster_option
def course_command(
    quality: str, voice: str, workers: int, force: bool, cluster: str | None
) -> None:
    """Render every chapter of the manifest (the scenes of all chapters in one queue) and
    assemble each chapter and the course page into output/.

    \b
    Example:
      mathreel course --quality l --voice silent
      mathreel course --cluster tcp://render-box:8786
    """
    from mathreel import commands

    commands.render_course(
        project_manifest(),
        quality,
        voice,
        workers,
        force,
        click.echo,
        cluster,
        strict_markers(click.get_current_context()),
    )


@cli.command("takes")
@click.argument("name")
def takes_command(name: str) -> None:
    """List a scene's phrases with the WAV file to record each to, for --voice recorded.

    \b
    Example:
      mathreel takes slope_at_a_point
    """
    from mathreel import commands

    commands.list_takes(project_manifest(), name, click.echo)


@cli.command("listen")
@click.argument("target", metavar="SCENE|CHAPTER")
@click.option(
    "--quality",
    "-q",
    default=None,
    metavar="|".join(QUALITY_CHOICES),
    help="Which output folder listen.json goes to (default: h for a chapter, l for a scene).",
)
@voice_option
@click.option("--strict", is_flag=True, help="Exit 1 when a meaning word was misheard.")
def listen_command(target: str, quality: str | None, voice: str, strict: bool) -> None:
    """Transcribe every phrase of a scene (by stem) or a chapter (by number) with an offline
    recogniser and compare it with the script (no render needed; phrases not yet synthesized are).

    Writes listen.json beside the chapter's qc.json (a scene's as <stem>.listen.json beside its
    video) and prints per scene the word error rate and each misheard meaning word (numbers,
    variable names, not/no/nor/or/in/and, the terms of the beat's formulas). With the piper
    voice a misheard phrase is tried as takes 2 to 4, as a render does, and the take heard right
    is recorded in narration/<stem>.takes.json (commit it).

    \b
    Example:
      mathreel listen 1
      mathreel listen critical_points --strict
    """
    from mathreel.commands import listen

    listen(project_manifest(), target, quality, voice, strict, click.echo)


@cli.command("smoke")
@workers_option
@click.option(
    "--update-golden", is_flag=True, help="Approve the rendered key frames as the new goldens."
)
@click.option(
    "--scene",
    "scenes",
    multiple=True,
    metavar="NAME",
    help="Only this scene (by module stem); repeat for several. Default: every scene.",
)
def smoke_command(workers: int, update_golden: bool, scenes: tuple[str, ...]) -> None:
    """Render the key frame at the end of every beat of every scene at 480p (silent voice).

    PNGs land under output/smoke/<chapter>/<scene>/<beat>.png with a contact sheet per chapter.

    \b
    Example:
      mathreel smoke --workers 2
      mathreel smoke --scene slope_at_a_point
    """
    from mathreel import commands

    commands.smoke(project_manifest(), workers, update_golden, click.echo, scenes)


@cli.command("doctor")
@quality_option("h")
def doctor_command(quality: str) -> None:
    """Check the system tools, LaTeX packages, fonts, the voice model, free disk space for the
    chosen quality and write access, and verify every cache entry (removing damaged ones).

    \b
    Example:
      mathreel doctor --quality 4k
    """
    from mathreel import commands

    commands.doctor(project_manifest(), quality, click.echo)


def main() -> None:
    """The console script ``mathreel``."""
    cli(prog_name="mathreel")

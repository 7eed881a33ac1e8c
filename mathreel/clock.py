"""The one way the pipeline writes a time: ``clock`` for people (0:00, h:mm:ss past an hour: video
descriptions, transcripts, pages, the CLI) and ``stamp`` for caption files (00:00:00.000)."""

from __future__ import annotations


def clock(seconds: float) -> str:
    """0:00 style (h:mm:ss past an hour), whole seconds shown, as video descriptions write it."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def stamp(seconds: float, sep: str) -> str:
    """HH:MM:SS<sep>mmm, as SRT (``,``) and WebVTT (``.``) cue timings write it."""
    ms = max(0, round(seconds * 1000))
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    secs, ms = divmod(ms, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{ms:03d}"

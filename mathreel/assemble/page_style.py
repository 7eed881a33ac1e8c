"""The document head and style sheet shared by the chapter page and the course page (no external
fonts or files), and the browser code shipped beside this package in ``web/`` (real files, so they
are linted and diffed as what they are).

Colours are chosen for contrast of at least 4.5:1 on the background (text) and 3:1 (focus ring);
the right/wrong colours are Okabe–Ito hues lightened for the dark background, and every state is
also written in words and symbols, never shown by colour alone.
"""

from importlib.resources import files

from mathreel.escape import html_text


def web_file(name: str) -> str:
    """A file of ``mathreel/assemble/web/`` (package data), as the page inlines it."""
    return "\n" + files("mathreel.assemble").joinpath("web", name).read_text(encoding="utf-8")


STYLE = web_file("page.css")


def page_head(title: str, style: str) -> str:
    """A page's opening up to ``<body>``: no icon request, the shared style sheet, then ``style``."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{html_text(title)}</title>
<style>{STYLE}{style}</style>
</head>
<body>
"""

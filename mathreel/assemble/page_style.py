"""The document head and style sheet shared by the chapter page and the course page (no external fonts or files).

Colours are chosen for contrast of at least 4.5:1 on the background (text) and 3:1 (focus ring);
the right/wrong colours are Okabe–Ito hues lightened for the dark background, and every state is
also written in words and symbols, never shown by colour alone.
"""

from mathreel.escape import html_text

STYLE = """
:root { color-scheme: dark; --bg: #111318; --panel: #1b1e25; --fg: #f2f2f2; --muted: #b4b8bf;
  --accent: #e69f00; --focus: #56b4e9; --right: #5fd3a8; --wrong: #ff9e6b; --line: #3a3f4a; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, sans-serif; }
a { color: var(--focus); }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible,
video:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.skip-link { position: absolute; left: -9999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: var(--panel); padding: .5rem 1rem; z-index: 10; }
header { padding: 1rem 1.5rem 0; }
header p { margin: 0; color: var(--muted); }
header nav a { display: inline-flex; align-items: center; min-height: 44px; }
h1 { margin: .2rem 0 1rem; font-size: 1.5rem; line-height: 1.25; }
h2 { font-size: 1rem; color: var(--muted); margin: 1rem 0 .5rem; }
ol, ul { list-style: none; margin: 0; padding: 0; }
button, select, input { font: inherit; color: var(--fg); min-height: 44px; border-radius: 6px; }
button { cursor: pointer; background: var(--panel); border: 1px solid var(--line); padding: .4rem .8rem; }
button:hover { border-color: var(--accent); }
select, input { background: var(--panel); border: 1px solid var(--line); padding: .3rem .6rem; }
.time { color: var(--accent); font-variant-numeric: tabular-nums; margin-right: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important;
  scroll-behavior: auto !important; } }
"""


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

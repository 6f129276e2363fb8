"""The changes `diff` found, shown: a line for each on the terminal (deleted words
`[-like this-]`, added `{+like this+}`, or in colour on a terminal that has it) and a
standalone HTML page (the full text, `<del>`/`<ins>`, nothing fetched, no scripts)."""
from __future__ import annotations

import html
import re

from .changes import Change, Paragraph
from .diff import summary

CONTEXT = 6         # words kept around an edit on the terminal; the page shows them all
LONGEST = 40        # words of an added, removed or moved paragraph shown on the terminal
PARTS = {"heading": "heading", "table": "table", "footnote": "footnote", "body": "text",
         "chronology": "text"}


def where(change: Change) -> str:
    """`12.3 (key)`; `12.3 → 12.5 (key)` when renumbered, `(old key → new key)` when the
    edit gave it a new key; the part for what has no number (`table (key)`), a heading its
    section number too."""
    ends = [p for p in (change.old, change.new) if p]
    shown = ends[-1]
    number = " → ".join(dict.fromkeys(p.number for p in ends if p.number))
    key = " → ".join(dict.fromkeys(p.key for p in ends))
    part = "" if shown.number and shown.part in ("body", "chronology") else PARTS.get(
        shown.part, shown.part)
    return " ".join(x for x in (part, number, f"({key})") if x)


def lines(changes: list[Change]) -> list[str]:
    """The report as plain text."""
    return [f"{c.kind:<8} {where(c)}  {marked(c)}" for c in changes] + [summary(changes)]


def marked(change: Change) -> str:
    out = []
    for op, text in shown_words(change):
        text = _flat(text)
        out.append(text if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    return "".join(out)


COLOURS = {"=": "", "-": "red strike", "+": "green underline"}


def show(changes: list[Change], console) -> None:
    """The report in colour (rich): deletions red and struck through, additions green."""
    for change in changes:
        console.print(coloured(change), soft_wrap=True)
    console.print(summary(changes), highlight=False)


def coloured(change: Change):
    from rich.text import Text
    line = Text()
    line.append(f"{change.kind:<8} ", style="bold")
    line.append(where(change) + "  ", style="cyan")
    for op, text in shown_words(change):
        line.append(_flat(text), style=COLOURS[op])
    return line


def shown_words(change: Change) -> list[tuple[str, str]]:
    """The words as the terminal shows them: long kept runs cut to the words around the
    edits, a long paragraph added, removed or moved to its first words."""
    runs = change.words
    if len(runs) == 1:
        op, text = runs[0]
        return [(op, _first(text, LONGEST))]
    out = []
    for n, (op, text) in enumerate(runs):
        if op == "=":
            text = _around(text, keep_start=n > 0, keep_end=n < len(runs) - 1)
        out.append((op, text))
    return out


def _first(text: str, count: int) -> str:
    tokens = re.findall(r"\S+\s*", text)
    return text if len(tokens) <= count else "".join(tokens[:count]).rstrip() + " …"


def _around(text: str, keep_start: bool, keep_end: bool) -> str:
    """A kept run cut to the words next to the edits on either side of it."""
    tokens = re.findall(r"\s+|\S+", text)
    if sum(1 for t in tokens if t.strip()) <= CONTEXT * (keep_start + keep_end) + 2:
        return text
    pieces = [_take(tokens, CONTEXT)] if keep_start else []
    pieces.append("…")
    pieces += [_take(tokens[::-1], CONTEXT, reverse=True)] if keep_end else []
    return " ".join(pieces)


def _take(tokens: list[str], count: int, reverse: bool = False) -> str:
    """The first `count` words of the tokens (with the whitespace after each but the last)."""
    taken, words = [], 0
    for t in tokens:
        if t.strip():
            if words == count:
                break
            words += 1
        taken.append(t)
    while taken and not taken[-1].strip():
        taken.pop()
    return "".join(taken[::-1] if reverse else taken)


def _flat(text: str) -> str:
    """A line of text: a line break in a cell or footnote shown as ` ¶ `."""
    return re.sub(r"\s*\n\s*", " ¶ ", re.sub(r"[ \t]+", " ", text))


# ---------------------------------------------------------------- HTML

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.5rem; }
.summary { font-weight: bold; }
section { border-top: 1px solid #ccc; padding: .5rem 0; }
.where { font-family: ui-monospace, monospace; color: #444; }
.kind { display: inline-block; min-width: 5rem; font-weight: bold; }
.text { white-space: pre-wrap; margin: .25rem 0 0; }
del { background: #fdd; color: #8b0000; }
ins { background: #dfd; color: #004d00; text-decoration: underline; }
"""


def page(changes: list[Change], old_label: str, new_label: str) -> str:
    """A standalone page of the report: every change with its full text."""
    title = f"Changes from {old_label} to {new_label}"
    parts = [
        "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
        # nothing from outside: the page's own style and no more
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'style-src \'unsafe-inline\'">',
        f"<title>{html.escape(title)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="summary">{html.escape(summary(changes))}</p>']
    parts += [_section(c) for c in changes]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _section(change: Change) -> str:
    shown: Paragraph = change.new or change.old
    tag = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}
    text = "".join(tag[op].format(html.escape(words)) for op, words in change.words)
    return (f'<section class="{change.kind}" id="{html.escape(shown.key)}">'
            f'<p><span class="kind">{change.kind}</span> '
            f'<span class="where">{html.escape(where(change))}</span></p>'
            f'<p class="text">{text}</p></section>')

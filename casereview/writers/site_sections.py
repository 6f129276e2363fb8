"""The site's HTML section by section, for the live preview (`casereview serve`): pandoc is run
again only on the top-level sections whose Markdown changed since the last build.

A section's HTML depends on more than its own Markdown: pandoc numbers footnotes through the
whole document, names each section's block of notes (`footnotes`, `footnotes-2`, ...) by how
many came before, and makes a heading's automatic id unique against every heading id before
it (`september`, `september-1`). So a section is converted after a stand-in for what comes
before it: as many notes in as many blocks, and one heading per id already taken; and its
HTML is kept under its Markdown together with those three. A section whose notes or heading
ids change changes the sections after it too, so when more than a few sections are to be
converted again the whole document is, in one pandoc run, as a full build does."""
from __future__ import annotations

import html as html_text
import re
from dataclasses import dataclass

from . import pandoc

_SECTION = re.compile(r'<section id="([^"]+)" class="level1[^"]*">')
_NOTE = re.compile(r'<li id="fn\d+"')
_NOTES_BLOCK = '<aside id="footnotes'
_HEADING_ID = re.compile(r'<(?:section|h[1-6]) id="([^"]+)"')
_PLAIN_ID = re.compile(r"[\w.:-]+")
STAND_IN = "casereview-preview-before"
MOST = 3            # sections converted one by one; more, and the whole document at once


@dataclass(frozen=True)
class Before:
    """What pandoc has seen before a section: its notes, blocks of notes and heading ids."""

    notes: int = 0
    blocks: int = 0
    ids: frozenset[str] = frozenset()

    def after(self, html: str) -> "Before":
        return Before(self.notes + len(_NOTE.findall(html)),
                      self.blocks + html.count(_NOTES_BLOCK),
                      self.ids | {html_text.unescape(i) for i in _HEADING_ID.findall(html)})


def split(markdown: str) -> tuple[str, list[str]]:
    """The metadata before the first top-level heading, and each top-level section's Markdown
    (an ATX `# ` heading after a blank line starts one, as pandoc reads it)."""
    starts = [m.start() + 2 for m in re.finditer(r"\n\n(?=# )", markdown)]
    if not starts:
        return markdown, []
    ends = starts[1:] + [len(markdown)]
    return markdown[:starts[0]], [markdown[a:b] for a, b in zip(starts, ends)]


def sections(html: str) -> list[str]:
    """The HTML of each top-level section (what comes before the first is dropped: a
    fragment written by pandoc has nothing there)."""
    starts = [m.start() for m in _SECTION.finditer(html)]
    ends = starts[1:] + [len(html)]
    return [html[a:b].rstrip("\n") for a, b in zip(starts, ends)]


def joined(parts: list[str]) -> str:
    """The whole document's HTML from its sections', as pandoc writes it in one run."""
    return "\n".join(parts)


class Sections:
    """The HTML of the last build's sections, to convert only what an edit changed."""

    def __init__(self, outputs: dict[str, pandoc.Output]):
        self.outputs = outputs
        self.head = ""
        self.known: dict[tuple[str, Before], str] = {}
        self.anchors: list[str] = []

    def remember(self, markdown: str, html: str) -> None:
        """A whole document and its HTML from one pandoc run (a full build's)."""
        head, chunks = split(markdown)
        parts = sections(html)
        if len(chunks) != len(parts) or joined(parts) != html.rstrip("\n"):
            self.known, self.anchors = {}, []      # not cut as pandoc cut it: no shortcut
            return
        self.head, self.known = head, {}
        before = Before()
        for chunk, part in zip(chunks, parts):
            self.known[(chunk, before)] = part
            before = before.after(part)
        self.anchors = [_SECTION.match(part)[1] for part in parts]

    def html(self, markdown: str, media: dict[str, bytes]) -> tuple[str, int]:
        """The document's HTML, and how many sections pandoc converted (-1: all at once)."""
        head, chunks = split(markdown)
        if head == self.head and len(chunks) == len(self.anchors) and self.anchors:
            parts = self._by_section(chunks, media)
            if parts is not None:
                converted = sum(1 for key in parts if key not in self.known)
                self.known = parts
                return joined(list(parts.values())), converted
        whole = pandoc.write(markdown, self.outputs, media).result()["html"].decode("utf-8")
        self.remember(markdown, whole)
        return whole, -1

    def _by_section(self, chunks: list[str], media) -> dict | None:
        """Each section's HTML by its key, in order; None when more than MOST sections, or
        one that pandoc did not read as the same section, would need converting."""
        parts: dict[tuple[str, Before], str] = {}
        before, converted = Before(), 0
        for chunk, anchor in zip(chunks, self.anchors):
            key = (chunk, before)
            part = self.known.get(key)
            if part is None:
                converted += 1
                part = self._convert(chunk, before, media) if converted <= MOST else None
                if part is None or _SECTION.match(part)[1] != anchor:
                    return None
            parts[key] = part
            before = before.after(part)
        return parts

    def _convert(self, chunk: str, before: Before, media) -> str | None:
        """One section's HTML as pandoc writes it in the whole document, or None."""
        prefix = stand_in(self.head, before)
        if prefix is None:
            return None
        out = pandoc.write(prefix + chunk, self.outputs, media).result()["html"].decode("utf-8")
        parts = [p for p in sections(out) if not _SECTION.match(p)[1].startswith(STAND_IN)]
        return parts[0] if len(parts) == 1 else None


def stand_in(head: str, before: Before) -> str | None:
    """Markdown that leaves pandoc as it was before a section: the same number of notes in
    the same number of blocks, every heading id taken. None when it cannot be written."""
    if before.notes < before.blocks or (before.notes and not before.blocks) or \
            not all(_PLAIN_ID.fullmatch(i) for i in before.ids):
        return None
    lines = [head.rstrip("\n"), ""]
    for block in range(max(before.blocks, 1)):
        lines += [f"# x {{#{STAND_IN}-{block}}}", ""]
        notes = 0 if block >= before.blocks else \
            1 if block < before.blocks - 1 else before.notes - block
        labels = [f"{STAND_IN}-{block}-{n}" for n in range(notes)]
        if labels:
            lines += ["x" + "".join(f"[^{label}]" for label in labels), ""]
            lines += [line for label in labels for line in (f"[^{label}]: x", "")]
    lines += [line for i in sorted(before.ids) for line in (f"###### x {{#{i}}}", "")]
    return "\n".join(lines) + "\n"

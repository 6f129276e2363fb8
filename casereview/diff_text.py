"""A version of the review as a reader sees it, paragraph by paragraph in reading order, each
with a key that lets `diff` find it again in another version. The workspace reader
(diff_sources) and the DOCX reader (diff_docx) walk their documents and tell a `Reading` what
they meet, so that both give the same paragraphs and keys for the same text.

Keys: a numbered paragraph's is its reader's (numbering.Block.key, or the DOCX bookmark);
a heading's is its section's id, or the path of heading words down to it; a table cell's is
where it is (heading path, the row's first cell, the column's heading); a footnote's is the
key of the paragraph that calls it; any other paragraph's is drawn from its words.
"""
from __future__ import annotations

from dataclasses import replace

from .assemble import slug
from .changes import Paragraph
from .numbering import paragraph_key

Cell = tuple[str, list[str]]        # a cell's text, and the footnotes it calls


class Reading:
    def __init__(self):
        self.paragraphs: list[Paragraph] = []
        self.path: list[str] = []          # heading keys from the section down
        self.section = ""                  # the title of the section
        self.tables = 0                    # tables met under the last heading
        self.taken: set[str] = set()

    def heading(self, level: int, text: str, ident: str | None = None,
                number: str | None = None) -> None:
        text = text.strip()
        if level <= 1:
            self.path, self.section = [ident or slug(text)], text
        else:
            self.path = self.path[:level - 1] + [slug(text)[:40] or "untitled"]
        self.tables = 0
        self._add(Paragraph("/".join(self.path), text, number, ident, self.section, "heading"))

    def paragraph(self, text: str, notes: list[str] = (), number: str | None = None,
                  anchor: str | None = None, key: str | None = None, part: str = "body") -> None:
        text = text.strip()
        if not text and not number:       # an empty paragraph: nothing a reader sees
            return
        key = self._add(Paragraph(key or paragraph_key(text), text, number, anchor,
                                  self.section, part))
        self._notes(key, notes)

    def table(self, rows: list[list[Cell]]) -> None:
        """A table's cells row by row; the first row is the header that names the columns."""
        if not rows:
            return
        self.tables += 1
        base = "/".join(self.path) or "table"
        base += f"/t{self.tables}" if self.tables > 1 else ""
        columns = [slug(text)[:30] or f"c{j}" for j, (text, _) in enumerate(rows[0], 1)]
        labels: set[str] = set()
        for i, row in enumerate(rows):
            label = _unique((slug(row[0][0])[:30] if row else "") or f"r{i}", labels)
            for j, (text, notes) in enumerate(row):
                column = columns[j] if j < len(columns) else f"c{j + 1}"
                if text.strip():
                    key = self._add(Paragraph(f"{base}/{label}/{column}", text.strip(), None,
                                              None, self.section, "table"))
                    self._notes(key, notes)

    def _notes(self, key: str, notes: list[str]) -> None:
        for n, text in enumerate(notes, 1):
            if text.strip():
                self._add(Paragraph(f"fn:{key}" + (f"/{n}" if n > 1 else ""), text.strip(),
                                    None, None, self.section, "footnote"))

    def _add(self, paragraph: Paragraph) -> str:
        """Keep the paragraph, its key made unique (a repeat takes `-2`, `-3` ...)."""
        key = _unique(paragraph.key, self.taken)
        self.paragraphs.append(replace(paragraph, key=key))
        return key


def _unique(key: str, taken: set[str]) -> str:
    candidate, n = key, 1
    while candidate in taken:
        n += 1
        candidate = f"{key}-{n}"
    taken.add(candidate)
    return candidate

"""A built DOCX as a version for `diff`: its paragraphs, table cells and footnotes from the
first Heading 1 on (the title page and the contents are not compared). The numbers are the
ones Word shows, counted from the report's lists (word_numbers.py); a numbered paragraph's
anchor is its bookmark, and its key that bookmark when the author named it, else drawn from
its words."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from . import numbering
from .diff_sources import Version, VersionError
from .diff_text import Cell, Reading
from .word_numbers import WordNumbers, bare

HEADING = re.compile(r"Heading(\d)$")

PANEL_KEY = "ParagraphKey"     # the character style of a panel build's keys


def read_docx(path: Path, label: str) -> Version:
    import zipfile

    import docx
    if not zipfile.is_zipfile(path):
        raise VersionError(f"casereview: {label}: not a readable DOCX file (not a zip "
                           "package, as every .docx is)")
    try:
        document = docx.Document(str(path))
    except Exception as exc:                 # a zip that is not Word's, a broken part ...
        raise VersionError(f"casereview: {label}: not a readable DOCX file ({_reason(exc)})") \
            from None
    modified = document.core_properties.modified
    walk = DocxWalk(document)
    walk.body()
    return Version(label, walk.reading.paragraphs, modified.date() if modified else date.today(),
                   docx=path)


def _reason(exc: Exception) -> str:
    return str(exc).strip() or type(exc).__name__


class DocxWalk:
    def __init__(self, document):
        from docx.oxml.ns import qn
        self.qn = qn
        self.document = document
        self.notes = footnotes(document)
        self.numbers = WordNumbers.of(document)
        self.reading = Reading()

    def body(self) -> None:
        qn, started = self.qn, False
        for el in self.document.element.body.iterchildren():
            if el.tag == qn("w:p"):
                level = HEADING.match(self.style(el) or "")
                started = started or bool(level and level[1] == "1")
                number = bare(self.numbers.number(el))  # counted before the title page too
                if started:
                    self.paragraph(el, int(level[1]) if level else 0, number)
            elif el.tag == qn("w:tbl") and started:
                self.reading.table([[self.cell(tc) for tc in tr.iterchildren(qn("w:tc"))]
                                    for tr in el.iterchildren(qn("w:tr"))])

    def paragraph(self, p, level: int, number: str | None) -> None:
        from .writers.docx_xml import bookmark_at
        text, notes, anchor = self.text(p), self.called(p), bookmark_at(p)
        if level:
            self.reading.heading(level, text, anchor, number)
        elif number:
            key = anchor if anchor and anchor != numbering.anchor(number) else None
            self.reading.paragraph(text, notes, number, anchor, key)
        else:
            self.reading.paragraph(text, notes)

    def cell(self, tc) -> Cell:
        paragraphs = list(tc.iter(self.qn("w:p")))
        lines = [self.text(p).strip() for p in paragraphs]
        return "\n".join(line for line in lines if line), [
            n for p in paragraphs for n in self.called(p)]

    def called(self, p) -> list[str]:
        """The texts of the footnotes the paragraph calls, in order."""
        refs = p.iter(self.qn("w:footnoteReference"))
        return [self.notes.get(r.get(self.qn("w:id")), "") for r in refs]

    def style(self, p) -> str | None:
        found = p.find(f"{self.qn('w:pPr')}/{self.qn('w:pStyle')}")
        return found.get(self.qn("w:val")) if found is not None else None

    @staticmethod
    def text(p) -> str:
        """The paragraph's words, less a panel build's key beside its number (a panel DOCX
        and a plain one of the same text are the same version)."""
        from copy import deepcopy

        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph
        keys = p.xpath(f"./w:r[w:rPr/w:rStyle/@w:val='{PANEL_KEY}']")
        if keys:
            p = deepcopy(p)
            for run in p.xpath(f"./w:r[w:rPr/w:rStyle/@w:val='{PANEL_KEY}']"):
                after = run.getnext()
                if after is not None and after.tag == qn("w:r") and \
                        after.xpath("string(.)") == " ":
                    p.remove(after)           # the space the key stood in front of
                p.remove(run)
        return Paragraph(p, None).text


def footnotes(document) -> dict[str, str]:
    """Footnote id -> its text (pandoc's space after the mark taken off)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    part = next((rel.target_part for rel in document.part.rels.values()
                 if not rel.is_external and rel.reltype.endswith("/footnotes")), None)
    if part is None:
        return {}
    notes = {}
    for note in parse_xml(part.blob).iterchildren(qn("w:footnote")):
        lines = [DocxWalk.text(p).strip() for p in note.iter(qn("w:p"))]
        notes[note.get(qn("w:id"))] = "\n".join(line for line in lines if line)
    return notes

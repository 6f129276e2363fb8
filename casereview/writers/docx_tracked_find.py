"""Finding `diff`'s paragraphs in a built DOCX: a paragraph with an id by its bookmark (the
name pandoc gave the id), unless a table cell or a footnote; any other by its text among the units of its part, the first
match after the last one found there (changes come in the new version's order, so
repeated words, such as "Key lessons learned:", resolve to the right one), else the
closest text in the part."""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from docx.oxml.ns import qn

from ..changes import Paragraph
from . import WriterError
from .docx_numbering import bookmark
from .docx_tracked_marks import normal, unit_text

CLOSE_ENOUGH = 0.6      # the least likeness for text that does not match exactly


@dataclass
class Unit:
    """A paragraph as `diff` sees it: the DOCX paragraphs it is made of."""

    paragraphs: list
    part: str
    footnote: object | None = None    # the w:footnote, for a footnote

    @property
    def last(self):
        return self.paragraphs[-1]


@dataclass
class Finder:
    """The units of each part and their texts, read once, before any change is marked (a
    removed paragraph written back must not be found as the new version's)."""

    body: object                      # w:body
    footnotes: object | None          # w:footnotes
    cursor: dict[str, int] = field(default_factory=dict)
    units: dict[str, list[Unit]] = field(init=False)
    texts: dict[str, list[str]] = field(init=False)

    def __post_init__(self):
        self.units = {"body": body_units(self.body), "table": table_units(self.body),
                      "footnote": footnote_units(self.footnotes)}
        self.texts = {kind: [" ".join(normal(unit_text(u.paragraphs)).split()) for u in units]
                      for kind, units in self.units.items()}

    def find(self, paragraph: Paragraph, keep_cursor: bool = False) -> Unit:
        """`keep_cursor`: a look back (where a removed paragraph goes), which does not move
        where the next search starts."""
        unit = self.by_bookmark(paragraph) or self.by_text(paragraph, keep_cursor)
        if unit is None:
            where = f"paragraph {paragraph.number} " if paragraph.number else ""
            raise WriterError(
                f"tracked changes: {where}“{paragraph.text[:60]}” ({paragraph.part}, key "
                f"{paragraph.key}) is not in the new version's DOCX; build the new version "
                "again so that the DOCX and the compared text are of the same sources")
        return unit

    def by_bookmark(self, paragraph: Paragraph) -> Unit | None:
        if not paragraph.anchor or paragraph.part in ("table", "footnote"):
            return None
        name = bookmark(paragraph.anchor)
        for start in self.body.iter(qn("w:bookmarkStart")):
            if start.get(qn("w:name")) == name:
                p = start.getparent()
                if p.tag != qn("w:p"):        # a heading's bookmark stands before it
                    p = next((s for s in start.itersiblings() if s.tag == qn("w:p")), None)
                return Unit([p], paragraph.part) if p is not None else None
        return None

    def by_text(self, paragraph: Paragraph, keep_cursor: bool) -> Unit | None:
        kind = {"table": "table", "chronology": "table", "footnote": "footnote"}.get(
            paragraph.part, "body")
        units, texts = self.units[kind], self.texts[kind]
        wanted = " ".join(normal(paragraph.text).split())
        start = self.cursor.get(kind, 0)
        order = list(range(start, len(units))) + list(range(start))
        found = next((i for i in order if texts[i] == wanted), None)
        if found is None:
            found = closest(wanted, texts)
        if found is None:
            return None
        if not keep_cursor:
            self.cursor[kind] = found + 1
        return units[found]


def closest(wanted: str, texts: list[str]) -> int | None:
    best, found = CLOSE_ENOUGH, None
    for i, text in enumerate(texts):
        matcher = SequenceMatcher(None, wanted, text, autojunk=False)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            ratio = matcher.ratio()
            if ratio > best:
                best, found = ratio, i
    return found


def body_units(body) -> list[Unit]:
    """The body's paragraphs outside tables and the table of contents."""
    return [Unit([p], "body") for p in body.iter(qn("w:p"))
            if not any(a.tag in (qn("w:tbl"), qn("w:sdt")) for a in p.iterancestors())]


def table_units(body) -> list[Unit]:
    """Every row's cells, then the row itself (a chronology entry may be read as its row)."""
    units = []
    for tr in body.iter(qn("w:tr")):
        cells = [Unit(tc.findall(qn("w:p")), "table") for tc in tr.findall(qn("w:tc"))]
        units += cells + [Unit([p for c in cells for p in c.paragraphs], "table")]
    return [u for u in units if u.paragraphs]


def footnote_units(footnotes) -> list[Unit]:
    if footnotes is None:
        return []
    return [Unit(fn.findall(qn("w:p")), "footnote", fn)
            for fn in footnotes.findall(qn("w:footnote")) if fn.get(qn("w:type")) is None]

"""Number the report: sections 1, 2 ...; their paragraphs 1.1, 1.2 ...; the chronology
directive's entries as paragraphs of the section that holds it. Pure: model in, outline out.

The outline is what every format is rendered from, so a number given here is the number
in the web site, the DOCX and the PDF alike.
"""
from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, field

from . import prose
from .dates import PartialDate
from .model import CaseReview, ChronologyEntry, Section


@dataclass(frozen=True)
class Entry:
    """A chronology entry with the agency that recorded it and the subjects it concerns,
    by name."""

    agency: str
    entry: ChronologyEntry
    subjects: tuple[str, ...] = ()


@dataclass
class Block:
    kind: str                 # paragraph | list | quote | heading | table | directive
    text: str = ""
    number: str | None = None # "12.3" for numbered paragraphs
    anchor: str | None = None
    level: int = 2            # headings
    directive: str | None = None
    args: str = ""
    entry: Entry | None = None
    key: str | None = None    # numbered paragraphs: the id that survives renumbering
    summary: bool = False     # marked `{.summary}`: also a paragraph of the executive summary


@dataclass
class NumberedSection:
    section: Section
    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)

    @property
    def number(self) -> int:
        return self.section.number

    @property
    def anchor(self) -> str:
        """Sections' anchors are prefixed: a paragraph may carry its section's slug as id."""
        return "sec-" + self.section.id


def anchor(number: str) -> str:
    return "p" + number.replace(".", "-")


def chronology(review: CaseReview) -> list[Entry]:
    """Every IMR's entries merged, sorted by the date at the precision known."""
    names = {s.id: s.name for s in review.info.subjects}
    entries = [Entry(imr.agency, e, tuple(names.get(sid, sid) for sid in e.subjects))
               for imr in review.imrs for e in imr.chronology]
    return sorted(entries, key=lambda x: (x.entry.date.sort_key(), x.agency))


def in_range(entries: list[Entry], args: str) -> list[Entry]:
    start, _, end = args.partition("..")
    first, last = PartialDate.parse(start.strip()).start, PartialDate.parse(end.strip()).end
    return [e for e in entries if first <= e.entry.date.start <= last]


def outline(review: CaseReview) -> list[NumberedSection]:
    merged = chronology(review)
    sections = [_section(s, merged) for s in review.sections]
    _keys(sections)
    return sections


def paragraph_key(text: str) -> str:
    """A numbered paragraph's lasting id when its author gave none: drawn from its words, so
    it stays the same when paragraphs before it come or go and the numbers move (the panel's
    comments and `diff` follow a paragraph by it); an edit to the paragraph gives a new one."""
    words = " ".join(text.split())
    return "k" + hashlib.blake2b(words.encode("utf-8"), digest_size=3).hexdigest()


def _keys(sections: list[NumberedSection]) -> None:
    """Each numbered paragraph's key: its author's id, else `paragraph_key`; a paragraph that
    repeats an earlier one's words takes the next free `-2`, `-3`."""
    taken: set[str] = set()
    for b in (b for s in sections for b in s.blocks if b.kind == "paragraph"):
        authored = b.anchor and not re.fullmatch(r"p\d+-\d+", b.anchor)
        base = b.anchor if authored else paragraph_key(b.text)
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base}-{n}"
        taken.add(key)
        b.key = key


def _section(section: Section, merged: list[Entry]) -> NumberedSection:
    out = NumberedSection(section, footnotes=prose.footnote_definitions(section.body))
    count = 0

    def number() -> str:
        nonlocal count
        count += 1
        return f"{section.number}.{count}"

    for b in prose.blocks(section.body):
        if b.kind == "paragraph":
            n = number()
            out.blocks.append(Block("paragraph", b.text, n, b.id or anchor(n), summary=b.summary))
        elif b.kind == "heading":
            hashes = len(b.text) - len(b.text.lstrip("#"))
            out.blocks.append(Block("heading", b.text.lstrip("#").strip(), level=max(2, hashes - 1)))
        elif b.kind == "directive" and b.id == "chronology":
            out.blocks.extend(_events(in_range(merged, prose.directive_args(b)), number))
        elif b.kind == "directive":
            out.blocks.append(Block("directive", directive=b.id, args=prose.directive_args(b)))
        elif b.kind != "footnote":
            out.blocks.append(Block(b.kind, b.text))
    return out


def _events(entries: list[Entry], number) -> list[Block]:
    """Entries as numbered paragraphs under year headings and, within a year, month or season
    headings; entries come sorted so a year-only one opens its year (no heading of its own)
    and each heading is written once."""
    blocks: list[Block] = []
    year = part = None
    for e in entries:
        d = e.entry.date
        if d.year != year:
            year, part = d.year, None
            blocks.append(Block("heading", str(year), level=2))
        heading = _part_of_year(d)
        if heading and heading != part:
            part = heading
            blocks.append(Block("heading", heading, level=3))
        n = number()
        blocks.append(Block("paragraph", e.entry.what.strip(), n, anchor(n), entry=e))
    return blocks


def _part_of_year(d: PartialDate) -> str | None:
    """The heading within its year: "March", "Spring 2013"; none for a year-only date."""
    if d.month:
        return calendar.month_name[d.month]
    return str(PartialDate(d.year, season=d.season)) if d.season else None


def paragraph_numbers(sections: list[NumberedSection]) -> dict[str, str]:
    """Paragraph id -> number, for [[para:id]]."""
    return {b.anchor: b.number for s in sections for b in s.blocks
            if b.kind == "paragraph" and b.anchor and not re.fullmatch(r"p\d+-\d+", b.anchor)}

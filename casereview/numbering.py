"""Number the report: sections 1, 2 ...; their paragraphs by the review's scheme
(`info.numbering`); the chronology directive's entries as paragraphs of the section that
holds it. Pure: model in, outline out.

Schemes, for the body's sections (appendix A's paragraphs are numbered alike, with its
label in place of the section's number, see `prefix`; front matter is not numbered):
- `section`: 4.1, 4.2 ... in each section;
- `subsection`: a `##` heading opens a numbered subsection, 4.3, whose paragraphs are 4.3.1,
  4.3.2 ...; paragraphs before the section's first `##` count with the subsections (4.1,
  4.2, then the heading 4.3), as published reports numbered in Word's multilevel lists do;
- `straight`: 1, 2 ... 214 through the whole body (appendices count their own: A.1).

The outline is what every format is rendered from, so a number given here is the number
in the web site, the DOCX and the PDF alike.
"""
from __future__ import annotations

import calendar
import hashlib
import itertools
from dataclasses import dataclass, field
from typing import Iterator

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
    number: str | None = None # "12.3" for numbered paragraphs (and subsection headings)
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
        """Sections' anchors are prefixed: a paragraph may carry its section's slug as id. An
        appendix the build fills in keeps the anchor it has wherever the author places it."""
        if self.section.generate:
            return GENERATED_ANCHORS[self.section.generate]
        return "sec-" + self.section.id

    @property
    def heading(self) -> str:
        """Its heading's words as printed, less a section's number (which Word numbers)."""
        if self.section.part == "appendix":
            return appendix_heading(self.section.label, self.section.title)
        return self.section.title


def appendix_heading(label: str, title: str) -> str:
    """"Appendix A: Glossary"; the references closing the report are unlabelled."""
    return f"Appendix {label}: {title}" if label else title


#: the anchors of the appendices the build fills in (templates/appendix_*.md.j2)
GENERATED_ANCHORS = {"action_plans": "action-plans", "chronology": "chronology",
                     "references": "references"}


def anchor(number: str) -> str:
    return "p" + number.replace(".", "-")


def heading_anchor(number: str) -> str:
    return "h" + number.replace(".", "-")


def prefix(section: Section) -> str | None:
    """What a part's paragraph numbers begin with: a section's number; an appendix's label,
    with an `A` before a label that begins with a digit (Appendix 1's paragraphs are A1.1,
    never 1.1, which is section 1's); nothing for front matter, which is not numbered."""
    if section.part == "front":
        return None
    if section.part == "appendix":
        label = section.label
        return label if label[:1].isalpha() else "A" + label
    return str(section.number)


class Numbers:
    """The numbers of one part's paragraphs and subsection headings, in the order met."""

    def __init__(self, section: Section, scheme: str, running: Iterator[int]):
        self.prefix, self.scheme = prefix(section), scheme
        # straight numbering runs through the body; an appendix counts its own
        self.running = running if scheme == "straight" and section.part == "body" else None
        self.sub = self.count = 0
        self.opened = False            # a subsection heading has been met

    def paragraph(self) -> str | None:
        if self.prefix is None:
            return None
        if self.running is not None:
            return str(next(self.running))
        if self.opened:
            self.count += 1
            return f"{self.prefix}.{self.sub}.{self.count}"
        self.sub += 1
        return f"{self.prefix}.{self.sub}"

    def heading(self) -> str | None:
        """A `##` heading's number: only the subsection scheme numbers them."""
        if self.prefix is None or self.scheme != "subsection":
            return None
        self.sub, self.count, self.opened = self.sub + 1, 0, True
        return f"{self.prefix}.{self.sub}"


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
    scheme, running = review.info.numbering, itertools.count(1)
    sections = [_section(s, merged, Numbers(s, scheme, running)) for s in review.sections]
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
    for b in (b for s in sections for b in s.blocks if b.kind == "paragraph" and b.number):
        base = b.anchor if b.anchor != anchor(b.number) else paragraph_key(b.text)
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base}-{n}"
        taken.add(key)
        b.key = key


def _section(section: Section, merged: list[Entry], numbers: Numbers) -> NumberedSection:
    out = NumberedSection(section, footnotes=prose.footnote_definitions(section.body))
    for b in prose.blocks(section.body):
        if b.kind == "paragraph":
            out.blocks.append(_paragraph(b.text, numbers.paragraph(), b.id, summary=b.summary))
        elif b.kind == "heading":
            out.blocks.append(_heading(b.text, numbers))
        elif b.kind == "directive" and b.id == "chronology":
            out.blocks.extend(_events(in_range(merged, prose.directive_args(b)), numbers))
        elif b.kind == "directive":
            out.blocks.append(Block("directive", directive=b.id, args=prose.directive_args(b)))
        elif b.kind != "footnote":
            out.blocks.append(Block(b.kind, b.text))
    return out


def _paragraph(text: str, number: str | None, own_id: str | None, entry=None,
               summary: bool = False) -> Block:
    """A paragraph; unnumbered in front matter, where only its author's id anchors it."""
    return Block("paragraph", text, number, own_id or (anchor(number) if number else None),
                 entry=entry, summary=summary)


def _heading(text: str, numbers: Numbers) -> Block:
    """An author's heading: `##` (and `#`) under the section's title, `###` a level below.
    The subsection scheme numbers the `##` ones and keeps `###` and deeper below them;
    the others show `##` and `###` alike, as the report always has."""
    hashes = len(text) - len(text.lstrip("#"))
    words = text.lstrip("#").strip()
    if numbers.scheme != "subsection":
        return Block("heading", words, level=max(2, hashes - 1))
    if hashes > 2:
        return Block("heading", words, level=min(hashes, 6))
    return _subsection(words, numbers)


def _subsection(words: str, numbers: Numbers) -> Block:
    number = numbers.heading()
    return Block("heading", words, number, heading_anchor(number) if number else None, level=2)


def _events(entries: list[Entry], numbers: Numbers) -> list[Block]:
    """Entries as numbered paragraphs under year headings and, within a year, month or season
    headings; entries come sorted so a year-only one opens its year (no heading of its own)
    and each heading is written once. A year is a `##` heading: the subsection scheme
    numbers it, and its entries under it."""
    blocks: list[Block] = []
    year = part = None
    for e in entries:
        d = e.entry.date
        if d.year != year:
            year, part = d.year, None
            blocks.append(_subsection(str(year), numbers) if numbers.scheme == "subsection"
                          else Block("heading", str(year), level=2))
        heading = _part_of_year(d)
        if heading and heading != part:
            part = heading
            blocks.append(Block("heading", heading, level=3))
        blocks.append(_paragraph(e.entry.what.strip(), numbers.paragraph(), None, e))
    return blocks


def _part_of_year(d: PartialDate) -> str | None:
    """The heading within its year: "March", "Spring 2013"; none for a year-only date."""
    if d.month:
        return calendar.month_name[d.month]
    return str(PartialDate(d.year, season=d.season)) if d.season else None


def paragraph_numbers(sections: list[NumberedSection]) -> dict[str, str]:
    """Paragraph id -> number, for [[para:id]]."""
    return {b.anchor: b.number for s in sections for b in s.blocks
            if b.kind == "paragraph" and b.number and b.anchor != anchor(b.number)}


def number_order(number: str) -> tuple:
    """A paragraph number as it sorts in the report: the body's (4.2, 4.10, 12) before the
    appendices' (A.1, A1.3), each by its parts as numbers."""
    parts = number.split(".")
    head = parts[0]
    rest = tuple(int(p) if p.isdigit() else 0 for p in parts[1:])
    return (0, int(head), "", rest) if head.isdigit() else (1, 0, head, rest)

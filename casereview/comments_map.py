"""Where a comment made on an older DOCX stands in the review now: its paragraph found again
by key, so a comment on 4.2 shows as 4.3 once a paragraph was inserted before it; a
paragraph whose key is gone (its words were edited, and the key is drawn from them) found by
the likeness of its words, and flagged; else said to be gone."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .comments import Entry, Place
from .numbering import NumberedSection, number_order
from .writers.docx_numbering import key_bookmark

LIKENESS = 0.6          # difflib's ratio from which an edited paragraph is taken to be it
TEXT_CHANGED = "text changed since"
GONE = "paragraph no longer exists"


@dataclass(frozen=True)
class Paragraph:
    key: str
    number: str
    section: str
    section_number: str
    text: str           # its words, without the Markdown's marks


@dataclass
class Mapped:
    """An entry and where it stands now."""

    entry: Entry
    number: str | None       # the paragraph's number now (a heading's: the section's)
    section: str
    section_number: str | None
    note: str = ""           # moved from, text changed since, no longer exists
    key: str | None = None   # the key it was made on (a hashed one found in the workspace)

    @property
    def place(self) -> Place:
        return self.entry.place

    def sort_key(self) -> tuple:
        """In the report's order: by number now, then where it stood in the DOCX."""
        number = self.number or self.section_number
        return (not number, number_order(number) if number else (), self.place.part == "footnote",
                self.place.order)


class Outline:
    """The workspace's numbered paragraphs and sections, to find places in."""

    def __init__(self, sections: list[NumberedSection]):
        self.by_key: dict[str, Paragraph] = {}
        self.by_mark: dict[str, str] = {}
        # each part by its heading as the DOCX has it: only the body's sections are numbered
        self.sections = {s.heading: str(s.number) if s.section.part == "body" else None
                         for s in sections}
        for s in sections:
            for b in s.blocks:
                if b.kind == "paragraph" and b.number and b.key:
                    self.by_key[b.key] = Paragraph(b.key, b.number, s.heading,
                                                   self.sections[s.heading], plain(b.text))
                    self.by_mark[key_bookmark(b.key)] = b.key

    def find(self, entry: Entry) -> Mapped:
        place = entry.place
        number = self.sections.get(place.section, place.section_number)
        if place.part not in ("paragraph", "footnote"):
            now = number if place.part == "heading" and place.number else None
            return Mapped(entry, now, place.section, number)
        key = place.key or self.by_mark.get(place.mark or "")
        if key in self.by_key:
            found = self.by_key[key]
            moved = f"{place.number} in the DOCX" if place.number != found.number else ""
            return Mapped(entry, found.number, found.section, found.section_number, moved, key)
        key = key or place.mark
        found = self.likest(place.text)
        if found is None:
            return Mapped(entry, None, place.section, number, GONE, key)
        return Mapped(entry, found.number, found.section, found.section_number, TEXT_CHANGED,
                      key)

    def likest(self, text: str) -> Paragraph | None:
        """The paragraph now whose words are likest `text`'s, if alike enough."""
        matcher, best, score = difflib.SequenceMatcher(autojunk=False), None, LIKENESS
        matcher.set_seq2(text)
        for paragraph in self.by_key.values():
            matcher.set_seq1(paragraph.text)
            if matcher.real_quick_ratio() >= score and matcher.quick_ratio() >= score:
                ratio = matcher.ratio()
                if ratio >= score:
                    best, score = paragraph, ratio
        return best


def as_built(entry: Entry) -> Mapped:
    """An entry where the DOCX put it, when there is no workspace to look in."""
    place = entry.place
    number = place.number if place.part in ("paragraph", "footnote", "heading") else None
    return Mapped(entry, number, place.section, place.section_number,
                  key=place.key or place.mark)


_MARKS = re.compile(r"\[\^[^\]]+\]|\{[#.][^}]*\}|\[\[\w+:[^\]]*\]\]|[*_`]")


def plain(markdown: str) -> str:
    """A paragraph's words as the DOCX shows them, near enough to compare: without its
    footnote marks, its id, its cross-references and its emphasis."""
    return " ".join(_MARKS.sub("", markdown).split())

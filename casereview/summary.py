"""The executive summary: a document of its own beside the report (a DHR publishes one apart),
written in review/executive_summary.md or, without that file, made of the report's paragraphs
marked `{.summary}`. The file wins when there are both (check warns of the marks).

Its paragraphs are numbered 1, 2 ... on their own; what it refers to in the report keeps the
report's numbers (render.py). Pure: model and outline in, the summary's blocks out.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from . import prose
from .model import CaseReview, Section
from .numbering import Block, NumberedSection

TITLE = "Executive summary"
ANCHOR = "executive-summary"
NAME = "-executive-summary"     # its files' names: the report's and this


@dataclass
class Summary:
    title: str
    # each block with what holds its text's footnote definitions: the summary's own file, or
    # the report section a marked paragraph comes from
    blocks: list[tuple[NumberedSection, Block]]


def of(review: CaseReview, outline: list[NumberedSection]) -> Summary | None:
    """The review's executive summary; None when it has neither the file nor a marked
    paragraph."""
    own = review.executive_summary
    if own is not None:
        return Summary(own.title, _numbered(own))
    marked = [(s, b) for s in outline for b in s.blocks if b.kind == "paragraph" and b.summary]
    if not marked:
        return None
    return Summary(TITLE, [(s, replace(b, number=str(n), anchor=anchor(n)))
                           for n, (s, b) in enumerate(marked, 1)])


def anchor(number: int) -> str:
    """A summary paragraph's anchor: apart from the report's (`p1-2` or the author's ids)."""
    return f"es-{number}"


def marked(review: CaseReview) -> list[tuple[Section, int]]:
    """The paragraphs marked `{.summary}` in the report's files, with their 0-based lines."""
    return [(s, b.line) for s in review.sections for b in prose.blocks(s.body)
            if b.kind == "paragraph" and b.summary]


def _numbered(section: Section) -> list[tuple[NumberedSection, Block]]:
    """The file's blocks, its paragraphs numbered 1, 2 ...; a heading one level down, as in a
    report section. The chronology is the report's alone (check says so)."""
    holder = NumberedSection(section, footnotes=prose.footnote_definitions(section.body))
    out, count = [], 0
    for b in prose.blocks(section.body):
        if b.kind == "paragraph":
            count += 1
            out.append(Block("paragraph", b.text, str(count), anchor(count)))
        elif b.kind == "heading":
            hashes = len(b.text) - len(b.text.lstrip("#"))
            out.append(Block("heading", b.text.lstrip("#").strip(), level=max(2, hashes - 1)))
        elif b.kind == "directive" and b.id != "chronology":
            out.append(Block("directive", directive=b.id, args=prose.directive_args(b)))
        elif b.kind not in ("directive", "footnote"):
            out.append(Block(b.kind, b.text))
    return [(holder, b) for b in out]

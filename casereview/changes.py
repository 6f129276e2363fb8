"""What changed between two versions of a review, paragraph by paragraph: the shared
vocabulary of `diff` (which finds the changes) and of the writers that show them (the
terminal, an HTML page, a DOCX with Word's tracked changes). Data only."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["added", "removed", "moved", "changed"]
WordOp = Literal["=", "-", "+"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a version as a reader sees it: a numbered paragraph, a heading, a
    list item, a table cell, a footnote or a chronology entry."""

    key: str                  # numbering.Block.key for a numbered paragraph; else made from
                              # where it is (e.g. "action-plan-csc/r3/c4", "fn:wt-p71")
    text: str                 # plain text, as published
    number: str | None = None  # "12.3" for numbered paragraphs
    anchor: str | None = None  # its id in the outputs (the DOCX bookmark, the HTML id)
    section: str = ""         # the title of the section it is in
    part: str = "body"        # body | heading | table | footnote | chronology


@dataclass
class Change:
    kind: Kind
    old: Paragraph | None     # None when added
    new: Paragraph | None     # None when removed
    # the words of old against new: ("=", "kept words "), ("-", "deleted "), ("+", "added ");
    # joined, the "=" and "-" runs give the old text and the "=" and "+" runs the new
    words: list[tuple[WordOp, str]] = field(default_factory=list)
    # removed and moved: the paragraph just before the old one in the old version: the
    # `old` of its change when it was removed or moved too, else its new version (None: the
    # first); the tracked DOCX writes the removed paragraph, or the moved one's old place,
    # after it
    after: Paragraph | None = None

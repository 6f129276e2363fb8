"""Rules of the executive summary (summary.py): its file has text, repeats no chronology, and
is the only summary when paragraphs of the report are marked `{.summary}` too."""
from __future__ import annotations

from typing import Iterator

from . import prose, summary
from .assemble import SUMMARY
from .diagnostics import Diagnostic, Severity


def executive_summary(c) -> Iterator[Diagnostic]:
    """`c`: the Checker (checks.py)."""
    own = c.review.executive_summary
    if own is None or not c.complete(SUMMARY):
        return
    blocks = prose.blocks(own.body)
    if not any(b.kind not in ("heading", "footnote") for b in blocks):
        yield c.at(SUMMARY, (), "the executive summary has no text", "write its paragraphs "
                   "after the front matter, or delete the file (the paragraphs of the report "
                   "marked `{.summary}` then make the summary)", line=0)
    for b in blocks:
        if b.kind == "directive" and b.id == "chronology":
            yield c.at(SUMMARY, (), f"`{b.text}`: the chronology is the report's alone, not "
                       "repeated in the executive summary", "remove it; refer to the report's "
                       "paragraphs with [[para:id]]", line=b.line)
    for section, line in summary.marked(c.review):
        yield c.at(section.file, (), f"this paragraph is marked `{{.summary}}` but {SUMMARY} "
                   "is the executive summary: the mark is ignored", f"remove the mark, or delete "
                   f"{SUMMARY} to make the summary of the marked paragraphs",
                   Severity.WARNING, line=line)

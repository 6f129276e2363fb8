"""Rules on the report's structure: front matter (review/front/), sections and appendices
(review/appendices/): each appendix labelled once, with a label that can begin paragraph
numbers; each generated appendix placed at most once, and only in an appendix; no
cross-reference to a paragraph that has no number."""
from __future__ import annotations

import re
from typing import Iterator

from . import prose
from .appendices import has_content
from .diagnostics import Diagnostic, Severity
from .model import Section

LABEL = re.compile(r"[A-Za-z0-9]+")
WHAT = {"action_plans": "agency recommendations and action plans (agency_imrs/, action_plans/)",
        "chronology": "chronology entries (agency_imrs/)",
        "references": "references cited in the text (`[@id]`)"}


def appendices(c) -> Iterator[Diagnostic]:
    """Labels and `generate:` of the appendices; `label:` and `generate:` nowhere else.
    Nothing is said while an appendix's file is broken: the others' labels would shift."""
    if not c.complete("review/appendices"):
        return
    labelled: dict[str, Section] = {}
    placed: dict[str, Section] = {}
    for s in c.review.sections:
        meta = _meta(c, s)
        if s.part != "appendix":
            for field in ("label", "generate"):
                if field in meta:
                    yield c.at(s.file, (field,), f"`{field}:` is for appendices only",
                               "move the file to review/appendices/, or remove the line")
            continue
        own = ("label",) if "label" in meta else ()
        if not LABEL.fullmatch(s.label):
            yield c.at(s.file, own, f"appendix label `{s.label}` may hold only letters and "
                       "digits: it begins the numbers of the appendix's paragraphs (A.1)",
                       "write a label such as `A` or `3`")
        if s.label in labelled:
            first = labelled[s.label]
            yield c.at(s.file, own, f"appendix label `{s.label}` is already the label of "
                       f"{first.file}", "give each appendix its own `label:`, or leave "
                       "`label:` out to label them in file order")
        labelled.setdefault(s.label, s)
        if s.generate and s.generate in placed:
            yield c.at(s.file, ("generate",), f"`generate: {s.generate}` is already in "
                       f"{placed[s.generate].file}", "place each generated appendix once: "
                       "remove one of the two")
        elif s.generate:
            placed[s.generate] = s
            if not has_content(c.review, s.generate):
                yield c.at(s.file, ("generate",), f"`generate: {s.generate}`: the review has "
                           f"no {WHAT[s.generate]}, so the appendix shows only its own text",
                           "remove `generate:` (or the file), or add what it would show",
                           Severity.WARNING)


def unnumbered_paragraphs(c) -> Iterator[Diagnostic]:
    """`[[para:id]]` prints a paragraph's number: front matter's paragraphs have none."""
    front = {pid: s for s in c.review.sections if s.part == "front"
             for pid, _ in prose.paragraph_ids(s.body)}
    if not front:
        return
    for file, doc in sorted(c.sources.docs.items()):
        for path, text in _texts(doc):
            for m in prose.XREF.finditer(text):
                if m[1] == "para" and m[2] in front:
                    section = front[m[2]]
                    yield c.at(file, path, f"`{m[0]}`: paragraph `{m[2]}` is in front matter "
                               f"({section.file}), whose paragraphs have no number",
                               f"refer to the part instead: `[[section:{section.id}]]`",
                               line=prose.line_of(text, m.start()))


def _meta(c, s: Section) -> dict:
    doc = c.sources.get(s.file)
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def _texts(doc):
    from .checks import texts       # here: checks imports this module for its RULES
    return texts(doc)


RULES = [appendices, unnumbered_paragraphs]

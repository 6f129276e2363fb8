"""The report's appendices in order: the author's (review/appendices/*.md) in file order,
then the ones the build fills in (action plans, chronology, references) that the author did
not place, each only when it has something to show. Pure: model and outline in, list out.

An author places a generated appendix with `generate:` in an appendix file, which then gives
its label and title. Generated appendices not placed come after the author's, labelled on
from them (never taking a label the author used); the references, not placed, close the
report as "References", unlabelled, as reports print them.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import prose
from .assemble import appendix_label
from .model import CaseReview, Generated
from .numbering import GENERATED_ANCHORS, NumberedSection, appendix_heading

#: generated appendices in the order they come when the author places none, with their titles
GENERATED: dict[Generated, str] = {"action_plans": "Agency recommendations and action plans",
                                   "chronology": "Combined multi-agency chronology",
                                   "references": "References"}
TEMPLATES = {"action_plans": "appendix_action_plans.md.j2",
             "chronology": "appendix_chronology.md.j2", "references": "references.md.j2"}


@dataclass(frozen=True)
class Appendix:
    label: str                              # "A", "3"; "" for the references not placed
    title: str
    anchor: str
    generate: Generated | None = None       # what the build fills in, if anything
    section: NumberedSection | None = None  # the author's file, when there is one
    filled: bool = True                     # whether the generated part has anything to show

    @property
    def heading(self) -> str:
        return appendix_heading(self.label, self.title)

    @property
    def template(self) -> str | None:
        return TEMPLATES[self.generate] if self.generate and self.filled else None


def appendices(review: CaseReview, outline: list[NumberedSection]) -> list[Appendix]:
    authored = [s for s in outline if s.section.part == "appendix"]
    has = {kind: has_content(review, kind) for kind in GENERATED}
    out = [Appendix(s.section.label, s.section.title, s.anchor, s.section.generate, s,
                    has[s.section.generate] if s.section.generate else True) for s in authored]
    placed = {s.section.generate for s in authored}
    taken = {s.section.label for s in authored}
    count = len(authored)
    for kind, title in GENERATED.items():
        if kind in placed or not has[kind]:
            continue
        label = ""
        if kind != "references":
            count, label = _next_label(count, taken, review.info.appendix_labels)
        out.append(Appendix(label, title, GENERATED_ANCHORS[kind], kind))
    return out


def _next_label(count: int, taken: set[str], style: str) -> tuple[int, str]:
    """The label after `count` appendices, skipping any an author took for their own."""
    while True:
        count += 1
        label = appendix_label(count, style)
        if label not in taken:
            taken.add(label)
            return count, label


def has_content(review: CaseReview, kind: Generated) -> bool:
    """Whether a generated appendix would show anything: any agency's recommendations or
    action plan; any chronology entry; any reference cited in the report."""
    if kind == "action_plans":
        return bool(review.action_plans) or any(imr.recommendations for imr in review.imrs)
    if kind == "chronology":
        return any(imr.chronology for imr in review.imrs)
    known = {r.id for r in review.references.references}
    return bool(known & cited(review))


def cited(review: CaseReview) -> set[str]:
    """The reference ids cited (`[@id]`) anywhere in the review's text."""
    found: set[str] = set()
    for text in _texts(review):
        if "[@" in text:
            found.update(m[1] for m in prose.CITATION.finditer(text))
    return found


def _texts(value):
    """Every string in the model (it is assembled without validation: walk its fields)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif hasattr(value, "__dict__"):
        for item in vars(value).values():
            yield from _texts(item)

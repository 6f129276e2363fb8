"""Rules on how the analysis is organised: by the terms' key questions, or by the episodes,
findings or themes of review/analysis.yml. Every unit the review is organised by is analysed
in a section, every unit a section names exists, and every finding leads somewhere: to a
recommendation or to a question for the board."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .checks import WARN, Checker, _all_recommendations, _suggest, salvaged
from .diagnostics import Diagnostic, Severity

ANALYSIS, TERMS = "review/analysis.yml", "review/terms.yml"


@dataclass(frozen=True)
class Unit:
    """One way of organising the analysis, and how sections name its units."""

    kind: str           # as `organised_by:` says it, and the list it is declared under
    field: str          # the section's front matter field that names one
    noun: str           # as messages name one
    file: str           # where they are declared

    def ids(self, c: Checker) -> list[str]:
        declared = c.review.terms.questions if self.kind == "questions" \
            else getattr(c.review.analysis, self.kind)
        return [unit.id for unit in declared]

    def example(self, ids: list[str]) -> str:
        return ids[0] if ids else self.kind[0] + "1"


UNITS = [Unit("questions", "question", "key question", TERMS),
         Unit("episodes", "episode", "episode", ANALYSIS),
         Unit("findings", "finding", "finding", ANALYSIS),
         Unit("themes", "theme", "theme", ANALYSIS)]


def declared_units(c: Checker) -> Iterator[Diagnostic]:
    """Each unit's id used once, and each unit a section names declared."""
    for unit in UNITS:
        if not c.complete(unit.file):
            continue
        ids = unit.ids(c)
        for i, uid in enumerate(ids):
            if ids.count(uid) > 1 and ids.index(uid) == i:
                yield c.at(unit.file, (unit.kind, i), f"{unit.field} id `{uid}` is used twice",
                           f"give each {unit.field} its own id")
        for s in c.review.sections:
            named = getattr(s, unit.field)
            if named and named not in ids:
                hint = _suggest(named, ids) if ids else \
                    f"{unit.file} declares none; add it under `{unit.kind}:` there"
                yield c.at(s.file, (unit.field,), f"{unit.noun} `{named}` does not exist", hint)


def organised_by(c: Checker) -> Iterator[Diagnostic]:
    """The unit the analysis is organised by: declared, named by each analysis section, and
    each analysed in some section."""
    if not c.complete(ANALYSIS):        # a broken analysis.yml: by what is not known
        return
    by = c.review.analysis.organised_by
    unit = next(u for u in UNITS if u.kind == by)
    if not c.complete(unit.file):
        return
    ids = unit.ids(c)
    if not ids:
        yield _none_declared(c, unit)
    for s in c.review.sections:
        if s.kind == "analysis" and not getattr(s, unit.field):
            yield c.at(s.file, ("kind",), f"this analysis section names no {unit.noun}",
                       f"add `{unit.field}: {unit.example(ids)}` (or another id from "
                       f"{unit.file})", WARN)
    analysed = {getattr(s, unit.field) for s in c.review.sections if getattr(s, unit.field)}
    analysed_too = salvaged(c, "review/sections", _naming(unit.field))
    # a review that says how it is organised is held to it; by default (key questions),
    # once one section analyses a question
    if analysed_too is None or not (analysed or c.sources.get(ANALYSIS)):
        return
    for i, uid in enumerate(ids):
        if uid not in analysed | analysed_too:
            yield c.at(unit.file, (unit.kind, i), f"{unit.noun} `{uid}` is not analysed in any "
                       f"section", f"add a section with `kind: analysis` and `{unit.field}: {uid}` "
                       "in review/sections/")


def _none_declared(c: Checker, unit: Unit) -> Diagnostic:
    others = [u.kind for u in UNITS if u is not unit]
    if unit.kind == "questions":
        return c.at(TERMS, ("questions",), "the analysis is organised by key questions but "
                    "review/terms.yml has none", "add them under `questions:`, or organise it by "
                    f"{', '.join(others[:-1])} or {others[-1]} (`organised_by:` in {ANALYSIS})")
    return c.at(ANALYSIS, ("organised_by",), f"the analysis is organised by {unit.kind} but "
                f"none is declared", f"add them under `{unit.kind}:` in {ANALYSIS}, or organise "
                "it by another unit")


def _naming(field: str):
    def read(path: str, data: dict) -> set[str] | None:
        """The unit a section with broken front matter says it analyses."""
        named = data.get(field)
        return {named} if isinstance(named, str) else set() if named is None else None
    return read


# --- findings and recommendations ------------------------------------------------------------

def findings(c: Checker) -> Iterator[Diagnostic]:
    """Findings and recommendations name each other soundly, and every finding leads to a
    recommendation or a question for the board."""
    if not c.complete(ANALYSIS, "review/recommendations.yml", "agency_imrs"):
        return
    recs = {rec.id: (rec, file, path) for rec, file, path in _all_recommendations(c)}
    found = {f.id: f for f in c.review.analysis.findings}
    yield from _listed(c, recs, found)
    for rec, file, path in recs.values():
        if rec.finding and rec.finding not in found:
            hint = _suggest(rec.finding, found) if found else f"{ANALYSIS} declares no findings"
            yield c.at(file, path + ("finding",), f"finding `{rec.finding}` does not exist", hint)
    yield from _leading_nowhere(c, {rec.finding for rec, _, _ in recs.values()})


def _listed(c: Checker, recs: dict, found: dict) -> Iterator[Diagnostic]:
    """The recommendations a finding lists exist, and do not say they answer another."""
    for i, finding in enumerate(c.review.analysis.findings):
        for j, rid in enumerate(finding.recommendations):
            answers = recs[rid][0].finding if rid in recs else None
            if rid not in recs:
                yield c.at(ANALYSIS, ("findings", i, "recommendations", j), f"recommendation "
                           f"`{rid}` does not exist", _suggest(rid, recs))
            elif answers in found and answers != finding.id:
                yield c.at(ANALYSIS, ("findings", i, "recommendations", j), f"finding "
                           f"`{finding.id}` lists recommendation `{rid}`, but that answers finding "
                           f"`{answers}`", "list it under one finding only, the one its "
                           "`finding:` names")


def _leading_nowhere(c: Checker, answered: set[str]) -> Iterator[Diagnostic]:
    """A finding that leads to no recommendation and asks the board nothing: a warning in a
    draft, an error once the review is final."""
    final = c.complete("review/review.yml") and c.review.info.status in ("final", "published")
    for i, finding in enumerate(c.review.analysis.findings):
        if not (finding.recommendations or finding.board_questions or finding.id in answered):
            yield c.at(ANALYSIS, ("findings", i), f"finding `{finding.id}` has no recommendation "
                       "and no question for the board", "add `board_questions:`, or "
                       f"`recommendations: [id]` (or `finding: {finding.id}` on a "
                       "recommendation)", Severity.ERROR if final else WARN)


#: registered with the rules `check` runs (checks.py imports this module once it is whole)
RULES = [declared_units, organised_by, findings]

"""Anonymisation on the sources: the identity register's hits and likely identifiers nobody
registered, as diagnostics for `check`; professionals' names and the matcher the output
scan uses. A register hit is always an error: anonymisation is a gate, not a warning."""
from __future__ import annotations

import re
from typing import Iterator

from . import detect, review_types
from .diagnostics import Diagnostic, Severity
from .identities import Identity, Matcher, Register
from .load import SourceDoc, Sources, dotted
from .model import CaseReview, Lead

_SPLIT = re.compile(r"\s+and\s+|\s*/\s*|\s*,\s*|\s*&\s*")


def professionals(review: CaseReview) -> dict[str, str]:
    """Each named professional with the role to show instead, when names are withheld."""
    names: dict[str, str] = {}
    people = [review.info.lead_reviewer, review.info.chair]
    for person in filter(None, people):
        if person.name:
            names[person.name] = person.role
    for member in review.panel.panel:
        if member.name:
            names[member.name] = f"{member.position}, {member.organisation}"
    for lead in _leads(review):
        for name in _SPLIT.split(lead.name or ""):
            if name.strip():
                names.setdefault(name.strip(), lead.role)
    return names


def _leads(review: CaseReview) -> Iterator[Lead]:
    for plan in review.action_plans:
        for row in plan.rows:
            yield from filter(None, [row.lead, *(a.lead for a in row.actions)])


def matcher(review: CaseReview | None, register: Register) -> Matcher:
    """The register, plus professionals' names when the review shows them by role only."""
    extra = []
    if review is not None and review.info.professionals == "role":
        extra = [Identity(real=name, use=role) for name, role in professionals(review).items()]
    whole = register.model_copy(update={"identities": [*register.identities, *extra]})
    return Matcher(whole.with_key(register._key), allowed(review))


def allowed(review: CaseReview | None) -> frozenset[str]:
    """The phrases the review allows with a reason: a name part that is also an ordinary word
    ("Hope") is then let through where it may be the word."""
    return frozenset(a.text for a in review.info.allow) if review is not None else frozenset()


def _texts(sources: Sources) -> list[tuple[str, str, SourceDoc | None]]:
    """(path, text, source document) of every file check reads for identifiers: the sources,
    then mkdocs.yml and the text templates, which the site and documents carry too."""
    texts = [(path, doc.text, doc) for path, doc in sorted(sources.docs.items())]
    return texts + [(path, text, None) for path, text in sorted(sources.site_texts.items())]


def register_hits(sources: Sources, found: Matcher) -> Iterator[Diagnostic]:
    """Every register identifier in the source files, mkdocs.yml and the text templates,
    where it stands and what to write."""
    for path, text, doc in _texts(sources):
        for hit in found.find(text):
            yield Diagnostic(path, hit.line, hit.col, field_at(doc, hit.line) if doc else "",
                             *_said(hit))


def _said(hit) -> tuple[str, str]:
    kind = hit.kind.replace("_", " ")
    if hit.ambiguous:
        return (f"`{hit.ambiguous}` is an ordinary word and also part of a registered {kind} "
                f"(register entry {hit.entry})", f"if it is the name, write `{hit.use}` "
                f"instead; if it is the word, add `{hit.ambiguous}` to `allow:` in "
                "review/review.yml with a `reason:`")
    return (f"a registered {kind} (register entry {hit.entry}) is written here",
            f"write `{hit.use}` instead")


def field_at(doc: SourceDoc, line: int) -> str:
    """The field whose value holds `line` (the last one starting at or before it); none in
    the body of a Markdown file."""
    if doc.body is not None and line >= doc.body_line:
        return ""
    starts = [(pos, path) for path, pos in doc.values.items() if path and pos[0] <= line]
    return dotted(max(starts)[1]) if starts else ""


def likely_identifiers(review: CaseReview, sources: Sources) -> Iterator[Diagnostic]:
    """Postcodes, phone numbers, NHS numbers, names ... that no one registered: warnings while
    drafting, errors once the review is final, unless allow-listed with a reason."""
    publishing = review.info.status in ("final", "published")
    severity = Severity.ERROR if publishing else Severity.WARNING
    known = known_phrases(review)
    for path, text, doc in _texts(sources):
        for found in detect.detect(text, known):
            line = text.count("\n", 0, found.start) + 1
            yield Diagnostic(path, line, 1, field_at(doc, line) if doc else "",
                             f"`{found.text}` looks like {_a(found.label)}",
                             "replace it with a pseudonym or wording, register it, or add it to "
                             "`allow:` in review/review.yml with a reason", severity)


def _a(label: str) -> str:
    return f"{'an' if label[0] in 'aeioAEIO' or label.startswith('NHS') else 'a'} {label}"


def known_phrases(review: CaseReview) -> frozenset[str]:
    phrases = {m.pseudonym for m in review.family.members}
    phrases |= {a.name for a in review.panel.agencies} | {a.short for a in review.panel.agencies if a.short}
    phrases |= {m.organisation for m in review.panel.panel} | {m.position for m in review.panel.panel}
    phrases |= set(professionals(review)) | {a.text for a in review.info.allow}
    phrases |= {r.short for r in review.references.references}
    phrases |= {f"@{r.id}" for r in review.references.references}   # citations, not handles
    phrases |= {review.info.partnership, review_types.guidance(review.info)}
    return frozenset(p.lower() for p in phrases)


def run(review: CaseReview | None, sources: Sources, register: Register) -> list[Diagnostic]:
    """The source scan of `check`. Professionals' names are declared in the sources, so only
    the register is searched here; the output scan also holds them back (role mode). A line
    with a register hit is not reported again as a likely identifier."""
    found = Matcher(register, allowed(review))
    out = list(register_hits(sources, found))
    if review is not None:
        seen = {(d.file, d.line) for d in out}
        out += [d for d in likely_identifiers(review, sources) if (d.file, d.line) not in seen]
    return out



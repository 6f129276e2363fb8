"""Put the validated parts together into one `CaseReview`, filling in the ids a lead
reviewer may leave out, so that every later stage sees concrete ids."""
from __future__ import annotations

import re
import unicodedata

from .model import (IMR, ActionPlan, CaseReview, Conclusions, OverviewRecommendations, Part,
                    Section, SectionMeta, TermsOfReference)

_ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; letters keep their base (é -> e)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def section_id(path: str) -> str:
    """`review/sections/18-legal-advice.md` -> `legal-advice`."""
    stem = path.rsplit("/", 1)[-1].removesuffix(".md")
    return slug(re.sub(r"^\d+[-_ ]*", "", stem)) or slug(stem)


def agency_of(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".yml")


def recommendations(recs, prefix: str):
    out = []
    for i, rec in enumerate(recs, start=1):
        label = rec.label or roman(i)
        out.append(rec.model_copy(update={"label": label, "id": rec.id or f"{prefix}-{slug(label)}"}))
    return out


def terms(part: TermsOfReference) -> TermsOfReference:
    questions = [q.model_copy(update={"id": q.id or f"q{i}"}) for i, q in enumerate(part.questions, 1)]
    return part.model_copy(update={"questions": questions})


def conclusions(part: Conclusions) -> Conclusions:
    items = [c.model_copy(update={"id": c.id or f"c{i}"}) for i, c in enumerate(part.conclusions, 1)]
    return part.model_copy(update={"conclusions": items})


def imr(part: IMR) -> IMR:
    return part.model_copy(update={"recommendations": recommendations(
        part.recommendations, f"{part.agency}-rec")})


def action_plan(part: ActionPlan) -> ActionPlan:
    rows = []
    for i, row in enumerate(part.rows, start=1):
        no = row.no or str(i)
        rows.append(row.model_copy(update={"no": no, "id": row.id or f"{part.agency}-{slug(no)}"}))
    return part.model_copy(update={"rows": rows})


def overview(part: OverviewRecommendations) -> OverviewRecommendations:
    return part.model_copy(update={"overview": recommendations(part.overview, "overview"),
                                   "repeated": recommendations(part.repeated, "repeated")})


def sections(metas: dict[str, SectionMeta], bodies: dict[str, str], terms_: TermsOfReference):
    questions = {q.id: (n, q) for n, q in enumerate(terms_.questions, start=1)}
    out = []
    for number, (path, meta) in enumerate(sorted(metas.items()), start=1):
        asked = questions.get(meta.question) if not meta.title else None
        title = meta.title or (asked[1].text.strip() if asked
                               else section_id(path).replace("-", " ").capitalize())
        menu = meta.menu_title or menu_title(f"Question {asked[0]}: {title}" if asked else title)
        out.append(Section.model_construct(
            id=section_id(path), number=number, title=title, menu_title=menu, kind=meta.kind,
            question=meta.question, body=bodies.get(path, ""), file=path))
    return out


# two lines of the site's menu (about 30 characters each) after the section's number
MENU_WIDTH = 52


def menu_title(title: str) -> str:
    """A title as the menu shows it by default: whole when it fits two lines, else cut at
    a word boundary with an ellipsis. A section answering a key question is titled
    "Question N: " and the question's opening words."""
    title = " ".join(title.split())
    if len(title) <= MENU_WIDTH:
        return title
    return title[:MENU_WIDTH].rsplit(" ", 1)[0].rstrip(",;:–—-") + "…"


def review(parts: dict[str, Part], bodies: dict[str, str]) -> CaseReview:
    """The whole review from parts that all validated: assembled, not validated again
    (which would cost building a validator for the whole model on every check)."""
    terms_ = terms(parts["review/terms.yml"])
    folder = lambda name: {p: v for p, v in parts.items() if p.startswith(name + "/")}  # noqa: E731
    return CaseReview.model_construct(
        info=parts["review/review.yml"], terms=terms_, panel=parts["review/panel.yml"],
        family=parts["review/family.yml"], references=parts["review/references.yml"],
        conclusions=conclusions(parts["review/conclusions.yml"]),
        recommendations=overview(parts["review/recommendations.yml"]),
        sections=sections(folder("review/sections"), bodies, terms_),
        imrs=[imr(p) for _, p in sorted(folder("agency_imrs").items())],
        action_plans=[action_plan(p) for _, p in sorted(folder("action_plans").items())],
    )


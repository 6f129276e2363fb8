"""Put the validated parts together into one `CaseReview`, filling in the ids a lead
reviewer may leave out, so that every later stage sees concrete ids."""
from __future__ import annotations

import re
import unicodedata

from .model import (IMR, ActionPlan, Analysis, CaseReview, Conclusions, OverviewRecommendations,
                    Part, ReviewInfo, Section, SectionMeta, TermsOfReference)

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
    """`review/sections/18-legal-advice.md` -> `legal-advice`; an appendix's file may
    begin with a letter that orders it: `review/appendices/b-glossary.md` -> `glossary`."""
    stem = path.rsplit("/", 1)[-1].removesuffix(".md")
    order = r"^(?:\d+|[A-Za-z])[-_ ]+" if path.startswith("review/appendices/") else r"^\d+[-_ ]*"
    return slug(re.sub(order, "", stem)) or slug(stem)


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


def info(part: ReviewInfo) -> ReviewInfo:
    subjects = [s.model_copy(update={"id": s.id or slug(s.name)}) for s in part.subjects]
    return part.model_copy(update={"subjects": subjects})


FOLDER_PARTS = {"review/front": "front", "review/sections": "body", "review/appendices": "appendix"}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# a review without analysis.yml: constructed, as validating would build a validator for it
NO_ANALYSIS = Analysis.model_construct()


def sections(metas: dict[str, SectionMeta], bodies: dict[str, str], terms_: TermsOfReference,
             appendix_labels: str = "numbers", analysis: Analysis = NO_ANALYSIS):
    """Front matter, sections and appendices in their order; sections numbered 1, 2 ...,
    appendices labelled 1, 2 ... or A, B ... unless they carry their own label."""
    out, counts = [], {"front": 0, "body": 0, "appendix": 0}
    ordered = sorted(metas.items(), key=lambda kv: (_order(kv[0]), kv[0]))
    for path, meta in ordered:
        part = FOLDER_PARTS[path.rsplit("/", 1)[0]]
        counts[part] += 1
        number = counts[part]
        analysed = _analysed(meta, terms_, analysis) if not meta.title else None
        title = meta.title or (analysed[1] if analysed
                               else section_id(path).replace("-", " ").capitalize())
        menu = meta.menu_title or menu_title(f"{analysed[0]}: {title}" if analysed else title)
        out.append(Section.model_construct(
            id=section_id(path), number=number, title=title, menu_title=menu, kind=meta.kind,
            question=meta.question, body=bodies.get(path, ""), file=path, part=part,
            label=_label(part, number, meta.label, appendix_labels), episode=meta.episode,
            finding=meta.finding, theme=meta.theme, generate=meta.generate))
    return out


def _analysed(meta: SectionMeta, terms_: TermsOfReference, analysis: Analysis):
    """("Question 2", its text) for a section that analyses a key question, and likewise
    for a finding, an episode or a theme (the first the section names): its default title
    and the menu's prefix. None for any other section."""
    for field, units, name in (("question", terms_.questions, "Question"),
                               ("finding", analysis.findings, "Finding"),
                               ("episode", analysis.episodes, "Episode"),
                               ("theme", analysis.themes, "Theme")):
        named = getattr(meta, field)
        for n, unit in enumerate(units if named else (), start=1):
            if unit.id == named:
                return f"{name} {n}", (unit.text if field == "question" else unit.title).strip()
    return None


def _order(path: str) -> int:
    return list(FOLDER_PARTS).index(path.rsplit("/", 1)[0])


def _label(part: str, number: int, own: str | None, style: str) -> str:
    if part == "front":
        return ""
    if part == "appendix":
        return own or appendix_label(number, style)
    return str(number)


def appendix_label(number: int, style: str) -> str:
    """The `number`th appendix's label: 3, or C (and after Z: AA, BB ...)."""
    if style == "letters":
        return LETTERS[(number - 1) % 26] * ((number - 1) // 26 + 1)
    return str(number)


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


SUMMARY = "review/executive_summary.md"


def executive_summary(meta: SectionMeta | None, body: str | None) -> Section | None:
    """The executive summary's own file as a section apart: numbered on its own, never a
    section of the report. None without the file (its body is read only when it is there)."""
    if meta is None or body is None:
        return None
    title = meta.title or "Executive summary"
    return Section.model_construct(
        id="executive-summary", number=0, title=title, kind=meta.kind, body=body, file=SUMMARY,
        menu_title=meta.menu_title or menu_title(title), part="front", label="")


def review(parts: dict[str, Part], bodies: dict[str, str]) -> CaseReview:
    """The whole review from parts that all validated: assembled, not validated again
    (which would cost building a validator for the whole model on every check)."""
    terms_ = terms(parts["review/terms.yml"])
    info_ = info(parts["review/review.yml"])
    analysis = parts.get("review/analysis.yml") or NO_ANALYSIS
    metas = {p: v for p, v in parts.items()
             if p.rsplit("/", 1)[0] in FOLDER_PARTS and p.endswith(".md")}
    folder = lambda name: {p: v for p, v in parts.items() if p.startswith(name + "/")}  # noqa: E731
    return CaseReview.model_construct(
        info=info_, terms=terms_, analysis=analysis,
        panel=parts["review/panel.yml"],
        family=parts["review/family.yml"], references=parts["review/references.yml"],
        conclusions=conclusions(parts["review/conclusions.yml"]),
        recommendations=overview(parts["review/recommendations.yml"]),
        sections=sections(metas, bodies, terms_, info_.appendix_labels, analysis),
        imrs=[imr(p) for _, p in sorted(folder("agency_imrs").items())],
        action_plans=[action_plan(p) for _, p in sorted(folder("action_plans").items())],
        executive_summary=executive_summary(parts.get(SUMMARY), bodies.get(SUMMARY)),
    )


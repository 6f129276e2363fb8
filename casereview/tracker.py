"""The recommendations tracker: every action plan row of every review, with its due date,
status and RAG rating as of a given day, from the same YAML the report was built from.

RAG rule (also in the README):
- Red:   not implemented; or not complete and its earliest deadline has passed (overdue).
- Amber: not complete and due within the next 30 days (due soon); or no date can be derived
         from its deadline yet ("needs a date", or waiting for an event such as publication).
- Green: complete; or not complete and not yet due; or an ongoing commitment.
- Grey:  superseded (reported, not counted as outstanding).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from . import prose
from .diagnostics import Report
from .model import ActionRow, CaseReview, Recommendation

DUE_SOON = timedelta(days=30)
OUTSTANDING = ("not_started", "in_progress")
THEMES = {   # suggested from the text where a recommendation declares none
    "Supervision": r"supervis", "Domestic abuse": r"domestic (violence|abuse)",
    "Neglect and failure to thrive": r"neglect|failure to thrive|failing to thrive",
    "Escalation and disagreements": r"escalat|disagreement|dissent",
    "Chronologies": r"chronolog", "Training": r"training|learning|briefing",
    "Assessment": r"assessment|assess\b", "Strategy discussions": r"strategy discussion",
    "Records and information sharing": r"record|information|share|sharing|alert note",
    "Referrals and thresholds": r"referral|threshold|early help",
    "Family involvement": r"family group|family members|extended family",
    "Legal": r"legal|proceedings|court", "Workforce": r"workforce|restructur|staffing",
    "Child protection planning": r"child protection plan|conference",
}


@dataclass(frozen=True)
class Tracked:
    review: str                 # the review's version label: which report the row belongs to
    subjects: str
    agency: str
    row: str                    # row id, e.g. csc-4
    no: str
    recommendation: str         # the recommendation it answers (first answered, or the row's own)
    answers: tuple[str, ...]
    lead: str
    deadline: str               # as written
    due: date | None
    status: str
    rag: str
    overdue: bool
    due_soon: bool
    needs_date: bool
    last_update: str = ""
    themes: tuple[str, ...] = ()
    repeats: tuple[str, ...] = ()   # earlier reviews whose recommendation this repeats
    agency_name: str = ""           # as the panel names the agency (the id when not loaded)
    leads: tuple[str, ...] = ()     # each lead as written, where the actions have their own


@dataclass(frozen=True)
class Repeat:
    """A recommendation a review repeats from an earlier one, linked to it when loaded."""

    review: str
    recommendation: str
    source: str                  # as the review names it: "Child Q", "Child A or Child Q"
    earlier: tuple[str, ...]     # version labels of the loaded reviews it names
    themes: tuple[str, ...]


@dataclass
class Board:
    """The tracker over one or more reviews, as of a day."""

    as_of: date
    rows: list[Tracked] = field(default_factory=list)
    repeats: list[Repeat] = field(default_factory=list)

    @property
    def overdue(self) -> list[Tracked]:
        return [r for r in self.rows if r.overdue]

    def counts(self, key: str = "rag") -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows:
            out[getattr(row, key)] = out.get(getattr(row, key), 0) + 1
        return out

    def ordered(self) -> list[Tracked]:
        """Overdue first (oldest first), then by due date; undated last."""
        return sorted(self.rows, key=lambda r: (not r.overdue, r.due or date.max, r.agency, r.no))

    def filter(self, agency=None, lead=None, status=None, overdue=False) -> "Board":
        keep = [r for r in self.rows
                if (not agency or r.agency == agency)
                and (not lead or lead.lower() in r.lead.lower())
                and (not status or r.status == status)
                and (not overdue or r.overdue)]
        return Board(self.as_of, keep, self.repeats)


def track(reviews: list[CaseReview], as_of: date, public: bool = False) -> Board:
    """The board as of a day. `public`: for a published page, where a review that shows
    professionals by role has its leads by role (internal exports keep the names)."""
    board = Board(as_of)
    subjects = {s: r.info.version for r in reviews for s in r.info.subject_names}
    for review in reviews:
        board.repeats += _repeats(review, subjects)
        recs = _recommendations(review)
        events = {"publication": review.info.dates.publication.end} if review.info.dates.publication else {}
        panel = getattr(review, "panel", None)     # tracker.load reads no panel: ids then
        names = {a.id: a.name for a in panel.agencies} if panel else {}
        for plan in review.action_plans:
            for row in plan.rows:
                by_role = public and review.info.professionals == "role"
                board.rows.append(_tracked(review, plan.agency, row, recs, events, as_of, by_role,
                                           names.get(plan.agency, plan.agency)))
    return board


def _repeats(review: CaseReview, subjects: dict[str, str]) -> list[Repeat]:
    out = []
    for rec in review.recommendations.repeated:
        earlier = tuple(v for s, v in subjects.items() if s in rec.source and v != review.info.version)
        text = " ".join(rec.text.split())
        out.append(Repeat(review.info.version, text, rec.source, earlier,
                          rec.themes and tuple(rec.themes) or _suggest(text)))
    return out


def _recommendations(review: CaseReview) -> dict[str, Recommendation]:
    recs = {r.id: r for imr in review.imrs for r in imr.recommendations}
    recs.update({r.id: r for r in review.recommendations.overview})
    recs.update({r.id: r for r in review.recommendations.repeated})
    return recs


def _tracked(review, agency, row: ActionRow, recs, events, as_of, by_role: bool,
             agency_name: str) -> Tracked:
    dues = [d.due_given(events) for d in _deadlines(row)]
    dated = [d for d in dues if d]
    due = min(dated) if dated else None
    ongoing = any(d.ongoing or d.in_place for d in _deadlines(row))
    outstanding = row.status in OUTSTANDING
    overdue = outstanding and due is not None and due < as_of
    soon = outstanding and not overdue and due is not None and due - as_of <= DUE_SOON
    undated = outstanding and due is None and not ongoing      # amber until it has a date
    needs = outstanding and any(d.needs_date for d in _deadlines(row))
    answered = [recs[a] for a in row.answers if a in recs]
    text = (answered[0].text if answered else row.recommendation or "").strip()
    leads = _leads(row, by_role)
    return Tracked(
        review=review.info.version, subjects=", ".join(review.info.subject_names), agency=agency,
        row=row.id, no=row.no, recommendation=plain(text), answers=tuple(row.answers),
        lead=joined(leads), leads=leads, agency_name=agency_name, deadline="; ".join(str(d) for d in _deadlines(row)), due=due,
        status=row.status, rag=rag(row.status, overdue, soon, undated), overdue=overdue,
        due_soon=soon, needs_date=needs,
        last_update=f"{row.progress[-1].date}: {' '.join(row.progress[-1].note.split())}"
        if row.progress else "",
        themes=themes(row, answered),
        repeats=tuple(sorted({getattr(r, "source", "") for r in answered} - {""})))


_XREF_WORDS = {"para": "a paragraph of the report", "section": "a section of the report",
               "question": "a key question"}


def plain(text: str) -> str:
    """A recommendation's Markdown as one line of reading text: no footnotes, citations or
    cross-references by id (the tracker shows it out of the report's context)."""
    if "[" in text:
        text = "\n\n".join(b.text for b in prose.blocks(text) if b.kind != "footnote")
        text = prose.FOOTNOTE_USE.sub("", prose.CITATION.sub("", text))
        text = prose.XREF.sub(lambda m: _XREF_WORDS[m[1]], text)
    return " ".join(text.split())


def _deadlines(row: ActionRow):
    return [d for d in [row.deadline, *(a.deadline for a in row.actions)] if d is not None]


def _leads(row: ActionRow, by_role: bool = False) -> tuple[str, ...]:
    leads = [row.lead] if row.lead else [a.lead for a in row.actions if a.lead]
    return tuple(dict.fromkeys(lead.role if by_role else str(lead) for lead in leads))


def joined(leads: tuple[str, ...]) -> str:
    """Several leads in one line: each as written, less the full stop a plan's cell may end
    with ("Named Nurses Safeguarding Children.; ..." reads as a slip)."""
    if len(leads) < 2:
        return "".join(leads)
    return "; ".join(lead.rstrip(" .") for lead in leads)


def rag(status: str, overdue: bool, soon: bool, needs_date: bool) -> str:
    if status == "superseded":
        return "grey"
    if status == "complete":
        return "green"
    if status == "not_implemented" or overdue:
        return "red"
    if soon or needs_date:
        return "amber"
    return "green"


def themes(row: ActionRow, answered: list[Recommendation]) -> tuple[str, ...]:
    declared = [*row.themes, *(t for r in answered for t in r.themes)]
    if declared:
        return tuple(dict.fromkeys(declared))
    return _suggest(" ".join([row.recommendation or "", *(r.text for r in answered)]))


_THEMES = [(name, re.compile(rx)) for name, rx in THEMES.items()]


def _suggest(text: str) -> tuple[str, ...]:
    """Themes suggested from the words of a recommendation."""
    text = text.lower()
    return tuple(name for name, rx in _THEMES if rx.search(text))


def load(root: Path) -> tuple[CaseReview | None, Report]:
    """What the tracker needs of a workspace, and nothing more (no sections, no prose
    checks): the review, its recommendations, IMRs and action plans, with derived ids."""
    from . import assemble, load as loader, validate
    sources = loader.workspace(root, names=("review", "recommendations"), sections=False,
                               imr_keys=("agency", "recommendations"), site=False)
    report = Report()
    parts = validate.parts(sources, report)
    if "review/review.yml" not in parts or "review/recommendations.yml" not in parts:
        return None, report
    pick = lambda folder: [p for path, p in sorted(parts.items()) if path.startswith(folder)]  # noqa: E731
    review = CaseReview.model_construct(
        info=parts["review/review.yml"],
        recommendations=assemble.overview(parts["review/recommendations.yml"]),
        imrs=[assemble.imr(p) for p in pick("agency_imrs/")],
        action_plans=[assemble.action_plan(p) for p in pick("action_plans/")])
    return review, report

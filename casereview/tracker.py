"""The recommendations tracker: every action plan row of every review, with its due date,
status and RAG rating as of a given day, from the same YAML the report was built from.

RAG rule (also in the README):
- Red:   not implemented; or not complete and its earliest deadline has passed (overdue).
- Amber: not complete and due within the next 30 days (due soon); or no date can be derived
         from its deadline yet ("needs a date", or waiting for an event such as publication).
- Green: complete; or not complete and not yet due; or an ongoing commitment.
- Grey:  superseded (reported, not counted as outstanding).

Besides the plans' own statuses, a row whose actions are still to be agreed (`pending:`) is
"not agreed", never complete; and a recommendation addressed outside the partnership (`to:`)
that no row answers yet is tracked as "awaiting response" from that body, not left out. A row's
key milestones are deadlines too: the earliest undone one may make it due, or overdue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import get_args

from . import prose
from .assemble import slug
from .diagnostics import Report
from .dates import PartialDate, spoken
from .model import ActionRow, CaseReview, Recommendation, RowStatus

DUE_SOON = timedelta(days=30)
NOT_AGREED, AWAITING = "not_agreed", "awaiting_response"     # the tracker's own statuses
STATUSES = (*get_args(RowStatus), NOT_AGREED, AWAITING)
OUTSTANDING = ("not_started", "in_progress", NOT_AGREED, AWAITING)
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
    milestone: str = ""             # the next key milestone not yet done, with its deadline
    completed: PartialDate | None = None


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
        board.rows += _awaiting(review, names)
    return board


def _awaiting(review: CaseReview, names: dict[str, str]) -> list[Tracked]:
    """Recommendations addressed outside the partnership that no row answers yet: each
    under the body it is addressed to (a declared agency when `to:` names one), awaiting
    its response, with no date to be due by."""
    answered = {a for plan in review.action_plans for row in plan.rows for a in row.answers}
    recs = [*(r for imr in review.imrs for r in imr.recommendations),
            *review.recommendations.overview]
    out = []
    for rec in recs:
        if not rec.to or rec.id in answered:
            continue
        agency = next((i for i, name in names.items() if rec.to in (i, name)), slug(rec.to))
        out.append(Tracked(
            review=review.info.version, subjects=", ".join(review.info.subject_names),
            agency=agency, row=rec.id, no=rec.label, recommendation=plain(rec.text),
            answers=(rec.id,), lead=rec.owner or "", leads=(rec.owner,) if rec.owner else (),
            agency_name=names.get(agency, rec.to), deadline="", due=None, status=AWAITING,
            rag=rag(AWAITING, False, False, True), overdue=False, due_soon=False,
            needs_date=False, themes=themes(None, [rec])))
    return out


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
    deadlines = _deadlines(row) + [m.date for m in _undone(row)]
    dues = [d.due_given(events) for d in deadlines]
    dated = [d for d in dues if d]
    due = min(dated) if dated else None
    ongoing = any(d.ongoing or d.in_place for d in deadlines)
    # actions still to be agreed: never complete, whatever the row's status says
    status = NOT_AGREED if row.pending and row.status in OUTSTANDING else row.status
    outstanding = status in OUTSTANDING
    overdue = outstanding and due is not None and due < as_of
    soon = outstanding and not overdue and due is not None and due - as_of <= DUE_SOON
    undated = outstanding and due is None and not ongoing      # amber until it has a date
    needs = outstanding and any(d.needs_date for d in deadlines)
    answered = [recs[a] for a in row.answers if a in recs]
    text = (answered[0].text if answered else row.recommendation or "").strip()
    leads = _leads(row, by_role)
    return Tracked(
        review=review.info.version, subjects=", ".join(review.info.subject_names), agency=agency,
        row=row.id, no=row.no, recommendation=plain(text), answers=tuple(row.answers),
        lead=joined(leads), leads=leads, agency_name=agency_name, deadline="; ".join(str(d) for d in _deadlines(row)), due=due,
        status=status, rag=rag(status, overdue, soon, undated), overdue=overdue,
        due_soon=soon, needs_date=needs, milestone=_next_milestone(row, events),
        completed=row.completed,
        last_update=f"{row.progress[-1].date}: {' '.join(row.progress[-1].note.split())}"
        if row.progress else "",
        themes=themes(row, answered),
        repeats=tuple(sorted({getattr(r, "source", "") for r in answered} - {""})))


_XREF_WORDS = {"para": "a paragraph of the report", "section": "a section of the report",
               "question": "a key question", "finding": "a finding of the review",
               "episode": "a key practice episode", "theme": "a theme of the review"}


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


def _undone(row: ActionRow):
    """The row's key milestones not yet done that have a deadline."""
    return [m for m in row.milestones if m.done is None and m.date is not None]


def _next_milestone(row: ActionRow, events) -> str:
    """The undone milestone due first (one with no date derivable after those with one)."""
    undone = sorted(_undone(row), key=lambda m: m.date.due_given(events) or date.max)
    return f"{plain(undone[0].text)} (by {undone[0].date.spoken})" if undone else ""


LABELS = {NOT_AGREED: "Actions not yet agreed", AWAITING: "Awaiting response"}


def status_name(status: str) -> str:
    return LABELS.get(status) or status.replace("_", " ").capitalize()


def status_label(row: Tracked, completed: bool = False) -> str:
    """The row's status in words: "Awaiting response from <body>"; with `completed`, the
    date a complete row was completed on after it ("Complete, 15 April 2016")."""
    if row.status == AWAITING:
        return f"{LABELS[AWAITING]} from {row.agency_name}"
    label = status_name(row.status)
    return f"{label}, {spoken(row.completed)}" if completed and row.completed else label


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


def themes(row: ActionRow | None, answered: list[Recommendation]) -> tuple[str, ...]:
    declared = [*(row.themes if row else ()), *(t for r in answered for t in r.themes)]
    if declared:
        return tuple(dict.fromkeys(declared))
    own = (row.recommendation or "") if row else ""
    return _suggest(" ".join([own, *(r.text for r in answered)]))


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

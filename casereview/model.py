"""The typed model of a case review: one class per part of the workspace, frozen.

Each workspace file validates against one part class (`FILE_MODELS`); `CaseReview` holds
the parts once they are checked and their optional ids are filled in.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints,
                      ValidationInfo, field_validator)

from .dates import Deadline, PartialDate

Markdown = Annotated[str, Field(json_schema_extra={"format": "markdown"}),
                     StringConstraints(min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]
ReviewType = Literal["scr", "lcspr", "sar", "dhr"]
Status = Literal["draft", "panel", "final", "published"]
RowStatus = Literal["not_started", "in_progress", "complete", "superseded", "not_implemented"]
SectionKind = Literal[
    "introduction", "terms_of_reference", "methodology", "independence", "confidentiality",
    "race_language_culture", "family_involvement", "dissemination", "timescales",
    "family_composition", "background", "events", "analysis", "conclusions",
    "recommendations", "other"]
REVIEW_TYPES = {"scr": "Serious Case Review", "lcspr": "Local Child Safeguarding Practice Review",
                "sar": "Safeguarding Adults Review", "dhr": "Domestic Homicide Review"}


def _label(value):
    """Numbers written bare in YAML (`no: 4`) are labels, not quantities."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Label = Annotated[str, BeforeValidator(_label, json_schema_input_type=str | int),
                  StringConstraints(min_length=1)]


class Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# --- review/review.yml -------------------------------------------------------------------

class Person(Part):
    name: Text | None = None
    role: Text
    biography: Markdown | None = None


class ReviewDates(Part):
    incident: PartialDate | None = None
    referral: PartialDate | None = Field(None, description="First put to the review sub-group")
    decision: PartialDate | None = None
    notification: PartialDate | None = Field(None, description="Ofsted / national panel told")
    signed: PartialDate | None = None
    publication: PartialDate | None = None


class Allowed(Part):
    text: Text = Field(description="A phrase the identifier detectors may let through")
    reason: Text = Field(description="Why it is not identifying (boards must be able to say)")


class SignOff(Part):
    role: Text
    name: Text | None = None
    date: PartialDate


class ReviewInfo(Part):
    type: ReviewType
    title: Text | None = None
    subjects: Annotated[list[Text], Field(min_length=1)]
    partnership: Text
    statutory_guidance: Text
    status: Status = "draft"
    version: Text
    dates: ReviewDates = ReviewDates()
    lead_reviewer: Person
    chair: Person | None = None
    timescale_notes: Markdown | None = None
    professionals: Literal["name", "role"] = Field(
        "name", description="`role`: practitioners and action plan leads appear by role only")
    allow: list[Allowed] = []
    sign_off: SignOff | None = Field(None, description="The panel's sign-off of the final report")
    chronology_caption: Text | None = Field(
        None, description="Caption of the combined chronology's table (default: Combined chronology)")


# --- review/terms.yml --------------------------------------------------------------------

class Timeframe(Part):
    start: PartialDate
    end: PartialDate
    why: Markdown | None = None


class Question(Part):
    id: Id | None = None
    text: Markdown


class TermsOfReference(Part):
    timeframe: Timeframe
    questions: Annotated[list[Question], Field(min_length=1)]


# --- review/panel.yml, family.yml, references.yml ------------------------------------------

class PanelMember(Part):
    organisation: Text
    position: Text
    name: Text | None = None


class Agency(Part):
    id: Id
    name: Text
    short: Text | None = None
    chronology: bool = False
    imr: bool = False
    note: Markdown | None = None

    @property
    def label(self) -> str:
        return self.short or self.name


class Panel(Part):
    panel: Annotated[list[PanelMember], Field(min_length=1)]
    agencies: Annotated[list[Agency], Field(min_length=1)]


class FamilyMember(Part):
    pseudonym: Text
    relationship: Text
    subject: bool = False


class Family(Part):
    members: Annotated[list[FamilyMember], Field(min_length=1)]


class Reference(Part):
    id: Id
    short: Text
    text: Text


class References(Part):
    references: list[Reference] = []


# --- review/conclusions.yml, recommendations.yml -----------------------------------------

class Conclusion(Part):
    id: Id | None = None
    text: Markdown
    key_lessons: list[Markdown] = []


class Conclusions(Part):
    conclusions: Annotated[list[Conclusion], Field(min_length=1)]


class Recommendation(Part):
    id: Id | None = None
    label: Label | None = None
    text: Markdown
    sub_items: list[Markdown] = []
    themes: list[Text] = []
    no_action_row: Markdown | None = Field(
        None, description="Why no action plan row answers this recommendation")


class RepeatedRecommendation(Recommendation):
    source: Text = Field(description="The earlier review it repeats, e.g. Child Q")


class OverviewRecommendations(Part):
    overview: list[Recommendation] = []
    repeated: list[RepeatedRecommendation] = []


# --- agency_imrs/*.yml -------------------------------------------------------------------

class ChronologyEntry(Part):
    date: PartialDate
    what: Markdown
    involved: list[Text] = []
    key_episode: bool = False
    background: bool = Field(False, description="Before the timeframe, given as background")
    source: Text | None = None


class IMR(Part):
    agency: Id
    author_role: Text | None = None
    requested: PartialDate | None = None
    records_secured: PartialDate | None = None
    chronology: list[ChronologyEntry] = []
    analysis: Markdown | None = None
    good_practice: Markdown | None = None
    recommendations: list[Recommendation] = []


# --- action_plans/*.yml ------------------------------------------------------------------

def _role_only(value):
    """A lead written as a string is its role; `{as_written: Not stated}` alone, a lead
    exactly as published that names no one, is its own role."""
    if isinstance(value, dict) and set(value) == {"as_written"}:
        return {"role": value["as_written"], **value}
    return {"role": value} if isinstance(value, str) else value


def _text_only(value):
    return {"text": value} if isinstance(value, str) else value


class Lead(Part):
    role: Text
    name: Text | None = None
    as_written: Text | None = Field(None, description="The lead cell exactly as published")

    def __str__(self) -> str:
        return self.as_written or (f"{self.role} – {self.name}" if self.name else self.role)


class LeadAsWritten(Part):
    as_written: Text = Field(description="A lead exactly as published that names no one "
                             "(`Not stated`): check does not ask for one")


LeadField = Annotated[Lead, BeforeValidator(_role_only,
                                            json_schema_input_type=Lead | LeadAsWritten | str)]


class Action(Part):
    text: Markdown
    lead: LeadField | None = None
    deadline: Deadline | None = None


class ProgressUpdate(Part):
    date: PartialDate
    note: Markdown
    evidence: Text | None = None


class ActionRow(Part):
    id: Id | None = None
    no: Label | None = None
    answers: list[Id] = []
    recommendation: Markdown | None = None
    outcome: Markdown | None = None
    actions: Annotated[list[Annotated[Action, BeforeValidator(
        _text_only, json_schema_input_type=Action | str)]], Field(min_length=1)]
    lead: LeadField | None = None
    deadline: Deadline | None = None
    outcome_measure: Markdown | None = None
    status: RowStatus = "not_started"
    reason: Markdown | None = Field(None, description="Why it was not implemented or superseded")
    progress: list[ProgressUpdate] = []
    evidence: Markdown | None = None
    sign_off: SignOff | None = None
    themes: list[Text] = []


class ActionPlan(Part):
    agency: Id
    caption: Text | None = Field(
        None, description="Caption of the plan's table (default: Action plan: <agency name>)")
    rows: Annotated[list[ActionRow], Field(min_length=1)]


# --- review/sections/*.md ----------------------------------------------------------------

class SectionMeta(Part):
    title: Text | None = None
    menu_title: Text | None = None      # the site menu's; default from the title (assemble)
    kind: SectionKind = "other"
    question: Id | None = None


class Section(Part):
    id: Id
    number: int
    title: Text
    menu_title: str
    kind: SectionKind
    question: Id | None = None
    body: str
    file: str


# --- review/comments.yml: the panel's comments (`casereview comments`), never published ---

CommentStatus = Literal["open", "accepted", "declined"]


def _number(value):
    """A paragraph number written bare (`paragraph: 4.2`) reads as a number; it is a label."""
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


class LoggedComment(Part):
    id: Text
    reason: Text | None = Field(None, description="Why it was declined: required then")
    status: CommentStatus = "open"      # after `reason`, so that its check sees the reason
    paragraph: Annotated[str, BeforeValidator(_number)] | None = None
    section: str | None = None
    place: str | None = None
    note: str | None = None
    key: str | None = None
    author: str = ""
    initials: str | None = None
    date: str | None = None
    kind: Literal["comment", "reply", "insertion", "deletion"] = "comment"
    reply_to: str | None = None
    quote: str | None = None
    text: str = ""
    file: str | None = None

    @field_validator("status")
    @classmethod
    def _declined_with_reason(cls, status: str, info: ValidationInfo) -> str:
        if status == "declined" and not info.data.get("reason"):
            raise ValueError("a declined comment needs a reason; write `reason:` saying why, "
                             "for the panel's record")
        return status


class CommentLog(Part):
    comments: list[LoggedComment] = []


# --- the whole ---------------------------------------------------------------------------

class CaseReview(Part):
    info: ReviewInfo
    terms: TermsOfReference
    panel: Panel
    family: Family
    references: References
    conclusions: Conclusions
    recommendations: OverviewRecommendations
    sections: list[Section]
    imrs: list[IMR]
    action_plans: list[ActionPlan]

    def agency(self, agency_id: str) -> Agency:
        return next(a for a in self.panel.agencies if a.id == agency_id)


#: the model each workspace file validates against
FILE_MODELS: dict[str, type[Part]] = {
    "review/review.yml": ReviewInfo,
    "review/terms.yml": TermsOfReference,
    "review/panel.yml": Panel,
    "review/family.yml": Family,
    "review/references.yml": References,
    "review/conclusions.yml": Conclusions,
    "review/recommendations.yml": OverviewRecommendations,
}
FOLDER_MODELS: dict[str, type[Part]] = {
    "review/sections": SectionMeta,
    "agency_imrs": IMR,
    "action_plans": ActionPlan,
}


def model_for(path: str) -> type[Part]:
    return FILE_MODELS.get(path) or FOLDER_MODELS[path.rsplit("/", 1)[0]]

"""The typed model of a case review: one class per part of the workspace, frozen.

Each workspace file validates against one part class (`FILE_MODELS`); `CaseReview` holds
the parts once they are checked and their optional ids are filled in.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from .dates import Deadline, PartialDate

Markdown = Annotated[str, Field(json_schema_extra={"format": "markdown"}),
                     StringConstraints(min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]
ReviewType = Literal["scr", "lcspr", "rapid_review", "sar", "dhr", "dardr", "susr", "other"]
SubjectRole = Literal["child", "adult_at_risk", "victim", "perpetrator", "other"]
Numbering = Literal["section", "subsection", "straight"]
Status = Literal["draft", "panel", "final", "published"]
RowStatus = Literal["not_started", "in_progress", "complete", "superseded", "not_implemented"]
SectionKind = Literal[
    "introduction", "terms_of_reference", "methodology", "independence", "confidentiality",
    "race_language_culture", "family_involvement", "dissemination", "timescales",
    "family_composition", "background", "events", "analysis", "conclusions",
    "recommendations", "other",
    # kinds other types of review need (review_types.yml names those each requires)
    "foreword", "tribute", "subjects", "scope", "rapid_review", "equality_diversity",
    "glossary", "panel", "bibliography", "findings", "episodes", "themes", "lessons"]
ReportPart = Literal["front", "body", "appendix"]
Generated = Literal["action_plans", "chronology", "references"]


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


def _named(value):
    """A subject written as a string is its published name (pseudonym or code)."""
    return {"name": value} if isinstance(value, str) else value


class Subject(Part):
    """A person the review is about, by the name the report gives them (a pseudonym or a
    code such as `AA`); never their real name (that belongs in the identity register)."""
    id: Id | None = Field(None, description="How chronology entries name the subject "
                          "(default: the name's slug)")
    name: Text = Field(description="The pseudonym or code the report uses")
    role: SubjectRole | None = Field(None, description="Default: the type's (review_types.yml)")
    age: Label | None = Field(None, description="An age or an age band: `14 months`, `40-49`")
    sex: Text | None = None
    ethnicity: Text | None = None
    date_of_death: PartialDate | None = None
    inquest: Text | None = Field(None, description="The inquest's outcome, when there was one")
    pseudonym_chosen_by_family: bool = False
    protected_characteristics: dict[str, Text] = Field(
        {}, description="Equality Act 2010 characteristics the review considered, by name")
    facts: dict[str, Text] = Field({}, description="Other facts the subjects' table shows")


SubjectField = Annotated[Subject, BeforeValidator(_named, json_schema_input_type=Subject | str)]


class RapidReview(Part):
    date: PartialDate | None = None
    decision: Markdown | None = Field(None, description="What the rapid review decided")
    national_panel: Markdown | None = Field(
        None, description="The national panel's decision on it")


class ReviewDates(Part):
    incident: PartialDate | None = None
    referral: PartialDate | None = Field(None, description="First put to the review sub-group")
    decision: PartialDate | None = None
    notification: PartialDate | None = Field(None, description="Ofsted / national panel told")
    signed: PartialDate | None = None
    publication: PartialDate | None = None
    started: PartialDate | None = Field(None, description="The review began (time taken)")
    completed: PartialDate | None = Field(None, description="The report was finished")
    qa_panel: PartialDate | None = Field(None, description="Home Office QA panel approval (DHR)")


class Allowed(Part):
    text: Text = Field(description="A phrase the identifier detectors may let through")
    reason: Text = Field(description="Why it is not identifying (boards must be able to say)")


class SignOff(Part):
    role: Text
    name: Text | None = None
    date: PartialDate


class ReviewInfo(Part):
    type: ReviewType
    type_label: Text | None = Field(None, description="The type's name as published: "
                                    "required for `other`, else the type's own")
    also: ReviewType | None = Field(None, description="A second label (an SCR finished as "
                                    "an LCSPR: `type: scr`, `also: lcspr`)")
    case_code: Text | None = None
    title: Text | None = None
    subjects: Annotated[list[SubjectField], Field(min_length=1)]
    partnership: Text
    statutory_guidance: Text | None = Field(None, description="Default: the type's")
    status: Status = "draft"
    version: Text
    dates: ReviewDates = ReviewDates()
    lead_reviewer: Person = Field(description="The author, who signs the report")
    reviewers: list[Person] = Field([], description="Co-reviewers besides the lead")
    chair: Person | None = None
    numbering: Numbering = Field("section", description="`section`: 1.2; `subsection`: "
                                 "1.2.3 under `##` headings; `straight`: 1, 2 ... 214")
    appendix_labels: Literal["numbers", "letters"] = "numbers"
    rapid_review: RapidReview | None = None
    basis: Literal["mandatory", "discretionary"] | None = Field(
        None, description="SAR: Care Act 2014 s44(1)-(3) mandatory or s44(4) discretionary")
    referral_source: Text | None = Field(None, description="Who referred the case")
    timescale_notes: Markdown | None = None
    professionals: Literal["name", "role"] = Field(
        "name", description="`role`: practitioners and action plan leads appear by role only")
    allow: list[Allowed] = []
    sign_off: SignOff | None = Field(None, description="The panel's sign-off of the final report")
    chronology_caption: Text | None = Field(
        None, description="Caption of the combined chronology's table (default: Combined chronology)")

    @property
    def subject_names(self) -> list[str]:
        return [s.name for s in self.subjects]


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
    questions: list[Question] = Field([], description="Required when the analysis is "
                                      "organised by questions (review/analysis.yml)")


# --- review/analysis.yml: how the analysis is organised, when not by questions -------------

class Episode(Part):
    id: Id
    title: Text
    start: PartialDate | None = None
    end: PartialDate | None = None
    summary: Markdown | None = None


class Finding(Part):
    id: Id
    title: Text
    evidence: Markdown | None = None
    systemic_issue: Markdown | None = None
    board_questions: list[Markdown] = Field(
        [], description="Questions for the board: a finding needs these or a recommendation")
    recommendations: list[Id] = Field([], description="Ids of the recommendations it leads to")


class Theme(Part):
    id: Id
    title: Text
    description: Markdown | None = None


class Analysis(Part):
    organised_by: Literal["questions", "episodes", "findings", "themes"] = "questions"
    episodes: list[Episode] = []
    findings: list[Finding] = []
    themes: list[Theme] = []


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
    outside: bool = Field(False, description="A body outside the partnership that "
                          "recommendations are addressed to (a national panel, a government "
                          "department): its action plan is its response; not listed among "
                          "the agencies that took part")

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


def _listed(value):
    """One item written alone (`subjects: aa`) is a list of one."""
    return [value] if isinstance(value, str) else value


class Recommendation(Part):
    id: Id | None = None
    label: Label | None = None
    text: Markdown
    to: Text | None = Field(None, description="A body outside the partnership it is addressed "
                            "to (a national panel, a government department)")
    owner: Text | None = Field(None, description="Who answers for it (overview recommendations)")
    finding: Id | None = Field(None, description="The finding it answers (review/analysis.yml)")
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
    subjects: Annotated[list[Id], BeforeValidator(_listed)] = Field(
        [], description="Which subjects (by id) the entry concerns, when the review has several")


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


class Milestone(Part):
    text: Markdown
    date: Deadline | None = None
    done: PartialDate | None = None


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
    actions: list[Annotated[Action, BeforeValidator(
        _text_only, json_schema_input_type=Action | str)]] = []
    pending: Markdown | None = Field(None, description="Why the actions are not yet known "
                                     "(instead of `actions:`)")
    lead: LeadField | None = None
    deadline: Deadline | None = None
    scope: Literal["local", "regional", "national"] | None = None
    milestones: list[Milestone] = Field([], description="Key milestones, instead of or "
                                        "besides one deadline")
    completed: PartialDate | None = Field(None, description="Date of completion")
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
    columns: Literal["standard", "home_office"] = Field(
        "standard", description="`home_office`: the DHR action plan template's columns")
    group_by: Literal["none", "theme"] = "none"
    rows: Annotated[list[ActionRow], Field(min_length=1)]


# --- review/sections/*.md ----------------------------------------------------------------

class SectionMeta(Part):
    title: Text | None = None
    menu_title: Text | None = None      # the site menu's; default from the title (assemble)
    kind: SectionKind = "other"
    question: Id | None = None
    episode: Id | None = None
    finding: Id | None = None
    theme: Id | None = None
    label: Label | None = Field(None, description="An appendix's own label (`A`, `3`)")
    generate: Generated | None = Field(
        None, description="An appendix the build fills in (placed and titled here)")


class Section(Part):
    id: Id
    number: int
    title: Text
    menu_title: str
    kind: SectionKind
    question: Id | None = None
    body: str
    file: str
    part: ReportPart = "body"
    label: str = ""                     # as printed: "3", "A"; "" for front matter
    episode: Id | None = None
    finding: Id | None = None
    theme: Id | None = None
    generate: Generated | None = None


# --- the whole ---------------------------------------------------------------------------

class CaseReview(Part):
    info: ReviewInfo
    terms: TermsOfReference
    analysis: Analysis
    panel: Panel
    family: Family
    references: References
    conclusions: Conclusions
    recommendations: OverviewRecommendations
    sections: list[Section]
    imrs: list[IMR]
    action_plans: list[ActionPlan]
    executive_summary: Section | None = None    # review/executive_summary.md, when written

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
    "review/analysis.yml": Analysis,                 # optional: by questions without it
    "review/executive_summary.md": SectionMeta,      # optional
}
FOLDER_MODELS: dict[str, type[Part]] = {
    "review/front": SectionMeta,
    "review/sections": SectionMeta,
    "review/appendices": SectionMeta,
    "agency_imrs": IMR,
    "action_plans": ActionPlan,
}


def model_for(path: str) -> type[Part]:
    return FILE_MODELS.get(path) or FOLDER_MODELS[path.rsplit("/", 1)[0]]

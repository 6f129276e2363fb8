"""The kinds of review as data (data/review_types.yml): each type's name and wording, and
what its report must contain. A new kind of review is an entry there, not a code path."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
import yaml

from .model import Numbering, ReportPart, ReviewInfo, SectionKind, SubjectRole

DATA = Path(__file__).parent / "data" / "review_types.yml"
EVERY_REVIEW = "every_review"
OrganisedBy = Literal["questions", "episodes", "findings", "themes"]


class Data(BaseModel):
    # validators built on first use: ReviewKind's holds its parts', which need none of their own
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Why(Data):
    why: str
    source: str | None = None           # default: the type's guidance


class RequiredSection(Why):
    kind: SectionKind
    part: ReportPart = "body"           # where `casereview new` puts it
    title: str
    prompt: str                         # the TODO `casereview new` writes in it


class RequiredFact(Why):
    field: str                          # review.yml's, dotted; `terms.…`: terms.yml's
    placeholder: Any = None             # what `casereview new` writes (default: a TODO)
    always: bool = False                # an error even in a draft: the review cannot print without


class RequiredRole(Why):
    role: SubjectRole


class Requirements(Data):
    sections: list[RequiredSection] = []
    facts: list[RequiredFact] = []
    subjects: list[RequiredRole] = []
    executive_summary: Why | None = None


class AnalysisPart(Data):
    id: str
    title: str


class AnalysisPlan(Data):
    organised_by: OrganisedBy = "questions"
    parts: list[AnalysisPart] = []      # what `casereview new` writes; default: one TODO


class ReviewKind(Data):
    name: str
    guidance: str
    board: str
    title: str                  # {subjects}, {victims}, {type}
    subject_role: SubjectRole
    report: str
    notified: str
    lead_role: str
    period: bool = False        # the key facts give the period under review (the timeframe)
    qa_panel: str = "Approved by the quality assurance panel"   # `dates.qa_panel`'s label
    basis: dict[Literal["mandatory", "discretionary"], str] = {}   # `basis:` as printed
    numbering: Numbering = "section"
    analysis: AnalysisPlan = AnalysisPlan()
    executive_summary: bool = False
    action_plan_columns: Literal["standard", "home_office"] = "standard"
    requires: Requirements = Requirements()


class UsualSection(Data):
    kind: SectionKind
    title: str
    prompt: str
    directive: str | None = None        # the table or list the section ends with


class EveryReview(Data):
    also: str                   # the second label: {type}, {a}, {also}
    sections: list[UsualSection]


# libyaml's safe loader when PyYAML was built with it: the same data, read ten times faster
# (17 ms of every `check`); the file is packaged and trusted, and needs no line numbers
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _data() -> dict:
    return yaml.load(DATA.read_text(encoding="utf-8"), Loader=_LOADER)   # noqa: S506 - safe


@cache
def kinds() -> dict[str, ReviewKind]:
    return {key: ReviewKind.model_validate(value) for key, value in _data().items()
            if key != EVERY_REVIEW}


@cache
def every_review() -> EveryReview:
    return EveryReview.model_validate(_data()[EVERY_REVIEW])


def kind(info: ReviewInfo) -> ReviewKind:
    return kinds()[info.type]


def type_name(info: ReviewInfo) -> str:
    """The type as published: the review's own label, else its type's name."""
    return info.type_label or kind(info).name


def title(info: ReviewInfo) -> str:
    """The review's own title, else its type's ("Domestic Homicide Review into the death of
    Ann"): the subjects by name, victims those in that role."""
    if info.title:
        return info.title
    role = kind(info).subject_role
    named = lambda people: " and ".join(people) if len(people) < 3 else ", ".join(people)  # noqa: E731
    victims = [s.name for s in info.subjects if (s.role or role) == "victim"]
    return kind(info).title.format(subjects=named(info.subject_names),
                                   victims=named(victims or info.subject_names),
                                   type=type_name(info))


def guidance(info: ReviewInfo) -> str:
    return info.statutory_guidance or kind(info).guidance


def subtitle(info: ReviewInfo, document: str | None = None) -> str:
    """Under the title: the document's name, by default the type's report's, and the
    partnership ("Overview report – ...", "Executive summary – ...")."""
    return f"{document or kind(info).report} – {info.partnership}"


def second_label(info: ReviewInfo) -> str:
    """The title page's line for a review finished under a second type ("Serious Case
    Review, completed as a Local Child Safeguarding Practice Review"); "" for none."""
    if not info.also:
        return ""
    also = kinds()[info.also].name
    return every_review().also.format(type=type_name(info), also=also, a=article(also))


def reference(info: ReviewInfo) -> list[str]:
    """The title page's line for the review's case code, when it has one."""
    return [f"Reference: {info.case_code}"] if info.case_code else []


def fact_place(field: str) -> tuple[str, tuple[str, ...]]:
    """The file a required fact is written in, and its path there: review.yml's, or
    terms.yml's for a field written `terms.…`."""
    path = tuple(field.split("."))
    return ("review/terms.yml", path[1:]) if path[0] == "terms" else ("review/review.yml", path)


def article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def role_of(info: ReviewInfo, subject) -> str:
    """A subject's role: its own, else its type's."""
    return subject.role or kind(info).subject_role

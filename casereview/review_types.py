"""The kinds of review as data (data/review_types.yml): each type's name and wording, and
what its report must contain. A new kind of review is an entry there, not a code path."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict
import yaml

from .model import ReviewInfo

DATA = Path(__file__).parent / "data" / "review_types.yml"


class ReviewKind(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    guidance: str
    board: str
    title: str                  # {subjects}, {victims}, {type}
    subject_role: str
    report: str


@cache
def kinds() -> dict[str, ReviewKind]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))   # packaged, trusted
    return {key: ReviewKind.model_validate(value) for key, value in data.items()}


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

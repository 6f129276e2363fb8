"""review/comments.yml: the panel's comments gathered from Word (`casereview comments`),
each with the status the lead reviewer keeps. Checked, never published: apart from the
review's own model (model.py), as no output is made of it."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator

from .model import Part, Text

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

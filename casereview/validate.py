"""Validate each source document against its part of the model, and say what is wrong in
words a lead reviewer can act on: file, line, column, field, problem, fix."""
from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Report
from .load import SourceDoc, Sources, dotted
from .identities import Register
from .comment_model import CommentLog
from .model import Part, model_for


def parts(sources: Sources, report: Report) -> dict[str, Part]:
    """Every document that validates, as its model part; every problem into `report`."""
    out: dict[str, Part] = {}
    report.extend(sources.problems)
    for path, doc in sources.docs.items():
        if doc.problems or doc.data is None:
            continue
        cls = model_for(path)
        try:
            out[path] = cls.model_validate(doc.data)
        except ValidationError as exc:
            report.extend(translate(doc, cls, exc))
    log = sources.comments
    if log is not None and log.data is not None:    # checked only: no output is made of it
        try:
            CommentLog.model_validate(log.data)
        except ValidationError as exc:
            report.extend(translate(log, CommentLog, exc))
    return out


def register(doc: SourceDoc | None, report: Report) -> Register:
    """The identity register, or an empty one when there is none or it is broken (then its
    problems are in the report, and the build stops on them)."""
    if doc is None:
        return Register()
    report.extend(doc.problems)
    if doc.problems or doc.data is None:
        return Register()
    try:
        return Register.model_validate(doc.data)
    except ValidationError as exc:
        report.extend(translate(doc, Register, exc))
        return Register()


def translate(doc: SourceDoc, cls: type[BaseModel], exc: ValidationError) -> list[Diagnostic]:
    return [_diagnostic(doc, cls, err) for err in exc.errors(include_url=False)]


def _clean_loc(data: Any, loc: tuple) -> tuple:
    """Drop the validator and union tags pydantic puts into locations."""
    out: list = []
    for part in loc:
        if isinstance(part, int) and isinstance(data, list):
            out.append(part)
            data = data[part] if part < len(data) else None
        elif isinstance(part, str) and (isinstance(data, dict) or data is None) and "[" not in part \
                and part not in _TAGS:
            out.append(part)
            data = data.get(part) if isinstance(data, dict) else None
    return tuple(out)


_TAGS = {"str", "int", "bool", "list", "dict", "none", "constrained-str", "function-before",
         "function-after", "function-plain", "nullable", "Lead", "Action", "lax-or-strict"}


def _diagnostic(doc: SourceDoc, cls: type[BaseModel], err: dict) -> Diagnostic:
    loc = _clean_loc(doc.data, err["loc"])
    kind = err["type"]
    name = str(loc[-1]) if loc else ""
    message, hint = _explain(kind, err, name, _fields_at(cls, loc[:-1]))
    line, col = doc.where(loc, key=kind == "extra_forbidden")
    if kind == "missing":
        line, col = doc.where(loc[:-1])
    return Diagnostic(doc.path, line, col, dotted(loc), message, hint)


def _explain(kind: str, err: dict, name: str, fields: list[str]) -> tuple[str, str]:
    value, ctx = err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        return f"`{name}` is missing", f"add `{name}:` here"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
        if close:
            return f"unknown field `{name}`", f"did you mean `{close[0]}`?"
        return f"unknown field `{name}`", "remove it; the fields here are: " + ", ".join(fields)
    if kind == "literal_error":
        choices = [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else "use one of: " + ", ".join(choices)
        return f"`{value}` is not allowed", hint
    if value is None and kind.endswith("_type"):
        return "has no value", "write a value after the colon, or remove the line"
    if kind in _SIMPLE:
        what, hint = _SIMPLE[kind]
        return what.format(got=type(value).__name__, value=value, **ctx), hint.format(**ctx)
    message = err["msg"].removeprefix("Value error, ")
    if "; " in message:
        message, hint = message.split("; ", 1)
        return message, hint
    return message, "see docs/authoring.md for this field"


_SIMPLE = {
    "string_type": ("expected text, got {got} `{value}`", "put the value in quotes"),
    "bool_type": ("expected true or false, got `{value}`", "write true or false"),
    "bool_parsing": ("expected true or false, got `{value}`", "write true or false"),
    "int_type": ("expected a whole number, got `{value}`", "write a number"),
    "list_type": ("expected a list, got {got}", "write each item on its own `- ` line"),
    "model_type": ("expected fields (`key: value` lines), got {got}",
                   "indent `key: value` lines under this field"),
    "model_attributes_type": ("expected fields (`key: value` lines), got {got}",
                              "indent `key: value` lines under this field"),
    "dict_type": ("expected fields (`key: value` lines), got {got}",
                  "indent `key: value` lines under this field"),
    "too_short": ("needs at least {min_length} item(s)", "add at least {min_length}"),
    "string_too_short": ("is empty", "write the text, or remove the field"),
    "string_pattern_mismatch": ("`{value}` is not a valid id",
                                "use lower-case letters, digits and hyphens, e.g. `csc-rec-iii`"),
}


def _fields_at(cls: Any, loc: tuple) -> list[str]:
    """The field names allowed at a location of a model, for "did you mean"."""
    current = cls
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            current = _unwrap(typing.get_args(current)[0]) if typing.get_args(current) else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(tp: Any) -> Any:
    """Annotated[X, ...] -> X; X | None -> X."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = rest[0] if len(rest) == 1 else tp
            if len(rest) != 1:
                return tp
        else:
            return tp

"""A new workspace for a type of review (`casereview new --type T`), drawn from the type's
entry in data/review_types.yml, never from code per type: every file the review needs, each
thing still to write a `TODO` that `check` lists by file and line. A fact that takes a date
or a choice cannot hold a TODO: it is written as a comment, and `check` asks for it as a
fact the type requires."""
from __future__ import annotations

import json
import re
import types
import typing
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from . import review_types
from .assemble import slug
from .commands.schema import schema_for
from .dates import PartialDate
from .model import ReviewInfo, TermsOfReference
from .review_types import ReviewKind

AGENCY = "agency"                       # the example agency's id and file name
PSEUDONYM = "TODO pseudonym"            # the subject's, until the family chooses one
SITE_SETTINGS = Path(__file__).parent / "writers" / "site_mkdocs.yml"


class Comment(str):
    """A fact written as a comment: it takes a date or a choice, not a TODO."""


class Noted(str):
    """A value written with a comment after it: the other choices."""

    def __new__(cls, value: str, note: str):
        made = super().__new__(cls, value)
        made.note = note
        return made


def files(type_: str, today: date | None = None) -> dict[str, str]:
    """The new workspace's files, by path, for the type `type_`; `today` dates the example
    timeframe (its year), which the author corrects as the TODO beside it says."""
    kind = review_types.kinds()[type_]
    year = str((today or date.today()).year)
    out = {"review/review.yml": _yaml_file("review/review.yml", _review(type_, kind)),
           "review/terms.yml": _yaml_file("review/terms.yml", _terms(kind, year)),
           "review/analysis.yml": _yaml_file("review/analysis.yml", _analysis(kind)),
           **_small_files(kind, year), **_sections(kind)}
    if kind.executive_summary:
        out["review/executive_summary.md"] = _markdown(
            {"title": "Executive summary"}, "TODO the summary of the review: what happened, what "
            "it found and what it recommends, for those who read nothing else")
    out["mkdocs.yml"] = _mkdocs()
    out[".gitignore"] = "private/\n/site/\n/dist/\n/archive/\n.casereview-build-*/\n"
    return out


# --- review/review.yml and terms.yml --------------------------------------------------------

def _review(type_: str, kind: ReviewKind) -> dict:
    tree: dict = {
        "type": type_,
        "subjects": _subjects(kind),
        "partnership": f"TODO the name of the {kind.board}",
        "status": "draft",
        "version": "Draft 0.1",
        "numbering": kind.numbering,
        "lead_reviewer": {"name": "TODO the lead reviewer's name", "role": kind.lead_role},
    }
    return _with_facts(tree, kind, "review/review.yml", ReviewInfo)


def _subjects(kind: ReviewKind) -> list:
    roles = [r.role for r in kind.requires.subjects] or [kind.subject_role]
    names = [PSEUDONYM] + [f"{PSEUDONYM} {n}" for n in range(2, len(roles) + 1)]
    return [name if role == kind.subject_role else {"name": name, "role": role}
            for name, role in zip(names, roles)]


def _terms(kind: ReviewKind, year: str) -> dict:
    tree = {"timeframe": {"start": year, "end": year, "why": "TODO why the review covers this "
                          "period; correct its start and end above"},
            "questions": [{"id": "q1", "text": "TODO the first key question"}]}
    return _with_facts(tree, kind, "review/terms.yml", TermsOfReference)


def _with_facts(tree: dict, kind: ReviewKind, file: str, model: type[BaseModel]) -> dict:
    """`tree` with each fact the type requires of `file` put in its place, as a TODO or a
    comment."""
    for fact in kind.requires.facts:
        where, path = review_types.fact_place(fact.field)
        if where == file:
            _put(tree, path, fact.placeholder or _placeholder(model, path))
    return tree


def _put(tree: dict, path: tuple[str, ...], value) -> None:
    *parents, leaf = path
    for key in parents:
        tree = tree.setdefault(key, {})
    tree.setdefault(leaf, value)


def _placeholder(model: type[BaseModel], path: tuple[str, ...]):
    """A TODO saying what the field is (its description in the model), or, for a field
    that takes a date or a choice, a comment showing how to write it."""
    for key in path:
        field = model.model_fields[key]
        annotation = bare(field.annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
    what = (field.description or " ".join(path).replace("_", " ")).split(" (")[0]
    first, _, rest = what.partition(" ")
    if first in _SENTENCE_START:          # "Who referred the case" follows TODO in the middle
        what = f"{first.lower()} {rest}"
    if annotation is str:
        return f"TODO {what}"
    if annotation is PartialDate:
        return Comment(f"YYYY-MM-DD   # {what}")
    if typing.get_origin(annotation) is typing.Literal:
        choices = typing.get_args(annotation)
        return Comment(f"{choices[0]}   # or {', '.join(choices[1:])}: {what}")
    return Comment(f"...   # {what}")


_SENTENCE_START = {"A", "An", "The", "Who", "What", "When", "Where", "Why", "How", "Which"}


def bare(annotation):
    """`Text | None` -> str; `Literal[...] | None` -> the Literal; a model stays itself."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


# --- the other YAML files -------------------------------------------------------------------

def _small_files(kind: ReviewKind, year: str) -> dict[str, str]:
    rec = f"{AGENCY}-rec-i"                     # the id assemble gives the IMR's first one
    parts = {
        "review/panel.yml": {
            "panel": [{"organisation": "TODO the member's organisation",
                       "position": "TODO the member's position"}],
            "agencies": [{"id": AGENCY, "name": "TODO the agency's name", "chronology": True,
                          "imr": True}]},
        "review/family.yml": {"members": [
            {"pseudonym": name if isinstance(name, str) else name["name"],
             "relationship": "Subject of the review", "subject": True}
            for name in _subjects(kind)]},
        "review/references.yml": {"references": []},
        "review/conclusions.yml": {"conclusions": [
            {"text": "TODO the first conclusion", "key_lessons": ["TODO the lesson it teaches"]}]},
        "review/recommendations.yml": {"overview": [{"text": "TODO the first recommendation"}],
                                       "repeated": []},
        f"agency_imrs/{AGENCY}.yml": {
            "agency": AGENCY, "author_role": "TODO the role of the IMR's author",
            "chronology": [{"date": year, "what": "TODO what happened, from the agency's records"}],
            "analysis": "TODO the agency's analysis of what it did\n",
            "recommendations": [{"text": "TODO the agency's recommendation"}]},
        f"action_plans/{AGENCY}.yml": {
            "agency": AGENCY, "columns": kind.action_plan_columns,
            "rows": [{"answers": [rec, "overview-i"], **_columns(kind), "actions": [
                {"text": "TODO the action", "lead": "TODO the post that leads it",
                 "deadline": "TODO a date or month"}]}]},
    }
    return {path: _yaml_file(path, tree) for path, tree in parts.items()}


def _columns(kind: ReviewKind) -> dict:
    """What the action plan's columns ask of a row besides the standard ones."""
    if kind.action_plan_columns == "home_office":
        return {"scope": Noted("local", "or regional, national: who is to act on it")}
    return {}


def _analysis(kind: ReviewKind) -> dict:
    plan = kind.analysis
    if plan.organised_by == "questions":
        return {"organised_by": "questions"}
    return {"organised_by": plan.organised_by, plan.organised_by: [
        {"id": item_id, "title": title, **_ANALYSIS_TODOS[plan.organised_by]}
        for item_id, title in _analysis_parts(kind)]}


_ANALYSIS_TODOS = {
    "findings": {"evidence": "TODO the evidence for the finding\n",
                 "board_questions": ["TODO a question the finding puts to the board"]},
    "episodes": {"summary": "TODO what happened in this episode\n"},
    "themes": {"description": "TODO what the theme covers\n"},
}
_ONE = {"questions": ("q1", None), "findings": ("f1", "TODO the finding, in one sentence"),
        "episodes": ("e1", "TODO the episode"), "themes": ("t1", "TODO the theme")}


def _analysis_parts(kind: ReviewKind) -> list[tuple[str, str | None]]:
    """(id, title) of each part of the analysis: the type's own, else one to write."""
    return [(p.id, p.title) for p in kind.analysis.parts] or [_ONE[kind.analysis.organised_by]]


# --- the report's Markdown files ------------------------------------------------------------

def _sections(kind: ReviewKind) -> dict[str, str]:
    """Front matter, sections and appendices: the usual sections in order, the type's own
    body sections after the methodology, the analysis as the type organises it."""
    parts: dict[str, list[tuple[str, dict, str]]] = {"front": [], "body": [], "appendix": []}
    own = {s.kind for s in kind.requires.sections}
    for usual in review_types.every_review().sections:
        if usual.kind == "analysis":
            parts["body"] += _analysis_sections(kind)
            continue
        if usual.kind not in own:
            body = f"TODO {usual.prompt}" + (f"\n\n[[{usual.directive}]]" if usual.directive else "")
            parts["body"].append((usual.title, {"title": usual.title, "kind": usual.kind}, body))
        if usual.kind == "methodology":
            parts["body"] += [_required(s) for s in kind.requires.sections if s.part == "body"]
    for section in kind.requires.sections:
        if section.part != "body":
            parts[section.part].append(_required(section))
    folders = {"front": "review/front", "body": "review/sections", "appendix": "review/appendices"}
    return {f"{folders[part]}/{n:02d}-{slug(name)}.md": _markdown(meta, body)
            for part, items in parts.items() for n, (name, meta, body) in enumerate(items, 1)}


def _required(section) -> tuple[str, dict, str]:
    directive = next((u.directive for u in review_types.every_review().sections
                      if u.kind == section.kind and u.directive), None)
    body = f"TODO {section.prompt}" + (f"\n\n[[{directive}]]" if directive else "")
    return section.title, {"title": section.title, "kind": section.kind}, body


def _analysis_sections(kind: ReviewKind) -> list[tuple[str, dict, str]]:
    by = kind.analysis.organised_by
    if by == "questions":
        return [("question-1", {"kind": "analysis", "question": "q1"},
                 "TODO the analysis of the key question, with the evidence for each point")]
    field = by[:-1]                     # findings -> finding: the id a section analyses
    return [(f"{field}-{item_id}", {"title": title, "kind": "analysis", field: item_id},
             f"TODO the analysis of this {field}, with the evidence for each point")
            for item_id, title in _analysis_parts(kind)]


def _markdown(meta: dict, body: str) -> str:
    return "---\n" + _yaml(meta) + "---\n" + body + "\n"


# --- writing YAML with comments -----------------------------------------------------------

def _yaml_file(path: str, tree: dict) -> str:
    return f"# yaml-language-server: $schema=../schema/{schema_for(path)}\n" + _yaml(tree)


def _yaml(tree: dict, indent: int = 0, raw: bool = False) -> str:
    """Block-style YAML; a Comment, or a mapping of nothing but Comments, is written as
    comment lines, which become its YAML once the `# ` at their start is taken out."""
    pad, out = " " * indent, []
    for key, value in tree.items():
        mark = "# " if isinstance(value, Comment) and not raw else ""
        if isinstance(value, dict):
            live = raw or _live(value)
            text = f"{pad}{key}:\n" + _yaml(value, indent + 2, raw=not live)
            out.append(text if live else "".join(f"{line[:indent]}# {line[indent:]}\n"
                                                 for line in text.splitlines()))
        elif isinstance(value, list) and value:
            out.append(f"{pad}{mark}{key}:\n" + "".join(_item(v, indent + 2) for v in value))
        else:
            out.append(f"{pad}{mark}{key}: {_scalar(value, indent)}\n")
    return "".join(out)


def _live(tree: dict) -> bool:
    return any(_live(v) if isinstance(v, dict) else not isinstance(v, Comment)
               for v in tree.values())


def _item(value, indent: int) -> str:
    if not isinstance(value, dict):
        return f"{' ' * indent}- {_scalar(value, indent)}\n"
    text = _yaml(value, indent + 2)
    return " " * indent + "- " + text[indent + 2:]


def _scalar(value, indent: int) -> str:
    if isinstance(value, Comment):
        return str(value)
    if isinstance(value, Noted):
        return f"{value}   # {value.note}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[]"
    if "\n" in value:
        pad = " " * (indent + 2)
        return "|\n" + "".join(f"{pad}{line}\n" for line in value.splitlines()).rstrip("\n")
    plain = re.fullmatch(r"[A-Za-z][^:#\n\"'{}\[\],&*!|>%@`]*", value) and value == value.strip()
    return value if plain else json.dumps(value, ensure_ascii=False)


def _mkdocs() -> str:
    """The packaged site settings, with the name and owner the workspace gives its site."""
    packaged = SITE_SETTINGS.read_text(encoding="utf-8").split("\n", 3)[3]   # its comment off
    return ("# The web site's settings: casereview writes the pages and the navigation; the\n"
            "# rest is the partnership's to change (see docs/authoring.md).\n"
            "site_name: TODO the site's name, the review's title\n"
            "copyright: TODO the partnership's name\n" + packaged)

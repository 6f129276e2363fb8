"""What a review's type asks of it (data/review_types.yml `requires`), and the TODOs left in
its text. Both are the work still to do: warnings while the review is a draft or with the
panel (and in any panel build, which lists them), errors once it is final."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Iterator

from . import review_types
from .assemble import FOLDER_PARTS
from .diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from .checks import Checker

REVIEW, TERMS = "review/review.yml", "review/terms.yml"
EXECUTIVE_SUMMARY = "review/executive_summary.md"
SITE = "mkdocs.yml"
FINISHED = ("final", "published")
TODO_HINT = "write what it asks for in its place: a TODO left is an error once the review is final"
TODO = re.compile(r"\bTODO\b[\s:–—-]*(.*)")
FOLDERS = {part: folder + "/" for folder, part in FOLDER_PARTS.items()}   # a part's folder


def severity(c: Checker) -> Severity:
    """An error once the review says it is finished, unless the build is the panel's."""
    return Severity.ERROR if _status(c) in FINISHED and not c.panel else Severity.WARNING


def _status(c: Checker) -> str:
    if c.complete(REVIEW):
        return c.review.info.status
    doc = c.sources.get(REVIEW)           # broken elsewhere: what its `status:` says
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    return data.get("status") if isinstance(data.get("status"), str) else "draft"


# --- the type's requirements ---------------------------------------------------------------

def requirements(c: Checker) -> Iterator[Diagnostic]:
    if not c.complete(REVIEW):
        return
    info = c.review.info
    kind, level = review_types.kind(info), severity(c)
    needs = kind.requires
    cited = lambda why: _cited(why, why.source or review_types.guidance(info))  # noqa: E731
    a_type = f"{review_types.article(kind.name)} {kind.name}"
    have = _section_kinds(c)
    for section in needs.sections:
        if section.kind not in have:
            folder = FOLDERS[section.part]
            yield c.at(folder, (), f"{a_type} requires a section of kind `{section.kind}` "
                       f"({section.title}), and the review has none",
                       f"add a file with `kind: {section.kind}` to {folder}: {cited(section)}",
                       level)
    for fact in needs.facts:
        yield from _fact(c, fact, a_type, cited(fact), Severity.ERROR if fact.always else level)
    roles = {review_types.role_of(info, s) for s in info.subjects}
    for needed in needs.subjects:
        if needed.role not in roles:
            yield c.at(REVIEW, ("subjects",), f"{a_type} requires a subject whose role is "
                       f"`{needed.role}`, and none is", f"give that subject `role: "
                       f"{needed.role}` under `subjects:`: {cited(needed)}", level, key=True)
    if kind.executive_summary and c.sources.get(EXECUTIVE_SUMMARY) is None:
        why = needs.executive_summary
        yield c.at(EXECUTIVE_SUMMARY, (), f"{a_type} requires an executive summary, and "
                   f"{EXECUTIVE_SUMMARY} does not exist", "write it, a title in its front "
                   "matter and the summary below" + (f": {cited(why)}" if why else ""), level)


def _cited(why, source: str) -> str:
    """The reason, and the guidance or finding it comes from when there is one."""
    return f"{why.why} ({source})" if source else why.why


def _section_kinds(c: Checker) -> set[str]:
    """The kinds of the report's parts, a broken file's as its front matter says."""
    broken = [d.data.get("kind") for folder in FOLDER_PARTS for d in c.sources.under(folder)
              if d.path in c.failed and isinstance(d.data, dict)]
    return {s.kind for s in c.review.sections} | {k for k in broken if isinstance(k, str)}


def _fact(c: Checker, fact, a_type: str, why: str, level: Severity) -> Iterator[Diagnostic]:
    file, path = review_types.fact_place(fact.field)
    if file == TERMS and not c.complete(TERMS):
        return
    value = c.review.terms if file == TERMS else c.review.info
    for key in path:
        value = getattr(value, key, None)
    if value in (None, "", [], {}):
        *parents, leaf = path
        where = f"under `{'.'.join(parents)}:` in {file}" if parents else f"to {file}"
        said = c.at(file, path, f"not given, and {a_type} requires it",
                    f"add `{leaf}:` {where}: {why}", level, key=True)
        # where `casereview new` wrote it as a comment, to fill in (it takes no TODO)
        row = _commented(c.sources.get(file), leaf)
        yield replace(said, line=row[0], col=row[1]) if row else said


def _commented(doc, key: str) -> tuple[int, int] | None:
    """Line and column of a commented-out `# key: ...` line, if the file has one."""
    lines = doc.text.splitlines() if doc is not None else []
    return next(((n, len(line) - len(line.lstrip()) + 1) for n, line in enumerate(lines, 1)
                 if re.match(rf"\s*#\s*{re.escape(key)}:", line)), None)


# --- TODOs ---------------------------------------------------------------------------------

def todos(c: Checker) -> Iterator[Diagnostic]:
    """Every line of a YAML text value or a Markdown body that says TODO (a YAML comment is
    the author's note to themself, not the review's text)."""
    from .checks import texts              # checks imports this module to register its rules
    level = severity(c)
    for file, doc in sorted(c.sources.docs.items()):
        for path, value in texts(doc):
            for i, line in enumerate(value.splitlines()):
                found = TODO.search(line)
                if found:
                    yield c.at(file, path, todo_message(found[1]), TODO_HINT, level, line=i)
    yield from _site_todos(c, level)


def _site_todos(c: Checker, level: Severity) -> Iterator[Diagnostic]:
    """mkdocs.yml's values too (`casereview new` leaves the site's name to write)."""
    for n, line in enumerate(c.sources.site_texts.get(SITE, "").splitlines(), 1):
        key, colon, value = line.partition(":")
        found = TODO.search(value) if colon and not key.lstrip().startswith("#") else None
        if found and "#" not in value[:found.start()]:
            yield Diagnostic(SITE, n, len(key) + 1 + found.start() + 1, key.strip(),
                             todo_message(found[1].split(" #")[0]), TODO_HINT, level)


def todo_message(rest: str) -> str:
    rest = rest.strip()
    return f"TODO left: {rest}" if rest else "TODO left"


def is_todo(diagnostic: Diagnostic) -> bool:
    return diagnostic.message.startswith("TODO left")


RULES = [requirements, todos]

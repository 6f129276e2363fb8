"""What a panel build lists at the end of the report as still open: every warning `check`
gave, and every line of the review's text that holds a `TODO`. The panel reads a draft whose
author knows these are unfinished; a list that is empty says so, so that the panel knows it
was looked for."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import checks_types
from .commands.check import Checked

TODO = re.compile(r"\bTODO\b")
# anonymise.likely_identifiers' words: what such a warning quotes may be a real identifier
# (from a comment, say, that nothing publishes), so the list says what kind, not what
LIKELY_IDENTIFIER = re.compile(r"^`[^`\n]*` looks like (an? [^;]+)")


@dataclass(frozen=True, order=True)
class OpenCheck:
    file: str
    line: int
    kind: str             # "warning" | "TODO"
    words: str            # the warning's message, or the TODO line's words

    def __str__(self) -> str:
        """As `check` says it (a TODO line's own words say TODO)."""
        said = "warning: " if self.kind == "warning" else ""
        return f"{self.file}:{self.line}: {said}{self.words}"


def collect(checked: Checked) -> list[OpenCheck]:
    """The warnings in their report's order, then the TODOs file by file, line by line."""
    # a TODO's warning is its line, listed in its own words below
    warnings = [OpenCheck(d.file, d.line, "warning", _message(d))
                for d in checked.report.warnings if not checks_types.is_todo(d)]
    return warnings + sorted(set(todos(checked)))


def _message(diagnostic) -> str:
    """The diagnostic as `check` prints it, without the place and severity said apart."""
    field = f"{diagnostic.field}: " if diagnostic.field else ""
    hint = f"; {diagnostic.hint}" if diagnostic.hint else ""
    message = LIKELY_IDENTIFIER.sub(r"words that look like \1 (not repeated here)",
                                    diagnostic.message)
    return f"{field}{message}{hint}"


def todos(checked: Checked):
    """Each line `check` found a TODO on (checks_types.todos: a YAML comment is the author's
    note to themself, not the review's text, and is left out), in the line's own words."""
    for d in checked.report.diagnostics:
        if not checks_types.is_todo(d):
            continue
        doc = checked.sources.get(d.file)
        lines = (doc.text if doc else checked.sources.site_texts.get(d.file, "")).splitlines()
        written = lines[d.line - 1] if 0 < d.line <= len(lines) else ""
        # a folded value's lines are not the file's: check's words then
        yield OpenCheck(d.file, d.line, "TODO", " ".join(written.split())
                        if TODO.search(written) else d.message)

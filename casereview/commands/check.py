"""`casereview check`: read and validate a whole workspace, reporting every problem at once."""
from __future__ import annotations

import typing
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .. import anonymise, assemble, checks, load, register_key, validate
from ..identities import Register
from ..diagnostics import Report
from ..model import FILE_MODELS, CaseReview, Part


@dataclass
class Checked:
    review: CaseReview | None
    report: Report
    sources: load.Sources
    register: Register = field(default_factory=Register)


def check(root: Path | str = ".", step=nullcontext, identities: Path | None = None,
          panel: bool = False) -> Checked:
    """Load, validate and cross-check the workspace at `root`. Never raises for bad input:
    every problem is in the report, and the review is there when the core files validated.
    `step(name)` is a context manager timing each stage (the build's progress);
    `identities` is the identity register's path when not the workspace's own; `panel`: for
    a panel build, which lists the work still to do (checks_types) rather than refusing it."""
    with step("load"):
        sources = load.workspace(Path(root))
        register_doc = load.identity_register(Path(root), identities)
    report = Report()
    with step("validate"):
        parts = validate.parts(sources, report)
        register = validate.register(register_doc, report)
        if register_doc is not None:      # a hashed register is of no use without its key
            register = register_key.unlock(register, register_doc.path, Path(root), report)
    failed = {path for path in sources.docs if path not in parts}
    # the text's markup, addresses and images need no model: said even when a file failed
    report.extend(checks.text_is_text(checks.Checker(None, sources, failed)))
    with step("model"):
        # the rules run over every part that validated, a broken core file standing in as
        # empty: each rule skips what needs a failed part (Checker.complete), so that one
        # file's schema error hides no other file's cross-file errors
        bodies = {p: d.body or "" for p, d in sources.docs.items() if d.body is not None}
        partial = assemble.review({**_stand_ins(), **parts}, bodies)
        report.extend(checks.Checker(partial, sources, failed, panel).run())
    review = partial if not any(path in failed for path in FILE_MODELS) else None
    with step("anonymise"):
        report.extend(anonymise.run(review, sources, register))
    return Checked(review, report, sources, register)


def _stand_ins() -> dict[str, Part]:
    """Each core file's part, empty, for when the file itself failed validation."""
    return {path: cls.model_construct(**{name: [] for name, f in cls.model_fields.items()
                                         if f.is_required() and _is_list(f.annotation)})
            for path, cls in FILE_MODELS.items()}


def _is_list(annotation) -> bool:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return typing.get_origin(annotation) is list

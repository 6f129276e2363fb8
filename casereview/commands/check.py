"""`casereview check`: read and validate a whole workspace, reporting every problem at once."""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from .. import assemble, checks, load, validate
from ..diagnostics import Report
from ..model import FILE_MODELS, CaseReview


@dataclass
class Checked:
    review: CaseReview | None
    report: Report
    sources: load.Sources


def check(root: Path | str = ".", step=nullcontext) -> Checked:
    """Load, validate and cross-check the workspace at `root`. Never raises for bad input:
    every problem is in the report, and the review is there when the core files validated.
    `step(name)` is a context manager timing each stage (the build's progress)."""
    with step("load"):
        sources = load.workspace(Path(root))
    report = Report()
    with step("validate"):
        parts = validate.parts(sources, report)
    failed = {path for path in sources.docs if path not in parts}
    if any(path in failed for path in FILE_MODELS):
        return Checked(None, report, sources)
    with step("model"):
        bodies = {p: doc.body or "" for p, doc in sources.docs.items() if doc.body is not None}
        review = assemble.review(parts, bodies)
        report.extend(checks.Checker(review, sources, failed).run())
    return Checked(review, report, sources)

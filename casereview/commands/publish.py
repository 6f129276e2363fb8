"""`casereview publish`: the last gate. It refuses, with every reason at once, unless the
review is final, the panel has signed it off, every check passes (warnings too) and the
output scan is clean; then it builds and writes the publication manifest. The workspace's
sources are never changed."""
from __future__ import annotations

from pathlib import Path

from .. import pipeline
from .check import check


class PublishRefused(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__(f"{len(reasons)} reason(s)")
        self.reasons = reasons


def refusals(root: Path, identities: Path | None = None, checked=None) -> list[str]:
    """Every reason the workspace cannot be published yet (empty when it can)."""
    checked = checked or check(root, identities=identities)
    reasons = [str(d) for d in checked.report.errors + checked.report.warnings]
    info = checked.review.info if checked.review else None
    if info and info.status != "final":
        reasons.append(f"review/review.yml: status is `{info.status}`; publish only a final "
                       "report: set `status: final` once the panel has agreed it")
    if not checked.register.identities and not checked.register.hashed:
        reasons.append("no identity register: the output scan would have nothing to search for; "
                       "list the real identifiers in private/identities.yml (or give one with "
                       "--identities) before publishing")
    if info and info.sign_off is None:
        reasons.append("review/review.yml: no panel sign-off is recorded; add `sign_off:` with "
                       "the `role` (and `name`) of who signed it off for the panel and the `date`")
    return reasons


def publish(root: Path | str, identities: Path | None = None, progress=None) -> pipeline.BuildResult:
    root = Path(root)
    checked = check(root, identities=identities)
    reasons = refusals(root, identities, checked)
    if reasons:
        raise PublishRefused(reasons)
    try:
        return pipeline.build(root, strict=True, progress=progress, identities=identities,
                              publish=True, checked=checked)
    except pipeline.LeakFound as leak:
        raise PublishRefused([str(f) for f in leak.findings]) from None

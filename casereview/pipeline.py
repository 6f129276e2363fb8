"""The build, as the list of its stages: load → validate → model → render → write → scan."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import render
from .commands.check import check
from .diagnostics import CheckFailed
from .writers import markdown, staging

WRITERS = {"md": markdown.write}
FORMATS = tuple(WRITERS)


@dataclass
class BuildResult:
    outputs: list[Path] = field(default_factory=list)


def output_name(review) -> str:
    """A file name from the version label: `SCR B1 FINAL ...` -> `scr-b1-final-...`."""
    from .assemble import slug
    return slug(review.info.version)[:60] or "review"


def build(workspace: Path | str = ".", formats=FORMATS, strict: bool = False) -> BuildResult:
    root = Path(workspace)
    checked = check(root)                                    # load, validate, model
    if checked.report.failed(strict):
        raise CheckFailed(checked.report)
    rendered = render.render(checked.review, root)           # render
    result = BuildResult()
    with staging.staging(root) as stage:                     # write, moved in on success
        for fmt in formats:
            written = WRITERS[fmt](rendered, stage, output_name(checked.review))
            result.outputs += [root / p.relative_to(stage) for p in written]
    return result

"""The build, as the list of its stages: load → validate → model → render → write → scan.

Formats are written in parallel threads (pandoc runs in its own process, typst releases
the interpreter's lock; all three start at once so the pandoc conversions overlap), each into
a staging folder that replaces `site/` and `dist/` only when every format succeeded.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from . import render
from .assemble import slug
from .commands.check import check
from .diagnostics import CheckFailed
from .writers import docx, markdown, pdf, site, staging

WRITERS = {"html": site.write, "docx": docx.write, "pdf": pdf.write, "md": markdown.write}
FORMATS = tuple(WRITERS)
DEFAULT_FORMATS = ("html", "docx", "pdf")
Progress = Callable[[str, float], None]


@dataclass
class BuildResult:
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def build(workspace: Path | str = ".", formats=DEFAULT_FORMATS, strict: bool = False,
          progress: Progress | None = None) -> BuildResult:
    root, result = Path(workspace), BuildResult()
    step = _timer(result, progress)
    checked = check(root, step)                                     # load, validate, model
    if checked.report.failed(strict):
        raise CheckFailed(checked.report)
    with step("render"):
        rendered = render.render(checked.review, root, build_date(checked.sources.newest),
                                 output_name(checked.review))
    with staging.staging(root) as stage, ThreadPoolExecutor(max_workers=3) as pool:
        jobs = {fmt: pool.submit(_timed, WRITERS[fmt], rendered, stage) for fmt in formats}
        for fmt, job in jobs.items():                                # write
            written, seconds = job.result()
            result.timings[fmt] = seconds
            if progress:
                progress(fmt, seconds)
            result.outputs += [root / p.relative_to(stage) for p in written]
    return result


def _timed(writer, rendered, stage):
    start = time.perf_counter()
    return writer(rendered, stage), time.perf_counter() - start


def _timer(result: BuildResult, progress: Progress | None):
    @contextmanager
    def step(name: str):
        start = time.perf_counter()
        yield
        result.timings[name] = time.perf_counter() - start
        if progress:
            progress(name, result.timings[name])
    return step


def build_date(newest_source: float) -> date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the day of the newest source:
    the same sources give the same date, and so the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(newest_source)
    return datetime.fromtimestamp(seconds, tz=timezone.utc).date()


def output_name(review) -> str:
    """A file name from the version label: `SCR B1 FINAL ...` -> `scr-b1-final-...`."""
    return slug(review.info.version)[:60] or "review"

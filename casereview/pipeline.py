"""The build, as the list of its stages: load → validate → model → render → write → scan.

Formats are written in parallel threads (pandoc runs in its own process, typst releases
the interpreter's lock; all three start at once so the pandoc conversions overlap), each into
a staging folder. The publication manifest is written there too, then the output scan reads
every published byte, the manifest's included; only a clean build replaces `site/` and
`dist/`, both together (writers/staging.py says what `dist/` keeps and what goes to
`archive/`).
"""
from __future__ import annotations

import importlib
import os
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from . import anonymise, open_checks, render, scan
from .assemble import slug
from .commands.check import Checked, check
from .diagnostics import CheckFailed
from .writers import manifest, pandoc, site, staging

WRITERS = {"html": "site", "docx": "docx", "pdf": "pdf", "md": "markdown"}   # their modules
FORMATS = tuple(WRITERS)
READ_TOGETHER = ("html", "docx")
APART = ("docx", "pdf", "md")       # formats of which the executive summary is a file of its own
DEFAULT_FORMATS = ("html", "docx", "pdf")
Progress = Callable[[str, float], None]
PANEL_NOT_PUBLISHED = ("a panel build is never published: its pages are marked PANEL DRAFT "
                       "and it lists the open checks; publish without --panel once the panel "
                       "has agreed the report")


class LeakFound(Exception):
    """The output scan found register identifiers: nothing was published."""

    def __init__(self, findings: list[scan.Finding]):
        super().__init__(f"{len(findings)} finding(s) in the outputs")
        self.findings = findings


@dataclass
class BuildResult:
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    scanned: dict = field(default_factory=dict)
    kept: list[Path] = field(default_factory=list)      # previous files of other formats
    archived: list[Path] = field(default_factory=list)  # files moved from dist/ to archive/


def build(workspace: Path | str = ".", formats=DEFAULT_FORMATS, strict: bool = False,
          progress: Progress | None = None, identities: Path | None = None,
          publish: bool = False, checked: Checked | None = None,
          panel: bool = False) -> BuildResult:
    """`checked`: the workspace already checked (publish checks it before deciding).
    `panel`: a build for the panel (every page marked, paragraph keys shown, the open checks
    listed), never a publication; its files are named `…-panel`."""
    if panel and publish:
        from .commands.publish import PublishRefused      # (publish imports this module)
        raise PublishRefused([PANEL_NOT_PUBLISHED])
    root, result = Path(workspace), BuildResult()
    step = _timer(result, progress)
    checked = checked or check(root, step, identities, panel)        # load, validate, model
    if checked.report.failed(strict):
        raise CheckFailed(checked.report)
    with step("render"):
        rendered = render.render(checked.review, root, build_date(checked.sources.newest),
                                 output_name(checked.review, panel),
                                 open_checks.collect(checked) if panel else None)
    archived: list[str] = []
    with staging.staging(root, archived) as stage:
        made = _write(rendered, stage, formats, result, progress)     # write
        info = checked.review.info
        kept = staging.keep_previous(root, stage, info.version, _kind(info.status, panel), made)
        result.kept = [root / "dist" / name for name in kept]
        with step("scan"):
            matcher, theme = _scanning(stage, checked)
            result.scanned = _coverage(stage, checked, matcher, theme)
            if publish:       # before the scan, which reads it too: it can name the chair
                written = manifest.write(stage, checked.review, rendered.title,
                                         published_on(checked), result.scanned)
                result.outputs.append(root / written.relative_to(stage))
            _scan(stage, matcher, theme)                              # scan
    result.archived = [root / rel for rel in archived]
    return result


def _write(rendered, stage: Path, formats, result: BuildResult, progress) -> dict[str, str]:
    """Every format asked for, in parallel; returns each file written to dist/ (relative to
    it) with its format."""
    formats, made = list(dict.fromkeys(formats)), {}
    with ThreadPoolExecutor(max_workers=3) as pool:
        # the PDF first: the longest to make
        jobs = {fmt: pool.submit(_timed, fmt, rendered, stage) for fmt in formats if fmt == "pdf"}
        reading = _read_together(rendered, formats)
        jobs |= {fmt: pool.submit(_timed, fmt, rendered, stage, reading.get(fmt))
                 for fmt in formats if fmt not in jobs}
        # the executive summary's files by the same writers (the site has it as a page)
        summary = rendered.summary
        apart = [(fmt, pool.submit(_timed, fmt, summary, stage)) for fmt in formats
                 if summary and fmt in APART]
        for fmt in formats:
            written, seconds = jobs[fmt].result()
            result.timings[fmt] = seconds
            if progress:
                progress(fmt, seconds)
            made |= _made(written, fmt, stage, rendered, result)
        for fmt, job in apart:
            made |= _made(job.result()[0], fmt, stage, rendered, result)
    return made


def _made(written: list[Path], fmt: str, stage: Path, rendered, result: BuildResult) -> dict:
    """The files one writer wrote, added to the outputs; those in dist/ (relative to it) with
    their format."""
    result.outputs += [Path(rendered.workspace) / p.relative_to(stage) for p in written]
    return {p.relative_to(stage / "dist").as_posix(): fmt for p in written
            if p.is_relative_to(stage / "dist")}


def _read_together(rendered, formats) -> dict:
    """The site's HTML and the DOCX from one pandoc process reading the Markdown once (the
    PDF, the longest to make, already has its own: its reader's options differ)."""
    together = [fmt for fmt in READ_TOGETHER if fmt in formats]
    if len(together) < 2:
        return {}
    outputs = {}
    for fmt in together:
        outputs |= _writer(fmt).pandoc_outputs(rendered)
    reading = pandoc.write(rendered.markdown, outputs, rendered.media)
    return dict.fromkeys(together, reading)


def _scanning(stage: Path, checked: Checked):
    """The matcher the output scan uses and the site's files verified as the theme's own."""
    matcher = anonymise.matcher(checked.review, checked.register)
    return matcher, site.theme_copies(stage / "site") if matcher else set()


def _coverage(stage: Path, checked: Checked, matcher, theme: set) -> dict:
    """What the scan covers, known before it runs: the manifest, written first, records it
    (a manifest whose scan then finds anything is never published). The manifest is scanned
    too; `files_scanned` counts the files it lists."""
    entries = len(checked.register.identities) + len(checked.register.hashed)
    if not matcher:
        return {"register_entries": entries, "files_scanned": 0, "findings": 0}
    files = len(staging.published(stage))
    return {"register_entries": entries, "files_scanned": files - len(theme),
            "theme_files_verified_unchanged": len(theme), "findings": 0}


def _scan(stage: Path, matcher, theme: set) -> None:
    findings = scan.scan(stage, matcher, theme)
    if findings:
        raise LeakFound(findings)


def _timed(fmt: str, rendered, stage, reading=None):
    start = time.perf_counter()
    shared = (reading,) if reading else ()          # only the formats read together take one
    return _writer(fmt).write(rendered, stage, *shared), time.perf_counter() - start


def _writer(fmt: str):
    """A format's writer module, imported when first used (in its thread, for most): python-docx
    and mkdocs load while pandoc converts."""
    return importlib.import_module(f"{__package__}.writers.{WRITERS[fmt]}")


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


def published_on(checked: Checked) -> date:
    """The publication date: the review's own when it gives a day, else the build date."""
    when = checked.review.info.dates.publication
    return when.start if when and when.precision == "day" else build_date(checked.sources.newest)


NAME_LIMIT = 60     # characters of the version label's slug kept in a file name


def output_name(review, panel: bool = False) -> str:
    """A file name from the version label: `SCR B1 FINAL ...` -> `scr-b1-final-...`; a panel
    build's ends `-panel`, so that it is never taken for the report itself. A long label is
    cut after its last whole word within the limit: a word cut short reads as another."""
    name = slug(review.info.version)
    if len(name) > NAME_LIMIT:
        head = name[:NAME_LIMIT + 1]        # one more: a hyphen just after the limit is a cut
        name = head.rsplit("-", 1)[0] if "-" in head else name[:NAME_LIMIT]
    return (name or "review") + ("-panel" if panel else "")


def _kind(status: str, panel: bool) -> str:
    """What dist/'s record says its files are: a panel build's are of another kind than the
    same status's report, so neither build keeps the other's files beside its own (they go
    to archive/, as a draft's do when the report is final)."""
    return f"{status}, panel build" if panel else status

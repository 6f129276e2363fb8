"""`casereview diff OLD NEW`: what changed between two versions of a review, by paragraph
number and key. Exit status 0 when nothing changed, 1 when something did, 2 when a version
cannot be read or compared (every such message names the version)."""
from __future__ import annotations

import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

from .. import diff, diff_report
from ..diff_sources import Version, VersionError, is_workspace, read, revisions

SAME, CHANGED, CANNOT = 0, 1, 2


def run(args) -> int:
    from ..writers import WriterError
    try:
        with ExitStack() as stack:
            return _run(args, stack)
    except (VersionError, WriterError) as refused:
        print(refused, file=sys.stderr)
        return CANNOT


def _run(args, stack: ExitStack) -> int:
    old, new = _versions(args, stack)
    changes = diff.compare(old.paragraphs, new.paragraphs)
    written = []
    if args.html:
        written.append(_write(args.html, diff_report.page(changes, old.label, new.label)))
    if args.docx:
        from ..writers.docx_tracked import track
        written.append(track(_docx_of(new, stack), changes, args.docx, new.built))
    _print(changes)
    for path in written:
        print(f"wrote {path}")
    return CHANGED if changes else SAME


def _versions(args, stack: ExitStack) -> tuple[Version, Version]:
    given: list[Path] = args.versions
    if args.rev:
        if len(given) > 1:
            raise VersionError("casereview: --rev takes one workspace (the versions are its "
                               f"revisions), not {len(given)}")
        return revisions(given[0] if given else Path("."), args.rev, stack)
    if len(given) != 2:
        raise VersionError("casereview: diff needs two versions, OLD and NEW (workspace folders "
                           "or built .docx files), or --rev A..B with one workspace")
    for path in given:                 # both said to be what they are before reading either
        is_workspace(path)
    with ThreadPoolExecutor(max_workers=2) as pool:     # pandoc reads both at once
        reading = [pool.submit(read, path) for path in given]
        return reading[0].result(), reading[1].result()


def _print(changes) -> None:
    if sys.stdout.isatty():
        from rich.console import Console
        diff_report.show(changes, Console(highlight=False))
    else:
        print("\n".join(diff_report.lines(changes)))


def _write(path: Path, text: str) -> Path:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise VersionError(f"casereview: --html {path}: cannot write it ({exc.strerror})") \
            from None
    return path


def _docx_of(version: Version, stack: ExitStack) -> Path:
    """The new version's DOCX: the one given, else built from the workspace into a temporary
    folder (the workspace's dist/ is left alone) and scanned as a build scans it."""
    if version.docx:
        return version.docx
    from .. import anonymise, scan
    from ..writers import docx
    stage = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="casereview-diff-")))
    written = docx.write(version.rendered, stage)[0]
    matcher = anonymise.matcher(version.checked.review, version.checked.register)
    findings = scan.scan(stage, matcher, set()) if matcher else []
    if findings:
        raise VersionError("\n".join([*map(str, findings), f"casereview: {version.label}: its "
                                      "DOCX names people the identity register withholds; "
                                      "nothing was written"]))
    return written

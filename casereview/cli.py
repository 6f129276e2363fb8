"""The command line: parse arguments, call the library, and turn its errors into messages
that say what to do. No traceback reaches a lead reviewer. rich is imported only by the
commands that draw (build progress), so `check` starts fast."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import CheckFailed, Report

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casereview", description="Author, check and publish "
                                     "safeguarding case reviews.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate a workspace; every error at once")
    _workspace(check)
    schema = sub.add_parser("schema", help="write JSON Schemas for editors")
    schema.add_argument("--out", type=Path, default=Path("schema"),
                        help="folder to write into (default: ./schema)")
    build = sub.add_parser("build", help="check, then build the site, DOCX and PDF")
    _workspace(build)
    build.add_argument("--format", default="html,docx,pdf",
                       help="comma-separated, among html, docx, pdf, md (default: html,docx,pdf)")
    return parser


def _workspace(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", nargs="?", default=".", type=Path,
                        help="the review's folder (default: the current folder)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if hasattr(args, "workspace") and not (args.workspace / "review").is_dir():
        return _usage(f"{args.workspace}: not a casereview workspace (no review/ folder); give "
                      "the workspace folder, e.g. `casereview check path/to/review-folder`")
    return COMMANDS[args.command](args)


def _usage(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_USAGE


def _check(args) -> int:
    from .commands.check import check
    return _report(check(args.workspace).report, args.strict, sys.stdout)


def _schema(args) -> int:
    from .commands import schema
    for path in schema.write(args.out):
        print(f"wrote {path}")
    return EXIT_OK


def _build(args) -> int:
    from rich.console import Console

    from . import pipeline
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in pipeline.FORMATS]
    if unknown or not formats:
        return _usage(f"unknown format(s): {', '.join(unknown) or '(none)'}; choose from "
                      + ",".join(pipeline.FORMATS))
    err = Console(stderr=True, highlight=False)

    def progress(stage: str, seconds: float) -> None:
        err.print(f"[green]✓[/green] {stage:<8} {seconds:6.2f} s")

    try:
        result = pipeline.build(args.workspace, formats, strict=args.strict, progress=progress)
    except CheckFailed as exc:
        _report(exc.report, args.strict, sys.stderr)
        print("nothing was written; the previous outputs are unchanged", file=sys.stderr)
        return EXIT_ERRORS
    for path in result.outputs:
        print(f"wrote {path}")
    return EXIT_OK


def _report(report: Report, strict: bool, stream) -> int:
    for diagnostic in report.errors + report.warnings:
        print(diagnostic, file=stream)
    errors, warnings = len(report.errors), len(report.warnings)
    note = " (--strict: warnings count as errors)" if strict and warnings else ""
    print(f"{errors} error(s), {warnings} warning(s){note}", file=stream)
    return EXIT_ERRORS if report.failed(strict) else EXIT_OK


COMMANDS = {"check": _check, "schema": _schema, "build": _build}

if __name__ == "__main__":
    sys.exit(main())

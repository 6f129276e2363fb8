"""The command line: parse arguments, call the library, and turn its errors into messages
that say what to do. No traceback reaches a lead reviewer."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from .commands import check as check_cmd
from .commands import schema as schema_cmd
from .diagnostics import CheckFailed

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casereview", description="Author, check and publish "
                                     "safeguarding case reviews.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate a workspace; every error at once")
    check.add_argument("workspace", nargs="?", default=".", type=Path)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    schema = sub.add_parser("schema", help="write JSON Schemas for editors")
    schema.add_argument("--out", type=Path, default=Path("schema"),
                        help="folder to write into (default: ./schema)")
    build = sub.add_parser("build", help="check, then render the report")
    build.add_argument("workspace", nargs="?", default=".", type=Path)
    build.add_argument("--format", default="html,docx,pdf",
                       help="comma-separated formats among html, docx, pdf, md (default: html,docx,pdf)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out, err = Console(highlight=False, soft_wrap=True), Console(stderr=True, highlight=False,
                                                                  soft_wrap=True)
    if args.command != "schema" and not (args.workspace / "review").is_dir():
        err.print(f"{args.workspace}: not a casereview workspace (no review/ folder); "
                  "give the workspace folder, e.g. `casereview check path/to/review-folder`")
        return EXIT_USAGE
    if args.command == "check":
        return _report(check_cmd.check(args.workspace).report, args.strict, out)
    if args.command == "schema":
        for path in schema_cmd.write(args.out):
            out.print(f"wrote {path}")
        return EXIT_OK
    return _build(args, out, err)


def _build(args, out: Console, err: Console) -> int:
    from . import pipeline
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in pipeline.FORMATS]
    if unknown or not formats:
        err.print(f"unknown format(s): {', '.join(unknown) or '(none)'}; choose from "
                  + ",".join(pipeline.FORMATS), markup=False)
        return EXIT_USAGE
    def progress(stage: str, seconds: float) -> None:
        err.print(f"[green]✓[/green] {stage:<8} {seconds:6.2f} s")

    try:
        result = pipeline.build(args.workspace, formats, strict=args.strict, progress=progress)
    except CheckFailed as exc:
        _report(exc.report, args.strict, err)
        err.print("nothing was written; the previous outputs are unchanged", markup=False)
        return EXIT_ERRORS
    for path in result.outputs:
        out.print(f"wrote {path}", markup=False)
    return EXIT_OK


def _report(report, strict: bool, console: Console, quiet_ok: bool = False) -> int:
    for diagnostic in report.errors + report.warnings:
        console.print(str(diagnostic), markup=False)
    errors, warnings = len(report.errors), len(report.warnings)
    failed = report.failed(strict)
    if failed or not quiet_ok:
        console.print(f"{errors} error(s), {warnings} warning(s)"
                      + (" (--strict: warnings count as errors)" if strict and warnings else ""),
                      markup=False)
    return EXIT_ERRORS if failed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

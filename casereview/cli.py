"""The command line: parse arguments, call the library, and turn its errors into messages
that say what to do. No traceback reaches a lead reviewer, Ctrl-C included. rich is imported
only by the commands that draw (build progress), so `check` starts fast."""
from __future__ import annotations

import argparse
import gc
import signal
import sys
import threading
from contextlib import nullcontext
from pathlib import Path

from .diagnostics import CheckFailed, Report

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_OVERDUE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casereview", description="Author, check and publish "
                                     "safeguarding case reviews.")
    sub = parser.add_subparsers(dest="command", required=True)
    _new_parser(sub)
    check = sub.add_parser("check", help="validate a workspace; every error at once")
    _workspace(check)
    schema = sub.add_parser("schema", help="write JSON Schemas for editors")
    schema.add_argument("--out", type=Path, default=Path("schema"),
                        help="folder to write into (default: ./schema)")
    build = sub.add_parser("build", help="check, then build the site, DOCX and PDF")
    _workspace(build)
    build.add_argument("--format", default="html,docx,pdf",
                       help="comma-separated, among html, docx, pdf, md (default: html,docx,pdf)")
    build.add_argument("--panel", action="store_true", help="a draft for the panel: every page "
                       "marked, each paragraph's id beside its number, the open checks listed "
                       "at the end; files named ...-panel, never published")
    publish = sub.add_parser("publish", help="the final gate: build, scan, write the manifest")
    _workspace(publish)
    publish.add_argument("--panel", action="store_true", help=argparse.SUPPRESS)  # refused
    template = sub.add_parser("template", help="copy a packaged template into templates/ to "
                              "change it (no name: list them)")
    template.add_argument("name", nargs="?", help="e.g. reference.docx, pdf.typ, "
                          "blocks/paragraph.md.j2")
    template.add_argument("--workspace", type=Path, default=Path("."))
    identities = sub.add_parser("identities", help="the identity register")
    hashing = identities.add_subparsers(dest="action", required=True).add_parser(
        "hash", help="write the register as keyed hashes, safe to commit")
    hashing.add_argument("register", type=Path, help="the plain register, e.g. private/identities.yml")
    hashing.add_argument("--out", type=Path, default=Path("identities.hashed.yml"))
    tracker = sub.add_parser("tracker", help="every action plan row against its lead and deadline")
    tracker.add_argument("workspaces", nargs="*", type=Path, default=[Path(".")],
                         help="one or more review folders (default: the current folder)")
    tracker.add_argument("--as-of", type=_day, default=None, metavar="YYYY-MM-DD",
                         help="the day overdue and due-soon are reckoned from (default: today)")
    tracker.add_argument("--agency", help="only this agency's rows (its id, e.g. csc)")
    tracker.add_argument("--lead", help="only rows whose lead contains this text")
    tracker.add_argument("--status", choices=("not_started", "in_progress", "complete",
                                              "superseded", "not_implemented", "not_agreed",
                                              "awaiting_response"))
    tracker.add_argument("--overdue", action="store_true", help="only overdue rows")
    tracker.add_argument("--themes", action="store_true",
                         help="group by theme, with recommendations repeated from earlier reviews")
    for fmt in ("xlsx", "csv", "ics"):
        tracker.add_argument(f"--{fmt}", type=Path, metavar="FILE", help=f"also write a {fmt.upper()} export")
    update = sub.add_parser("tracker-update", help=argparse.SUPPRESS)
    update.add_argument("row", metavar="ROW-ID", help="e.g. csc-4")
    update.add_argument("--workspace", type=Path, default=Path("."))
    update.add_argument("--status", help="not_started, in_progress, complete, superseded, not_implemented")
    update.add_argument("--note", help="a progress update, dated --on (default: today)")
    update.add_argument("--evidence", help="what shows it")
    update.add_argument("--reason", help="why not implemented or superseded")
    update.add_argument("--sign-off", dest="sign_off", metavar="ROLE", help="who signed it off")
    update.add_argument("--on", type=_day, default=None, metavar="YYYY-MM-DD")
    _diff_parser(sub)
    _comments_parser(sub)
    _serve_parser(sub)
    return parser


def _diff_parser(sub) -> None:
    diff = sub.add_parser("diff", help="what changed between two versions, paragraph by "
                          "paragraph (exit status 1 when something did)")
    diff.add_argument("versions", nargs="*", type=Path, metavar="VERSION",
                      help="OLD and NEW: workspace folders or built .docx files (with --rev: "
                           "the one workspace, default: the current folder)")
    diff.add_argument("--rev", metavar="A..B", help="compare the workspace at two git "
                      "revisions (A.. : at A and as it is now)")
    diff.add_argument("--html", type=Path, metavar="FILE", help="also write the report as a "
                      "standalone HTML page")
    diff.add_argument("--docx", type=Path, metavar="OUT", help="also write the new version's "
                      "DOCX with the changes as Word tracked changes")



def _new_parser(sub) -> None:
    from .review_types import kinds
    new = sub.add_parser("new", help="start a review: a new workspace for its type, each part "
                         "to write marked TODO (e.g. `casereview new --type dhr my-review`)")
    new.add_argument("--type", dest="review_type", required=True, choices=list(kinds()),
                     help="the kind of review: " + ", ".join(f"{k} ({v.name})"
                                                            for k, v in kinds().items()))
    # not `workspace`: main() would require it to be one already
    new.add_argument("folder", type=Path, help="a new or empty folder to write it in")


def _comments_parser(sub) -> None:
    comments = sub.add_parser("comments", help="the panel's Word comments and tracked changes, "
                              "by paragraph, logged in review/comments.yml")
    comments.add_argument("files", nargs="+", type=Path, metavar="FILE.docx",
                          help="DOCX files panel members returned")
    # not `workspace`: main() would require it to be one, and here it is optional
    comments.add_argument("--workspace", dest="review_folder", type=Path, default=None,
                          metavar="W", help="the review to match the comments to and log them "
                          "in (default: the current folder, when it is a workspace)")
    comments.add_argument("--xlsx", type=Path, metavar="FILE", help="also write a workbook")


def _serve_parser(sub) -> None:
    serve = sub.add_parser("serve", help="the site on a local port, built again on every save")
    _workspace(serve)
    serve.add_argument("--port", type=_port, default=8000,
                       help="the port on 127.0.0.1 (default: 8000; 0: a free one)")


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"`{text}` is not a port; give a number from 0 to "
                                         "65535 (0: a free one)")
    return int(text)


def _day(text: str):
    from datetime import date
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a date; write YYYY-MM-DD") from None


def _workspace(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", nargs="?", default=".", type=Path,
                        help="the review's folder (default: the current folder)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--identities", type=Path, metavar="REGISTER",
                        help="identity register (default: $CASEREVIEW_IDENTITIES, else "
                             "private/identities.yml, else identities.hashed.yml)")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:2] == ["tracker", "update"]:          # `tracker update ROW-ID ...`
        argv = ["tracker-update", *argv[2:]]
    args = _parser().parse_args(argv)
    folders = [args.workspace] if hasattr(args, "workspace") else getattr(args, "workspaces", [])
    for folder in folders:
        if not (folder / "review").is_dir():
            return _usage(f"{folder}: not a casereview workspace (no review/ folder); give the "
                          "workspace folder, e.g. `casereview check path/to/review-folder`")
    # a build is interruptible from the start: its first imports are where a Ctrl-C most
    # often lands, and where Python's own handling of it can leave the import lock taken
    args.interrupt = _interrupt(args)
    try:
        with args.interrupt or nullcontext():
            return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        if args.interrupt:
            args.interrupt.say()
        else:
            print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _interrupt(args):
    """Ctrl-C handling for the commands that build (imported only for them: check starts fast)."""
    if args.command not in ("build", "publish"):
        return None
    from .interrupt import Interrupt
    return Interrupt(args.workspace)


def _usage(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_USAGE


def _check(args) -> int:
    from .commands.check import check
    return _report(check(args.workspace, identities=args.identities).report, args.strict,
                   sys.stdout)


def _schema(args) -> int:
    from .commands import schema
    for path in schema.write(args.out):
        print(f"wrote {path}")
    return EXIT_OK


def _build(args) -> int:

    from . import pipeline
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in pipeline.FORMATS]
    if unknown or not formats:
        return _usage(f"unknown format(s): {', '.join(unknown) or '(none)'}; choose from "
                      + ",".join(pipeline.FORMATS))
    return _run(lambda progress: pipeline.build(
        args.workspace, formats, strict=args.strict, progress=progress,
        identities=args.identities, panel=args.panel), args.strict, args.interrupt)


def _publish(args) -> int:
    from .commands.publish import publish
    from .pipeline import build
    if args.panel:        # said by the library, as to any caller asking it for both
        return _run(lambda progress: build(args.workspace, publish=True, panel=True), True,
                    args.interrupt)
    return _run(lambda progress: publish(args.workspace, args.identities, progress), True,
                args.interrupt)


def _run(job, strict: bool, interrupt) -> int:
    """Run a build-like job with progress on the terminal; every refusal said, no traceback."""
    from rich.console import Console

    from .commands.publish import PublishRefused
    from .pipeline import LeakFound
    from .writers import WriterError
    err = Console(stderr=True, highlight=False)
    try:
        result = job(lambda stage, s: err.print(f"[green]✓[/green] {stage:<9} {s:6.2f} s"))
    except BaseException as stopped:
        # after a Ctrl-C, whatever stopped the build (a writer whose child was killed, say)
        # is the interrupt's doing
        if interrupt.asked or isinstance(stopped, KeyboardInterrupt):
            interrupt.say()
            return EXIT_INTERRUPTED
        if not isinstance(stopped, (CheckFailed, LeakFound, WriterError, PublishRefused)):
            raise
        return _refused(stopped, strict)
    finally:
        interrupt.end()
    for path in result.outputs:
        print(f"wrote {path}")
    for path in result.archived:
        print(f"moved to {path}: a file of an earlier version or status, out of dist/")
    if interrupt.late or interrupt.asked:
        print("interrupted too late to stop: the outputs were written", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK


def _refused(stopped: Exception, strict: bool) -> int:
    """What a build that stopped on a problem says: every reason, then that nothing changed."""
    from .commands.publish import PublishRefused
    from .pipeline import LeakFound
    if isinstance(stopped, CheckFailed):
        _report(stopped.report, strict, sys.stderr)
        return _nothing_written()
    if isinstance(stopped, LeakFound):
        return _nothing_written([*map(str, stopped.findings), _leak_summary(stopped.findings)])
    if isinstance(stopped, PublishRefused):
        return _nothing_written([*stopped.reasons,
                                 f"not published: {len(stopped.reasons)} reason(s)"])
    return _nothing_written([str(stopped)])      # a WriterError


def _leak_summary(findings) -> str:
    unread = sum(1 for f in findings if f.problem)
    said = [f"{len(findings) - unread} identifier(s) found in the outputs"] if len(findings) > \
        unread else []
    said += [f"{unread} part(s) of the outputs cannot be read"] if unread else []
    return "; ".join(said)


def _nothing_written(why: list[str] = ()) -> int:
    for line in [*why, "nothing was written; the previous outputs are unchanged"]:
        print(line, file=sys.stderr)
    return EXIT_ERRORS


def _template(args) -> int:
    from .commands.template import TemplateRefused, copy, names
    if not args.name:
        print("\n".join(names()))
        return EXIT_OK
    try:
        path = copy(args.workspace, args.name)
    except TemplateRefused as refused:
        return _usage(str(refused))
    print(f"wrote {path}: it now overrides the packaged {args.name}")
    return EXIT_OK


def _identities(args) -> int:
    from .commands.identities import hashed
    try:
        text, made = hashed(args.register, args.out.parent)
    except CheckFailed as exc:
        return _report(exc.report, False, sys.stderr)
    args.out.write_text(text, encoding="utf-8")
    key = args.out.parent / "private" / "identities.key"
    if made:
        print(f"made the key {key}: keep it out of the repository (private/ is git-ignored) "
              f"and give it to whoever checks or builds, as that file or as "
              f"$CASEREVIEW_IDENTITIES_KEY")
    print(f"wrote {args.out}: {text.count('- hashes:')} identities as keyed hashes; "
          f"keep {args.register} and {key} out of the repository")
    return EXIT_OK


def _report(report: Report, strict: bool, stream) -> int:
    for diagnostic in report.errors + report.warnings:
        print(diagnostic, file=stream)
    errors, warnings = len(report.errors), len(report.warnings)
    note = " (--strict: warnings count as errors)" if strict and warnings else ""
    print(f"{errors} error(s), {warnings} warning(s){note}", file=stream)
    return EXIT_ERRORS if report.failed(strict) else EXIT_OK


def _tracker(args) -> int:
    from datetime import date

    from . import tracker
    from .tracker_view import show
    reviews = []
    for folder in args.workspaces:
        review, report = tracker.load(folder)
        if report.errors:
            _report(report, False, sys.stderr)
            return EXIT_ERRORS
        reviews.append(review)
    board = tracker.track(reviews, args.as_of or date.today())
    board = board.filter(args.agency, args.lead, args.status, args.overdue)
    show(board, themes=args.themes, several=len(reviews) > 1)
    for fmt in ("xlsx", "csv", "ics"):
        if getattr(args, fmt):
            from .writers import tracker_exports
            print(f"wrote {getattr(tracker_exports, fmt)(board, getattr(args, fmt))}")
    return EXIT_OVERDUE if board.overdue else EXIT_OK


def _tracker_update(args) -> int:
    from .commands.tracker_update import UpdateRefused, update
    try:
        path = update(args.workspace, args.row, status=args.status, note=args.note,
                      evidence=args.evidence, on=args.on, reason=args.reason,
                      sign_off_role=args.sign_off)
    except UpdateRefused as exc:
        return _usage(str(exc))
    print(f"updated {args.row} in {path}")
    return EXIT_OK


def _diff(args) -> int:
    from .commands.diff import run
    return run(args)


def _new(args) -> int:
    from .commands.new import NewRefused, new
    try:
        written = new(args.folder, args.review_type)
    except NewRefused as refused:
        return _usage(str(refused))
    from .review_types import kinds
    print(f"wrote {len(written)} files in {args.folder}: a {args.review_type} review "
          f"({kinds()[args.review_type].name}), each part to write marked TODO\n"
          f"next: `casereview check {args.folder}` lists every TODO by file and line (warnings "
          "while the review is a draft, errors once it is final); write each, then "
          f"`casereview build {args.folder}`")
    return EXIT_OK


def _comments(args) -> int:
    from .commands.comments import run
    return run(args.files, args.review_folder, args.xlsx)


def _serve(args) -> int:
    from .commands.serve import serve
    return serve(args.workspace, args.port, args.identities, args.strict)


COMMANDS = {"check": _check, "schema": _schema, "build": _build, "publish": _publish,
            "template": _template, "identities": _identities, "tracker": _tracker,
            "tracker-update": _tracker_update, "diff": _diff, "comments": _comments, "new": _new,
            "serve": _serve}


def run(argv: list[str] | None = None) -> None:
    """The program's entry point (the `casereview` script, `python -m casereview.cli`)."""
    try:
        code = main(argv)
    except KeyboardInterrupt:           # before a command started: nothing done yet
        print("interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    leave(code)


def leave(code: int) -> None:
    """Exit with `code`. The heap is frozen first: the interpreter's last collections would
    otherwise walk every object a build made, 0.12 s of a 2 s build and 0.03 s of a check,
    only for the process to end. Files are closed and output flushed as usual. The work is
    done: a Ctrl-C now has nothing left to stop, and would only kill the process unreported."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()

"""Typst in a process of its own: `python -m casereview.writers.typst_process` reads one
request (JSON on standard input), writes the PDF to standard output and Typst's warnings or
error, as JSON, to standard error.

Why a process: the `typst` package keeps everything it memoised while typesetting for as long
as the process lives (it has no way to evict its cache), about 1.9 MB per page: 640 MB for a
335-page review, held through the output scan, and added again by every later build in the same
process (a preview server, the tests). A child process gives all of it back when it exits.

The request: `source` (the Typst markup), `inputs` (`sys.inputs`), `timestamp` (the PDF's
date), `standards` (Typst's `pdf_standards`, e.g. ["ua-1"]; none if absent) and `root`, the
only folder Typst may read files from (`#read`, `#image`). Without a root, an empty temporary
folder is made and removed: Typst would otherwise read from the current folder, and a path
like "/etc/passwd" is resolved inside the root, never outside it.

An error is given back as {"error", "hints", "at", "trace"}: `at` (and each step of the
trace) is {"file", "line", "column"}, 1-based, with file "" for the source itself.

Only the standard library and `typst` are imported here, so the child starts in a few
hundredths of a second.
"""
from __future__ import annotations

import json
import os
import re
import sys
import tempfile

MAIN = "__typst_py_bytes__.typ"                    # the name typst gives a source of bytes
# in the package's diagnostic: "error: ..." or "help: ..." then "  ┌─ file:line:column"
# (the column counted from 0)
PLACE = re.compile(r"^(error|help): (.*)\n\s*┌─ (.+):(\d+):(\d+)$", re.M)
# a hint the command line's user could follow, not the writer's
NOT_OURS = "--root"


def main() -> int:
    # Typst on one thread: its worker threads' allocations, alive at once, raised the peak (the
    # largest process of a build) by 25-70 MB on a review ten times the example's size, varying
    # from run to run, for no gain in time: the same CPU time, and the build's pandoc
    # conversions keep the other core busy. Read when Typst first lays out, so set before.
    os.environ["RAYON_NUM_THREADS"] = "1"
    import typst

    request = json.load(sys.stdin)
    try:
        pdf, warnings = _compile(typst, request)
    except typst.TypstError as exc:
        json.dump(failure(exc), sys.stderr)
        return 1
    sys.stdout.buffer.write(pdf)
    json.dump({"warnings": [str(w) for w in warnings]}, sys.stderr)
    return 0


def _compile(typst, request: dict):
    if request.get("root"):
        return _compile_in(typst, request, request["root"])
    with tempfile.TemporaryDirectory(prefix="casereview-typst-") as root:
        return _compile_in(typst, request, root)


def _compile_in(typst, request: dict, root: str):
    return typst.compile_with_warnings(
        request["source"].encode("utf-8"), format="pdf", root=root, ignore_system_fonts=True,
        sys_inputs=request["inputs"], timestamp=request["timestamp"],
        pdf_standards=request.get("standards", []))


def failure(exc) -> dict:
    """The error's message, hints and places (the package gives places only in its text)."""
    places = [{"kind": kind, "message": message, "file": "" if file.endswith(MAIN) else file,
               "line": int(line), "column": int(column) + 1}
              for kind, message, file, line, column
              in PLACE.findall(getattr(exc, "diagnostic", "") or "")]
    at = next((_place(p) for p in places if p["kind"] == "error"), None)
    return {"error": getattr(exc, "message", None) or str(exc),
            "hints": [h for h in getattr(exc, "hints", []) if NOT_OURS not in h],
            "at": at,
            "trace": [{"message": p["message"], **_place(p)}
                      for p in places if p["kind"] == "help"]}


def _place(place: dict) -> dict:
    return {key: place[key] for key in ("file", "line", "column")}


if __name__ == "__main__":
    sys.exit(main())

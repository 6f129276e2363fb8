"""Typst in a process of its own: `python -m casereview.writers.typst_process` reads one
request (JSON on standard input), writes the PDF to standard output and Typst's warnings or
error, as JSON, to standard error.

Why a process: the `typst` package keeps everything it memoised while typesetting for as long
as the process lives (it has no way to evict its cache), about 1.9 MB per page: 640 MB for a
335-page review, held through the output scan, and added again by every later build in the same
process (a preview server, the tests). A child process gives all of it back when it exits.

Only the standard library and `typst` are imported here, so the child starts in a few
hundredths of a second.
"""
from __future__ import annotations

import json
import sys


def main() -> int:
    import typst

    request = json.load(sys.stdin)
    try:
        pdf, warnings = typst.compile_with_warnings(
            request["source"].encode("utf-8"), format="pdf", ignore_system_fonts=True,
            sys_inputs=request["inputs"], timestamp=request["timestamp"])
    except typst.TypstError as exc:
        json.dump({"error": str(exc)}, sys.stderr)
        return 1
    sys.stdout.buffer.write(pdf)
    json.dump({"warnings": [str(w) for w in warnings]}, sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`casereview comments FILE.docx... [--workspace W] [--xlsx FILE]`: the comments and tracked
changes panel members returned in Word, each at the paragraph it was made on, found again in
the workspace's current outline; shown grouped by paragraph in the report's order, logged in
review/comments.yml (comment_log.py) and, when asked, written to a workbook."""
from __future__ import annotations

import sys
from datetime import date, datetime, time
from itertools import groupby
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Font

from .. import comments, numbering
from ..comments_map import Mapped, Outline, as_built
from ..load import COMMENT_LOG
from ..writers.tracker_exports import save_workbook
from . import comment_log
from .check import check

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
QUOTE_LEN = 40
COLUMNS = ("Paragraph", "Section", "Place", "Note", "Key", "Id", "Status", "Reason", "Author",
           "Initials", "Date", "Kind", "Quote", "Text", "File")
WIDTHS = (10, 30, 40, 20, 12, 11, 10, 30, 20, 8, 20, 10, 40, 60, 30)


def run(files: list[Path], workspace: Path | None, xlsx: Path | None) -> int:
    out = sys.stdout
    entries = []
    for file in files:
        try:
            found = comments.read(file)
        except comments.Refused as refused:
            print(refused, file=sys.stderr)
            return EXIT_USAGE
        if not found:
            print(f"{file}: no comments", file=out)
        entries += found
    root = workspace or (Path(".") if (Path(".") / "review").is_dir() else None)
    if workspace is not None and not (workspace / "review").is_dir():
        print(f"{workspace}: not a casereview workspace (no review/ folder); give the "
              "workspace folder with --workspace", file=sys.stderr)
        return EXIT_USAGE
    if not entries:
        return EXIT_OK
    if root is None:
        shown = [as_built(e) for e in entries]
        statuses = {}
    else:
        found = _in_workspace(root, entries)
        if isinstance(found, int):
            return found
        shown, merged = found
        statuses = merged.entries
    for line in table(shown, statuses):
        print(line, file=out)
    if root is not None:
        print(f"wrote {merged.path}: {merged.total} comment(s), {merged.added} new", file=out)
    if xlsx is not None:
        print(f"wrote {workbook(shown, statuses, xlsx)}", file=out)
    return EXIT_OK


def _in_workspace(root: Path, entries: list[comments.Entry]):
    """The entries placed in the workspace's outline now, and merged into its log; or the
    exit status after saying why that cannot be done."""
    checked = check(root)
    log_problems = [d for d in checked.report.errors if d.file == COMMENT_LOG]
    if log_problems or checked.review is None:
        for diagnostic in log_problems or checked.report.errors:
            print(diagnostic, file=sys.stderr)
        what = COMMENT_LOG if log_problems else "the workspace"
        print(f"nothing was written: correct {what} (`casereview check` lists the same) and "
              "run again", file=sys.stderr)
        return EXIT_ERRORS
    outline = Outline(numbering.outline(checked.review))
    shown = [outline.find(e) for e in entries]
    return shown, comment_log.merge(root, shown, checked.sources.comments)


# --- the terminal ------------------------------------------------------------------------

def table(shown: list[Mapped], statuses: dict) -> list[str]:
    """One block per paragraph (or heading, table cell, footnote) in the report's order,
    its comments under it from every member, oldest first."""
    ordered = sorted(shown, key=lambda m: (m.sort_key(), m.entry.date))
    rows = [(m, _row(m, statuses.get(id(m)))) for m in ordered]
    # the columns before the text, as wide as their widest cell; the ids only with a log
    widths = [(i, max(len(r[i]) for _, r in rows)) for i in range(5)]
    widths = [(i, w) for i, w in widths if w]
    lines: list[str] = []
    for title, group in groupby(rows, key=lambda pair: heading(pair[0])):
        lines += ([""] if lines else []) + [title]
        for _, row in group:
            cells = [row[i].ljust(w) for i, w in widths]
            lines.append("  " + "  ".join(cells + [row[5]]).rstrip())
    return lines


def heading(m: Mapped) -> str:
    """What a block of comments is on: where, the section, the key, and any note."""
    place = m.place
    section = f"{m.section_number} {m.section}" if m.section_number else m.section
    if place.part not in ("paragraph", "footnote"):
        what = "heading" if place.part == "heading" and place.text == m.section else place.label
        return " · ".join(filter(None, [section, what]))
    where = " ".join(filter(None, [m.number or "gone", place.detail]))
    return " · ".join(filter(None, [where, section, m.key, m.note]))


def _row(m: Mapped, logged) -> tuple[str, ...]:
    e = m.entry
    who = f"{e.author} ({e.initials})" if e.initials else e.author
    status = logged.status if logged else "open"
    quote = f"on “{_shorten(e.quote)}”: " if e.quote and e.kind in ("comment", "reply") else ""
    said = " / ".join(e.text.splitlines())
    reason = f" [declined: {logged.reason}]" if logged and logged.reason else ""
    return (logged.id if logged else "", status, who, e.date[:10], e.kind,
            quote + said + reason)


def _shorten(text: str) -> str:
    return text if len(text) <= QUOTE_LEN else text[:QUOTE_LEN].rsplit(" ", 1)[0] + "…"


# --- the workbook ------------------------------------------------------------------------

def workbook(shown: list[Mapped], statuses: dict, path: Path) -> Path:
    """One sheet, a row per comment in the terminal's order; the same comments give the
    same bytes (stamped with the newest comment's date, not the clock)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Comments"
    sheet.append(COLUMNS)
    ordered = sorted(shown, key=lambda m: (m.sort_key(), m.entry.date))
    for m in ordered:
        sheet.append([_text(v) for v in _values(m, statuses.get(id(m)))])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in (c for row in sheet.iter_rows(min_row=2) for c in row if c.data_type == "f"):
        cell.data_type = "s"     # openpyxl takes any text starting "=" for a formula
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column, width in zip(sheet.iter_cols(), WIDTHS):
        sheet.column_dimensions[column[0].column_letter].width = width
        for cell in column[1:]:
            cell.alignment = Alignment(vertical="top", wrap_text=width >= 30)
    stamp = datetime.combine(_newest(shown), time())
    book.properties = DocumentProperties(creator="casereview", created=stamp, modified=stamp)
    return save_workbook(book, Path(path), stamp)


def _values(m: Mapped, logged) -> list:
    e = m.entry
    section = f"{m.section_number} {m.section}" if m.section_number else m.section
    return [m.number, section, e.place.label, m.note, m.key, logged.id if logged else None,
            logged.status if logged else "open", logged.reason if logged else None, e.author,
            e.initials, e.date, e.kind, e.quote, e.text, Path(e.file).name]


def _text(value):
    """Every value as text: "4.10" is not the number 4.1, and "=..." is not a formula."""
    return None if value in (None, "") else str(value)


def _newest(shown: list[Mapped]) -> date:
    days = []
    for m in shown:
        try:
            days.append(date.fromisoformat(m.entry.date[:10]))
        except ValueError:
            continue
    return max(days, default=date(2000, 1, 1))

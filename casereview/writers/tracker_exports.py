"""The tracker as files a partnership can open without casereview: an Excel workbook (a summary,
then one sheet per agency), a CSV of every row and an iCalendar file of the outstanding
deadlines. Each function writes one file and returns its path; the same board always gives the
same bytes, so an export can be checked in, hashed or diffed."""
from __future__ import annotations

import csv as _csv
import io
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from ..assemble import slug
from ..dates import PartialDate
from ..tracker import OUTSTANDING, STATUSES, Board, Tracked, status_label, status_name

HEADER = ("Review", "Row", "No.", "Recommendation", "Lead", "Deadline (as written)", "Due",
          "Status", "RAG", "Overdue", "Last update", "Themes", "Next milestone", "Completed")
WIDTHS = (28, 10, 6, 60, 30, 24, 12, 14, 8, 9, 40, 30, 30, 12)
WRAPPED = ("Review", "Recommendation", "Lead", "Deadline (as written)", "Status", "Last update",
           "Themes", "Next milestone")
DATE_FORMAT = "d mmm yyyy"      # "31 Mar 2015": no day/month ambiguity for any reader
RAGS = ("red", "amber", "green", "grey")
# Excel's own Bad / Neutral / Good styles: pale fills under dark text, readable in print too
RAG_COLOURS = {"red": ("FFC7CE", "9C0006"), "amber": ("FFEB9C", "9C5700"),
               "green": ("C6EFCE", "006100"), "grey": ("D9D9D9", "3A3A3A")}
SUMMARY_LEN = 60


def xlsx(board: Board, path: Path) -> Path:
    workbook = Workbook()
    _summary(workbook.active, board)
    for agency in _agencies(board):
        rows = [r for r in board.ordered() if r.agency == agency]
        _agency_sheet(workbook.create_sheet(agency[:31]), rows)   # Excel's limit on sheet names
    midnight = datetime.combine(board.as_of, time())
    # no lastModifiedBy: the file should not carry whoever happened to run the export
    workbook.properties = DocumentProperties(creator="casereview", created=midnight,
                                             modified=midnight)
    return save_workbook(workbook, Path(path), midnight)


def csv(board: Board, path: Path) -> Path:
    path = Path(path)
    # the BOM is what makes Excel read the file as UTF-8 rather than the local code page
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = _csv.writer(out)
        writer.writerow(["Agency", *HEADER])
        for row in board.ordered():
            writer.writerow([row.agency, *(_iso(v) for v in _values(row))])
    return path


def ics(board: Board, path: Path) -> Path:
    stamp = f"{board.as_of:%Y%m%d}T000000Z"   # from the board, not the clock: same board, same file
    events = [line for row in board.ordered() if row.due and row.status in OUTSTANDING
              for line in _event(row, stamp)]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//casereview//tracker//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", *events, "END:VCALENDAR"]
    path = Path(path)
    path.write_bytes("".join(_fold(line) + "\r\n" for line in lines).encode("utf-8"))
    return path


# --- rows ------------------------------------------------------------------------------------

def _values(row: Tracked) -> list:
    return [row.review, row.row, row.no, row.recommendation, row.lead, row.deadline, row.due,
            status_label(row), row.rag.capitalize(), "Yes" if row.overdue else "No",
            row.last_update, "; ".join(row.themes), row.milestone,
            _when(row.completed)]


def _when(day: PartialDate | None):
    """A date known to the day as a date; a month or a season as written (2016-04)."""
    if day is None:
        return None
    return day.start if day.precision == "day" and not day.approximate else day.iso()


def _iso(value):
    return value.isoformat() if isinstance(value, date) else value


def _agencies(board: Board) -> list[str]:
    return sorted({r.agency for r in board.rows})


# --- workbook --------------------------------------------------------------------------------

def _summary(ws, board: Board) -> None:
    ws.title = "Summary"
    ws.append(["As of", board.as_of])
    ws["B1"].number_format = DATE_FORMAT
    ws.append(["Rows", len(board.rows)])
    ws.append(["Overdue", len(board.overdue)])
    by_rag, by_status = board.counts(), board.counts("status")
    _block(ws, ["RAG", "Rows"], [[g.capitalize(), by_rag.get(g, 0)] for g in RAGS])
    _block(ws, ["Status", "Rows"], [[status_name(s), by_status.get(s, 0)] for s in STATUSES])
    _block(ws, ["Agency", *(g.capitalize() for g in RAGS), "Total"],
           [[a, *_rag_counts(board.filter(agency=a))] for a in _agencies(board)])
    _colour_rag(c for col in ws.iter_cols() for c in col)
    for col, width in zip("ABCDEF", (16, 12, 8, 8, 8, 8)):
        ws.column_dimensions[col].width = width


def _rag_counts(board: Board) -> list[int]:
    counts = board.counts()
    return [*(counts.get(g, 0) for g in RAGS), len(board.rows)]


def _block(ws, header: list, rows: list[list]) -> None:
    """A small table below what is already on the sheet, after a blank row."""
    ws.append([])
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)


def _agency_sheet(ws, rows: list[Tracked]) -> None:
    ws.append(HEADER)
    for row in rows:
        ws.append(_values(row))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, (name, width) in enumerate(zip(HEADER, WIDTHS), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        for cell in ws.iter_rows(min_row=2, min_col=i, max_col=i):
            _format(cell[0], name)
    _colour_rag(ws[get_column_letter(HEADER.index("RAG") + 1)][1:])


def _format(cell, column: str) -> None:
    if cell.data_type == "f":   # openpyxl takes any text starting "=" for a formula; ours is text
        cell.data_type = "s"
    if column in ("Due", "Completed"):
        cell.number_format = DATE_FORMAT
    cell.alignment = Alignment(vertical="top", wrap_text=column in WRAPPED)


def _colour_rag(cells) -> None:
    """Fill every cell that names a RAG rating; the word stays in the cell, so the rating
    never depends on seeing the colour."""
    for cell in cells:
        rag = str(cell.value).lower()
        if rag in RAG_COLOURS:
            fill, text = RAG_COLOURS[rag]
            cell.fill = PatternFill("solid", fgColor=fill)
            cell.font = Font(bold=True, color=text)


def save_workbook(workbook: Workbook, path: Path, stamp: datetime) -> Path:
    # Workbook.save() stamps "modified" with the clock and zipfile stamps each member with it:
    # write through ExcelWriter into memory, then repack with the board's date on every member
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as out:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, stamp.timetuple()[:6])
            out.writestr(info, source.read(member), zipfile.ZIP_DEFLATED)
    return path


# --- calendar --------------------------------------------------------------------------------

def _event(row: Tracked, stamp: str) -> list[str]:
    description = (f"Review: {row.review}\nLead: {row.lead or 'not stated'}\n"
                   f"Deadline (as written): {row.deadline}\n"
                   + (f"Next milestone: {row.milestone}\n" if row.milestone else "")
                   + f"Status: {status_label(row)}\n"
                   f"RAG: {row.rag.capitalize()}")
    return ["BEGIN:VEVENT",
            f"UID:{row.row}@{slug(row.review)}",     # stable: re-importing updates, not duplicates
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{row.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{row.due + timedelta(days=1):%Y%m%d}",   # all-day: end is exclusive
            "SUMMARY:" + _text(f"Due: {row.agency} {row.no} – {_shorten(row.recommendation)}"),
            "DESCRIPTION:" + _text(description),
            "TRANSP:TRANSPARENT",                      # a deadline, not a meeting: never "busy"
            "END:VEVENT"]


def _shorten(text: str, limit: int = SUMMARY_LEN) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def _text(value: str) -> str:
    """RFC 5545 3.3.11 TEXT; the backslash goes first so the escapes added after it stay single."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return "\\n".join(escaped.splitlines())


def _fold(line: str, limit: int = 75) -> str:
    """RFC 5545 3.1: at most 75 octets a line, continuations start with a space; a line is only
    ever broken between characters, never inside a UTF-8 sequence."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1
        current, size = current + char, size + width
    return "\r\n".join([*parts, current])

"""The tracker's exports (XLSX, CSV, iCalendar) from the Child B1 example, as of 1 October 2015,
read back with the tools a partnership would open them with."""
import csv
import dataclasses
import zipfile
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from icalendar import Calendar

from casereview.commands.check import check
from casereview.tracker import track
from casereview.writers import tracker_exports
from conftest import ROOT

AS_OF = date(2015, 10, 1)
AGENCIES = ["ccg", "csc", "eyst", "lpt", "lscb", "uhl"]
HEADER = ["Review", "Row", "No.", "Recommendation", "Lead", "Deadline (as written)", "Due",
          "Status", "RAG", "Overdue", "Last update", "Themes", "Next milestone", "Completed"]


@pytest.fixture(scope="module")
def board():
    return track([check(ROOT).review], AS_OF)


@pytest.fixture
def book(board, tmp_path):
    return openpyxl.load_workbook(tracker_exports.xlsx(board, tmp_path / "tracker.xlsx"))


def outstanding_dated(board):
    return [r for r in board.rows if r.due and r.status in ("not_started", "in_progress")]


def events(path):
    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")


# --- XLSX ------------------------------------------------------------------------------------

def test_xlsx_has_the_summary_first_then_one_sheet_per_agency(book):
    assert book.sheetnames == ["Summary", *AGENCIES]


def test_xlsx_agency_sheets_hold_each_agencys_rows_under_the_header(board, book):
    total = 0
    for agency in AGENCIES:
        ws = book[agency]
        rows = board.filter(agency=agency).ordered()
        assert [c.value for c in ws[1]] == HEADER
        assert ws.max_row - 1 == len(rows)
        assert [c.value for c in ws["B"][1:]] == [r.row for r in rows]
        total += ws.max_row - 1
    assert total == len(board.rows) == 26


def test_xlsx_agency_sheets_freeze_the_header_and_filter_the_whole_table(book):
    for agency in AGENCIES:
        ws = book[agency]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:N{ws.max_row}"


def test_xlsx_due_is_a_real_date_and_undated_rows_are_blank(board, book):
    ws = book["csc"]
    rows = board.filter(agency="csc").ordered()
    due = ws["G"][1]
    assert due.is_date and isinstance(due.value, datetime) and "yyyy" in due.number_format
    assert [c.value.date() if c.value else None for c in ws["G"][1:]] == [r.due for r in rows]
    assert None in [r.due for r in rows]     # csc-12's "See 8.5.1" stays blank, not a made-up date


def test_xlsx_rag_is_written_and_filled(board, book):
    ws = book["ccg"]
    assert [c.value for c in ws["I"][1:]] == ["Red", "Red"]
    assert ws["I2"].fill.fgColor.rgb.endswith("FFC7CE")
    green = next(c for c in book["uhl"]["I"][1:])
    assert green.value == "Green" and green.fill.fgColor.rgb.endswith("C6EFCE")


def test_xlsx_summary_counts_match_the_board(board, book):
    summary = {row[0]: row[1:] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["As of"][0] == datetime(2015, 10, 1)
    assert summary["Overdue"][0] == len(board.overdue) == 18
    assert summary["Rows"][0] == 26
    assert [summary[g][0] for g in ("Red", "Amber", "Green", "Grey")] == [18, 2, 6, 0]
    assert summary["Not started"][0] == board.counts("status")["not_started"]
    assert summary["Agency"][:5] == ("Red", "Amber", "Green", "Grey", "Total")
    assert summary["csc"][:5] == (6, 1, 3, 0, 10)


def test_xlsx_is_stamped_with_the_as_of_date_not_the_clock_or_the_user(board, tmp_path):
    path = tracker_exports.xlsx(board, tmp_path / "t.xlsx")
    props = openpyxl.load_workbook(path).properties
    assert props.creator == "casereview" and props.lastModifiedBy is None
    assert props.created == props.modified == datetime(2015, 10, 1)
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2015, 10, 1, 0, 0, 0)}


def test_xlsx_keeps_text_starting_with_equals_as_text(board, tmp_path):
    row = dataclasses.replace(board.rows[0], lead="=HYPERLINK(\"http://x\")")
    path = tracker_exports.xlsx(dataclasses.replace(board, rows=[row]), tmp_path / "t.xlsx")
    cell = openpyxl.load_workbook(path)[row.agency]["E2"]
    assert cell.data_type == "s" and cell.value == row.lead


# --- CSV -------------------------------------------------------------------------------------

def test_csv_has_a_bom_the_header_and_every_row_in_board_order(board, tmp_path):
    path = tracker_exports.csv(board, tmp_path / "tracker.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        header, *rows = list(csv.reader(f))
    assert header == ["Agency", *HEADER]
    assert len(rows) == 26
    assert [r[2] for r in rows] == [t.row for t in board.ordered()]
    first = dict(zip(header, rows[0]))
    assert first["Due"] == board.ordered()[0].due.isoformat() == "2015-03-31"
    assert first["Recommendation"] == board.ordered()[0].recommendation   # commas survive


# --- iCalendar -------------------------------------------------------------------------------

def test_ics_has_one_event_per_outstanding_dated_row(board, tmp_path):
    path = tracker_exports.ics(board, tmp_path / "tracker.ics")
    cal = Calendar.from_ical(path.read_bytes())
    assert str(cal["PRODID"]) == "-//casereview//tracker//EN" and str(cal["VERSION"]) == "2.0"
    found = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    expected = outstanding_dated(board)
    assert len(cal.walk("VEVENT")) == len(found) == len(expected) == 21   # UIDs unique
    for row in expected:
        event = found[f"{row.row}@scr-b1-final-version-publication-13-06-2016"]
        assert event.decoded("DTSTART") == row.due
        assert event.decoded("DTEND") == row.due + timedelta(days=1)
        stamp = event.decoded("DTSTAMP")
        assert stamp == datetime(2015, 10, 1, tzinfo=stamp.tzinfo) and stamp.utcoffset() is not None
        assert str(event["SUMMARY"]).startswith(f"Due: {row.agency} {row.no} – ")
        assert len(str(event["SUMMARY"])) <= len(f"Due: {row.agency} {row.no} – ") + 61
        assert row.deadline in str(event["DESCRIPTION"]) and row.lead in str(event["DESCRIPTION"])


def test_ics_is_crlf_and_folded_at_75_octets_between_characters(board, tmp_path):
    raw = tracker_exports.ics(board, tmp_path / "tracker.ics").read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)   # long lines were folded, not cut
    for line in lines:
        line.decode("utf-8")                           # raises if a fold split a character


def test_ics_escapes_commas_semicolons_backslashes_and_newlines(board, tmp_path):
    row = dataclasses.replace(outstanding_dated(board)[0], lead="Named Nurse,\nDesignated Doctor",
                              recommendation="Share records, now; a\\b")
    path = tracker_exports.ics(dataclasses.replace(board, rows=[row]), tmp_path / "t.ics")
    assert b"records\\, now\\; a\\\\b" in path.read_bytes()    # escaped on the wire
    [event] = events(path)
    assert str(event["SUMMARY"]) == f"Due: {row.agency} {row.no} – Share records, now; a\\b"
    assert "Lead: Named Nurse,\nDesignated Doctor\n" in str(event["DESCRIPTION"])


# --- all three -------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["xlsx", "csv", "ics"])
def test_two_writes_give_identical_bytes(board, tmp_path, fmt):
    write = getattr(tracker_exports, fmt)
    first, second = write(board, tmp_path / f"a.{fmt}"), write(board, tmp_path / f"b.{fmt}")
    assert first.read_bytes() == second.read_bytes()


# --- pending rows, milestones, completion, recommendations awaiting a response ---------------

def test_exports_name_the_tracker_statuses_the_next_milestone_and_the_completion(tmp_path):
    from plans_workspace import outside_plan
    board = track([check(outside_plan(tmp_path / "ws")).review], date(2016, 10, 15))
    with tracker_exports.csv(board, tmp_path / "t.csv").open(encoding="utf-8-sig") as f:
        rows = {r["Row"]: r for r in csv.DictReader(f)}
    assert [(rows[r]["Status"], rows[r]["Next milestone"], rows[r]["Completed"])
            for r in ("dfe-1", "dfe-2", "dfe-3", "overview-v")] == [
        ("In progress", "Revised guidance published (by March 2017)", ""),
        ("Actions not yet agreed", "", ""), ("Complete", "", "2016-04-15"),
        ("Awaiting response from Child Safeguarding Practice Review Panel", "", "")]
    book = openpyxl.load_workbook(tracker_exports.xlsx(board, tmp_path / "t.xlsx"))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert (summary["Actions not yet agreed"], summary["Awaiting response"]) == (1, 1)
    completed = book["dfe"]["N"][1:]
    assert [c.value for c in completed if c.value] == [datetime(2016, 4, 15)]
    event = next(e for e in events(tracker_exports.ics(board, tmp_path / "t.ics"))
                 if str(e["UID"]).startswith("dfe-1@"))
    assert "Next milestone: Revised guidance published (by March 2017)" in str(event["DESCRIPTION"])

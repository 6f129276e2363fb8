"""The tracker over the Child B1 example's real action plans, and its rules."""
import subprocess
import sys
from datetime import date

import pytest

from casereview import tracker
from casereview.model import ActionRow
from conftest import MINIMAL, ROOT, copy_workspace, edit

AS_OF = date(2015, 10, 1)
# what the published deadlines and statuses imply on 1 October 2015: every row not reported
# done whose earliest deadline had passed (LPT 1 and CSC 12 have no date; CCG's are 8 April)
OVERDUE = ["lpt-3", "lpt-4", "lpt-6", "ccg-1", "ccg-2", "csc-11", "csc-5", "csc-10", "csc-6",
           "csc-7", "lscb-2", "lpt-2", "lpt-5", "csc-2", "eyst-i", "eyst-ii", "eyst-iv", "eyst-v"]


@pytest.fixture(scope="module")
def board():
    review, report = tracker.load(ROOT)
    assert report.errors == []
    return tracker.track([review], AS_OF)


def test_overdue_rows_on_1_october_2015_are_exactly_those_the_plans_imply(board):
    assert [r.row for r in board.ordered() if r.overdue] == OVERDUE
    assert len(board.rows) == 26


def test_rows_without_a_date_need_one_and_are_amber(board):
    rows = {r.row: r for r in board.rows}
    assert (rows["lpt-1"].needs_date, rows["lpt-1"].rag) == (True, "amber")
    assert (rows["csc-12"].needs_date, rows["csc-12"].rag) == (True, "amber")
    # as published: `check` does not warn of them, but no date can be derived from them
    assert (rows["lpt-1"].deadline, rows["csc-12"].deadline) == ("Not stated; Not stated", "See 8.5.1")


def test_a_deadline_tied_to_publication_takes_the_publication_date(board):
    uhl = next(r for r in board.rows if r.row == "uhl-1")
    assert (uhl.deadline, uhl.due, uhl.rag) == ("Dependent on release of report", date(2016, 6, 13), "green")


@pytest.mark.parametrize("deadline, due", [
    ("31.07.2015", date(2015, 7, 31)), ("8/04/2015", date(2015, 4, 8)),
    ("September 2015", date(2015, 9, 30)), ("By September 2015", date(2015, 9, 30)),
    ("April 2016", date(2016, 4, 30)), ("Already in place March 2015", date(2015, 3, 31)),
    ("Already actioned", None), ("ongoing", None),
    ("September 2015 and ongoing CPD element", date(2015, 9, 30)),
    ("Dependent on release of report", None),
])
def test_each_deadline_form_gives_its_due_date(deadline, due):
    row = ActionRow(id="x-1", no="1", actions=["a"], lead="l", deadline=deadline)
    review, _ = tracker.load(ROOT)
    plan = review.action_plans[0].model_copy(update={"rows": [row]})
    unpublished = review.model_copy(update={
        "action_plans": [plan], "info": review.info.model_copy(update={
            "dates": review.info.dates.model_copy(update={"publication": None})})})
    tracked = tracker.track([unpublished], AS_OF).rows[0]
    assert tracked.due == due
    assert tracked.needs_date is False


@pytest.mark.parametrize("status, overdue, soon, needs, expected", [
    ("complete", False, False, False, "green"), ("superseded", False, False, False, "grey"),
    ("not_implemented", False, False, False, "red"), ("not_started", True, False, False, "red"),
    ("in_progress", True, False, False, "red"), ("in_progress", False, True, False, "amber"),
    ("not_started", False, False, True, "amber"), ("not_started", False, False, False, "green"),
])
def test_rag_rule(status, overdue, soon, needs, expected):
    assert tracker.rag(status, overdue, soon, needs) == expected


def test_due_soon_is_within_30_days(board):
    later = tracker.track([tracker.load(ROOT)[0]], date(2015, 11, 15))
    lscb = next(r for r in later.rows if r.row == "lscb-1")
    assert (lscb.due, lscb.due_soon, lscb.rag) == (date(2015, 12, 31), False, "green")
    soon = next(r for r in tracker.track([tracker.load(ROOT)[0]], date(2015, 12, 10)).rows
                if r.row == "lscb-1")
    assert (soon.due_soon, soon.rag) == (True, "amber")


def test_filters(board):
    assert {r.agency for r in board.filter(agency="csc").rows} == {"csc"}
    assert [r.row for r in board.filter(lead="nembhard").rows] == ["csc-6", "csc-7", "csc-9", "csc-11"]
    assert {r.status for r in board.filter(status="complete").rows} == {"complete"}
    assert len(board.filter(overdue=True).rows) == len(OVERDUE)


def test_several_reviews_link_repeated_recommendations(tmp_path):
    b1 = tracker.load(ROOT)[0]
    q = copy_workspace(MINIMAL, tmp_path / "q")
    edit(q, "review/review.yml", "subjects: [Child T]", "subjects: [Child Q]")
    edit(q, "review/family.yml", "pseudonym: Child T", "pseudonym: Child Q")
    board = tracker.track([b1, tracker.load(q)[0]], AS_OF)
    assert [r.earlier for r in board.repeats] == [("LCSPR T DRAFT 0.1",)] * 5
    assert {r.review for r in board.rows} == {"SCR B1 FINAL VERSION – PUBLICATION 13.06.2016",
                                              "LCSPR T DRAFT 0.1"}


def run(*args):
    return subprocess.run([sys.executable, "-m", "casereview.cli", "tracker", *args], cwd=ROOT,
                          capture_output=True, text=True, env={"COLUMNS": "200", "PATH": ""})


def test_cli_exits_3_when_something_is_overdue_and_0_when_not():
    overdue = run(".", "--as-of", "2015-10-01")
    assert overdue.returncode == 3
    assert overdue.stdout.splitlines()[-1] == \
        "as of 2015-10-01: 26 row(s); 18 overdue; 18 red, 2 amber, 6 green, 0 grey"
    early = run(".", "--as-of", "2015-01-01")
    assert early.returncode == 0
    assert early.stdout.splitlines()[-1].startswith("as of 2015-01-01: 26 row(s); 0 overdue;")


def test_cli_filters_and_a_bad_date():
    only = run(".", "--as-of", "2015-10-01", "--agency", "lscb")
    assert "lscb-2" in only.stdout and "csc-4" not in only.stdout
    assert only.stdout.splitlines()[-1] == \
        "as of 2015-10-01: 2 row(s); 1 overdue; 1 red, 0 amber, 1 green, 0 grey"
    bad = run(".", "--as-of", "1 October")
    assert bad.returncode == 2
    assert "argument --as-of: `1 October` is not a date; write YYYY-MM-DD" in bad.stderr


def test_cli_writes_the_exports(tmp_path):
    import openpyxl
    result = run(".", "--as-of", "2015-10-01", "--xlsx", str(tmp_path / "t.xlsx"),
                 "--csv", str(tmp_path / "t.csv"), "--ics", str(tmp_path / "t.ics"))
    assert result.returncode == 3
    assert [line for line in result.stdout.splitlines() if line.startswith("wrote")] == [
        f"wrote {tmp_path / name}" for name in ("t.xlsx", "t.csv", "t.ics")]
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames[0] == "Summary"
    assert (tmp_path / "t.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")

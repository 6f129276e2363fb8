"""The tracker over the Child B1 example's real action plans, and its rules."""
import subprocess
import sys
from datetime import date

import pytest

from casereview import tracker
from casereview.dates import PartialDate
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


# --- other kinds of review: pending rows, milestones, completion, recommendations addressed
#     outside the partnership (tests/plans_workspace.py) ---------------------------------------

@pytest.fixture(scope="module")
def outside(tmp_path_factory):
    from plans_workspace import outside_plan
    return outside_plan(tmp_path_factory.mktemp("outside") / "ws")


def outside_board(ws, as_of):
    from casereview.commands.check import check
    return {r.row: r for r in tracker.track([check(ws).review], as_of).rows}


def test_a_row_whose_actions_are_not_yet_agreed_is_never_complete(outside):
    rows = outside_board(outside, date(2016, 10, 15))
    pending = rows["dfe-2"]
    assert (pending.status, pending.rag, pending.due) == ("not_agreed", "amber", None)
    assert tracker.status_label(pending) == "Actions not yet agreed"
    assert len(rows) == 26 + 4      # the example's rows, the plan's three, one awaiting


def test_the_next_undone_milestone_makes_a_row_due_and_a_passed_one_overdue(outside, tmp_path):
    row = outside_board(outside, date(2016, 10, 15))["dfe-1"]
    # the consultation opened in time: the next milestone is due with the row's target date
    assert (row.due, row.overdue, row.rag) == (date(2017, 3, 31), False, "green")
    assert row.milestone == "Revised guidance published (by March 2017)"
    late = copy_workspace(outside, tmp_path / "late")
    edit(late, "action_plans/dfe.yml", "        done: 2016-09-12\n", "")
    row = outside_board(late, date(2016, 10, 15))["dfe-1"]
    assert (row.due, row.overdue, row.rag) == (date(2016, 9, 30), True, "red")
    assert row.milestone == "Consultation opened (by 30 September 2016)"
    assert outside_board(late, date(2016, 9, 1))["dfe-1"].due_soon


def test_a_completed_row_shows_its_date_of_completion(outside):
    done = outside_board(outside, date(2016, 10, 15))["dfe-3"]
    assert (done.status, done.rag, done.completed) == ("complete", "green", PartialDate(2016, 4, 15))
    assert tracker.status_label(done, completed=True) == "Complete, 15 April 2016"


def test_a_recommendation_addressed_outside_awaits_that_bodys_response(outside):
    rows = outside_board(outside, date(2016, 10, 15))
    waiting = rows["overview-v"]
    assert (waiting.agency, waiting.agency_name, waiting.no, waiting.status, waiting.rag) == (
        "child-safeguarding-practice-review-panel", "Child Safeguarding Practice Review Panel",
        "v", "awaiting_response", "amber")
    assert tracker.status_label(waiting) == \
        "Awaiting response from Child Safeguarding Practice Review Panel"
    assert "overview-iv" not in rows                  # the department's row 1 answers it
    assert rows["dfe-1"].recommendation.startswith("That statutory guidance says")


def test_cli_filters_rows_awaiting_a_response(outside):
    shown = run(str(outside), "--as-of", "2016-10-15", "--status", "awaiting_response")
    assert "overview-v" in shown.stdout and "dfe-" not in shown.stdout
    assert "awaiting response from" in shown.stdout    # the body's name wraps in its cell
    assert shown.stdout.splitlines()[-1] == \
        "as of 2016-10-15: 1 row(s); 0 overdue; 0 red, 1 amber, 0 green, 0 grey"


def test_the_site_page_shows_what_is_awaited_the_next_milestone_and_the_completion(outside):
    from casereview.commands.check import check
    from casereview.writers import site_tracker
    html = site_tracker.page(tracker.track([check(outside).review], date(2016, 10, 15),
                                           public=True))
    assert "<td>Awaiting response from Child Safeguarding Practice Review Panel</td>" in html
    assert "<td>Actions not yet agreed</td>" in html
    assert '<td>Complete, <span class="date">15 April 2016</span></td>' in html
    assert ('<td><span class="date">30 April 2016</span></td>' in html     # as written 2016-04-30
            and "2016-04-30" not in html)
    assert ('<span class="date">March 2017</span><br>Next milestone: Revised guidance published '
            '(by <span class="date">March 2017</span>)') in html


def test_a_recommendation_referring_to_a_unit_of_the_analysis_reads_without_its_id():
    """The tracker shows a recommendation out of the report: no unit's number to refer to."""
    assert tracker.plain("As [[finding:legal]] shows, in [[episode:june]] and [[theme:voice]].") \
        == "As a finding of the review shows, in a key practice episode and a theme of the review."

"""`tracker update` edits one action plan row in place and nothing else in the file."""
import difflib
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, copy_workspace

from casereview.commands.check import check
from casereview.commands.tracker_update import UpdateRefused, update


@pytest.fixture
def ws(tmp_path) -> Path:
    return copy_workspace(ROOT, tmp_path / "ws")


def changed_lines(ws: Path, rel: str, edit) -> list[str]:
    """The hunk headers and the lines `edit()` added or removed in `rel`, without context."""
    before = (ws / rel).read_text(encoding="utf-8").splitlines()
    assert edit() == ws / rel
    after = (ws / rel).read_text(encoding="utf-8").splitlines()
    return list(difflib.unified_diff(before, after, n=0, lineterm=""))[2:]


def plans(ws: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ws / "action_plans").glob("*.yml"))}


def test_status_note_and_evidence_are_added_to_a_row_without_them(ws):
    diff = changed_lines(ws, "action_plans/csc.yml", lambda: update(
        ws, "csc-4", status="in_progress", on=date(2015, 11, 2),
        note="The practice model was agreed by the heads of service.",
        evidence="Minutes of the heads of service meeting"))
    assert diff == [
        "@@ -52,0 +53,5 @@",
        "+    status: in_progress",
        "+    progress:",
        "+      - date: 2015-11-02",
        "+        note: The practice model was agreed by the heads of service.",
        "+        evidence: Minutes of the heads of service meeting",
    ]


def test_a_note_is_appended_to_existing_progress_before_the_blank_line(ws):
    diff = changed_lines(ws, "action_plans/eyst.yml", lambda: update(
        ws, "eyst-i", on=date(2015, 11, 20),
        note="The Team Leader attended inter-agency Early Help training and briefed the team."))
    assert diff == [
        "@@ -31,0 +32,2 @@",
        "+      - date: 2015-11-20",
        "+        note: The Team Leader attended inter-agency Early Help training and briefed the team.",
    ]


def test_a_row_numbered_in_roman_is_found_and_signed_off(ws):
    diff = changed_lines(ws, "action_plans/eyst.yml", lambda: update(
        ws, "eyst-iii", status="complete", sign_off_role="Head of Service", on=date(2015, 11, 3)))
    assert diff == [
        "@@ -92,0 +93,3 @@",
        "+    sign_off:",
        "+      role: Head of Service",
        "+      date: 2015-11-03",
    ]


def test_a_status_is_replaced_where_it_stands(ws):
    diff = changed_lines(ws, "action_plans/eyst.yml", lambda: update(
        ws, "eyst-iv", status="complete", sign_off_role="Head of Service", on=date(2016, 1, 8)))
    assert diff == [
        "@@ -118 +118 @@",
        "-    status: in_progress",
        "+    status: complete",
        "@@ -123,0 +124,3 @@",
        "+    sign_off:",
        "+      role: Head of Service",
        "+      date: 2016-01-08",
    ]


def test_the_updated_workspace_still_checks_without_errors(ws):
    update(ws, "csc-4", status="in_progress", note="Model agreed.", evidence="Minutes",
           on=date(2015, 11, 2))
    update(ws, "eyst-i", note="Training attended.", on=date(2015, 11, 20))
    update(ws, "csc-12", status="superseded", reason="Replaced by the improvement plan.")
    assert check(ws).report.errors == []


def test_an_unknown_row_id_suggests_the_closest(ws):
    with pytest.raises(UpdateRefused) as refused:
        update(ws, "csc-44", status="complete")
    assert refused.value.message == "no action plan row `csc-44`; did you mean `csc-4`?"


def test_an_unknown_row_id_with_no_close_match_shows_how_ids_look(ws):
    with pytest.raises(UpdateRefused) as refused:
        update(ws, "police-recommendation", status="complete")
    assert refused.value.message == (
        "no action plan row `police-recommendation`; a row id is the agency and the row's `no`, "
        "such as `ccg-1`, `csc-1`, `eyst-i`")


def test_an_unknown_status_lists_the_allowed_ones(ws):
    with pytest.raises(UpdateRefused) as refused:
        update(ws, "csc-4", status="inprogress")
    assert refused.value.message == (
        "unknown status `inprogress` (did you mean `in_progress`?); use one of not_started, "
        "in_progress, complete, superseded, not_implemented")


def test_not_implemented_without_a_reason_is_refused_and_nothing_is_written(ws):
    before = plans(ws)
    with pytest.raises(UpdateRefused) as refused:
        update(ws, "csc-4", status="not_implemented", note="Dropped.")
    assert refused.value.message == (
        "status `not_implemented` needs a reason, because boards must report why a row was not "
        "implemented or superseded; give one with the update")
    assert plans(ws) == before


def test_an_update_that_would_not_validate_is_refused_and_nothing_is_written(ws):
    before = plans(ws)
    with pytest.raises(UpdateRefused) as refused:
        update(ws, "csc-4", note="", on=date(2015, 11, 2))
    assert refused.value.message == (
        "the update would make action_plans/csc.yml invalid (rows[2].progress[0].note is "
        "empty); nothing was written, so correct the values given")
    assert plans(ws) == before
    assert not [p for p in (ws / "action_plans").iterdir() if p.suffix != ".yml"]

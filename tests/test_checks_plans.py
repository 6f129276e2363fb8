"""An action plan's rows as `check` reads them: actions or why they are not yet known, a
date of completion only when complete, milestones dated like deadlines, the Home Office
template's scope; a recommendation addressed outside the partnership needs no row."""
import pytest

from conftest import edit, messages

PLAN = "action_plans/police.yml"
ACTIONS = "    actions:\n      - Brief all response officers.\n"
ROW_END = "    deadline: 31.07.2021\n"

CASES = {
    "neither actions nor why they are not known": (
        [(PLAN, ACTIONS, "")],
        ["action_plans/police.yml:3:5: rows[0]: row `police-1` has no actions; list them under "
         "`actions:`, or say why they are not yet known in `pending:`"]),
    "actions and pending both": (
        [(PLAN, ROW_END, ROW_END + "    pending: The board agrees them in May.\n")],
        ["action_plans/police.yml:8:14: rows[0].pending: row `police-1` has both actions and "
         "`pending:`; remove `pending:` now that the actions are agreed"]),
    "complete while the actions are still to be agreed": (
        [(PLAN, ACTIONS, "    pending: The board agrees them in May.\n"),
         (PLAN, ROW_END, ROW_END + "    status: complete\n")],
        ["action_plans/police.yml:7:13: rows[0].status: row `police-1` is complete but its "
         "actions are still to be agreed (`pending:`); list the actions under `actions:` and "
         "remove `pending:`, or give the status it has"]),
    "a date of completion on a row not complete": (
        [(PLAN, ROW_END, ROW_END + "    completed: 2021-07-20\n    status: in_progress\n")],
        ["action_plans/police.yml:8:16: rows[0].completed: row `police-1` has a date of "
         "completion but its status is `in_progress`; set `status: complete`, or remove "
         "`completed:`"]),
    "a milestone whose deadline gives no date": (
        [(PLAN, ROW_END, ROW_END + "    milestones:\n      - text: Briefing written\n"
          "        date: 2021-06-30\n        done: 2021-06-28\n"
          "      - text: Officers briefed\n        date: When the rota allows\n")],
        ["action_plans/police.yml:13:15: warning: rows[0].milestones[1].date: row `police-1`: "
         "milestone deadline `When the rota allows` needs a date; give a date or month, e.g. "
         "`September 2015`, so it can be tracked"]),
    "the Home Office template's columns without a scope": (
        [(PLAN, "agency: police\n", "agency: police\ncolumns: home_office\n")],
        ["action_plans/police.yml:4:5: warning: rows[0]: row `police-1` has no scope; the Home "
         "Office template's Scope column asks for one: add `scope: local`, `scope: regional` or "
         "`scope: national`"]),
}


@pytest.mark.parametrize("name", CASES)
def test_each_problem_is_reported_where_it_is(minimal, name):
    edits, expected = CASES[name]
    for rel, old, new in edits:
        edit(minimal, rel, old, new)
    assert messages(minimal) == expected


def test_a_row_whose_actions_are_not_yet_known_needs_no_lead_or_deadline(minimal):
    edit(minimal, PLAN, ACTIONS, "    pending: The board agrees them in May.\n")
    edit(minimal, PLAN, "    lead: Superintendent, Public Protection\n" + ROW_END, "")
    assert messages(minimal) == []


def test_a_completed_row_with_scope_milestones_and_themes_passes(minimal):
    edit(minimal, PLAN, "agency: police\n", "agency: police\ncolumns: home_office\n"
         "group_by: theme\n")
    edit(minimal, PLAN, ROW_END, ROW_END + "    scope: local\n    completed: 2021-07-20\n"
         "    status: complete\n    themes: [Training]\n    milestones:\n"
         "      - text: Briefing written\n        date: June 2021\n        done: 2021-06-28\n")
    assert messages(minimal) == []


def test_a_recommendation_addressed_outside_the_partnership_needs_no_row(minimal):
    edit(minimal, PLAN, "answers: [police-rec-i]", "answers: []")
    edit(minimal, "agency_imrs/police.yml", "  - text: Review the handling of repeat calls.",
         "  - text: Review the handling of repeat calls.\n    to: Home Office")
    assert messages(minimal) == []

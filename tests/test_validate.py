"""Broken workspaces: each problem reported with file:line:col, field, what is wrong and the fix."""
import subprocess

import pypandoc
import pytest

from conftest import edit, messages

CASES = {
    "wrong type": (
        [("review/review.yml", "subjects: [Child T]", "subjects: Child T")],
        ["review/review.yml:2:11: subjects: expected a list, got str; write each item on its own `- ` line"]),
    "impossible date": (
        [("agency_imrs/police.yml", "date: 2020-06-14", "date: 2013-02-30")],
        ["agency_imrs/police.yml:3:11: chronology[0].date: `2013-02-30` is not a date: February "
         "2013 has 28 days; correct the day"]),
    "unknown pseudonym in a list": (
        [("agency_imrs/police.yml", "involved: [Mother, Adult 1]", "involved: [Mother, Adult 2]")],
        ["agency_imrs/police.yml:6:24: chronology[0].involved[1]: `Adult 2` is not a declared "
         "pseudonym; did you mean `Adult 1`? (declare it in review/family.yml)"]),
    "unknown pseudonym in prose": (
        [("review/sections/04-voice.md", "Child T was", "Child T and Child 7 were")],
        ["review/sections/04-voice.md:5:1: `Child 7` is not a declared pseudonym; did you mean "
         "`Child T`? (declare it in review/family.yml)"]),
    "recommendation without an action row": (
        [("action_plans/police.yml", "answers: [police-rec-i]", "answers: []")],
        ["agency_imrs/police.yml:11:5: recommendations[0]: recommendation `police-rec-i` has no "
         "action plan row; add a row with `answers: [police-rec-i]` to an action plan in "
         "action_plans/, or say why in `no_action_row:`"]),
    "overview recommendation without an action row": (
        [("review/recommendations.yml", "    no_action_row: The partnership's own plan answers it.\n",
          "")],
        ["review/recommendations.yml:2:5: overview[0]: recommendation `overview-i` has no action "
         "plan row; add a row with `answers: [overview-i]` to an action plan in action_plans/, or "
         "say why in `no_action_row:`"]),
    "overview recommendation to a body outside the partnership": (
        [("review/recommendations.yml", "    no_action_row: The partnership's own plan answers it.\n",
          "    to: Department for Education\n")],
        []),
    "unknown key": (
        [("agency_imrs/police.yml", "key_episode: true", "key_episod: true")],
        ["agency_imrs/police.yml:7:5: chronology[0].key_episod: unknown field `key_episod`; did you "
         "mean `key_episode`?"]),
    "bad YAML syntax": (
        [("review/panel.yml", "position: Detective Inspector", "position: [Detective Inspector")],
        ["review/panel.yml:4:9: YAML syntax: did not find expected ',' or ']' (while parsing a "
         "flow sequence that starts at line 3); check the indentation, colons and quotes on this line "
         "and the one before"]),
    "missing field": (
        [("review/review.yml", "version: LCSPR T DRAFT 0.1\n", "")],
        ["review/review.yml:1:1: version: `version` is missing; add `version:` here"]),
    "unresolved references": (
        [("review/sections/03-sharing.md", "[[para:about]]", "[[para:abuot]] [^nope] [@brandon2009]")],
        ["review/sections/03-sharing.md:5:1: `[[para:abuot]]`: there is no paragraph id `abuot`; "
         "did you mean `about`?",
         "review/sections/03-sharing.md:5:1: citation `[@brandon2009]` is not in "
         "review/references.yml; did you mean `brandon2008`?",
         "review/sections/03-sharing.md:5:1: footnote `[^nope]` has no text; add a line "
         "`[^nope]: ...` at the end of the same text"]),
    "key question not analysed": (
        [("review/sections/04-voice.md", "question: voice", "question: q1")],
        ["review/terms.yml:6:5: questions[1]: key question `voice` is not analysed in any section; "
         "add a section with `kind: analysis` and `question: voice` in review/sections/"]),
    "undeclared agency": (
        [("agency_imrs/health.yml", "agency: health", "agency: helth")],
        ["agency_imrs/health.yml:1:9: agency: agency `helth` is not declared; did you mean "
         "`health`? (agencies are declared in review/panel.yml)"]),
    "value not among the choices": (
        [("review/review.yml", "status: draft", "status: drafted")],
        ["review/review.yml:5:9: status: `drafted` is not allowed; did you mean `draft`?"]),
    "row without a lead": (
        [("action_plans/police.yml", "    lead: Superintendent, Public Protection\n", "")],
        ["action_plans/police.yml:3:5: rows[0]: row `police-1` has no lead; add `lead:` to the "
         "row, or to each of its actions"]),
    "duplicated key": (
        [("review/review.yml", "status: draft", "status: draft\nstatus: final")],
        ["review/review.yml:6:1: status: `status` is given twice in this mapping; keep one of them"]),
    "chronology date outside the timeframe": (
        [("agency_imrs/health.yml", "approx 2020-09", "2019-09")],
        ["agency_imrs/health.yml:3:11: warning: chronology[0].date: September 2019 is outside the "
         "timeframe (1 January 2020 to 2 March 2021); correct the date, or mark the entry "
         "`background: true`"]),
    "deadline with no date": (
        [("action_plans/police.yml", "31.07.2021", "Dependent on funding")],
        ["action_plans/police.yml:3:5: warning: rows[0]: row `police-1`: deadline `Dependent on "
         "funding` needs a date; give a date or month, e.g. `September 2015`, so it can be tracked"]),
    "lead that names no one": (
        [("action_plans/police.yml", "lead: Superintendent, Public Protection", "lead: Not stated")],
        ["action_plans/police.yml:3:5: warning: rows[0]: row `police-1`: lead `Not stated` names "
         "no one; give the post or team that owns it, e.g. `Head of Service`, so it can be tracked"]),
    "lead and deadline not stated, as published": (
        [("action_plans/police.yml", "lead: Superintendent, Public Protection",
          "lead: {as_written: Not stated}"),
         ("action_plans/police.yml", "deadline: 31.07.2021", "deadline: {as_written: Not stated}")],
        []),
    "deadline as published with another field": (
        [("action_plans/police.yml", "deadline: 31.07.2021",
          "deadline: {as_written: Not stated, due: 2021-07-31}")],
        ["action_plans/police.yml:7:15: rows[0].deadline: a deadline written as fields takes only "
         "`as_written:`, the deadline exactly as published; write the deadline as text, or only "
         "`as_written:`"]),
    "not implemented without a reason": (
        [("action_plans/police.yml", "    deadline: 31.07.2021\n",
          "    deadline: 31.07.2021\n    status: not_implemented\n")],
        ["action_plans/police.yml:8:13: rows[0].status: row `police-1` is not implemented but "
         "gives no reason; add `reason:` (boards must report it)"]),
    "broken front matter of a section that analyses a question": (
        [("review/sections/04-voice.md", "question: voice", "question: voice\ntitel: Voice")],
        ["review/sections/04-voice.md:4:1: titel: unknown field `titel`; did you mean `title`?"]),
    "broken action plan that answers a recommendation": (
        [("action_plans/police.yml", "    deadline: 31.07.2021", "    deadline: 31.07.2021\n"
          "    status: done")],
        ["action_plans/police.yml:8:13: rows[0].status: `done` is not allowed; use one of: "
         "not_started, in_progress, complete, superseded, not_implemented"]),
    "broken action plan that answers no recommendation": (
        [("action_plans/police.yml", "    deadline: 31.07.2021", "    deadline: 31.07.2021\n"
          "    status: done"), ("action_plans/police.yml", "answers: [police-rec-i]", "answers: []")],
        ["action_plans/police.yml:8:13: rows[0].status: `done` is not allowed; use one of: "
         "not_started, in_progress, complete, superseded, not_implemented",
         "agency_imrs/police.yml:11:5: recommendations[0]: recommendation `police-rec-i` has no "
         "action plan row; add a row with `answers: [police-rec-i]` to an action plan in "
         "action_plans/, or say why in `no_action_row:`"]),
    "unknown directive": (
        [("review/sections/02-events.md", "[[chronology 2020-01-01..2021-03-31]]", "[[chronolgy]]")],
        ["review/sections/02-events.md:7:1: unknown directive `[[chronolgy]]`; did you mean "
         "`chronology`?"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_broken_workspace_reports_exact_message(minimal, name):
    edits, expected = CASES[name]
    for rel, old, new in edits:
        edit(minimal, rel, old, new)
    assert messages(minimal) == expected


def test_the_fixture_itself_is_clean(minimal):
    assert messages(minimal) == []


def test_every_error_of_every_file_comes_at_once(minimal):
    for name in ("impossible date", "wrong type", "bad YAML syntax", "unresolved references"):
        for rel, old, new in CASES[name][0]:
            edit(minimal, rel, old, new)
    found = messages(minimal)
    # the sections' cross-file errors too: review.yml and panel.yml, broken, hold none of
    # what the sections refer to
    assert [m.split(":")[0] for m in found] == [
        "agency_imrs/police.yml", "review/panel.yml", "review/review.yml",
        *["review/sections/03-sharing.md"] * 3]


def test_cross_file_rules_still_run_when_one_imr_is_broken(minimal):
    for rel, old, new in CASES["impossible date"][0] + CASES["unresolved references"][0]:
        edit(minimal, rel, old, new)
    assert len(messages(minimal)) == 4


REFERENCE = "templates/reference.docx"
START = ("start from `casereview template reference.docx`, which has them all, and restyle it "
         "in Word")


def test_a_reference_document_that_is_not_a_docx(minimal):
    (minimal / "templates").mkdir(exist_ok=True)
    (minimal / REFERENCE).write_bytes(b"Styles for the report, typed in a text editor")
    assert messages(minimal) == [f"{REFERENCE}:1:1: is not a Word document (.docx); save it from "
                                 f"Word as a .docx, or {START}"]


def test_a_reference_document_without_the_layout_styles(minimal):
    """pandoc's own reference document has Word's styles but not casereview's."""
    plain = subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file",
                            "reference.docx"], capture_output=True, check=True).stdout
    (minimal / "templates").mkdir(exist_ok=True)
    (minimal / REFERENCE).write_bytes(plain)
    assert messages(minimal) == [f"{REFERENCE}:1:1: lacks the styles casereview's layout uses: "
                                 f"Title Meta, Draft Mark, Table Text, Header, Footer, TOC 1; "
                                 f"add them in Word, or {START}"]


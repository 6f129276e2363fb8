"""What a review's type requires of it (casereview/data/review_types.yml), and the TODOs left
in its text: warnings while the review is a draft or with the panel, errors once it is final
(and warnings again in a panel build, which lists them)."""
import pytest

from casereview.commands.check import check
from casereview.diagnostics import Severity
from conftest import edit, messages

RAPID_REVIEW = ("rapid_review:\n  date: 2021-03-19\n  decision: A local review was needed to "
                "learn how agencies shared what they knew.\n")
WT = "(Working Together to Safeguard Children 2018)"
QA = "(Home Office Quality Assurance Panel feedback)"
DHR = "a Domestic Homicide Review"


def type_messages(ws, panel=False):
    """What the type rules and the TODO rule say, as `check` prints it."""
    report = check(ws, panel=panel).report
    return [str(d) for d in report.errors + report.warnings
            if "requires" in d.message or "TODO" in d.message]


# ------------------------------------------------------------------ a type's requirements

def test_the_minimal_lcspr_gives_what_its_type_requires(minimal):
    assert messages(minimal) == []


LCSPR_MISSING = [
    "review/review.yml:1:1: {w}rapid_review.date: not given, and a Local Child Safeguarding "
    "Practice Review requires it; add `date:` under `rapid_review:` in review/review.yml: a "
    "local review follows the rapid review, held within 15 working days of the serious incident "
    f"notification {WT}",
    "review/review.yml:1:1: {w}rapid_review.decision: not given, and a Local Child Safeguarding "
    "Practice Review requires it; add `decision:` under `rapid_review:` in review/review.yml: "
    f"the rapid review decides whether a local review is needed, and the report says what it "
    f"decided {WT}"]


@pytest.mark.parametrize("status, severity", [("draft", "warning: "), ("panel", "warning: "),
                                              ("final", ""), ("published", "")])
def test_a_missing_fact_warns_until_the_review_is_final(minimal, status, severity):
    edit(minimal, "review/review.yml", RAPID_REVIEW, "")
    edit(minimal, "review/review.yml", "status: draft", f"status: {status}")
    assert type_messages(minimal) == [m.format(w=severity) for m in LCSPR_MISSING]


def test_a_panel_build_lists_what_a_final_review_still_lacks(minimal):
    edit(minimal, "review/review.yml", RAPID_REVIEW, "")
    edit(minimal, "review/review.yml", "status: draft", "status: final")
    assert type_messages(minimal, panel=True) == [m.format(w="warning: ") for m in LCSPR_MISSING]


def test_a_dhr_names_each_part_it_lacks_and_why(minimal):
    edit(minimal, "review/review.yml", "type: lcspr", "type: dhr")
    edit(minimal, "review/review.yml", "statutory_guidance: Working Together to Safeguard "
         "Children 2018\n", "")
    edit(minimal, "review/review.yml", "status: draft", "status: final")
    guidance = "(Multi-agency Statutory Guidance for the Conduct of Domestic Homicide Reviews 2016)"
    assert type_messages(minimal) == [
        "review/appendices/:1:1: a Domestic Homicide Review requires a section of kind `glossary` "
        "(Glossary), and the review has none; add a file with `kind: glossary` to "
        "review/appendices/: the Home Office Quality Assurance Panel looks for the terms used to "
        f"be defined (coercive control, for one) {QA}",
        "review/executive_summary.md:1:1: a Domestic Homicide Review requires an executive "
        "summary, and review/executive_summary.md does not exist; write it, a title in its front "
        "matter and the summary below: the overview report is published with an executive "
        "summary, both anonymised, once the Home Office Quality Assurance Panel approves them "
        f"{guidance}",
        "review/front/:1:1: a Domestic Homicide Review requires a section of kind `tribute` "
        "(Tribute), and the review has none; add a file with `kind: tribute` to review/front/: "
        "the Home Office Quality Assurance Panel looks for the victim as a person, often in the "
        f"family's own tribute {QA}",
        "review/review.yml:1:1: chair: not given, and a Domestic Homicide Review requires it; "
        f"add `chair:` to review/review.yml: the review panel has an independent chair {guidance}",
        "review/sections/:1:1: a Domestic Homicide Review requires a section of kind "
        "`equality_diversity` (Equality and diversity), and the review has none; add a file with "
        "`kind: equality_diversity` to review/sections/: the Home Office Quality Assurance Panel "
        "looks for the protected characteristics of the victim and the perpetrator to be "
        f"considered {QA}",
        "review/sections/:1:1: a Domestic Homicide Review requires a section of kind "
        "`family_involvement` (Involvement of family and friends), and the review has none; add "
        "a file with `kind: family_involvement` to review/sections/: the Home Office Quality "
        f"Assurance Panel looks for how family and friends took part {QA}"]


def test_a_dhr_needs_a_victim_among_its_subjects(minimal):
    edit(minimal, "review/review.yml", "type: lcspr", "type: dhr")
    edit(minimal, "review/review.yml", "subjects: [Child T]",
         "subjects:\n  - name: Child T\n    role: perpetrator")
    assert [m for m in type_messages(minimal) if "subject" in m] == [
        "review/review.yml:2:1: warning: subjects: a Domestic Homicide Review requires a subject "
        "whose role is `victim`, and none is; give that subject `role: victim` under `subjects:`: "
        "the review is into the death of the victim (Working Together to Safeguard Children 2018)"]


def test_a_subject_is_in_its_types_role_unless_it_says_otherwise(minimal):
    """A DHR's bare subject is its victim: nothing is asked."""
    edit(minimal, "review/review.yml", "type: lcspr", "type: dhr")
    assert [m for m in type_messages(minimal) if "subject" in m] == []


def test_a_required_section_is_found_in_any_part_of_the_report(minimal):
    edit(minimal, "review/review.yml", "type: lcspr", "type: sar")
    assert any("`kind: scope`" in m for m in type_messages(minimal))
    (minimal / "review" / "front").mkdir()
    (minimal / "review" / "front" / "scope.md").write_text(
        "---\ntitle: Scope\nkind: scope\n---\nThe review covers 2020 and early 2021.\n")
    assert not any("`kind: scope`" in m for m in type_messages(minimal))


def test_a_section_whose_front_matter_is_broken_still_counts_by_its_kind(minimal):
    edit(minimal, "review/review.yml", "type: lcspr", "type: sar")
    (minimal / "review" / "sections" / "05-scope.md").write_text(
        "---\nkind: scope\ntitel: Scope\n---\nThe review covers 2020 and early 2021.\n")
    said = messages(minimal)
    assert any("unknown field `titel`" in m for m in said)
    assert not any("`kind: scope`" in m for m in said)


def test_a_sar_gives_its_basis_referral_and_time_taken(minimal):
    edit(minimal, "review/review.yml", "type: lcspr", "type: sar")
    source = "(Second national analysis of Safeguarding Adults Reviews, 2024)"
    assert [m for m in type_messages(minimal) if "not given" in m] == [
        "review/review.yml:1:1: warning: basis: not given, and a Safeguarding Adults Review "
        "requires it; add `basis:` to review/review.yml: the Care Act 2014 makes a review "
        "mandatory under s44(1)-(3) and discretionary under s44(4), and the second national "
        f"analysis found reports often do not say which {source}",
        "review/review.yml:1:1: warning: referral_source: not given, and a Safeguarding Adults "
        "Review requires it; add `referral_source:` to review/review.yml: the second national "
        f"analysis found that 75% of reports did not say who referred the case {source}",
        "review/review.yml:7:1: warning: dates.completed: not given, and a Safeguarding Adults "
        "Review requires it; add `completed:` under `dates:` in review/review.yml: the second "
        f"national analysis found that 59% of reports did not say how long the review took {source}",
        "review/review.yml:7:1: warning: dates.started: not given, and a Safeguarding Adults "
        "Review requires it; add `started:` under `dates:` in review/review.yml: the second "
        f"national analysis found that 59% of reports did not say how long the review took {source}"]
    edit(minimal, "review/review.yml", "  incident: 2021-03-02\n", "  incident: 2021-03-02\n"
         "  started: 2021-05\n  completed: 2022-01-31\nbasis: mandatory\n"
         "referral_source: The police\n")
    assert [m for m in type_messages(minimal) if "not given" in m] == []


def test_type_other_needs_its_label_even_in_a_draft(minimal):
    """An error whatever the status: the title cannot be printed without it. `other` has no
    guidance of its own to cite."""
    edit(minimal, "review/review.yml", "type: lcspr", "type: other")
    edit(minimal, "review/review.yml", "statutory_guidance: Working Together to Safeguard "
         "Children 2018\n", "")
    assert type_messages(minimal) == [
        "review/review.yml:1:1: type_label: not given, and a Case review requires it; add "
        "`type_label:` to review/review.yml: the title and the title page print the type's name "
        "as published"]
    edit(minimal, "review/review.yml", "type: other", "type: other\ntype_label: Learning Review")
    assert type_messages(minimal) == []


# ------------------------------------------------------------------ TODOs

HINT = "write what it asks for in its place: a TODO left is an error once the review is final"


@pytest.fixture
def with_todos(minimal):
    edit(minimal, "review/review.yml", "decision: A local review was needed",
         "decision: TODO the panel's words. A local review was needed")
    edit(minimal, "agency_imrs/police.yml", "      Police attended a call from Mother about Adult 1.\n",
         "      Police attended a call from Mother about Adult 1.\n      TODO ask the police "
         "for the log\n")
    edit(minimal, "agency_imrs/police.yml", "  - date: 2020-06-14\n",
         "  # TODO: the second call, once the police find it\n  - date: 2020-06-14\n")
    edit(minimal, "review/sections/04-voice.md", "Child T was seldom seen alone.",
         "Child T was seldom seen alone.\n\nTODO — the health visitor's view.")
    return minimal


TODOS = [
    "agency_imrs/police.yml:7:1: {w}chronology[0].what: TODO left: ask the police for the log; "
    + HINT,
    "review/review.yml:14:13: {w}rapid_review.decision: TODO left: the panel's words. A local "
    "review was needed to learn how agencies shared what they knew.; " + HINT,
    "review/sections/04-voice.md:7:1: {w}TODO left: the health visitor's view.; " + HINT]


def test_each_todo_warns_at_its_line_in_a_draft(with_todos):
    """A TODO in a YAML comment is the author's note, and says nothing."""
    assert type_messages(with_todos) == [m.format(w="warning: ") for m in TODOS]


def test_a_final_review_with_a_todo_left_fails(with_todos):
    edit(with_todos, "review/review.yml", "status: draft", "status: final")
    report = check(with_todos).report
    assert [str(d) for d in report.errors] == [m.format(w="") for m in TODOS]
    assert {d.severity for d in report.errors} == {Severity.ERROR}


def test_todos_are_found_when_a_file_is_broken(with_todos):
    """review.yml failing its schema hides no TODO, its own included."""
    edit(with_todos, "review/review.yml", "status: draft", "status: final")
    edit(with_todos, "review/review.yml", "version:", "versio:")
    said = messages(with_todos)
    assert "review/review.yml:6:1: versio: unknown field `versio`; did you mean `version`?" in said
    assert [m for m in said if "TODO" in m] == [m.format(w="") for m in TODOS]


def test_a_todo_in_the_site_settings_is_listed(minimal):
    (minimal / "mkdocs.yml").write_text("site_name: TODO the review's title  # for the tab\n"
                                        "# TODO: a palette\ntheme:\n  name: material\n")
    assert type_messages(minimal) == [
        f"mkdocs.yml:1:12: warning: site_name: TODO left: the review's title; {HINT}"]

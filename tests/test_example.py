"""The Child B1 example counted against the published report (issue: the example workspace)."""
from collections import Counter
from pathlib import Path

import pytest
import yaml

from casereview.commands.check import check
from casereview.numbering import chronology
from conftest import ROOT


@pytest.fixture(scope="module")
def review():
    checked = check(ROOT)
    assert checked.report.errors == []
    return checked.review


def test_checks_clean_with_the_published_plans_undated_deadlines_marked_as_published():
    checked = check(ROOT)
    assert checked.report.errors == [] and checked.report.warnings == []
    undated = [(row.id, str(d), d.as_published) for plan in checked.review.action_plans
               for row in plan.rows for d in [row.deadline, *(a.deadline for a in row.actions)]
               if d is not None and d.needs_date]
    assert undated == [("csc-12", "See 8.5.1", True), ("lpt-1", "Not stated", True),
                       ("lpt-1", "Not stated", True)]


def test_23_sections_with_the_published_titles(review):
    assert len(review.sections) == 23
    assert [s.title for s in review.sections[:10]] == [
        "Introduction", "Terms of Reference", "Methodology", "Independence", "Confidentiality",
        "Race, language and culture", "Family Involvement", "Dissemination of Learning",
        "Timescales", "Family composition"]
    assert [s.kind for s in review.sections[13:21]] == ["analysis"] * 8


def test_eight_questions_each_analysed_in_its_own_section(review):
    assert [q.id for q in review.terms.questions] == [f"q{i}" for i in range(1, 9)]
    assert [s.question for s in review.sections if s.kind == "analysis"] == \
        [f"q{i}" for i in range(1, 9)]


def test_panel_agencies_and_family(review):
    assert len(review.panel.panel) == 11
    assert review.panel.panel[-1].organisation == "Leicester City Clinical Commission Group"
    assert sorted(a.id for a in review.panel.agencies if a.chronology) == [
        "education", "eyst", "gp", "lpt", "paediatrics", "police", "uhl"]
    assert [m.pseudonym for m in review.family.members] == [
        "Child B1", "Child 2", "Child 3", "Child 4", "Mother", "Father 2", "Father 1"]


def test_chronology_has_60_entries_spread_over_the_seven_agencies(review):
    entries = chronology(review)
    assert len(entries) >= 60
    per_agency = Counter(e.agency for e in entries)
    assert set(per_agency) == {"education", "eyst", "gp", "lpt", "paediatrics", "police", "uhl"}
    dates = [e.entry.date.iso() for e in entries]
    for day in ("2011-09-21", "2011-11-23", "2011-12-04", "2011-12-17", "2012-04-23",
                "2012-10-30", "2014-05-21", "2014-06-02", "2014-08-22", "2014-08-27"):
        assert day in dates


def test_conclusions_with_their_key_lessons(review):
    lessons = [len(c.key_lessons) for c in review.conclusions.conclusions]
    assert lessons == [5, 7, 6, 3, 2, 2, 5, 2]


def test_overview_and_repeated_recommendations(review):
    assert [r.id for r in review.recommendations.overview] == [
        "overview-i", "overview-ii", "overview-iii"]
    assert [r.source for r in review.recommendations.repeated] == ["Child A or Child Q"] * 4 + ["Child Q"]
    assert len(review.recommendations.repeated[4].sub_items) == 6


def test_agency_recommendations_as_in_appendix_1(review):
    labels = {imr.agency: [r.label for r in imr.recommendations] for imr in review.imrs}
    assert labels["gp"] == ["i"]
    assert labels["lpt"] == ["i", "ii", "iii", "iv", "v", "vi"]
    assert labels["uhl"] == ["i"]
    assert labels["eyst"] == ["i", "ii", "iii", "iv", "v", "vi"]
    assert labels["csc"] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi",
                             "xii", "xiii"]


# row: lead and deadline as published, from Appendix 1 (YAML: one fact a line)
PUBLISHED = yaml.safe_load((Path(__file__).parent / "fixtures" / "published_rows.yml")
                           .read_text(encoding="utf-8"))


def test_every_action_row_with_its_lead_and_deadline(review):
    rows = {row.id: row for plan in review.action_plans for row in plan.rows}
    assert len(rows) == 26
    assert sorted(p.agency for p in review.action_plans) == ["ccg", "csc", "eyst", "lpt", "lscb", "uhl"]
    for row_id, published in PUBLISHED.items():
        row = rows[row_id]
        assert str(row.deadline) == published["deadline"], row_id
        if "lead" in published:
            assert str(row.lead) == published["lead"], row_id
    multi = rows["lpt-6"].actions
    assert [str(a.deadline) for a in multi] == ["30.04.2015", "31.03.2015", "30.04.2015"]


def test_answers_link_plans_to_recommendations(review):
    rows = {row.id: row for plan in review.action_plans for row in plan.rows}
    assert rows["lscb-1"].answers == ["csc-rec-iii"]
    assert rows["lscb-2"].answers == ["csc-rec-x"]
    assert rows["ccg-1"].answers == ["gp-rec-i"]
    assert rows["eyst-iii"].answers == ["eyst-rec-iii", "eyst-rec-iv"]

"""What the DOCX and the PDF show of the analysis's units, the subjects and the reviewers: the
example given a second subject, a finding, an episode and a co-reviewer, built once."""
import re
import subprocess

import docx
import pytest

from casereview import pipeline
from conftest import ROOT, copy_workspace, edit

ANALYSIS = """organised_by: questions
episodes:
  - id: year-before
    title: The year before the injury
    start: 2013-09
    end: 2014-08-27
findings:
  - id: legal
    title: Legal advice went unchallenged
    systemic_issue: Managers deferred to legal advice they doubted.
    board_questions:
      - How does the board know that practitioners challenge legal advice?
    recommendations: [overview-iii]
"""
SUBJECTS = """subjects:
  - name: Child B1
    role: child
    age: 2 years
    sex: Not stated
    pseudonym_chosen_by_family: true
    facts: {Placement: Foster care}
  - name: Child 2
    role: child
    ethnicity: Dual heritage
"""
CO_REVIEWER = """reviewers:
  - name: Kit Marlowe
    role: Co-reviewer
    biography: A paediatric nurse for twenty years.
chair:
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    ws = copy_workspace(ROOT, tmp_path_factory.mktemp("analysis") / "ws")
    (ws / "review" / "analysis.yml").write_text(ANALYSIS, encoding="utf-8")
    edit(ws, "review/review.yml", "subjects: [Child B1]\n", SUBJECTS)
    edit(ws, "review/review.yml", "chair:\n", CO_REVIEWER)
    edit(ws, "review/sections/10-family-composition.md", "[[family]]\n",
         "[[family]]\n\nThe subjects of the review:\n\n[[subjects]]\n")
    edit(ws, "review/sections/13-year-before-injury.md", "kind: events\n",
         "kind: events\nepisode: year-before\n")
    edit(ws, "review/sections/18-legal-advice.md", "question:", "finding: legal\nquestion:")
    edit(ws, "review/sections/22-conclusion-and-learning.md", "with the aim of improving "
         "practice.", "with the aim of improving practice, as [[finding:legal]] shows.")
    edit(ws, "agency_imrs/education.yml", "    involved: [Child B1, Child 2, Mother]\n",
         "    involved: [Child B1, Child 2, Mother]\n    subjects: [child-b1, child-2]\n")
    pipeline.build(ws, formats=("docx", "pdf"))          # raises on any error
    document = docx.Document(next((ws / "dist").glob("*.docx")))
    pdf = subprocess.run(["pdftotext", "-layout", str(next((ws / "dist").glob("*.pdf"))), "-"],
                         capture_output=True, text=True, check=True).stdout
    return document, pdf


def _table(document, first_header: str):
    table = next(t for t in document.tables if t.rows[0].cells[0].text == first_header
                 and len(t.rows) > 1)
    return [[c.text for c in row.cells] for row in table.rows]


def _paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def _words(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def test_the_subjects_table_shows_only_the_columns_some_subject_fills(built):
    document, pdf = built
    assert _table(document, "Subject") == [
        ["Subject", "Role", "Age", "Sex", "Ethnicity", "Pseudonym chosen by the family",
         "Placement"],
        ["Child B1", "Child", "2 years", "Not stated", "", "Yes", "Foster care"],
        ["Child 2", "Child", "", "", "Dual heritage", "", ""]]
    assert "Date of death" not in pdf and "Inquest" not in pdf
    assert re.search(r"Child B1 +Child +2 years +Not stated +Yes +Foster care", pdf)
    assert re.search(r"Child 2 +Child +Dual heritage", pdf)


def test_the_combined_chronology_names_each_entrys_subjects(built):
    document, pdf = built
    rows = _table(document, "Date")
    assert rows[0] == ["Date", "Agency", "Subject", "What happened", "Key episode"]
    meeting = next(r for r in rows if r[3].startswith("At the end of January a professionals"))
    assert meeting[:3] == ["January 2014", "Education", "Child B1, Child 2"]
    assert sum(1 for r in rows[1:] if r[2]) == 1
    assert re.search(r"Date +Agency +Subject +What happened", pdf)


def test_a_finding_section_ends_with_its_issue_questions_and_recommendations(built):
    document, pdf = built
    texts = _paragraphs(document)
    start = texts.index("Systemic issue")
    assert texts[start:start + 5] == [
        "Systemic issue", "Managers deferred to legal advice they doubted.",
        "Questions for the board",
        "How does the board know that practitioners challenge legal advice?",
        "This finding leads to recommendation iii."]
    words = _words(pdf)
    assert "Systemic issue Managers deferred to legal advice they doubted. Questions for the " \
           "board 1. How does the board know that practitioners challenge legal advice? This " \
           "finding leads to recommendation iii." in words


def test_an_episode_section_shows_its_dates_and_a_finding_is_referred_to_by_number(built):
    document, pdf = built
    texts = _paragraphs(document)
    title = next(i for i, t in enumerate(texts) if t.endswith("Events in the year before the "
                                                              "serious injury"))
    assert texts[title + 1] == "September 2013 to 27 August 2014"
    assert any(t.endswith("with the aim of improving practice, as finding 1 shows.") for t in texts)
    assert "September 2013 to 27 August 2014" in _words(pdf)


def test_the_co_reviewer_signs_and_is_introduced(built):
    document, pdf = built
    texts = _paragraphs(document)
    assert "Kit Marlowe, Co-reviewer" in texts
    assert "A paediatric nurse for twenty years." in texts
    assert "Safron Rose\nIndependent Overview Author" in texts
    assert "Kit Marlowe\nCo-reviewer\nSeptember 2015" in texts
    assert "Kit Marlowe Co-reviewer September 2015" in _words(pdf)

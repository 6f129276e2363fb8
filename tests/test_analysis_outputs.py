"""What the DOCX and the PDF show of the analysis's units, the subjects and the reviewers: the
example given a second subject, a finding, an episode, a theme and a co-reviewer, built once."""
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
    summary: The months in which Child B1's weight fell while the agencies disagreed.
findings:
  - id: legal
    title: Legal advice went unchallenged
    evidence: The local authority's solicitor advised against care proceedings twice.
    systemic_issue: Managers deferred to legal advice they doubted.
    board_questions:
      - How does the board know that practitioners challenge legal advice?
    recommendations: [overview-iii]
themes:
  - id: disagreement
    title: Professional disagreement
    description: How professionals resolved their differences about Child B1's care.
"""
SUBJECTS = """subjects:
  - name: Child B1
    role: child
    age: 2 years
    sex: Not stated
    pseudonym_chosen_by_family: true
    facts: {Placement: Foster care}
    protected_characteristics: {religion_or_belief: Not known, age: 2 years}
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
         "[[family]]\n\nThe subjects of the review:\n\n[[subjects]]\n\n"
         "[[protected-characteristics]]\n")
    edit(ws, "review/sections/13-year-before-injury.md", "kind: events\n",
         "kind: events\nepisode: year-before\n")
    edit(ws, "review/sections/17-escalation.md", "question:", "theme: disagreement\nquestion:")
    edit(ws, "review/sections/18-legal-advice.md", "question:", "finding: legal\nquestion:")
    edit(ws, "review/sections/22-conclusion-and-learning.md", "with the aim of improving "
         "practice.", "with the aim of improving practice, as [[finding:legal]] and "
         "[[theme:disagreement]] show.")
    edit(ws, "agency_imrs/education.yml", "    involved: [Child B1, Child 2, Mother]\n",
         "    involved: [Child B1, Child 2, Mother]\n    subjects: [child-b1, child-2]\n")
    pipeline.build(ws, formats=("docx", "pdf"))          # raises on any error
    document = docx.Document(next((ws / "dist").glob("*.docx")))
    pdf = subprocess.run(["pdftotext", "-layout", str(next((ws / "dist").glob("*.pdf"))), "-"],
                         capture_output=True, text=True, check=True).stdout
    return document, pdf


def _table(document, *headers: str):
    """The first table with rows whose header row begins with these headers."""
    table = next(t for t in document.tables if len(t.rows) > 1 and
                 [c.text for c in t.rows[0].cells][:len(headers)] == list(headers))
    return [[c.text for c in row.cells] for row in table.rows]


def _paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def _numbered(document) -> list[tuple[bool, str]]:
    """Each paragraph's text, and whether Word numbers it (the report's numbered paragraphs)."""
    return [(p.style.name == "Numbered Paragraph", p.text) for p in document.paragraphs
            if p.text.strip()]


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


def test_a_finding_section_ends_with_its_evidence_issue_questions_and_recommendations(built):
    document, pdf = built
    numbered = _numbered(document)
    start = numbered.index((False, "Evidence"))
    # after the section's own last numbered paragraph; the evidence itself unnumbered
    assert numbered[start - 1][0] and numbered[start - 1][1].endswith(
        "in which children and families were at risk.")
    assert numbered[start + 1] == (
        False, "The local authority’s solicitor advised against care proceedings twice.")
    texts = [t for _, t in numbered]
    assert texts[start:start + 7] == [
        "Evidence", "The local authority’s solicitor advised against care proceedings twice.",
        "Systemic issue", "Managers deferred to legal advice they doubted.",
        "Questions for the board",
        "How does the board know that practitioners challenge legal advice?",
        "This finding leads to recommendation iii."]
    words = _words(pdf)
    assert "at risk. Evidence The local authority’s solicitor advised against care proceedings " \
           "twice. Systemic issue Managers deferred to legal advice they doubted. Questions for the " \
           "board 1. How does the board know that practitioners challenge legal advice? This " \
           "finding leads to recommendation iii." in words


def test_an_episode_section_shows_its_dates_and_summary_and_units_are_referred_to_by_number(
        built):
    document, pdf = built
    texts = _numbered(document)
    title = next(i for i, (_, t) in enumerate(texts) if t.endswith("Events in the year before "
                                                                   "the serious injury"))
    # the summary unnumbered, the section's own paragraphs numbered from 13.1 after it
    assert texts[title + 1:title + 4] == [
        (False, "September 2013 to 27 August 2014"),
        (False, "The months in which Child B1’s weight fell while the agencies disagreed."),
        (True, "This section gives an account of what happened in the year leading up to Child "
         "B1’s serious injury, from September 2013 to August 2014.")]
    texts = [t for _, t in texts]
    assert any(t.endswith("with the aim of improving practice, as finding 1 and theme 1 show.")
               for t in texts)
    words = _words(pdf)
    assert "September 2013 to 27 August 2014 The months in which Child B1’s weight fell while " \
           "the agencies disagreed. 13.1 This section gives an account" in words
    assert "with the aim of improving practice, as finding 1 and theme 1 show." in words


def test_a_theme_section_opens_with_its_description(built):
    document, pdf = built
    texts = _numbered(document)
    title = max(i for i, (_, t) in enumerate(texts) if t.endswith(
        "how effective was the escalation policy? Was it followed, and if not, why not?"))
    assert texts[title + 1] == (
        False, "How professionals resolved their differences about Child B1’s care.")
    assert texts[title + 2][0] and texts[title + 2][1].startswith(
        "The Leicester Safeguarding Children Board")
    assert "why not? How professionals resolved their differences about Child B1’s care. 17.1 " \
           "The Leicester Safeguarding Children Board" in _words(pdf)


def test_the_protected_characteristics_table_has_a_row_for_each_subject_that_has_any(built):
    document, pdf = built
    assert _table(document, "Subject", "Role", "Age", "Religion or belief") == [
        ["Subject", "Role", "Age", "Religion or belief"],
        ["Child B1", "Child", "2 years", "Not known"]]
    assert re.search(r"Subject +Role +Age +Religion or belief\n+ *Child B1 +Child +2 years +Not "
                     r"known", pdf)


def test_a_chronology_paragraph_in_a_section_says_whom_it_concerns(built):
    document, pdf = built
    texts = _paragraphs(document)
    meeting = next(t for t in texts if "At the end of January a professionals" in t)
    assert meeting.endswith("unlike the way she related to her other children. (concerns "
                            "Child B1 and Child 2)")
    # only the entry that names its subjects says so
    assert sum(1 for t in texts if "(concerns " in t) == 1
    assert "the way she related to her other children. (concerns Child B1 and Child 2)" \
        in _words(pdf)


def test_the_co_reviewer_signs_and_is_introduced(built):
    document, pdf = built
    texts = _paragraphs(document)
    assert "Kit Marlowe, Co-reviewer" in texts
    assert "A paediatric nurse for twenty years." in texts
    assert "Safron Rose\nIndependent Overview Author" in texts
    assert "Kit Marlowe\nCo-reviewer\nSeptember 2015" in texts
    assert "Kit Marlowe Co-reviewer September 2015" in _words(pdf)

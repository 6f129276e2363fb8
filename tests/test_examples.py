"""The worked examples in examples/, each a whole workspace of another kind of review than
the Child B1 SCR at the root: each checks without errors and builds in every format, and
its DOCX and PDF hold what its kind of review needs (title, sections, numbering scheme,
the parts only that kind has)."""
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest

from casereview import pipeline
from casereview.commands.check import check
from conftest import ROOT, copy_workspace
from test_writers_docx import office_pdf

EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Expected:
    title: str
    headings: list[str]                     # Word's Heading 1, also in the PDF
    numbered: list[str]                     # a paragraph's number and its opening words
    unnumbered: list[str]                   # front matter's opening words, printed bare
    parts: list[str]                        # phrases of the kind's own parts, in both
    absent: list[str] = field(default_factory=list)       # in neither (names withheld)
    plan: list[str] = field(default_factory=list)         # in the action plan's table
    plan_header: list[str] = field(default_factory=list)  # words of its header, any case
    chronology_subjects: dict[str, str] | None = None     # entry's opening -> Subject cell
    executive_summary: list[str] = field(default_factory=list)  # none: no such file


EXPECTED = {
    "lcspr-findings": Expected(
        title="Local Child Safeguarding Practice Review – Child R",
        headings=["Foreword", "Introduction", "The rapid review", "Methodology", "Family involvement",
                  "A bruise on a baby who could not yet move about was taken as a minor injury",
                  "Father was not known to the professionals working with the family",
                  "Conclusions", "Recommendations",
                  "Appendix A: Terms of reference", "Appendix B: Glossary"],
        numbered=["1.1.1 Child R was nine months old", "1.2.3 It is written around four findings",
                  "5.1.1 In December 2022 Child R was seen"],
        unnumbered=["This review is about a baby boy"],
        parts=[
            # the findings: evidence, systemic issue and board questions from analysis.yml
            "At a routine immunisation appointment a practice nurse saw",
            "The protocol is well known to health visitors and hospital staff",
            "How does the partnership know that everyone who sees babies",
            "Is the partnership assured that a domestic abuse notification",
            # the rapid review's facts and the recommendation to the national panel
            "The Child Safeguarding Practice Review Panel agreed on 2 March 2023",
            "how advice on coping with a crying baby can be given to fathers",
            "Bruising protocol: the partnership's procedure"],
        absent=["Nadia Ferris", "Owen Pritchard", "Grace Adeyemi", "Carol Mensah"],
        plan=["Add the protocol to the mandatory training for practice nurses"],
        plan_header=["Recommendation", "Lead", "Deadline", "Status"],
        chronology_subjects=None),
    "dhr": Expected(
        title="Domestic Homicide Review into the death of Ella",
        headings=["Ella, as her family knew her", "Introduction", "Terms of reference",
                  "Methodology", "Involvement of family and friends", "Equality and diversity",
                  "Summary of events",
                  "Did professionals recognise coercive and controlling behaviour",
                  "Conclusions", "Recommendations", "Glossary"],
        numbered=["1 The panel offers its deepest sympathy", "10 Disability is also relevant",
                  "21 The review makes three recommendations"],
        unnumbered=["Ella was the younger of two sisters"],
        parts=["Coercive control: a pattern of behaviour by which one person dominates",
               "6 December 2023",                       # the Home Office QA panel's approval
               "That the Home Office considers how the Domestic Violence Disclosure Scheme",
               "Recognising coercive control"],           # a theme the plan is grouped by
        plan=["Course commissioned",
              "Half of the practices trained", "Letter sent to the Home Office",
              "The partnership wrote to the Home Office on 15 January 2024", "Regional",
              "National"],
        plan_header=["Recommendation", "Scope", "Lead", "milestones", "Target date",
                     "completion"],
        chronology_subjects={"A former partner reported that Lewis": "Lewis",
                             "Officers attended after a neighbour": "Ella, Lewis",
                             "Ella asked about a transfer": "Ella"},
        executive_summary=["Executive summary",
                           "This review examines how agencies in Northvale responded to Ella"]),
}


def plain(text: str) -> str:
    """Words as a reader sees them: one space between, straight apostrophes."""
    return " ".join(text.replace("\u2019", "'").split())


def pdf_text(path: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def docx_text(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def table_rows(document, header_word: str) -> list[list[str]]:
    """The rows, header first, of the DOCX tables whose header names `header_word` (a plan
    grouped by theme is a table per theme, each with its header)."""
    found = []
    for table in document.tables:
        rows = [[plain(c.text) for c in row.cells] for row in table.rows]
        if any(header_word.lower() in cell.lower() for cell in rows[0]):
            found += rows if not found else rows[1:]
    if not found:
        pytest.fail(f"no table with a {header_word!r} column")
    return found


@dataclass
class Built:
    name: str
    expected: Expected
    dist: Path
    pdf_file: Path
    document: object                # python-docx Document of the report
    docx: str                       # its text, tables included
    pdf: str                        # the PDF's text layer


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def built(request, tmp_path_factory) -> Built:
    """The example built once in every format from a copy of its folder."""
    ws = copy_workspace(EXAMPLES / request.param, tmp_path_factory.mktemp(request.param) / "ws")
    pipeline.build(ws, formats=("html", "docx", "pdf"))
    dist = ws / "dist"
    [report] = [p for p in dist.glob("*.docx") if "executive-summary" not in p.name]
    [printed] = [p for p in dist.glob("*.pdf") if "executive-summary" not in p.name]
    document = docx.Document(str(report))
    return Built(request.param, EXPECTED[request.param], dist, printed, document,
                 docx_text(document), pdf_text(printed))


def test_every_example_is_listed_here():
    from tests.test_examples_sar_susr import EXAMPLE_FIXTURES   # the SAR and SUSR are there
    listed = [*EXPECTED, *EXAMPLE_FIXTURES]
    assert sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()) == sorted(listed)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_checks_without_errors(name):
    report = check(EXAMPLES / name).report
    assert [str(d) for d in report.errors] == []


def test_title_in_the_docx_and_the_pdf(built):
    title = built.expected.title
    assert [p.text for p in built.document.paragraphs if p.style.name == "Title"] == [title]
    assert title in plain(built.pdf)


def test_the_sections_its_kind_needs_are_headings(built):
    headings = [plain(p.text) for p in built.document.paragraphs if p.style.name == "Heading 1"]
    for heading in built.expected.headings:
        assert any(h.startswith(heading) or h.endswith(heading) for h in headings), \
            (heading, headings)
        assert heading in plain(built.pdf)


def numbered_lines(text: str) -> list[str]:
    return [plain(line) for line in text.splitlines() if re.match(r"^\d+(\.\d+)*\s+\S", line)]


def test_paragraphs_numbered_in_the_review_s_scheme(built, tmp_path):
    pdf_lines = numbered_lines(built.pdf)
    office_lines = numbered_lines("\n".join(office_pdf(
        next(p for p in built.dist.glob("*.docx") if "executive-summary" not in p.name),
        tmp_path)))
    for opening in built.expected.numbered:
        assert any(line.startswith(opening) for line in pdf_lines), (opening, pdf_lines)
        assert any(line.startswith(opening) for line in office_lines), (opening, office_lines)


def test_front_matter_is_printed_unnumbered(built):
    for opening in built.expected.unnumbered:
        lines = [plain(line) for line in built.pdf.splitlines()]
        assert any(line.startswith(opening) for line in lines), opening
        assert opening in plain(built.docx)
        assert not any(re.match(r"\d+(\.\d+)* " + re.escape(opening), line) for line in lines)


def test_the_parts_of_its_kind_are_in_the_docx_and_the_pdf(built):
    docx_words, pdf_words = plain(built.docx), plain(built.pdf)
    for phrase in built.expected.parts:
        assert phrase in docx_words, phrase
        assert phrase in pdf_words, phrase
    for name in built.expected.absent:
        assert name not in docx_words and name not in pdf_words, name


def test_the_action_plan_has_its_columns_and_rows(built):
    rows = table_rows(built.document, "Recommendation")
    header, cells = " ".join(rows[0]).lower(), plain(" ".join(" ".join(r) for r in rows))
    for word in built.expected.plan_header:
        assert word.lower() in header, (word, rows[0])
    for phrase in built.expected.plan:
        assert phrase in cells, phrase
        assert phrase in plain(built.pdf), phrase


def test_the_chronology_names_its_subjects_when_there_are_several(built):
    rows = table_rows(built.document, "What happened")
    header = rows[0]
    if built.expected.chronology_subjects is None:
        assert "Subject" not in header
        return
    assert "Subject" in header, header
    column, what = header.index("Subject"), header.index("What happened")
    for opening, subjects in built.expected.chronology_subjects.items():
        [row] = [r for r in rows if r[what].startswith(opening)]
        assert row[column] == subjects, (opening, row)
    laid_out = pdf_text(built.pdf_file, "-layout").splitlines()
    assert any(re.search(r"Date.*Subject.*What happened|Date.*What happened.*Subject", line)
               for line in laid_out)


def test_the_executive_summary_is_a_document_of_its_own(built):
    summaries = sorted(built.dist.glob("*executive-summary*"))
    if not built.expected.executive_summary:
        assert summaries == []
        return
    assert [p.suffix for p in summaries] == [".docx", ".pdf"]
    docx_words = plain(docx_text(docx.Document(str(summaries[0]))))
    pdf_words = plain(pdf_text(summaries[1]))
    for phrase in [built.expected.title, *built.expected.executive_summary]:
        assert phrase in docx_words, phrase
        assert phrase in pdf_words, phrase


@pytest.mark.parametrize("built", ["dhr"], indirect=True)     # the example with milestones
def test_a_milestones_dates_stand_under_its_words_in_the_pdf(built):
    """A milestone is a list item whose dates follow on lines of their own: in the PDF they
    stand under the item's words, not left of its bullet (Typst ends an item whose next line
    starts left of it, as a cell's first list did when it began after the cell's `[`)."""
    layout = subprocess.run(["pdftotext", "-layout", str(built.pdf_file), "-"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    for item, date in (("Course commissioned", "By: November 2023"),
                       ("Half of the practices trained", "By: March 2024")):
        [at] = [i for i, line in enumerate(layout) if item in line]
        below = next(line for line in layout[at + 1:] if date in line)
        assert below.index(date) == layout[at].index(item), (layout[at], below)

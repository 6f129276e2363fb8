"""The fictional examples beside Child B1 (examples/): a thematic Safeguarding Adults Review of
six people, and a Welsh Single Unified Safeguarding Review. Each checks without errors and
builds in every format; its DOCX (python-docx, and as LibreOffice prints its Word numbering)
and its PDF (pdftotext) show what that kind of review needs."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from casereview import pipeline
from casereview.commands.check import check
from conftest import ROOT, copy_workspace
from test_title_and_review_facts import _docx_title_page
from test_writers_docx import office_pdf

EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Built:
    ws: Path
    document: docx.document.Document
    pages: list[str]                    # the PDF's pages as pdftotext reads them

    @property
    def headings(self) -> list[str]:
        return [p.text.strip() for p in self.document.paragraphs
                if p.style.name.startswith("Heading")]

    @property
    def text(self) -> str:
        """The DOCX's paragraphs outside tables, in one line."""
        return one_line(" ".join(p.text for p in self.document.paragraphs))

    @property
    def pdf(self) -> str:
        return one_line(" ".join(self.pages))

    def tables(self) -> list[list[list[str]]]:
        return [[[one_line(c.text) for c in row.cells] for row in t.rows]
                for t in self.document.tables]


def one_line(text: str) -> str:
    """Words and single spaces; typographic apostrophes (pandoc's) as typed."""
    return " ".join(text.replace("’", "'").split())


def _build(name: str, factory) -> Built:
    ws = copy_workspace(EXAMPLES / name, factory.mktemp(name) / "ws")
    pipeline.build(ws, formats=("html", "docx", "pdf"))
    pdf = subprocess.run(["pdftotext", str(next((ws / "dist").glob("*.pdf"))), "-"],
                         capture_output=True, text=True, check=True).stdout
    return Built(ws, docx.Document(next((ws / "dist").glob("*.docx"))), pdf.split("\f"))


@pytest.fixture(scope="module")
def sar(tmp_path_factory) -> Built:
    return _build("sar-thematic", tmp_path_factory)


@pytest.fixture(scope="module")
def susr(tmp_path_factory) -> Built:
    return _build("susr", tmp_path_factory)


EXAMPLE_FIXTURES = {"sar-thematic": "sar", "susr": "susr"}


@pytest.mark.parametrize("name", EXAMPLE_FIXTURES)
def test_the_example_checks_without_errors(name):
    report = check(EXAMPLES / name).report
    assert [str(d) for d in report.errors] == []


@pytest.mark.parametrize("name", EXAMPLE_FIXTURES)
def test_the_example_builds_its_site_docx_and_pdf(name, request):
    built = request.getfixturevalue(EXAMPLE_FIXTURES[name])
    assert (built.ws / "site" / "index.html").is_file()
    assert built.document.paragraphs and built.pages[0].strip()


def _in_order(headings: list[str], titles) -> list[int]:
    """Where each title stands among the headings (a heading may carry its label first:
    `Appendix A: Glossary`)."""
    found = []
    for title in titles:
        at = [i for i, h in enumerate(headings) if h == title or h.endswith(f" {title}")]
        assert at, f"no heading {title!r} in {headings}"
        found.append(at[0])
    return found


def assert_numbered(text: str, number: str, opening: str, where: str) -> None:
    """A line starts with the paragraph's number and then its opening words."""
    found = re.search(rf"^\s*{re.escape(number)}\.?\s+{re.escape(opening)}", text, re.M)
    assert found, f"no paragraph {number} opening {opening!r} in the {where}"


# --- the thematic Safeguarding Adults Review ------------------------------------------------

SAR_SECTIONS = ("Introduction", "The six people", "Scope and terms of reference",
                "Methodology and family involvement", "Direct work with the person",
                "The team around the person", "Organisational support", "Board governance",
                "National context", "Conclusions", "Recommendations",
                # the appendices, authored and generated, after the report's sections
                "The review panel", "Combined chronology")
SUBJECTS = {"AA": ("60-69", "January 2022"), "BB": ("70-79", "June 2022"),
            "CC": ("50-59", "September 2022"), "DD": ("80-89", "November 2022"),
            "EE": ("40-49", "January 2023"), "Elsie": ("80-89", "March 2023")}


def test_sar_paragraphs_numbered_by_section(sar):
    text = "\n".join(sar.pages).replace("’", "'")
    assert_numbered(text, "2.1", "The six people are known", "PDF")
    assert_numbered(text, "5.1", "Practitioners treated each", "PDF")
    assert_numbered(text, "9.2", "Rising demand and", "PDF")


def test_sar_subjects_table_one_row_each_with_age_band_and_death(sar):
    rows = {row[0]: row for table in sar.tables() for row in table}
    for name, (band, died) in SUBJECTS.items():
        row = rows.get(name, [])
        assert band in row and died in row, f"no subjects' table row for {name}: {row}"
        in_pdf = re.search(rf"\b{name}\b.{{0,80}}?{band}", sar.pdf)
        assert in_pdf, f"no {name} with {band} in the PDF"


def test_sar_chronology_names_the_subject_of_each_entry(sar):
    table = next(t for t in sar.tables() if "What happened" in t[0])
    columns = [i for i, head in enumerate(table[0]) if head in ("Subject", "Subjects")]
    assert columns, f"the chronology has no Subject column: {table[0]}"
    subject = lambda words: [row[columns[0]] for row in table if words in " ".join(row)]  # noqa: E731
    assert subject("gas supply to AA's flat was capped") == ["AA"]
    assert subject("attended a fire at EE's flat") == ["EE"]
    first = sar.pdf.index("A neighbour reported a strong smell")
    assert re.search(r"\bSubjects?\b", sar.pdf[first - 300:first]), "no Subject column in the PDF"


def test_sar_states_what_reports_were_found_to_omit(sar):
    """The second national analysis of SARs: the scope period, the basis, the referral source
    and the time taken, each stated in the report's key facts."""
    for fact in ("Period under review: 1 April 2021 to 31 March 2023",
                 "Basis of the review: Discretionary, under section 44(4) of the Care Act 2014",
                 "Referred by: Ashvale Fire and Rescue Service", "Time taken: 10 months"):
        assert fact in sar.text, fact
        assert fact in " ".join(sar.pdf.split()), fact


def test_sar_co_reviewers_named_beside_the_lead_reviewer(sar):
    for name in ("Morag Ellison", "Dev Anand", "Harriet Lowe"):
        in_docx, in_pdf = name in sar.text, name in sar.pdf
        assert in_docx and in_pdf, f"{name}: in the DOCX {in_docx}, in the PDF {in_pdf}"


# --- the Single Unified Safeguarding Review -------------------------------------------------

SUSR_SECTIONS = ("Introduction", "Scope of the review", "Methodology",
                 "Involvement of the family", "Background", "Planning for adulthood",
                 "Between services", "The last weeks", "Learning from the review",
                 "Recommendations", "Glossary", "Bibliography")
# paragraphs numbered straight through the report, whatever section they are in
STRAIGHT = {"1": "This Single Unified", "3": "The review covers", "6": "A learning event",
            "11": "Everyone involved knew", "13": "Children's services closed",
            "16": "In the autumn", "19": "The review makes three"}
# each episode's dates, as the report gives them, and the opening words of its analysis
EPISODES = {"Planning for adulthood": ("September 2022", "March 2023", "Everyone involved knew"),
            "Between services": ("April 2023", "August 2023", "Children's services closed"),
            "The last weeks": ("September 2023", "14 November 2023", "In the autumn Cai")}


@pytest.fixture(scope="module")
def susr_printed(susr, tmp_path_factory) -> str:
    """The SUSR's DOCX as LibreOffice prints it: Word's numbering shown as numbers."""
    docx_path = next((susr.ws / "dist").glob("*.docx"))
    return "\n".join(office_pdf(docx_path, tmp_path_factory.mktemp("susr-office"))).replace("’", "'")


@pytest.mark.parametrize("number", STRAIGHT)
def test_susr_paragraphs_numbered_straight_through(susr, susr_printed, number):
    assert_numbered("\n".join(susr.pages).replace("’", "'"), number, STRAIGHT[number], "PDF")
    assert_numbered(susr_printed, number, STRAIGHT[number], "DOCX as LibreOffice prints it")


@pytest.mark.parametrize("title", EPISODES)
def test_susr_episode_titled_and_dated_before_its_analysis(susr, title):
    start, end, opening = EPISODES[title]
    for text in (susr.text, susr.pdf):
        before = text[:text.index(opening)]
        heading = before.rindex(title)
        assert start in before[heading:] and end in before[heading:], before[heading:]


def test_susr_appendices_lettered(susr, susr_printed):
    for where, text in (("PDF", susr.pdf), ("printed DOCX", one_line(susr_printed))):
        for label, title in (("A", "Glossary"), ("B", "Bibliography")):
            found = re.search(rf"Appendix {label}\W+{title}", text)
            assert found, f"no 'Appendix {label}: {title}' in the {where}"


# --- both: the title their type gives them, and their parts in order ---------------------------

TITLES = {"sar-thematic": "Safeguarding Adults Review – a thematic review of six people who "
                          "died of self-neglect",         # its own: six codes make no title
          "susr": "Single Unified Safeguarding Review – Cai"}


@pytest.mark.parametrize("name", EXAMPLE_FIXTURES)
def test_the_title_is_the_types_with_the_subjects(name, request):
    built = request.getfixturevalue(EXAMPLE_FIXTURES[name])
    assert TITLES[name] in _docx_title_page(built.document)
    assert TITLES[name] in one_line(built.pages[0])


@pytest.mark.parametrize("name", EXAMPLE_FIXTURES)
def test_the_sections_then_the_appendices_in_order(name, request):
    built = request.getfixturevalue(EXAMPLE_FIXTURES[name])
    sections = {"sar-thematic": SAR_SECTIONS, "susr": SUSR_SECTIONS}[name]
    at = _in_order(built.headings, sections)
    assert at == sorted(at)
    missing = [title for title in sections if title not in built.pdf]
    assert missing == [], "not in the PDF"

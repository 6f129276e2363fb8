"""What every format shows of the review itself: the title page of a draft (no publication
date), the reviewers' biographies, the key dates and the notes on timescales, and the
author's signature whatever the last section's kind. One draft build, read in each format."""
import re

import docx
import pypdf
import pytest

from casereview import pipeline
from conftest import MINIMAL, copy_workspace, edit

FACTS = """dates:
  incident: 2021-03-02
  referral: 2021-03-20
  decision: 2021-04
  notification: 2021-04-09
  signed: 2021-09
  publication: 2021-10-01
lead_reviewer:
  name: A Reviewer
  role: Independent Reviewer
  biography: |
    The lead reviewer has written practice reviews for twelve years
    after a career in health visiting.
chair:
  name: B Chair
  role: Independent Chair of the panel
  biography: The chair led a children's services department until 2019.
timescale_notes: |
  The review paused for four months while the criminal trial was heard.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A draft that already knows its publication date, with every fact of review.yml set;
    its sections are organised by analysis, none of them of kind recommendations."""
    ws = copy_workspace(MINIMAL, tmp_path_factory.mktemp("facts") / "ws")
    edit(ws, "review/review.yml", "dates:\n  incident: 2021-03-02\nlead_reviewer:\n"
         "  name: A Reviewer\n  role: Independent Reviewer\n", FACTS)
    pipeline.build(ws)
    site = {p.name: _html_text(p.read_text(encoding="utf-8")) for p in (ws / "site").glob("*.html")}
    document = docx.Document(ws / "dist" / "lcspr-t-draft-0-1.docx")
    pages = [page.extract_text() for page in pypdf.PdfReader(ws / "dist" / "lcspr-t-draft-0-1.pdf").pages]
    return site, document, pages


def _html_text(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))
    return _one_line(text.replace("&#39;", "'").replace("&rsquo;", "'"))


def _one_line(text: str) -> str:
    """Words and single spaces; typographic apostrophes (pandoc's) as typed."""
    return " ".join(text.replace("’", "'").split())


def _docx_title_page(document) -> list[str]:
    texts = []
    for p in document.paragraphs:
        if p.style.name.startswith("TOC") or p.style.name.startswith("Heading"):
            break
        texts.append(p.text)
    return texts


def test_a_draft_title_page_gives_its_status_and_no_publication_date(built):
    site, document, pages = built
    index = site["index.html"]
    start = index.index("Overview report – Testshire")
    title_block = index[start:index.index("Contents", start)]
    assert "Published" not in title_block and "1 October 2021" not in title_block
    assert "Status: Draft" in title_block
    title_page = _docx_title_page(document)
    assert "Status: Draft" in title_page
    assert not [t for t in title_page if "Published" in t or "1 October 2021" in t], title_page
    assert "Status" in pages[0] and "Draft" in pages[0]
    assert "Published" not in pages[0] and "1 October 2021" not in pages[0]


BIOGRAPHIES = ("The lead reviewer has written practice reviews for twelve years after a career "
               "in health visiting.", "The chair led a children's services department until 2019.")
KEY_DATES = ("Key dates of the review", "Incident: 2 March 2021",
             "Referred for consideration of a review: 20 March 2021",
             "Decision to hold the review: April 2021", "National panel notified: 9 April 2021",
             "Report signed: September 2021")
NOTES = "The review paused for four months while the criminal trial was heard."


def _docx_text(document) -> str:
    return _one_line(" ".join(p.text for p in document.paragraphs))


def _pdf_text(pages) -> str:
    # pypdf breaks lines and may hyphenate: compare words only
    return _one_line(" ".join(pages)).replace("- ", "")


@pytest.mark.parametrize("fact", BIOGRAPHIES + KEY_DATES + (NOTES,))
def test_biographies_key_dates_and_timescale_notes_are_in_every_format(built, fact):
    site, document, pages = built
    # minimal has no independence, methodology, timescales or terms section: the introduction
    assert fact in site["01-introduction.html"]
    assert fact in _docx_text(document)
    assert fact in _pdf_text(pages)


def test_the_biographies_name_their_reviewer_and_role(built):
    site, document, _ = built
    assert "A Reviewer, Independent Reviewer" in site["01-introduction.html"]
    assert "B Chair, Independent Chair of the panel" in _docx_text(document)


def test_a_draft_publication_date_is_not_among_its_key_dates(built):
    site, _, _ = built
    assert "Published: 1 October 2021" not in site["01-introduction.html"]


def test_the_signature_follows_the_last_section_without_recommendations(built):
    site, document, pages = built
    texts = [p.text for p in document.paragraphs]
    last = texts.index("Child T was seldom seen alone.")
    assert texts[last + 1] == "A Reviewer\nIndependent Reviewer\nSeptember 2021"
    assert sum(t.startswith("A Reviewer\n") for t in texts) == 1
    assert "A Reviewer Independent Reviewer September 2021" in site["04-voice.html"]

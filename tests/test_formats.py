"""Same words, same numbers: the numbered paragraphs of the web site, the DOCX and the PDF.
The DOCX's numbers are Word numbering, not text: LibreOffice lays them out and prints them."""
import re
import subprocess

import pytest

from casereview import pipeline
from conftest import ROOT, copy_workspace
from test_writers_docx import office_pdf

NUMBERED = re.compile(r"^(\d{1,2}\.\d{1,3})\s+(\S+(?:\s+\S+){0,2})")


def opening(text: str) -> str:
    """The first three words, without soft hyphens or the footnote marks typesetting adds."""
    words = re.sub(r"[\u00ad\u200b]", "", text).split()[:3]
    return " ".join(re.sub(r"[\d¹²³⁴⁵⁶⁷⁸⁹⁰]+$", "", w) for w in words)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    ws = copy_workspace(ROOT, tmp_path_factory.mktemp("formats") / "ws")
    pipeline.build(ws)
    return ws


def from_html(site):
    out = []
    for page in sorted(site.glob("[0-9][0-9]-*.html")):
        for m in re.finditer(r'class="para-no">([\d.]+)</span>\s*(.*?)</p>', page.read_text(), re.S):
            out.append((m[1], opening(re.sub(r"<[^>]+>", "", m[2]))))
    return out


def from_docx(path, folder):
    out = []
    for page in office_pdf(path, folder):
        for line in page.splitlines():
            if m := NUMBERED.match(line):
                out.append((m[1], opening(line[m.end(1):])))
    return out


def from_pdf(path):
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    out = []
    for line in text.replace("\f", "\n").splitlines():
        if m := NUMBERED.match(line):
            out.append((m[1], opening(line[m.end(1):])))
    return out


def test_same_numbers_with_the_same_opening_words_in_all_three(built, tmp_path):
    html = from_html(built / "site")
    document = from_docx(next((built / "dist").glob("*.docx")), tmp_path)
    pdf = from_pdf(next((built / "dist").glob("*.pdf")))
    assert len(html) == 246
    assert document == html
    assert pdf == html


def test_numbers_run_in_order_within_each_section(built):
    numbers = [n for n, _ in from_html(built / "site")]
    for a, b in zip(numbers, numbers[1:]):
        (sa, pa), (sb, pb) = map(int, a.split(".")), map(int, b.split("."))
        assert (sb == sa and pb == pa + 1) or (sb == sa + 1 and pb == 1), (a, b)

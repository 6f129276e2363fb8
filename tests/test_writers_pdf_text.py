"""The PDF's text layer, as poppler's pdftotext extracts it (and copying, searching and screen
readers get it): the words as written, with no soft hyphen (U+00AD) where Typst broke a word,
no word joiner (U+2060), zero-width space (U+200B) or byte order mark (U+FEFF); yet a word
wider than its table cell still breaks, and a long address breaks at its slashes and dots
without anything added."""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from casereview.commands.check import check
from casereview.render import Rendered, render
from casereview.writers import pdf

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
INVISIBLE = {"\u00ad": "soft hyphen", "\u2060": "word joiner", "\u200b": "zero-width space",
             "\ufeff": "zero-width no-break space"}
URL = ("https://assets.publishing.service.gov.uk/government/uploads/system/uploads/"
       "attachment_data/file/181651/DFE-RR040.pdf")
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"


def _rendered(workspace: Path, name: str) -> Rendered:
    return render(check(workspace).review, workspace, date(2016, 6, 13), name)


def _pdftotext(path: Path, *options: str) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is missing: install poppler-utils (apt-get install poppler-utils)")
    return subprocess.run([tool, "-enc", "UTF-8", *options, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _invisible(text: str) -> dict[str, int]:
    return {name: text.count(char) for char, name in INVISIBLE.items() if char in text}


@pytest.fixture(scope="module")
def example_text(tmp_path_factory) -> str:
    [written] = pdf.write(_rendered(ROOT, "x"), tmp_path_factory.mktemp("example"))
    return _pdftotext(written)


def test_the_example_text_has_no_invisible_characters(example_text):
    assert _invisible(example_text) == {}


def test_words_typst_broke_at_line_ends_extract_whole(example_text):
    words = " ".join(example_text.split())
    for phrase in ("Working Together to Safeguard Children 2013",
                   "the learning and improvement framework",
                   "how did they apply that understanding to this family?",
                   "Safeguarding Unit and Quality Assurance",
                   "the community paediatricians", "destabilised by a continuing",
                   "Outcome measure Status"):
        assert phrase in words, phrase


def test_paragraph_numbers_and_contents_entries_extract_intact(example_text):
    assert re.search(r"^18\.5 On 19 June Children’s Social Care challenged the legal advice",
                     example_text, re.M)
    assert re.search(r"^1\.1 This serious case review", example_text, re.M)
    # the page number straight after the dots, as a reader sees it
    assert re.search(r"^1\. Introduction( \.)+ 3$", example_text, re.M)
    assert re.search(r"^23\. Recommendations( \.)+ 32$", example_text, re.M)
    assert re.search(r"^References( \.)+ 4\d$", example_text, re.M)


def test_a_long_address_breaks_with_nothing_added(tmp_path):
    workspace = shutil.copytree(MINIMAL, tmp_path / "ws")
    references = workspace / "review" / "references.yml"
    text = references.read_text(encoding="utf-8")
    references.write_text(text.replace("abuse and neglect.", f"abuse and neglect. <{URL}>"),
                          encoding="utf-8")
    [written] = pdf.write(_rendered(workspace, "url"), tmp_path)
    extracted = _pdftotext(written)
    assert _invisible(extracted) == {}
    lines = [line for line in extracted.splitlines() if "publishing.service" in line]
    assert lines, extracted
    # in the footnote and in the list of references, broken only by the line ends
    assert extracted.replace("\n", "").count(URL) == 2


def _boxes(path: Path, words: set[str]) -> list[tuple[int, float, float, float, float, str]]:
    """The page and box of each word (as pdftotext -bbox gives them) among `words`."""
    found = []
    for number, page in enumerate(_pdftotext(path, "-bbox").split("<page ")[1:], 1):
        for x0, y0, x1, y1, word in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" '
                                               r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page):
            if word.rstrip("\u00ad") in words:
                found.append((number, float(x0), float(y0), float(x1), float(y1), word))
    return found


def _overlapping(boxes) -> list[tuple[str, str]]:
    return [(a[5], b[5]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[0] == b[0] and min(a[3], b[3]) - max(a[1], b[1]) > 0.5
            and min(a[4], b[4]) - max(a[2], b[2]) > 1.5]


def test_a_word_wider_than_its_table_cell_still_breaks(tmp_path):
    """The one case Typst hyphenates: six columns, each narrower than its word."""
    cells = f"{LONG_WORD} and more"
    table = ("\n| " + " | ".join(["Head"] * 6) + " |\n|" + "---|" * 6 + "\n| "
             + " | ".join([cells] * 6) + " |\n")
    rendered = _rendered(MINIMAL, "narrow")
    rendered = dataclasses.replace(rendered, markdown=rendered.markdown + table)
    [written] = pdf.write(rendered, tmp_path)
    pieces = [line.rstrip("\u00ad") for line in _pdftotext(written).splitlines()
              if line.rstrip("\u00ad") and line.rstrip("\u00ad") in LONG_WORD]
    assert "".join(pieces) == LONG_WORD * 6 and len(pieces) > 6        # each broken
    assert _overlapping(_boxes(written, {*pieces, "and", "more", "Head"})) == []


def test_only_a_cell_whose_word_may_not_fit_its_column_may_hyphenate():
    short = "a cell of short words that wraps"
    table = ("| " + " | ".join(["Head"] * 6) + " |\n|" + "---|" * 6 + "\n| "
             + " | ".join([f"{LONG_WORD} and more", *[short] * 5]) + " |\n"
             + "| " + " | ".join([short] * 6) + " |\n")
    typ = pdf.to_typst(table)
    assert typ.count('#set par(linebreaks: "optimized")\n    #set text(hyphenate: true)') == 1
    assert f'[#set par(linebreaks: "optimized")\n    #set text(hyphenate: true)\n    {LONG_WORD}' \
        in typ

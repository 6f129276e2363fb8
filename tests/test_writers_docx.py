"""The Word document, read back with python-docx and zipfile + lxml: styles, numbers, footer,
landscape appendix, tables, properties, draft mark, identical bytes, and LibreOffice's view."""
import getpass
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import RGBColor
from lxml import etree

from casereview.anonymise import matcher
from casereview.commands import template
from casereview.commands.check import check
from casereview.identities import Register
from casereview.render import render
from casereview.scan import scan
from casereview.writers import docx as docx_writer
from conftest import MINIMAL, ROOT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
BUILT = date(2016, 6, 13)
SOFFICE = "/usr/bin/soffice"


def q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


class Built:
    def __init__(self, workspace: Path, out: Path):
        self.rendered = render(check(workspace).review, workspace, BUILT, "review")
        [self.path] = docx_writer.write(self.rendered, out)
        self.doc = docx.Document(str(self.path))
        self.body = self.doc.element.body
        with zipfile.ZipFile(self.path) as z:
            self.parts = {n: z.read(n) for n in z.namelist()}

    def xml(self, name: str):
        return etree.fromstring(self.parts[name])

    def texts(self, style: str) -> list[str]:
        return [p.text for p in self.doc.paragraphs if p.style.name == style]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Built:
    return Built(ROOT, tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Built:
    return Built(MINIMAL, tmp_path_factory.mktemp("minimal"))


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(q("w:t")))


def section_of_each_element(body):
    """(element, sectPr that ends its section) for every top-level element of the body."""
    pending, out = [], []
    for el in body:
        pending.append(el)
        sect = el.find("w:pPr/w:sectPr", NS) if el.tag == q("w:p") else (
            el if el.tag == q("w:sectPr") else None)
        if sect is not None:
            out += [(e, sect) for e in pending]
            pending = []
    return out


def is_landscape(sect) -> bool:
    size = sect.find("w:pgSz", NS)
    return int(size.get(q("w:w"))) > int(size.get(q("w:h")))


# ------------------------------------------------------------------ structure

def test_sections_are_word_headings_and_the_navigation_pane_sees_them(example):
    h1 = example.texts("Heading 1")
    assert h1[:3] == ["Introduction", "Terms of Reference", "Methodology"]   # Word numbers them
    assert any(t.startswith("How legal advice related") for t in h1)
    assert h1[-3:] == ["Appendix 1: Agency recommendations and action plans",
                       "Appendix 2: Combined multi-agency chronology", "References"]
    assert len(h1) == len(example.rendered.outline) + 3
    assert "2013" in example.texts("Heading 2") and "September" in example.texts("Heading 3")
    styles = example.xml("word/styles.xml")
    for level in range(3):
        outline = styles.find(f"w:style[@w:styleId='Heading{level + 1}']/w:pPr/w:outlineLvl", NS)
        assert outline.get(q("w:val")) == str(level)


def test_numbered_paragraphs_keep_their_bookmarks_and_lose_the_typed_number(example):
    bookmarks = {b.get(q("w:name")): b.getparent() for b in example.body.iter(q("w:bookmarkStart"))}
    numbered = [b for s in example.rendered.outline for b in s.blocks if b.number]
    assert len(numbered) > 200
    for block in numbered:
        p = bookmarks[block.anchor]
        assert p.tag == q("w:p"), block.anchor
        assert p.find("w:pPr/w:pStyle", NS).get(q("w:val")) == "NumberedParagraph"
        assert not paragraph_text(p).startswith(block.number), block.anchor
    assert paragraph_text(bookmarks["legal-advice"]).startswith(
        "On 19 June Children’s Social Care challenged the legal advice")


def test_title_page_then_a_contents_field_filled_with_every_heading(example):
    info = example.rendered.info
    first = [p.text for p in example.doc.paragraphs[:6]]
    assert first[0] == example.rendered.title == "Serious Case Review – Child B1"
    assert "13 June 2016" in first
    assert info.version in first and "Status: Published" in first
    assert any(info.partnership in t for t in first)
    instr = " ".join(t.text for t in example.body.iter(q("w:instrText")))
    assert 'TOC \\o "1-1" \\h \\z \\u' in instr
    assert "PAGEREF" not in instr                  # page numbers: Word's update of the table
    assert example.body.find(".//w:fldChar[@w:dirty]", NS) is None
    entries = [p for p in example.body.iter(q("w:p"))
               if p.find("w:pPr/w:pStyle[@w:val='TOC1']", NS) is not None]
    assert all(p.getparent().tag == q("w:sdtContent") for p in entries)
    tabbed = ["".join("\t" if c.tag == q("w:tab") else c.text or "" for r in p.iter(q("w:r"))
                      for c in r if c.tag in (q("w:t"), q("w:tab"))) for p in entries]
    headings = example.texts("Heading 1")
    sections = len(example.rendered.outline)
    assert tabbed == [f"{n}.\t{t}" for n, t in enumerate(headings[:sections], 1)] + headings[sections:]
    assert tabbed[0] == "1.\tIntroduction" and tabbed[-1] == "References"
    names = {b.get(q("w:name")) for b in example.body.iter(q("w:bookmarkStart"))}
    links = [p.find("w:hyperlink", NS).get(q("w:anchor")) for p in entries]
    assert len(links) == len(headings) and set(links) <= names


def test_word_is_not_asked_to_update_fields_on_opening(example):
    settings = example.xml("word/settings.xml")
    assert settings.find("w:updateFields", NS) is None
    assert settings.find("w:themeFontLang", NS).get(q("w:val")) == "en-GB"


def test_footnotes_are_word_footnotes(example):
    notes = example.xml("word/footnotes.xml")
    texts = ["".join(n.itertext()) for n in notes.findall("w:footnote", NS)]
    assert any("A shortage of oxygen reaching the body’s tissues." in t for t in texts)
    assert len(list(example.body.iter(q("w:footnoteReference")))) == len(texts) - 2  # separators


# ------------------------------------------------------------------ pages

def test_every_section_is_a4_and_the_footer_has_version_and_page_x_of_y(example):
    sects = example.body.findall(".//w:sectPr", NS)
    assert len(sects) == 3
    footer_ids = {s.find("w:footerReference[@w:type='default']", NS).get(q("r:id"))
                  for s in sects}
    assert len(footer_ids) == 1                               # one footer, on every section
    footer = example.doc.sections[0].footer
    text = "".join(p.text for p in footer.paragraphs)
    assert example.rendered.info.version in text and "Page " in text and " of " in text
    instr = [t.text.strip() for t in footer._element.iter(q("w:instrText"))]
    assert instr == ["PAGE", "NUMPAGES"]
    for section in example.doc.sections:
        assert sorted([section.page_width.twips, section.page_height.twips]) == [11906, 16838]


def test_the_title_page_has_an_empty_footer_of_its_own_and_no_header(example, draft):
    assert example.body.find(".//w:headerReference", NS) is None     # no header anywhere
    header = draft.doc.sections[0]._sectPr.find("w:headerReference[@w:type='first']", NS)
    assert header is not None                # the draft's mark is in the title page's text
    assert "".join(p.text for p in draft.doc.sections[0].first_page_header.paragraphs) == ""
    for built in (example, draft):
        first = built.doc.sections[0]
        assert first.different_first_page_header_footer
        assert first._sectPr.find("w:titlePg", NS) is not None
        assert not first.first_page_footer.is_linked_to_previous
        assert "".join(p.text for p in first.first_page_footer.paragraphs) == ""
        assert built.rendered.info.version in first.footer.paragraphs[0].text
        for later in built.doc.sections[1:]:                 # one title page, not one a section
            assert later._sectPr.find("w:titlePg", NS) is None


def test_the_action_plans_are_in_a_landscape_section_with_the_same_footer(example):
    placed = section_of_each_element(example.body)
    landscape = [(el, s) for el, s in placed if is_landscape(s)]
    assert landscape, "no landscape section"
    assert {id(s) for _, s in landscape} == {id(landscape[0][1])}   # one landscape section
    wide = landscape[0][1]
    assert example.doc.sections[1].orientation == WD_ORIENT.LANDSCAPE
    first = next(el for el, _ in landscape if el.tag == q("w:p") and paragraph_text(el))
    assert paragraph_text(first) == "Appendix 1: Agency recommendations and action plans"
    plans = [el for el, _ in placed if el.tag == q("w:tbl")
             and paragraph_text(el.find("w:tr", NS)).startswith("No.Recommendation")]
    assert len(plans) == example.rendered.markdown.count("{#action-plan-") == 6
    assert all(s is wide for el, s in placed if el in plans)
    assert wide.find("w:footerReference", NS) is not None
    assert not any(is_landscape(s) for el, s in placed
                   if el.tag == q("w:p") and paragraph_text(el).startswith("Appendix 2"))


def test_tables_repeat_their_header_row_and_fill_the_text_width(example):
    tables = [(el, s) for el, s in section_of_each_element(example.body) if el.tag == q("w:tbl")]
    assert len(tables) >= 9
    for tbl, sect in tables:
        rows = tbl.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
        width = tbl.find("w:tblPr/w:tblW", NS)
        assert (width.get(q("w:type")), width.get(q("w:w"))) == ("pct", "5000")
        cols = [int(c.get(q("w:w"))) for c in tbl.iterfind("w:tblGrid/w:gridCol", NS)]
        text_width = 16838 - 2 * 1418 if is_landscape(sect) else 11906 - 2 * 1418
        assert sum(cols) == text_width
        assert min(cols) >= 700                             # 1.2 cm: a word fits


# ------------------------------------------------------------------ package

def test_properties_come_from_the_review_and_nothing_from_the_machine(example):
    core = example.doc.core_properties
    assert core.title == "Serious Case Review – Child B1"
    assert core.subject == "Overview report – Leicester Safeguarding Children Board"
    assert "Child B1" in core.keywords and "safeguarding" in core.keywords
    assert core.language == "en-GB"
    assert core.last_modified_by == "" and core.revision <= 1
    midnight = datetime(2016, 6, 13, tzinfo=timezone.utc)
    assert core.created.replace(tzinfo=timezone.utc) == midnight
    assert core.modified.replace(tzinfo=timezone.utc) == midnight
    props = example.parts["docProps/core.xml"] + example.parts["docProps/app.xml"]
    for absent in (b"lastModifiedBy", b"revision", b"Template", b"TotalTime"):
        assert absent not in props
    user = getpass.getuser().encode()
    assert not any(user in example.parts[n] for n in ("docProps/core.xml", "docProps/app.xml",
                                                      "docProps/custom.xml"))


def test_the_author_is_the_lead_reviewer_as_the_report_signs(example, draft, tmp_path):
    assert example.doc.core_properties.author == "Safron Rose"
    signed = [p.text for p in example.doc.paragraphs if p.text.startswith("Safron Rose")]
    assert signed                                   # a name the report already publishes
    # the minimal review has no recommendations section: it signs after its last section
    assert "**A Reviewer**" in draft.rendered.markdown
    assert draft.doc.core_properties.author == "A Reviewer"
    by_role = shutil.copytree(ROOT, tmp_path / "ws", ignore=shutil.ignore_patterns(
        "site", "dist", "node_modules", ".git", "tests", "benchmarks", "docs"))
    review = by_role / "review" / "review.yml"
    review.write_text(review.read_text(encoding="utf-8") + "professionals: role\n", "utf-8")
    built = Built(by_role, tmp_path / "out")
    assert built.doc.core_properties.author == "Independent Overview Author"
    assert b"Safron Rose" not in built.parts["docProps/core.xml"]
    review_by_role = check(by_role).review           # its names are identifiers now
    assert scan(tmp_path / "out", matcher(review_by_role, Register())) == []


def test_no_part_is_empty_and_no_comments_part_ships(example, draft):
    for built in (example, draft):
        assert not any("comments" in n for n in built.parts)
        rels = built.parts["word/_rels/document.xml.rels"] + built.parts["[Content_Types].xml"]
        assert b"comments" not in rels
        for name, data in built.parts.items():
            if name.endswith(".xml") or name.endswith(".rels"):
                assert len(etree.fromstring(data)), name       # a root with something in it


def test_no_revision_ids_anywhere(example, draft):
    for built in (example, draft):
        for name, data in built.parts.items():
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(data)
            for el in root.iter():
                assert not str(el.tag).endswith("}rsids"), name
                assert not any(etree.QName(a).localname.startswith("rsid") for a in el.attrib), name


def test_same_input_gives_the_same_bytes(example, tmp_path):
    again = docx_writer.write(example.rendered, tmp_path)[0]
    assert again.read_bytes() == example.path.read_bytes()
    with zipfile.ZipFile(again) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2016, 6, 13, 0, 0, 0)}


# ------------------------------------------------------------------ draft

def test_a_draft_says_so_on_every_page(draft):
    mark = draft.rendered.mark
    assert draft.rendered.draft and mark.startswith("DRAFT — NOT FOR PUBLICATION")
    sects = draft.body.findall(".//w:sectPr", NS)
    assert len({s.find("w:headerReference", NS).get(q("r:id")) for s in sects}) == 1
    header = draft.doc.sections[0].header
    assert [p.text for p in header.paragraphs] == [mark]
    assert mark in [p.text for p in draft.doc.paragraphs[:8]]   # and on the title page
    assert any(is_landscape(s) for s in sects)


def test_a_published_review_has_no_mark(example):
    assert not example.rendered.draft
    assert example.body.find(".//w:headerReference", NS) is None
    assert not any(n.startswith("word/header") for n in example.parts)
    assert b"NOT FOR PUBLICATION" not in example.parts["word/document.xml"]


# ------------------------------------------------------------------ LibreOffice

def office_pdf(docx_path: Path, folder: Path) -> list[str]:
    """The document as LibreOffice prints it (headless, to PDF): each page's text as
    `pdftotext -layout` extracts it."""
    if not Path(SOFFICE).exists():
        pytest.fail(f"LibreOffice is needed for this test: {SOFFICE} is missing "
                    "(tests/setup.sh installs it; on Debian/Ubuntu: apt-get install "
                    "libreoffice-writer)")
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "report.docx"
    shutil.copy(docx_path, source)
    profile = (folder / "profile").as_uri()             # its own profile: no clash with others
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(folder / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("office")


@pytest.fixture(scope="module")
def printed(example, office) -> list[str]:
    return office_pdf(example.path, office)


def test_libreoffice_opens_it_and_prints_the_whole_report(example, printed, office):
    from pypdf import PdfReader

    assert len(printed) > 10
    assert any(re.search(r"18\.5\s+On 19 June", t) for t in printed)
    pdf = PdfReader(str(office / "report.pdf"))
    assert len(pdf.pages) == len(printed)
    wide = [i for i, p in enumerate(pdf.pages) if p.mediabox.width > p.mediabox.height]
    assert wide and "Appendix 1" in printed[wide[0]]


def test_libreoffice_prints_no_footer_on_the_title_page_and_page_x_of_n_on_the_others(
        example, printed):
    version = example.rendered.info.version
    assert example.rendered.title in printed[0]
    assert "Page" not in printed[0] and printed[0].count(version) == 1    # the title's line
    count = len(printed)
    for number, page in enumerate(printed[1:], 2):
        footer = page.rstrip().splitlines()[-1].split()
        assert " ".join(footer) == f"{version} · Page {number} of {count}"


def test_libreoffice_shows_the_contents_without_updating_fields(example, printed):
    """Every heading of the report, numbered as in the text, in order, on the page after the
    title page."""
    contents = " ".join(printed[1].split())
    assert contents.startswith("Contents 1. Introduction 2. Terms of Reference")
    sections = example.rendered.outline
    titles = [f"{s.number}. {s.section.title}" for s in sections] + example.texts(
        "Heading 1")[len(sections):]
    assert len(titles) == len(example.texts("Heading 1"))
    at = 0
    for title in titles:
        found = contents.find(" ".join(title.split()), at)
        assert found >= 0, title
        at = found + len(title)
    body = " ".join(" ".join(page.split()) for page in printed[2:])
    for title in titles:                              # and each heading is in the report
        assert " ".join(title.split()) in body, title


def test_a_workspace_reference_document_restyles_the_report(tmp_path):
    """`casereview template reference.docx`, restyled in Word (here: python-docx), is used."""
    workspace = shutil.copytree(MINIMAL, tmp_path / "ws")
    reference = template.copy(workspace, "reference.docx")
    styles = docx.Document(str(reference))
    styles.styles["Heading 1"].font.color.rgb = RGBColor.from_string("7B2C83")
    styles.styles["Normal"].font.name = "Georgia"
    styles.save(str(reference))
    assert check(workspace).report.errors == []
    built = Built(workspace, tmp_path / "out")
    assert str(built.doc.styles["Heading 1"].font.color.rgb) == "7B2C83"
    assert built.doc.styles["Normal"].font.name == "Georgia"
    assert built.texts("Heading 1")[0] == "Introduction"       # numbered by Word's list
    heading = built.doc.styles["Heading 1"].element
    assert heading.find("w:pPr/w:numPr/w:numId", NS) is not None

"""The Word document, read back with python-docx and zipfile + lxml: styles, numbers, footer,
landscape appendix, tables, properties, draft mark, identical bytes, and LibreOffice's view."""
import getpass
import io
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

from casereview.commands import template
from casereview.commands.check import check
from casereview.render import render
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
    assert h1[:3] == ["1. Introduction", "2. Terms of Reference", "3. Methodology"]
    assert any(t.startswith("18. How legal advice related") for t in h1)
    assert h1[-3:] == ["Appendix 1: Agency recommendations and action plans",
                       "Appendix 2: Combined multi-agency chronology", "References"]
    assert len(h1) == len(example.rendered.outline) + 3
    assert "2013" in example.texts("Heading 2") and "September" in example.texts("Heading 3")
    styles = example.xml("word/styles.xml")
    for level in range(3):
        outline = styles.find(f"w:style[@w:styleId='Heading{level + 1}']/w:pPr/w:outlineLvl", NS)
        assert outline.get(q("w:val")) == str(level)


def test_numbered_paragraphs_start_with_their_numbers_as_in_the_outline(example):
    bookmarks = {b.get(q("w:name")): b.getparent() for b in example.body.iter(q("w:bookmarkStart"))}
    numbered = [b for s in example.rendered.outline for b in s.blocks if b.number]
    assert len(numbered) > 200
    for block in numbered:
        p = bookmarks[block.anchor]
        assert p.tag == q("w:p"), block.anchor
        assert paragraph_text(p).startswith(f"{block.number} "), block.anchor
    assert paragraph_text(bookmarks["legal-advice"]).startswith(
        "18.5 On 19 June Children’s Social Care challenged the legal advice")


def test_title_page_then_a_contents_field_word_refreshes(example):
    info = example.rendered.info
    first = [p.text for p in example.doc.paragraphs[:6]]
    assert first[0] == example.rendered.title == "Serious Case Review – Child B1"
    assert "13 June 2016" in first
    assert info.version in first and "Status: Published" in first
    assert any(info.partnership in t for t in first)
    instr = " ".join(t.text for t in example.body.iter(q("w:instrText")))
    assert 'TOC \\o "1-1" \\h \\z \\u' in instr
    entries = [p for p in example.body.iter(q("w:p"))
               if p.find("w:pPr/w:pStyle[@w:val='TOC1']", NS) is not None]
    assert all(p.getparent().tag == q("w:sdtContent") for p in entries)
    tabbed = ["".join("\t" if c.tag == q("w:tab") else c.text or "" for r in p.iter(q("w:r"))
                      for c in r if c.tag in (q("w:t"), q("w:tab"))) for p in entries]
    assert tabbed[0] == "1.\tIntroduction\t"
    assert tabbed[-1] == "References\t"
    assert len(entries) == len(example.texts("Heading 1"))
    settings = example.xml("word/settings.xml")
    assert settings.find("w:updateFields", NS).get(q("w:val")) == "true"


def test_footnotes_are_word_footnotes(example):
    notes = example.xml("word/footnotes.xml")
    texts = ["".join(n.itertext()) for n in notes.findall("w:footnote", NS)]
    assert any("A shortage of oxygen reaching the body’s tissues." in t for t in texts)
    assert len(list(example.body.iter(q("w:footnoteReference")))) == len(texts) - 2  # separators


# ------------------------------------------------------------------ pages

def test_every_section_is_a4_and_the_footer_has_version_and_page_x_of_y(example):
    sects = example.body.findall(".//w:sectPr", NS)
    assert len(sects) == 3
    footer_ids = {s.find("w:footerReference", NS).get(q("r:id")) for s in sects}
    assert len(footer_ids) == 1                               # one footer, on every section
    footer = example.doc.sections[0].footer
    text = "".join(p.text for p in footer.paragraphs)
    assert example.rendered.info.version in text and "Page " in text and " of " in text
    instr = [t.text.strip() for t in footer._element.iter(q("w:instrText"))]
    assert instr == ["PAGE", "NUMPAGES"]
    for section in example.doc.sections:
        assert sorted([section.page_width.twips, section.page_height.twips]) == [11906, 16838]


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
    assert core.author == "" and core.last_modified_by == "" and core.revision <= 1
    midnight = datetime(2016, 6, 13, tzinfo=timezone.utc)
    assert core.created.replace(tzinfo=timezone.utc) == midnight
    assert core.modified.replace(tzinfo=timezone.utc) == midnight
    props = example.parts["docProps/core.xml"] + example.parts["docProps/app.xml"]
    for absent in (b"creator", b"lastModifiedBy", b"revision", b"Template", b"TotalTime"):
        assert absent not in props
    user = getpass.getuser().encode()
    assert not any(user in example.parts[n] for n in ("docProps/core.xml", "docProps/app.xml",
                                                      "docProps/custom.xml"))


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

def test_libreoffice_opens_it_and_prints_the_whole_report(example, tmp_path):
    if not Path(SOFFICE).exists():
        pytest.fail(f"LibreOffice is needed for this test: {SOFFICE} is missing "
                    "(tests/setup.sh installs it; on Debian/Ubuntu: apt-get install "
                    "libreoffice-writer)")
    from pypdf import PdfReader

    source = tmp_path / "report.docx"
    shutil.copy(example.path, source)
    profile = (tmp_path / "profile").as_uri()           # its own profile: no clash with others
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    pdf = PdfReader(io.BytesIO((tmp_path / "report.pdf").read_bytes()))
    assert len(pdf.pages) > 10
    texts = [page.extract_text() for page in pdf.pages]
    assert any("18.5 On 19 June" in t for t in texts)
    wide = [i for i, p in enumerate(pdf.pages) if p.mediabox.width > p.mediabox.height]
    assert wide and "Appendix 1" in texts[wide[0]]
    version = example.rendered.info.version
    assert all(version in t and f"of {len(pdf.pages)}" in t for t in texts)


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
    assert built.texts("Heading 1")[0].startswith("1.")

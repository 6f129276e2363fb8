"""The PDF writer: pandoc -> Typst -> PDF, read back with pypdf (and poppler's pdffonts)."""
from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pypdf
import pytest

from casereview.commands.check import check
from casereview.render import Rendered, render
from casereview.writers import pdf
from tests.test_writers_pdf_ua import OVERRIDE_HINT
from tests.test_writers_pdf_ua import fonts as _fonts
from tests.test_writers_pdf_ua import override as _override
from tests.test_writers_pdf_ua import typeset_error as _typeset_error

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
BUILT = date(2016, 6, 13)
FOOTER = "SCR B1 FINAL VERSION – PUBLICATION 13.06.2016"


def _rendered(workspace: Path, name: str) -> Rendered:
    return render(check(workspace).review, workspace, BUILT, name)


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Rendered, Path]:
    rendered = _rendered(ROOT, "x")
    [written] = pdf.write(rendered, tmp_path_factory.mktemp("example"))
    return rendered, written


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> tuple[Rendered, Path]:
    rendered = _rendered(MINIMAL, "draft")
    [written] = pdf.write(rendered, tmp_path_factory.mktemp("draft"))
    return rendered, written


def _texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def _bookmarks(outline) -> list[str]:
    titles = []
    for item in outline:
        titles += _bookmarks(item) if isinstance(item, list) else [item.title]
    return titles


# --- the published example ------------------------------------------------------------------

def test_writes_the_named_pdf(example):
    rendered, written = example
    assert written.name == "x.pdf" and written.parent.name == "dist"
    assert written.read_bytes().startswith(b"%PDF-")


def test_page_count_and_a4(example):
    _, written = example
    reader = pypdf.PdfReader(written)
    assert 30 <= len(reader.pages) <= 80
    first = reader.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (595, 842)   # A4 in pt


def test_title_language_author_and_only_the_build_date(example):
    rendered, written = example
    reader = pypdf.PdfReader(written)
    meta = reader.metadata
    assert meta["/Title"] == rendered.title == "Serious Case Review – Child B1"
    assert meta["/Author"] == "Leicester Safeguarding Children Board"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20160613000000Z"
    dates = set(re.findall(rb"\d{4}-\d\d-\d\dT[\d:]+", written.read_bytes()))   # XMP
    assert dates <= {b"2016-06-13T00:00:00"}


def test_title_page_then_contents(example):
    rendered, written = example
    texts = _texts(written)
    title = texts[0]
    for expected in ("Serious Case Review – Child B1",
                     "Overview report – Leicester Safeguarding Children Board",
                     FOOTER, "13 June 2016", "Published"):
        assert expected in title
    assert "Page 1 of" not in title
    contents = texts[1]
    assert contents.lstrip().startswith("Contents")
    assert "1. Introduction" in contents and "23. Recommendations" in contents
    assert "Appendix 1: Agency recommendations and action plans" in contents
    # depth 1: neither the .unlisted sub-headings nor the appendix's agency headings
    assert "Gender bias" not in contents and "Early Years Support Team" not in contents


def test_bookmarks_are_the_sections(example):
    rendered, written = example
    bookmarks = _bookmarks(pypdf.PdfReader(written).outline)
    for s in rendered.outline:
        assert f"{s.number}. {' '.join(s.section.title.split())}" in bookmarks
    assert bookmarks[0] == "1. Introduction"
    assert any(b.startswith("18. How legal advice") for b in bookmarks)
    assert "Appendix 2: Combined multi-agency chronology" in bookmarks
    assert "Gender bias" not in bookmarks                          # .unlisted


def test_footer_on_every_page_but_the_title_page(example):
    _, written = example
    texts = _texts(written)
    total = len(texts)
    assert f"Page 3 of {total}" in texts[2] and FOOTER in texts[2]
    for number, text in enumerate(texts[1:], 2):
        assert f"Page {number} of {total}" in text, number
        assert FOOTER in text, number


def test_numbered_paragraph_starts_its_paragraph(example):
    _, written = example
    text = "\n".join(_texts(written))
    assert re.search(r"^18\.5 On 19 June Children’s Social Care challenged", text, re.M)
    assert re.search(r"^1\.1 This serious case review", text, re.M)


def test_action_plans_are_landscape_and_the_rest_portrait(example):
    _, written = example
    reader = pypdf.PdfReader(written)
    landscape = [i for i, p in enumerate(reader.pages) if p.mediabox.width > p.mediabox.height]
    assert landscape, "no landscape page"
    assert landscape == list(range(landscape[0], landscape[-1] + 1))    # one run of pages
    texts = [p.extract_text() for p in reader.pages]
    assert "Appendix 1: Agency recommendations and action plans" in texts[landscape[0]]
    assert "Appendix 2: Combined multi-agency chronology" in texts[landscape[-1] + 1]
    # the action plan tables, on landscape pages only, repeat their header row on each page
    plan_pages = [i for i, text in enumerate(texts) if "Outcome measure" in text]
    assert set(plan_pages) <= set(landscape) and len(plan_pages) >= 3
    continued = [i for i in plan_pages if not re.search(r"^Action plan$", texts[i], re.M)]
    assert continued, "no action plan table runs over a page"
    for i in continued:
        assert re.search(r"^No\. Recommendation Desired outcome Actions Lead Deadline", texts[i],
                         re.M)


def test_no_draft_mark_when_published(example):
    _, written = example
    for text in _texts(written):
        assert "NOT FOR PUBLICATION" not in text
        assert "DRAFT\n" not in text


def test_fonts_embedded(example):
    _, written = example
    fonts = _fonts(pypdf.PdfReader(written))
    assert fonts
    for name, font in fonts.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name


def test_fonts_embedded_says_pdffonts(example):
    _, written = example
    tool = shutil.which("pdffonts")
    if tool is None:
        pytest.fail("pdffonts is missing: install poppler-utils (apt-get install poppler-utils)")
    out = subprocess.run([tool, str(written)], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0].split()[-5:] == ["emb", "sub", "uni", "object", "ID"], out
    assert lines[2:], out
    for row in lines[2:]:                                 # names may be wider than their column
        assert row.split()[-5] == "yes", row


def test_typst_reads_the_images_from_the_staging_folder_and_leaves_nothing_there(tmp_path):
    import io

    from PIL import Image
    png = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(png, "PNG")
    rendered = _rendered(MINIMAL, "pictured")
    rendered = dataclasses.replace(
        rendered, markdown=rendered.markdown + "\n![A red square](media/0a1b2c.png)\n",
        media={"media/0a1b2c.png": png.getvalue()})
    [written] = pdf.write(rendered, tmp_path)
    assert written.read_bytes().count(b"/Subtype/Image") == 1
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_identical_bytes_when_written_again(example, tmp_path):
    rendered, written = example
    [again] = pdf.write(rendered, tmp_path)
    assert again.read_bytes() == written.read_bytes()


def test_typst_has_no_warnings(example):
    rendered, _ = example
    _, warnings = pdf.typeset(rendered)
    assert warnings == []


# --- the draft fixture ----------------------------------------------------------------------

def test_draft_mark_on_every_page(draft):
    rendered, written = draft
    assert rendered.draft and rendered.mark.startswith("DRAFT — NOT FOR PUBLICATION")
    texts = _texts(written)
    assert len(texts) >= 4
    for number, text in enumerate(texts, 1):
        assert rendered.mark in text, number
        assert "DRAFT\n" in text, number                              # the watermark


def test_cross_reference_links_to_the_paragraph(draft):
    _, written = draft
    reader = pypdf.PdfReader(written)
    texts = [p.extract_text() for p in reader.pages]
    source = next(i for i, t in enumerate(texts) if "As 1.1 says" in t)
    target = next(i for i, t in enumerate(texts) if re.search(r"^1\.1 This review", t, re.M))
    pages = []
    for annot in reader.pages[source].get("/Annots") or []:
        annot = annot.get_object()
        dest = annot.get("/Dest")
        dest = dest.get_object() if dest is not None else None
        footnote = re.fullmatch(r"(Footnote )?\d+", str(annot.get("/Contents", "")))
        if annot["/Subtype"] == "/Link" and isinstance(dest, pypdf.generic.ArrayObject) \
                and not footnote:
            pages.append(reader.get_page_number(dest[0].get_object()))
    assert target in pages


# --- the Markdown -> Typst step -------------------------------------------------------------

def test_paragraph_numbers_and_clashing_ids():
    typ = pdf.to_typst("# 18. Legal advice {#legal-advice}\n\n"
                       "[18.5]{#legal-advice .para-no} Text.\n\n"
                       "See [18.5](#legal-advice) and [section 18](#legal-advice).\n")
    assert "<legal-advice-section>" in typ
    assert "#strong[18.5]<legal-advice> Text." in typ
    assert "#link(<legal-advice>)[18.5]" in typ
    assert "#link(<legal-advice-section>)[section 18]" in typ


def test_table_columns_follow_their_content():
    long = "words of a long cell " * 8
    typ = pdf.to_typst("| No. | Text | Status |\n|:--|:-------------|:--|\n"
                       f"| 1 | {long} | done |\n| 2 | {long} | in progress |\n")
    assert re.search(r"columns: \(auto, [\d.]+fr, auto\)", typ), typ
    assert "table.header(" in typ


# --- Typst's process -----------------------------------------------------------------------

def test_a_broken_layout_override_names_typst_error(tmp_path):
    workspace = _override(tmp_path, typ="#let broken = (\n")
    assert _typeset_error(workspace) == ("templates/pdf.typ:1:15: typst: unclosed delimiter; "
                                         + OVERRIDE_HINT.format("pdf.typ"))


def test_a_layout_error_is_named_at_its_line_and_column(tmp_path):
    workspace = _override(tmp_path, typ='// my layout\n#let total = 1\n#let both = total + "x"\n')
    assert _typeset_error(workspace) == ("templates/pdf.typ:3:13: typst: cannot add integer and "
                                         "string; " + OVERRIDE_HINT.format("pdf.typ"))


# makes the paragraph `Child T was seldom seen alone.` (section 4) call a function of the layout
CALLS_F = ('function Str(s)\n  if s.text == "seldom" then\n'
           '    return pandoc.RawInline("typst", "#f(1)")\n  end\nend\n')


def test_an_error_in_a_layout_function_names_the_body_line_that_called_it(tmp_path):
    workspace = _override(tmp_path, typ='#let f(x) = x + "a"\n', lua=CALLS_F)
    assert _typeset_error(workspace) == (
        "templates/pdf.typ:1:13: typst: cannot add integer and string; while calling `f` "
        '(review/sections/04-voice.md, near "4.1 Child T was seen alone."); '
        + OVERRIDE_HINT.format("pdf.typ"))


def test_an_error_in_the_body_names_the_section_its_words_and_the_filter(tmp_path):
    workspace = _override(tmp_path, lua=CALLS_F.replace("#f(1)", "#nosuch"))
    assert _typeset_error(workspace) == (
        "review/sections/04-voice.md: typst: unknown variable: nosuch; in \"4. Was the child’s "
        'voice heard?", near "4.1 Child T was seen alone." (line 37 of the Typst pandoc wrote '
        "for the body): probably the workspace's templates/pdf.lua: correct it, or delete it to "
        "use the packaged one")


def test_a_lua_error_in_the_filter_override_is_named_at_its_line(tmp_path):
    workspace = _override(tmp_path, lua="-- my filter\nfunction Pandoc(doc)\n"
                                        "  return doc.nothing.x\nend\n")
    assert _typeset_error(workspace) == ("templates/pdf.lua:3: attempt to index a nil value "
                                         "(field 'nothing'); " + OVERRIDE_HINT.format("pdf.lua"))


def test_a_lua_syntax_error_in_the_filter_override_is_named_at_its_line(tmp_path):
    workspace = _override(tmp_path, lua="function Pandoc(doc)\n  local x = = 1\nend\n")
    assert _typeset_error(workspace) == ("templates/pdf.lua:2: unexpected symbol near '='; "
                                         + OVERRIDE_HINT.format("pdf.lua"))


def test_a_failing_reading_of_the_rendering_says_what_and_where_to_look():
    with pytest.raises(pdf.PdfError) as failed:
        pdf.to_typst("---\ntitle: [a\n---\n\nText.\n")
    assert str(failed.value) == (
        "pandoc could not convert the Markdown rendering to Typst: Error parsing YAML metadata "
        "at (line 1, column 1): YAML parse exception at line 2, column 0, while parsing a flow "
        "sequence: did not find expected ',' or ']'; `casereview build --format md` writes the "
        "rendering to dist/: look for an overridden template in templates/, else report it")


def _child(source: str, **request) -> tuple[int, dict]:
    """The Typst process run by hand: its exit status and its report."""
    result = subprocess.run([sys.executable, "-m", "casereview.writers.typst_process"],
                            input=json.dumps({"source": source, "inputs": {}, "timestamp": 0,
                                              **request}).encode("utf-8"),
                            capture_output=True, cwd=ROOT, check=False)
    return result.returncode, json.loads(result.stderr)


def test_typst_reads_no_file_outside_the_root_it_is_given(tmp_path):
    (tmp_path / "secret.txt").write_text("not for Typst", encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    assert _child('#read("/etc/hostname")', root=str(root)) == (1, {
        "error": f"file not found (searched at {root}/etc/hostname)", "hints": [],
        "at": {"file": "", "line": 1, "column": 7}, "trace": []})
    assert _child('\n#read("../secret.txt")', root=str(root)) == (1, {
        "error": 'path `"../secret.txt"` would escape the project root',
        "hints": ["cannot access files outside of the project sandbox"],
        "at": {"file": "", "line": 2, "column": 7}, "trace": []})


def test_without_a_root_typst_reads_from_an_empty_folder_it_removes(tmp_path):
    status, report = _child('#image("../../x.png")\n#read("/etc/hostname")')
    assert (status, report["error"]) == (1, 'path `"../../x.png"` would escape the project root')
    status, report = _child('#read("/etc/hostname")')
    searched = re.fullmatch(r"file not found \(searched at (.+)/etc/hostname\)", report["error"])
    assert status == 1 and searched, report
    assert Path(searched[1]).name.startswith("casereview-typst-")
    assert not Path(searched[1]).exists()


def test_a_layout_reading_a_file_of_the_machine_is_refused(tmp_path):
    workspace = _override(tmp_path, typ='#let secret = read("/etc/hostname")\n')
    assert re.fullmatch(r"templates/pdf\.typ:1:20: typst: file not found \(searched at "
                        r"/\S+/casereview-media-\w+/etc/hostname\); "
                        + re.escape(OVERRIDE_HINT.format("pdf.typ")), _typeset_error(workspace))


def _resident_mb() -> float:
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    return int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) / 1024


def test_typesetting_leaves_no_memory_behind(example):
    """In-process, the typst package keeps what it memoised (about 100 MB per typesetting of
    the example) for the life of the process; its own process gives it all back."""
    rendered, _ = example
    pdf.typeset(rendered)
    before = _resident_mb()
    for _ in range(3):
        pdf.typeset(rendered)
    assert _resident_mb() - before < 30

"""`build --panel`: the draft the panel reads. Every page of the site, the DOCX and the PDF is
marked PANEL DRAFT with the version and build date, whatever the review's status; each
numbered paragraph shows its key beside its number; the open checks (check's warnings, the
TODOs left in the text) close the report; the files are named `-panel` and never published."""
import re
import subprocess

import docx
import pytest

from browser import audit
from casereview import cli, numbering, pipeline
from casereview.render import literal
from casereview.commands.check import check
from casereview.commands.publish import PublishRefused
from conftest import MINIMAL, ROOT, copy_workspace, edit
from test_formats import NUMBERED, from_html, from_pdf, opening
from test_writers_docx import office_pdf

EPOCH = "1709251200"                                    # 1 March 2024
VERSION = "SCR B1 FINAL VERSION – PUBLICATION 13.06.2016"
MARK = f"PANEL DRAFT — NOT FOR PUBLICATION · {VERSION} · built 1 March 2024"
STEM = "scr-b1-final-version-publication-13-06-2016"
PLANTED_WARNING = (
    "action_plans/ccg.yml:4: warning: rows[0]: row `ccg-1`: deadline `When the training is "
    "next revised` needs a date; give a date or month, e.g. `September 2015`, so it can be "
    "tracked")
PLANTED_TODOS = [
    "agency_imrs/police.yml:6: An anonymous referral about Child 4’s welfare reached Children’s "
    "Social Care. Mother and Father 2, who had recently become her partner, admitted that they "
    "had hit and punched Child 4; Father 2 was arrested and given a caution (TODO: the date of "
    "the caution).",
    "review/sections/09-timescales.md:6: TODO ask the sub-group when Ofsted was told."]
def words(text: str) -> str:
    return " ".join(text.split())


def final_example(tmp_path_factory, name: str):
    """The example as a final review (not yet published), built on 1 March 2024."""
    ws = copy_workspace(ROOT, tmp_path_factory.mktemp(name) / "ws")
    edit(ws, "review/review.yml", "status: published", "status: final")
    return ws


@pytest.fixture(scope="module")
def panel(tmp_path_factory):
    """A final review with a warning and TODOs planted, built for the panel in all three
    formats; a TODO in a YAML comment is the author's note, not an open check."""
    ws = final_example(tmp_path_factory, "panel")
    edit(ws, "action_plans/ccg.yml", 'deadline: "8/04/2015"',
         "deadline: When the training is next revised")
    edit(ws, "agency_imrs/police.yml", "given a caution.",
         "given a caution (TODO: the date of the caution).")
    edit(ws, "agency_imrs/police.yml", "source: Police incident log\n",
         "source: Police incident log\n# TODO: ask the police for the 2012 log\n")
    edit(ws, "review/sections/09-timescales.md", "lacked clarity and clear timelines.\n",
         "lacked clarity and clear timelines.\nTODO ask the sub-group when Ofsted was told.\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = pipeline.build(ws, formats=("html", "docx", "pdf"), panel=True)
    return ws, result


def pdf_pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


WATERMARK = {"D", "R", "A", "FT"}       # the DRAFT across each page, as pdftotext splits it


def pdf_text(path) -> str:
    """The PDF's words, without the mark, the footers and the watermark."""
    lines = [line for page in pdf_pages(path) for line in page.replace(MARK, "").splitlines()
             if line.strip() not in WATERMARK and not re.fullmatch(r"Page \d+ of \d+", line)
             and line != VERSION]
    return words(" ".join(lines))


# ------------------------------------------------------------------ the mark

def test_every_pdf_page_carries_the_panel_mark(panel):
    ws, _ = panel
    pages = pdf_pages(ws / "dist" / f"{STEM}-panel.pdf")
    assert len(pages) > 40
    assert [n for n, page in enumerate(pages, 1) if MARK not in words(page)] == []


@pytest.fixture(scope="module")
def printed(panel, tmp_path_factory) -> list[str]:
    """The panel's DOCX as LibreOffice prints it, page by page."""
    ws, _ = panel
    return office_pdf(ws / "dist" / f"{STEM}-panel.docx", tmp_path_factory.mktemp("office"))


def test_every_docx_page_carries_the_panel_mark(panel, printed):
    ws, _ = panel
    document = docx.Document(ws / "dist" / f"{STEM}-panel.docx")
    for section in document.sections:      # the header every section shows ...
        assert [p.text for p in section.header.paragraphs] == [MARK]
    assert MARK in [p.text for p in document.paragraphs[:8]]     # ... the title page's text
    assert len(printed) > 40                                      # ... and so every page
    assert [n for n, page in enumerate(printed, 1) if MARK not in words(page)] == []


@pytest.fixture(scope="module")
def browsed(panel):
    ws, _ = panel
    site = ws / "site"
    names = sorted(p.name for p in site.glob("*.html") if p.name != "404.html")
    return {p["page"]: p for p in audit(site, names)}


def test_every_site_page_carries_the_panel_mark_and_passes_axe(browsed):
    assert len(browsed) == 23 + 3 + 3 + 1          # sections, appendices, ...; open checks
    assert {name: page["mark"] for name, page in browsed.items() if page["mark"] != [MARK]} == {}
    assert {name: page["violations"] for name, page in browsed.items() if page["violations"]} == {}


def test_a_final_review_is_marked_only_when_built_for_the_panel(tmp_path_factory):
    ws = final_example(tmp_path_factory, "normal")
    pipeline.build(ws, formats=("html", "md"))
    site = [p.read_text(encoding="utf-8") for p in (ws / "site").glob("*.html")]
    assert len(site) == 23 + 3 + 3 + 1 and not any("casereview-mark" in page for page in site)
    plain = (ws / "dist" / f"{STEM}.md").read_text(encoding="utf-8")
    pipeline.build(ws, formats=("md",), panel=True)
    marked = (ws / "dist" / f"{STEM}-panel.md").read_text(encoding="utf-8")
    assert "NOT FOR PUBLICATION" not in plain and ".para-key" not in plain
    assert "Open checks" not in plain
    assert ".para-key" in marked and "# Open checks {#open-checks}" in marked


# ------------------------------------------------------------------ the keys

def test_each_number_has_its_key_beside_it_in_every_format(panel, printed):
    ws, _ = panel
    html = from_html(ws / "site")
    assert len(html) == 246
    assert ("1.2", "[about-child-b1] The review") in html
    checked = check(ws)
    keys = [b.key for s in numbering.outline(checked.review) for b in s.blocks
            if b.kind == "paragraph"]
    assert [opening.split()[0] for _, opening in html] == [f"[{k}]" for k in keys]
    assert sum(bool(re.fullmatch(r"\[k[0-9a-f]{6}\]", o.split()[0])) for _, o in html) > 200
    assert [(m[1], opening(line[m.end(1):])) for page in printed
            for line in page.splitlines() if (m := NUMBERED.match(line))] == html
    assert from_pdf(ws / "dist" / f"{STEM}-panel.pdf") == html


def test_the_key_is_smaller_and_grey_where_the_format_allows(panel):
    ws, _ = panel
    document = docx.Document(ws / "dist" / f"{STEM}-panel.docx")
    style = document.styles["Paragraph Key"]
    assert (style.font.size.pt, str(style.font.color.rgb)) == (8.5, "404040")
    numbered = [p for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    assert len(numbered) == 246
    firsts = [p.runs[0] for p in numbered]
    assert {r.style.name for r in firsts} == {"Paragraph Key"}
    assert firsts[1].text == "[about-child-b1]"           # the number is Word's, the key text
    page = (ws / "site" / "01-introduction.html").read_text(encoding="utf-8")
    assert '<span id="about-child-b1" class="para-no">1.2</span> ' \
           '<span class="para-key">[about-child-b1]</span> The review' in page


# ------------------------------------------------------------------ the open checks

def test_the_open_checks_close_the_report_in_every_format(panel):
    ws, _ = panel
    expected = [PLANTED_WARNING] + PLANTED_TODOS     # the example itself checks clean
    page = (ws / "site" / "27-open-checks.html").read_text(encoding="utf-8")
    listed = re.findall(r"<li>(.*?)</li>", page.split("What was still open")[1], re.S)
    assert [words(re.sub(r"<[^>]+>", "", item)) for item in listed] == expected
    document = docx.Document(ws / "dist" / f"{STEM}-panel.docx")
    texts = [p.text for p in document.paragraphs]
    assert texts[-len(expected) - 2] == "Open checks"
    assert texts[-len(expected):] == expected
    after = pdf_text(ws / "dist" / f"{STEM}-panel.pdf").split("Open checks", 2)[2]
    assert [words(item) for item in after.split("• ")[1:]] == expected
    assert "2012 log" not in after                 # a YAML comment is no open check


def test_no_open_checks_is_said(tmp_path_factory):
    ws = final_example(tmp_path_factory, "clean")      # no warning, no TODO
    pipeline.build(ws, formats=("md",), panel=True)
    markdown = (ws / "dist" / f"{STEM}-panel.md").read_text(encoding="utf-8")
    assert markdown.endswith("\n# Open checks {#open-checks}\n\nNo open checks.\n")


def test_a_likely_identifier_is_named_by_its_kind_only(tmp_path):
    ws = copy_workspace(MINIMAL, tmp_path / "ws")
    edit(ws, "review/terms.yml", "\n", "\n# the duty officer: 0116 496 0123\n")
    pipeline.build(ws, formats=("md",), panel=True)
    markdown = next((ws / "dist").glob("*-panel.md")).read_text(encoding="utf-8")
    assert "0116" not in markdown
    assert literal("review/terms.yml:2: warning: words that look like a phone number (not "
                   "repeated here); replace it") in markdown


# ------------------------------------------------------------------ never a publication

def test_panel_files_are_named_so_and_never_sit_beside_the_report(panel, tmp_path_factory):
    ws, result = panel
    assert sorted(p.name for p in (ws / "dist").iterdir()) == \
        [".casereview-build.json", f"{STEM}-panel.docx", f"{STEM}-panel.pdf"]
    assert [p.name for p in result.outputs] == ["index.html", f"{STEM}-panel.docx",
                                                f"{STEM}-panel.pdf"]
    again = final_example(tmp_path_factory, "after")
    pipeline.build(again, formats=("md",), panel=True)
    pipeline.build(again, formats=("md",))        # the report itself: the panel's goes
    assert [p.name for p in (again / "dist").glob("*.md")] == [f"{STEM}.md"]
    assert [p.name for p in (again / "archive").iterdir()] == [f"{STEM}-panel.md"]


REFUSED = ("a panel build is never published: its pages are marked PANEL DRAFT and it lists "
           "the open checks; publish without --panel once the panel has agreed the report")


def test_a_panel_build_is_never_published(tmp_path, capsys):
    ws = copy_workspace(MINIMAL, tmp_path / "ws")
    with pytest.raises(PublishRefused) as refused:
        pipeline.build(ws, formats=("md",), panel=True, publish=True)
    assert refused.value.reasons == [REFUSED]
    assert cli.main(["publish", "--panel", str(ws)]) == cli.EXIT_ERRORS
    assert capsys.readouterr().err.splitlines() == [
        REFUSED, "not published: 1 reason(s)",
        "nothing was written; the previous outputs are unchanged"]
    assert not (ws / "dist").exists() and not (ws / "site").exists()


def test_the_command_line_builds_for_the_panel(tmp_path, capsys):
    ws = copy_workspace(MINIMAL, tmp_path / "ws")
    assert cli.main(["build", "--panel", "--format", "md", str(ws)]) == cli.EXIT_OK
    assert capsys.readouterr().out.splitlines() == [
        f"wrote {ws}/dist/lcspr-t-draft-0-1-panel.md"]
    markdown = (ws / "dist" / "lcspr-t-draft-0-1-panel.md").read_text(encoding="utf-8")
    assert "[1.1]{#about .para-no} [\\[about\\]]{.para-key} This review" in markdown

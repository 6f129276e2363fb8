"""The executive summary as a document of its own: from review/executive_summary.md or from
the paragraphs marked `{.summary}`, written as its own DOCX, PDF and site page, numbered on
its own, checked, and scanned like every published file."""
import json
import subprocess
from datetime import date

import docx
import pytest

from casereview import pipeline
from casereview.commands.check import check
from casereview.render import PACKAGED, render
from conftest import MINIMAL, ROOT, copy_workspace, edit, messages

NAME = "scr-b1-final-version-publication-13-06-2016"
SUMMARY_FILE = """---
title: Executive summary
---

The review found that the delay in issuing proceedings left Child B1 unprotected (see
paragraph [[para:legal-advice]] of the report).[^delay]

## What the partnership will do

The partnership accepts every recommendation of [[section:recommendations]].

[^delay]: The legal advice was revised on 20 June 2014.
"""


def write_summary(ws, text: str) -> None:
    (ws / "review" / "executive_summary.md").write_text(text, encoding="utf-8")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def docx_texts(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def footnotes(path) -> str:
    part = next(p for p in docx.Document(str(path)).part.package.parts
                if p.partname == "/word/footnotes.xml")
    return part.blob.decode("utf-8")


@pytest.fixture(scope="module")
def summarised(tmp_path_factory):
    """The Child B1 example with an executive summary of its own, published in all three
    formats."""
    ws = copy_workspace(ROOT, tmp_path_factory.mktemp("summary") / "ws")
    write_summary(ws, SUMMARY_FILE)
    pipeline.build(ws, formats=("html", "docx", "pdf"), publish=True)
    return ws


def test_the_summary_is_written_beside_the_report(summarised):
    assert sorted(p.name for p in (summarised / "dist").iterdir()) == [
        ".casereview-build.json", "publication-manifest.json",
        f"{NAME}-executive-summary.docx", f"{NAME}-executive-summary.pdf",
        f"{NAME}.docx", f"{NAME}.pdf"]
    manifest = json.loads((summarised / "dist" / "publication-manifest.json").read_text())
    assert {f"dist/{NAME}-executive-summary.docx", f"dist/{NAME}-executive-summary.pdf",
            "site/executive-summary.html"} <= set(manifest["artefacts"])


def test_the_summary_docx_has_the_title_page_and_its_own_numbers(summarised):
    texts = docx_texts(summarised / "dist" / f"{NAME}-executive-summary.docx")
    assert texts[:5] == ["Serious Case Review – Child B1",
                         "Executive summary – Leicester Safeguarding Children Board",
                         "13 June 2016", "SCR B1 FINAL VERSION – PUBLICATION 13.06.2016",
                         "Status: Published"]
    assert texts[5:] == [
        "Executive summary",
        "1 The review found that the delay in issuing proceedings left Child B1 unprotected "
        "(see paragraph 18.5 of the report).",
        "What the partnership will do",
        "2 The partnership accepts every recommendation of section 23."]
    assert "The legal advice was revised on 20 June 2014." in footnotes(
        summarised / "dist" / f"{NAME}-executive-summary.docx")
    report = docx_texts(summarised / "dist" / f"{NAME}.docx")
    assert not any("delay in issuing proceedings" in t for t in report)


def test_the_summary_pdf_has_the_title_page_and_its_own_numbers(summarised):
    text = pdf_text(summarised / "dist" / f"{NAME}-executive-summary.pdf")
    title_page, words = text.split("\f")[0], " ".join(text.split())
    assert title_page.split("\n")[:4] == [
        "Leicester Safeguarding Children Board", "", "Serious Case Review – Child B1",
        "Executive summary – Leicester Safeguarding Children Board"]
    assert {"SCR B1 FINAL VERSION – PUBLICATION 13.06.2016", "13 June 2016", "Published"} <= \
        set(title_page.split("\n"))
    assert "1 The review found that the delay in issuing proceedings left Child B1 unprotected " \
           "(see paragraph 18.5 of the report).1" in words
    assert "2 The partnership accepts every recommendation of section 23." in words
    assert "1The legal advice was revised on 20 June 2014." in words
    assert "Contents" not in words          # one heading: no table of contents
    assert text.count("\f") == 2            # the title page, then the summary


def test_the_site_has_the_summary_page_first_in_the_menu(summarised):
    site = summarised / "site"
    page = (site / "executive-summary.html").read_text(encoding="utf-8")
    assert '<h1 id="executive-summary">Executive summary</h1>' in page
    assert 'id="es-1"' in page and 'id="es-2"' in page
    assert "(see paragraph 18.5 of the report)" in page
    intro = (site / "01-introduction.html").read_text(encoding="utf-8")
    assert intro.index('href="executive-summary.html"') < intro.index('href="01-introduction.html"')
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.index('<a href="executive-summary.html">Executive summary</a>') < \
        index.index('<a href="01-introduction.html">')
    # a document apart: not on the report's printable page
    assert "delay in issuing proceedings" not in (site / "print.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """The small draft review with two paragraphs marked for the summary, one with a
    footnote."""
    ws = copy_workspace(MINIMAL, tmp_path_factory.mktemp("marked") / "ws")
    edit(ws, "review/sections/01-introduction.md", "{#about} This", "{#about .summary} This")
    edit(ws, "review/sections/04-voice.md", "Child T was", "{.summary} Child T was")
    pipeline.build(ws, formats=("html", "docx"))
    return ws


def test_marked_paragraphs_make_the_summary(marked):
    summary = marked / "dist" / "lcspr-t-draft-0-1-executive-summary.docx"
    texts = docx_texts(summary)
    assert texts[:4] == ["Local Child Safeguarding Practice Review – Child T",
                         "Executive summary – Testshire Safeguarding Children Partnership",
                         "LCSPR T DRAFT 0.1", "Status: Draft"]
    assert texts[4].startswith("DRAFT — NOT FOR PUBLICATION · LCSPR T DRAFT 0.1 · built ")
    assert texts[5:] == ["Executive summary",
                         "1 This review concerns Child T, who was injured at home.",
                         "2 Child T was seldom seen alone."]
    assert "In March 2021." in footnotes(summary)
    page = (marked / "site" / "executive-summary.html").read_text(encoding="utf-8")
    assert "Child T was seldom seen alone." in page and "NOT FOR PUBLICATION" in page
    # the report keeps its paragraphs as they were, the mark gone
    report = docx_texts(marked / "dist" / "lcspr-t-draft-0-1.docx")
    assert "This review concerns Child T, who was injured at home." in report
    assert not any("{" in t for t in report)


def test_a_panel_builds_summary_is_named_for_the_panel(minimal):
    edit(minimal, "review/sections/04-voice.md", "Child T was", "{.summary} Child T was")
    rendered = render(check(minimal).review, minimal, date(2021, 3, 2), "lcspr-t-panel", [])
    assert rendered.summary.name == "lcspr-t-executive-summary-panel"
    assert rendered.summary.mark.startswith("PANEL DRAFT — NOT FOR PUBLICATION")
    assert "[k" not in rendered.summary.markdown        # no paragraph keys: its own numbers


def test_names_are_withheld_by_role_in_the_summary(minimal):
    edit(minimal, "review/review.yml", "status: draft", "status: draft\nprofessionals: role")
    write_summary(minimal, "A Reviewer met the family twice.\n")
    rendered = render(check(minimal).review, minimal, date(2021, 3, 2), "lcspr-t")
    assert "[1]{#es-1 .para-no} Independent Reviewer met the family twice." in \
        rendered.summary.markdown


def test_a_directive_in_the_summary_lists_what_the_report_does(minimal):
    write_summary(minimal, "In short.\n\n## Recommendations\n\n[[recommendations]]\n\nAnd so on.\n")
    markdown = render(check(minimal).review, minimal, date(2021, 3, 2), "lcspr-t").summary.markdown
    assert markdown.split("# Executive summary {#executive-summary}\n\n")[1] == (
        "[1]{#es-1 .para-no} In short.\n\n## Recommendations {.unnumbered .unlisted}\n\n"
        "i.    The partnership should audit information sharing.\n\n"
        "[2]{#es-2 .para-no} And so on.\n")


def test_without_a_summary_nothing_more_is_rendered(minimal):
    assert render(check(minimal).review, minimal, date(2021, 3, 2), "lcspr-t").summary is None


# --- check ----------------------------------------------------------------------------

def summary_says(ws, text: str) -> list[str]:
    write_summary(ws, text)
    return messages(ws)


def test_a_summary_file_without_text_is_an_error(minimal):
    (minimal / "review" / "executive_summary.md").write_text(
        "---\ntitle: Summary\n---\n\n")
    assert messages(minimal) == [
        "review/executive_summary.md:4:1: the executive summary has no text; write its "
        "paragraphs after the front matter, or delete the file (the paragraphs of the report "
        "marked `{.summary}` then make the summary)"]


def test_marks_beside_a_summary_file_are_ignored_with_a_warning(minimal):
    write_summary(minimal, "In short.\n")
    edit(minimal, "review/sections/04-voice.md", "Child T was", "{.summary} Child T was")
    assert messages(minimal) == [
        "review/sections/04-voice.md:5:1: warning: this paragraph is marked `{.summary}` but "
        "review/executive_summary.md is the executive summary: the mark is ignored; remove the "
        "mark, or delete review/executive_summary.md to make the summary of the marked "
        "paragraphs"]


def test_the_chronology_is_not_repeated_in_the_summary(minimal):
    assert summary_says(minimal, "In short.\n\n[[chronology 2020-01-01..2021-03-31]]\n") == [
        "review/executive_summary.md:3:1: `[[chronology 2020-01-01..2021-03-31]]`: the "
        "chronology is the report's alone, not repeated in the executive summary; remove it; "
        "refer to the report's paragraphs with [[para:id]]"]


# --- the output scan -------------------------------------------------------------------

def test_an_identifier_in_the_summary_is_found_and_nothing_is_published(tmp_path):
    """A name only the summary's template makes, as it runs: no source holds it, so the
    output scan alone can stop it, in each of the summary's files."""
    ws = copy_workspace(MINIMAL, tmp_path / "ws")
    edit(ws, "review/sections/04-voice.md", "Child T was", "{.summary} Child T was")
    (ws / "private").mkdir()
    (ws / "private" / "identities.yml").write_text(
        "identities:\n  - real: Hestia Larkspur\n    use: Mother\n", encoding="utf-8")
    (ws / "templates").mkdir()
    template = (PACKAGED / "executive_summary.md.j2").read_text(encoding="utf-8")
    (ws / "templates" / "executive_summary.md.j2").write_text(
        template + '\nWith thanks to {{ "HES" ~ "TIA LARK" ~ "SPUR" }}.\n', encoding="utf-8")
    with pytest.raises(pipeline.LeakFound) as leak:
        pipeline.build(ws, formats=("html", "docx", "pdf"))
    found = {(f.artefact, f.channel) for f in leak.value.findings}
    assert {("dist/lcspr-t-draft-0-1-executive-summary.docx", "docx"),
            ("dist/lcspr-t-draft-0-1-executive-summary.pdf", "pdf text"),
            ("site/executive-summary.html", "page")} <= found
    assert all("executive-summary" in artefact or "search" in artefact
               for artefact, _ in found)
    assert not (ws / "dist").exists() and not (ws / "site").exists()

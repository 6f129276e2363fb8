"""The report's structure in all three formats: front matter (review/front/) before section 1
and unnumbered, appendices (review/appendices/) labelled after the body with the generated
ones placed or following them, and each numbering scheme giving the same paragraph numbers
in the site, the DOCX (as LibreOffice prints it) and the PDF."""
import re
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from casereview import pipeline
from casereview.cli import main
from casereview.commands.check import check
from casereview.render import render
from comments_docx import comment, paragraph
from conftest import ROOT, copy_workspace, edit, messages
from test_formats import opening
from test_writers_docx import office_pdf

FRONT = {
    "review/front/00-foreword.md": "---\ntitle: Foreword\nkind: foreword\n---\n"
    "The board thanks the family of Child B1 for their part in this review.\n\n"
    "{#thanks} It thanks the practitioners who gave their time.\n",
    "review/front/01-family.md": "---\ntitle: The family\n---\n[[family]]\n",
    "review/front/02-tribute.md": "---\ntitle: A tribute to Child B1\nkind: tribute\n---\n"
    "Child B1 loved music and being sung to.\n",
}
APPENDICES = {
    "review/appendices/a-glossary.md": "---\ntitle: Glossary\nkind: glossary\n---\n"
    "Abbreviations the report uses are set out below.\n\n## Health\n\n"
    "GP means general practitioner.\n\nHV means health visitor.\n",
    "review/appendices/b-chronology.md": "---\ntitle: Chronology of events\n"
    "generate: chronology\n---\n",
}
CONSENT = ("\n## Consent\n\nConsent to share the report was sought from the family; see "
           "[[section:glossary]] and the [[section:foreword]].\n\nIt was given in writing.\n")
HEADINGS = ["Foreword", "The family", "A tribute to Child B1"]
APPENDIX_HEADINGS = ["Appendix A: Glossary", "Appendix B: Chronology of events",
                     "Appendix C: Agency recommendations and action plans", "References"]


def write(ws: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (ws / rel).parent.mkdir(parents=True, exist_ok=True)
        (ws / rel).write_text(text, encoding="utf-8")


def structured(target: Path, scheme: str) -> Path:
    """The example with front matter, a glossary, the chronology placed as appendix B, letters
    for labels, a `##` heading in section 5, numbered by `scheme`."""
    ws = copy_workspace(ROOT, target)
    write(ws, {**FRONT, **APPENDICES})
    edit(ws, "review/review.yml", "chair:",
         f"numbering: {scheme}\nappendix_labels: letters\nchair:")
    section = ws / "review/sections/05-confidentiality.md"
    section.write_text(section.read_text(encoding="utf-8") + CONSENT, encoding="utf-8")
    return ws


@pytest.fixture(scope="module", params=["section", "subsection", "straight"])
def built(request, tmp_path_factory) -> Path:
    ws = structured(tmp_path_factory.mktemp(request.param) / "ws", request.param)
    pipeline.build(ws)
    return ws


def site_paragraphs(site: Path) -> list[tuple[str, str]]:
    out = []
    for page in sorted(site.glob("[0-9][0-9]-*.html")):
        for m in re.finditer(r'class="para-no">([^<]+)</span>\s*(.*?)</p>', page.read_text(),
                             re.S):
            out.append((m[1], opening(re.sub(r"<[^>]+>", "", m[2]))))
    return out


def pdf_lines(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [" ".join(line.split()) for line in text.replace("\f", "\n").splitlines()]


def office_lines(path: Path, folder: Path) -> list[str]:
    """The DOCX as LibreOffice prints it: Word's numbers are laid out, not typed."""
    return [" ".join(line.split()) for page in office_pdf(path, folder)
            for line in page.splitlines()]


def numbered(lines: list[str], expected: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (number, opening words) of the lines that begin as an expected paragraph does, in
    the order printed (a wrapped line that happens to begin with a figure is not one)."""
    wanted = set(expected)
    found = [(m[1], opening(m[2])) for line in lines if (m := re.match(r"(\S+) (.*)", line))]
    return [pair for pair in found if pair in wanted]


def outputs(ws: Path) -> tuple[Path, Path, Path]:
    return ws / "site", next((ws / "dist").glob("*.docx")), next((ws / "dist").glob("*.pdf"))


def page(site: Path, section_id: str) -> str:
    """The HTML of the page of a part, by its id (pages are named `NN-id.html`)."""
    return next(site.glob(f"[0-9][0-9]-{section_id}.html")).read_text(encoding="utf-8")


def menu(site: Path) -> list[str]:
    page_ = LexborHTMLParser(page(site, "introduction"))
    return [a.text(strip=True) for a in page_.css(".md-sidebar--primary nav > ul > li > a")]


# ------------------------------------------------------------------ all three formats

def test_the_same_paragraph_numbers_in_the_site_the_docx_and_the_pdf(built, tmp_path):
    site, document, pdf = outputs(built)
    html = site_paragraphs(site)
    assert numbered(office_lines(document, tmp_path), html) == html
    assert numbered(pdf_lines(pdf), html) == html
    scheme = check(built).review.info.numbering
    numbers = [n for n, _ in html]
    body = [n for n in numbers if not n.startswith("A")]
    if scheme == "straight":
        assert body == [str(i) for i in range(1, len(body) + 1)] and len(body) == 248
        assert numbers[len(body):] == ["A.1", "A.2", "A.3"]
    elif scheme == "subsection":
        assert numbers[numbers.index("5.1"):numbers.index("6.1")] == ["5.1", "5.2.1", "5.2.2"]
        assert numbers[numbers.index("11.1"):numbers.index("11.1") + 3] == [
            "11.1", "11.2.1", "11.3.1"]               # the chronology's years are headings
        assert numbers[len(body):] == ["A.1", "A.2.1", "A.2.2"]
    else:
        assert numbers[numbers.index("5.1"):numbers.index("6.1")] == ["5.1", "5.2", "5.3"]
        assert numbers[len(body):] == ["A.1", "A.2", "A.3"]
    assert ("1.2" if scheme != "straight" else "2", "The review concerns") in html


def test_front_matter_comes_before_section_1_unnumbered(built, tmp_path):
    site, document, pdf = outputs(built)
    assert menu(site)[:5] == ["Overview", *HEADINGS, "1. Introduction"]
    foreword = page(site, "foreword")
    assert "para-no" not in foreword and "<p>The board thanks the family" in foreword
    assert ">Child B1</td>" in page(site, "family")

    headings = [p.text for p in docx.Document(str(document)).paragraphs
                if p.style.name == "Heading 1"]
    assert headings[:4] == [*HEADINGS, "Introduction"]
    printed = office_lines(document, tmp_path)
    first = next(k for k, line in enumerate(printed) if line == "Foreword" and   # not the
                 printed[k + 1].startswith("The board thanks the family"))   # contents; no number
    body = printed[first:]
    assert body.index("The family") < body.index("A tribute to Child B1") < \
        body.index("1. Introduction")

    lines = pdf_lines(pdf)
    first = lines.index("Foreword")        # the heading: the contents' entry has its page
    assert lines[first + 1].startswith("The board thanks the family")
    assert [line for line in lines if line in (*HEADINGS, "1. Introduction")] == \
        [*HEADINGS, "1. Introduction"]


def test_appendices_follow_the_body_labelled_with_the_generated_ones_after(built):
    site, document, pdf = outputs(built)
    assert menu(site)[-6:-2] == APPENDIX_HEADINGS
    headings = [p.text for p in docx.Document(str(document)).paragraphs
                if p.style.name == "Heading 1"]
    assert headings[-5:] == ["Recommendations", *APPENDIX_HEADINGS]
    lines = pdf_lines(pdf)
    assert [line for line in lines if line in APPENDIX_HEADINGS] == APPENDIX_HEADINGS
    chronology = page(site, "chronology")
    assert "<h1" in chronology and "Appendix B: Chronology of events" in chronology
    assert 'id="chronology-table"' in chronology
    # cross-references name the appendix by its label and front matter by its title
    said = "sought from the family; see appendix A and the Foreword."
    assert said in " ".join(lines)
    assert said.replace("appendix A", '<a href="27-glossary.html#sec-glossary">appendix A</a>'
                        ).replace("Foreword", '<a href="01-foreword.html#sec-foreword">'
                                  'Foreword</a>') in page(site, "confidentiality")


def test_only_the_subsection_scheme_numbers_the_headings_and_alike_in_all_three(
        built, tmp_path):
    site, document, pdf = outputs(built)
    subsection = check(built).review.info.numbering == "subsection"
    expected = ["5.2 Consent", "A.2 Health", "11.2 2009", "12.2 2010"] if subsection else \
        ["Consent", "Health", "2009", "2010"]
    assert [h.text(strip=True) for h in LexborHTMLParser(page(site, "confidentiality")).css(
        "article h2")] == expected[:1]
    assert [h.text(strip=True) for h in LexborHTMLParser(page(site, "glossary")).css(
        "article h2")] == expected[1:2]
    printed, lines = office_lines(document, tmp_path), pdf_lines(pdf)
    for heading in expected:
        assert heading in printed and heading in lines, heading
    if not subsection:
        assert "5.2 Consent" not in lines and "5.2 Consent" not in printed


# ------------------------------------------------------------------ rendering alone

def headings(ws: Path) -> list[str]:
    markdown = render(check(ws).review, ws).markdown
    return re.findall(r"^# (.*?) \{", markdown, re.M)


def without_chronology_plans_or_citations(ws: Path) -> None:
    edit(ws, "review/panel.yml", "chronology: true", "chronology: false")
    edit(ws, "review/panel.yml", "chronology: true", "chronology: false")
    for path in (ws / "agency_imrs").glob("*.yml"):
        imr = yaml.safe_load(path.read_text(encoding="utf-8"))
        imr.update(chronology=[], recommendations=[])
        path.write_text(yaml.safe_dump(imr, sort_keys=False), encoding="utf-8")
    for path in (ws / "action_plans").glob("*.yml"):
        path.unlink()
    for path in (ws / "review" / "sections").glob("*.md"):
        path.write_text(re.sub(r" ?\[@[\w:-]+\]", "", path.read_text(encoding="utf-8")),
                        encoding="utf-8")


def test_a_generated_appendix_with_nothing_to_show_is_left_out(minimal):
    assert headings(minimal)[-3:] == ["Appendix 1: Agency recommendations and action plans",
                                      "Appendix 2: Combined multi-agency chronology",
                                      "References"]
    without_chronology_plans_or_citations(minimal)
    assert headings(minimal)[-1] == "4. Was the child's voice heard?"
    edit(minimal, "review/sections/01-introduction.md", "statutory guidance",
         "statutory guidance [@brandon2008]")
    assert headings(minimal)[-2:] == ["4. Was the child's voice heard?", "References"]


def test_an_appendix_placed_with_nothing_to_generate_keeps_its_own_text(minimal):
    without_chronology_plans_or_citations(minimal)
    write(minimal, {"review/appendices/01-chronology.md":
                    "---\ntitle: Chronology\ngenerate: chronology\n---\nNone was kept.\n"})
    assert messages(minimal) == [
        "review/appendices/01-chronology.md:3:11: warning: generate: `generate: chronology`: "
        "the review has no chronology entries (agency_imrs/), so the appendix shows only its "
        "own text; remove `generate:` (or the file), or add what it would show"]
    markdown = render(check(minimal).review, minimal).markdown
    assert "# Appendix 1: Chronology {#chronology}\n\n[A1.1]{#pA1-1 .para-no} None was kept." \
        in markdown
    assert "chronology-table" not in markdown


def test_generated_appendices_are_labelled_on_from_the_authors(minimal):
    write(minimal, {"review/appendices/01-terms.md": "---\ntitle: Terms in full\nlabel: 1\n"
                    "---\nThe terms as the partnership agreed them.\n"})
    assert headings(minimal)[-4:] == [
        "Appendix 1: Terms in full", "Appendix 2: Agency recommendations and action plans",
        "Appendix 3: Combined multi-agency chronology", "References"]
    edit(minimal, "review/appendices/01-terms.md", "label: 1", "label: B")
    edit(minimal, "review/review.yml", "lead_reviewer:", "appendix_labels: letters\nlead_reviewer:")
    assert headings(minimal)[-4:] == [
        "Appendix B: Terms in full", "Appendix C: Agency recommendations and action plans",
        "Appendix D: Combined multi-agency chronology", "References"]


def test_the_references_placed_by_the_author_are_a_labelled_appendix(minimal):
    write(minimal, {"review/appendices/01-sources.md": "---\ntitle: Sources\n"
                    "generate: references\n---\n"})
    assert headings(minimal)[-3:] == [
        "Appendix 1: Sources", "Appendix 2: Agency recommendations and action plans",
        "Appendix 3: Combined multi-agency chronology"]
    assert "# Appendix 1: Sources {#references}" in render(check(minimal).review,
                                                          minimal).markdown


def test_cross_references_name_an_appendix_and_front_matter(minimal):
    write(minimal, {"review/front/00-foreword.md": "---\ntitle: Foreword\n---\nThanks.\n",
                    "review/appendices/a-glossary.md": "---\ntitle: Glossary\n---\nWords.\n"})
    edit(minimal, "review/sections/03-sharing.md", "As [[para:about]] says",
         "As [[para:about]] ([[section:glossary]], [[section:foreword]]) says")
    markdown = render(check(minimal).review, minimal).markdown
    assert "As [1.1](#about) ([appendix 1](#sec-glossary), [Foreword](#sec-foreword)) says" \
        in markdown
    assert "# Foreword {#sec-foreword .unnumbered}\n\nThanks.\n" in markdown


# ------------------------------------------------------------------ checks

REFUSED = {
    "one label twice": (
        {"review/appendices/a-glossary.md": "---\ntitle: Glossary\n---\nWords.\n",
         "review/appendices/b-terms.md": "---\ntitle: Terms\nlabel: 1\n---\nT.\n"},
        "review/appendices/b-terms.md:3:8: label: appendix label `1` is already the label of "
        "review/appendices/a-glossary.md; give each appendix its own `label:`, or leave "
        "`label:` out to label them in file order"),
    "one appendix generated twice": (
        {"review/appendices/a-events.md": "---\ntitle: Events\ngenerate: chronology\n---\n",
         "review/appendices/b-more.md": "---\ntitle: More\ngenerate: chronology\n---\n"},
        "review/appendices/b-more.md:3:11: generate: `generate: chronology` is already in "
        "review/appendices/a-events.md; place each generated appendix once: remove one of "
        "the two"),
    "a label that cannot begin a paragraph's number": (
        {"review/appendices/a-glossary.md": "---\ntitle: Glossary\nlabel: A.1\n---\nW.\n"},
        "review/appendices/a-glossary.md:3:8: label: appendix label `A.1` may hold only "
        "letters and digits: it begins the numbers of the appendix's paragraphs (A.1); write "
        "a label such as `A` or `3`"),
}


@pytest.mark.parametrize("files, said", REFUSED.values(), ids=REFUSED)
def test_appendices_labelled_or_generated_twice_are_refused(minimal, files, said):
    write(minimal, files)
    assert messages(minimal) == [said]


def test_label_and_generate_belong_to_appendices(minimal):
    edit(minimal, "review/sections/04-voice.md", "---\n", "---\nlabel: X\ngenerate: references\n")
    assert messages(minimal) == [
        "review/sections/04-voice.md:2:8: label: `label:` is for appendices only; move the "
        "file to review/appendices/, or remove the line",
        "review/sections/04-voice.md:3:11: generate: `generate:` is for appendices only; move "
        "the file to review/appendices/, or remove the line"]


def test_a_reference_to_a_paragraph_of_front_matter_is_refused(minimal):
    write(minimal, {"review/front/00-foreword.md": "---\ntitle: Foreword\n---\n"
                    "{#thanks} Thanks.\n"})
    edit(minimal, "review/sections/03-sharing.md", "As [[para:about]] says",
         "As [[para:thanks]] says")
    assert messages(minimal) == [
        "review/sections/03-sharing.md:5:1: `[[para:thanks]]`: paragraph `thanks` is in "
        "front matter (review/front/00-foreword.md), whose paragraphs have no number; refer "
        "to the part instead: `[[section:foreword]]`"]


# ------------------------------------------------------------------ diff and comments

def test_diff_and_comments_read_the_schemes_numbers_from_the_docx(tmp_path, capsys,
                                                                   monkeypatch):
    ws = structured(tmp_path / "old", "subsection")
    old = pipeline.build(ws, formats=("docx",)).outputs[0]
    new_ws = copy_workspace(ws, tmp_path / "new")
    edit(new_ws, "review/appendices/a-glossary.md", "health visitor.", "health visitor (a nurse).")
    edit(new_ws, "review/sections/05-confidentiality.md", "given in writing", "given by email")
    new = pipeline.build(new_ws, formats=("docx",)).outputs[0]
    for versions in ((old, new), (ws, new_ws)):
        assert main(["diff", *map(str, versions)]) == 1
        lines = [re.sub(r" \([^()]*\)  ", "  ", line, count=1)
                 for line in capsys.readouterr().out.splitlines()]
        assert lines == ["changed  5.2.2  It was given [-in writing.-]{+by email.+}",
                         "changed  A.2.2  HV means health [-visitor.-]{+visitor (a nurse).+}",
                         "2 changed, 0 added, 0 removed, 0 moved"]

    returned = docx.Document(str(old))
    for opening_words, said in (("GP means", "Spell it out."), ("It was given", "When?"),
                                ("The board thanks", "Warmer?")):
        comment(returned, paragraph(returned, opening_words).runs, said, ("A", "A"),
                "2016-05-01T10:00:00Z")
    returned.save(str(tmp_path / "returned.docx"))
    monkeypatch.chdir(tmp_path)
    assert main(["comments", "returned.docx", "--workspace", "old"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [re.sub(r" · k\w+$", "", line) for line in out if " · " in line] == [
        "5.2.2 · 5 Confidentiality", "A.2.1 · Appendix A: Glossary", "Foreword · text"]

"""The PDF is PDF/UA-1. veraPDF, the reference validator, is a Java program that none of the
registries this project installs from serves, so `ua_problems` checks the structure PDF/UA-1
asks for and Typst writes, read back with pypdf: the identification in the XMP, the title shown
as the window's title, the language, the marked and tagged content (a structure tree whose
parent tree reaches every page and link), alt text on every figure and link, embedded fonts.
Other test modules import `ua_problems` to hold their own PDFs to it."""
from __future__ import annotations

import dataclasses
import io
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pypdf
import pytest
import typst
from PIL import Image

from casereview.commands.check import check
from casereview.render import Rendered, render
from casereview.writers import pdf
from tests.conftest import edit, messages

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}


# --- the checks -----------------------------------------------------------------------------

def ua_problems(path: Path) -> list[str]:
    """What the PDF at `path` lacks of PDF/UA-1's structure; none for a conforming one."""
    reader = pypdf.PdfReader(path)
    catalog = reader.trailer["/Root"]
    tree = catalog.get("/StructTreeRoot")
    problems = _identification(reader) + _catalog(catalog)
    if tree is None:
        return problems + ["no StructTreeRoot: the content is not tagged"]
    tree = tree.get_object()
    return problems + _tags(tree) + _reached(reader, tree) + _unembedded(reader)


def xmp(reader: pypdf.PdfReader) -> dict[str, str]:
    """The XMP's PDF/UA part and title (element or attribute form), "" where absent."""
    meta = reader.trailer["/Root"].get("/Metadata")
    if meta is None:
        return {"part": "", "title": ""}
    description = ET.fromstring(meta.get_object().get_data()).find(".//rdf:Description", NS)
    part = description.get(f"{{{NS['pdfuaid']}}}part") or \
        description.findtext("pdfuaid:part", "", NS)
    return {"part": part.strip(), "title": description.findtext("dc:title/rdf:Alt/rdf:li", "", NS)}


def _identification(reader: pypdf.PdfReader) -> list[str]:
    found = xmp(reader)
    title = (reader.metadata or {}).get("/Title", "")
    problems = [] if found["part"] == "1" else ["the XMP has no pdfuaid:part 1"]
    if not title.strip():
        problems.append("the document information has no title")
    if found["title"] != title:
        problems.append(f"the XMP's dc:title {found['title']!r} is not the title {title!r}")
    return problems


def _true(value) -> bool:
    return isinstance(value, pypdf.generic.BooleanObject) and bool(value)


def _catalog(catalog) -> list[str]:
    preferences = catalog.get("/ViewerPreferences") or {}
    problems = [] if _true(preferences.get("/DisplayDocTitle")) else [
        "the viewer preferences do not show the title (DisplayDocTitle)"]
    if not _true((catalog.get("/MarkInfo") or {}).get("/Marked")):
        problems.append("MarkInfo does not say the content is marked")
    if not str(catalog.get("/Lang", "")).strip():
        problems.append("no document language (Lang)")
    return problems


def structure(tree) -> list:
    """The structure elements, depth first, each with its standard role (RoleMap applied)."""
    roles = tree.get("/RoleMap") or {}
    found, stack = [], [tree["/K"]]
    while stack:
        node = stack.pop().get_object() if hasattr(stack[-1], "get_object") else stack.pop()
        if isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(reversed(node))
        elif isinstance(node, pypdf.generic.DictionaryObject) and "/S" in node:
            found.append((roles.get(node["/S"], node["/S"]), node))
            if "/K" in node:
                stack.append(node["/K"])
    return found


def _tags(tree) -> list[str]:
    problems = [] if isinstance(tree.get("/RoleMap"), pypdf.generic.DictionaryObject) else [
        "the structure tree has no RoleMap"]
    elements = structure(tree)
    roles = {role for role, _ in elements}
    if not {"/Document", "/P", "/H1"} <= roles:
        problems.append(f"the structure tree lacks Document, P or H1: {sorted(roles)}")
    unnamed = sum(1 for role, element in elements
                  if role == "/Figure" and not str(element.get("/Alt", "")).strip())
    if unnamed:
        problems.append(f"{unnamed} Figure(s) without alt text")
    return problems


def _numbers(node) -> set[int]:
    """The keys of a number tree (the parent tree)."""
    node = node.get_object()
    keys = set(node.get("/Nums", [])[::2])
    for kid in node.get("/Kids", []):
        keys |= _numbers(kid)
    return keys


def _reached(reader: pypdf.PdfReader, tree) -> list[str]:
    """Every page's content and every link reached from the parent tree; links said in words
    and in the structure's tab order."""
    if "/ParentTree" not in tree:
        return ["the structure tree has no ParentTree"]
    keys = _numbers(tree["/ParentTree"])
    problems = []
    for number, page in enumerate(reader.pages, 1):
        if page.get("/StructParents") not in keys:
            problems.append(f"page {number}: its content is not in the parent tree")
        links = [a.get_object() for a in page.get("/Annots") or []]
        if links and page.get("/Tabs") != "/S":
            problems.append(f"page {number}: links not in the structure's order (Tabs)")
        for link in links:
            if link.get("/StructParent") not in keys or not str(link.get("/Contents", "")).strip():
                problems.append(f"page {number}: a link without its tag or words")
    return problems


def fonts(reader: pypdf.PdfReader) -> dict[str, dict]:
    """Every font the pages use (Type0 fonts by their descendant), by base name."""
    found = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        for ref in (resources.get_object().get("/Font") or {}).values() if resources else ():
            font = ref.get_object()
            for leaf in font.get("/DescendantFonts") or [font]:
                leaf = leaf.get_object()
                found[leaf["/BaseFont"]] = leaf
    return found


def _unembedded(reader: pypdf.PdfReader) -> list[str]:
    return [f"font {name} is not embedded" for name, font in fonts(reader).items()
            if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(font["/FontDescriptor"])]


# --- the example and a draft hold to them ---------------------------------------------------

def _written(workspace: Path, folder: Path, name: str, extra: str = "",
             media: dict[str, bytes] | None = None) -> tuple[Rendered, Path]:
    rendered = render(check(workspace).review, workspace, date(2016, 6, 13), name)
    if extra:
        rendered = dataclasses.replace(rendered, markdown=rendered.markdown + extra,
                                       media=media or {})
    [written] = pdf.write(rendered, folder)
    return rendered, written


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Rendered, Path]:
    return _written(ROOT, tmp_path_factory.mktemp("example"), "x")


def _png() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(data, "PNG")
    return data.getvalue()


# images, and what PDF/UA-1 would refuse as Typst would get it: a skipped heading level, math
PICTURED = ("\n![A red square of contacts](media/0a1b2c.png)\n\n"
            "A line with ![an inline \"mark\"](media/0a1b2c.png) in it.\n\n"
            "### Deep {.unnumbered .unlisted}\n\n##### Deeper {.unnumbered .unlisted}\n\n"
            "It cost $x^2$.\n\n| Chart | Sum |\n|---|---|\n"
            "| ![a chart in a cell](media/0a1b2c.png) | $y$ |\n")


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> tuple[Rendered, Path]:
    """The minimal workspace, a draft, with a figure, an inline image, an image and math in
    a table, and headings that skip levels."""
    return _written(MINIMAL, tmp_path_factory.mktemp("draft"), "draft", PICTURED,
                    {"media/0a1b2c.png": _png()})


def test_the_example_is_pdf_ua_1(example):
    assert ua_problems(example[1]) == []


def test_a_draft_with_images_is_pdf_ua_1(draft):
    rendered, written = draft
    assert rendered.draft
    assert ua_problems(written) == []


def test_identified_as_pdf_ua_1_with_the_reviews_title_shown(example):
    rendered, written = example
    reader = pypdf.PdfReader(written)
    assert xmp(reader) == {"part": "1", "title": "Serious Case Review – Child B1"}
    assert rendered.title == "Serious Case Review – Child B1"
    catalog = reader.trailer["/Root"]
    assert _true(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert catalog["/Lang"] == "en-GB"
    roles = [role for role, _ in structure(catalog["/StructTreeRoot"].get_object())]
    assert roles[0] == "/Document"
    assert roles.count("/H1") == 27 and "/TOC" in roles and "/Table" in roles


def test_every_image_is_a_figure_with_its_description(draft):
    _, written = draft
    reader = pypdf.PdfReader(written)
    figures = [e for role, e in structure(reader.trailer["/Root"]["/StructTreeRoot"])
               if role == "/Figure"]
    assert [f["/Alt"] for f in figures] == ["A red square of contacts", "an inline “mark”",
                                            "a chart in a cell"]


def test_the_checks_find_what_a_pdf_typeset_without_pdf_ua_lacks(tmp_path):
    (tmp_path / "a.png").write_bytes(_png())
    source = '#set document(title: "T")\n#set text(lang: "en")\n= A\n\nText #image("a.png")\n'
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(typst.compile(source.encode(), format="pdf", root=str(tmp_path),
                                    ignore_system_fonts=True))
    assert ua_problems(plain) == [
        "the XMP has no pdfuaid:part 1",
        "the viewer preferences do not show the title (DisplayDocTitle)",
        "1 Figure(s) without alt text"]


# --- what PDF/UA-1 refuses, named where it can be corrected ---------------------------------

OVERRIDE_HINT = ("the workspace's templates/{} is used: correct it, or delete it to use the "
                 "packaged one")
LAYOUT = (ROOT / "casereview" / "templates" / "pdf.typ").read_text(encoding="utf-8")


def override(tmp_path: Path, **templates: str) -> Path:
    """A copy of the minimal workspace with its own templates/pdf.typ or pdf.lua."""
    workspace = shutil.copytree(MINIMAL, tmp_path / "ws")
    (workspace / "templates").mkdir(exist_ok=True)
    for name, text in templates.items():
        (workspace / "templates" / f"pdf.{name}").write_text(text, encoding="utf-8")
    return workspace


def typeset_error(workspace: Path, name: str = "broken") -> str:
    """The writer's message for what it could not typeset."""
    with pytest.raises(pdf.PdfError) as failed:
        pdf.typeset(render(check(workspace).review, workspace, date(2016, 6, 13), name))
    return str(failed.value)


def test_a_layout_without_the_title_is_named_with_what_to_set(tmp_path):
    untitled = LAYOUT.replace("#set document(title: title, author: partnership)",
                              "#set document(author: partnership)")
    assert untitled != LAYOUT
    assert typeset_error(override(tmp_path, typ=untitled)) == (
        "templates/pdf.typ: typst: PDF/UA-1 error: missing document title; set the title with "
        "`set document(title: [...])`; " + OVERRIDE_HINT.format("pdf.typ"))


def test_a_layout_heading_below_no_first_heading_is_named_at_its_line(tmp_path):
    deep = LAYOUT.replace("#outline(", "=== Deep\n#outline(")
    line = deep.splitlines().index("=== Deep") + 1
    assert typeset_error(override(tmp_path, typ=deep)) == (
        f"templates/pdf.typ:{line}:1: typst: PDF/UA-1 error: the first heading must be of level "
        "1; " + OVERRIDE_HINT.format("pdf.typ"))


def test_an_equation_without_alt_from_a_filter_override_is_named_in_its_section(tmp_path):
    lua = ('function Str(s)\n  if s.text == "seldom" then\n'
           '    return pandoc.RawInline("typst", "$x$")\n  end\nend\n')
    assert typeset_error(override(tmp_path, lua=lua)) == (
        "review/sections/04-voice.md: typst: PDF/UA-1 error: missing alt text; make sure your "
        "images and equations have alt text; in \"4. Was the child’s voice heard?\", near "
        "\"4.1 Child T was $x$ seen alone.\" (line 37 of the Typst pandoc wrote for the body): "
        "probably the workspace's templates/pdf.lua: correct it, or delete it to use the "
        "packaged one")


def test_check_refuses_an_image_without_description_in_any_text(tmp_path):
    """Every image that reaches the PDF is one `check` read in a text of the workspace (the
    rendering publishes no other, text_only.lua shows any other as words): a description of
    spaces only is none, in a YAML text as in a section."""
    workspace = shutil.copytree(MINIMAL, tmp_path / "ws")
    (workspace / "images").mkdir()
    (workspace / "images" / "chart.png").write_bytes(_png())
    edit(workspace, "review/conclusions.yml", "put together.",
         "put together.\n      ![   ](images/chart.png)")
    edit(workspace, "agency_imrs/police.yml", "what: Officers shared the incident with health.",
         "what: Officers shared it ![](<images/chart.png>).")
    hint = ("say what it shows between the brackets, `![what it shows](...)`: screen readers "
            "read it out")
    assert [m for m in messages(workspace) if ": image " in m] == [
        "agency_imrs/police.yml:9:30: chronology[1].what: image `images/chart.png` has no "
        f"description; {hint}",
        "review/conclusions.yml:4:7: conclusions[0].text: image `images/chart.png` has no "
        f"description; {hint}"]


# --- what the filter makes of the text so that PDF/UA-1 accepts it --------------------------

def test_images_get_their_description_as_alt():
    typ = pdf.to_typst('![A chart of "contacts" \\\\ *here*](media/ab.png){width=50%}\n\n'
                       "Inline ![An icon](media/cd.png) here.\n\n"
                       "| A |\n|---|\n| ![In a cell](media/ef.png) |\n")
    assert 'image("media/ab.png", alt: "A chart of “contacts” \\\\ here", width: 50.0%)' in typ
    assert 'caption: [\n    A chart of “contacts” \\\\ #emph[here]' in typ
    assert 'Inline #box(image("media/cd.png", alt: "An icon")) here.' in typ
    assert '[#box(image("media/ef.png", alt: "In a cell"))]' in typ          # in a table


def test_heading_levels_never_skip_one():
    typ = pdf.to_typst("# 1. A {#a}\n\n### Deep\n\n##### Deeper\n\n# 2. B {#b}\n\n## Sub\n")
    headings = [line for line in typ.splitlines() if line.startswith("=")]
    assert headings == ["= 1. A", "== Deep", "=== Deeper", "= 2. B", "== Sub"]


def test_math_is_shown_as_written():
    typ = pdf.to_typst("It cost $x^2$ and $$y$$.\n")
    assert typ.strip() == "It cost \\$x^2\\$ and \\$\\$y\\$\\$."

"""Word numbering in the DOCX: the definitions (python-docx and lxml), the numbers Word counts
from them, and what LibreOffice prints after a panel member inserts a section and a paragraph."""
import re
from collections import defaultdict

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

# the fixtures too: the example and the minimal draft, built once for this module
from test_writers_docx import (NS, Built, draft, example, office_pdf,  # noqa: F401
                               paragraph_text, q)

LAYOUT_NUMBER = re.compile(r"^\s*(\d{1,2}\.(?:\d{1,3})?)\s+(\S.*)$")


def val(el, path: str):
    found = el.find(path, NS)
    return None if found is None else found.get(q("w:val"))


class WordNumbers:
    """The numbers Word shows, counted from numbering.xml and styles.xml as Word counts a
    decimal multilevel list: a paragraph's numPr (its own, else its style's, through
    basedOn), the level bound to its style, counters per list restarting lower levels.
    (Bullets and other formats, pandoc's lists, are not counted: None.)"""

    def __init__(self, document):
        self.styles = {s.get(q("w:styleId")): s for s in document.styles.element.findall(
            "w:style", NS)}
        numbering = document.part.numbering_part.element
        abstracts = {a.get(q("w:abstractNumId")): a for a in numbering.findall(
            "w:abstractNum", NS)}
        self.levels = {n.get(q("w:numId")): abstracts[val(n, "w:abstractNumId")].findall(
            "w:lvl", NS) for n in numbering.findall("w:num", NS)}
        self.counters: dict[str, dict[int, int]] = defaultdict(dict)

    def numbering_of(self, p) -> tuple[str, int] | None:
        style = val(p, "w:pPr/w:pStyle")
        num_id, ilvl = val(p, "w:pPr/w:numPr/w:numId"), val(p, "w:pPr/w:numPr/w:ilvl")
        chain = style
        while num_id is None and chain in self.styles:
            num_id = val(self.styles[chain], "w:pPr/w:numPr/w:numId")
            ilvl = ilvl or val(self.styles[chain], "w:pPr/w:numPr/w:ilvl")
            chain = val(self.styles[chain], "w:basedOn")
        if num_id in (None, "0"):
            return None
        if ilvl is None:
            bound = [int(lvl.get(q("w:ilvl"))) for lvl in self.levels[num_id]
                     if val(lvl, "w:pStyle") == style]
            ilvl = bound[0] if bound else 0
        return num_id, int(ilvl)

    def number(self, p) -> str | None:
        found = self.numbering_of(p)
        if found is None:
            return None
        num_id, ilvl = found
        levels, counts = self.levels[num_id], self.counters[num_id]
        if val(levels[ilvl], "w:numFmt") != "decimal":
            return None
        counts[ilvl] = counts.get(ilvl, int(val(levels[ilvl], "w:start")) - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        return re.sub(r"%(\d)", lambda m: str(counts[int(m[1]) - 1]),
                      val(levels[ilvl], "w:lvlText"))


def report_numbers(document) -> list[tuple[str, str, str]]:
    """(style, number Word shows, text) of each paragraph in the report's own list: the one
    Heading 1 is numbered by."""
    words = WordNumbers(document)
    heading_list = val(words.styles["Heading1"], "w:pPr/w:numPr/w:numId")
    out = []
    for p in document.element.body.iter(q("w:p")):
        found, number = words.numbering_of(p), words.number(p)
        if found and found[0] == heading_list:
            out.append((val(p, "w:pPr/w:pStyle"), number, paragraph_text(p)))
    return out


def plain(text: str) -> str:
    """Spaces and quotes as in the YAML (pandoc makes quotes typographic)."""
    return " ".join(text.translate(str.maketrans("‘’“”", "''\"\"")).split())


def outline_numbers(built: Built) -> list[tuple[str, str, str]]:
    out = []
    for s in built.rendered.outline:
        out.append(("Heading1", f"{s.number}.", plain(s.section.title)))
        out += [("NumberedParagraph", b.number, b.anchor) for b in s.blocks if b.number]
    return out


# ------------------------------------------------------------------ definitions

def test_headings_and_numbered_paragraphs_are_bound_to_one_word_list(example):
    styles = {s.get(q("w:styleId")): s for s in example.doc.styles.element}
    heading, numbered = styles["Heading1"], styles["NumberedParagraph"]
    num_id = val(heading, "w:pPr/w:numPr/w:numId")
    assert val(heading, "w:pPr/w:numPr/w:ilvl") is None                     # level 1
    assert val(numbered, "w:pPr/w:numPr/w:numId") == num_id
    assert val(numbered, "w:pPr/w:numPr/w:ilvl") == "1"
    assert val(numbered, "w:basedOn") == "BodyText"
    assert example.doc.styles["Numbered Paragraph"].style_id == "NumberedParagraph"
    numbering = example.doc.part.numbering_part.element
    num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
    abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{val(num, 'w:abstractNumId')}']",
                              NS)
    levels = abstract.findall("w:lvl", NS)
    assert [(val(lvl, "w:pStyle"), val(lvl, "w:lvlText"), val(lvl, "w:numFmt"),
             val(lvl, "w:start"), val(lvl, "w:suff")) for lvl in levels] == [
        ("Heading1", "%1.", "decimal", "1", "tab"),
        ("NumberedParagraph", "%1.%2", "decimal", "1", "tab")]
    assert all(lvl.find("w:lvlRestart", NS) is None for lvl in levels)   # restart per heading
    assert val(abstract, "w:multiLevelType") == "multilevel"
    children = [c.tag for c in numbering]                   # every abstractNum before any num
    assert children.index(q("w:num")) > max(i for i, t in enumerate(children)
                                            if t == q("w:abstractNum"))
    # TOC Heading is based on Heading 1: its number is switched off
    assert val(styles["TOCHeading"], "w:basedOn") == "Heading1"
    assert val(styles["TOCHeading"], "w:pPr/w:numPr/w:numId") == "0"


def test_headings_and_paragraphs_carry_no_typed_number(example):
    for p in example.doc.paragraphs:
        if p.style.name in ("Heading 1", "Numbered Paragraph"):
            assert not re.match(r"\d+\.", p.text), p.text


# ------------------------------------------------------------------ counted as Word counts

def test_word_counts_the_numbers_of_the_outline(example, draft):
    for built in (example, draft):
        counted = report_numbers(built.doc)
        bookmarks = {b.get(q("w:name")): b.getparent()
                     for b in built.body.iter(q("w:bookmarkStart"))}
        expected = [(style, number, text if style == "Heading1" else
                     paragraph_text(bookmarks[text])) for style, number, text in
                    outline_numbers(built)]
        assert [(s, n, plain(t) if s == "Heading1" else t) for s, n, t in counted] == expected
    assert len(report_numbers(example.doc)) == 23 + 246


def test_appendices_and_references_are_headings_without_a_number(example):
    words = WordNumbers(example.doc)
    unnumbered = [p for p in example.body.iter(q("w:p")) if val(p, "w:pPr/w:pStyle")
                  == "Heading1" and words.numbering_of(p) is None]
    assert [paragraph_text(p) for p in unnumbered] == [
        "Appendix 1: Agency recommendations and action plans",
        "Appendix 2: Combined multi-agency chronology", "References"]
    assert all(val(p, "w:pPr/w:numPr/w:numId") == "0" for p in unnumbered)


def test_a_cross_reference_links_to_the_paragraph_word_numbers(draft):
    links = [h for h in draft.body.iter(q("w:hyperlink")) if h.get(q("w:anchor")) == "about"]
    assert [paragraph_text(h) for h in links] == ["1.1"]
    target = next(b.getparent() for b in draft.body.iter(q("w:bookmarkStart"))
                  if b.get(q("w:name")) == "about")
    words, number = WordNumbers(draft.doc), None
    for p in draft.body.iter(q("w:p")):
        shown = words.number(p)
        if p is target:
            number = shown
    assert number == "1.1"
    assert paragraph_text(target).startswith("This review concerns Child T")


# ------------------------------------------------------------------ edited, then printed

def inserted(after, style: str, text: str):
    """A paragraph as Word adds one: a style and text, no number typed."""
    p = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
                  f'<w:r><w:t>{text}</w:t></w:r></w:p>')
    after.addnext(p)
    return p


def test_after_inserting_a_paragraph_and_a_section_libreoffice_renumbers_the_rest(
        example, tmp_path):
    document = docx.Document(str(example.path))
    paragraphs = {paragraph_text(p): p for p in document.element.body.iter(q("w:p"))}
    one_two = next(p for t, p in paragraphs.items() if t.startswith("The review concerns"))
    inserted(one_two, "NumberedParagraph", "An inserted paragraph.")
    last_of_one = next(p for t, p in paragraphs.items() if t.startswith("In the words of"))
    new = inserted(last_of_one, "Heading1", "An inserted section")
    inserted(new, "NumberedParagraph", "Its first paragraph.")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))

    counted = {text[:20]: number for _, number, text in report_numbers(docx.Document(str(edited)))}
    assert counted["An inserted paragrap"] == "1.3"
    assert counted["The guidance makes p"] == "1.4"
    assert (counted["An inserted section"], counted["Its first paragraph."]) == ("2.", "2.1")
    assert counted["Terms of Reference"] == "3."
    assert counted["The review covers th"] == "3.1"

    printed = office_pdf(edited, tmp_path / "office")
    lines = [m.groups() for page in printed[2:] for line in page.splitlines()
             if (m := LAYOUT_NUMBER.match(line))]
    shown = {text[:20]: number for number, text in lines}
    assert shown["An inserted paragrap"] == "1.3"
    assert shown["The guidance makes p"] == "1.4"
    assert shown["An inserted section"] == "2."
    assert shown["Its first paragraph."] == "2.1"
    assert shown["Terms of Reference"] == "3."
    assert shown["The review covers th"] == "3.1"
    assert shown["Recommendations"] == "24."

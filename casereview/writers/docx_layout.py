"""What pandoc's DOCX does badly, done with python-docx on the converted document: the title
page, a table of contents already filled in, table widths and repeating header rows, A4 page
setup for every section (Appendix 1 landscape), one header and footer shared by every
section but none on the title page, and the settings.
"""
from __future__ import annotations

import copy
from statistics import fmean

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

from .. import review_types
from ..render import Rendered
from . import docx_numbering
from .docx_reference import HEADER_GAP, MARGIN, PAGE_H, PAGE_W, TEXT_W
from .docx_styles import LAYOUT_STYLES
from .docx_xml import (bookmark_at, element, field, paragraph, run, set_child, style_of,
                       text_of)

TITLE_BLOCK = ("Title", "Subtitle", "Author", "Date", "AbstractTitle", "Abstract")
TITLE_META, DRAFT_MARK, TABLE_TEXT = (LAYOUT_STYLES[n] for n in ("Title Meta", "Draft Mark",
                                                                 "Table Text"))
# twips: a (generous) character of 9.5pt Arial in the header row (bold) and in the body; the
# cell's padding
HEAD_CHAR, CHAR, PAD = 118, 100, 240


def finish(doc, rendered: Rendered) -> None:
    body = doc.element.body
    title_page(body, rendered)
    contents(body)
    docx_numbering.apply(doc, rendered)
    tables(body)
    sections(doc, rendered)
    settings(doc.settings.element)


# ---------------------------------------------------------------- title page and contents

def title_page(body, rendered: Rendered) -> None:
    """Under pandoc's title, subtitle and date (a final report's publication date; a draft has
    none): partnership, version label, status, and the draft mark while there is one. The
    contents start on the next page (TOC Heading style)."""
    block = []
    for el in body:
        if el.tag != qn("w:p") or style_of(el) not in TITLE_BLOCK:
            break
        block.append(el)
    info, shown = rendered.info, " ".join(text_of(p) for p in block)
    lines = [] if info.partnership in shown else [(TITLE_META, info.partnership)]
    lines += [(TITLE_META, line) for line in (review_types.second_label(info),
                                              *review_types.reference(info)) if line]
    lines += [(TITLE_META, info.version), (TITLE_META, f"Status: {info.status.capitalize()}")]
    if rendered.draft:
        lines.append((DRAFT_MARK, rendered.mark))
    anchor = block[-1] if block else None
    for style, text in lines:
        p = paragraph(style, text)
        if anchor is None:
            body.insert(0, p)
        else:
            anchor.addnext(p)
        anchor = p


def contents(body) -> None:
    """Fill pandoc's empty TOC field with one entry per Heading 1, a link to its bookmark, so
    every reader shows the contents without updating fields. Page numbers need the pages laid
    out, which only an office suite does: Word adds them when the reader updates the table
    (the field's instruction is pandoc's, so Word rebuilds it the same way)."""
    field_p = next((p for p in body.iter(qn("w:p")) if any(
        (t.text or "").strip().startswith("TOC ") for t in p.iter(qn("w:instrText")))), None)
    headings = [p for p in body if p.tag == qn("w:p") and style_of(p) == "Heading1"]
    if headings:        # the text on a new page, after the title page and any contents
        style = headings[0].find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style.addnext(OxmlElement("w:pageBreakBefore"))
    if field_p is None or not headings:
        return
    instruction = "".join(t.text or "" for t in field_p.iter(qn("w:instrText")))
    entries = [toc_entry(text_of(h), bookmark_of(h, i)) for i, h in enumerate(headings, 1)]
    begin, instr, separate, _, end = field(instruction, "")
    entries[0].find(qn("w:pPr")).addnext(begin)
    begin.addnext(instr)
    instr.addnext(separate)
    entries[-1].append(end)
    for entry in entries:
        field_p.addprevious(entry)
    field_p.getparent().remove(field_p)


def toc_entry(title: str, anchor: str):
    number, _, rest = title.partition(" ")
    p = paragraph("TOC1", None)
    link = element("w:hyperlink", anchor=anchor, history="1")
    if number.rstrip(".").isdigit() and rest:
        link.extend([run(number), run(tab=True), run(rest)])
    else:
        link.append(run(title))
    p.append(link)
    return p


def bookmark_of(heading, index: int) -> str:
    """The heading's bookmark (pandoc puts it just before or inside the paragraph); one is
    added when it has none."""
    name = bookmark_at(heading)
    if name is not None:
        return name
    name = f"_Toc{index:04d}"
    start = element("w:bookmarkStart", id=str(900000 + index), name=name)
    end = element("w:bookmarkEnd", id=str(900000 + index))
    ppr = heading.find(qn("w:pPr"))
    (ppr.addnext(start) if ppr is not None else heading.insert(0, start))
    heading.append(end)
    return name


# ---------------------------------------------------------------- tables

def tables(body) -> None:
    """Every table: full text width (of its section, portrait or landscape), columns sized
    to their content, the first row repeated on each page, cell text in Table Text."""
    pending = []
    for el in body:
        if el.tag == qn("w:tbl"):
            pending.append(el)
        sect = el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if el.tag == qn("w:p") else (
            el if el.tag == qn("w:sectPr") else None)
        if sect is not None:
            for tbl in pending:
                table(tbl, TEXT_W[is_landscape(sect)])
            pending = []
    for tbl in pending:
        table(tbl, TEXT_W[False])


def table(tbl, width: int) -> None:
    rows = tbl.findall(qn("w:tr"))
    if not rows:
        return
    repeat_header(rows[0])
    for style in tbl.iter(qn("w:pStyle")):
        if style.get(qn("w:val")) == "Compact":
            style.set(qn("w:val"), TABLE_TEXT)
    tblpr = tbl.find(qn("w:tblPr"))
    set_child(tblpr, "w:tblW", ("w:tblStyle",), type="pct", w="5000")
    set_child(tblpr, "w:tblLayout", ("w:tblStyle", "w:tblW", "w:jc", "w:tblInd", "w:tblBorders"),
              type="fixed")
    grid = tbl.find(qn("w:tblGrid"))
    cols = grid.findall(qn("w:gridCol")) if grid is not None else []
    texts = [[text_of(tc) for tc in tr.findall(qn("w:tc"))] for tr in rows]
    texts = [t for t in texts if len(t) == len(cols)]
    if not cols or not texts:
        return
    for col, w in zip(cols, column_widths(texts, width)):
        col.set(qn("w:w"), str(w))


def repeat_header(tr) -> None:
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        prex = tr.find(qn("w:tblPrEx"))
        (prex.addnext(trpr) if prex is not None else tr.insert(0, trpr))
    header = trpr.find(qn("w:tblHeader"))
    if header is None:
        header = OxmlElement("w:tblHeader")
        trpr.append(header)
    header.attrib.clear()                           # on: the bare element


def column_widths(rows: list[list[str]], width: int) -> list[int]:
    """Each column gets room for its longest word (capped), then the rest of the width in
    proportion to how much text its cells hold on average."""
    n, body = len(rows[0]), rows[1:] or rows
    floor = [min(max(longest_word([rows[0][c]]) * HEAD_CHAR,
                     longest_word([r[c] for r in body]) * CHAR) + PAD,
                 width * 2 // (n + 1)) for c in range(n)]
    want = [max(fmean(len(r[c]) for r in body) * CHAR + PAD - floor[c], 0) for c in range(n)]
    spare = width - sum(floor)
    if spare <= 0:
        widths = [f * width / sum(floor) for f in floor]
    elif sum(want) == 0:
        widths = [f + spare * f / sum(floor) for f in floor]
    else:
        widths = [f + spare * w / sum(want) for f, w in zip(floor, want)]
    widths = [int(w) for w in widths]
    widths[-1] += width - sum(widths)
    return widths


def longest_word(texts: list[str]) -> int:
    return max((len(w) + 1 for t in texts for w in t.split()), default=2)


# ---------------------------------------------------------------- sections, header, footer

def sections(doc, rendered: Rendered) -> None:
    """A4 everywhere (turned for landscape sections), and every section pointing at the one
    footer, and while a draft the one header with the mark, so no page is without them."""
    for section in doc.sections:
        sect = section._sectPr
        wide = is_landscape(sect)
        section.page_width, section.page_height = (Twips(PAGE_H), Twips(PAGE_W)) if wide else (
            Twips(PAGE_W), Twips(PAGE_H))
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Twips(MARGIN))
        section.header_distance = section.footer_distance = Twips(HEADER_GAP)
        for restart in sect.findall(qn("w:footnotePr")):       # notes numbered throughout
            sect.remove(restart)
    first = doc.sections[0]
    first.footer.is_linked_to_previous = False
    footer_lines(first.footer, rendered.info.version)
    kinds = ["w:footerReference"]
    if rendered.draft:
        first.header.is_linked_to_previous = False
        mark = first.header.paragraphs[0]
        mark.style = doc.styles["Draft Mark"]
        mark.add_run(rendered.mark)
        kinds.append("w:headerReference")
    for kind in kinds:
        ref = first._sectPr.find(f"{qn(kind)}[@{qn('w:type')}='default']")
        for section in doc.sections[1:]:
            for old in section._sectPr.findall(qn(kind)):
                section._sectPr.remove(old)
            section._sectPr.insert(0, copy.deepcopy(ref))
    bare_title_page(first, rendered.draft)


def bare_title_page(section, draft: bool) -> None:
    """The title page (the first of the first section) has its own footer, empty: no page
    number; and while a draft its own header, empty too, as its text carries the mark."""
    section.different_first_page_header_footer = True
    section.first_page_footer.is_linked_to_previous = False
    if draft:
        section.first_page_header.is_linked_to_previous = False


def footer_lines(footer, version: str) -> None:
    """`<version label> · Page X of Y`, with PAGE and NUMPAGES fields."""
    p = footer.paragraphs[0]._p
    p.append(run(f"{version}  ·  Page "))
    p.extend(field(" PAGE ", "1"))
    p.append(run(" of "))
    p.extend(field(" NUMPAGES ", "1"))


def is_landscape(sect) -> bool:
    size = sect.find(qn("w:pgSz"))
    if size is None:
        return False
    return size.get(qn("w:orient")) == "landscape" or int(size.get(qn("w:w"), 0)) > int(
        size.get(qn("w:h"), 0))


# ---------------------------------------------------------------- settings

def settings(el) -> None:
    """No revision ids; British English; and no w:updateFields, which makes Word ask on
    every opening whether to update the fields: the contents are filled in already and Word
    lays out the footer's page numbers itself."""
    for tag in ("w:rsids", "w:attachedTemplate", "w:updateFields"):
        for old in el.findall(qn(tag)):
            el.remove(old)
    lang = el.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-GB")

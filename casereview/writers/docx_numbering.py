"""Word's own numbering for the report's sections and paragraphs, in place of the numbers the
Markdown types: one list whose level 1 is bound to Heading 1 ("1.", "2." ...) and level 2 to
Numbered Paragraph ("1.1", "1.2" ..., restarting under each heading), so that a paragraph
inserted in Word renumbers the ones after it.

The outline (casereview/numbering.py) numbers sections 1, 2 ... in order and their paragraphs
from 1 in each, which is exactly how Word counts such a list; the appendices and the
references are Heading 1 without a number (numbering switched off on the paragraph). Before
the typed numbers go, the numbers Word will show are counted here and compared with the
outline's, so the DOCX cannot silently print other numbers than the site and the PDF.
Each numbered paragraph also carries its lasting key in a hidden bookmark (`key_bookmark`).
"""
from __future__ import annotations

import hashlib
import itertools

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ..render import Rendered
from . import WriterError
from .docx_styles import NUMBERED_PARAGRAPH
from .docx_xml import bookmark_at, style_of

HEADING = "Heading1"
# twips: the number hangs in 1.5 cm, the text of headings and paragraphs aligned after it
HANG = 851
LEVELS = (("%1.", HEADING), ("%1.%2", NUMBERED_PARAGRAPH[1]))
NSID = "CA5E0001"       # the list's identity, fixed so the same input gives the same bytes
KEY_MARK, HASHED_KEY_MARK = "_k", "_h"    # hidden bookmarks: a paragraph's key, or its hash


def apply(doc, rendered: Rendered) -> None:
    sections, paragraphs = outline_numbers(rendered)
    num_id = add_list(doc.part.numbering_part.element)
    bind_styles(doc, num_id)
    keys = paragraph_keys(rendered)
    mark = bookmark_ids(doc.element.body)
    heading = count = 0
    for p in doc.element.body.iterchildren(qn("w:p")):     # none is in a table or the contents
        style, anchor = style_of(p), bookmark_at(p)
        if style == HEADING and anchor in sections:
            heading, count = heading + 1, 0
            untype(p, f"{sections[anchor]}.", str(heading), sections[anchor])
        elif style == HEADING:
            switch_off(p)
        elif anchor in paragraphs:
            count += 1
            untype(p, paragraphs[anchor], f"{heading}.{count}", paragraphs[anchor])
            set_style(p, NUMBERED_PARAGRAPH[1])
            mark_key(p, keys[anchor], next(mark))


def outline_numbers(rendered: Rendered) -> tuple[dict[str, str], dict[str, str]]:
    """Bookmark -> number, of the numbered sections and of the numbered paragraphs."""
    sections = {bookmark(s.anchor): str(s.number) for s in rendered.outline}
    paragraphs = {bookmark(b.anchor): b.number for s in rendered.outline for b in s.blocks
                  if b.kind == "paragraph" and b.number}
    return sections, paragraphs


def bookmark(anchor: str) -> str:
    """pandoc's name for an id's bookmark: Word allows 40 characters starting with a letter,
    so a longer or other id becomes "X" and the SHA-1 of the id, less its first digit."""
    if anchor[:1].isalpha() and len(anchor) <= 40:
        return anchor
    return "X" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[1:]


def paragraph_keys(rendered: Rendered) -> dict[str, str]:
    """Bookmark -> key, of the numbered paragraphs."""
    return {bookmark(b.anchor): b.key for s in rendered.outline for b in s.blocks
            if b.kind == "paragraph" and b.number}


def key_bookmark(key: str) -> str:
    """The hidden bookmark (Word hides those starting "_") that carries a numbered
    paragraph's key, so that `casereview comments` can follow a comment made on a DOCX to
    its paragraph after the numbers have moved: "_k" and the key, or "_h" and the key's
    SHA-1 when that would pass Word's 40 characters."""
    if len(KEY_MARK + key) <= 40:
        return KEY_MARK + key
    return HASHED_KEY_MARK + hashlib.sha1(key.encode("utf-8")).hexdigest()[:38]


def bookmark_ids(body):
    """Bookmark ids not yet taken in the body, in order (Word wants each id once)."""
    taken = [int(b.get(qn("w:id"))) for b in body.iter(qn("w:bookmarkStart"))]
    return itertools.count(1 + max(taken, default=0))


def mark_key(p, key: str, mark_id: int) -> None:
    """An empty bookmark after the paragraph's own (its number's), before its text."""
    name = key_bookmark(key)
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{mark_id}" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{mark_id}"/>')
    first = p.find(qn("w:bookmarkEnd"))
    (first.addnext(start) if first is not None else p.get_or_add_pPr().addnext(start))
    start.addnext(end)


# ---------------------------------------------------------------- definitions

def add_list(numbering) -> int:
    """The abstract list and one instance of it, after pandoc's (for its bullets and
    ordered lists); its id."""
    abstract_id = 1 + max((int(a.get(qn("w:abstractNumId")))
                           for a in numbering.findall(qn("w:abstractNum"))), default=0)
    num_id = 1 + max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))),
                     default=0)
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{NSID}"/><w:multiLevelType w:val="multilevel"/>'
        '<w:name w:val="Report sections and paragraphs"/>'
        + "".join(level(i, text, style) for i, (text, style) in enumerate(LEVELS))
        + "</w:abstractNum>")
    abstracts = numbering.findall(qn("w:abstractNum"))       # all before any w:num
    (abstracts[-1].addnext(abstract) if abstracts else numbering.insert(0, abstract))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def level(ilvl: int, text: str, style: str) -> str:
    """Decimal from 1; a lower level restarts after each higher one (Word's default)."""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:pStyle w:val="{style}"/><w:suff w:val="tab"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="{HANG}"/>'
            f'</w:tabs><w:ind w:left="{HANG}" w:hanging="{HANG}"/></w:pPr></w:lvl>')


def bind_styles(doc, num_id: int) -> None:
    """Heading 1 carries level 1 and Numbered Paragraph (added, like Body Text, when the
    reference document lacks it) level 2; styles based on Heading 1 (pandoc's TOC Heading)
    would inherit the number, so theirs is switched off."""
    styles = doc.styles
    if styles.element.get_by_id(NUMBERED_PARAGRAPH[1]) is None:
        numbered_paragraph_style(styles)
    for ilvl, (_, bound) in enumerate(LEVELS):
        num_pr = styles.element.get_by_id(bound).get_or_add_pPr().get_or_add_numPr()
        if ilvl:
            num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = num_id
    for style in styles.element.findall(qn("w:style")):
        based = style.find(qn("w:basedOn"))
        if based is not None and based.get(qn("w:val")) == HEADING:
            ppr = style.get_or_add_pPr()
            if ppr.numPr is None:
                ppr.get_or_add_numPr().get_or_add_numId().val = 0


def numbered_paragraph_style(styles) -> None:
    """Numbered Paragraph: Body Text with a number (the generated reference document holds
    it, so that a workspace's copy can restyle it)."""
    name, style_id = NUMBERED_PARAGRAPH
    added = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    added.base_style = styles["Body Text"]
    added.element.styleId = style_id


# ---------------------------------------------------------------- paragraphs

def untype(p, typed: str, counted: str, outline: str) -> None:
    """Remove the typed number (and the space after it) that Word's numbering now shows,
    once sure Word counts the number the outline gave."""
    text = opening(p, typed)
    if counted != outline:
        raise WriterError(f"DOCX numbering: “{text[:60]}” is numbered {outline} in the "
                          f"outline but Word's numbering would show {counted}; casereview/"
                          "writers/docx_numbering.py must restart the list there")
    if not text.startswith(typed):
        raise WriterError(f"DOCX numbering: “{text[:60]}” does not start with its number "
                          f"“{typed}” (pandoc's output changed)")
    cut = len(typed) + len(text[len(typed):]) - len(text[len(typed):].lstrip())
    for t in list(p.iter(qn("w:t"))):
        if not cut:
            break
        before = t.text or ""
        t.text, cut = before[cut:], max(cut - len(before), 0)
        run = t.getparent()
        if not t.text and len([c for c in run if c.tag != qn("w:rPr")]) == 1:
            run.getparent().remove(run)


def opening(p, typed: str) -> str:
    """The paragraph's text as far as the first word after its typed number (the runs of
    a long paragraph are not all joined)."""
    text = ""
    for t in p.iter(qn("w:t")):
        text += t.text or ""
        if len(text) > len(typed) + 40 and text[len(typed):].strip():
            break
    return text


def switch_off(p) -> None:
    """A Heading 1 without a number (an appendix, the references)."""
    p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 0


def set_style(p, style_id: str) -> None:
    p.get_or_add_pPr().get_or_add_pStyle().val = style_id

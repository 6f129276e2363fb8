"""Word's own numbering for the report's sections and paragraphs, in place of the numbers the
Markdown types, so that a paragraph inserted in Word renumbers the ones after it.

One list, "Report sections and paragraphs", numbers the body: level 1 is bound to Heading 1
("1.", "2." ...) and level 2 to Numbered Paragraph ("1.1", "1.2" ..., restarting under each
heading). The review's scheme (numbering.py) shapes it: `subsection` adds a level 3
("1.3.1") that paragraphs under a numbered `##` heading take, the heading itself (Heading 2)
taking level 2 beside the paragraphs before it; `straight` binds Numbered Paragraph to a
list of its own, "Report paragraphs" ("1", "2" ... never restarting). Each appendix with
numbered paragraphs has a list of its own whose levels print its label ("A.%1"). Front
matter, the appendices and the references are Heading 1 without a number (numbering
switched off on the paragraph).

Before the typed numbers go, the numbers Word will show are counted (word_numbers.py, as
`diff` and `comments` count them in a returned DOCX) and compared with the outline's, so
the DOCX cannot silently print other numbers than the site and the PDF.
Each numbered paragraph also carries its lasting key in a hidden bookmark (`key_bookmark`).
"""
from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ..numbering import NumberedSection, prefix
from ..render import Rendered
from ..word_numbers import WordNumbers
from . import WriterError
from .docx_styles import NUMBERED_PARAGRAPH
from .docx_xml import bookmark_at, style_of

HEADING = "Heading1"
# twips: the number hangs in 1.5 cm, the text of headings and paragraphs aligned after it
HANG = 851
BODY, PARAGRAPHS = "body", "paragraphs"      # the lists besides the appendices' own
NSID = "CA5E0001"       # the first list's identity, fixed so the same input gives the same bytes
KEY_MARK, HASHED_KEY_MARK = "_k", "_h"    # hidden bookmarks: a paragraph's key, or its hash


@dataclass(frozen=True)
class Numbered:
    """A heading or paragraph Word numbers: its list and level, and the number the Markdown
    types before its text (the number Word must show)."""

    typed: str
    list: str                 # BODY, PARAGRAPHS or an appendix's anchor
    level: int
    key: str | None = None    # a numbered paragraph's lasting key


@dataclass(frozen=True)
class WordList:
    name: str
    levels: tuple[tuple[str, str | None], ...]    # (level text, the style bound to it)


def apply(doc, rendered: Rendered) -> None:
    numbered = plan(rendered)
    lists = word_lists(rendered)
    ids = {key: add_list(doc.part.numbering_part.element, word_list, n)
           for n, (key, word_list) in enumerate(lists.items())}
    bound = bind_styles(doc, lists, ids)
    mark = bookmark_ids(doc.element.body)
    placed = []
    for p in doc.element.body.iterchildren(qn("w:p")):     # none is in a table or the contents
        item = numbered.get(bookmark_at(p))
        if item is None:
            if style_of(p) == HEADING:
                switch_off(p)
            continue
        if item.key is not None:
            set_style(p, NUMBERED_PARAGRAPH[1])
            mark_key(p, item.key, next(mark))
        if bound.get(style_of(p)) != (item.list, item.level):
            number_with(p, ids[item.list], item.level)
        placed.append((p, item))
    untype_all(doc, placed)


def plan(rendered: Rendered) -> dict[str, Numbered]:
    """Bookmark -> how Word numbers it, for every numbered heading and paragraph."""
    straight = rendered.info.numbering == "straight"
    out = {}
    for s in rendered.outline:
        part = s.section.part
        if part == "front":
            continue
        if part == "body":
            out[bookmark(s.anchor)] = Numbered(f"{s.number}.", BODY, 0)
        for b in s.blocks:
            if not b.number:
                continue
            depth = b.number.count(".")           # 4.2: 1; A.1: 1; 12 (straight): 0
            if part == "appendix":
                where, level = s.anchor, depth - 1
            elif straight:
                where, level = PARAGRAPHS, 0
            else:
                where, level = BODY, depth
            key = b.key if b.kind == "paragraph" else None
            out[bookmark(b.anchor)] = Numbered(b.number, where, level, key)
    return out


def word_lists(rendered: Rendered) -> dict[str, WordList]:
    """The report's lists: the body's (and the straight scheme's paragraphs'), then one for
    each appendix that numbers paragraphs."""
    scheme = rendered.info.numbering
    body: list[tuple[str, str | None]] = [("%1.", HEADING)]
    if scheme == "straight":
        lists = {BODY: WordList("Report sections", tuple(body)),
                 PARAGRAPHS: WordList("Report paragraphs", (("%1", NUMBERED_PARAGRAPH[1]),))}
    else:
        body.append(("%1.%2", NUMBERED_PARAGRAPH[1]))
        if scheme == "subsection":
            body.append(("%1.%2.%3", None))
        lists = {BODY: WordList("Report sections and paragraphs", tuple(body))}
    for s in rendered.outline:
        if s.section.part == "appendix" and any(b.number for b in s.blocks):
            lists[s.anchor] = WordList(f"Report appendix {s.section.label}",
                                       appendix_levels(s, scheme))
    return lists


def appendix_levels(s: NumberedSection, scheme: str) -> tuple[tuple[str, None], ...]:
    """"A.%1", and "A.%1.%2" under the subsection scheme's headings: the label is literal
    text of the level's number."""
    label = prefix(s.section)
    levels: tuple[tuple[str, None], ...] = ((f"{label}.%1", None),)
    return levels + ((f"{label}.%1.%2", None),) if scheme == "subsection" else levels


def untype_all(doc, placed: list) -> None:
    """Word's count of every numbered heading and paragraph, checked against the outline's,
    then the typed numbers removed."""
    words = WordNumbers.of(doc)
    counted = {p: words.number(p) for p in doc.element.body.iterchildren(qn("w:p"))}
    for p, item in placed:
        untype(p, item.typed, counted[p] or "none", item.typed)


def bookmark(anchor: str) -> str:
    """pandoc's name for an id's bookmark: Word allows 40 characters starting with a letter,
    so a longer or other id becomes "X" and the SHA-1 of the id, less its first digit."""
    if anchor[:1].isalpha() and len(anchor) <= 40:
        return anchor
    return "X" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[1:]


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

def add_list(numbering, word_list: WordList, n: int) -> int:
    """An abstract list and one instance of it, after pandoc's (for its bullets and
    ordered lists); its id. The `n`th list's identity is fixed: the same bytes each build."""
    abstract_id = 1 + max((int(a.get(qn("w:abstractNumId")))
                           for a in numbering.findall(qn("w:abstractNum"))), default=0)
    num_id = 1 + max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))),
                     default=0)
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{int(NSID, 16) + n:08X}"/><w:multiLevelType w:val="multilevel"/>'
        f'<w:name w:val="{attribute(word_list.name)}"/>'
        + "".join(level(i, text, style) for i, (text, style) in enumerate(word_list.levels))
        + "</w:abstractNum>")
    abstracts = numbering.findall(qn("w:abstractNum"))       # all before any w:num
    (abstracts[-1].addnext(abstract) if abstracts else numbering.insert(0, abstract))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def level(ilvl: int, text: str, style: str | None) -> str:
    """Decimal from 1; a lower level restarts after each higher one (Word's default)."""
    bound = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'{bound}<w:suff w:val="tab"/><w:lvlText w:val="{attribute(text)}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="{HANG}"/>'
            f'</w:tabs><w:ind w:left="{HANG}" w:hanging="{HANG}"/></w:pPr></w:lvl>')


def attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def bind_styles(doc, lists: dict[str, WordList], ids: dict[str, int]) -> dict:
    """Heading 1 carries the body list's level 1 and Numbered Paragraph (added, like Body
    Text, when the reference document lacks it) the level bound to it; styles based on
    Heading 1 (pandoc's TOC Heading) would inherit the number, so theirs is switched off.
    Style -> (list, level) of what is bound."""
    styles = doc.styles
    if styles.element.get_by_id(NUMBERED_PARAGRAPH[1]) is None:
        numbered_paragraph_style(styles)
    bound = {}
    for key in (BODY, PARAGRAPHS):
        for ilvl, (_, style) in enumerate(lists[key].levels if key in lists else ()):
            if style is None:
                continue
            num_pr = styles.element.get_by_id(style).get_or_add_pPr().get_or_add_numPr()
            if ilvl:
                num_pr.get_or_add_ilvl().val = ilvl
            num_pr.get_or_add_numId().val = ids[key]
            bound[style] = (key, ilvl)
    for style in styles.element.findall(qn("w:style")):
        based = style.find(qn("w:basedOn"))
        if based is not None and based.get(qn("w:val")) == HEADING:
            ppr = style.get_or_add_pPr()
            if ppr.numPr is None:
                ppr.get_or_add_numPr().get_or_add_numId().val = 0
    return bound


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
    """A Heading 1 without a number (front matter, an appendix, the references)."""
    p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 0


def set_style(p, style_id: str) -> None:
    p.get_or_add_pPr().get_or_add_pStyle().val = style_id


def number_with(p, num_id: int, ilvl: int) -> None:
    """The paragraph's own numbering, where its style's is not the one it takes (a numbered
    subsection heading and its paragraphs, an appendix's paragraphs)."""
    num_pr = p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id

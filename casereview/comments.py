"""The comments and tracked changes panel members leave in a DOCX of the report, each placed
where it stands: the numbered paragraph (its number as Word shows it, and its key from the
hidden `_k` bookmark the DOCX writer gives it), the section, a heading, a table cell or a
footnote, and the words it was anchored to.

Read with python-docx and lxml, nothing else: no DOCX is trusted to be casereview's own, so
a document without the bookmarks still gives its comments, only without keys.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from . import safe_read
from .word_numbers import WordNumbers, bare
from .writers.docx_numbering import HASHED_KEY_MARK, HEADING, KEY_MARK
from .writers.docx_xml import style_of, text_of

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
CAPTION = "TableCaption"
CHANGES = {qn("w:ins"): ("insertion", qn("w:t")), qn("w:del"): ("deletion", qn("w:delText"))}


class Refused(Exception):
    """A file given is not a DOCX that can be read; the message says which and why."""


@dataclass(frozen=True)
class Place:
    """Where in the report an entry stands, as the DOCX it was made on has it."""

    part: str                   # paragraph | heading | table | footnote | text
    section: str = ""           # the section's title
    section_number: str | None = None
    number: str | None = None   # the numbered paragraph's ("4.2"); a footnote's paragraph's
    key: str | None = None      # the paragraph's key, from its `_k` bookmark
    mark: str | None = None     # that bookmark's name (a long key is only there as a hash)
    detail: str = ""            # what a number cannot say: the table cell, the footnote
    text: str = ""              # the paragraph's words, to find it again once edited
    order: int = 0              # its position in the DOCX

    @property
    def label(self) -> str:
        """How the place is named when it is not simply a numbered paragraph."""
        if self.part == "heading":
            return f"heading “{self.text}”"
        return self.detail


@dataclass
class Entry:
    kind: str                   # comment | reply | insertion | deletion
    author: str
    initials: str
    date: str                   # as Word wrote it, e.g. 2016-05-01T10:00:00Z
    text: str
    quote: str
    place: Place
    file: str
    ref: str | None = None      # the comment's id in the DOCX
    reply_to: str | None = None  # the id in the DOCX of the comment it answers


def read(path: Path) -> list[Entry]:
    """Every comment, reply and tracked change in the DOCX at `path`, in document order."""
    doc = _open(Path(path))
    body = doc.element.body
    places = _Places(body, WordNumbers.of(doc))
    notes = _footnotes(doc, places)
    anchors = {**_anchors(notes, places), **_anchors(body, places)}
    entries = _comments(doc, anchors, str(path))
    for root in (body, notes):
        if root is not None:
            entries += _changes(root, places, str(path))
    return sorted(entries, key=lambda e: e.place.order)   # stable: comments by id first


def _open(path: Path):
    shown = str(path)
    try:
        data = safe_read.read_bytes(path, shown, safe_read.BINARY_LIMIT, None, "a DOCX").data
    except safe_read.Missing:
        raise Refused(f"{shown}: file not found; give the path of the DOCX a panel member "
                      "returned") from None
    except safe_read.Unreadable as refused:
        raise Refused(str(refused.diagnostic)) from None
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:   # python-docx fails on junk in many ways; all mean the same here
        raise Refused(f"{shown}: not a Word document (.docx); give the DOCX a panel member "
                      "returned, saved from Word as .docx") from None


# --- where each paragraph stands ---------------------------------------------------------

class _Places:
    """The place of every paragraph of the body (and of the footnotes, once added), with the
    numbers Word shows (word_numbers.py): Heading 1's the section's, a numbered paragraph's
    its own."""

    def __init__(self, body, words: WordNumbers):
        self.of: dict = {}
        self.words = words
        self.section, self.section_number = "", None
        self.before: str | None = None     # the last numbered paragraph's number
        marks: list[str] = []              # bookmarks standing between paragraphs
        for child in body.iterchildren():
            if child.tag == qn("w:bookmarkStart"):
                marks.append(child.get(qn("w:name"), ""))
            elif child.tag == qn("w:p"):
                self.of[child] = self._paragraph(child)
                marks = marks if style_of(child) == CAPTION else []   # the table's id
            elif child.tag == qn("w:tbl"):
                self._table(child, marks)
                marks = []

    def _paragraph(self, p) -> Place:
        style, text = style_of(p), _words(text_of(p))
        order, number = len(self.of), bare(self.words.number(p))
        if style == HEADING:
            self.section, self.section_number = text, number
            return Place("heading", text, number, number, text=text, order=order)
        if style and style.startswith("Heading"):
            return Place("heading", self.section, self.section_number, text=text, order=order)
        if number:
            self.before = number
            mark = next((n for n in _bookmarks(p) if n.startswith((KEY_MARK, HASHED_KEY_MARK))),
                        None)
            key = mark[len(KEY_MARK):] if mark and mark.startswith(KEY_MARK) else None
            return Place("paragraph", self.section, self.section_number, number, key, mark,
                         text=text, order=order)
        where = f"text after {self.before}" if self.before else "text"
        return Place("text", self.section, self.section_number, detail=where, text=text,
                     order=order)

    def _table(self, tbl, marks: list[str]) -> None:
        """Each cell's paragraphs: the table named by its caption and id, the cell by its
        row (the header row not counted) and its column's header."""
        caption = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
        name = f"table “{caption.get(qn('w:val'))}”" if caption is not None else \
            f"table after {self.before}" if self.before else "table"
        ids = [m for m in marks if m and not m.startswith("_")]
        name += f" ({ids[-1]})" if ids else ""
        rows = tbl.findall(qn("w:tr"))
        header = [_words(text_of(tc)) for tc in rows[0].findall(qn("w:tc"))] if rows else []
        headed = bool(rows) and rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        for r, tr in enumerate(rows, start=0 if headed else 1):
            for c, tc in enumerate(tr.findall(qn("w:tc"))):
                column = f"column “{header[c]}”" if headed and c < len(header) and header[c] \
                    else f"column {c + 1}"
                row = f"row {r}" if r else "header row"
                place = Place("table", self.section, self.section_number,
                              detail=f"{name}, {row}, {column}", text=_words(text_of(tc)),
                              order=len(self.of))
                for p in tc.iter(qn("w:p")):
                    self.of[p] = place

    def at(self, el) -> Place:
        """The place of the paragraph holding `el`; of the next one when `el` stands
        between paragraphs (a comment's range may start before its first paragraph)."""
        for p in el.iterancestors(qn("w:p")):
            if p in self.of:
                return self.of[p]
        if any(True for _ in el.iterancestors(qn("w:sdt"))):
            return Place("text", detail="the contents")     # Word's table of contents
        for sibling in el.itersiblings():
            for p in sibling.iter(qn("w:p")):
                if p in self.of:
                    return self.of[p]
        return Place("text", detail="end of the document", order=len(self.of))


def _footnotes(doc, places: _Places):
    """The footnotes' root, each footnote's paragraphs placed at the paragraph that cites
    it, as "footnote N" (Word numbers footnotes in the order they are cited)."""
    part = next((r.target_part for r in doc.part.rels.values()
                 if r.reltype == RT.FOOTNOTES and not r.is_external), None)
    if part is None:
        return None
    root = parse_xml(part.blob)
    cited = {}
    for n, ref in enumerate(doc.element.body.iter(qn("w:footnoteReference")), start=1):
        cited[ref.get(qn("w:id"))] = (n, places.at(ref))
    for note in root.iter(qn("w:footnote")):
        if note.get(qn("w:id")) not in cited:
            continue       # the separators Word keeps among the footnotes
        n, at = cited[note.get(qn("w:id"))]
        place = replace(at, part="footnote", detail=f"footnote {n}", text=_words(text_of(note)))
        for p in note.iter(qn("w:p")):
            places.of[p] = place
    return root


# --- comments ----------------------------------------------------------------------------

def _anchors(root, places: _Places) -> dict[str, tuple[Place, str]]:
    """Comment id -> (place, the words between its range's start and end)."""
    if root is None:
        return {}
    found: dict[str, Place] = {}
    open_: dict[str, list[str]] = {}
    quotes: dict[str, str] = {}
    tags = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference"),
            qn("w:t"))
    for el in root.iter(*tags):
        cid = el.get(qn("w:id"))
        if el.tag == qn("w:t"):
            for words in open_.values():
                words.append(el.text or "")
        elif el.tag == qn("w:commentRangeStart"):
            found[cid], open_[cid] = places.at(el), []
        elif el.tag == qn("w:commentRangeEnd"):
            quotes[cid] = _words("".join(open_.pop(cid, [])))
        else:
            found.setdefault(cid, places.at(el))   # a comment on a point, with no range
    return {cid: (place, quotes.get(cid, "")) for cid, place in found.items()}


def _comments(doc, anchors, file: str) -> list[Entry]:
    if not any(r.reltype == RT.COMMENTS for r in doc.part.rels.values()):
        return []      # asking python-docx for them would add an empty part
    parents = _reply_parents(doc)
    by_para: dict[str, str] = {}
    entries = []
    for comment in doc.comments:
        el, cid = comment._comment_elm, str(comment.comment_id)
        for p in el.iter(qn("w:p")):
            by_para[p.get(f"{W14}paraId", "")] = cid
        entries.append(Entry("comment", comment.author or "unknown", comment.initials or "",
                             el.get(qn("w:date"), ""), comment.text.strip(), "", None, file,
                             cid, parents.get(_last_para_id(el))))
    for entry in entries:
        entry.reply_to = by_para.get(entry.reply_to) if entry.reply_to else None
        if entry.reply_to:
            entry.kind = "reply"
        place, quote = anchors.get(entry.ref) or anchors.get(entry.reply_to) or (None, "")
        entry.place, entry.quote = place or Place("text", detail="no place"), quote
    return entries


def _last_para_id(comment_el) -> str:
    paras = comment_el.findall(qn("w:p"))
    return paras[-1].get(f"{W14}paraId", "") if paras else ""


def _reply_parents(doc) -> dict[str, str]:
    """paraId of a reply's last paragraph -> paraId of its parent's (commentsExtended.xml,
    which Word writes from 2013; without it no comment is a reply)."""
    part = next((r.target_part for r in doc.part.rels.values()
                 if r.reltype == COMMENTS_EXTENDED and not r.is_external), None)
    if part is None:
        return {}
    root = parse_xml(part.blob)
    return {ex.get(f"{W15}paraId"): ex.get(f"{W15}paraIdParent")
            for ex in root.iter(f"{W15}commentEx") if ex.get(f"{W15}paraIdParent")}


def _changes(root, places: _Places, file: str) -> list[Entry]:
    """Each insertion and deletion of text tracked in Word (a paragraph mark's or a
    formatting change, which has no words, is left out)."""
    entries = []
    for el in root.iter(*CHANGES):
        kind, text_tag = CHANGES[el.tag]
        words = "".join(t.text or "" for t in el.iter(text_tag))
        if not words.strip():
            continue
        entries.append(Entry(kind, el.get(qn("w:author")) or "unknown", "",
                             el.get(qn("w:date"), ""), words, "", places.at(el), file))
    return entries


# --- small helpers -----------------------------------------------------------------------

def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _bookmarks(p) -> list[str]:
    return [b.get(qn("w:name"), "") for b in p.iter(qn("w:bookmarkStart"))]

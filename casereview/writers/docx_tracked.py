"""The new version's DOCX with Word's tracked changes against the old version, so that a panel
member walks through every change in Word's Review pane (and LibreOffice's Manage Changes):
`casereview diff OLD NEW --docx OUT`.

It starts from the new version as built (its styles, numbering, bookmarks, footnotes) and
marks on it, as revisions by "casereview" dated the build date:

- a changed paragraph: its deleted words (w:del) and added words (w:ins) in place;
- an added paragraph: all its words and its paragraph mark inserted (a table row whose every
  cell is added is an inserted row, an added footnote's mark in the text is inserted);
- a removed paragraph: a paragraph of deleted words with a deleted paragraph mark, written
  where it stood (see below); a removed footnote is a footnote whose mark in the text is
  deleted;
- a moved paragraph: its old place holds its old words moved from (w:moveFrom) and its new
  place its words moved to (w:moveTo), the two joined by a named range as Word pairs them
  (LibreOffice reads a move as a deletion and an insertion, which accept and reject alike).
  Words also edited in a move are not marked apart: the move shows the old words at the old
  place and the new ones at the new. A moved footnote moves with its mark: only its words
  are marked.

Where a removed paragraph (or a moved one's old place) goes: after `change.after`, the
paragraph that came just before it in the old version. When that one was removed or moved
too, `after` is that change's `old` (equal to it), and the paragraph follows what was written
for it; else `after` is the new version's paragraph (kept, perhaps changed), found in the
DOCX. `after` None: after the paragraph of the change before it in the list (which comes in
the new version's order, removed paragraphs where they stood), else at the start of the
body. A removed paragraph of the body that followed a table cell goes after the table, one
that followed a footnote after the paragraph with the footnote's mark.

Simplifications: a removed paragraph's words are plain (the old version's bold or italic
is not known); a removed table row's cells are deleted paragraphs in the cell they follow
(each cell's text on its own line when rejected, in that cell); a removed heading is a
deleted Heading 1 (numbered) or Heading 2 paragraph.

Further edits in Word are tracked too (w:trackRevisions), and the package is written as the
DOCX writer writes it: the same changes on the same DOCX give the same bytes.
"""
from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import docx as python_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from ..changes import Change, Paragraph
from . import docx_package
from .docx_styles import NUMBERED_PARAGRAPH
from .docx_tracked_find import Finder
from .docx_tracked_marks import (ADDED, DELETED, Marks, ghost, mark_paragraph, mark_unit,
                                 move_to, new_run)
from .docx_xml import element, set_child

# w:settings children that come before w:trackRevisions (schema order)
SETTINGS_BEFORE = (
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
    "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
    "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
    "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts", "w:saveFormsData",
    "w:mirrorMargins", "w:alignBordersAndEdges", "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
    "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign",
    "w:attachedTemplate", "w:linkStyles", "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod", "w:documentType", "w:mailMerge", "w:revisionView")
# a ghost's paragraph properties, from the paragraph it follows, without what is that one's
PPR_NOT_COPIED = ("w:sectPr", "w:rPr", "w:pPrChange", "w:numPr")


def track(new_docx: Path, changes: list[Change], out: Path, when: date) -> Path:
    """Write `out`: `new_docx` (the new version as built) with `changes` as tracked changes
    dated `when` (the build date). Changes come in the new version's order, removed ones
    where they stood; see the module's doc for where a removed paragraph goes."""
    doc = python_docx.Document(str(new_docx))
    notes_part = next((rel.target_part for rel in doc.part.rels.values()
                       if rel.reltype == RT.FOOTNOTES), None)
    notes = parse_xml(notes_part.blob) if notes_part is not None else None
    body = doc.element.body
    tracker = Tracker(Finder(body, notes), Marks(when, 1 + highest_id(body, notes)), changes)
    for index in range(len(changes)):
        tracker.apply(index)
    tracker.finish()
    inserted_rows(body, tracker.marks)
    set_child(doc.settings.element, "w:trackRevisions", SETTINGS_BEFORE)
    if notes_part is not None:
        notes_part._blob = serialize_part_xml(notes)
    out.parent.mkdir(parents=True, exist_ok=True)
    docx_package.save(doc, out, when)
    return out


def highest_id(*parts) -> int:
    return max((int(v) for part in parts if part is not None for el in part.iter()
                if (v := el.get(qn("w:id"), "")).lstrip("-").isdigit()), default=0)


class Tracker:
    """Marks the changes in turn; remembers where the last one was, and where each removed
    paragraph went, so that the one after it in the old version can follow it."""

    def __init__(self, finder: Finder, marks: Marks, changes: list[Change]):
        self.finder, self.marks, self.changes = finder, marks, changes
        self.previous = None                 # the last paragraph a change marked or wrote
        self.written: dict[int, object] = {}  # change's index -> what it wrote where it stood
        self.waiting: dict[int, list[tuple[int, object]]] = {}
        gone = {i: c.old for i, c in enumerate(changes) if c.kind in ("removed", "moved")}
        self.follows = {i: j for i in gone for j, old in gone.items()
                        if j != i and changes[i].after is not None and changes[i].after == old}

    def apply(self, index: int) -> None:
        getattr(self, self.changes[index].kind)(index, self.changes[index])

    def changed(self, index: int, change: Change) -> None:
        unit = self.finder.find(change.new)
        words = change.words or [(DELETED, change.old.text), (ADDED, change.new.text)]
        mark_unit(unit.paragraphs, words, self.marks)
        self.previous = unit.last

    def added(self, index: int, change: Change) -> None:
        unit = self.finder.find(change.new)
        mark_unit(unit.paragraphs, [], self.marks, whole=ADDED)
        for p in unit.paragraphs:
            mark_paragraph(p, self.marks.mark("w:ins"))
        if unit.footnote is not None:
            for run in self.note_marks(unit.footnote.get(qn("w:id"))):
                if run.getparent().tag != qn("w:ins"):
                    run.addprevious(self.marks.wrap("w:ins", []))
                    run.getprevious().append(run)
        self.previous = unit.last

    def removed(self, index: int, change: Change) -> None:
        if change.old.part == "footnote":
            self.removed_footnote(index, change)
        else:
            self.write(index, lambda anchor: ghost(ghost_ppr(change.old, anchor),
                                                   change.old.text, self.marks))

    def moved(self, index: int, change: Change) -> None:
        if change.old.part == "footnote":
            if any(op != "=" for op, _ in change.words):
                self.changed(index, change)
            return
        name = self.marks.move_name()
        old_text = "".join(t for op, t in change.words if op != ADDED) or change.old.text
        unit = self.finder.find(change.new)
        self.write(index, lambda anchor: ghost(ghost_ppr(change.old, anchor), old_text,
                                               self.marks, moved=name))
        move_to(unit.paragraphs, self.marks, name)
        self.previous = unit.last

    # ------------------------------------------------------------ where old paragraphs go

    def write(self, index: int, make) -> None:
        """Write what stood at the old place of change `index` (made by `make(anchor)`)
        after its anchor; once the paragraph it followed is written, when that was removed
        or moved too."""
        if index in self.follows and self.follows[index] not in self.written:
            self.waiting.setdefault(self.follows[index], []).append((index, make))
            return
        anchor = (self.written[self.follows[index]] if index in self.follows
                  else self.anchor(self.changes[index]))
        paragraph = make(anchor)
        (anchor.addnext(paragraph) if anchor is not None
         else self.finder.body.insert(0, paragraph))
        self.written[index] = self.previous = paragraph
        for waiting, make_next in self.waiting.pop(index, []):
            self.write(waiting, make_next)

    def finish(self) -> None:
        """Old paragraphs still waiting on one that wrote nothing where it stood (a moved
        footnote moves with its mark) go by their own anchor."""
        while self.waiting:
            _, queue = self.waiting.popitem()
            for index, make in queue:
                del self.follows[index]
                self.write(index, make)

    def anchor(self, change: Change):
        """The kept paragraph a removed one follows: `after`, else the last change's
        paragraph, else none (the start of the body)."""
        if change.after is not None:
            return self.in_part(self.finder.find(change.after, keep_cursor=True).last,
                                change.old)
        return self.in_part(self.previous, change.old)

    def in_part(self, p, old: Paragraph):
        """What to follow in the old paragraph's part: a paragraph of the body does not go
        into the table cell it followed (but after the table), nor into a footnote (but
        after the paragraph with the footnote's mark)."""
        if p is None:
            return None
        note = next(p.iterancestors(qn("w:footnote")), None)
        if note is not None and old.part != "footnote":
            marks = self.note_marks(note.get(qn("w:id")))
            p = next(marks[0].iterancestors(qn("w:p"))) if marks else None
            return self.in_part(p, old)
        table = next(p.iterancestors(qn("w:tbl")), None)
        return table if table is not None and old.part not in ("table", "chronology") else p

    def removed_footnote(self, index: int, change: Change) -> None:
        """A footnote with the old words, its mark in the text deleted: after the mark of
        the footnote it followed, at the end of the paragraph it followed, else before the
        first footnote mark."""
        notes = self.finder.footnotes
        note_id = str(1 + max(int(fn.get(qn("w:id"))) for fn in notes))
        notes.append(footnote(note_id, change.old.text))
        deleted = self.marks.wrap("w:del", [note_mark("w:footnoteReference", id=note_id)])
        if index in self.follows and self.follows[index] in self.written:
            self.written[self.follows[index]].addnext(deleted)
        elif change.after is not None and change.after.part == "footnote":
            after = self.finder.find(change.after, keep_cursor=True)
            self.note_marks(after.footnote.get(qn("w:id")))[0].addnext(deleted)
        elif change.after is not None:
            self.finder.find(change.after, keep_cursor=True).last.append(deleted)
        else:
            next(self.finder.body.iter(qn("w:footnoteReference"))).getparent().addprevious(
                deleted)
        self.written[index] = deleted

    def note_marks(self, note_id: str) -> list:
        return [ref.getparent() for ref in self.finder.body.iter(qn("w:footnoteReference"))
                if ref.get(qn("w:id")) == note_id]


def ghost_ppr(old: Paragraph, anchor):
    """A numbered paragraph's style for a numbered one, a heading's for a heading; else the
    properties of the paragraph it follows (a table cell's, a list item's)."""
    # a section's heading is numbered and its key one step long; a subsection's is deeper
    section = old.number and "/" not in old.key
    style = (NUMBERED_PARAGRAPH[1] if old.number and old.part == "body" else
             ("Heading1" if section else "Heading2") if old.part == "heading" else None)
    source = anchor.find(qn("w:pPr")) if anchor is not None and anchor.tag == qn("w:p") else None
    if style is None and source is not None:
        ppr = copy.deepcopy(source)
        for child in list(ppr):
            if child.tag in {qn(t) for t in PPR_NOT_COPIED}:
                ppr.remove(child)
        return ppr
    ppr = OxmlElement("w:pPr")
    ppr.append(element("w:pStyle", val=style or "BodyText"))
    return ppr


def footnote(note_id: str, text: str):
    """A footnote as pandoc writes one: its mark, a space, the text."""
    fn = element("w:footnote", id=note_id)
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(element("w:pStyle", val="FootnoteText"))
    p.append(ppr)
    p.extend([note_mark("w:footnoteRef"), new_run(None, [" "]), new_run(None, [text])])
    fn.append(p)
    return fn


def note_mark(tag: str, **attrs):
    """A footnote's mark: in the text (w:footnoteReference) or in the note (w:footnoteRef)."""
    rpr = OxmlElement("w:rPr")
    rpr.append(element("w:rStyle", val="FootnoteReference"))
    return new_run(rpr, [element(tag, **attrs)])


def inserted_rows(body, marks: Marks) -> None:
    """A table row whose every paragraph was added is an inserted row, so that rejecting
    it leaves no empty row."""
    for tr in body.iter(qn("w:tr")):
        paragraphs = list(tr.iter(qn("w:p")))
        if paragraphs and all(p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:ins')}") is not None
                              for p in paragraphs):
            trpr = tr.find(qn("w:trPr"))
            if trpr is None:
                trpr = OxmlElement("w:trPr")
                tr.find(qn("w:tc")).addprevious(trpr)
            trpr.append(marks.mark("w:ins"))


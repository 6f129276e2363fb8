"""Word's revision marks on the paragraphs of a built DOCX: the words of a changed paragraph
inserted (w:ins) and deleted (w:del, w:delText), whole paragraphs inserted or deleted with
their paragraph marks, and moves (w:moveFrom/w:moveTo in named ranges).

A "unit" is what `diff` calls a paragraph: one w:p, or the paragraphs of a table cell or of
a footnote. Its text is its runs' text, paragraphs joined by a space. The words of a change
describe the text `diff` read, which need not be the DOCX's to the character (a footnote
mark, a line break), so they are laid on the DOCX's text by aligning the two; text the
words do not cover is kept. Runs are split where a mark starts or ends, each piece keeping
its run's formatting; deleted words take the formatting of the run they follow.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .docx_xml import XML_SPACE, element

AUTHOR = "casereview"
KEPT, ADDED, DELETED = "=", "+", "-"
# run content that reads as one character; anything else (a footnote mark, a field
# character) is read as no text and marked like the character before it
CHARACTERS = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
              qn("w:noBreakHyphen"): "-", qn("w:softHyphen"): ""}
# in the paragraph mark's w:rPr the revision comes first, after these in w:pPr
PPR_BEFORE_RPR = ("w:sectPr", "w:pPrChange")


@dataclass
class Marks:
    """The revisions being made: every one by casereview on the build date, each with its
    own id, counted up from above every id already in the package."""

    when: date
    next_id: int
    moves: int = 0

    @property
    def stamp(self) -> str:
        return f"{self.when.isoformat()}T00:00:00Z"

    def mark(self, tag: str, **extra):
        """An empty revision element (a paragraph mark's, a range start) with id, author
        and date."""
        el = element(tag, id=str(self.next_id), author=AUTHOR, date=self.stamp, **extra)
        self.next_id += 1
        return el

    def wrap(self, tag: str, runs: list):
        el = self.mark(tag)
        el.extend(runs)
        return el

    def move_name(self) -> str:
        self.moves += 1
        return f"move{self.moves}"


@dataclass
class Atom:
    """One character of a unit's text: where it is (None: the space between paragraphs)."""

    run: object | None
    child: object | None
    index: int = 0


@dataclass
class Layout:
    """How a unit's text is marked: each atom's status, and the deleted words to write
    before an atom (or after it, at the end of a paragraph)."""

    status: list[str]
    before: dict[int, list[str]] = field(default_factory=dict)
    after: dict[int, list[str]] = field(default_factory=dict)
    trailing: list[str] = field(default_factory=list)      # a unit with no text at all


# ---------------------------------------------------------------- reading a unit

def runs_of(p) -> list:
    """The runs of a paragraph in reading order, hyperlinks' included."""
    return [r for r in p.iter(qn("w:r"))]


def atoms_of(paragraphs: list) -> list[Atom]:
    atoms: list[Atom] = []
    for n, p in enumerate(paragraphs):
        if n:
            atoms.append(Atom(None, None))
        for r in runs_of(p):
            for child in r:
                if child.tag == qn("w:t"):
                    atoms.extend(Atom(r, child, i) for i in range(len(child.text or "")))
                elif CHARACTERS.get(child.tag):
                    atoms.append(Atom(r, child))
    return atoms


def char(atom: Atom) -> str:
    if atom.child is None:
        return " "
    if atom.child.tag == qn("w:t"):
        return atom.child.text[atom.index]
    return CHARACTERS[atom.child.tag]


def unit_text(paragraphs: list) -> str:
    return "".join(char(a) for a in atoms_of(paragraphs))


def normal(text: str) -> str:
    """For matching: every space alike (the DOCX has tabs and breaks where `diff`'s text
    may have spaces)."""
    return "".join(" " if c.isspace() else c for c in text)


# ---------------------------------------------------------------- laying words on a unit

def layout(atoms: list[Atom], words: list[tuple[str, str]]) -> Layout:
    """Align the new text the words spell ("=" and "+") with the unit's text: each atom
    takes the status of the character it matches; the deleted words go where they stood
    in the new text."""
    new, statuses, deletions = "", [], []
    for op, text in words:
        if op == DELETED:
            deletions.append((len(new), text))
        else:
            new += text
            statuses += [op] * len(text)
    docx = "".join(normal(char(a)) for a in atoms)
    where = position_map(docx, normal(new))
    status = [statuses[where[i]] if where[i] is not None else KEPT for i in range(len(docx))]
    out = Layout(status)
    for position, text in deletions:
        place_deletion(out, atoms, docx_position(where, position, len(docx)), text)
    return out


def position_map(docx: str, new: str) -> list[int | None]:
    """For each character of the DOCX text, the position of the same character in the new
    text (None: the words do not have it)."""
    if docx == new:
        return list(range(len(docx)))
    where: list[int | None] = [None] * len(docx)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, docx, new, autojunk=False).get_opcodes():
        if op == "equal":
            where[i1:i2] = range(j1, j2)
        elif op == "replace":
            # replaced text counts as the new text it stands for (marked as that is)
            where[i1:i2] = [min(j1 + k, j2 - 1) for k in range(i2 - i1)]
    return where


def docx_position(where: list[int | None], position: int, size: int) -> int:
    """The DOCX position of a position in the new text: before the first character that
    maps at or after it."""
    return next((i for i, j in enumerate(where) if j is not None and j >= position), size)


def place_deletion(out: Layout, atoms: list[Atom], at: int, text: str) -> None:
    """Before the atom at `at`, or, at the end of a paragraph or of the unit, after the
    atom before it, so that deleted words stay in the paragraph they were in."""
    if at < len(atoms) and atoms[at].run is not None:
        out.before.setdefault(at, []).append(text)
    elif at > 0 and atoms[at - 1].run is not None:
        out.after.setdefault(at - 1, []).append(text)
    else:
        out.trailing.append(text)


# ---------------------------------------------------------------- rewriting the runs

def mark_unit(paragraphs: list, words: list[tuple[str, str]], marks: Marks,
              whole: str | None = None) -> None:
    """Mark a unit's words: by `words`, or every one as `whole` (ADDED, or "moveTo")."""
    atoms = atoms_of(paragraphs)
    plan = Layout([whole] * len(atoms)) if whole else layout(atoms, words)
    by_run: dict[int, list[int]] = {}
    for i, a in enumerate(atoms):
        if a.run is not None:
            by_run.setdefault(id(a.run), []).append(i)
    for p in paragraphs:
        for r in runs_of(p):
            indices = by_run.get(id(r), [])
            pieces = split_run(r, atoms, indices, plan, whole)
            if pieces != [(KEPT, None)]:
                replace_run(r, pieces, marks)
    if plan.trailing:
        last = paragraphs[-1]
        rpr = next((r.find(qn("w:rPr")) for r in reversed(runs_of(last))
                    if r.find(qn("w:rPr")) is not None), None)
        last.append(marks.wrap("w:del", [deleted_run(" ".join(plan.trailing), rpr)]))


def split_run(r, atoms: list[Atom], indices: list[int], plan: Layout, whole: str | None):
    """The run's content as (status, [content]) pieces in order, deleted words as
    (DELETED, text); [(KEPT, None)] when nothing in it changes."""
    position = {(id(atoms[i].child), atoms[i].index): i for i in indices}
    pieces: list[tuple[str, object]] = []
    last = whole or KEPT
    for child in r:
        if child.tag == qn("w:rPr"):
            continue
        if child.tag == qn("w:t"):
            for k, c in enumerate(child.text or ""):
                last = add_atom(pieces, plan, position[(id(child), k)], c)
        elif (id(child), 0) in position:
            last = add_atom(pieces, plan, position[(id(child), 0)], child)
        else:
            pieces.append((last, child))
    if all(status == KEPT for status, _ in pieces):
        return [(KEPT, None)]
    return pieces


def add_atom(pieces: list, plan: Layout, i: int, content) -> str:
    for text in plan.before.get(i, []):
        pieces.append((DELETED, text))
    pieces.append((plan.status[i], content))
    for text in plan.after.get(i, []):
        pieces.append((DELETED, text))
    return plan.status[i]


def replace_run(r, pieces: list, marks: Marks) -> None:
    """The run gives way to one run per stretch of the same status, each with the run's
    formatting; inserted stretches in w:ins (or the move's w:moveTo), deleted in w:del."""
    rpr = r.find(qn("w:rPr"))
    out = []
    for status, contents in grouped(pieces):
        if status == DELETED:
            out.append(marks.wrap("w:del", [deleted_run("".join(contents), rpr)]))
            continue
        run = new_run(rpr, contents)
        out.append(run if status == KEPT else marks.wrap(
            "w:ins" if status == ADDED else f"w:{status}", [run]))
    for el in out:
        r.addprevious(el)
    r.getparent().remove(r)


def grouped(pieces: list):
    """Consecutive pieces of one status together."""
    groups: list[tuple[str, list]] = []
    for status, content in pieces:
        if groups and groups[-1][0] == status:
            groups[-1][1].append(content)
        else:
            groups.append((status, [content]))
    return groups


def new_run(rpr, contents: list):
    """A run with the formatting `rpr` and the contents: characters join into w:t, other
    content (a tab, a footnote mark) is copied."""
    run = OxmlElement("w:r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    text = ""
    for content in contents + [None]:
        if isinstance(content, str):
            text += content
            continue
        if text:
            run.append(text_element("w:t", text))
            text = ""
        if content is not None:
            run.append(copy.deepcopy(content))
    return run


def text_element(tag: str, text: str):
    t = OxmlElement(tag)
    t.text = text
    t.set(XML_SPACE, "preserve")
    return t


def deleted_run(text: str, rpr):
    run = OxmlElement("w:r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    run.append(text_element("w:delText", text))
    return run


# ---------------------------------------------------------------- paragraph marks

def mark_paragraph(p, revision) -> None:
    """Mark the paragraph's own mark (inserted, deleted, moved): w:pPr/w:rPr first child."""
    ppr = p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        later = [c for c in ppr if c.tag in {qn(t) for t in PPR_BEFORE_RPR}]
        (later[0].addprevious(rpr) if later else ppr.append(rpr))
    rpr.insert(0, revision)


def ghost(ppr, text: str, marks: Marks, moved: str | None = None):
    """A paragraph that is no more (or has moved away): its text deleted (or moved from
    the range `moved`) and its paragraph mark too."""
    p = OxmlElement("w:p")
    if ppr is not None:
        p.append(ppr)
    if moved:
        mark_paragraph(p, marks.mark("w:moveFrom"))
        start = marks.mark("w:moveFromRangeStart", name=moved)
        p.append(start)
        p.append(marks.wrap("w:moveFrom", [new_run(None, [text])]))
        p.append(element("w:moveFromRangeEnd", id=start.get(qn("w:id"))))
    else:
        mark_paragraph(p, marks.mark("w:del"))
        p.append(marks.wrap("w:del", [deleted_run(text, None)]))
    return p


def move_to(paragraphs: list, marks: Marks, name: str) -> None:
    """The new place of a moved unit: all its text moved to, inside the named range."""
    mark_unit(paragraphs, [], marks, whole="moveTo")
    for p in paragraphs:
        mark_paragraph(p, marks.mark("w:moveTo"))
    first, last = paragraphs[0], paragraphs[-1]
    start = marks.mark("w:moveToRangeStart", name=name)
    ppr = first.find(qn("w:pPr"))
    (ppr.addnext(start) if ppr is not None else first.insert(0, start))
    last.append(element("w:moveToRangeEnd", id=start.get(qn("w:id"))))

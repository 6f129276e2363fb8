"""The tracked-changes DOCX (`diff --docx`): the example built, edited (a paragraph's words,
a bold paragraph's, one added, one removed, one moved, an action-plan cell, a footnote) and
built again; the changes, written by hand here as `diff` gives them, marked on the new
DOCX; then read by lxml and by LibreOffice, whose accepting every change must give the new
version's text and rejecting every change the old one's."""
from __future__ import annotations

import difflib
import re
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import docx
import pytest
from lxml import etree

from casereview import pipeline
from casereview.changes import Change, Paragraph
from casereview.writers import WriterError
from casereview.writers.docx_tracked import track
from conftest import ROOT, copy_workspace, edit
from office import office_texts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
WHEN = date(2016, 6, 13)
STAMP = "2016-06-13T00:00:00Z"

# (file, old, new): the edits of the new version; the paragraphs named below are theirs
EDITS = [
    ("review/sections/03-methodology.md", "was unable to contribute", "could not contribute"),
    ("review/sections/14-first-child-protection-period.md",
     "asks what bearing the first", "asks what influence the first"),
    ("review/sections/05-confidentiality.md", "\n\n[^wt-p71]:",
     "\n\nThe panel agreed that this report should be published in full.\n\n[^wt-p71]:"),
    ("action_plans/eyst.yml", "procedures\n      and works to them", "procedures\n      and follows them"),
    ("review/sections/01-introduction.md", "A shortage of oxygen", "A lack of oxygen"),
]
MOVED = "Safron Rose works full time"            # 4.2 goes to the end of section 4
REMOVED = "She has more than twenty-five years"  # 4.3 goes


def q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{W}}}{name}"


# ---------------------------------------------------------------- the two versions

def read_paragraphs(docx: Path) -> list[Paragraph]:
    """The paragraphs of a built DOCX as `diff` reads them: numbered ones by their
    bookmark, table cells, footnotes."""
    with zipfile.ZipFile(docx) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(q("w:body"))
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    out = []
    for p in body.iter(q("w:p")):
        mark = p.find(q("w:bookmarkStart"))
        anchor = mark.get(q("w:name")) if mark is not None else None
        in_table = next(p.iterancestors(q("w:tc")), None) is not None
        if not in_table:
            numbered = p.find("w:pPr/w:pStyle[@w:val='NumberedParagraph']", NS) is not None
            out.append(Paragraph(anchor or f"body{len(out)}", text_of(p),
                                 "n" if numbered else None, anchor))
    for n, tc in enumerate(body.iter(q("w:tc"))):
        out.append(Paragraph(f"cell{n}", text_of(tc), part="table"))
    for fn in notes.findall("w:footnote[@w:id]", NS):
        if fn.get(q("w:type")) is None:
            out.append(Paragraph(f"fn{fn.get(q('w:id'))}", text_of(fn).strip(), part="footnote"))
    return out


def text_of(el) -> str:
    return " ".join("".join(t.text or "" for t in p.iter(q("w:t"))) for p in el.iter(q("w:p")))


def words(old: str, new: str) -> list[tuple[str, str]]:
    """Word by word, as `diff` marks them."""
    a, b = re.findall(r"\S+\s*", old), re.findall(r"\S+\s*", new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(("-", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("+", "".join(b[j1:j2])))
    return out


def one(paragraphs: list[Paragraph], opening: str) -> Paragraph:
    found = [p for p in paragraphs if " ".join(opening.split()) in p.text]
    assert len(found) == 1, (opening, found)
    return found[0]


def the_changes(old: list[Paragraph], new: list[Paragraph]) -> list[Change]:
    """What `diff` reports for EDITS, MOVED and REMOVED, in the new version's order."""
    changes = []
    for _, before, after in EDITS:
        if after.startswith("\n"):
            changes.append(Change("added", None, one(new, after.strip().split("\n")[0])))
            continue
        o, n = one(old, before), one(new, after)
        changes.append(Change("changed", o, n, words(o.text, n.text)))
    moved_old, moved_new = one(old, MOVED), one(new, MOVED)
    kept_41 = one(new, "The independent reviewer and lead author")
    changes.append(Change("moved", moved_old, moved_new, [("=", moved_new.text)],
                          after=kept_41))
    order = {p.key: i for i, p in enumerate(new)}       # the new version's order
    changes.sort(key=lambda c: order[c.new.key])
    # 4.3 stood before 4.4, which stays, and the next change after that is the move
    move = next(i for i, c in enumerate(changes) if c.kind == "moved")
    changes.insert(move, Change("removed", one(old, REMOVED), None, after=moved_old))
    return changes


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """(old DOCX, new DOCX, tracked DOCX, changes)."""
    root = tmp_path_factory.mktemp("tracked")
    built = []
    for name in ("old", "new"):
        ws = copy_workspace(ROOT, root / name)
        if name == "new":
            for rel, before, after in EDITS:
                edit(ws, rel, before, after)
            move_paragraph(ws / "review/sections/04-independence.md")
        built.append(pipeline.build(ws, formats=("docx",)).outputs[0])
    old, new = built
    changes = the_changes(read_paragraphs(old), read_paragraphs(new))
    return old, new, track(new, changes, root / "tracked.docx", WHEN), changes


def move_paragraph(section: Path) -> None:
    head, _, body = section.read_text(encoding="utf-8").rpartition("---\n")
    paragraphs = [p for p in body.strip().split("\n\n") if not p.startswith(REMOVED)]
    moved = next(p for p in paragraphs if p.startswith(MOVED))
    paragraphs = [p for p in paragraphs if p is not moved] + [moved]
    section.write_text(head + "---\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def xml(docx: Path, name: str):
    with zipfile.ZipFile(docx) as package:
        return etree.fromstring(package.read(name))



# ---------------------------------------------------------------- LibreOffice

@pytest.fixture(scope="module")
def row_added(versions, tmp_path_factory):
    """The new DOCX with the panel table's second row marked as added, cell by cell."""
    _, new, _, _ = versions
    cells = [p for p in read_paragraphs(new) if p.part == "table"][2:4]
    out = tmp_path_factory.mktemp("row") / "row.docx"
    return track(new, [Change("added", None, c) for c in cells], out, WHEN), cells


@pytest.fixture(scope="module")
def office(versions, row_added, tmp_path_factory):
    """LibreOffice's text of each version, and of the tracked DOCX as it opens, with every
    change accepted and with every change rejected."""
    old, new, tracked, _ = versions
    jobs = {"old": (old, ""), "new": (new, ""), "tracked": (tracked, ""),
            "accepted": (tracked, ".uno:AcceptAllTrackedChanges"),
            "rejected": (tracked, ".uno:RejectAllTrackedChanges"),
            "row rejected": (row_added[0], ".uno:RejectAllTrackedChanges")}
    return dict(zip(jobs, office_texts(list(jobs.values()), tmp_path_factory.mktemp("office"))))


# ---------------------------------------------------------------- the marks in the XML

def revisions(root) -> list:
    return [el for el in root.iter() if el.tag in {q(f"w:{t}") for t in (
        "ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart")}]


def marked(root, tag: str) -> list[str]:
    """The text of each w:ins, w:del, w:moveFrom or w:moveTo that holds runs."""
    return ["".join(t.text for t in el.iter(q("w:t"), q("w:delText")))
            for el in root.iter(q(tag)) if el.find(q("w:r")) is not None]


def paragraph_marks(root, tag: str) -> list[str]:
    return [text_of(p) for p in root.iter(q("w:p"))
            if p.find(f"w:pPr/w:rPr/w:{tag}", NS) is not None]


def test_every_revision_is_by_casereview_on_the_build_date_with_its_own_id(versions):
    tracked = versions[2]
    document = revisions(xml(tracked, "word/document.xml"))
    notes = revisions(xml(tracked, "word/footnotes.xml"))
    # words and paragraph marks: 3 changed paragraphs' words, one added paragraph, one
    # removed, one moved (its runs and mark at each end, and the two ranges), a footnote
    assert Counter(etree.QName(el).localname for el in document) == {
        "del": 3 + 2, "ins": 3 + 2, "moveFrom": 2, "moveTo": 2,
        "moveFromRangeStart": 1, "moveToRangeStart": 1}
    assert Counter(etree.QName(el).localname for el in notes) == {"del": 1, "ins": 1}
    found = document + notes
    assert {(el.get(q("w:author")), el.get(q("w:date"))) for el in found} == {
        ("casereview", STAMP)}
    ids = [el.get(q("w:id")) for el in found]
    assert len(set(ids)) == len(ids)
    settings = docx.Document(str(tracked)).settings.element     # python-docx opens it
    assert settings.find("w:trackRevisions", NS) is not None       # Word tracks what follows


def test_changed_words_are_deleted_and_inserted_in_place(versions):
    document = xml(versions[2], "word/document.xml")
    deleted = marked(document, "w:del")        # with the removed paragraph's words
    assert [deleted[0], deleted[1][:len(REMOVED)], *deleted[2:]] == [
        "was unable to ", REMOVED, "bearing ", "works to "]
    assert marked(document, "w:ins") == [
        "could not ", "The panel agreed that this report should be published in full.",
        "influence ", "follows "]
    cell = next(tc for tc in document.iter(q("w:tc")) if "follows them" in text_of(tc))
    assert text_of(cell).startswith("Every member of staff")       # in its action-plan cell
    notes = xml(versions[2], "word/footnotes.xml")
    assert (marked(notes, "w:del"), marked(notes, "w:ins")) == (["shortage "], ["lack "])


def test_kept_and_marked_words_keep_their_run_formatting(versions):
    """Key question 1's paragraph is bold: so are its kept, deleted and inserted words."""
    document = xml(versions[2], "word/document.xml")
    p = next(p for p in document.iter(q("w:p")) if "asks what influence" in text_of(p))
    runs = p.findall(".//w:r", NS)
    assert [r.find("w:rPr/w:b", NS) is not None for r in runs] == [True] * 4
    assert [("".join(t.text for t in r.iter(q("w:t"), q("w:delText"))), r.getparent().tag)
            for r in runs][1:3] == [("bearing ", q("w:del")), ("influence ", q("w:ins"))]


def test_added_and_removed_paragraphs_have_their_marks_inserted_and_deleted(versions):
    document = xml(versions[2], "word/document.xml")
    assert paragraph_marks(document, "ins") == [
        "The panel agreed that this report should be published in full."]
    removed = paragraph_marks(document, "del")
    assert [t[:36] for t in removed] == [""]        # its words are deleted text
    ghost = next(p for p in document.iter(q("w:p"))
                 if p.find("w:pPr/w:rPr/w:del", NS) is not None)
    assert "".join(t.text for t in ghost.iter(q("w:delText"))).startswith(REMOVED)
    assert ghost.find("w:pPr/w:pStyle", NS).get(q("w:val")) == "NumberedParagraph"


def test_a_moved_paragraph_is_moved_from_its_old_place_to_its_new(versions):
    """4.2 moved to the end of section 4: its old place (after 4.1, before the removed 4.3)
    and its new one are a pair of named ranges."""
    document = xml(versions[2], "word/document.xml")
    moved_from, moved_to = marked(document, "w:moveFrom"), marked(document, "w:moveTo")
    assert len(moved_from) == len(moved_to) == 1
    assert moved_from == moved_to and moved_from[0].startswith(MOVED)
    names = [document.find(f".//w:{tag}RangeStart", NS).get(q("w:name"))
             for tag in ("moveFrom", "moveTo")]
    assert names == ["move1", "move1"]
    texts = [text_of(p) or "".join(t.text for t in p.iter(q("w:delText")))
             for p in document.iter(q("w:p"))]
    start = next(i for i, t in enumerate(texts) if t.startswith("The independent reviewer"))
    assert [t[:27] for t in texts[start:start + 5]] == [
        "The independent reviewer an", MOVED, REMOVED[:27], "Ruby Parry was formerly an ",
        MOVED]


def test_a_row_whose_cells_are_all_added_is_an_inserted_row(row_added):
    tracked, cells = row_added
    rows = [tr for tr in xml(tracked, "word/document.xml").iter(q("w:tr"))
            if tr.find("w:trPr/w:ins", NS) is not None]
    assert [[text_of(tc) for tc in tr.findall("w:tc", NS)] for tr in rows] == [
        [c.text for c in cells]]


# ---------------------------------------------------------------- in LibreOffice

def test_libreoffice_reads_the_changes_accepting_gives_the_new_text_rejecting_the_old(office):
    assert office["tracked"]["changes"] and office["tracked"]["text"] != office["new"]["text"]
    for outcome, version in (("accepted", "new"), ("rejected", "old")):
        assert not office[outcome]["changes"]
        assert office[outcome]["text"] == office[version]["text"], outcome
        assert office[outcome]["notes"] == office[version]["notes"], outcome
    assert " A lack of oxygen reaching the body’s tissues." in office["new"]["notes"]
    assert " A shortage of oxygen reaching the body’s tissues." in office["old"]["notes"]


def test_rejecting_an_inserted_row_removes_the_row(office, row_added):
    lines = office["new"]["text"].splitlines()
    _, cells = row_added
    at = lines.index(cells[0].text)
    assert office["row rejected"]["text"].splitlines() == lines[:at] + lines[at + 2:]


# ---------------------------------------------------------------- the package

def test_the_same_changes_give_the_same_bytes(versions, tmp_path):
    _, new, tracked, changes = versions
    again = track(new, changes, tmp_path / "again.docx", WHEN)
    assert again.read_bytes() == tracked.read_bytes()


def test_a_paragraph_the_docx_does_not_have_is_named(versions, tmp_path):
    stray = Paragraph("k0a0b0c", "Nothing in this report says this at all, anywhere.",
                      "9.9", "not-here", part="body")
    with pytest.raises(WriterError) as error:
        track(versions[1], [Change("added", None, stray)], tmp_path / "x.docx", WHEN)
    assert str(error.value) == (
        "tracked changes: paragraph 9.9 “Nothing in this report says this at all, anywhere.” "
        "(body, key k0a0b0c) is not in the new version's DOCX; build the new version again so "
        "that the DOCX and the compared text are of the same sources")


"""`casereview comments`: a built DOCX of the example, commented in python-docx and lxml as two
panel members would in Word (comments_docx.py), read back by paragraph number and key,
logged in review/comments.yml, and found again by key after the workspace renumbered."""
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from comments_docx import annotate
from conftest import ROOT, copy_workspace, edit
from docx.oxml.ns import qn

from casereview import numbering, pipeline
from casereview.cli import main
from casereview.commands.check import check
from casereview.writers.docx_numbering import key_bookmark

INDEPENDENCE = "review/sections/04-independence.md"
FIRST_RUN = [
    "1.1 footnote 1 · 1 Introduction · k5a669b",
    "  c12fc96eb  open  Panel Member B       2016-05-02  deletion   Working Together to "
    "Safeguard Children (2013).",
    "",
    "1.2 footnote 2 · 1 Introduction · about-child-b1",
    "  c39722497  open  Panel Member B (PB)  2016-05-02  comment    on “A shortage of oxygen "
    "reaching the…”: Cite the page.",
    "",
    "4 Independence · heading",
    "  cb46154f8  open  Panel Member B (PB)  2016-05-02  comment    on “Independence”: Say "
    "who appointed them.",
    "",
    "4.2 · 4 Independence · k1176a1",
    "  c615e7f8f  open  Panel Member A (PA)  2016-05-01  comment    on “Safron Rose works "
    "full time as an…”: Say for how long.",
    "  cb21a7fdb  open  Panel Member B (PB)  2016-05-02  comment    on “Safron Rose works "
    "full time as an…”: Agree; and name her training.",
    "  c85996597  open  Panel Member A (PA)  2016-05-03  reply      on “Safron Rose works "
    "full time as an…”: Will do in the next draft.",
    "",
    "4.3 · 4 Independence · k983d9b",
    "  c9ad53cd0  open  Panel Member B       2016-05-02  insertion  In all,",
    "",
    "4.4 · 4 Independence · k3e5fbe",
    "  ca31fb222  open  Panel Member A (PA)  2016-05-01  comment    on “Ruby Parry was "
    "formerly an Assistant…”: Which years?",
    "",
    "Appendix 1: Agency recommendations and action plans · table “Action plan: Children’s "
    "Social Care” (action-plan-csc), row 2, column “Lead”",
    "  c83028e38  open  Panel Member A (PA)  2016-05-01  comment    on “Workforce development "
    "and Service…”: Name the role, not the team.",
    "wrote ws/review/comments.yml: 9 comment(s), 9 new",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example built as DOCX only, once: copied by each test that changes it."""
    ws = copy_workspace(ROOT, tmp_path_factory.mktemp("comments") / "ws")
    pipeline.build(ws, formats=("docx",))
    return ws


@pytest.fixture
def ws(built, tmp_path, monkeypatch) -> Path:
    """A copy of the built example and, beside it, the DOCX the panel returned."""
    target = tmp_path / "ws"
    shutil.copytree(built, target)
    annotate(next((target / "dist").glob("*.docx")), tmp_path / "returned.docx")
    monkeypatch.chdir(tmp_path)
    return target


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["comments", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_every_numbered_paragraph_carries_its_key_in_a_hidden_bookmark(built):
    document = docx.Document(next((built / "dist").glob("*.docx")))
    marks = [b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))
             if b.get(qn("w:name")).startswith("_k")]
    outline = numbering.outline(check(built).review)
    keys = [b.key for s in outline for b in s.blocks if b.kind == "paragraph"]
    assert marks == ["_k" + k for k in keys]
    assert len(marks) == 246


def test_a_key_too_long_for_word_is_hashed_into_forty_characters():
    long = "a-paragraph-id-that-an-author-made-rather-long"
    assert key_bookmark("k1176a1") == "_kk1176a1"
    assert key_bookmark(long).startswith("_h") and len(key_bookmark(long)) == 40
    assert key_bookmark(long) != key_bookmark(long + "-2")


def test_comments_are_grouped_by_paragraph_in_the_reports_order(ws, capsys):
    code, out, err = run(capsys, "returned.docx", "--workspace", "ws")
    assert (code, err) == (0, "")
    assert out == FIRST_RUN


def test_the_log_holds_each_comment_open_with_where_it_stands(ws, capsys):
    run(capsys, "returned.docx", "--workspace", "ws")
    text = (ws / "review/comments.yml").read_text(encoding="utf-8")
    assert text.startswith("# The panel's comments on the report, gathered by `casereview "
                           "comments FILE.docx...`")
    assert "#   reason     why it was declined; required when declined\n" in text
    entry = text[text.index("  - id: c85996597"):].split("\n  - ")[0]
    assert entry.splitlines() == [
        "  - id: c85996597",
        "    status: open",
        "    paragraph: '4.2'",
        "    section: 4 Independence",
        "    key: k1176a1",
        "    author: Panel Member A",
        "    initials: PA",
        "    date: '2016-05-03T11:00:00Z'",
        "    kind: reply",
        "    reply_to: cb21a7fdb",
        "    quote: Safron Rose works full time as an independent consultant and trainer in "
        "child protection, offering a variety of safeguarding services to managers and "
        "practitioners from many agencies throughout England.",
        "    text: Will do in the next draft.",
        "    file: returned.docx"]
    cell = text[text.index("  - id: c83028e38"):].split("\n  - ")[0]
    assert "    place: 'table “Action plan: Children’s Social Care” (action-plan-csc), row 2, " \
           "column “Lead”'" in cell.splitlines()
    assert check(ws).report.errors == []


def test_the_workbook_has_a_row_per_comment(ws, capsys, tmp_path):
    code, out, _ = run(capsys, "returned.docx", "--workspace", "ws", "--xlsx", "log.xlsx")
    assert (code, out[-1]) == (0, "wrote log.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "log.xlsx")["Comments"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:8] == ["Paragraph", "Section", "Place", "Note", "Key", "Id", "Status",
                           "Reason"]
    assert [(r[0], r[5], r[8], r[11]) for r in rows[1:]] == [
        ("1.1", "c12fc96eb", "Panel Member B", "deletion"),
        ("1.2", "c39722497", "Panel Member B", "comment"),
        ("4", "cb46154f8", "Panel Member B", "comment"),
        ("4.2", "c615e7f8f", "Panel Member A", "comment"),
        ("4.2", "cb21a7fdb", "Panel Member B", "comment"),
        ("4.2", "c85996597", "Panel Member A", "reply"),
        ("4.3", "c9ad53cd0", "Panel Member B", "insertion"),
        ("4.4", "ca31fb222", "Panel Member A", "comment"),
        (None, "c83028e38", "Panel Member A", "comment")]
    assert rows[9][2] == ("table “Action plan: Children’s Social Care” (action-plan-csc), "
                          "row 2, column “Lead”")


def test_after_renumbering_comments_follow_their_paragraph_and_keep_their_status(ws, capsys):
    run(capsys, "returned.docx", "--workspace", "ws")
    log = ws / "review/comments.yml"
    text = log.read_text(encoding="utf-8")
    text = text.replace("  - id: c615e7f8f\n    status: open", "  - id: c615e7f8f\n"
                        "    # said at the panel of 9 May\n    status: accepted")
    text = text.replace("  - id: cb21a7fdb\n    status: open", "  - id: cb21a7fdb\n"
                        "    status: declined\n    reason: her training is in 4.3")
    log.write_text(text, encoding="utf-8")
    edit(ws, INDEPENDENCE, "---\nThe independent reviewer",
         "---\nThe review was commissioned in 2015.\n\nThe independent reviewer")
    edit(ws, INDEPENDENCE, "She has more than twenty-five", "She had more than twenty-five")
    edit(ws, INDEPENDENCE, "four decades of experience", "forty years of experience")
    text_before = (ws / INDEPENDENCE).read_text(encoding="utf-8")
    edit(ws, INDEPENDENCE, text_before[text_before.index("She had more"):
                                       text_before.index("Ruby Parry was")], "")
    code, out, err = run(capsys, "returned.docx", "--workspace", "ws")
    assert (code, err) == (0, "")
    assert out[6:23] == [
        "4 Independence · heading",
        "  cb46154f8  open      Panel Member B (PB)  2016-05-02  comment    on “Independence”: "
        "Say who appointed them.",
        "",
        "gone · 4 Independence · k983d9b · paragraph no longer exists",
        "  c9ad53cd0  open      Panel Member B       2016-05-02  insertion  In all,",
        "",
        "4.3 · 4 Independence · k1176a1 · 4.2 in the DOCX",
        "  c615e7f8f  accepted  Panel Member A (PA)  2016-05-01  comment    on “Safron Rose "
        "works full time as an…”: Say for how long.",
        "  cb21a7fdb  declined  Panel Member B (PB)  2016-05-02  comment    on “Safron Rose "
        "works full time as an…”: Agree; and name her training. [declined: her training is "
        "in 4.3]",
        "  c85996597  open      Panel Member A (PA)  2016-05-03  reply      on “Safron Rose "
        "works full time as an…”: Will do in the next draft.",
        "",
        "4.4 · 4 Independence · k3e5fbe · text changed since",
        "  ca31fb222  open      Panel Member A (PA)  2016-05-01  comment    on “Ruby Parry was "
        "formerly an Assistant…”: Which years?",
        "",
        "Appendix 1: Agency recommendations and action plans · table “Action plan: Children’s "
        "Social Care” (action-plan-csc), row 2, column “Lead”",
        "  c83028e38  open      Panel Member A (PA)  2016-05-01  comment    on “Workforce "
        "development and Service…”: Name the role, not the team.",
        "wrote ws/review/comments.yml: 9 comment(s), 0 new"]
    text = log.read_text(encoding="utf-8")
    assert text.count("  - id: ") == 9
    accepted = text[text.index("  - id: c615e7f8f"):].split("\n  - ")[0].splitlines()
    assert accepted[:7] == ["  - id: c615e7f8f", "    # said at the panel of 9 May",
                            "    status: accepted", "    paragraph: '4.3'",
                            "    section: 4 Independence", "    note: 4.2 in the DOCX",
                            "    key: k1176a1"]
    assert "    status: declined\n    reason: her training is in 4.3\n    paragraph: '4.3'" \
        in text


def test_the_current_folder_is_the_workspace_by_default_and_no_docx_means_no_log(
        ws, capsys, monkeypatch):
    monkeypatch.chdir(ws)
    code, out, _ = run(capsys, "../returned.docx")
    assert (code, out[-1]) == (0, "wrote review/comments.yml: 9 comment(s), 9 new")
    monkeypatch.chdir(ws.parent)
    code, out, _ = run(capsys, "returned.docx")      # not in a workspace: the DOCX's numbers
    assert code == 0 and "wrote" not in "".join(out)
    assert out[9] == "4.2 · 4 Independence · k1176a1"
    assert out[10].startswith("  open  Panel Member A (PA)  2016-05-01  comment ")


def test_a_docx_without_comments_says_so_and_writes_nothing(ws, capsys):
    plain = next((ws / "dist").glob("*.docx"))
    code, out, err = run(capsys, str(plain), "--workspace", "ws")
    assert (code, out, err) == (0, [f"{plain}: no comments"], "")
    assert not (ws / "review/comments.yml").exists()


def test_a_file_that_is_not_a_docx_is_refused_without_a_traceback(ws, capsys):
    (ws.parent / "notes.docx").write_text("not a word document", encoding="utf-8")
    code, out, err = run(capsys, "notes.docx", "--workspace", "ws")
    assert (code, out) == (2, [])
    assert err == ("notes.docx: not a Word document (.docx); give the DOCX a panel member "
                   "returned, saved from Word as .docx\n")
    code, _, err = run(capsys, "missing.docx")
    assert (code, err) == (2, "missing.docx: file not found; give the path of the DOCX a "
                              "panel member returned\n")


def test_a_broken_log_is_named_at_its_line_by_the_command_and_by_check(ws, capsys):
    log = ws / "review/comments.yml"
    log.write_text("comments:\n  - id: c1\n    status: [open\n", encoding="utf-8")
    code, out, err = run(capsys, "returned.docx", "--workspace", "ws")
    assert (code, out) == (1, [])
    assert err.splitlines() == [
        "review/comments.yml:4:1: YAML syntax: did not find expected ',' or ']' (while "
        "parsing a flow sequence that starts at line 3); check the indentation, colons and "
        "quotes on this line and the one before",
        "nothing was written: correct review/comments.yml (`casereview check` lists the same) "
        "and run again"]
    assert log.read_text(encoding="utf-8") == "comments:\n  - id: c1\n    status: [open\n"


def test_a_declined_comment_without_a_reason_is_an_error_at_its_status(ws):
    (ws / "review/comments.yml").write_text(
        "comments:\n  - id: c1\n    status: accepted\n  - id: c2\n    text: Cut this.\n"
        "    status: declined\n  - id: c3\n    status: maybe\n", encoding="utf-8")
    assert [str(d) for d in check(ws).report.errors] == [
        "review/comments.yml:6:13: comments[1].status: a declined comment needs a reason; "
        "write `reason:` saying why, for the panel's record",
        "review/comments.yml:8:13: comments[2].status: `maybe` is not allowed; use one of: "
        "open, accepted, declined"]


def test_an_empty_log_is_an_error_that_says_to_delete_it(ws):
    (ws / "review/comments.yml").write_text("# nothing yet\n", encoding="utf-8")
    assert [str(d) for d in check(ws).report.errors] == [
        "review/comments.yml:1:1: the file is empty; delete it: `casereview comments` writes "
        "it anew"]


def test_no_output_of_a_build_carries_the_log(ws, capsys):
    run(capsys, "returned.docx", "--workspace", "ws")
    (ws / "review/comments.yml").write_text(
        (ws / "review/comments.yml").read_text(encoding="utf-8").replace(
            "    status: open", "    status: declined\n    reason: Zanzibar-quokka", 1),
        encoding="utf-8")
    shutil.rmtree(ws / "dist")
    result = pipeline.build(ws, formats=pipeline.FORMATS)
    assert {p.suffix for p in result.outputs} >= {".html", ".docx", ".pdf", ".md"}
    said = ("Panel Member", "Zanzibar-quokka", "Say for how long", "c615e7f8f", "comments.yml")
    for path in [p for folder in ("site", "dist") for p in (ws / folder).rglob("*")
                 if p.is_file()]:
        for text in _texts(path):
            assert not [s for s in said if s in text], path


def _texts(path: Path) -> list[str]:
    """What a reader of the output could find in it: the text of each file, of each part of
    a DOCX, of a PDF's pages."""
    import subprocess
    import zipfile
    if path.suffix == ".pdf":
        return [subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                               check=True).stdout]
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            return [package.read(n).decode("utf-8", "replace") for n in package.namelist()]
    return [path.read_bytes().decode("utf-8", "replace")]

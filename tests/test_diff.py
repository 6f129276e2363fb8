"""`casereview diff`: two versions of the example, one edited the ways a lead reviewer edits
between builds, compared as workspaces, as built DOCX files and as git revisions."""
import html.parser
import re
import shutil
import subprocess
import zipfile

import pytest

import docx

from casereview import numbering, pipeline
from casereview.cli import main
from casereview.commands.check import check
from conftest import ROOT, copy_workspace, edit
from office import office_texts

W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}

ADDED = "A new opening paragraph says why the report is published in full."


def cut(ws, rel: str, opening: str) -> str:
    """Take the paragraph that starts with `opening` out of a section; it is returned."""
    path = ws / rel
    text = path.read_text(encoding="utf-8")
    start = text.index(opening)
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    path.write_text(text[:start].rstrip("\n") + "\n" + text[end:], encoding="utf-8")
    return text[start:end].strip()


def edited(ws):
    """Each kind of change a reader can see, made in the workspace `ws`."""
    edit(ws, "review/sections/07-family-involvement.md",
         "They have not replied to the invitations.", "They have not answered either invitation.")
    moving = cut(ws, "review/sections/08-dissemination-of-learning.md",
                 "The Learning and Development sub-group")
    timescales = ws / "review/sections/09-timescales.md"
    timescales.write_text(timescales.read_text(encoding="utf-8") + "\n" + moving + "\n",
                          encoding="utf-8")
    edit(ws, "review/sections/05-confidentiality.md", "---\nWorking Together",
         f"---\n{ADDED}\n\nWorking Together")
    cut(ws, "review/sections/04-independence.md", "She has more than twenty-five")
    edit(ws, "action_plans/csc.yml", "lead: All managers", "lead: Every team manager")
    edit(ws, "review/sections/01-introduction.md", "reaching the body’s tissues.",
         "reaching the body’s organs.")
    edit(ws, "agency_imrs/lpt.yml", "Mother told a Family Support Meeting that she was pregnant.",
         "Mother told a Family Support Meeting that she was expecting a baby.")
    return ws


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("diff")
    old = copy_workspace(ROOT, folder / "old")
    new = edited(copy_workspace(ROOT, folder / "new"))
    return old, new


def keys(ws) -> dict[str, str]:
    """number -> key of every numbered paragraph of a workspace."""
    return {b.number: b.key for s in numbering.outline(check(ws).review) for b in s.blocks
            if b.kind == "paragraph"}


def diff(capsys, *args) -> tuple[int, list[str], str]:
    code = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.fixture(scope="module")
def expected(versions) -> list[str]:
    """The report of the edits: in the new order, each by number (old → new when it moved)
    and key (old → new when the edit gave a new one), the edited words marked."""
    b, a = keys(versions[0]), keys(versions[1])
    return [
        "changed  footnote (fn:about-child-b1)  A shortage of oxygen reaching the body’s "
        "[-tissues.-]{+organs.+}",
        f"removed  4.3 ({b['4.3']})  [-She has more than twenty-five years’ experience of "
        "child protection social work. Since 2010 she has taken part in a number of serious "
        "case reviews, quality assuring reports, chairing review panels and writing overview "
        "reports. She holds a Diploma in …-]",
        f"added    5.1 ({a['5.1']})  {{+{ADDED}+}}",
        f"changed  7.1 ({b['7.1']} → {a['7.1']})  … give their views. They have not "
        "[-replied to the invitations.-]{+answered either invitation.+}",
        f"moved    8.2 → 9.2 ({b['8.2']})  The Learning and Development sub-group of the "
        "Local Safeguarding Children Board will be told the outcome of the review and will "
        "make sure that its training events carry the key learning messages. Planning is "
        "already under way for a multi-agency …",
        f"changed  11.8 ({b['11.8']} → {a['11.8']})  … Family Support Meeting that she was "
        "[-pregnant.-]{+expecting a baby.+}",
        "changed  table (action-plans/children-s-social-care/1/lead)  [-All managers-]"
        "{+Every team manager+}",
        "changed  table (chronology/september-2010/what-happened)  … Family Support Meeting "
        "that she was [-pregnant.-]{+expecting a baby.+}",
        "5 changed, 1 added, 1 removed, 1 moved",
    ]


def test_each_edit_is_listed_in_the_new_order_and_renumbering_is_no_change(
        versions, expected, capsys):
    old, new = versions
    assert diff(capsys, old, new) == (1, expected, "")
    after, before = keys(new), keys(old)
    # the paragraphs after the added, removed and moved ones took other numbers: not listed
    assert after["5.2"] == before["5.1"] and after["4.3"] == before["4.4"]
    assert "8.2" not in after and after["9.2"] == before["8.2"]


def test_the_same_version_twice_is_no_change(versions, capsys):
    assert diff(capsys, versions[0], versions[0]) == (0, ["no changes"], "")


def test_the_changed_words_give_back_both_texts(versions):
    from casereview import diff as finding
    from casereview.diff_sources import read
    old, new = (read(ws) for ws in versions)
    changes = finding.compare(old.paragraphs, new.paragraphs)
    assert [c.kind for c in changes] == ["changed", "removed", "added", "changed", "moved",
                                         "changed", "changed", "changed"]
    for c in changes:
        assert "".join(t for op, t in c.words if op in "=-") == (c.old.text if c.old else "")
        assert "".join(t for op, t in c.words if op in "=+") == (c.new.text if c.new else "")


def test_two_built_docx_files_give_the_same_changes(versions, expected, tmp_path, capsys):
    from casereview import pipeline
    docx = [pipeline.build(copy_workspace(ws, tmp_path / ws.name), formats=("docx",))
            .outputs[0] for ws in versions]
    code, lines, err = diff(capsys, *docx)
    # the keys of paragraphs without an author's id are drawn from the words the DOCX shows
    # (the workspace's from the Markdown source), so only the keys may differ
    assert (code, without_keys(lines), err) == (1, without_keys(expected), "")
    assert lines[-3:] == expected[-3:]


def without_keys(lines: list[str]) -> list[str]:
    return [re.sub(r" \([^()]*\)  ", "  ", line, count=1) for line in lines]


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Lead", "-c",
                    "user.email=lead@example.org", *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A git repository holding the example in a subfolder, its last commit the edits."""
    repo = tmp_path_factory.mktemp("repo")
    ws = copy_workspace(ROOT, repo / "cases" / "b1")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "as first drafted")
    edited(ws)
    git(repo, "commit", "-qam", "edited")
    return repo, ws


def test_two_revisions_of_a_workspace_compared_without_touching_its_files(
        repository, expected, capsys):
    repo, ws = repository
    files = {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()}
    assert diff(capsys, "--rev", "HEAD~1..HEAD", ws) == (1, expected, "")
    assert diff(capsys, "--rev", "HEAD~1..", ws) == (1, expected, "")   # A..: as it is now
    status = subprocess.run(["git", "-C", str(repo), "status", "--porcelain"],
                            capture_output=True, text=True, check=True).stdout
    assert status == "" and files == {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()}


def test_a_revision_that_is_not_one_is_said(repository, capsys):
    repo, ws = repository
    top = subprocess.run(["git", "-C", str(ws), "rev-parse", "--show-toplevel"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert diff(capsys, "--rev", "nosuch..HEAD", ws) == (
        2, [], f"casereview: --rev: `nosuch` is not a revision of {top}\n")
    assert diff(capsys, "--rev", "HEAD", ws) == (
        2, [], "casereview: --rev HEAD: give two revisions as A..B, e.g. --rev HEAD~1..HEAD "
               "(A.. compares A with the folder as it is now)\n")


def test_a_folder_outside_git_has_no_revisions(versions, capsys):
    assert diff(capsys, "--rev", "HEAD~1..HEAD", versions[0]) == (
        2, [], f"casereview: --rev: {versions[0]} is not in a git repository\n")


def test_the_html_page_marks_the_words_and_fetches_nothing(versions, tmp_path, capsys):
    page = tmp_path / "changes.html"
    code, lines, _ = diff(capsys, *versions, "--html", page)
    assert code == 1 and lines[-2:] == ["5 changed, 1 added, 1 removed, 1 moved",
                                        f"wrote {page}"]
    marks = Marks()
    marks.feed(page.read_text(encoding="utf-8"))
    assert marks.text["del"] == ["tissues.", CUT, "replied to the invitations.", "pregnant.",
                                 "All managers", "pregnant."]
    assert marks.text["ins"] == ["organs.", ADDED, "answered either invitation.",
                                 "expecting a baby.", "Every team manager", "expecting a baby."]
    assert marks.tags & {"script", "img", "link", "iframe", "object"} == set()
    assert "http://" not in marks.urls and "https://" not in marks.urls


def test_the_html_page_escapes_the_text():
    from casereview.changes import Change, Paragraph
    from casereview.diff_report import page
    said = "<script>alert(1)</script> & co"
    marks = Marks()
    marks.feed(page([Change("added", None, Paragraph("k1", said, "1.1"), [("+", said)])],
                    "a<b", "c"))
    assert marks.text["ins"] == [said] and "script" not in marks.tags
    assert marks.title == "Changes from a<b to c"


CUT = ("She has more than twenty-five years’ experience of child protection social work. "
       "Since 2010 she has taken part in a number of serious case reviews, quality assuring "
       "reports, chairing review panels and writing overview reports. She holds a Diploma in "
       "Social Work and a CQSW, and is also qualified as a mental health social worker. Her "
       "career includes a range of operational and strategic posts, among them a period as a "
       "Director at the NSPCC, and she has taught as a visiting lecturer at the Tavistock "
       "Centre.")


class Marks(html.parser.HTMLParser):
    """The text of each <del> and <ins>, every tag, the attributes' values, the title."""

    def __init__(self):
        super().__init__()
        self.text = {"del": [], "ins": []}
        self.tags: set[str] = set()
        self.urls = ""
        self.open: str | None = None
        self.title = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.urls += " ".join(v or "" for _, v in attrs)
        if tag in self.text or tag == "title":
            self.open = tag
            if tag in self.text:
                self.text[tag].append("")

    def handle_endtag(self, tag):
        self.open = None

    def handle_data(self, data):
        if self.open == "title":
            self.title += data
        elif self.open:
            self.text[self.open][-1] += data


def test_a_version_that_fails_check_cannot_be_compared(versions, tmp_path, capsys):
    broken = copy_workspace(ROOT, tmp_path / "broken")
    edit(broken, "review/review.yml", "status: published", "status: nearly")
    errors = [str(d) for d in check(broken).report.errors]
    assert errors
    assert diff(capsys, versions[0], broken) == (2, [], "\n".join(errors + [
        f"casereview: {broken}: {len(errors)} error(s); a version that fails check cannot be "
        "compared (run `casereview check` on it)"]) + "\n")


def test_what_is_neither_a_workspace_nor_a_docx_is_said(versions, tmp_path, capsys):
    text = tmp_path / "notes.txt"
    text.write_text("notes", encoding="utf-8")
    fake = tmp_path / "report.docx"
    fake.write_text("not Word", encoding="utf-8")
    old = versions[0]
    assert diff(capsys, old, text) == (2, [], f"casereview: {text}: neither a casereview "
                                       "workspace (no review/ folder) nor a .docx file; give a "
                                       "workspace folder or a built DOCX\n")
    assert diff(capsys, old, fake) == (2, [], f"casereview: {fake}: not a readable DOCX file "
                                       "(not a zip package, as every .docx is)\n")
    assert diff(capsys, old, tmp_path / "gone") == (
        2, [], f"casereview: {tmp_path / 'gone'}: no such file or folder\n")
    assert diff(capsys, old) == (2, [], "casereview: diff needs two versions, OLD and NEW "
                                 "(workspace folders or built .docx files), or --rev A..B with "
                                 "one workspace\n")


def test_docx_gives_the_new_version_with_tracked_changes_libreoffice_accepts(
        versions, tmp_path, capsys):
    """End to end: the changes `diff` finds, marked on the new version's DOCX; LibreOffice
    accepting them all gives the new version's text, rejecting them all the old one's."""
    from lxml import etree

    from casereview.pipeline import build_date
    built = {}
    for name, ws in zip(("old", "new"), versions):
        copy = copy_workspace(ws, tmp_path / name)
        pipeline.build(copy, formats=("docx",))
        built[name] = next((copy / "dist").glob("*.docx"))
    out = tmp_path / "tracked.docx"
    code, lines, err = diff(capsys, *versions, "--docx", out)
    assert (code, lines[-1], err) == (1, f"wrote {out}", "")
    assert not (versions[1] / "dist").exists()       # built aside, not into the workspace
    with zipfile.ZipFile(out) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    marks = body.xpath("//w:ins | //w:del | //w:moveFrom | //w:moveTo", namespaces=W)
    when = build_date(check(versions[1]).sources.newest).isoformat() + "T00:00:00Z"
    assert marks and {(m.get(f"{{{W['w']}}}author"), m.get(f"{{{W['w']}}}date"))
                      for m in marks} == {("casereview", when)}
    assert len(docx.Document(str(out)).paragraphs) > 300          # python-docx opens it
    texts = dict(zip(("old", "new", "accepted", "rejected"), office_texts(
        [(built["old"], ""), (built["new"], ""), (out, ".uno:AcceptAllTrackedChanges"),
         (out, ".uno:RejectAllTrackedChanges")], tmp_path)))
    assert texts["accepted"]["text"] == texts["new"]["text"]
    assert texts["rejected"]["text"] == texts["old"]["text"]
    assert texts["accepted"]["notes"] == texts["new"]["notes"]


def test_on_a_terminal_the_words_are_coloured_not_marked():
    from casereview.changes import Change, Paragraph
    from casereview.diff import words
    from casereview.diff_report import coloured
    old, new = "The plan was agreed.", "The plan was not agreed."
    line = coloured(Change("changed", Paragraph("k1", old, "2.1"), Paragraph("k1", new, "2.3"),
                           words(old, new)))
    assert line.plain == "changed  2.1 → 2.3 (k1)  The plan was not agreed."
    assert [(line.plain[s.start:s.end], str(s.style)) for s in line.spans] == [
        ("changed  ", "bold"), ("2.1 → 2.3 (k1)  ", "cyan"), ("not ", "green underline")]


def test_a_panel_docx_differs_from_the_plain_one_only_by_its_open_checks(tmp_path, capsys):
    ws = copy_workspace(ROOT, tmp_path / "ws")
    plain = pipeline.build(ws, formats=("docx",)).outputs[0]
    kept = shutil.copy(plain, tmp_path / "plain.docx")
    panel = pipeline.build(ws, formats=("docx",), panel=True).outputs[0]
    assert panel.name.endswith("-panel.docx")
    code, lines, _ = diff(capsys, kept, panel)
    assert code == 1 and lines[-1] == "0 changed, 2 added, 0 removed, 0 moved", lines
    assert lines[:2] == ["added    heading (open-checks)  {+Open checks+}",
                         f"added    text ({numbering.paragraph_key('No open checks.')})  "
                         "{+No open checks.+}"]

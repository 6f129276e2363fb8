"""site/ and dist/ move as one: replaced together or not at all, a clear message when
something cannot be changed (with the previous outputs then truly unchanged), killed builds'
staging folders removed by the next build, and dist/ holding only the current version.

Locked files are simulated with `chattr +i` (the file system's immutable flag): the tests
run as root, for whom chmod changes nothing, but no one, root included, can change, rename
or delete an immutable file or folder, as Windows refuses for a file open in Word."""
import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys

import pytest

from casereview import pipeline
from casereview.writers import staging
from casereview.writers.staging import OutputsLocked
from conftest import MINIMAL, copy_workspace, edit

DOCX, PDF = "dist/lcspr-t-draft-0-1.docx", "dist/lcspr-t-draft-0-1.pdf"
WHY = ("it is locked or read-only (open in another program, marked read-only or "
       "unchangeable, or owned by another user)")
LOCKED = f"cannot be replaced: {WHY}; "
FOLDER_FIX = "close any program using a file in it, make sure you may change it (its owner " \
             "and permissions), and build again"


def digests(ws, folders=("site", "dist")):
    return {p.relative_to(ws).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted((ws / folder).rglob("*")) if p.is_file()}


def listing(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def staged(ws):
    return sorted(ws.glob(".casereview-build-*"))


def make_final(ws):
    edit(ws, "review/review.yml", "status: draft", "status: final")
    edit(ws, "review/review.yml", "version: LCSPR T DRAFT 0.1", "version: LCSPR T FINAL 1.0")


@pytest.fixture
def built(tmp_path):
    """The minimal workspace, built once (all three formats); then a change to the text, so
    that the next build's outputs differ from these."""
    ws = copy_workspace(MINIMAL, tmp_path / "ws")
    pipeline.build(ws)
    edit(ws, "review/sections/04-voice.md", "seldom", "rarely")
    return ws


@pytest.fixture
def immutable():
    """`mark(path)`: make it unchangeable with `chattr +i` until the test ends."""
    marked = []

    def mark(path):
        done = shutil.which("chattr") and subprocess.run(
            ["chattr", "+i", str(path)], capture_output=True).returncode == 0
        assert done, ("chattr +i is not available here: these tests need root and a file "
                      "system that keeps the immutable flag, such as ext4")
        marked.append(path)

    yield mark
    for path in reversed(marked):
        subprocess.run(["chattr", "-i", str(path)], check=True)


def failing(ws):
    """Build, expecting the outputs to be refused; they must be byte for byte as before."""
    before = digests(ws, ("site", "dist", "archive")), (ws / "archive").exists()
    with pytest.raises(OutputsLocked) as refused:
        pipeline.build(ws)
    assert (digests(ws, ("site", "dist", "archive")), (ws / "archive").exists()) == before
    assert staged(ws) == []
    return str(refused.value)


# --- both outputs, or neither -----------------------------------------------------------

def test_site_and_dist_are_replaced_together(built, monkeypatch):
    before = digests(built)
    moves, rename = [], os.rename

    def spy(source, target):
        if {os.path.basename(source), os.path.basename(target)} & {"site", "dist"}:
            moves.append((source, target))
        rename(source, target)

    monkeypatch.setattr(os, "rename", spy)
    pipeline.build(built)
    after = digests(built)
    assert after.keys() == before.keys()
    assert after["site/04-voice.html"] != before["site/04-voice.html"]
    assert after[DOCX] != before[DOCX] and after[PDF] != before[PDF]
    stage = moves[0][1].parent.parent
    assert [(str(a).replace(str(stage), "STAGE"), str(b).replace(str(stage), "STAGE"))
            for a, b in moves] == [
        (str(built / "site"), "STAGE/previous/site"), ("STAGE/site", str(built / "site")),
        (str(built / "dist"), "STAGE/previous/dist"), ("STAGE/dist", str(built / "dist"))]
    assert staged(built) == []


def test_when_dist_cannot_be_moved_in_site_is_put_back(built, monkeypatch):
    rename = os.rename

    def refuse_dist(source, target):
        if target == built / "dist" and source.parent.name != "previous":   # not the undo
            raise PermissionError(errno.EACCES, "Permission denied", str(source))
        rename(source, target)

    monkeypatch.setattr(os, "rename", refuse_dist)
    assert failing(built) == f"dist: {LOCKED}{FOLDER_FIX}"


def test_when_dist_is_unchangeable_site_is_put_back(built, immutable, monkeypatch):
    """A real failure of the second move: an immutable dist/ cannot be renamed, once the
    new site/ has been moved in; the previous site/ is moved back."""
    immutable(built / "dist")
    moves, rename = [], os.rename
    monkeypatch.setattr(os, "rename", lambda a, b: (moves.append(
        (os.path.relpath(a, built), os.path.relpath(b, built))), rename(a, b)))
    assert failing(built) == f"dist: {LOCKED}{FOLDER_FIX}"
    stage = moves[0][1].split("/")[0]
    assert [(a.replace(stage, "STAGE"), b.replace(stage, "STAGE")) for a, b in moves] == [
        ("site", "STAGE/previous/site"), ("STAGE/site", "site"),        # the first move
        ("dist", "STAGE/previous/dist"),                                # refused
        ("site", "STAGE/site"), ("STAGE/previous/site", "site")]        # the first undone


def test_a_failed_move_takes_back_the_archive_copies(built, monkeypatch):
    make_final(built)                               # the drafts would leave dist/
    rename = os.rename

    def busy_dist(source, target):
        if target == built / "dist" and source.parent.name != "previous":
            raise OSError(errno.EBUSY, "Device or resource busy", str(target))
        rename(source, target)

    monkeypatch.setattr(os, "rename", busy_dist)
    message = failing(built)
    assert message == f"dist: cannot be replaced: it is in use by another program; {FOLDER_FIX}"
    assert not (built / "archive").exists()


# --- what cannot be changed: named, and nothing changed ---------------------------------

@pytest.mark.parametrize("rel, holder", [(DOCX, "Word"), (PDF, "the PDF viewer")])
def test_a_locked_file_in_dist_is_named_and_nothing_changes(built, immutable, rel, holder):
    immutable(built / rel)
    assert failing(built) == (f"{rel}: {LOCKED}close it in {holder} (or whatever has it open), "
                              "make sure you may change it, and build again")


def test_dist_as_a_file_is_named_and_nothing_changes(built):
    shutil.rmtree(built / "dist")
    (built / "dist").write_text("my notes\n")
    assert failing(built) == ("dist: is a file, where casereview writes the dist/ folder; move "
                              "or rename the file and build again")
    assert (built / "dist").read_text() == "my notes\n"


def test_a_workspace_that_cannot_be_written_is_named(built, immutable):
    immutable(built)
    assert failing(built) == (f"{built}: cannot create the build folder there: {WHY}; make "
                              "sure you may write to the workspace folder and build again")


def test_the_command_line_says_what_to_do_without_a_traceback(built, immutable):
    immutable(built / DOCX)
    before = digests(built)
    result = subprocess.run([sys.executable, "-m", "casereview.cli", "build", str(built)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-2:] == [
        f"{DOCX}: {LOCKED}close it in Word (or whatever has it open), make sure you may change "
        "it, and build again", "nothing was written; the previous outputs are unchanged"]
    assert digests(built) == before


def test_a_site_only_build_leaves_dist_alone_even_with_a_file_open(built, immutable):
    edit(built, "review/sections/04-voice.md", "rarely", "seldom")     # as it was built
    before = digests(built, ("dist",))
    immutable(built / DOCX)
    pipeline.build(built, formats=("html",))
    assert digests(built, ("dist",)) == before


# --- staging folders of killed builds ---------------------------------------------------

HOLD = """
import sys
from pathlib import Path
from casereview.writers import staging
with staging.staging(Path(sys.argv[1])) as stage:
    print(stage, flush=True)
    sys.stdin.readline()
"""


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_killed_builds_folder_is_removed_and_a_running_ones_is_not(built):
    with subprocess.Popen([sys.executable, "-c", HOLD, str(built)], text=True,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE) as running:
        live = built / os.path.basename(running.stdout.readline().strip())
        dead = built / ".casereview-build-killed"
        dead.mkdir()
        (dead / "lock").write_text(f"casereview build, pid {dead_pid()}\n")
        (dead / "site").mkdir()
        (dead / "site" / "index.html").write_text("half written")
        assert staged(built) == sorted([live, dead])
        pipeline.build(built)
        assert staged(built) == [live]              # the running build's folder is kept
        running.kill()                              # now it is a killed build's
        running.wait()
    assert live.is_dir()
    pipeline.build(built)
    assert staged(built) == []


KILLED_WHILE_MOVING = """
import os, signal, sys
from pathlib import Path
from casereview import pipeline
ws, rename = Path(sys.argv[1]), os.rename

def rename_then_die(source, target):
    if target == ws / "dist":
        os.kill(os.getpid(), signal.SIGKILL)
    rename(source, target)

os.rename = rename_then_die
pipeline.build(ws)
"""


def test_a_build_killed_while_moving_in_is_rolled_back_by_the_next(built):
    before, site_before = digests(built), digests(built, ("site",))
    killed = subprocess.run([sys.executable, "-c", KILLED_WHILE_MOVING, str(built)])
    assert killed.returncode == -signal.SIGKILL
    assert not (built / "dist").exists()            # killed between the two moves:
    assert digests(built, ("site",)) != site_before  # the new site/ in, no dist/
    left = staged(built)
    assert staging.remove_stale(built) == left and len(left) == 1
    assert digests(built) == before and staged(built) == []


# --- what dist/ holds -------------------------------------------------------------------

def test_the_final_version_replaces_the_drafts_which_go_to_archive(built):
    drafts = {rel: (built / rel).read_bytes() for rel in (DOCX, PDF)}
    make_final(built)
    result = pipeline.build(built)
    assert listing(built / "dist") == [".casereview-build.json", "lcspr-t-final-1-0.docx",
                                       "lcspr-t-final-1-0.pdf"]
    assert listing(built / "archive") == ["lcspr-t-draft-0-1.docx", "lcspr-t-draft-0-1.pdf"]
    assert result.archived == [built / "archive" / "lcspr-t-draft-0-1.docx",
                               built / "archive" / "lcspr-t-draft-0-1.pdf"]
    for rel, data in drafts.items():
        assert (built / "archive" / rel.removeprefix("dist/")).read_bytes() == data


def test_a_pdf_only_build_keeps_the_docx_of_the_same_version(built):
    docx = (built / DOCX).read_bytes()
    pdf = (built / PDF).read_bytes()
    result = pipeline.build(built, formats=("pdf",))
    assert listing(built / "dist") == [".casereview-build.json", "lcspr-t-draft-0-1.docx",
                                       "lcspr-t-draft-0-1.pdf"]
    assert (built / DOCX).read_bytes() == docx and (built / PDF).read_bytes() != pdf
    assert result.kept == [built / DOCX] and result.archived == []
    assert not (built / "archive").exists()


def test_a_pdf_only_build_of_another_status_keeps_nothing_else(built):
    edit(built, "review/review.yml", "status: draft", "status: panel")     # same label
    pipeline.build(built, formats=("pdf",))
    assert listing(built / "dist") == [".casereview-build.json", "lcspr-t-draft-0-1.pdf"]
    assert listing(built / "archive") == ["lcspr-t-draft-0-1.docx"]


def test_a_pdf_only_build_of_the_final_version_leaves_no_draft_beside_it(built):
    make_final(built)
    pipeline.build(built, formats=("pdf",))
    assert listing(built / "dist") == [".casereview-build.json", "lcspr-t-final-1-0.pdf"]
    assert listing(built / "archive") == ["lcspr-t-draft-0-1.docx", "lcspr-t-draft-0-1.pdf"]


def test_files_nobody_recorded_leave_dist_for_archive_under_a_free_name(built):
    (built / "dist" / "notes.txt").write_text("mine\n")
    (built / "archive").mkdir()
    (built / "archive" / "notes.txt").write_text("older\n")
    pipeline.build(built)
    assert "notes.txt" not in listing(built / "dist")
    assert (built / "archive" / "notes-2.txt").read_text() == "mine\n"
    assert (built / "archive" / "notes.txt").read_text() == "older\n"


def test_an_archive_that_cannot_be_written_is_named_and_nothing_changes(built, immutable):
    make_final(built)
    (built / "archive").mkdir()
    immutable(built / "archive")
    assert failing(built) == f"archive: cannot be written to: {WHY}; {FOLDER_FIX}"


def test_an_archive_that_is_a_file_is_named_and_nothing_changes(built):
    make_final(built)
    (built / "archive").write_text("my notes\n")
    assert failing(built) == ("archive: is a file, where casereview keeps earlier outputs in an "
                              "archive/ folder; move or rename the file and build again")


def test_outputs_a_failed_undo_strands_are_put_back_by_the_next_build(built, monkeypatch):
    """The worst case: the move in fails and so does putting the previous outputs back. The
    message says where they are, and the next build puts them back from the plan."""
    before, rename = digests(built), os.rename

    def no_dist(source, target):
        if target == built / "dist":
            raise OSError(errno.EIO, "Input/output error", str(target))
        rename(source, target)

    monkeypatch.setattr(os, "rename", no_dist)
    with pytest.raises(OutputsLocked) as refused:
        pipeline.build(built)
    [stage] = staged(built)
    assert str(refused.value) == (
        f"{stage.name}: the previous outputs could not be put back after a failed move "
        "(input/output error); they are in its previous/ folder: close any program using them "
        "and build again (the next build puts them back), or move them back by hand")
    monkeypatch.undo()
    assert staging.remove_stale(built) == [stage]
    assert digests(built) == before and staged(built) == []


def test_the_command_line_says_what_moved_to_archive(built):
    make_final(built)
    result = subprocess.run([sys.executable, "-m", "casereview.cli", "build", str(built)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == [
        f"moved to {built / 'archive' / 'lcspr-t-draft-0-1.docx'}: a file of an earlier "
        "version or status, out of dist/",
        f"moved to {built / 'archive' / 'lcspr-t-draft-0-1.pdf'}: a file of an earlier "
        "version or status, out of dist/"]

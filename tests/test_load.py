import os
import re
import signal
import socket
import stat
from contextlib import contextmanager
from pathlib import Path

import pytest

from casereview import cli, load, tracker
from casereview.commands.check import check
from conftest import MINIMAL, edit, messages


def test_positions_of_values_and_keys():
    doc = load.yaml_doc("x.yml", "a: 1\nb:\n  - when: 2013-02-30\n")
    assert doc.data == {"a": 1, "b": [{"when": "2013-02-30"}]}   # dates stay text
    assert doc.values[("b", 0, "when")] == (3, 11)
    assert doc.keys[("b", 0, "when")] == (3, 5)


def test_no_is_a_key_not_false():
    assert load.yaml_doc("x.yml", "no: 4\n").data == {"no": 4}


def test_block_scalar_lines_count_from_the_line_after_the_bar():
    doc = load.yaml_doc("x.yml", "text: |\n  one\n  two [^x]\n")
    assert doc.text_line(("text",), 1) == (3, 1)


def test_front_matter_and_body_lines():
    doc = load.markdown_doc("s.md", "---\ntitle: T\n---\nfirst\n\nsecond\n")
    assert doc.data == {"title": "T"}
    assert doc.values[("title",)] == (2, 8)
    assert doc.text_line((), 2) == (6, 1)


def test_unclosed_front_matter():
    doc = load.markdown_doc("s.md", "---\ntitle: T\nbody\n")
    assert [str(p) for p in doc.problems] == [
        "s.md:1:1: front matter is not closed; end the front matter with a line holding only ---"]


def test_a_missing_file_is_reported_not_raised(minimal):
    (minimal / "review" / "family.yml").unlink()
    sources = load.workspace(minimal)
    assert [str(p) for p in sources.problems] == [
        "review/family.yml:1:1: file not found; create review/family.yml (see docs/authoring.md)"]


# --- reading a workspace never crashes, hangs or leaves it (safe_read.py) ----------------

UTF16 = ('review/panel.yml:1:1: the file looks like UTF-16 (as Notepad saves "Unicode" text), '
         'not UTF-8; save it as UTF-8')
BIG = "check it is the right file: no file of a review comes near that size"
COPY_IN = "copy what it links to into the workspace instead of linking to it"


@contextmanager
def within(seconds: float):
    """Fail, rather than hang the suite, if the block waits for ever (a FIFO opened)."""
    def expired(signum, frame):
        raise TimeoutError(f"still reading after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def sparse(path: Path, size: int) -> None:
    """A file of `size` bytes that takes no room on disk."""
    with open(path, "wb") as file:
        file.truncate(size)


def checked(ws: Path) -> list[str]:
    with within(10):
        return messages(ws)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_from_notepad_is_named_with_or_without_its_bom(minimal, encoding):
    panel = minimal / "review" / "panel.yml"
    panel.write_bytes(panel.read_text(encoding="utf-8").encode(encoding))
    assert checked(minimal) == [UTF16]


def test_a_stray_byte_is_placed_at_its_line_and_column(minimal):
    family = minimal / "review" / "family.yml"
    family.write_bytes(family.read_bytes().replace(b"Mother's", b"Mother\xe9s"))
    assert checked(minimal) == [
        "review/family.yml:8:25: byte 0xE9 is not UTF-8 (the file may have been saved as "
        "Windows-1252 or Latin-1); save it as UTF-8"]


def test_a_utf8_byte_order_mark_is_accepted(minimal):
    for rel in ("review/review.yml", "review/sections/01-introduction.md"):
        path = minimal / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert checked(minimal) == []


def test_a_folder_where_a_file_should_be(minimal):
    (minimal / "review" / "family.yml").unlink()
    (minimal / "review" / "family.yml").mkdir()
    (minimal / "action_plans" / "extra.yml").mkdir()
    assert checked(minimal) == [
        "action_plans/extra.yml:1:1: is a folder, not a file; put the file itself here, or "
        "rename the folder",
        "review/family.yml:1:1: is a folder, not a file; put the file itself here, or rename "
        "the folder"]


def test_a_named_pipe_is_refused_without_being_opened(minimal):
    os.mkfifo(minimal / "agency_imrs" / "extra.yml")
    (minimal / "review" / "terms.yml").unlink()
    os.mkfifo(minimal / "review" / "terms.yml")
    assert checked(minimal) == [
        "agency_imrs/extra.yml:1:1: is a named pipe (FIFO), not a file; replace it with the "
        "file itself",
        "review/terms.yml:1:1: is a named pipe (FIFO), not a file; replace it with the file "
        "itself"]


def test_a_socket_is_refused(minimal, monkeypatch):
    monkeypatch.chdir(minimal / "agency_imrs")     # a socket's path must be short
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("extra.yml")
        assert checked(minimal) == [
            "agency_imrs/extra.yml:1:1: is a socket, not a file; replace it with the file itself"]


def test_a_device_is_refused(minimal):
    try:
        os.mknod(minimal / "action_plans" / "extra.yml", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device needs privileges")
    assert checked(minimal) == [
        "action_plans/extra.yml:1:1: is a device, not a file; replace it with the file itself"]


def test_a_link_inside_the_workspace_is_followed(minimal):
    (minimal / "common").mkdir()
    (minimal / "review" / "family.yml").rename(minimal / "common" / "family.yml")
    (minimal / "review" / "family.yml").symlink_to(Path("..") / "common" / "family.yml")
    assert checked(minimal) == []


def test_a_link_out_of_the_workspace_is_refused_without_saying_where(minimal, tmp_path):
    private = tmp_path / "Hestia Larkspur's notes"
    private.mkdir()
    (minimal / "review" / "family.yml").rename(private / "family.yml")
    (minimal / "review" / "family.yml").symlink_to(private / "family.yml")
    assert checked(minimal) == [
        f"review/family.yml:1:1: is a symbolic link that points outside the workspace; {COPY_IN}"]


def test_a_folder_linked_from_outside_is_refused(minimal, tmp_path):
    (minimal / "action_plans").rename(tmp_path / "plans")
    (minimal / "action_plans").symlink_to(tmp_path / "plans")
    assert checked(minimal) == [
        "action_plans/police.yml:1:1: is in a folder that links outside the workspace; "
        f"{COPY_IN}"]


def test_broken_and_looping_links_are_refused(minimal):
    (minimal / "review" / "family.yml").unlink()
    (minimal / "review" / "family.yml").symlink_to("nowhere.yml")
    (minimal / "review" / "panel.yml").unlink()
    (minimal / "review" / "panel.yml").symlink_to("panel.yml")
    assert checked(minimal) == [
        "review/family.yml:1:1: is a symbolic link to a file that does not exist; replace the "
        "link with the file itself",
        "review/panel.yml:1:1: is a symbolic link that loops back on itself; replace the link "
        "with the file itself"]


def test_a_file_over_the_size_limit_is_refused_unread(minimal):
    sparse(minimal / "review" / "references.yml", 6 * 1024 * 1024)
    assert checked(minimal) == [
        f"review/references.yml:1:1: is 6.0 MB, over the 5 MB limit for a source file; {BIG}"]


@pytest.mark.parametrize("value, tag", [
    ("!!python/object/apply:os.system ['touch {flag}']", "!!python/object/apply:os.system"),
    ('!!int "3"', "!!int"),
    ("!custom draft", "!custom"),
    ("!!str draft", "!!str"),
    ("! draft", "!"),
])
def test_explicit_tags_are_refused_and_never_constructed(minimal, tmp_path, value, tag):
    flag = tmp_path / "ran"
    edit(minimal, "review/review.yml", "status: draft", "status: " + value.format(flag=flag))
    assert checked(minimal) == [
        f"review/review.yml:5:9: explicit YAML tags are not allowed; remove `{tag}`"]
    assert not flag.exists()


def test_a_tag_on_a_list_is_refused_too(minimal):
    edit(minimal, "review/review.yml", "subjects: [Child T]", "subjects: !!set [Child T]")
    assert checked(minimal) == [
        "review/review.yml:2:11: explicit YAML tags are not allowed; remove `!!set`"]


def test_control_characters_are_placed(minimal):
    edit(minimal, "review/review.yml", "status: draft", "status: dr\aaft")
    edit(minimal, "review/sections/02-events.md", "The agencies", "\x0cThe\x85 \x7fagencies")
    assert checked(minimal) == [
        "review/review.yml:5:11: control character U+0007; delete it",
        "review/sections/02-events.md:5:1: control character U+000C (and 2 more in this file); "
        "delete them"]


LAUGHS = 'lol0: &lol0 ["lol"]\n' + "".join(
    f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 9)}]\n" for i in range(1, 10))


def test_a_billion_laughs_stops_at_the_alias_past_the_budget(minimal):
    (minimal / "review" / "references.yml").write_text(LAUGHS, encoding="utf-8")
    assert checked(minimal) == [
        "review/references.yml:6:56: `*lol4` repeats its values past the limit of 100,000 values "
        "in a file; write the values out instead of repeating them with aliases"]


def test_a_few_aliases_are_fine(minimal):
    edit(minimal, "review/family.yml", "relationship: Mother\n", "relationship: &m Mother\n")
    edit(minimal, "review/family.yml", "relationship: Mother's partner", "relationship: *m")
    assert checked(minimal) == []


def test_an_alias_inside_what_it_names(minimal):
    (minimal / "review" / "references.yml").write_text("references: &a [*a]\n", encoding="utf-8")
    assert checked(minimal) == [
        "review/references.yml:1:17: `*a` is inside the `&a` it repeats, which would never end; "
        "remove `*a`"]


def test_an_alias_to_nothing(minimal):
    (minimal / "review" / "references.yml").write_text("references: [*a]\n", encoding="utf-8")
    assert checked(minimal) == [
        "review/references.yml:1:14: `*a` repeats nothing: no `&a` comes before it; define `&a` "
        "first, or remove `*a`"]


DEEP = "flatten the structure: a review file needs far fewer levels"


def test_nesting_beyond_the_limit_in_flow_style_never_reaches_recursion(minimal):
    deep = "references: " + "[" * 100_000 + "]" * 100_000 + "\n"
    (minimal / "review" / "references.yml").write_text(deep, encoding="utf-8")
    # where depends on libyaml's version: its scanner, reading ahead, may stop first
    [said] = checked(minimal)
    assert re.fullmatch(rf"review/references.yml:1:\d+: nested more than 50 levels deep; {DEEP}",
                        said)


def test_nesting_beyond_the_limit_in_block_style(minimal):
    deep = "references:\n" + "".join(" " * i + "- \n" for i in range(0, 200, 2))
    (minimal / "review" / "references.yml").write_text(deep, encoding="utf-8")
    assert checked(minimal) == [
        f"review/references.yml:51:99: nested more than 50 levels deep; {DEEP}"]


def test_a_number_too_long_to_read(minimal):
    edit(minimal, "review/review.yml", "status: draft", "status: 1" + "0" * 5000)
    edit(minimal, "action_plans/police.yml", "deadline: 31.07.2021", "deadline: 1" + ":00" * 40)
    assert checked(minimal) == [
        "action_plans/police.yml:7:15: a number of more than 100 characters; put it in quotes if "
        "it is text",
        "review/review.yml:5:9: a number of more than 100 characters; put it in quotes if it is "
        "text"]


def test_yaml_1_1_oddities_are_text_not_a_crash():
    doc = load.yaml_doc("x.yml", "a: =\nb: <<\nc: 0x1F\nd: .nan\n")
    assert doc.problems == []
    assert doc.data["a"] == "=" and doc.data["b"] == "<<" and doc.data["c"] == 31


def test_a_second_document_in_a_file(minimal):
    (minimal / "review" / "panel.yml").write_text(
        (MINIMAL / "review" / "panel.yml").read_text(encoding="utf-8") + "---\nmore: 1\n",
        encoding="utf-8")
    line = (MINIMAL / "review" / "panel.yml").read_text(encoding="utf-8").count("\n") + 1
    assert checked(minimal) == [
        f"review/panel.yml:{line}:1: a second YAML document starts here; keep one document per "
        "file: remove this `---` line or what follows"]


FILL = "write its fields as docs/authoring.md shows"


@pytest.mark.parametrize("rel, text, expected", [
    ("review/panel.yml", "", f"review/panel.yml:1:1: the file is empty; {FILL}"),
    ("review/recommendations.yml", "null\n",
     f"review/recommendations.yml:1:1: the file is empty; {FILL}"),
    ("action_plans/police.yml", "null\n",
     f"action_plans/police.yml:1:1: the file is empty; {FILL}, or delete the file"),
    ("agency_imrs/health.yml", "# to come\n",
     f"agency_imrs/health.yml:1:1: the file is empty; {FILL}, or delete the file"),
    ("review/sections/02-events.md", "---\nnull\n---\nText.\n",
     "review/sections/02-events.md:2:1: the front matter is empty; write `title: ...` and other "
     "fields as `key: value`, or remove the --- lines"),
    ("review/sections/02-events.md", "\n",
     "review/sections/02-events.md:1:1: the file is empty; write the section's text, or delete "
     "the file"),
    ("mkdocs.yml", "~\n", "mkdocs.yml:1:1: the file is empty; write the site's settings, or "
     "delete mkdocs.yml to use casereview's site defaults"),
])
def test_an_empty_or_null_file_is_an_error_not_a_silent_gap(minimal, rel, text, expected):
    (minimal / rel).write_text(text, encoding="utf-8")
    assert checked(minimal) == [expected]


def test_a_null_action_plan_stops_the_tracker_too(minimal):
    (minimal / "action_plans" / "police.yml").write_text("null\n", encoding="utf-8")
    review, report = tracker.load(minimal)
    assert [str(d) for d in report.errors] == [
        f"action_plans/police.yml:1:1: the file is empty; {FILL}, or delete the file"]


def test_the_tracker_reads_through_the_same_guards(minimal):
    (minimal / "action_plans" / "police.yml").unlink()
    os.mkfifo(minimal / "action_plans" / "police.yml")
    with within(10):
        review, report = tracker.load(minimal)
    assert [str(d) for d in report.errors] == [
        "action_plans/police.yml:1:1: is a named pipe (FIFO), not a file; replace it with the "
        "file itself"]


@pytest.mark.parametrize("text, what", [
    ("- a\n- b\n", "a list"), ("hello\n", "a single value (`hello`)")])
def test_a_file_that_is_not_fields(minimal, text, what):
    (minimal / "review" / "panel.yml").write_text(text, encoding="utf-8")
    assert checked(minimal) == [
        f"review/panel.yml:1:1: the file holds {what}, not fields (`key: value` lines); write "
        "its fields as `key: value` lines, as docs/authoring.md shows"]


def test_the_register_is_guarded_like_a_source(minimal, tmp_path):
    (minimal / "private").mkdir()
    register = minimal / "private" / "identities.yml"
    register.write_text("null\n", encoding="utf-8")
    assert checked(minimal) == [
        f"{register}:1:1: the file is empty; list the real identifiers under `identities:` (see "
        "the README), or delete the file"]
    elsewhere = tmp_path / "register.yml"
    elsewhere.write_text("identities:\n  - real: Hestia Larkspur\n    use: Mother\n")
    register.unlink()
    register.symlink_to(elsewhere)        # the workspace's own register stays inside it
    assert checked(minimal) == [
        f"{register}:1:1: is a symbolic link that points outside the workspace; {COPY_IN}"]
    register.unlink()
    os.mkfifo(register)
    assert checked(minimal) == [
        f"{register}:1:1: is a named pipe (FIFO), not a file; replace it with the file itself"]


def test_a_register_named_on_the_command_line_may_lie_anywhere(minimal, tmp_path):
    elsewhere = tmp_path / "register.yml"
    elsewhere.write_text("identities:\n  - real: Hestia Larkspur\n    use: Mother\n")
    report = check(minimal, identities=elsewhere).report
    assert report.errors == []


def test_mkdocs_yml_is_read_with_the_guarded_loader_before_mkdocs(minimal, tmp_path):
    flag = tmp_path / "ran"
    (minimal / "mkdocs.yml").write_text(
        f"site_name: !ENV [SITE_NAME, 'Review']\ndocs_dir: !relative $config_dir/docs\n"
        f"extra:\n  x: !!python/object/apply:os.system ['touch {flag}']\n", encoding="utf-8")
    assert checked(minimal) == [
        "mkdocs.yml:4:6: explicit YAML tags are not allowed; remove "
        "`!!python/object/apply:os.system`"]
    assert not flag.exists()
    assert cli.main(["build", str(minimal), "--format", "html"]) == 1
    assert not flag.exists() and not (minimal / "site").exists()


def test_mkdocs_yml_is_a_regular_utf8_file_inside_the_workspace(minimal, tmp_path):
    os.mkfifo(minimal / "mkdocs.yml")
    assert checked(minimal) == [
        "mkdocs.yml:1:1: is a named pipe (FIFO), not a file; replace it with the file itself"]
    (minimal / "mkdocs.yml").unlink()
    (minimal / "mkdocs.yml").write_bytes("site_name: Revue\n".encode("utf-16"))
    assert checked(minimal) == [
        'mkdocs.yml:1:1: the file looks like UTF-16 (as Notepad saves "Unicode" text), not '
        'UTF-8; save it as UTF-8']


def test_every_template_file_is_guarded(minimal, tmp_path):
    templates = minimal / "templates"
    (templates / "blocks").mkdir(parents=True)
    os.mkfifo(templates / "blocks" / "paragraph.md.j2")
    (templates / "pdf.typ").write_bytes(b"#set page(\xff)\n")
    (templates / "pdf.lua").write_text("-- \x1b[31m\n", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (templates / "site").symlink_to(tmp_path / "outside")
    (templates / "loop").symlink_to(".")              # inside, and followed only once
    sparse(templates / "report.md.j2", 6 * 1024 * 1024)
    sparse(templates / "reference.docx", 21 * 1024 * 1024)
    assert checked(minimal) == [
        "templates/blocks/paragraph.md.j2:1:1: is a named pipe (FIFO), not a file; replace it "
        "with the file itself",
        "templates/pdf.lua:1:4: control character U+001B; delete it",
        "templates/pdf.typ:1:11: byte 0xFF is not UTF-8 (the file may have been saved as "
        "Windows-1252 or Latin-1); save it as UTF-8",
        "templates/reference.docx:1:1: is 21.0 MB, over the 20 MB limit for a binary template; "
        f"{BIG}",
        f"templates/report.md.j2:1:1: is 6.0 MB, over the 5 MB limit for a template; {BIG}",
        f"templates/site:1:1: is a symbolic link that points outside the workspace; {COPY_IN}"]


def test_templates_as_a_link_out_of_the_workspace(minimal, tmp_path):
    (tmp_path / "outside").mkdir()
    (minimal / "templates").symlink_to(tmp_path / "outside")
    assert checked(minimal) == [
        f"templates:1:1: is a symbolic link that points outside the workspace; {COPY_IN}"]


def test_every_reading_problem_is_reported_at_once_with_the_others(minimal, capsys):
    (minimal / "action_plans" / "police.yml").write_text("null\n", encoding="utf-8")
    os.mkfifo(minimal / "agency_imrs" / "extra.yml")
    edit(minimal, "review/review.yml", "status: draft", "status: drafted")
    with within(10):
        assert cli.main(["check", str(minimal)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert out.out.splitlines() == [
        f"action_plans/police.yml:1:1: the file is empty; {FILL}, or delete the file",
        "agency_imrs/extra.yml:1:1: is a named pipe (FIFO), not a file; replace it with the "
        "file itself",
        "review/review.yml:5:9: status: `drafted` is not allowed; did you mean `draft`?",
        "3 error(s), 0 warning(s)"]

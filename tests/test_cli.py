"""The command line: exit codes, messages on the terminal, no tracebacks."""
import subprocess
import sys

from conftest import ROOT, copy_workspace, edit


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "casereview.cli", *args], cwd=cwd,
                          capture_output=True, text=True)


def test_check_of_the_example_exits_0_with_no_errors():
    result = run("check", ".")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "0 error(s), 0 warning(s)"


def test_check_reports_every_error_and_exits_1_without_traceback(minimal):
    edit(minimal, "review/review.yml", "status: draft", "status: drafted")
    edit(minimal, "agency_imrs/police.yml", "date: 2020-06-14", "date: 2013-02-30")
    result = run("check", str(minimal))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "agency_imrs/police.yml:3:11: chronology[0].date: `2013-02-30` is not a date: February "
        "2013 has 28 days; correct the day",
        "review/review.yml:5:9: status: `drafted` is not allowed; did you mean `draft`?",
        "2 error(s), 0 warning(s)"]


def test_strict_turns_warnings_into_failure(minimal):
    edit(minimal, "action_plans/police.yml", "31.07.2021", "ongoing review")
    assert run("check", str(minimal)).returncode == 0
    edit(minimal, "action_plans/police.yml", "ongoing review", "See below")
    assert run("check", str(minimal)).returncode == 0
    strict = run("check", "--strict", str(minimal))
    assert strict.returncode == 1
    assert strict.stdout.splitlines()[-1] == \
        "0 error(s), 1 warning(s) (--strict: warnings count as errors)"


def test_a_broken_imr_hides_no_other_file_s_errors(tmp_path):
    """A schema error in one IMR, a cross-file error in a plan: one run says both."""
    ws = copy_workspace(ROOT, tmp_path / "ws")
    edit(ws, "agency_imrs/police.yml", "  - date: 2010-01\n", "  - date: 2010-13\n")
    edit(ws, "action_plans/ccg.yml", "answers: [gp-rec-i]", "answers: [gp-rec-i, gp-rec-xx]")
    result = run("check", str(ws))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "action_plans/ccg.yml:5:25: rows[0].answers[1]: recommendation `gp-rec-xx` does not "
        "exist; did you mean `gp-rec-i`?",
        "agency_imrs/police.yml:4:11: chronology[0].date: `2010-13` is not a date: there is no "
        "month 13; months run from 01 to 12",
        "2 error(s), 0 warning(s)"]


def test_a_broken_core_file_hides_no_other_file_s_errors(tmp_path):
    """review/panel.yml fails its schema: the chronology's pseudonyms are still checked,
    and no IMR or plan is said to name an undeclared agency."""
    ws = copy_workspace(ROOT, tmp_path / "ws")
    edit(ws, "review/panel.yml", "    chronology: true\n", "    chronology: yes please\n")
    edit(ws, "agency_imrs/gp.yml", "involved: [Child 4]", "involved: [Child 44]")
    result = run("check", str(ws))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "agency_imrs/gp.yml:7:16: chronology[0].involved[0]: `Child 44` is not a declared "
        "pseudonym; did you mean `Child 4`? (declare it in review/family.yml)",
        "review/panel.yml:29:17: agencies[0].chronology: expected true or false, got `yes please`; "
        "write true or false",
        "2 error(s), 0 warning(s)"]


def test_not_a_workspace(tmp_path):
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == (f"{tmp_path}: not a casereview workspace (no review/ folder); "
                                     "give the workspace folder, e.g. `casereview check "
                                     "path/to/review-folder`")


def test_build_writes_markdown_and_a_failed_build_keeps_the_old_output(minimal):
    assert run("build", str(minimal), "--format", "md").returncode == 0
    output = minimal / "dist" / "lcspr-t-draft-0-1.md"
    before = output.read_bytes()
    edit(minimal, "review/sections/04-voice.md", "Child T was", "Child T was [[para:nowhere]]")
    result = run("build", str(minimal), "--format", "md")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "nothing was written; the previous outputs are unchanged"
    assert output.read_bytes() == before
    assert not list(minimal.glob(".casereview-build-*"))


def test_build_takes_a_workspace_path_relative_to_the_current_folder(minimal):
    result = run("build", minimal.name, "--format", "html", cwd=minimal.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {minimal.name}/site/index.html"
    assert (minimal / "site" / "index.html").is_file()


def test_a_broken_mkdocs_yml_is_named_with_its_line_and_nothing_is_written(minimal):
    assert run("build", str(minimal), "--format", "html").returncode == 0
    before = (minimal / "site" / "index.html").read_bytes()
    (minimal / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: no-such-theme\n")
    result = run("build", str(minimal), "--format", "html")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        "mkdocs.yml:2: theme: Unrecognised theme name: 'no-such-theme'. The available installed "
        "themes are: mkdocs, readthedocs, material; correct it in mkdocs.yml, or delete the file "
        "to use casereview's site defaults",
        "nothing was written; the previous outputs are unchanged"]
    (minimal / "mkdocs.yml").write_text("site_name: x\nnav: [\n")
    assert run("build", str(minimal), "--format", "html").stderr.splitlines()[-3] == (
        "mkdocs.yml:3:1: YAML syntax: did not find expected node content (while parsing a flow "
        "node that starts at line 3); check the indentation, colons and quotes on this line and "
        "the one before")
    assert (minimal / "site" / "index.html").read_bytes() == before


def test_a_broken_pdf_layout_is_named_without_a_traceback(minimal):
    (minimal / "templates").mkdir()
    (minimal / "templates" / "pdf.typ").write_text("#let broken = (\n", encoding="utf-8")
    result = run("build", str(minimal), "--format", "pdf")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-2:] == [
        "templates/pdf.typ:1:15: typst: unclosed delimiter; the workspace's "
        "templates/pdf.typ is used: correct it, or delete it to use the packaged one",
        "nothing was written; the previous outputs are unchanged"]
    assert not (minimal / "dist").exists()


def test_build_py_checks_then_builds_the_example(tmp_path):
    result = subprocess.run([sys.executable, "build.py", "--format", "md"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "0 error(s), 0 warning(s)" in result.stdout
    assert (ROOT / "dist" / "scr-b1-final-version-publication-13-06-2016.md").exists()


def test_template_lists_then_copies_a_packaged_template_once(minimal):
    listed = run("template", cwd=minimal).stdout.splitlines()
    assert {"reference.docx", "pdf.typ", "blocks/paragraph.md.j2",
            "site/casereview.css"} <= set(listed)
    copied = run("template", "blocks/paragraph.md.j2", cwd=minimal)
    assert copied.returncode == 0
    target = minimal / "templates" / "blocks" / "paragraph.md.j2"
    assert copied.stdout.strip() == (f"wrote {target.relative_to(minimal)}: it now overrides the "
                                     "packaged blocks/paragraph.md.j2")
    packaged = ROOT / "casereview" / "templates" / "blocks" / "paragraph.md.j2"
    assert target.read_bytes() == packaged.read_bytes()
    again = run("template", "blocks/paragraph.md.j2", cwd=minimal)
    assert again.returncode == 2
    assert again.stderr.strip() == (f"{target.relative_to(minimal)} already exists: it is the "
                                    "override; edit it, or delete it to start again from the "
                                    "packaged one")


def test_template_refuses_an_unknown_name_with_a_suggestion(minimal):
    result = run("template", "refrence.docx", cwd=minimal)
    assert result.returncode == 2
    assert result.stderr.strip() == ("`refrence.docx` is not a packaged template; did you mean "
                                     "`reference.docx`?")
    assert not (minimal / "templates" / "refrence.docx").exists()


def test_a_refused_scan_counts_identifiers_and_unreadable_parts_apart():
    from casereview.cli import _leak_summary
    from casereview.scan import Finding
    hit = Finding("dist/r.pdf", "page 2", "pdf text", 3, "name", "Mother")
    unread = Finding("dist/r.docx", "word/embeddings/o.bin", "docx", 0, "", "",
                     "an embedded object; remove it")
    assert _leak_summary([hit]) == "1 identifier(s) found in the outputs"
    assert _leak_summary([unread]) == "1 part(s) of the outputs cannot be read"
    assert _leak_summary([hit, unread]) == ("1 identifier(s) found in the outputs; 1 part(s) "
                                            "of the outputs cannot be read")

"""`casereview new --type T FOLDER`: a workspace for every type of review, drawn from
review_types.yml. Fresh, it checks with no error and each TODO a warning at its line, and it
builds as a draft in every format; once final, each TODO is an error; written in, it checks
clean."""
import html
import re
import subprocess

import docx
import pytest

from casereview import cli, pipeline, review_types, scaffold
from casereview.checks_types import is_todo
from casereview.commands.check import check

TYPES = list(review_types.kinds())
WATERMARK = {"D", "R", "A", "FT"}       # the DRAFT across each page, as pdftotext splits it


def new(tmp_path, type_):
    ws = tmp_path / f"{type_}-review"
    assert cli.main(["new", "--type", type_, str(ws)]) == cli.EXIT_OK
    return ws


def todo_lines(ws) -> set[tuple[str, int]]:
    """Every line of the sources (and the site settings) that says TODO outside a comment."""
    found = set()
    for path in sorted(ws.rglob("*")):
        if path.suffix in (".yml", ".md") and path.is_file():
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if "TODO" in line and not line.lstrip().startswith("#"):
                    found.add((path.relative_to(ws).as_posix(), n))
    return found


def expected_title(type_: str) -> str:
    kind = review_types.kinds()[type_]
    return kind.title.format(subjects=scaffold.PSEUDONYM, victims=scaffold.PSEUDONYM,
                             type="TODO the type's name as published")


@pytest.mark.parametrize("type_", TYPES)
def test_a_new_workspace_lists_its_todos_builds_as_a_draft_and_fails_once_final(tmp_path, type_):
    ws = new(tmp_path, type_)
    report = check(ws).report
    assert report.errors == []
    todos = [d for d in report.warnings if is_todo(d)]
    assert {(d.file, d.line) for d in todos} == todo_lines(ws)
    # the rest: a fact that takes a date or a choice, asked for where its comment stands,
    # and the example row's deadline, which needs a date once written
    for d in report.warnings:
        if not is_todo(d):
            line = (ws / d.file).read_text(encoding="utf-8").splitlines()[d.line - 1]
            assert (d.message.startswith("not given") and line.lstrip().startswith("#")) or \
                d.message == "row `agency-1`: deadline `TODO a date or month` needs a date", str(d)

    pipeline.build(ws, formats=("html", "docx", "pdf"))
    title = expected_title(type_)
    # (pandoc's typographic apostrophes, as typed)
    assert docx.Document(ws / "dist" / "draft-0-1.docx").paragraphs[0].text.replace("’", "'") \
        == title
    pdf = subprocess.run(["pdftotext", str(ws / "dist" / "draft-0-1.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    first_page = " ".join(line for line in pdf.split("\f")[0].splitlines() if line not in WATERMARK)
    assert title in " ".join(first_page.replace("’", "'").split())
    site = html.unescape((ws / "site" / "index.html").read_text(encoding="utf-8"))
    assert re.search(r"<h1[^>]*>(.*?)</h1>", site)[1].replace("’", "'") == title

    review = ws / "review" / "review.yml"
    review.write_text(review.read_text(encoding="utf-8").replace("status: draft", "status: final"))
    final = check(ws).report
    assert {(d.file, d.line) for d in final.errors if is_todo(d)} == todo_lines(ws)
    assert [d for d in final.warnings if is_todo(d) or "requires" in d.message] == []


def test_a_dhr_workspace_has_the_parts_its_type_requires(tmp_path):
    ws = new(tmp_path, "dhr")
    made = sorted(p.relative_to(ws).as_posix() for p in ws.rglob("*")
                  if p.is_file() and p.parts[-2] != "schema")
    assert made == [
        ".gitignore", "action_plans/agency.yml", "agency_imrs/agency.yml", "mkdocs.yml",
        "review/analysis.yml", "review/appendices/01-glossary.md", "review/conclusions.yml",
        "review/executive_summary.md", "review/family.yml", "review/front/01-tribute.md",
        "review/panel.yml", "review/recommendations.yml", "review/references.yml",
        "review/review.yml", "review/sections/01-introduction.md",
        "review/sections/02-terms-of-reference.md", "review/sections/03-methodology.md",
        "review/sections/04-equality-and-diversity.md",
        "review/sections/05-involvement-of-family-and-friends.md",
        "review/sections/06-question-1.md", "review/sections/07-conclusions.md",
        "review/sections/08-recommendations.md", "review/terms.yml"]
    assert (ws / "review" / "front" / "01-tribute.md").read_text() == (
        "---\ntitle: Tribute\nkind: tribute\n---\nTODO who the victim was, in the words of their "
        "family and friends\n")
    assert "columns: home_office" in (ws / "action_plans" / "agency.yml").read_text()
    assert (ws / "schema" / "review.schema.json").is_file()       # its YAML files name it
    assert (ws / "review" / "review.yml").read_text().startswith(
        "# yaml-language-server: $schema=../schema/review.schema.json\ntype: dhr\n")


def test_a_sar_workspace_is_analysed_by_the_national_analysis_domains(tmp_path):
    ws = new(tmp_path, "sar")
    assert sorted(p.name for p in (ws / "review" / "sections").iterdir()) == [
        "01-introduction.md", "02-terms-of-reference.md", "03-methodology.md", "04-scope.md",
        "05-theme-direct-work.md", "06-theme-team-around-the-person.md",
        "07-theme-organisational-support.md", "08-theme-governance.md",
        "09-theme-national-context.md", "10-conclusions.md", "11-recommendations.md"]
    assert (ws / "review" / "sections" / "05-theme-direct-work.md").read_text() == (
        "---\ntitle: Direct work with the person\nkind: analysis\ntheme: direct-work\n---\n"
        "TODO the analysis of this theme, with the evidence for each point\n")
    # a fact that takes a date or a choice is a comment to fill in, not a TODO
    assert (ws / "review" / "review.yml").read_text().endswith(
        "# basis: mandatory   # or discretionary: SAR: Care Act 2014 s44(1)-(3) mandatory or "
        "s44(4) discretionary\nreferral_source: TODO who referred the case\n# dates:\n"
        "#   started: YYYY-MM-DD   # the review began\n"
        "#   completed: YYYY-MM-DD   # the report was finished\n")


def fill_in(ws) -> None:
    """Write in every TODO, and the facts left as comments."""
    for path in ws.rglob("*"):
        if path.suffix not in (".yml", ".md") or "schema" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        text = text.replace("TODO pseudonym", "Adult A").replace("TODO a date or month",
                                                                  "September 2026")
        text = re.sub(r"TODO[^\n\"]*", "Written in", text)
        if path.name in ("review.yml", "terms.yml"):        # the facts left as comments
            text = re.sub(r"^# (?!yaml-language-server)", "", text, flags=re.M)
            text = re.sub(r"YYYY-MM-DD.*$", "2026-03", text, flags=re.M)
            text = re.sub(r"(\S)   # or .*$", r"\1", text, flags=re.M)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("type_", ["sar", "dhr"])
def test_a_workspace_written_in_checks_clean_and_final(tmp_path, type_):
    ws = new(tmp_path, type_)
    fill_in(ws)
    assert [str(d) for d in check(ws).report.diagnostics] == []
    review = ws / "review" / "review.yml"
    review.write_text(review.read_text(encoding="utf-8").replace("status: draft", "status: final"))
    assert [str(d) for d in check(ws).report.diagnostics] == []


def test_new_refuses_a_folder_that_holds_anything(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert cli.main(["new", "--type", "sar", str(tmp_path)]) == cli.EXIT_USAGE
    assert capsys.readouterr().err == (
        f"{tmp_path} is not empty: `casereview new` writes a whole workspace and never over "
        "existing files; give a new or empty folder\n")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_new_says_what_to_do_next(tmp_path, capsys):
    ws = tmp_path / "my-review"
    assert cli.main(["new", "--type", "dhr", str(ws)]) == cli.EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"wrote 34 files in {ws}: a dhr review (Domestic Homicide Review), each " \
        "part to write marked TODO"
    assert out[1] == (f"next: `casereview check {ws}` lists every TODO by file and line "
                      "(warnings while the review is a draft, errors once it is final); write "
                      f"each, then `casereview build {ws}`")


def test_new_knows_only_the_types_of_review(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["new", "--type", "dhrr", str(tmp_path / "x")])
    assert stopped.value.code == 2
    assert "invalid choice: 'dhrr' (choose from 'scr', 'lcspr', 'rapid_review', 'sar', 'dhr', " \
        "'dardr', 'susr', 'other')" in capsys.readouterr().err

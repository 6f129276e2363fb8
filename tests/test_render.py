"""One Markdown rendering through Jinja: numbers, references, footnotes, template overrides."""
from pathlib import Path

import pytest

from casereview.commands.check import check
from casereview.diagnostics import CheckFailed
from casereview.render import bytecode_cache, render
from conftest import edit
from pandoc_tables import tables


def rendered(ws):
    return render(check(ws).review, ws).markdown


def test_paragraphs_are_numbered_per_section_and_references_resolve(minimal):
    md = rendered(minimal)
    assert "[1.1]{#about .para-no} This review concerns Child T" in md
    assert "[3.1]{#p3-1 .para-no} As [1.1](#about) says" in md


def test_chronology_directive_numbers_entries_under_year_and_month(minimal):
    md = rendered(minimal)
    events = md[md.index("# 2. Significant events"):md.index("# 3.")]
    assert [line for line in events.splitlines() if line.strip()] == [
        "# 2. Significant events {#sec-events}",
        "[2.1]{#p2-1 .para-no} The agencies' records, in date order.",
        "## 2020 {.unnumbered .unlisted}",
        "### June {.unnumbered .unlisted}",
        "[2.2]{#p2-2 .para-no} Officers shared the incident with health.",   # June only: first
        "[2.3]{#p2-3 .para-no} Police attended a call from Mother about Adult 1.",
        "### September {.unnumbered .unlisted}",
        "[2.4]{#p2-4 .para-no} The health visitor saw Child T at home."]


def test_footnotes_and_citations_become_numbered_notes(minimal):
    md = rendered(minimal)
    assert "injured at home.[^n1]" in md
    assert "[^n1]: In March 2021." in md
    assert "[^n2]: Brandon M. et al. (2008)" in md


def test_a_workspace_template_overrides_the_packaged_one(minimal):
    (minimal / "templates" / "blocks").mkdir(parents=True)
    (minimal / "templates" / "blocks" / "paragraph.md.j2").write_text(
        "¶{{ b.number }} {{ prose(b.text, s.footnotes) }}\n")
    assert "¶3.1 As 1.1 says" not in rendered(minimal)
    assert "¶3.1 As [1.1](#about) says" in rendered(minimal)


def test_compiled_templates_are_kept_but_an_edited_template_is_compiled_again(minimal):
    override = minimal / "templates" / "blocks" / "paragraph.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("¶{{ b.number }} {{ prose(b.text, s.footnotes) }}\n")
    assert "¶3.1 As [1.1](#about) says" in rendered(minimal)
    cache = bytecode_cache()
    assert cache.directory and any(Path(cache.directory).glob("__jinja2_*.cache"))
    override.write_text("§{{ b.number }} {{ prose(b.text, s.footnotes) }}\n")
    md = rendered(minimal)
    assert "§3.1 As [1.1](#about) says" in md and "¶3.1" not in md


def test_a_broken_template_is_reported_with_its_file_and_line(minimal):
    (minimal / "templates").mkdir()
    (minimal / "templates" / "references.md.j2").write_text("# References\n\n{{ review.nothing }}\n")
    with pytest.raises(CheckFailed) as exc:
        rendered(minimal)
    assert [str(d) for d in exc.value.report.errors] == [
        "templates/references.md.j2:3:1: template error: 'casereview.model.CaseReview object' has "
        "no attribute 'nothing'; correct the template, or delete it to use the packaged one"]


def test_draft_status_is_in_the_metadata(minimal):
    assert 'status: "draft"' in rendered(minimal)
    edit(minimal, "review/review.yml", "status: draft", "status: final")
    assert 'status: "final"' in rendered(minimal)


def test_professionals_by_role_withholds_their_names_everywhere(tmp_path):
    from conftest import ROOT, copy_workspace
    ws = copy_workspace(ROOT, tmp_path / "ws")
    edit(ws, "review/review.yml", "status: published", "status: published\nprofessionals: role")
    md = rendered(ws)
    for name in ("Safron Rose", "Ruby Parry", "Sarah Mounsey", "Jasmine Nembhard", "Carolyn Corbett"):
        assert name not in md
    assert "The independent reviewer and lead author was Independent Overview Author" in md
    eyst = tables(md)["action-plan-eyst"]
    assert eyst["rows"][0][eyst["header"].index("Lead")] == \
        "Team Leader reporting to service Manager and HoS"
    names = rendered(copy_workspace(ROOT, tmp_path / "named"))
    eyst = tables(names)["action-plan-eyst"]      # a grid table's cell may wrap between words
    assert "Sarah Mounsey" in eyst["rows"][0][eyst["header"].index("Lead")]
    assert "Safron Rose" in names


def test_non_jinja_templates_are_overridden_file_by_file(minimal):
    from casereview.render import PACKAGED, template_file
    assert template_file(minimal, "pdf.typ") == PACKAGED / "pdf.typ"
    (minimal / "templates" / "site").mkdir(parents=True)
    (minimal / "templates" / "site" / "casereview.css").write_text(".para-no { color: teal; }")
    assert template_file(minimal, "site/casereview.css") == minimal / "templates" / "site" / "casereview.css"
    assert template_file(minimal, "pdf.typ") == PACKAGED / "pdf.typ"


def test_a_template_override_cannot_reach_python(minimal):
    """A workspace's templates are text from outside: Jinja's sandbox refuses what would reach
    the interpreter (and from there, the machine)."""
    (minimal / "templates" / "blocks").mkdir(parents=True)
    (minimal / "templates" / "blocks" / "paragraph.md.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    with pytest.raises(CheckFailed) as failed:
        render(check(minimal).review, minimal)
    assert [str(d) for d in failed.value.report.errors] == [
        "templates/blocks/paragraph.md.j2:1:1: template error: access to attribute '__class__' "
        "of 'str' object is unsafe.; correct the template, or delete it to use the packaged one"]


def test_a_template_that_fails_as_it_runs_is_named_with_its_line(minimal):
    (minimal / "templates").mkdir()
    (minimal / "templates" / "references.md.j2").write_text("# References\n\n{{ 1 / 0 }}\n")
    with pytest.raises(CheckFailed) as failed:
        render(check(minimal).review, minimal)
    assert [str(d) for d in failed.value.report.errors] == [
        "templates/references.md.j2:3:1: template error: division by zero; correct the "
        "template, or delete it to use the packaged one"]


def test_biographies_follow_the_independence_section_and_key_dates_the_timescales_one(minimal):
    edit(minimal, "review/review.yml", "  role: Independent Reviewer\n",
         "  role: Independent Reviewer\n  biography: Twelve years of practice reviews.\n"
         "timescale_notes: The trial delayed the review.\n")
    edit(minimal, "review/review.yml", "  incident: 2021-03-02\n",
         "  incident: 2021-03-02\n  decision: 2021-04\n")
    (minimal / "review" / "sections" / "05-independence.md").write_text(
        "---\ntitle: Independence\nkind: independence\n---\nThe reviewer is independent.\n")
    (minimal / "review" / "sections" / "06-timescales.md").write_text(
        "---\ntitle: Timescales\nkind: timescales\n---\nThe review took a year.\n")
    md = rendered(minimal)
    independence = md[md.index("# 5. Independence"):md.index("# 6. Timescales")]
    timescales = md[md.index("# 6. Timescales"):md.index("# Appendix 1")]
    assert "### A Reviewer, Independent Reviewer {.unnumbered .unlisted}\n\n" \
           "Twelve years of practice reviews." in independence
    assert "**Key dates of the review**\n\n- Incident: [2 March 2021]{.date}\n" \
           "- Rapid review: [19 March 2021]{.date}\n" \
           "- Decision to hold the review: [April 2021]{.date}\n" in timescales
    assert "**The rapid review's decision.** A local review was needed to learn how agencies " \
           "shared what they knew." in timescales
    assert "The trial delayed the review." in timescales
    assert md.count("Twelve years of practice reviews.") == 1
    assert md.count("Key dates of the review") == 1


def test_the_signature_comes_once_after_the_last_section_whatever_its_kind(minimal):
    from conftest import ROOT
    md = rendered(ROOT)
    assert md.count("**Safron Rose**\\\nIndependent Overview Author\\\nSeptember 2015") == 1
    assert md.index("# 23. Recommendations") < md.index("**Safron Rose**") < md.index("# Appendix 1")
    md = rendered(minimal)
    assert md.count("**A Reviewer**\\\nIndependent Reviewer") == 1
    assert md.index("Child T was seldom seen alone.") < md.index("**A Reviewer**") \
        < md.index("# Appendix 1")


def test_a_draft_has_no_publication_date_in_its_metadata(minimal):
    edit(minimal, "review/review.yml", "  incident: 2021-03-02\n",
         "  incident: 2021-03-02\n  publication: 2021-10-01\n")
    assert "\ndate:" not in rendered(minimal).split("\n---\n")[0]
    edit(minimal, "review/review.yml", "status: draft", "status: final")
    assert 'date: "1 October 2021"' in rendered(minimal).split("\n---\n")[0]

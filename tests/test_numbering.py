"""numbering.py: the outline's numbers and the keys that outlast them."""
import re

from casereview import numbering
from casereview.commands.check import check
from casereview.render import render
from conftest import ROOT, copy_workspace, edit
from pandoc_tables import tables


def _keys(ws) -> dict[str, str]:
    """number -> key for every numbered paragraph."""
    return {b.number: b.key for s in numbering.outline(check(ws).review) for b in s.blocks
            if b.kind == "paragraph"}


def test_a_key_is_drawn_from_the_words_and_ignores_how_lines_are_broken():
    assert numbering.paragraph_key("The plan  was\nagreed.") == numbering.paragraph_key(
        "The plan was agreed.")
    assert numbering.paragraph_key("The plan was agreed.") != numbering.paragraph_key(
        "The plan was not agreed.")
    assert numbering.paragraph_key("x").startswith("k") and len(numbering.paragraph_key("x")) == 7


def test_keys_outlast_renumbering_and_an_author_id_is_the_key(tmp_path):
    ws = copy_workspace(ROOT, tmp_path / "ws")
    before = _keys(ws)
    assert len(set(before.values())) == len(before) == 246
    assert before["1.2"] == "about-child-b1"
    section = ws / "review" / "sections" / "05-confidentiality.md"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("---\nWorking Together", "---\nA new opening paragraph."
                                    "\n\nWorking Together", 1), encoding="utf-8")
    after = _keys(ws)
    assert after["5.1"] == numbering.paragraph_key("A new opening paragraph.")
    assert after["5.2"] == before["5.1"]                 # moved down one, same key
    assert {k for n, k in after.items() if not n.startswith("5.")} == \
        {k for n, k in before.items() if not n.startswith("5.")}


def test_a_paragraph_repeating_another_takes_the_next_free_key(tmp_path):
    ws = copy_workspace(ROOT, tmp_path / "ws")
    section = ws / "review" / "sections" / "05-confidentiality.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nSaid twice.\n\nSaid twice.\n",
                       encoding="utf-8")
    keys = [k for n, k in _keys(ws).items() if n.startswith("5.")]
    assert keys[-2:] == [numbering.paragraph_key("Said twice."),
                         numbering.paragraph_key("Said twice.") + "-2"]


LESS_PRECISE_ENTRIES = """
  - date: 2021-01-10
    what: A day in the next year.
  - date: winter 2020
    what: A winter, which begins in December.
  - date: 2020-12-05
    what: A day in December.
  - date: 2020-03-10
    what: A day in March.
  - date: spring 2020
    what: A spring, which begins in March.
  - date: 2020
    what: The year only.
recommendations:"""


def _chronology_lines(sections) -> list[str]:
    """The events section's headings and entries as a reader meets them."""
    events = next(s for s in sections if s.section.id == "events")
    return [("#" * b.level + " " + b.text) if b.kind == "heading" else f"{b.number} {b.text}"
            for b in events.blocks if b.kind == "heading" or b.entry]


def test_a_year_season_or_month_opens_the_time_it_covers_under_one_heading_each(minimal):
    edit(minimal, "agency_imrs/police.yml", "\nrecommendations:", LESS_PRECISE_ENTRIES)
    review = check(minimal).review
    assert _chronology_lines(numbering.outline(review)) == [
        "## 2020",
        "2.2 The year only.",
        "### Spring 2020",
        "2.3 A spring, which begins in March.",
        "### March",
        "2.4 A day in March.",
        "### June",
        "2.5 Officers shared the incident with health.",
        "2.6 Police attended a call from Mother about Adult 1.",
        "### September",
        "2.7 The health visitor saw Child T at home.",
        "### Winter 2020",
        "2.8 A winter, which begins in December.",
        "### December",
        "2.9 A day in December.",
        "## 2021",
        "### January",
        "2.10 A day in the next year."]


def test_the_appendix_chronology_has_the_order_of_the_sections(minimal):
    edit(minimal, "agency_imrs/police.yml", "\nrecommendations:", LESS_PRECISE_ENTRIES)
    review = check(minimal).review
    table = tables(render(review, minimal).markdown)["chronology-table"]
    assert [row[2] for row in table["rows"]] == [
        line.split(" ", 1)[1] for line in _chronology_lines(numbering.outline(review))
        if not line.startswith("#")]
    assert [row[0].replace("\xa0", " ") for row in table["rows"]] == [
        "2020", "Spring 2020", "10 March 2020", "June 2020", "14 June 2020",
        "approximately September 2020", "Winter 2020", "5 December 2020", "10 January 2021"]


# ------------------------------------------------------------------ numbering schemes

SUBSECTIONS = ("\n## Seen at school\n\nThe school saw Child T daily.\n\n### In class\n\n"
               "Teachers noticed bruises.\n\n## Seen at home\n\nNo one visited.\n")


def _scheme(ws, scheme: str):
    """The workspace numbered by `scheme`, checked."""
    path = ws / "review" / "review.yml"
    text = re.sub(r"^numbering: .*\n", "", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text + f"numbering: {scheme}\n", encoding="utf-8")
    return check(ws).review


def _numbers(ws, scheme: str) -> list[str]:
    """Each numbered heading and paragraph as `number text`, in order."""
    return [f"{b.number} {b.text}" for s in numbering.outline(_scheme(ws, scheme))
            for b in s.blocks if b.number]


def _with_subsections(ws):
    section = ws / "review" / "sections" / "04-voice.md"
    section.write_text(section.read_text(encoding="utf-8") + SUBSECTIONS, encoding="utf-8")
    (ws / "review" / "appendices").mkdir()
    (ws / "review" / "appendices" / "a-glossary.md").write_text(
        "---\ntitle: Glossary\n---\nCSC: Children's Social Care.\n\n## Health\n\nGP: general "
        "practitioner.\n", encoding="utf-8")
    return ws


def test_the_section_scheme_numbers_paragraphs_in_their_section(minimal):
    numbers = _numbers(_with_subsections(minimal), "section")
    assert numbers[-6:] == ["4.1 Child T was seldom seen alone.",
                            "4.2 The school saw Child T daily.", "4.3 Teachers noticed bruises.",
                            "4.4 No one visited.", "A1.1 CSC: Children's Social Care.",
                            "A1.2 GP: general practitioner."]


def test_the_subsection_scheme_numbers_the_headings_and_the_paragraphs_under_them(minimal):
    ws = _with_subsections(minimal)
    numbers = _numbers(ws, "subsection")
    assert numbers[-9:] == ["4.1 Child T was seldom seen alone.", "4.2 Seen at school",
                            "4.2.1 The school saw Child T daily.",
                            "4.2.2 Teachers noticed bruises.", "4.3 Seen at home",
                            "4.3.1 No one visited.", "A1.1 CSC: Children's Social Care.",
                            "A1.2 Health", "A1.2.1 GP: general practitioner."]
    # the chronology's years open subsections
    assert numbers[2:5] == ["2.1 The agencies' records, in date order.", "2.2 2020",
                            "2.2.1 Officers shared the incident with health."]
    # a `###` heading is not numbered: it is a level below the `##` ones
    voice = numbering.outline(check(ws).review)[3]
    assert [(b.level, b.number, b.anchor) for b in voice.blocks if b.kind == "heading"] == [
        (2, "4.2", "h4-2"), (3, None, None), (2, "4.3", "h4-3")]


def test_the_straight_scheme_numbers_the_body_through_and_each_appendix_apart(minimal):
    numbers = _numbers(_with_subsections(minimal), "straight")
    body = [n.split(" ", 1)[0] for n in numbers if not n.startswith("A")]
    assert body == [str(i) for i in range(1, len(body) + 1)] and len(body) == 11
    assert numbers[-2:] == ["A1.1 CSC: Children's Social Care.", "A1.2 GP: general practitioner."]


def test_front_matter_is_not_numbered_and_its_ids_are_no_paragraph_numbers(minimal):
    (minimal / "review" / "front").mkdir()
    (minimal / "review" / "front" / "00-foreword.md").write_text(
        "---\ntitle: Foreword\n---\n{#thanks} Thanks to the family.\n", encoding="utf-8")
    outline = numbering.outline(check(minimal).review)
    assert [(b.number, b.anchor, b.key) for b in outline[0].blocks] == [(None, "thanks", None)]
    assert "thanks" not in numbering.paragraph_numbers(outline)
    assert outline[1].blocks[0].number == "1.1"


def test_keys_are_the_same_whatever_the_scheme(minimal):
    ws = _with_subsections(minimal)
    keys = {scheme: [b.key for s in numbering.outline(_scheme(ws, scheme)) for b in s.blocks
                     if b.kind == "paragraph" and b.number]
            for scheme in ("section", "subsection", "straight")}
    assert keys["section"] == keys["subsection"] == keys["straight"]
    assert keys["section"][0] == "about"


def test_numbers_sort_body_first_each_part_as_numbers():
    numbers = ["A.2", "12", "4.10", "A1.1", "4.2", "4.2.1", "A.10"]
    assert sorted(numbers, key=numbering.number_order) == [
        "4.2", "4.2.1", "4.10", "12", "A.2", "A.10", "A1.1"]

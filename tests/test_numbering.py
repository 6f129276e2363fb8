"""numbering.py: the outline's numbers and the keys that outlast them."""
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

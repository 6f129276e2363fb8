"""numbering.py: the outline's numbers and the keys that outlast them."""
from casereview import numbering
from casereview.commands.check import check
from conftest import ROOT, copy_workspace


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

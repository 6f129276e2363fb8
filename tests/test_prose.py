"""prose.py: footnote definitions as pandoc reads them, and what check and render make of them."""
import json
import subprocess

from casereview import prose
from casereview.commands.check import check
from casereview.render import render
from casereview.writers import pandoc
from conftest import edit, messages
from pandoc_tables import _text

CONSECUTIVE = ("{#about} This review concerns Child T, who was injured at home.[^when]\n\n"
               "It was commissioned under the statutory guidance [@brandon2008].[^why]\n\n"
               "[^when]: In March 2021.\n"
               "[^why]: The partnership decided to review the case.")


def test_definitions_on_consecutive_lines_are_each_read():
    text = "Text[^a] and[^b].\n\n[^a]: First note.\n[^b]: Second note.\n"
    assert prose.footnote_definitions(text) == {"a": "First note.", "b": "Second note."}
    assert [(b.kind, b.line) for b in prose.blocks(text)] == [
        ("paragraph", 0), ("footnote", 2), ("footnote", 3)]


def test_a_definition_runs_on_to_its_next_lines_and_its_indented_paragraphs():
    """As pandoc 3 reads a note: the lines that follow it (to the next note), and after a
    blank line those indented by four spaces; an unindented paragraph ends it."""
    text = ("Text[^a][^b].\n\n[^a]: First\nrunning on.\n[^b]: Second\n    indented.\n\n"
            "    Its second paragraph.\n\nThe next paragraph.\n")
    assert prose.footnote_definitions(text) == {
        "a": "First running on.", "b": "Second indented. Its second paragraph."}
    assert [(b.kind, b.line) for b in prose.blocks(text)] == [
        ("paragraph", 0), ("footnote", 2), ("footnote", 4), ("paragraph", 9)]


def test_check_reads_both_consecutive_definitions(minimal):
    intro = "review/sections/01-introduction.md"
    text = (minimal / intro).read_text(encoding="utf-8")
    (minimal / intro).write_text(text[:text.index("{#about}")] + CONSECUTIVE + "\n", encoding="utf-8")
    assert messages(minimal) == []
    edit(minimal, intro, "statutory guidance [@brandon2008].[^why]", "statutory guidance [@brandon2008].")
    assert messages(minimal) == ["review/sections/01-introduction.md:10:1: warning: footnote "
                                 "`[^why]` is never used; refer to it with `[^why]` or remove it"]


def test_both_consecutive_definitions_reach_the_rendered_notes(minimal):
    intro = "review/sections/01-introduction.md"
    text = (minimal / intro).read_text(encoding="utf-8")
    (minimal / intro).write_text(text[:text.index("{#about}")] + CONSECUTIVE + "\n", encoding="utf-8")
    markdown = render(check(minimal).review, minimal).markdown
    notes = _notes(markdown[:markdown.index("# 2.")])
    assert notes == ["In March 2021.", "Brandon M. et al. (2008) Analysing child deaths and "
                     "serious injury through abuse and neglect.",
                     "The partnership decided to review the case."]


def _notes(markdown: str) -> list[str]:
    """The text of every note pandoc reads in the Markdown, in order."""
    doc = json.loads(subprocess.run([pandoc.path(), "-f", "markdown", "-t", "json"], input=markdown,
                                    capture_output=True, text=True, check=True).stdout)
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Note":
                found.append(_text(node["c"]))
            walk(node.get("c"))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(doc["blocks"])
    return found

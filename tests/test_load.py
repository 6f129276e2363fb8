from casereview import load


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

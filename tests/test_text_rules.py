"""What check says of markup, scripts and addresses in the review's text: exact messages at
their line and column, and nothing for text that only looks like markup (code, autolinks,
a less-than sign)."""
from casereview import text_rules
from tests.conftest import edit, messages

HTML_HINT = ("write Markdown instead (**bold**, *italic*, a blank line between paragraphs), "
             "or `\\<` if you mean the character")


def said(text: str) -> list[tuple[int, bool, str]]:
    return [(f.offset, f.error, f.message) for f in text_rules.findings(text)]


def test_raw_output_for_any_format_is_an_error_in_blocks_and_inline():
    assert said("```{=html}\n<p>x</p>\n```\n\nand `#x`{=typst}") == [
        (0, True, "raw html output (`{=html}`) is not allowed in the review's text"),
        (29, True, "raw typst output (`{=typst}`) is not allowed in the review's text")]


def test_unsafe_addresses_are_errors_in_links_images_autolinks_and_definitions():
    text = ("[a](javascript:alert(1)) ![b](data:image/png;base64,AA) <vbscript:x>\n"
            "[c]: file:///etc/passwd\n[d](JAVA\tSCRIPT&colon;x) [e](https://gov.uk) "
            "<mailto:a@b.example> [f](#p1-2) [g](tel:+441234)")
    assert [(error, message) for _, error, message in said(text)] == [
        (True, "a `javascript:` address is not allowed in the review's text"),
        (True, "a `data:` address is not allowed in the review's text"),
        (True, "a `vbscript:` address is not allowed in the review's text"),
        (True, "a `file:` address is not allowed in the review's text")]


def test_html_is_a_warning_and_code_is_left_alone():
    text = "She said <b>no</b>.<!-- a note -->\n\n`<b>` and\n\n```\n<script>x</script>\n```\n"
    assert said(text) == [
        (9, False, "HTML is shown as text, not as markup: `<b>`"),
        (14, False, "HTML is shown as text, not as markup: `</b>`"),
        (19, False, "HTML is shown as text, not as markup: `<!-- a note -->`")]


def test_text_that_only_looks_like_markup_says_nothing():
    assert said("aged <5 years; 3 < 4 > 2; see <https://www.gov.uk> or <a@b.example>; "
                "[x]{#id .class lang=cy}; a ratio of 1:2; ~~gone~~") == []


def test_attributes_other_than_the_harmless_are_dropped_with_a_warning():
    assert said("[x]{onclick=\"y\"} and ## Head {#h style=\"color:red\"}") == [
        (3, False, "attribute `onclick` is dropped from every output")]
    assert said("## Head {#h style=\"color:red\"}") == [
        (8, False, "attribute `style` is dropped from every output")]


def test_check_names_file_line_and_column_in_a_section_and_in_a_yaml_block(minimal):
    edit(minimal, "review/sections/04-voice.md", "Child T was seldom seen alone.",
         "Child T was seldom seen alone.\n\nSee [the log](javascript:alert(1)) and <b>x</b>.")
    edit(minimal, "review/conclusions.yml", "Information was held",
         "Said `<i>`{=html} information was held")
    found = [m for m in messages(minimal) if "raw" in m or "address" in m or "HTML" in m]
    assert found == [
        "review/conclusions.yml:3:12: conclusions[0].text: raw html output (`{=html}`) is not "
        "allowed in the review's text; write the text as Markdown; it would be shown as the "
        "characters written, not as markup",
        "review/sections/04-voice.md:7:15: a `javascript:` address is not allowed in the review's "
        "text; link only to http(s), mailto or tel addresses, or to a place in the report "
        "([[para:id]]); the link would be shown unlinked",
        f"review/sections/04-voice.md:7:40: warning: HTML is shown as text, not as markup: "
        f"`<b>`; {HTML_HINT}",
        f"review/sections/04-voice.md:7:44: warning: HTML is shown as text, not as markup: "
        f"`</b>`; {HTML_HINT}"]


def test_markup_is_named_even_when_another_file_fails_validation(minimal):
    edit(minimal, "review/review.yml", "status: draft", "status: drafted")
    edit(minimal, "review/sections/04-voice.md", "Child T was seldom seen alone.",
         "Child T was seldom seen alone.\n\n[x](javascript:alert(1))")
    assert [m for m in messages(minimal) if "address" in m or "status" in m] == [
        "review/review.yml:5:9: status: `drafted` is not allowed; did you mean `draft`?",
        "review/sections/04-voice.md:7:5: a `javascript:` address is not allowed in the "
        "review's text; link only to http(s), mailto or tel addresses, or to a place in the "
        "report ([[para:id]]); the link would be shown unlinked"]

"""word_numbers.py: the numbers Word shows, counted from hand-written numbering definitions."""
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from casereview.word_numbers import WordNumbers, bare

W = nsdecls("w")


def level(ilvl: int, text: str, style: str = "", fmt: str = "decimal", restart: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:lvlRestart w:val="{restart}"/>' if restart else "")
            + (f'<w:pStyle w:val="{style}"/>' if style else "")
            + f'<w:lvlText w:val="{text}"/></w:lvl>')


def numbering(*lists: tuple[str, str]) -> str:
    """Each (name, levels) an abstract list and instance `n` (numId n + 1)."""
    abstracts = "".join(f'<w:abstractNum w:abstractNumId="{n}"><w:name w:val="{name}"/>'
                        f"{levels}</w:abstractNum>" for n, (name, levels) in enumerate(lists))
    nums = "".join(f'<w:num w:numId="{n + 1}"><w:abstractNumId w:val="{n}"/></w:num>'
                   for n in range(len(lists)))
    return f"<w:numbering {W}>{abstracts}{nums}</w:numbering>"


STYLES = parse_xml(
    f'<w:styles {W}><w:style w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/>'
    '</w:numPr></w:pPr></w:style><w:style w:styleId="NumberedParagraph"><w:pPr><w:numPr>'
    '<w:numId w:val="2"/></w:numPr></w:pPr></w:style></w:styles>')


def p(style: str, num: str = "", ilvl: str = ""):
    level_ = f'<w:ilvl w:val="{ilvl}"/>' if ilvl else ""
    own = f'<w:numPr>{level_}<w:numId w:val="{num}"/></w:numPr>' if num else ""
    return parse_xml(f'<w:p {W}><w:pPr><w:pStyle w:val="{style}"/>{own}</w:pPr></w:p>')


def test_straight_paragraphs_never_restart_and_appendix_labels_are_literal():
    words = WordNumbers(parse_xml(numbering(
        ("Report sections", level(0, "%1.", "Heading1")),
        ("Report paragraphs", level(0, "%1", "NumberedParagraph")),
        ("Report appendix A", level(0, "A.%1") + level(1, "A.%1.%2")),
        ("pandoc's list", level(0, "%1.")))), STYLES)
    shown = [words.number(x) for x in (
        p("Heading1"), p("NumberedParagraph"), p("NumberedParagraph"), p("Heading1"),
        p("NumberedParagraph"), p("Heading1", "0"), p("NumberedParagraph", "3", "0"),
        p("Heading2", "3", "0"), p("NumberedParagraph", "3", "1"), p("Compact", "4", "0"))]
    assert shown == ["1.", "1", "2", "2.", "3", None, "A.1", "A.2", "A.2.1", None]
    assert bare("2.") == "2" and bare(None) is None


def test_a_lower_level_restarts_unless_told_otherwise_and_letters_count_past_z():
    words = WordNumbers(parse_xml(numbering(
        ("Report sections and paragraphs", level(0, "%1.", "Heading1") + level(1, "%1.%2")
         + level(2, "(%3)", fmt="upperLetter", restart="0")),
        ("Report paragraphs", level(0, "%1")))), STYLES)
    shown = [words.number(x) for x in (p("Heading1"), p("Body", "1", "1"), p("Body", "1", "2"),
                                       p("Heading1"), p("Body", "1", "1"), p("Body", "1", "2"))]
    assert shown == ["1.", "1.1", "(A)", "2.", "2.1", "(B)"]
    many = WordNumbers(parse_xml(numbering(("Report appendix", level(0, "%1", fmt="upperLetter")))),
                       None)
    assert [many.number(p("Body", "1", "0")) for _ in range(28)][-3:] == ["Z", "AA", "BB"]


def test_without_numbering_definitions_nothing_is_numbered():
    words = WordNumbers(None, STYLES)
    assert words.number(p("Heading1")) is None

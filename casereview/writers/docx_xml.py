"""Small builders for the WordprocessingML the DOCX writer adds: runs, fields, paragraphs."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def element(tag: str, **attrs):
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def run(text: str | None = None, tab: bool = False):
    r = OxmlElement("w:r")
    if tab:
        r.append(OxmlElement("w:tab"))
    if text is not None:
        t = OxmlElement("w:t")
        t.text = text
        t.set(XML_SPACE, "preserve")
        r.append(t)
    return r


def field_run(kind: str):
    r = OxmlElement("w:r")
    r.append(element("w:fldChar", fldCharType=kind))
    return r


def field(instruction: str, result: str) -> list:
    """A complex field: begin, instruction, separate, cached result, end."""
    instr = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.text = instruction
    text.set(XML_SPACE, "preserve")
    instr.append(text)
    return [field_run("begin"), instr, field_run("separate"), run(result), field_run("end")]


def paragraph(style: str, text: str | None):
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(element("w:pStyle", val=style))
    p.append(ppr)
    if text is not None:
        p.append(run(text))
    return p


def set_child(parent, tag: str, before: tuple[str, ...], **attrs) -> None:
    """Set (or add, in schema order after the `before` elements) one child's attributes."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        prior = [c for c in parent if c.tag in {qn(t) for t in before}]
        (prior[-1].addnext(el) if prior else parent.insert(0, el))
    el.attrib.clear()
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)


def style_of(p) -> str | None:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def bookmark_at(p) -> str | None:
    """The bookmark pandoc gives a heading (just before the paragraph or inside it) or a
    numbered paragraph's number (its first bookmark)."""
    prev = p.getprevious()
    if prev is not None and prev.tag == qn("w:bookmarkStart"):
        return prev.get(qn("w:name"))
    mark = p.find(qn("w:bookmarkStart"))
    return mark.get(qn("w:name")) if mark is not None else None

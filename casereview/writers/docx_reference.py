"""The reference document pandoc takes its styles from: pandoc's own default, restyled here
in code (so the look is reviewable as a diff) for a sober report: Arial 11pt on A4, dark
blue bold headings, bordered tables with a shaded header row, small footnotes; and the
Numbered Paragraph style that the DOCX writer binds Word's paragraph numbers to.

Built once per process from `pandoc --print-default-data-file reference.docx`.
"""
from __future__ import annotations

import atexit
import io
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from ..load import REFERENCE_DOCX
from . import pandoc
from .docx_numbering import numbered_paragraph_style
from .docx_styles import LAYOUT_STYLES
from .docx_xml import element

FONT = "Arial"                       # Liberation Sans stands in for it where Arial is missing
INK, NAVY, GREY, RULE = "000000", "1F3864", "404040", "A6A6A6"
LANG = "en-GB"

# A4, 2.5 cm margins; header and footer 1.25 cm from the edge
PAGE_W, PAGE_H, MARGIN, HEADER_GAP = 11906, 16838, 1418, 709
TEXT_W = {False: PAGE_W - 2 * MARGIN, True: PAGE_H - 2 * MARGIN}      # by landscape

# name: (size pt, bold, italic, colour, space before pt, space after pt)
PARAGRAPH_STYLES = {
    "Normal": (11, None, None, INK, 0, 0),
    "Body Text": (11, None, None, INK, 8, 0),
    "Compact": (11, None, None, INK, 2, 2),
    "Block Text": (11, None, True, GREY, 4, 8),
    "Title": (26, True, None, NAVY, 150, 12),
    "Subtitle": (16, False, None, GREY, 0, 24),
    "Date": (12, False, None, GREY, 0, 6),
    "Heading 1": (16, True, None, NAVY, 18, 4),
    "Heading 2": (13, True, None, NAVY, 14, 2),
    "Heading 3": (11, True, None, NAVY, 10, 0),
    "Heading 4": (11, True, True, GREY, 8, 0),
    "TOC Heading": (16, True, None, NAVY, 0, 12),
    "Footnote Text": (9, None, None, INK, 0, 2),
}
# new styles: name: (based on, size pt, bold, colour, alignment)
NEW_STYLES = {
    "Title Meta": ("Normal", 12, False, GREY, None),
    "Draft Mark": ("Normal", 10, True, "C00000", WD_ALIGN_PARAGRAPH.CENTER),
    "Table Text": ("Compact", 9.5, None, INK, None),
    "Header": ("Normal", 9, None, GREY, WD_ALIGN_PARAGRAPH.CENTER),
    "Footer": ("Normal", 9, None, GREY, WD_ALIGN_PARAGRAPH.CENTER),
    "TOC 1": ("Normal", 11, None, INK, None),
}
# Word knows these by its own names (LAYOUT_STYLES gives every new style's id)
BUILT_IN = {"Header": "header", "Footer": "footer", "TOC 1": "toc 1"}

_lock = threading.Lock()
_cached: Path | None = None


def reference_docx(workspace: Path | None = None) -> Path:
    """The workspace's own reference document (templates/reference.docx) when it has one
    (check has made sure it holds the layout's styles), else the generated one, built on
    first use and kept for the process."""
    own = workspace / REFERENCE_DOCX if workspace else None
    if own and own.is_file():
        return own
    global _cached
    with _lock:
        if _cached is None:
            folder = Path(tempfile.mkdtemp(prefix="casereview-docx-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            path = folder / "reference.docx"
            path.write_bytes(build())
            _cached = path
        return _cached


def build() -> bytes:
    default = subprocess.run([pandoc.path(), "--print-default-data-file",
                              "reference.docx"], capture_output=True, check=True).stdout
    doc = docx.Document(io.BytesIO(default))
    restyle(doc)
    page_setup(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def restyle(doc) -> None:
    styles = doc.styles
    defaults(styles.element)
    for el in styles.element.iter(qn("w:rFonts")):
        plain_font(el)
    for part in (styles.element, doc.settings.element):          # no revision history
        for el in list(part.iter(qn("w:rsid"), qn("w:rsids"))):
            el.getparent().remove(el)
    for name, spec in PARAGRAPH_STYLES.items():
        paragraph_style(styles[name], *spec)
    added = {}
    for name, (base, size, bold, colour, align) in NEW_STYLES.items():
        style = added[name] = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        paragraph_style(style, size, bold, None, colour, 0, 0 if name != "Title Meta" else 6)
        style.paragraph_format.alignment = align
        style.element.styleId = LAYOUT_STYLES[name]
        if name in BUILT_IN:
            style.element.name_val = BUILT_IN[name]
            style.element.attrib.pop(qn("w:customStyle"), None)
    for name in ("Title", "Subtitle", "Date"):
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    subtitle_ppr = styles["Subtitle"].element.pPr
    if subtitle_ppr is not None and subtitle_ppr.find(qn("w:numPr")) is not None:
        subtitle_ppr.remove(subtitle_ppr.find(qn("w:numPr")))
    styles["TOC Heading"].paragraph_format.page_break_before = True
    styles["Heading 1"].paragraph_format.keep_with_next = True
    styles["Body Text"].paragraph_format.line_spacing = 1.15
    toc = added["TOC 1"].paragraph_format
    toc.space_after, toc.left_indent, toc.first_line_indent = Pt(4), Twips(567), Twips(-567)
    toc.tab_stops.add_tab_stop(Twips(TEXT_W[False]), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    table_style(styles["Table"].element)
    numbered_paragraph_style(styles)
    paragraph_key_style(styles)


def paragraph_key_style(styles) -> None:
    """Paragraph Key: a panel build's paragraph id beside its number, smaller and grey
    (layout.lua asks for it by name; pandoc adds it unstyled where a reference lacks it)."""
    key = styles.add_style("Paragraph Key", WD_STYLE_TYPE.CHARACTER)
    key.font.size, key.font.color.rgb = Pt(8.5), RGBColor.from_string(GREY)
    key.element.styleId = "ParagraphKey"


def defaults(styles_el) -> None:
    """Arial 11pt in British English unless a style says otherwise."""
    rpr = styles_el.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for tag, attrs in (("w:rFonts", {a: FONT for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")}),
                       ("w:sz", {"w:val": "22"}), ("w:szCs", {"w:val": "22"}),
                       ("w:lang", {"w:val": LANG, "w:eastAsia": LANG, "w:bidi": "ar-SA"})):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.attrib.clear()
        for key, value in attrs.items():
            el.set(qn(key), value)


def plain_font(rfonts) -> None:
    """Drop theme font references (they outrank explicit fonts); a style with no font of
    its own then inherits the default."""
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del rfonts.attrib[attr]
    if not rfonts.attrib and rfonts.getparent() is not None:
        rfonts.getparent().remove(rfonts)


def paragraph_style(style, size, bold, italic, colour, before, after) -> None:
    font, fmt = style.font, style.paragraph_format
    font.size = Pt(size)
    for szcs in style.element.rPr.findall(qn("w:szCs")):          # complex scripts alike
        szcs.set(qn("w:val"), str(round(size * 2)))
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if colour:
        font.color.rgb = RGBColor.from_string(colour)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)


def table_style(style_el) -> None:
    """Thin grey rules round every cell, a shaded bold header row, cells padded."""
    tblpr = style_el.find(qn("w:tblPr"))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{edge}", val="single", sz="4", space="0", color=RULE))
    margins = tblpr.find(qn("w:tblCellMar"))
    margins.addprevious(borders)
    for edge in ("top", "bottom"):
        margins.find(qn(f"w:{edge}")).set(qn("w:w"), "40")
    first = style_el.find(qn("w:tblStylePr"))
    first.insert(0, _rpr_bold())
    tcpr = first.find(qn("w:tcPr"))
    tcpr.find(qn("w:vAlign")).addprevious(element("w:shd", val="clear", color="auto", fill="D9E2F3"))


def _rpr_bold():
    rpr = OxmlElement("w:rPr")
    rpr.append(element("w:b"))
    return rpr


def page_setup(doc) -> None:
    """A4 portrait; pandoc copies this section's setup to the document's last section.
    Footnotes are numbered through the whole report, not from 1 in each section."""
    section = doc.sections[-1]
    for el in section._sectPr.findall(qn("w:footnotePr")):
        section._sectPr.remove(el)
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = section.footer_distance = Twips(HEADER_GAP)

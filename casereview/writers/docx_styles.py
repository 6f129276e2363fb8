"""The Word styles casereview's layout adds to pandoc's: the generated reference document
defines them, and a workspace's own `templates/reference.docx` must hold them too.

Pure functions over bytes, so that `check` can look at a workspace's reference document
without loading python-docx.
"""
from __future__ import annotations

import io
import re
import zipfile

#: style name (as Word shows it) -> style id (as the document's XML refers to it)
LAYOUT_STYLES = {"Title Meta": "TitleMeta", "Draft Mark": "DraftMark", "Table Text": "TableText",
                 "Header": "Header", "Footer": "Footer", "TOC 1": "TOC1"}
#: the style Word's numbering binds to the paragraphs' level: the DOCX writer adds it (like Body
#: Text) when a workspace's reference document lacks it, so it is not required there
NUMBERED_PARAGRAPH = ("Numbered Paragraph", "NumberedParagraph")
_STYLE_ID = re.compile(rb'w:styleId="([^"]+)"')


class NotADocx(ValueError):
    """The bytes are not a Word document with a styles part."""


def missing_styles(docx: bytes) -> list[str]:
    """The names of the layout's styles that the document lacks."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            styles = package.read("word/styles.xml")
    except (zipfile.BadZipFile, KeyError):
        raise NotADocx("not a Word document") from None
    ids = set(_STYLE_ID.findall(styles))
    return [name for name, style_id in LAYOUT_STYLES.items() if style_id.encode() not in ids]

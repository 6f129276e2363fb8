"""The output scan: every byte a reader could reach, searched for register identifiers.

Web pages and every text file the site ships (search index, sitemap, scripts), file and
folder names, every XML part of the DOCX (text joined across runs, and attribute values
such as alt text), and the PDF's text, metadata, bookmarks and annotations. A finding names
the artefact, the place in it and the wording to use; it never repeats the identifier.
"""
from __future__ import annotations

import gzip
import html
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .identities import Matcher
from .writers.staging import published

TEXT_FILES = {".html", ".json", ".xml", ".js", ".css", ".txt", ".svg", ".map", ".md", ".csv",
              ".ics", ".webmanifest"}
_TAG = re.compile(r"<(/?)([\w:.-]*)[^>]*>")
_ATTR = re.compile(r'=\s*"([^"]*)"')
_JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
# HTML: tags inside which a word may be split vanish; every other tag separates words
HTML_INLINE = {"a", "span", "em", "strong", "b", "i", "u", "sup", "sub", "mark", "small",
               "abbr", "code", "q", "cite", "s", "del", "ins"}
# WordprocessingML: runs split words anywhere; only these tags separate them
DOCX_SEPARATORS = {"w:p", "w:tc", "w:tr", "w:br", "w:tab", "w:cr", "w:ptab"}


@dataclass(frozen=True, order=True)
class Finding:
    artefact: str       # path of the file, relative to the build folder
    place: str          # where in it: "line 12", "word/document.xml", "page 3", "bookmarks"
    channel: str        # page | search-index | sitemap | site-file | file-name | docx | pdf-...
    entry: int
    kind: str
    use: str

    def __str__(self) -> str:
        return (f"{self.artefact}: {self.place}: a registered {self.kind.replace('_', ' ')} "
                f"(register entry {self.entry}) is in the {self.channel}; write `{self.use}` instead")


def scan(folder: Path, matcher: Matcher, unchanged: set[Path] = frozenset()) -> list[Finding]:
    """Every finding in what a build folder publishes (its `site/` and `dist/`). Files in
    `unchanged` were verified identical to a package's own and are not read; their names
    are still searched."""
    if not matcher:
        return []
    found: set[Finding] = set()
    for path in published(folder):
        rel = path.relative_to(folder).as_posix()
        found |= {_finding(rel, "file name", "file-name", h) for h in matcher.find(rel)}
        if path in unchanged:
            continue
        for place, channel, text in _texts(path, rel):
            found |= {_finding(rel, place(h.line) if callable(place) else place, channel, h)
                      for h in matcher.find(text)}
    return sorted(found)


def _finding(rel: str, place: str, channel: str, hit) -> Finding:
    return Finding(rel, place, channel, hit.entry, hit.kind, hit.use)


def _texts(path: Path, rel: str) -> Iterator[tuple]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        yield from docx_texts(path)
    elif suffix == ".pdf":
        yield from pdf_texts(path)
    elif suffix == ".gz":
        yield "contents", "sitemap", gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    elif suffix in TEXT_FILES:
        raw = path.read_text(encoding="utf-8", errors="replace")
        channel = "search-index" if "search_index" in rel else "sitemap" if "sitemap" in rel \
            else "page" if suffix == ".html" else "site-file"
        yield (lambda n: f"line {n}"), channel, raw
        decoded, place = _decoded(raw, suffix)
        yield place, channel, html.unescape(markup_text(decoded, lambda tag: tag not in HTML_INLINE))
        yield "attributes", channel, html.unescape(attributes(decoded))


def _decoded(raw: str, suffix: str) -> tuple[str, object]:
    """Text as a reader gets it: JSON strings decoded (a search index escapes é as \\u00e9),
    escapes in scripts resolved; markup keeps its lines."""
    if suffix in (".json", ".webmanifest"):
        try:
            return "\n".join(_strings(json.loads(raw))), "decoded JSON"
        except ValueError:
            pass
    if suffix == ".js":
        return _JS_ESCAPE.sub(lambda m: chr(int(m[1], 16)), raw), "decoded script"
    return raw, (lambda n: f"line {n}")


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def markup_text(markup: str, separates) -> str:
    """The text of HTML or XML as a reader sees it, on the same lines: tags that
    `separates(name)` become spaces, the others vanish (a word split across spans or runs
    is whole again)."""
    return _TAG.sub(lambda m: " " if separates(m[2].lower()) else "", markup)


def attributes(markup: str) -> str:
    """Attribute values (alt text, titles, descriptions), one a line."""
    return "\n".join(_ATTR.findall(markup))


def docx_texts(path: Path) -> Iterator[tuple[str, str, str]]:
    with zipfile.ZipFile(path) as package:
        for name in sorted(package.namelist()):
            data = package.read(name)
            if name.endswith((".xml", ".rels")):
                xml = data.decode("utf-8", "replace")
                yield name, "docx", html.unescape(markup_text(xml, DOCX_SEPARATORS.__contains__))
                yield name, "docx", html.unescape(attributes(xml))


def pdf_texts(path: Path) -> Iterator[tuple[str, str, str]]:
    import pypdf
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for i in range(len(document)):
            yield f"page {i + 1}", "pdf text", document[i].get_textpage().get_text_range()
    finally:
        document.close()
    reader = pypdf.PdfReader(str(path))
    info = reader.metadata or {}
    yield "document information", "pdf metadata", "\n".join(f"{v}" for v in info.values())
    xmp = reader.trailer["/Root"].get("/Metadata")
    if xmp is not None:
        yield "XMP metadata", "pdf metadata", xmp.get_object().get_data().decode("utf-8", "replace")
    yield "bookmarks", "pdf bookmarks", "\n".join(_outline(reader.outline))
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            a = annotation.get_object()
            values = [str(a.get(k, "")) for k in ("/Contents", "/T", "/TU")]
            values.append(str((a.get("/A") or {}).get("/URI", "")))
            yield f"page {number} annotation", "pdf annotations", "\n".join(values)


def _outline(items) -> Iterator[str]:
    for item in items:
        if isinstance(item, list):
            yield from _outline(item)
        else:
            yield str(item.title)

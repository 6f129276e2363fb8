"""The output scan: every byte a reader could reach, searched for register identifiers.

Every file under `site/` and `dist/` is read or refused: web pages and every text file the
site ships (search index, sitemap, scripts, and text of any other suffix), file and folder
names, images' metadata, every part of the DOCX (XML text joined across runs, attribute
values such as alt text, images' metadata), and the PDF's text, metadata, bookmarks,
annotations, form fields and images' metadata. What it cannot read (a binary file, an
embedded object, an attachment, a script) is a finding too, never a pass. A finding names
the artefact, the place in it and what to do; it never repeats the identifier.
"""
from __future__ import annotations

import gzip
import html
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from .identities import Matcher
from .scan_parts import (Unreadable, attributes, docx_texts, image_texts, is_image,
                         markup_text, pdf_texts, text_of)
from .writers.staging import published

TEXT_FILES = {".html", ".json", ".xml", ".js", ".css", ".txt", ".svg", ".map", ".md", ".csv",
              ".ics", ".webmanifest"}
_JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
# HTML: tags inside which a word may be split vanish; every other tag separates words
HTML_INLINE = {"a", "span", "em", "strong", "b", "i", "u", "sup", "sub", "mark", "small",
               "abbr", "code", "q", "cite", "s", "del", "ins"}
UNREADABLE = "unreadable"
BINARY = ("a file of a kind the output scan cannot search (neither text nor an image); remove "
          "it from wherever it came from (a theme's custom_dir, a template) and build again")
BROKEN = ("the output scan cannot open it ({error}): it may be damaged or not what its name "
          "says; remove it or make it again, and build again")
NAMED = "a part whose name holds a registered identifier"
MANIFEST = "publication-manifest.json"


@dataclass(frozen=True, order=True)
class Finding:
    artefact: str       # path of the file, relative to the build folder
    place: str          # where in it: "line 12", "word/document.xml", "page 3", "bookmarks"
    channel: str        # page | search-index | sitemap | site-file | file-name | docx | pdf-...
    entry: int          # 0 for a part that cannot be read
    kind: str
    use: str
    problem: str = ""   # a part that cannot be read: what it is and what to do

    def __str__(self) -> str:
        if self.problem:
            return f"{self.artefact}: {self.place}: cannot be read: {self.problem}"
        return (f"{self.artefact}: {self.place}: a registered {self.kind.replace('_', ' ')} "
                f"(register entry {self.entry}) is in the {self.channel}; "
                f"write `{self.use}` instead")


def scan(folder: Path, matcher: Matcher, unchanged: set[Path] = frozenset()) -> list[Finding]:
    """Every finding in what a build folder publishes (its `site/` and `dist/`). Files in
    `unchanged` were verified identical to a package's own and are not read; their names
    are still searched."""
    if not matcher:
        return []
    found: set[Finding] = set()
    for path in published(folder):
        rel = path.relative_to(folder).as_posix()
        found |= {_finding(rel, "file name", "file-name", h) for h in matcher.find(rel)
                  if not h.ambiguous}
        if path in unchanged:
            continue
        for item in _contents(path, rel):
            if isinstance(item, Unreadable):
                found.add(Finding(rel, item.place, UNREADABLE, 0, "", "", item.problem))
                continue
            place, channel, text = item
            # an ordinary word that may be the word ("best interests" beside a Ms Best) is
            # check's question for the sources; here only a name is a finding
            found |= {_finding(rel, place(h.line) if callable(place) else place, channel, h)
                      for h in matcher.find(text) if not h.ambiguous}
    return sorted({_unnamed(f, matcher) for f in found})


def _finding(rel: str, place: str, channel: str, hit) -> Finding:
    return Finding(rel, place, channel, hit.entry, hit.kind, hit.use)


def _unnamed(finding: Finding, matcher: Matcher) -> Finding:
    """A place named after a part whose own name is an identifier (a DOCX member, an image
    resource) is not repeated: the part names' own finding says where it is."""
    if finding.place in ("part names", "file name") or not matcher.find(finding.place):
        return finding
    return replace(finding, place=NAMED)


def _contents(path: Path, rel: str) -> Iterator[tuple | Unreadable]:
    """What a file holds; a file that cannot be read at all is one finding."""
    try:
        yield from _texts(path, rel)
    except Exception as error:     # noqa: BLE001 - fail closed: whatever stops the reading
        yield Unreadable("whole file", BROKEN.format(error=type(error).__name__))


def _texts(path: Path, rel: str) -> Iterator[tuple | Unreadable]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        yield from docx_texts(path)
    elif suffix == ".pdf":
        yield from pdf_texts(path)
    else:
        data = path.read_bytes()
        if suffix == ".gz":             # sitemap.xml.gz: read as the file it holds
            data, suffix = gzip.decompress(data), Path(path.stem).suffix.lower()
        yield from _plain_file(rel, suffix, data)


def _plain_file(rel: str, suffix: str, data: bytes) -> Iterator[tuple | Unreadable]:
    """Any file but a DOCX or PDF: text of any suffix is searched as text, an image's
    metadata is searched, and anything else is a finding."""
    if is_image(data):
        yield from image_texts("metadata", "image metadata", data)
        return
    raw = data.decode("utf-8", "replace") if suffix in TEXT_FILES else text_of(data)
    if raw is None:
        yield Unreadable("whole file", BINARY)
        return
    yield from _text_file(raw, suffix, _channel(rel, suffix))


def _channel(rel: str, suffix: str) -> str:
    if not rel.startswith("site/"):
        return "publication manifest" if rel.endswith(MANIFEST) else "dist-file"
    return "search-index" if "search_index" in rel else "sitemap" if "sitemap" in rel \
        else "page" if suffix in (".html", ".htm") else "site-file"


def _text_file(raw: str, suffix: str, channel: str) -> Iterator[tuple]:
    yield (lambda n: f"line {n}"), channel, raw
    decoded, place = _decoded(raw, suffix)
    yield place, channel, html.unescape(markup_text(decoded, lambda tag: tag not in HTML_INLINE))
    yield "attributes", channel, html.unescape(attributes(decoded))


def _decoded(raw: str, suffix: str) -> tuple[str, object]:
    """Text as a reader gets it: JSON strings decoded (a search index escapes é as \\u00e9),
    escapes in scripts resolved; markup keeps its lines."""
    if suffix in (".json", ".webmanifest"):
        try:
            return "\n".join(json_strings(json.loads(raw))), "decoded JSON"
        except ValueError:
            pass
    if suffix == ".js":
        return _JS_ESCAPE.sub(lambda m: chr(int(m[1], 16)), raw), "decoded script"
    return raw, (lambda n: f"line {n}")


def json_strings(value) -> Iterator[str]:
    """Every string in decoded JSON, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from json_strings(v)

"""The review's text is text: what `check` says of markup, scripts and addresses written in
any text of the workspace (every YAML value, every section's body).

The build shows raw markup as the characters written and unlinks unsafe addresses whatever
check says (writers/text_only.lua); these rules tell the author first, at the line:
- raw output for a format (```{=html}```, `x`{=typst}) is an error: it was meant as markup;
- a link or image to `javascript:`, `data:`, `file:` or any scheme but http(s), mailto and tel
  is an error;
- HTML tags and comments are a warning: shown as text, which is rarely what was meant;
- attributes other than id, classes, lang, dir, width and height are a warning: dropped.
Code spans and code blocks are text already and are not searched.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterator

LINK_SCHEMES = {"http", "https", "mailto", "tel"}
KEPT_ATTRIBUTES = {"lang", "dir", "width", "height"}

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*(\{[^}\n]*\}|[^\n]*)$", re.M)
_RAW_FENCE = re.compile(r"^\{\s*=\s*([\w-]+)\s*\}$")
_RAW_INLINE = re.compile(r"(`+)(?:(?!\1).)+?\1\{\s*=\s*([\w-]+)\s*\}", re.S)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1(?!\{\s*=)", re.S)
_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|!--.*?--|!\[CDATA\[.*?\]\]|"
                  r"![A-Za-z][^<>]*|\?[^<>]*\?)>", re.S)
_TARGET = re.compile(r"\]\(\s*<?([^\s)>]+)|^\s{0,3}\[(?!\^)[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)|"
                     r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>", re.M)
_ATTRS = re.compile(r"[\])`]\{([^{}\n]*=[^{}\n]*)\}|^#{1,6}[^\n]*\{([^{}\n]*=[^{}\n]*)\}\s*$",
                    re.M)
_KEY = re.compile(r"([A-Za-z_:][\w:.-]*)\s*=")


@dataclass(frozen=True)
class Finding:
    offset: int          # where in the text
    error: bool
    message: str
    hint: str


def findings(text: str) -> Iterator[Finding]:
    """What the rules say of one text, in order of place."""
    if not any(c in text for c in "<`{:~&"):
        return
    text = _blank_code_blocks(text, found := [])
    yield from found
    yield from _raw_inline(text)
    prose = _CODE_SPAN.sub(lambda m: " " * len(m[0]), _RAW_INLINE.sub(_blank, text))
    yield from _targets(prose)
    yield from _tags(prose)
    yield from _attributes(prose)


def _spaces(text: str) -> str:
    """The text as spaces (offsets, and so lines and columns, stay true)."""
    return re.sub(r"[^\n]", " ", text)


def _blank(m: re.Match) -> str:
    return _spaces(m[0])


def _blank_code_blocks(text: str, found: list[Finding]) -> str:
    """Fenced code blocks blanked out; one whose info string asks for raw output is an error."""
    out, pos, opened = [], 0, None
    for m in _FENCE.finditer(text):
        if opened is None:
            raw = _RAW_FENCE.match(m[2].strip())
            if raw:
                found.append(_raw_output(m.start(1), raw[1], "block"))
            opened = m
        elif m[1][0] == opened[1][0] and len(m[1]) >= len(opened[1]) and not m[2].strip():
            out += [text[pos:opened.start()], _spaces(text[opened.start():m.end()])]
            pos, opened = m.end(), None
    return "".join(out) + text[pos:]


def _raw_output(offset: int, fmt: str, kind: str) -> Finding:
    return Finding(offset, True, f"raw {fmt} output (`{{={fmt}}}`) is not allowed in the review's "
                   f"text", f"write the {kind} as Markdown; it would be shown as the characters "
                   "written, not as markup")


def _raw_inline(text: str) -> Iterator[Finding]:
    for m in _RAW_INLINE.finditer(text):
        yield _raw_output(m.start(), m[2], "text")


def _targets(text: str) -> Iterator[Finding]:
    for m in _TARGET.finditer(text):
        group = next(i for i, g in enumerate(m.groups(), start=1) if g)
        scheme = _scheme(m[group])
        if scheme and scheme not in LINK_SCHEMES:
            yield Finding(m.start(group), True, f"a `{scheme}:` address is not allowed in the review's "
                          "text", "link only to http(s), mailto or tel addresses, or to a place "
                          "in the report ([[para:id]]); the link would be shown unlinked")


def _scheme(target: str) -> str | None:
    """The scheme as a browser reads it: control characters and spaces ignored, any case."""
    bare = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(target)).lower()
    found = re.match(r"([a-z][a-z0-9+.-]*):", bare)
    return found[1] if found else None


def _tags(text: str) -> Iterator[Finding]:
    for m in _TAG.finditer(text):
        shown = m[0] if len(m[0]) <= 40 else m[0][:37] + "..."
        yield Finding(m.start(), False, f"HTML is shown as text, not as markup: `{shown}`",
                      "write Markdown instead (**bold**, *italic*, a blank line between "
                      "paragraphs), or `\\<` if you mean the character")


def _attributes(text: str) -> Iterator[Finding]:
    for m in _ATTRS.finditer(text):
        keys = [k for k in _KEY.findall(m[1] or m[2]) if k.lower() not in KEPT_ATTRIBUTES]
        if keys:
            brace = (m.start(1) if m[1] is not None else m.start(2)) - 1
            yield Finding(brace, False, f"attribute `{keys[0]}` is dropped from every output",
                          "keep to ids (#id), classes (.name) and lang, dir, width or height")

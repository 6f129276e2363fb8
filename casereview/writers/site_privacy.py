"""The web site asks no other host for anything. A page that loads a font, script, style or
image from elsewhere tells that host who reads a safeguarding review, and when. The built
site is checked, so whatever adds such a request (a mkdocs.yml option such as `theme.font`
or `extra.analytics`, a theme override, a template) stops the build, with what to change.

Every file of the built site is read, but the theme's own (verified byte for byte), as what
a browser would make of it:
- HTML pages, SVG and XML files: parsed as HTML5 (lexbor, as a browser parses; entities
  decoded): every attribute that makes the browser fetch, `<link>` by its `rel`, a refresh,
  `<base>`, inline styles and scripts, `<template>` contents, `srcdoc` documents and
  `<?xml-stylesheet?>`;
- style sheets: parsed with tinycss2 (escapes decoded): url(), src(), image-set(), @import;
- scripts: every string literal (escapes decoded, literals joined by `+` read as one), so
  what reaches fetch(), XMLHttpRequest, WebSocket, EventSource, sendBeacon, importScripts,
  import() or a Worker is read with the rest: a literal that is an absolute address is a
  finding wherever it goes; one holding markup is read as HTML, one holding url() as CSS;
- JSON (the search index, whose text the search shows as HTML): every string, as a script's;
- anything else (images, fonts, plain text, source maps) cannot ask a host for anything.

Another host is any absolute address: the site is served from wherever the partnership puts
it, so only relative addresses stay on it. `data:` addresses are not requests; links a reader
follows (`<a href>`) are not requests, nor `<link rel="canonical">`. `javascript:` addresses
are scripts: the Content-Security-Policy gate (site_csp.py) refuses them."""
from __future__ import annotations

import gzip
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import tinycss2
from selectolax.lexbor import LexborHTMLParser

from ..scan import json_strings

MARKUP = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml", ".xsl",
          ".xslt", ".rss", ".atom"}
STYLES, SCRIPTS, DATA = {".css"}, {".js", ".mjs", ".cjs"}, {".json", ".webmanifest"}
# rel values naming a relation, not something to fetch (a rel with any other value is read
# as a request: stylesheet, icon, preload, prefetch, preconnect, manifest, search, ...)
NOT_FETCHED = {"canonical", "alternate", "author", "license", "me", "next", "prev", "previous",
               "help", "bookmark", "external", "nofollow", "noopener", "noreferrer", "opener",
               "tag", "first", "last", "up", "index", "start", "contents", "chapter", "section",
               "subsection", "appendix", "glossary", "copyright", "home", "privacy-policy",
               "terms-of-service", "edit", "pingback"}
HINTS = {
    "fonts.googleapis.com": "set `font: false` under `theme:` in mkdocs.yml",
    "fonts.gstatic.com": "set `font: false` under `theme:` in mkdocs.yml",
    "www.googletagmanager.com": "remove `analytics` under `extra:` in mkdocs.yml",
}
# namespace names are identifiers that look like addresses; nothing fetches them
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml",
              "http://www.w3.org/1999/xlink", "http://www.w3.org/1998/Math/MathML",
              "http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2000/xmlns/"}

_FETCHED = {"src", "background", "poster", "data", "action", "formaction", "codebase",
            "manifest", "lowsrc", "dynsrc"}
_LISTS = {"ping", "archive"}
_SRCSETS = {"srcset", "imagesrcset"}
_PAINT = {"fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid",
          "marker-end", "cursor"}
_READ = _FETCHED | _LISTS | _SRCSETS | _PAINT | {"style", "srcdoc", "href", "xlink:href",
                                                  "content"}
_SPECIAL = {"http", "https", "ws", "wss", "ftp", "file"}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):(.*)", re.S)
_MAY_BE_ABSOLUTE = re.compile(r"[a-zA-Z\t\n\r][a-zA-Z0-9+.\t\n\r-]*:|[/\\]")
_C0_SPACE = "".join(map(chr, range(0x21)))
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")


def outside_requests(site: Path, unchanged: set[Path] = frozenset(),
                     documents: dict[Path, Document] | None = None, files=None) -> list[str]:
    """One message per address of another host the site's files load from, naming the first
    place and how many other files do the same; files in `unchanged` are the theme's own,
    byte for byte. `documents` is filled with the markup files as parsed, for the CSP gate.
    `files`: only these files of the site."""
    documents = {} if documents is None else documents
    places: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*") if files is None else files):
        if path in unchanged or not path.is_file():
            continue
        for line, url in file_requests(path, documents):
            where = f"{path.relative_to(site.parent).as_posix()}:{line}"
            places.setdefault(url, []).append(where)
    return [_message(url, where) for url, where in places.items()]


def file_requests(path: Path, documents: dict[Path, Document]) -> list[tuple[int, str]]:
    """(line, address) of every request of another host one file of the site can make."""
    suffix = path.suffix.lower()
    if suffix not in MARKUP | STYLES | SCRIPTS | DATA:
        return []
    raw = path.read_bytes()
    if suffix == ".svgz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError):
            return []       # not gzip: no browser shows it as an image
    text = raw.decode("utf-8", "replace")
    if suffix in MARKUP:
        documents[path] = document = documents.get(path) or Document(text)
        return _resolve(page_requests(document)) + _xml_stylesheets(text)
    if suffix in STYLES:
        return css_requests(text) + _source_maps(text)
    if suffix in SCRIPTS:
        return script_requests(text) + _source_maps(text)
    return data_requests(text)


def requests(text: str) -> list[tuple[int, str]]:
    """(line, address) of every resource an HTML page loads from another host."""
    return _resolve(page_requests(Document(text)))


class Document:
    """A page parsed as a browser parses it and, only when a finding needs it, where each
    element starts in the text: the parser keeps no positions, so the start tags are read
    again (html.parser) and matched to the elements by tag, order and attribute value."""

    def __init__(self, text: str):
        self.text = text
        self.tree = LexborHTMLParser(text)
        self._starts: dict[str, list[tuple[int, str, dict]]] | None = None
        self._order: dict[int, int] = {}

    def elements(self):
        return _elements(self.tree.root.traverse()) if self.tree.root is not None else ()

    def line(self, node, attribute: str | None = None) -> int:
        """The line of the element's start tag, or of the attribute named in it."""
        start = self._start(node, attribute)
        if start is None:
            return 1
        line, raw, _ = start
        at = re.search(r"[\s/\"']" + re.escape(attribute) + r"\s*=", raw, re.I) \
            if attribute else None
        return line + (raw.count("\n", 0, at.start() + 1) if at else 0)

    def content_line(self, node) -> int:
        """The line where the element's text (a style sheet, a script) starts."""
        start = self._start(node, None)
        return start[0] + start[1].count("\n") if start else 1

    def _start(self, node, attribute):
        if self._starts is None:
            self._starts = _start_tags(self.text)
            counts: dict[str, int] = {}
            for element in self.elements():
                tag = element.tag.lower()
                self._order[element.mem_id] = counts.get(tag, 0)
                counts[tag] = counts.get(tag, 0) + 1
        starts = self._starts.get(node.tag.lower(), [])
        nth = self._order.get(node.mem_id, len(starts))
        guess = starts[nth] if nth < len(starts) else None
        value = node.attributes.get(attribute) if attribute else None
        if attribute is None or guess and guess[2].get(attribute) == value:
            return guess
        return next((s for s in starts if s[2].get(attribute) == value), guess)


class _Within:
    """Lines inside a template, a srcdoc or a string: all that of the element holding them."""

    def __init__(self, line):
        self._line = line

    def line(self, node=None, attribute=None) -> int:
        return self._line()

    def content_line(self, node) -> int:
        return self._line()


def _elements(nodes):
    return (node for node in nodes if node.tag and node.tag[0] != "-")


class _StartTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: dict[str, list[tuple[int, str, dict]]] = {}

    def handle_starttag(self, tag, attrs):
        first = dict(reversed([(name, value or "") for name, value in attrs]))
        self.tags.setdefault(tag, []).append((self.getpos()[0], self.get_starttag_text(), first))


def _start_tags(text: str) -> dict[str, list[tuple[int, str, dict]]]:
    reader = _StartTags()
    reader.feed(text)
    reader.close()
    return reader.tags


def page_requests(document: Document, lines=None) -> list:
    """(line function, address) of every request of the page; the line is found only for
    the findings (finding it is the slow part). `lines`: where the page's own lines are."""
    return _requests(document.elements(), lines or document)


def _requests(nodes, lines) -> list:
    found = []
    for node in nodes:
        tag, attrs = node.tag.lower(), node.attributes
        for name, value in attrs.items():
            if value and name in _READ:     # the parser gives attribute names in lower case
                found += _attribute_requests(node, tag, attrs, name, value, lines)
        if tag == "style":
            found += _in_text(css_requests(node.text()), node, lines)
        elif tag == "script":
            found += _in_text(script_requests(node.text()), node, lines)
        elif tag == "template":       # its content is no part of the tree: read on its own
            holder = _Within(lambda n=node: lines.line(n))
            for fragment in node.template_fragments()[:1]:
                found += _requests(_elements(fragment.traverse()), holder)
    return found


def _attribute_requests(node, tag, attrs, name, value, lines) -> list:
    at = (lambda: lines.line(node, name))
    if name == "style" or name in _PAINT and ("(" in value or "\\" in value):
        return [((lambda n=n: at() + n - 1), url) for n, url in css_requests(value)]
    if name == "srcdoc":
        return [(at, url) for _, url in page_requests(Document(value), _Within(at))]
    if name in _FETCHED:
        urls = [value]
    elif name in _SRCSETS:
        urls = _srcset(value)
    elif name in _LISTS:
        urls = re.split(r"[\s,]+", value)
    elif name in ("href", "xlink:href"):
        if tag in ("a", "area") or tag == "link" and not _fetched_link(attrs):
            return []   # a link the reader may follow, or a relation named
        urls = [value]
    elif name == "content" and tag == "meta":
        urls = _meta_urls(attrs.get("http-equiv") or "", value)
    else:
        return []
    return [(at, url) for url in map(absolute, urls) if url]


def _in_text(found: list[tuple[int, str]], node, lines) -> list:
    return [((lambda n=n: lines.content_line(node) + n - 1), url) for n, url in found]


def _resolve(found: list) -> list[tuple[int, str]]:
    return [(line(), url) for line, url in found]


def _fetched_link(attrs: dict) -> bool:
    rel = set((attrs.get("rel") or "").lower().split())
    return bool(rel) and not rel <= NOT_FETCHED


def _meta_urls(http_equiv: str, content: str) -> list[str]:
    kind = http_equiv.strip().lower()
    if kind == "refresh":     # "5; url='...'", as browsers read it
        found = re.match(r"\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?([\"']?)(.*)", content, re.I | re.S)
        return [found[2].split(found[1])[0] if found[1] else found[2]]
    return re.findall(r"<([^>]*)>", content) if kind == "link" else []


def _srcset(value: str) -> list[str]:
    """The address of each candidate, as the HTML standard splits them (an address may hold
    commas; a candidate ends at a comma outside parentheses)."""
    urls, at = [], 0
    while True:
        at = re.compile(r"[\s,]*").match(value, at).end()
        if at >= len(value):
            return urls
        url = re.compile(r"\S+").match(value, at)
        at = url.end()
        if url[0].endswith(","):
            urls.append(url[0].rstrip(","))
            continue
        urls.append(url[0])
        at = re.compile(r"(?:[^,(]|\([^)]*\)?)*").match(value, at).end()


def _xml_stylesheets(text: str) -> list[tuple[int, str]]:
    found = []
    for pi in re.finditer(r"<\?xml-stylesheet\b(.*?)\?>", text, re.S | re.I):
        href = re.search(r"\bhref\s*=\s*([\"'])(.*?)\1", pi[1], re.S)
        url = absolute(unescape(href[2])) if href else None
        if url:
            found.append((text.count("\n", 0, pi.start()) + 1, url))
    return found


def absolute(value: str) -> str | None:
    """The address as a browser reads it (outer spaces and control characters stripped, tabs
    and newlines dropped, backslashes as slashes) when it leaves the site, else None."""
    url = value.strip(_C0_SPACE)
    if not _MAY_BE_ABSOLUTE.match(url):
        return None       # (read before dropping tabs and newlines from a long text)
    url = url.translate(_TAB_NEWLINE)
    scheme = _SCHEME.match(url)
    if scheme is None:
        return url if re.match(r"[/\\]{2}", url) else None   # //host: the page's scheme
    name, rest = scheme[1].lower(), scheme[2]
    if name in _SPECIAL:   # `https:host` and `https:/\host` reach the host too
        return url if rest.strip("/\\") else None
    return url if rest.startswith("//") else None             # other schemes with a host


_CSS_MAY_LOAD = re.compile(r"[(@\\]")
_CSS_STRINGS = {"url", "src", "image-set", "-webkit-image-set", "image"}


def css_requests(css: str) -> list[tuple[int, str]]:
    """(line, address) of what a style sheet (or a style attribute) loads from another host."""
    if not _CSS_MAY_LOAD.search(css):
        return []    # no function, at-rule or escape: nothing can load
    tokens = tinycss2.parse_component_value_list(css, skip_comments=True)
    return [(line, url) for line, value in _css_addresses(tokens)
            if (url := absolute(value))]


def _css_addresses(tokens):
    importing = False
    for token in tokens:
        kind = token.type
        if kind == "url" or kind == "string" and importing:
            yield token.source_line, token.value
        elif kind == "function":
            if token.lower_name in _CSS_STRINGS:
                yield from ((t.source_line, t.value) for t in token.arguments
                            if t.type == "string")
            yield from _css_addresses(token.arguments)
        elif kind.endswith(" block"):
            yield from _css_addresses(token.content)
        if kind == "at-keyword":
            importing = token.lower_value == "import"
        elif kind not in ("whitespace", "comment"):
            importing = False


def _source_maps(text: str) -> list[tuple[int, str]]:
    """A source map named by address is fetched whenever a reader opens the browser's tools."""
    return [(text.count("\n", 0, m.start()) + 1, url)
            for m in re.finditer(r"[#@]\s*sourceMappingURL\s*=\s*(\S+?)(?:\s*\*/|\s|$)", text)
            if (url := absolute(m[1]))]


_JS_TOKEN = re.compile(r"""
    \s+ | //[^\n\r\u2028\u2029]* | /\*[\s\S]*?(?:\*/|\Z)
  | (?P<string>"(?:[^"\\\n\r]|\\[\s\S])*"?|'(?:[^'\\\n\r]|\\[\s\S])*'?|`(?:[^`\\]|\\[\s\S])*`?)
  | (?P<word>[\w$\\]+) | (?P<slash>/) | (?P<punct>[^\s\w$\\"'`/]+)""", re.X)
_JS_REGEX = re.compile(r"/(?:[^/\\\[\n\r]|\\.|\[(?:[^\]\\\n\r]|\\.)*\])+/[\w$]*")
_BEFORE_REGEX = {"return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw",
                 "case", "do", "else", "yield", "await"}
_JS_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}"
                        r"|\r\n|[\s\S])")
_JS_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v",
              "\n": "", "\r": "", "\r\n": "", "\u2028": "", "\u2029": ""}
_CSS_IN_TEXT = re.compile(r"(?i)url\s*\(|image-set|@import|src\s*\(|\\")


def script_requests(js: str) -> list[tuple[int, str]]:
    """(line, address) of every address of another host a script holds as a string literal.
    Not an interpreter: a literal is what it says (escapes decoded; `"a" + "b"` joined), and
    a literal address of another host anywhere in a script is a finding, whatever reads it."""
    found, at, previous = [], 0, ""
    literal: list | None = None            # [offset, value] that a `+ "..."` may continue
    joining = False
    while at < len(js):
        token = _JS_TOKEN.match(js, at)
        kind, text, at = token.lastgroup, token[0], token.end()
        if kind is None:
            continue
        if kind == "slash" and _regex_may_start(previous):
            regex = _JS_REGEX.match(js, token.start())
            at, kind, text = (regex.end(), "word", "/re/") if regex else (at, kind, text)
        if kind == "string":
            value = _js_unescape(text[1:-1] if len(text) > 1 and text[-1] == text[0] else text[1:])
            if literal and joining:
                literal[1] += value
            else:
                found += _literal(js, literal)
                literal = [token.start(), value]
            joining = False
        elif kind == "punct" and text == "+" and literal:
            joining = True
        else:
            found += _literal(js, literal)
            literal, joining = None, False
        previous = text
    return found + _literal(js, literal)


def _regex_may_start(previous: str) -> bool:
    return not previous or previous in _BEFORE_REGEX or \
        not re.match(r"[\w$\\]", previous) and previous[-1] not in ")]}\"'`"


def _js_unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def one(escape):
        code = escape[1]
        if code[0] == "u" and len(code) > 1:
            number = int(code[2:-1] if code[1] == "{" else code[1:], 16)
        elif code[0] == "x" and len(code) == 3:
            number = int(code[1:], 16)
        elif code[0] in "01234567":
            number = int(code, 8)
        else:
            return _JS_SIMPLE.get(code, code)
        return chr(number) if number < 0x110000 else ""
    return _JS_ESCAPE.sub(one, text)


def _literal(js: str, literal: list | None) -> list[tuple[int, str]]:
    urls = text_requests(literal[1]) if literal else []
    return [(js.count("\n", 0, literal[0]) + 1, url) for url in urls]


def text_requests(value: str) -> list[str]:
    """The addresses of other hosts a string of a script or JSON file holds: the string as an
    address, or as markup when it holds some, or as style when it holds url() or @import.
    Words that only mention an address (a message, escaped text) ask nothing of anyone."""
    url = absolute(value) if value not in NAMESPACES else None
    if url:
        return [url]
    if "<" in value:
        return [url for _, url in page_requests(Document(value), _Within(lambda: 1))]
    return [url for _, url in css_requests(value)] if _CSS_IN_TEXT.search(value) else []


def data_requests(text: str) -> list[tuple[int, str]]:
    """(line, address) for a JSON file: each string read as a script's literal would be."""
    try:
        data = json.loads(text)
    except ValueError:
        return script_requests(text)
    found = []
    for value in json_strings(data):
        for url in text_requests(value):
            at = text.find(json.dumps(url)[1:-1])
            found.append((text.count("\n", 0, at) + 1 if at >= 0 else 1, url))
    return found


def host(url: str) -> str:
    """The host an address names, as a browser reads it (`https:\\\\Host:8080/` is `host`)."""
    rest = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", "", url).replace("\\", "/").lstrip("/")
    name = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]
    return re.sub(r":\d*$", "", name).lower() or url


def _message(url: str, places: list[str]) -> str:
    name = host(url)
    hint = HINTS.get(name, "remove it from mkdocs.yml, or from the template that adds it")
    files = {place.rsplit(":", 1)[0] for place in places}
    others = f" (and in {len(files) - 1} other file(s))" if len(files) > 1 else ""
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in url)
    return (f"{places[0]}: the page loads {shown}{others}: every reader's browser would tell "
            f"{name} who reads the review; {hint}")

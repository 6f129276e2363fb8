"""The web site asks no other host for anything. A page that loads a font, script, style or
image from elsewhere tells that host who reads a safeguarding review, and when. The built
site is checked, so whatever adds such a request (a mkdocs.yml option such as `theme.font`
or `extra.analytics`, a theme override, a template) stops the build, with what to change.

Links a reader follows (`<a href>`) are not requests, nor `<link rel="canonical">`."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

_TAG = re.compile(r"<(link|script|img|iframe|source|video|audio|embed|object|track|image)\b"
                  r"[^>]*>", re.I | re.S)
_URL_ATTR = re.compile(r"""\b(?:src|href|poster|data)\s*=\s*["']?\s*((?:https?:)?//[^\s"'>]+)""",
                       re.I)
_SRCSET = re.compile(r"""\bsrcset\s*=\s*["']([^"']*)""", re.I)
_REL = re.compile(r"""\brel\s*=\s*["']?([^"'>]+)""", re.I)
_CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"')\s]+)""", re.I)
NOT_FETCHED = {"canonical", "alternate", "author", "license", "me", "next", "prev", "help",
               "bookmark", "external", "search"}
HINTS = {
    "fonts.googleapis.com": "set `font: false` under `theme:` in mkdocs.yml",
    "fonts.gstatic.com": "set `font: false` under `theme:` in mkdocs.yml",
    "www.googletagmanager.com": "remove `analytics` under `extra:` in mkdocs.yml",
}


def outside_requests(site: Path, unchanged: set[Path] = frozenset()) -> list[str]:
    """One message per address of another host the site's pages and style sheets load from,
    naming the first place and how many other files do the same; files in `unchanged` are
    the theme's own, byte for byte."""
    places: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".css") and path not in unchanged:
            text = path.read_text(encoding="utf-8", errors="replace")
            for at, url in requests(text):
                where = f"{path.relative_to(site.parent).as_posix()}:{_line(text, at)}"
                places.setdefault(url, []).append(where)
    return [_message(url, where) for url, where in places.items()]


def requests(text: str) -> list[tuple[int, str]]:
    """(offset, URL) of every resource the text loads from another host."""
    found = [(m.start(), m[1]) for m in _CSS_URL.finditer(text)]
    for tag in _TAG.finditer(text):
        rel = _REL.search(tag[0])
        if tag[1].lower() == "link" and rel and set(rel[1].lower().split()) <= NOT_FETCHED:
            continue
        found += [(tag.start(), m[1]) for m in _URL_ATTR.finditer(tag[0])]
        found += [(tag.start(), url) for m in _SRCSET.finditer(tag[0])
                  for url in (c.split()[0] for c in m[1].split(",") if c.strip())
                  if url.startswith(("http:", "https:", "//"))]
    return sorted(found)


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def _message(url: str, places: list[str]) -> str:
    host = urlsplit(url if url.startswith(("http:", "https:")) else "https:" + url).hostname
    hint = HINTS.get(host or "", "remove it from mkdocs.yml, or from the template that adds it")
    files = {place.rsplit(":", 1)[0] for place in places}
    others = f" (and in {len(files) - 1} other file(s))" if len(files) > 1 else ""
    return (f"{places[0]}: the page loads {url}{others}: every reader's browser would tell "
            f"{host} who reads the review; {hint}")

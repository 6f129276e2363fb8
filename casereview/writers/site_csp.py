"""Only the theme's own scripts run on the site, and nothing is asked of another host: every
page carries a Content-Security-Policy, written into it after mkdocs has built the site and
the printable page is filled in.

The policy lets scripts come from the site's own files and, inline, only those the theme's
templates write outside the page's content (each allowed by its sha256). The build stops
instead when a page has anything the policy would block or that no policy can hold back: a
script, event-handler attribute or `javascript:` address in the page's content, an inline
script that is not the theme's, a frame or object, `<base>`, a refresh, a form in the
content. The review's text is shown as text, so such markup comes from a template override
or a mkdocs.yml option, and the message says where it is. The privacy gate
(site_privacy.py) runs first, on the same parse."""
from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from . import site_privacy
from .site_privacy import Document

PAGES = {".html", ".htm", ".xhtml", ".xht", ".shtml"}
# search runs in a worker loaded from the site's own assets (no blob:); icons are inline SVG
# and data: images in the style sheets; the theme loads no font (theme.font: false)
POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
          "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          "frame-src 'none'")
CONTENT = "article.md-content__inner"
_JS_TYPES = {"", "module", "importmap", "speculationrules", "application/ecmascript",
             "application/javascript", "application/x-ecmascript", "application/x-javascript",
             "text/ecmascript", "text/javascript", "text/javascript1.0", "text/javascript1.1",
             "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
             "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
             "text/x-javascript"}
_EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"}
# attributes whose address a browser opens or fetches: where a `javascript:` address runs
_ADDRESSES = {"href", "xlink:href", "src", "action", "formaction", "data", "to", "from", "by",
              "values", "background", "poster", "codebase", "ping", "lowsrc", "dynsrc"}
_THEIRS = "the review's text is shown as text, so a template override or a mkdocs.yml option " \
          "put it there: remove it"
_OURS = "the Content-Security-Policy lets only the theme's own scripts run: put a script in " \
        "a file listed under `extra_javascript:` in mkdocs.yml, and remove anything else " \
        "from the template override that adds it"
_C0_SPACE, _TAB_NEWLINE = "".join(map(chr, range(0x21))), {9: None, 10: None, 13: None}
_ALONE = "no Content-Security-Policy covers a file opened on its own: remove it"


def secure(site: Path, unchanged: set[Path] = frozenset(), files=None) -> list[str]:
    """What the privacy gate and this one refuse; when nothing is, every page of the site
    gets its policy. `files`: only these files of the site (the pages a preview rebuilt)."""
    documents: dict[Path, Document] = {}
    refused = site_privacy.outside_requests(site, unchanged, documents, files)
    policies = {}
    for path in sorted(site.rglob("*") if files is None else files):
        suffix = path.suffix.lower()
        if suffix in site_privacy.MARKUP and path.is_file():
            document = documents.get(path) or Document(_read(path))
            where = path.relative_to(site.parent).as_posix()
            hashes, found = scripts(document, page=suffix in PAGES)
            refused += [f"{where}:{line}: {what}" for line, what in found]
            if suffix in PAGES:
                policies[path] = POLICY.format(hashes="".join(f" 'sha256-{h}'" for h in hashes))
    if not refused:
        for path, policy in policies.items():
            path.write_bytes(with_policy(path.read_bytes(), policy,
                                         path.suffix.lower() in (".xhtml", ".xht")))
    return refused


def scripts(document: Document, page: bool = True) -> tuple[list[str], list[tuple[int, str]]]:
    """The sha256 of each of the theme's inline scripts, and (line, what) of everything the
    policy would block or cannot hold back. `page`: an HTML page, else a file (SVG, XML)
    that no policy covers, where any script is refused."""
    if page:
        content = document.tree.css_first(CONTENT) or document.tree.body
    else:
        content = document.tree.root          # the whole file is as the content of a page
    inside = {node.mem_id for node in content.traverse()} | {content.mem_id} if content else set()
    hashes, found = set(), []
    for node in document.elements():
        tag, attrs, here = node.tag.lower(), node.attributes, node.mem_id in inside
        for attribute, what in _refused(node, tag, attrs, here, hashes):
            place, fix = ("the page's content", _THEIRS) if here else ("the page", _OURS)
            place, fix = (place, fix) if page else ("the file", _ALONE)
            what = what.replace("{}", place, 1)
            found.append((document.line(node, attribute), f"{what}; {fix}"))
    return sorted(hashes), sorted(found)


def _refused(node, tag, attrs, here, hashes):
    """(attribute or None, what) for each thing of one element the policy refuses, `{}`
    standing for where it is; the theme's inline scripts go into `hashes`."""
    for name, value in attrs.items():
        if name.startswith("on"):
            yield name, f"a script in {{}} (`{name}` attribute)"
        elif name in _ADDRESSES and value and _runs(value) and \
                (here or tag != "a" or value != "javascript:void(0)"):   # the theme's share
            yield name, f"a script in {{}} (`{_runs(value)}:` address in `{name}`)"
    if tag == "script":
        yield from _script(node, attrs, here, hashes)
    elif tag in _EMBEDS:
        yield None, f"an embedded frame or object in {{}} (`<{tag}>` element)"
    elif tag == "base":
        yield None, "a `<base>` element in {}, which changes where every address points"
    elif tag == "meta" and (attrs.get("http-equiv") or "").strip().lower() == "refresh":
        yield None, ("a refresh in {} (`<meta http-equiv=\"refresh\">`), which sends the "
                     "reader elsewhere")
    elif tag == "form" and here:
        yield None, "a form in {} (`<form>` element)"


def _script(node, attrs, here, hashes):
    """A script outside the content runs from the site's own files, or inline when it is
    one the theme's templates write: then it is allowed by its hash."""
    source = attrs.get("src") or attrs.get("href") or attrs.get("xlink:href")
    kind = (attrs.get("type") or "").strip().lower()
    if here:
        yield None, "a script in {} (`<script>` element)"
    elif source is not None:
        if re.match(r"\s*(data|blob|filesystem):", source, re.I):
            yield "src", "a script in {} from a `data:` or `blob:` address"
    elif kind in _JS_TYPES:
        text = node.text()
        if any(pattern.fullmatch(text) for pattern in theme_scripts()):
            hashes.add(base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode())
        else:
            yield None, "an inline script in {} that is not the theme's own (`<script>` element)"


def _runs(value: str) -> str | None:
    """`javascript` or `vbscript` when the address runs a script (as a browser reads it:
    outer spaces and control characters stripped, tabs and newlines dropped)."""
    for part in value.split(";"):     # `values` of an SVG animation is a list
        url = part.strip(_C0_SPACE).translate(_TAB_NEWLINE)
        scheme = re.match(r"(javascript|vbscript):", url, re.I)
        if scheme:
            return scheme[1].lower()
    return None


@lru_cache(maxsize=1)
def theme_scripts() -> list[re.Pattern]:
    """The inline scripts mkdocs-material's templates write, as patterns: each `{{ ... }}`
    in them stands inside a string literal and may be any text that cannot leave it."""
    import material
    templates = Path(material.__file__).parent / "templates"
    patterns = []
    for path in sorted(templates.rglob("*.html")):
        for script in re.finditer(r"<script(\s[^>]*)?>(.*?)</script>", _read(path), re.S):
            kind = re.search(r"\btype=\"([^\"]*)\"", script[1] or "")
            parts = re.split(r"\{\{.*?\}\}", script[2], flags=re.S)
            if "src=" not in (script[1] or "") and len("".join(parts).strip()) > 20 and \
                    (kind is None or kind[1].lower() in _JS_TYPES):   # not the JSON config
                patterns.append(re.compile(r"[^\"'`\\<\n]*".join(map(re.escape, parts)), re.S))
    return patterns


_HEAD = re.compile(rb"<!--.*?-->|<head(?=[\s>/])[^>]*>", re.S | re.I)
_CHARSET = re.compile(rb"\s*<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.I)
_BEFORE_HEAD = re.compile(rb"(?:\s|<!--.*?-->|<!doctype[^>]*>|<html(?=[\s>])[^>]*>)*", re.S | re.I)


def with_policy(html: bytes, policy: str, xml: bool = False) -> bytes:
    """The page with its policy as the first child of <head> (after `<meta charset>` when
    that opens the head: the charset must stay in the first 1024 bytes); nothing else of
    the page changes."""
    at = next((m.end() for m in _HEAD.finditer(html) if m[0][:4] != b"<!--"), None)
    if at is None:       # no <head> tag: the parser makes one for a <meta> before the body
        at = _BEFORE_HEAD.match(html).end()
    else:
        charset = _CHARSET.match(html, at)
        at = charset.end() if charset else at
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}"{" /" if xml else ""}>'
    return html[:at] + meta.encode("ascii") + html[at:]


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")

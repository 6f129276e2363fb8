"""The partnership web site: pandoc turns the one Markdown rendering into HTML once; each
top-level section becomes a page of an mkdocs-material site configured by the workspace's
mkdocs.yml. All site generation sits behind this module, so another generator reading
mkdocs.yml could replace mkdocs-material here alone."""
from __future__ import annotations

import logging
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timezone
from html import escape
from pathlib import Path

import pypandoc

from ..render import Rendered, template_file
from . import site_tracker

_SECTION = re.compile(r'<section id="([^"]+)" class="level1[^"]*">')
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>\s*", re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'href="#([^"]+)"')
TRACKER = "tracker.md"
PRINT_SLOT = '<div class="casereview-print-slot"></div>'


@dataclass
class Page:
    file: str
    title: str
    html: str


def write(rendered: Rendered, stage: Path) -> list[Path]:
    docs, site = stage / "site-docs", stage / "site"
    pages = paginate(to_html(rendered.markdown))
    _write_pages(rendered, docs, pages)
    with _reproducible(rendered):
        _mkdocs(rendered, docs, site, pages)
    _fill_print_page(site / "print.html", pages)
    return [site / "index.html"]


def _fill_print_page(path: Path, pages: list[Page]) -> None:
    """The whole report goes into the printable page after mkdocs has built it: the HTML
    is final already, and mkdocs would only parse it all a second time."""
    html = path.read_text(encoding="utf-8")
    whole = "\n".join(p.html for p in pages)
    path.write_text(html.replace(PRINT_SLOT, whole, 1), encoding="utf-8")


def to_html(markdown: str) -> str:
    return pypandoc.convert_text(markdown, "html5", format="markdown", extra_args=[
        "--section-divs", "--reference-location=section", "--wrap=none"])


def paginate(html: str) -> list[Page]:
    """One page per top-level section; links to another page's anchors rewritten."""
    starts = [m.start() for m in _SECTION.finditer(html)]
    chunks = [html[a:b] for a, b in zip(starts, starts[1:] + [len(html)])]
    pages = []
    for i, chunk in enumerate(chunks, start=1):
        section_id = _SECTION.match(chunk)[1]
        title = re.sub(r"<[^>]+>", "", _H1.search(chunk)[1]).strip()
        pages.append(Page(f"{i:02d}-{section_id.removeprefix('sec-')}.md", title, chunk))
    owner = {anchor: page.file for page in pages for anchor in _ID.findall(page.html)}
    for page in pages:
        page.html = _HREF.sub(lambda m: _link(m[1], page.file, owner), page.html)
    return pages


def _link(anchor: str, here: str, owner: dict[str, str]) -> str:
    page = owner.get(anchor, here)
    target = "" if page == here else page.replace(".md", ".html")
    return f'href="{target}#{anchor}"'


def _write_pages(rendered: Rendered, docs: Path, pages: list[Page]) -> None:
    docs.mkdir(parents=True)
    mark = f'<div class="casereview-mark" role="note">{escape(rendered.mark)}</div>\n\n' \
        if rendered.mark else ""
    for page in pages:
        body = _H1.sub("", page.html, count=1)
        (docs / page.file).write_text(f"{mark}# {page.title}\n\n{body}\n", encoding="utf-8")
    (docs / "index.md").write_text(mark + _index(rendered, pages), encoding="utf-8")
    if rendered.board is not None and rendered.board.rows:
        (docs / TRACKER).write_text(f"{mark}# Recommendations tracker\n\n"
                                    f"{site_tracker.page(rendered.board)}\n", encoding="utf-8")
    (docs / "print.md").write_text(f"---\nsearch:\n  exclude: true\n---\n\n{mark}# {escape(rendered.title)}"
                                   f" (printable)\n\n{PRINT_SLOT}\n", encoding="utf-8")
    for asset in ("casereview.css", "casereview.js"):
        (docs / asset).write_bytes(template_file(rendered.workspace, f"site/{asset}").read_bytes())


def _index(rendered: Rendered, pages: list[Page]) -> str:
    info = rendered.info
    published = f"<p>Published {info.dates.publication}</p>\n" if info.dates.publication else ""
    links = "\n".join(f"- [{p.title}]({p.file})" for p in pages)
    tracker = "[Recommendations tracker](tracker.md)\n\n" if rendered.board and rendered.board.rows else ""
    return (f"# {rendered.title}\n\n<div class=\"casereview-title\">\n<p>Overview report – "
            f"{escape(info.partnership)}</p>\n<p class=\"version\">{escape(info.version)}</p>\n"
            f"{published}</div>\n\n## Contents\n\n{links}\n\n{tracker}"
            "[The whole report on one page, for printing](print.md)\n")


def _mkdocs(rendered: Rendered, docs: Path, site: Path, pages: list[Page]) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = rendered.workspace / "mkdocs.yml" if rendered.workspace else None
    tracker = [{"Recommendations tracker": TRACKER}] if (docs / TRACKER).exists() else []
    nav = [{"Overview": "index.md"}] + [{p.title: p.file} for p in pages] + tracker + \
        [{"Printable version": "print.md"}]
    config = load_config(str(config_file) if config_file and config_file.exists() else None,
                         docs_dir=str(docs), site_dir=str(site), nav=nav,
                         site_name=_site_name(rendered, config_file))
    config.extra_css = list(config.extra_css) + ["casereview.css"]
    config.extra_javascript = list(config.extra_javascript) + ["casereview.js"]
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    build(config)


def theme_copies(site: Path) -> set[Path]:
    """Files of the built site that are byte-for-byte the theme's own (scripts, styles,
    fonts mkdocs-material ships): the output scan verifies them unchanged instead of reading
    them for names, since nothing of the review can be in them."""
    import material
    theme = Path(material.__file__).parent / "templates"
    same = set()
    for path in site.rglob("*"):
        original = theme / path.relative_to(site)
        if path.is_file() and original.is_file() and original.stat().st_size == path.stat().st_size \
                and original.read_bytes() == path.read_bytes():
            same.add(path)
    return same


def _site_name(rendered: Rendered, config_file: Path | None) -> str | None:
    """mkdocs.yml's own site_name, or the review's title when there is no mkdocs.yml."""
    return None if config_file and config_file.exists() else rendered.title


@contextmanager
def _reproducible(rendered: Rendered):
    """mkdocs dates the sitemap from SOURCE_DATE_EPOCH: give it the build date."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = datetime.combine(rendered.build_date, time(0), tzinfo=timezone.utc).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous

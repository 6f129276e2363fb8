"""The partnership web site: pandoc turns the one Markdown rendering into HTML once; each
top-level section becomes a page of an mkdocs-material site configured by the workspace's
mkdocs.yml. All site generation sits behind this module, so another generator reading
mkdocs.yml could replace mkdocs-material here alone."""
from __future__ import annotations

import json
import logging
import os
import re
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timezone
from html import escape
from pathlib import Path

from .. import review_types
from ..render import Rendered, bytecode_cache, template_file
from . import WriterError, pandoc, site_csp, site_nav, site_sanitise, site_tracker

_SECTION = re.compile(r'<section id="([^"]+)" class="level1[^"]*">')
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>\s*", re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'href="#([^"]+)"')
TRACKER = "tracker.md"
SUMMARY = "executive-summary.md"
DEFAULT_CONFIG = Path(__file__).with_name("site_mkdocs.yml")
PRINT_SLOT = '<div class="casereview-print-slot"></div>'
FILE_WORKER = "casereview-worker.js"


@dataclass
class Page:
    file: str
    title: str            # as HTML text, like `menu`
    html: str
    anchor: str = ""      # the section's, `sec-<id>`
    menu: str = ""        # its title in the menu, when shorter than `title`


def write(rendered: Rendered, stage: Path, reading: Future | None = None,
          live=None) -> list[Path]:
    """`reading`: pandoc's output for this and other formats from one reading of the Markdown
    (the pipeline's), else this writer converts on its own. `live`: the preview's record of
    this build (site_preview.py), which then rebuilds only the pages an edit changes."""
    docs, site = stage / "site-docs", stage / "site"
    reading = reading or pandoc.write(rendered.markdown, pandoc_outputs(rendered),
                                      rendered.media)
    summarising = rendered.summary and pandoc.write(rendered.summary.markdown,
                                                    pandoc_outputs(rendered.summary),
                                                    rendered.summary.media)
    docs.mkdir(parents=True, exist_ok=True)
    config = _config(rendered, docs, site)           # mkdocs loads while pandoc converts
    if live:
        live.attach(config)
    html = reading.result()["html"].decode("utf-8")
    pages = paginate(html)
    _name_in_menu(pages, rendered)
    _write_pages(rendered, docs, pages)
    summary = [_write_summary(rendered, docs, summarising.result()["html"].decode("utf-8"))] \
        if summarising else []
    with _reproducible(rendered):
        _mkdocs(config, docs, summary + pages)      # the summary first in the menu
    if live:
        live.built(rendered, html, pages)
    _fill_print_page(site / "print.html", pages)
    refused = site_csp.secure(site, theme_copies(site))   # privacy gate, then the CSP
    if refused:
        raise SiteError("\n".join(refused))
    return [site / "index.html"]


def pandoc_outputs(rendered: Rendered) -> dict[str, pandoc.Output]:
    """What pandoc writes for the site: one HTML fragment, notes at the end of each section."""
    return {"html": pandoc.Output("html5", {"section_divs": True, "wrap_text": "wrap-none",
                                            "reference_location": "end-of-section"})}


def _fill_print_page(path: Path, pages: list[Page]) -> None:
    """The whole report goes into the printable page after mkdocs has built it: the HTML
    is final already, and mkdocs would only parse it all a second time."""
    html = path.read_text(encoding="utf-8")
    whole = "\n".join(p.html for p in pages)
    path.write_text(html.replace(PRINT_SLOT, whole, 1), encoding="utf-8")


def paginate(html: str) -> list[Page]:
    """One page per top-level section, sanitised; links to another page's anchors rewritten."""
    html = site_sanitise.clean(html)
    starts = [m.start() for m in _SECTION.finditer(html)]
    chunks = [html[a:b] for a, b in zip(starts, starts[1:] + [len(html)])]
    pages = []
    for i, chunk in enumerate(chunks, start=1):
        section_id = _SECTION.match(chunk)[1]
        title = re.sub(r"<[^>]+>", "", _H1.search(chunk)[1]).strip()
        pages.append(Page(f"{i:02d}-{section_id.removeprefix('sec-')}.md", title, chunk,
                          section_id))
    owner = {anchor: page.file for page in pages for anchor in _ID.findall(page.html)}
    for page in pages:
        page.html = _HREF.sub(lambda m: _link(m[1], page.file, owner), page.html)
    return pages


def _link(anchor: str, here: str, owner: dict[str, str]) -> str:
    page = owner.get(anchor, here)
    target = "" if page == here else page.replace(".md", ".html")
    return f'href="{target}#{anchor}"'


def _name_in_menu(pages: list[Page], rendered: Rendered) -> None:
    """A section's menu title after its number as the page shows it ("15. ", "Appendix A: ";
    front matter has none)."""
    menus = {s.anchor: s.section.menu_title for s in rendered.outline}
    for page in pages:
        if page.anchor in menus:
            number = re.match(r"\d+\.\s+|Appendix [^:]+:\s+", page.title)
            page.menu = (number[0] if number else "") + escape(menus[page.anchor], quote=False)


def _write_pages(rendered: Rendered, docs: Path, pages: list[Page]) -> None:
    mark = _mark(rendered)
    for page in pages:
        _write_page(docs, page, mark)
    (docs / "index.md").write_text(mark + _index(rendered, pages), encoding="utf-8")
    if rendered.board is not None and rendered.board.rows:
        (docs / TRACKER).write_text(f"{mark}# Recommendations tracker\n\n"
                                    f"{site_tracker.page(rendered.board)}\n", encoding="utf-8")
    (docs / "print.md").write_text(f"---\nsearch:\n  exclude: true\n---\n\n{mark}# {escape(rendered.title)}"
                                   f" (printable)\n\n{PRINT_SLOT}\n", encoding="utf-8")
    _write_media(docs, rendered.media)
    for asset in ("casereview.css", "casereview.js", FILE_WORKER):
        (docs / asset).write_bytes(template_file(rendered.workspace, f"site/{asset}").read_bytes())


def _mark(rendered: Rendered) -> str:
    return f'<div class="casereview-mark" role="note">{escape(rendered.mark)}</div>\n\n' \
        if rendered.mark else ""


def _write_page(docs: Path, page: Page, mark: str) -> None:
    body = _H1.sub("", page.html, count=1)
    # the browser's tab and history keep the whole title when the menu has a short one
    meta = f"---\ntitle: {json.dumps(page.title)}\n---\n\n" if page.menu else ""
    (docs / page.file).write_text(f"{meta}{mark}# {page.title}\n\n{body}\n", encoding="utf-8")


def _write_media(docs: Path, media: dict[str, bytes]) -> None:
    for name, data in media.items():
        (docs / name).parent.mkdir(exist_ok=True)
        (docs / name).write_bytes(data)


def _write_summary(rendered: Rendered, docs: Path, html: str) -> Page:
    """The executive summary's page, from its own rendering: a document apart, so neither
    among the report's pages nor on the printable one."""
    page = paginate(html)[0]
    page.file = SUMMARY
    _write_page(docs, page, _mark(rendered))
    _write_media(docs, rendered.summary.media)
    return page


def _index(rendered: Rendered, pages: list[Page]) -> str:
    info = rendered.info
    # a draft says what it is: a publication date it may already know is only a plan
    published = (f"<p>Status: {info.status.capitalize()}</p>\n" if rendered.draft
                 else f"<p>Published {info.dates.publication}</p>\n" if info.dates.publication
                 else "")
    summary = [f"- [{escape(rendered.summary.document)}]({SUMMARY})"] if rendered.summary else []
    links = "\n".join(summary + [f"- [{p.title}]({p.file})" for p in pages])
    tracker = "[Recommendations tracker](tracker.md)\n\n" if rendered.board and rendered.board.rows else ""
    return (f"# {rendered.title}\n\n<div class=\"casereview-title\">\n"
            f"<p>{escape(review_types.subtitle(info))}</p>\n{_labels(info)}"
            f"<p class=\"version\">{escape(info.version)}</p>\n"
            f"{published}</div>\n\n## Contents\n\n{links}\n\n{tracker}"
            "[The whole report on one page, for printing](print.md)\n")


def _labels(info) -> str:
    """The second label and the case code, as the title page gives them, when there are."""
    lines = [review_types.second_label(info), *review_types.reference(info)]
    return "".join(f"<p>{escape(line)}</p>\n" for line in lines if line)


def _config(rendered: Rendered, docs: Path, site: Path):
    """The site's mkdocs configuration: the workspace's mkdocs.yml or the packaged one, with
    casereview's pages, styles and plugin."""
    from mkdocs.config import load_config

    config_file = _config_file(rendered)
    with _mkdocs_errors(config_file):
        # absolute: mkdocs reads relative folders as relative to mkdocs.yml, not to here
        config = load_config(str(config_file), docs_dir=str(docs.resolve()),
                             site_dir=str(site.resolve()),
                             site_name=None if config_file != DEFAULT_CONFIG else rendered.title)
    config.plugins["casereview"] = _plugin()
    # casereview's theme overrides, below the workspace's own (theme.custom_dir)
    material = next(i for i, d in enumerate(config.theme.dirs) if Path(d).name == "templates"
                    and Path(d).parent.name == "material")
    config.theme.dirs[material:material] = _overrides(rendered)
    config.extra_css = list(config.extra_css) + ["casereview.css"]
    config.extra_javascript = list(config.extra_javascript) + ["casereview.js"]
    return config


def _overrides(rendered: Rendered) -> list[str]:
    """The theme templates casereview changes (the 404 page); a workspace may override them
    in its templates/site/overrides/ like any other of casereview's templates."""
    dirs = [template_file(None, "site/overrides/404.html").parent]
    own = rendered.workspace / "templates" / "site" / "overrides" if rendered.workspace else None
    return [str(d) for d in ([own] if own and own.is_dir() else []) + dirs]


def _mkdocs(config, docs: Path, pages: list[Page]) -> None:
    from mkdocs.commands.build import build

    tracker = [{"Recommendations tracker": TRACKER}] if (docs / TRACKER).exists() else []
    config.nav = [{"Overview": "index.md"}] + [{p.menu or p.title: p.file} for p in pages] + \
        tracker + [{"Printable version": "print.md"}]
    with _mkdocs_errors(None):
        build(config)


def _plugin():
    """What casereview adds to mkdocs: the theme's templates come from the compiled-template
    cache the rendering uses (mkdocs would compile all 37 of material's on every build)."""
    from mkdocs.plugins import BasePlugin, event_priority

    class CaseReview(BasePlugin):
        @event_priority(-100)       # after the offline plugin's
        def on_config(self, config):
            # its worker shim comes from another host: the site's own file instead
            shims = config.extra.get("polyfills") or []
            if any("iframe-worker" in str(shim) for shim in shims):
                config.extra["polyfills"] = [s for s in shims if "iframe-worker" not in str(s)] \
                    + [FILE_WORKER]
            return config

        def on_env(self, env, config, files):
            env.bytecode_cache = bytecode_cache()
            return env

        def on_page_content(self, html, page, config, files):
            # the pages are HTML already: mkdocs' Markdown sees none of their sub-headings
            from mkdocs.structure.toc import TableOfContents, get_toc
            headings = get_toc(site_nav.contents(html)).items
            top = next(iter(page.toc), None)
            if top is not None and top.level == 1:    # the page's title: the skip link's aim
                top.children = headings
            else:
                page.toc = TableOfContents(headings)
            return html
    return CaseReview()


class SiteError(WriterError):
    """mkdocs could not build the site; the message names mkdocs.yml's line when it is at fault."""


@contextmanager
def _mkdocs_errors(config_file: Path | None):
    """mkdocs logs each error, then raises one exception counting them: turn what it logged
    into messages (naming mkdocs.yml's line while `config_file` is being loaded) and keep it
    off the terminal."""
    from mkdocs.exceptions import MkDocsException

    logger, said = logging.getLogger("mkdocs"), []
    catcher = logging.Handler(logging.ERROR)
    catcher.emit = lambda record: said.append(record.getMessage())
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.ERROR)
    logger.addHandler(catcher)
    logger.propagate = False
    try:
        yield
    except MkDocsException as exc:
        if config_file is None:
            raise SiteError(f"mkdocs could not build the site: {'; '.join(said) or exc}") from None
        raise SiteError(_config_message(config_file, said) if said else
                        _yaml_message(config_file, exc) or
                        f"mkdocs could not read {config_file.name}: {exc}") from None
    finally:
        logger.removeHandler(catcher)
        logger.setLevel(level)
        logger.propagate = propagate


def _yaml_message(config_file: Path, exc: Exception) -> str | None:
    import yaml

    cause = exc.__cause__ or exc.__context__
    if not isinstance(cause, yaml.MarkedYAMLError) or cause.problem_mark is None:
        return None
    mark = cause.problem_mark
    return (f"{config_file.name}:{mark.line + 1}:{mark.column + 1}: not valid YAML: "
            f"{cause.problem}; correct it in {config_file.name}")


_CONFIG_VALUE = re.compile(r"Config value '([^']+)': (.*)", re.S)


def _config_message(config_file: Path, said: list[str]) -> str:
    text = config_file.read_text(encoding="utf-8")
    lines = []
    for message in said:
        found = _CONFIG_VALUE.match(message)
        key, why = (found[1], found[2]) if found else ("", message)
        at = re.search(rf"^{re.escape(key.split('.')[0])}\s*:", text, re.M) if key else None
        line = text.count("\n", 0, at.start()) + 1 if at else 1
        lines.append(f"{config_file.name}:{line}: {key + ': ' if key else ''}{why.rstrip('.')}; "
                     f"correct it in {config_file.name}, or delete the file to use casereview's "
                     "site defaults")
    return "\n".join(lines)


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


def _config_file(rendered: Rendered) -> Path:
    """The workspace's mkdocs.yml, else the packaged one (never one that happens to lie in
    the folder the build was started from)."""
    own = rendered.workspace / "mkdocs.yml" if rendered.workspace else None
    return own if own and own.is_file() else DEFAULT_CONFIG


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

"""The site rebuilt in place for the live preview (`casereview serve`), page by page.

A full build (site.write) hands this record mkdocs' configuration, pages, navigation and
theme as it builds. After an edit, the preview asks pandoc only for the sections whose
Markdown changed (site_sections.py), writes the pages' sources as a build does, and has
mkdocs render again, with the same theme and navigation, only the pages whose source
changed; the printable page is filled again, and the pages rewritten pass the privacy gate
and get their Content-Security-Policy as in a full build. Whatever changes more than pages
(a title in the menu, the tracker page appearing, an image) needs a full build: `update`
says so by returning None."""
from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

from ..render import Rendered
from . import site, site_csp, site_sections

PRINT = "print.md"


class LiveSite:
    """One full build of the preview's site, kept to rebuild its pages one by one."""

    def __init__(self):
        self.config = self.files = self.nav = self.env = None
        self.sections = site_sections.Sections(site.pandoc_outputs(None))
        self.texts: dict[str, str] = {}      # each page's source as last written
        self.shape: tuple = ()               # what only a full build changes
        self.print_page = ""                 # print.html before the report is put in it
        self.converted = 0                   # sections pandoc converted in the last update

    def attach(self, config) -> None:
        """Called by site.write with the configuration mkdocs is about to build from."""
        self.config = config
        config.plugins["casereview-preview"] = _keeper(self)

    def built(self, rendered: Rendered, html: str, pages: list[site.Page]) -> None:
        """Called by site.write once mkdocs has built the site, before the printable page
        is filled: what the next update compares with."""
        self.sections.remember(rendered.markdown, html)
        self.print_page = self._print_file.read_text(encoding="utf-8")
        self.texts = self._sources()
        self.shape = _shape(rendered, pages)

    def update(self, rendered: Rendered, writing=nullcontext()) -> list[str] | None:
        """Rebuild the pages the rendering changed, in place; their sources' names (none:
        nothing changed), or None when only a full build can show the change. `writing` is
        held while the site's files change."""
        if self.env is None:
            return None
        html, self.converted = self.sections.html(rendered.markdown, rendered.media)
        pages = site.paginate(html)
        site._name_in_menu(pages, rendered)
        if _shape(rendered, pages) != self.shape:
            return None
        site._write_pages(rendered, self._docs, pages)
        texts = self._sources()
        changed = sorted(name for name, text in texts.items() if self.texts.get(name) != text)
        if not changed:
            return []
        self.texts = texts
        with writing:
            self._render(rendered, changed)
            self._fill_print_page(pages)
            rewritten = [self._output(name) for name in changed if name != PRINT]
            refused = site_csp.secure(self._site, files=rewritten + [self._print_file])
        if refused:
            self.env = None              # pages were left without their policy: build again
            raise site.SiteError("\n".join(refused))
        return changed

    def _render(self, rendered: Rendered, changed: list[str]) -> None:
        """mkdocs' own steps for one page, as its build takes them for each: read and
        convert the source, then render it through the theme."""
        from mkdocs.commands.build import _build_page, _populate_page

        pages = self.files.documentation_pages()
        with site._reproducible(rendered), site._mkdocs_errors(None):
            for name in changed:
                page = self.files.get_file_from_path(name).page
                _populate_page(page, self.config, self.files)
                _build_page(page, self.config, pages, self.nav, self.env)
        if PRINT in changed:          # its frame changed (the draft mark): keep the new one
            self.print_page = self._print_file.read_text(encoding="utf-8")

    def _fill_print_page(self, pages: list[site.Page]) -> None:
        self._print_file.write_text(self.print_page, encoding="utf-8")
        site._fill_print_page(self._print_file, pages)

    def refresh_search(self, writing=nullcontext()) -> None:
        """The search index again from every page as now built (the theme's search plugin
        writes it once per build, from the pages it has seen)."""
        search = next((p for p in self.config.plugins.values() if hasattr(p, "search_index")),
                      None)
        if search is None:          # mkdocs.yml turned search off
            return
        search.search_index.entries = []
        for file in self.files.documentation_pages():
            search.search_index.add_entry_from_context(file.page)
        with writing, site._mkdocs_errors(None):
            self.config.plugins.on_post_build(config=self.config)
            index = self._site / "search"
            refused = site_csp.secure(self._site, files=sorted(index.glob("search_index.*")))
        if refused:
            self.env = None
            raise site.SiteError("\n".join(refused))

    def _sources(self) -> dict[str, str]:
        return {path.name: path.read_text(encoding="utf-8")
                for path in sorted(self._docs.glob("*.md"))}

    def _output(self, name: str) -> Path:
        return self._site / name.replace(".md", ".html")

    @property
    def _docs(self) -> Path:
        return Path(self.config.docs_dir)

    @property
    def _site(self) -> Path:
        return Path(self.config.site_dir)

    @property
    def _print_file(self) -> Path:
        return self._output(PRINT)


def _shape(rendered: Rendered, pages: list[site.Page]) -> tuple:
    """What every page shows besides its own content, or what only a full build writes:
    the menu, the site's title, the tracker page, the images, the executive summary's page."""
    tracker = bool(rendered.board is not None and rendered.board.rows)
    return (rendered.title, tracker, tuple((p.file, p.title, p.menu) for p in pages),
            tuple(sorted(rendered.media.items())), _summary(rendered))


def _summary(rendered: Rendered) -> tuple:
    """The executive summary's page is written by a full build only."""
    own = rendered.summary
    return (own.markdown, tuple(sorted(own.media.items()))) if own else ()


def _keeper(live: LiveSite):
    """A plugin that keeps, for `live`, the files, navigation and theme mkdocs builds with."""
    from mkdocs.plugins import BasePlugin

    class Keeper(BasePlugin):
        def on_nav(self, nav, config, files):
            live.nav, live.files = nav, files

        def on_env(self, env, config, files):
            live.env = env
    return Keeper()

"""What a workspace's mkdocs.yml may ask of a build. mkdocs.yml is a file of the workspace, so
it is held to the workspace's rules: it may lay the site out as the partnership likes, but not
run code, read files from outside the workspace or reach another host while the site is built.

Refused, each at its line:
- `hooks:` — mkdocs runs the Python files it names;
- `INHERIT:` and `theme.custom_dir:` that lead outside the workspace (their files would be
  read and published);
- Markdown extensions and plugins other than those known to do none of the above
  (`pymdownx.snippets` and `b64` read files named in the text; the social and privacy
  plugins fetch from other hosts while building; an unknown one may do anything).
casereview's pages are HTML already, so no extension is needed for the report itself.
"""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from ..load import dotted

FILE = "mkdocs.yml"
EXTENSIONS = {
    "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html",
    "tables", "toc", "codehilite", "legacy_attrs", "legacy_em", "meta", "nl2br", "sane_lists",
    "smarty", "wikilinks", "extra",
    "pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.caret", "pymdownx.critic",
    "pymdownx.details", "pymdownx.emoji", "pymdownx.escapeall", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.magiclink", "pymdownx.mark",
    "pymdownx.progressbar", "pymdownx.saneheaders", "pymdownx.smartsymbols",
    "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
    "pymdownx.fancylists", "pymdownx.blocks.admonition", "pymdownx.blocks.details",
    "pymdownx.blocks.tab",
}
PLUGINS = {"search", "material/search", "offline", "material/offline", "tags", "material/tags"}


def refusals(data: dict, where, root: Path) -> list[Diagnostic]:
    """Every setting of mkdocs.yml (its `data`) the build refuses; `where(path)` gives the
    line and column of a key."""
    def refuse(path: tuple, message: str, hint: str) -> Diagnostic:
        return Diagnostic(FILE, *where(path), dotted(path), message, hint)

    out = []
    if "hooks" in data:
        out.append(refuse(("hooks",), "hooks run Python files at every build",
                          "remove `hooks:`; casereview builds the site itself"))
    for path, value in (("INHERIT",), data.get("INHERIT")), (("theme", "custom_dir"), _theme(
            data).get("custom_dir")):
        if isinstance(value, str) and not _inside(root, value):
            out.append(refuse(path, f"`{value}` is outside the workspace",
                              "keep the file or folder inside the workspace and give its path "
                              "from mkdocs.yml's folder"))
    out += [refuse(path, f"the Markdown extension `{name}` is not allowed: it may read files, "
                   "reach other hosts or run code", "remove it; the allowed ones only change "
                   "the layout (e.g. admonition, attr_list, toc)")
            for path, name in _named(data, "markdown_extensions") if _bare(name) not in EXTENSIONS]
    out += [refuse(path, f"the plugin `{name}` is not allowed: it may read files, reach other "
                   "hosts or run code while the site is built",
                   "remove it; allowed: " + ", ".join(sorted(PLUGINS)))
            for path, name in _named(data, "plugins") if name not in PLUGINS]
    return out


def _theme(data: dict) -> dict:
    theme = data.get("theme")
    return theme if isinstance(theme, dict) else {}


def _inside(root: Path, value: str) -> bool:
    root = root.resolve()
    return not Path(value).is_absolute() and (root / value).resolve().is_relative_to(root)


def _named(data: dict, key: str) -> list[tuple[tuple, str]]:
    """(path, name) of each entry of a list of names or of {name: options}, or of a mapping
    of name: options."""
    value = data.get(key) or []
    if isinstance(value, dict):
        return [((key, name), str(name)) for name in value]
    if not isinstance(value, list):
        return []
    return [((key, i), str(next(iter(v)) if isinstance(v, dict) and v else v))
            for i, v in enumerate(value)]


def _bare(name: str) -> str:
    return name.removeprefix("markdown.extensions.")

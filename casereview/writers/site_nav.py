"""The page contents on the right of the site: every sub-heading of a page, which mkdocs'
Markdown cannot see because casereview's pages are HTML already."""
from __future__ import annotations

from html import escape

from selectolax.lexbor import LexborHTMLParser

HEADINGS = "h2, h3, h4, h5, h6"


def contents(html: str) -> list[dict]:
    """The page's sub-headings as mkdocs' table-of-contents tokens (level, id, name,
    children), nested by level. pandoc puts a heading's id on the <section> it opens,
    so that id is the heading's anchor; a heading with neither is left out (no link)."""
    top: list[dict] = []
    open_: list[dict] = []
    for node in LexborHTMLParser(html).css(HEADINGS):
        anchor = node.id or _section_id(node)
        if not anchor:
            continue
        level = int(node.tag[1])
        token = {"level": level, "id": anchor, "name": escape(node.text(strip=True), quote=False),
                 "children": []}
        while open_ and open_[-1]["level"] >= level:
            open_.pop()
        (open_[-1]["children"] if open_ else top).append(token)
        open_.append(token)
    return top


def _section_id(heading) -> str | None:
    parent = heading.parent
    if parent is not None and parent.tag == "section" and \
            f"level{heading.tag[1]}" in (parent.attributes.get("class") or "").split():
        return parent.id
    return None

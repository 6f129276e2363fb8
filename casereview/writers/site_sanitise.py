"""The site's pages hold only the HTML pandoc writes for a report: every element and attribute
outside that set is removed by nh3 (the Ammonia sanitiser) before mkdocs sees the pages.

pandoc already writes the review's text as text (writers/text_only.lua shows raw markup as
the characters written): this is the second lock, for whatever a template override, a filter
or a future pandoc adds. Only ids, classes, the roles and widths pandoc uses, and addresses
of the kinds a reader follows survive; no script, style sheet, frame, form or event handler.
"""
from __future__ import annotations

import nh3

from ..text_rules import LINK_SCHEMES   # the addresses check lets a link have

TAGS = {"section", "div", "aside", "p", "h1", "h2", "h3", "h4", "h5", "h6", "span", "a", "em",
        "strong", "sup", "sub", "code", "pre", "blockquote", "ol", "ul", "li", "dl", "dt", "dd",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
        "hr", "br", "img", "figure", "figcaption", "del", "ins", "s", "u", "mark", "small",
        "q", "cite", "abbr", "kbd", "samp", "var"}
COMMON = {"id", "class", "lang", "dir", "role", "aria-hidden", "aria-label", "title"}
ATTRIBUTES = {
    "*": COMMON,
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"type", "start", "reversed"},
    "col": {"style", "span"}, "th": {"style", "scope", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
}
# the only style pandoc writes: column widths and cell alignment (no url(), no position)
STYLE_PROPERTIES = {"width", "text-align"}


def clean(html: str) -> str:
    """The HTML with everything outside pandoc's report vocabulary removed."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=LINK_SCHEMES,
                     filter_style_properties=STYLE_PROPERTIES, link_rel=None,
                     strip_comments=True)

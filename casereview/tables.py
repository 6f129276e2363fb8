"""Tables of the rendering as pandoc grid tables: each cell may hold paragraphs and lists (an
action plan's actions are a real list in every format), the table has a caption and an id, and
each column's share of the width is the template's choice, not its content's.

pandoc takes a grid table's relative column widths from the characters each column spans, so
every cell's Markdown is wrapped to its column; a column is widened for a word that will not
wrap (a long link or number).
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

LINE = 220          # characters across the whole table: wide enough that few words need more room
_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)]|[ivxlc]+[.)])\s+", re.I)


@dataclass(frozen=True)
class Column:
    header: str
    share: int          # percent of the table's width
    align: str = "left"     # or "center"


def grid_table(columns: list[Column], rows: list[list[str]], caption: str = "",
               ident: str = "") -> str:
    """The rows (each cell pandoc Markdown, blocks allowed) as a grid table under a header
    row, with `Table: caption {#ident}` after it."""
    widths = _widths(columns, [[c.header for c in columns], *rows])
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    head_rule = "+" + "+".join(":" + "=" * w + (":" if c.align == "center" else "=")
                               for c, w in zip(columns, widths)) + "+"
    out = [rule, *_row([c.header for c in columns], widths), head_rule]
    for row in rows:
        out += [*_row(row, widths), rule]
    attributes = f" {{#{ident}}}" if ident else ""
    if caption or ident:
        out += ["", f": {_one_line(caption)}{attributes}"]
    return "\n".join(out) + "\n"


def _widths(columns: list[Column], rows: list[list[str]]) -> list[int]:
    total = sum(c.share for c in columns) or 1
    widths = [max(3, round(LINE * c.share / total)) for c in columns]
    for row in rows:
        for i, text in enumerate(row):
            longest = max((len(word) + 4 for word in text.split()), default=0)
            widths[i] = max(widths[i], longest)
    return widths


def _row(cells: list[str], widths: list[int]) -> list[str]:
    wrapped = [_wrap(text, width) for text, width in zip(cells, widths)]
    height = max(len(lines) for lines in wrapped)
    return ["| " + " | ".join((lines[i] if i < len(lines) else "").ljust(width)
                              for lines, width in zip(wrapped, widths)) + " |"
            for i in range(height)]


def _wrap(markdown: str, width: int) -> list[str]:
    """The cell's Markdown as lines of at most `width` characters: paragraphs and list items
    re-wrapped at spaces, blank lines between blocks kept, a list item's continuation lines
    (and the lines after a hard line break) indented under its text."""
    lines: list[str] = []
    for block in _blocks(markdown):
        item = _ITEM.match(block)
        indent = " " * (item.end() if item else len(block) - len(block.lstrip()))
        first, *after_breaks = block.split("\n")
        lines += textwrap.wrap(first, width, subsequent_indent=indent, break_long_words=False,
                               break_on_hyphens=False) or [""]
        for part in after_breaks:
            lines += textwrap.wrap(part, width, initial_indent=indent, subsequent_indent=indent,
                                   break_long_words=False, break_on_hyphens=False)
    return lines or [""]


def _blocks(markdown: str) -> list[str]:
    """Paragraphs and list items, each joined into one line ("" between paragraphs); a hard
    line break stays a backslash and a newline."""
    out: list[str] = []
    for line in markdown.strip().splitlines():
        if not line.strip():
            if out and out[-1]:
                out.append("")
        elif _ITEM.match(line) or not out or not out[-1]:
            out.append(line.rstrip())
        elif out[-1].endswith("\\"):
            out[-1] += "\n" + line.strip()
        else:
            out[-1] += " " + line.strip()
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- action plans: the columns of each layout, rows grouped by theme -------------------------

PLAN_COLUMNS = {
    "standard": [Column("No.", 5), Column("Recommendation", 16), Column("Desired outcome", 13),
                 Column("Actions", 22), Column("Lead", 11), Column("Deadline", 13),
                 Column("Outcome measure", 11), Column("Status", 9)],
    # the Home Office DHR action plan template's, in its order
    "home_office": [Column("Recommendation", 20), Column("Scope", 7), Column("Action", 21),
                    Column("Lead agency", 11), Column("Key milestones", 17),
                    Column("Target date", 10), Column("Date of completion and outcome", 14)],
}
OTHER_THEME = "Other"


def plan_groups(plan, titles: dict[str, str]) -> list[tuple[str, list]]:
    """The plan's rows as (sub-heading, rows): one group with no heading unless the plan is
    grouped by theme; then a group per row's first theme (its title when the theme is an id
    of review/analysis.yml's), in the order the rows first name them, rows without one under
    "Other", last."""
    if plan.group_by != "theme":
        return [("", list(plan.rows))]
    groups: dict[str, list] = {}
    for row in plan.rows:
        theme = titles.get(row.themes[0], row.themes[0]) if row.themes else OTHER_THEME
        groups.setdefault(theme, []).append(row)
    other = groups.pop(OTHER_THEME, None)
    return [*groups.items(), *([(OTHER_THEME, other)] if other else [])]
